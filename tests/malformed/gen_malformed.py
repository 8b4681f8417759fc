#!/usr/bin/env python3
"""gen_malformed.py - write small hostile capture files for vxdiag (hardening note 2, §6.3).

Usage: gen_malformed.py OUTDIR

Writes every case file into OUTDIR plus OUTDIR/cases.tsv with the columns
    file <TAB> expect <TAB> description
where expect is
    exit2  the file header itself is unusable: vxdiag must exit 2 with a one-line error;
    ok     vxdiag must exit 0 (possibly reporting a capture_problem finding).

Python 3 standard library only, no network, deterministic: the same OUTDIR contents on
every run (fixed timestamps, fixed "random" values, gzip mtime 0).

Traffic uses the same addressing as ../shared/bench/gen_voip_pcap.py so the deeper
parsers are reached: phones 192.168.10.x:5060 talk SIP to the VoiceX server
35.79.95.220:5080 (UDP), RTP phone 16384+ <-> server 10000-20000, RTCP on RTP port + 1.
Most "ok" files carry a complete, valid call (INVITE/SDP ... BYE with RTP and RTCP) around
the hostile packet(s), so the analyzer has state when it meets them.
"""

import gzip
import os
import struct
import sys

T0 = 1717383600  # 2024-06-03 03:00:00 UTC, as in the bench generator

PHONE = "192.168.10.10"
PHONE2 = "192.168.10.11"
SERVER = "35.79.95.220"
SERVER2 = "52.69.142.129"
NAT = "203.0.113.45"
MAC_PHONE = bytes.fromhex("001a2b3c4d10")
MAC_GW = bytes.fromhex("0050569a0001")

SIP_PHONE_PORT = 5060
SIP_SERVER_PORT = 5080
RTP_PHONE = 16384
RTP_SERVER = 12000

# --------------------------------------------------------------------------- helpers


class Rng:
    """Tiny deterministic LCG (no dependency on random's algorithm across versions)."""

    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return self.s >> 33

    def below(self, n):
        return self.next() % n


def ip4(s):
    return bytes(int(x) for x in s.split("."))


def ip6(s):
    # only the fully written-out form used below ("2001:db8:0:0:0:0:0:1")
    parts = s.split(":")
    return b"".join(struct.pack("!H", int(p, 16)) for p in parts)


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def eth(payload, ethertype=0x0800, vlans=(), src=MAC_PHONE, dst=MAC_GW):
    hdr = dst + src
    for vid in vlans:
        hdr += struct.pack("!HH", 0x8100, vid & 0x0FFF)
    return hdr + struct.pack("!H", ethertype) + payload


_ip_id = [0x1000]


def ipv4(src, dst, proto, payload, ihl=5, version=4, total_len=None, ident=None,
         mf=False, df=False, frag_off=0, ttl=64, options=b""):
    """IPv4 header + payload. frag_off is in 8-byte units. ihl/version/total_len may lie."""
    if ident is None:
        _ip_id[0] = (_ip_id[0] + 1) & 0xFFFF
        ident = _ip_id[0]
    real_ihl = 5 + len(options) // 4
    if total_len is None:
        total_len = real_ihl * 4 + len(payload)
    flags = (0x2000 if mf else 0) | (0x4000 if df else 0) | (frag_off & 0x1FFF)
    hdr = struct.pack("!BBHHHBBH4s4s", ((version & 0xF) << 4) | (ihl & 0xF), 0,
                      total_len & 0xFFFF, ident, flags, ttl, proto, 0, ip4(src), ip4(dst))
    hdr += options
    c = csum(hdr)
    hdr = hdr[:10] + struct.pack("!H", c) + hdr[12:]
    return hdr + payload


def udp(sport, dport, payload, length=None):
    if length is None:
        length = 8 + len(payload)
    return struct.pack("!HHHH", sport, dport, length & 0xFFFF, 0) + payload  # csum 0: allowed (v4)


def udp6(src, dst, sport, dport, payload):
    length = 8 + len(payload)
    pseudo = ip6(src) + ip6(dst) + struct.pack("!IxxxB", length, 17)
    hdr = struct.pack("!HHHH", sport, dport, length, 0)
    c = csum(pseudo + hdr + payload) or 0xFFFF
    return struct.pack("!HHHH", sport, dport, length, c) + payload


def tcp(src, dst, sport, dport, seq, ack, flags, payload=b"", window=64240):
    off = 5
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                      off << 4, flags, window, 0, 0)
    pseudo = ip4(src) + ip4(dst) + struct.pack("!xBH", 6, len(hdr) + len(payload))
    c = csum(pseudo + hdr + payload)
    return hdr[:16] + struct.pack("!H", c) + hdr[18:] + payload


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def udp4_frame(src, dst, sport, dport, payload, **ipkw):
    return eth(ipv4(src, dst, 17, udp(sport, dport, payload), **ipkw))


# --------------------------------------------------------------------------- SIP / SDP


def sdp(addr, port, sess_id=4711, extra=b""):
    body = ("v=0\r\n"
            "o=- %d %d IN IP4 %s\r\n"
            "s=-\r\n"
            "c=IN IP4 %s\r\n"
            "t=0 0\r\n"
            "m=audio %d RTP/AVP 0 8 101\r\n"
            "a=rtpmap:0 PCMU/8000\r\n"
            "a=rtpmap:8 PCMA/8000\r\n"
            "a=rtpmap:101 telephone-event/8000\r\n"
            "a=fmtp:101 0-16\r\n"
            "a=ptime:20\r\n"
            "a=sendrecv\r\n") % (sess_id, sess_id, addr, addr, port)
    return body.encode() + extra


def sip_request(method, call_id, cseq, branch, body=b"", content_length=None,
                extra_headers=(), from_tag="a73kszlfl", to_tag=None, ruri=None,
                via_host=PHONE, via_port=SIP_PHONE_PORT, transport="UDP"):
    ruri = ruri or "sip:+81312345678@%s:%d" % (SERVER, SIP_SERVER_PORT)
    to = "<sip:+81312345678@%s>" % SERVER + (";tag=%s" % to_tag if to_tag else "")
    lines = [
        "%s %s SIP/2.0" % (method, ruri),
        "Via: SIP/2.0/%s %s:%d;branch=z9hG4bK%s;rport" % (transport, via_host, via_port, branch),
        "Max-Forwards: 70",
        "From: \"Desk 110\" <sip:110@%s>;tag=%s" % (SERVER, from_tag),
        "To: %s" % to,
        "Call-ID: %s" % call_id,
        "CSeq: %d %s" % (cseq, method),
        "Contact: <sip:110@%s:%d;transport=%s>" % (PHONE, SIP_PHONE_PORT, transport.lower()),
        "User-Agent: Yealink SIP-T46U 108.86.0.20",
    ]
    lines += list(extra_headers)
    if body:
        lines.append("Content-Type: application/sdp")
    if content_length is None:
        content_length = str(len(body))
    if content_length is not False:
        lines.append("Content-Length: %s" % content_length)
    head = "\r\n".join(lines).encode() + b"\r\n\r\n"
    return head + body


def sip_response(code, reason, call_id, cseq, method, branch, body=b"", content_length=None,
                 from_tag="a73kszlfl", to_tag="8f3e2a1", extra_headers=()):
    lines = [
        "SIP/2.0 %d %s" % (code, reason),
        "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK%s;received=%s;rport=%d"
        % (PHONE, SIP_PHONE_PORT, branch, NAT, SIP_PHONE_PORT),
        "From: \"Desk 110\" <sip:110@%s>;tag=%s" % (SERVER, from_tag),
        "To: <sip:+81312345678@%s>;tag=%s" % (SERVER, to_tag),
        "Call-ID: %s" % call_id,
        "CSeq: %d %s" % (cseq, method),
        "Contact: <sip:+81312345678@%s:%d>" % (SERVER, SIP_SERVER_PORT),
        "Server: VoiceX-SBC/4.2",
    ]
    lines += list(extra_headers)
    if body:
        lines.append("Content-Type: application/sdp")
    if content_length is None:
        content_length = str(len(body))
    lines.append("Content-Length: %s" % content_length)
    return "\r\n".join(lines).encode() + b"\r\n\r\n" + body


# --------------------------------------------------------------------------- RTP/RTCP/STUN


def rtp(seq, ts, ssrc, pt=0, marker=False, payload=None, cc=0, csrcs=b"", pad=False, ext=False,
        raw_tail=b""):
    b0 = 0x80 | (0x20 if pad else 0) | (0x10 if ext else 0) | (cc & 0xF)
    b1 = (0x80 if marker else 0) | (pt & 0x7F)
    if payload is None:
        payload = bytes([0xFF]) * 160
    return struct.pack("!BBHII", b0, b1, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + csrcs + raw_tail \
        + payload


def rtcp_sr(ssrc, ntp_s, rtp_ts, pkts, octets, blocks=()):
    body = struct.pack("!IIIIII", ssrc, ntp_s & 0xFFFFFFFF, 0, rtp_ts & 0xFFFFFFFF, pkts, octets)
    for b in blocks:
        body += b
    length = (4 + len(body)) // 4 - 1
    return struct.pack("!BBH", 0x80 | len(blocks), 200, length) + body


def rtcp_report_block(ssrc, lost=0, highest=1000, jitter=20):
    return struct.pack("!IIIIII", ssrc, (0 << 24) | (lost & 0xFFFFFF), highest, jitter, 0, 0)


def rtcp_sdes(ssrc, cname=b"110@192.168.10.10"):
    chunk = struct.pack("!I", ssrc) + bytes([1, len(cname)]) + cname + b"\0"
    while len(chunk) % 4:
        chunk += b"\0"
    length = (4 + len(chunk)) // 4 - 1
    return struct.pack("!BBH", 0x81, 202, length) + chunk


STUN_COOKIE = 0x2112A442


def stun(msg_type, attrs, txid=b"vxdiagtxid01", length=None):
    if length is None:
        length = len(attrs)
    return struct.pack("!HHI", msg_type, length, STUN_COOKIE) + txid + attrs


def stun_attr(atype, value, length=None):
    if length is None:
        length = len(value)
    v = value
    while len(v) % 4:
        v += b"\0"
    return struct.pack("!HH", atype, length) + v


# --------------------------------------------------------------------------- file writers


def pcap_bytes(packets, magic=0xA1B2C3D4, vmaj=2, vmin=4, snaplen=65535, linktype=1,
               endian="<"):
    """packets: list of (ts_sec, ts_frac, data) or (ts_sec, ts_frac, data, caplen, origlen);
    caplen/origlen override the record header only (data is written as given)."""
    out = [struct.pack(endian + "IHHiIII", magic, vmaj, vmin, 0, 0, snaplen & 0xFFFFFFFF,
                       linktype & 0xFFFFFFFF)]
    for p in packets:
        ts, frac, data = p[0], p[1], p[2]
        caplen = p[3] if len(p) > 3 and p[3] is not None else len(data)
        origlen = p[4] if len(p) > 4 and p[4] is not None else len(data)
        out.append(struct.pack(endian + "IIII", ts & 0xFFFFFFFF, frac & 0xFFFFFFFF,
                               caplen & 0xFFFFFFFF, origlen & 0xFFFFFFFF))
        out.append(data)
    return b"".join(out)


def ng_block(btype, body, total_len=None, trailer_len=None):
    n = 12 + len(body)
    if total_len is None:
        total_len = n
    if trailer_len is None:
        trailer_len = total_len
    return struct.pack("<II", btype, total_len) + body + struct.pack("<I", trailer_len)


def ng_shb(total_len=None, trailer_len=None):
    body = struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
    return ng_block(0x0A0D0D0A, body, total_len, trailer_len)


def ng_idb(linktype=1, snaplen=262144):
    # option if_tsresol = 6 (microseconds), then opt_endofopt
    opts = struct.pack("<HH", 9, 1) + b"\x06\0\0\0" + struct.pack("<HH", 0, 0)
    return ng_block(1, struct.pack("<HHI", linktype, 0, snaplen) + opts)


def ng_epb(ifid, ts_us, data, caplen=None, origlen=None, total_len=None, trailer_len=None):
    caplen = len(data) if caplen is None else caplen
    origlen = len(data) if origlen is None else origlen
    padded = data + b"\0" * ((4 - len(data) % 4) % 4)
    body = struct.pack("<IIIII", ifid, (ts_us >> 32) & 0xFFFFFFFF, ts_us & 0xFFFFFFFF,
                       caplen, origlen) + padded
    return ng_block(6, body, total_len, trailer_len)


# --------------------------------------------------------------------------- a valid call


def call_packets(t0=T0, call_id="3c2a9f1e-77b1-4d1f@192.168.10.10", phone=PHONE,
                 rtp_phone=RTP_PHONE, rtp_server=RTP_SERVER, rtp_count=25, sdp_extra=b"",
                 with_bye=True):
    """A complete short call: list of (t_float, frame). RTP both ways every 20 ms, one RTCP
    SR+SDES per direction, then BYE / 200 OK."""
    pk = []
    inv = sip_request("INVITE", call_id, 1, "inv1", body=sdp(phone, rtp_phone, extra=sdp_extra))
    pk.append((t0 + 0.000, udp4_frame(phone, SERVER, SIP_PHONE_PORT, SIP_SERVER_PORT, inv)))
    for dt, code, reason, body in ((0.030, 100, "Trying", b""), (0.120, 180, "Ringing", b""),
                                   (1.500, 200, "OK", sdp(SERVER, rtp_server, 9001))):
        r = sip_response(code, reason, call_id, 1, "INVITE", "inv1", body=body)
        pk.append((t0 + dt, udp4_frame(SERVER, phone, SIP_SERVER_PORT, SIP_PHONE_PORT, r)))
    ack = sip_request("ACK", call_id, 1, "ack1", to_tag="8f3e2a1")
    pk.append((t0 + 1.530, udp4_frame(phone, SERVER, SIP_PHONE_PORT, SIP_SERVER_PORT, ack)))
    s_out, s_in = 0x5EED0001, 0x5EED0002
    for i in range(rtp_count):
        t = t0 + 1.6 + i * 0.020
        pk.append((t, udp4_frame(phone, SERVER, rtp_phone, rtp_server,
                                 rtp(1000 + i, 160000 + 160 * i, s_out, marker=(i == 0)))))
        pk.append((t + 0.004, udp4_frame(SERVER, phone, rtp_server, rtp_phone,
                                         rtp(5000 + i, 900000 + 160 * i, s_in, marker=(i == 0)))))
    t = t0 + 1.6 + rtp_count * 0.020
    sr = rtcp_sr(s_out, 3926372400, 160000 + 160 * rtp_count, rtp_count, 160 * rtp_count,
                 [rtcp_report_block(s_in, 0, 5000 + rtp_count - 1)]) + rtcp_sdes(s_out)
    pk.append((t, udp4_frame(phone, SERVER, rtp_phone + 1, rtp_server + 1, sr)))
    sr = rtcp_sr(s_in, 3926372400, 900000 + 160 * rtp_count, rtp_count, 160 * rtp_count,
                 [rtcp_report_block(s_out, 0, 1000 + rtp_count - 1)]) + \
        rtcp_sdes(s_in, b"sbc@35.79.95.220")
    pk.append((t + 0.002, udp4_frame(SERVER, phone, rtp_server + 1, rtp_phone + 1, sr)))
    if with_bye:
        bye = sip_request("BYE", call_id, 2, "bye1", to_tag="8f3e2a1")
        pk.append((t + 0.5, udp4_frame(phone, SERVER, SIP_PHONE_PORT, SIP_SERVER_PORT, bye)))
        ok = sip_response(200, "OK", call_id, 2, "BYE", "bye1")
        pk.append((t + 0.55, udp4_frame(SERVER, phone, SIP_SERVER_PORT, SIP_PHONE_PORT, ok)))
    return pk


def recs(timed):
    """[(t_float, frame)] -> pcap records (usec)."""
    out = []
    for item in timed:
        t, data = item[0], item[1]
        s = int(t)
        us = int(round((t - s) * 1e6))
        if us >= 1000000:
            s, us = s + 1, us - 1000000
        out.append((s, us, data) + tuple(item[2:]))
    return out


def with_call(hostile, at=1.55, **kw):
    """A valid call with the hostile [(t_offset, frame[, caplen, origlen])] merged in by time."""
    pk = call_packets(**kw)
    pk += [(T0 + h[0],) + tuple(h[1:]) for h in hostile]
    pk.sort(key=lambda x: x[0])
    return recs(pk)


def sip_udp(msg, src=PHONE, dst=SERVER, sport=SIP_PHONE_PORT, dport=SIP_SERVER_PORT):
    return udp4_frame(src, dst, sport, dport, msg)


def rtp_udp(payload, src=PHONE, dst=SERVER, sport=RTP_PHONE, dport=RTP_SERVER):
    return udp4_frame(src, dst, sport, dport, payload)


def fragment(src, dst, proto, payload, chunk, ident):
    """Split an IP payload into fragments of chunk bytes (multiple of 8)."""
    frames = []
    off = 0
    while off < len(payload):
        part = payload[off:off + chunk]
        more = off + chunk < len(payload)
        frames.append(eth(ipv4(src, dst, proto, part, ident=ident, mf=more, frag_off=off // 8)))
        off += chunk
    return frames


# --------------------------------------------------------------------------- cases

CASES = []  # (file, expect, description, bytes)


def case(name, expect, desc, data):
    assert "\t" not in desc and "\n" not in desc
    assert expect in ("ok", "exit2")
    CASES.append((name, expect, desc, data))


def build():
    call = with_call([])
    valid = pcap_bytes(call)

    # ---- baselines (must pass on any sane build) ----
    case("valid_call.pcap", "ok", "baseline: one complete valid SIP/RTP/RTCP call", valid)
    ng = ng_shb() + ng_idb() + b"".join(ng_epb(0, s * 1000000 + us, d) for s, us, d in call)
    case("valid_call.pcapng", "ok", "baseline: the same call as pcapng (SHB, IDB, EPBs)", ng)

    # ---- file header (§6.3 #1-#3) ----
    case("empty.pcap", "exit2", "0-byte file", b"")
    case("short_header_10.pcap", "exit2", "10-byte global header (truncated file header)",
         valid[:10])
    case("bad_magic.pcap", "exit2", "magic 0xdeadbeef, otherwise a valid call",
         struct.pack("<I", 0xDEADBEEF) + valid[4:])
    case("byteswapped_valid.pcap", "ok", "big-endian (byte-swapped magic) pcap, valid call",
         pcap_bytes(call, endian=">"))
    case("nsec_magic_valid.pcap", "ok", "nanosecond magic a1b23c4d, valid call",
         pcap_bytes([(s, us * 1000, d) for s, us, d in call], magic=0xA1B23C4D))
    case("version_3_0.pcap", "exit2", "pcap version 3.0 (libpcap accepts only 2.x / 543.0)",
         pcap_bytes(call, vmaj=3, vmin=0))
    case("linktype_reserved_bits.pcap", "exit2",
         "linktype field 0x00100001: reserved bits 16-25 set", pcap_bytes(call, linktype=0x00100001))
    case("linktype_147.pcap", "exit2",
         "unknown link type DLT 147 (USER0): a clear error naming the link type, exit 2",
         pcap_bytes(call, linktype=147))
    case("linktype_65000.pcap", "exit2", "link type 65000 (unassigned): a clear error naming it, exit 2",
         pcap_bytes(call, linktype=65000))

    # ---- snaplen / record lengths (§6.3 #4-#8) ----
    case("snaplen_0.pcap", "ok", "global header snaplen 0, valid call",
         pcap_bytes(call, snaplen=0))
    case("snaplen_7fffffff.pcap", "ok", "global header snaplen 0x7fffffff, valid call",
         pcap_bytes(call, snaplen=0x7FFFFFFF))
    case("snaplen_ffffffff.pcap", "ok", "global header snaplen 0xffffffff (negative as int32)",
         pcap_bytes(call, snaplen=0xFFFFFFFF))
    # snaplen 96: every SIP record of the call has caplen > snaplen (all <= 262144)
    case("caplen_gt_snaplen.pcap", "ok",
         "snaplen 96 but records with caplen up to ~900 (libpcap keeps 96 bytes, counter "
         "rec_over_snaplen)", pcap_bytes(call, snaplen=96))
    big = call[:5] + [(T0 + 1, 600000, b"\xAB" * 64, 300000, 300000)] + call[5:]
    case("caplen_300000.pcap", "ok",
         "record 6 has caplen 300000 (> 262144): stop, keep results so far, finding bad_record",
         pcap_bytes(big))
    z = call[:5] + [(T0 + 1, 600000, b"", 0, 214)] + call[5:]
    case("caplen_0.pcap", "ok", "a record with caplen 0 (len 214) mid-call", pcap_bytes(z))
    z = call[:5] + [(call[5][0], call[5][1], call[5][2], None, 0)] + call[6:]
    case("len_0.pcap", "ok", "a record with len (orig_len) 0 and caplen > 0", pcap_bytes(z))
    z = [(s, us, d, None, max(1, len(d) // 2)) if i % 3 == 0 else (s, us, d)
         for i, (s, us, d) in enumerate(call)]
    case("caplen_gt_len.pcap", "ok", "every third record has caplen > len (len = caplen/2)",
         pcap_bytes(z))
    full = pcap_bytes(call)
    case("truncated_mid_packet.pcap", "ok",
         "last record cut mid-packet (file ends 40 bytes into its data): truncated capture finding",
         full[:len(full) - len(call[-1][2]) + 40])
    case("truncated_mid_record_header.pcap", "ok", "file ends 7 bytes into a record header",
         full[:len(pcap_bytes(call[:-1])) + 7])

    # ---- timestamps (§6.3 #9) ----
    z = list(call)
    for i in range(10, 20):
        s, us, d = z[i]
        z[i] = (s - (3600 if i % 2 else 86400 * 400), us, d)
    case("ts_backwards.pcap", "ok",
         "timestamps going backwards (records 10-19 jump back 1 h / 400 days)", pcap_bytes(z))
    z = list(call)
    z[8] = (0xFFFFFFFF, 999999, z[8][2])
    z[-1] = (0xFFFFFFFF, 0, z[-1][2])
    case("ts_sec_ffffffff.pcap", "ok",
         "ts_sec 0xffffffff (2106 unsigned / -1 signed) in the middle and at the end",
         pcap_bytes(z))
    z = [(s, 2000000 if i % 4 == 0 else us, d) for i, (s, us, d) in enumerate(call)]
    z[3] = (z[3][0], 0xFFFFFFFF, z[3][2])
    case("ts_usec_2000000.pcap", "ok", "ts_usec 2,000,000 on every 4th record, one 0xffffffff",
         pcap_bytes(z))
    z = [(s, 1000000000 + us if i % 5 == 0 else us * 1000, d) for i, (s, us, d) in enumerate(call)]
    case("ts_nsec_overflow.pcap", "ok", "nanosecond file with ts_nsec >= 1e9 on every 5th record",
         pcap_bytes(z, magic=0xA1B23C4D))
    z = [(0, 0, d) for s, us, d in call]
    case("ts_all_zero.pcap", "ok", "every timestamp 0 (1970, zero durations)", pcap_bytes(z))

    # ---- link layer (§6.3 #10) ----
    inv200 = sip_request("INVITE", "vlan200@192.168.10.10", 1, "v200", body=sdp(PHONE, 16500))
    f = eth(ipv4(PHONE, SERVER, 17, udp(SIP_PHONE_PORT, SIP_SERVER_PORT, inv200)),
            vlans=range(1, 201))
    case("vlan_200.pcap", "ok", "SIP INVITE behind 200 stacked 802.1Q tags",
         pcap_bytes(with_call([(1.0, f)])))
    f_qinq = MAC_GW + MAC_PHONE + struct.pack("!HH", 0x88A8, 10) * 100 + \
        struct.pack("!HH", 0x8100, 20) * 100 + b"\x08\x00" + \
        ipv4(PHONE, SERVER, 17, udp(SIP_PHONE_PORT, SIP_SERVER_PORT, inv200))
    f_vlan_cut = MAC_GW + MAC_PHONE + struct.pack("!HH", 0x8100, 5) * 3 + b"\x81"
    case("vlan_qinq_and_cut.pcap", "ok",
         "200 alternating 802.1ad/802.1Q tags; a frame ending inside the 4th VLAN tag",
         pcap_bytes(with_call([(1.0, f_qinq), (1.01, f_vlan_cut)])))
    f13 = (MAC_GW + MAC_PHONE + b"\x08")
    f14 = MAC_GW + MAC_PHONE + b"\x08\x00"
    case("eth_13_bytes.pcap", "ok",
         "13-byte Ethernet frame (half an ethertype) and a 14-byte frame with no payload",
         pcap_bytes(with_call([(1.0, f13), (1.001, f14), (1.002, b"\x01"), (1.003, b"")])))

    # ---- IPv4 header (§6.3 #11-#12) ----
    sipmsg = sip_request("OPTIONS", "ihl@192.168.10.10", 1, "ihl")
    ul = udp(SIP_PHONE_PORT, SIP_SERVER_PORT, sipmsg)
    hostile = [(1.0 + i * 0.001, eth(ipv4(PHONE, SERVER, 17, ul, ihl=i))) for i in range(5)]
    case("ipv4_ihl_0_to_4.pcap", "ok", "five IPv4 packets with IHL 0,1,2,3,4 carrying UDP SIP",
         pcap_bytes(with_call(hostile)))
    opts = bytes([0x44, 40, 5, 0]) + b"\0" * 36  # timestamp option, IHL 15
    hostile = [(1.0, eth(ipv4(PHONE, SERVER, 17, ul, ihl=15, options=opts))),
               (1.001, eth(ipv4(PHONE, SERVER, 17, ul[:20], ihl=15)[:30]))]
    case("ipv4_ihl_15.pcap", "ok",
         "IHL 15 with real 40-byte options; IHL 15 in a 30-byte packet (header past the end)",
         pcap_bytes(with_call(hostile)))
    hostile = [(1.0, eth(ipv4(PHONE, SERVER, 17, ul, version=5))),
               (1.001, eth(ipv4(PHONE, SERVER, 17, ul, version=6))),
               (1.002, eth(ipv4(PHONE, SERVER, 17, ul, version=0)))]
    case("ipv4_version_5.pcap", "ok",
         "ethertype IPv4 but version 5; also version 6 and 0 under ethertype 0x0800",
         pcap_bytes(with_call(hostile)))
    f = eth(ipv4(PHONE, SERVER, 17, ul, total_len=1500))
    case("ip_totlen_gt_caplen.pcap", "ok",
         "IPv4 total length 1500 in a ~400-byte frame (caplen == len, not snaplen cut)",
         pcap_bytes(with_call([(1.0, f)])))
    f2 = eth(ipv4(PHONE, SERVER, 17, ul, total_len=65535))
    f3 = eth(ipv4(PHONE, SERVER, 17, ul, total_len=1500))
    case("ip_totlen_gt_caplen_snap.pcap", "ok",
         "IPv4 total length 65535 / 1500, records cut by a 128-byte snaplen (caplen < len)",
         pcap_bytes(with_call([(1.0, f2[:128], 128, len(f2)), (1.001, f3[:128], 128, 1514)])))
    f = eth(ipv4(PHONE, SERVER, 17, ul, total_len=12))
    case("ip_totlen_lt_ihl.pcap", "ok", "IPv4 total length 12 < IHL*4 (20)",
         pcap_bytes(with_call([(1.0, f)])))
    f = eth(ipv4(PHONE, SERVER, 17, ul, total_len=0))
    case("ip_totlen_0.pcap", "ok",
         "IPv4 total length 0 with a valid UDP/SIP payload (TSO offload style)",
         pcap_bytes(with_call([(1.0, f)])))

    # ---- IPv4 fragments (§6.3 #13-#15) ----
    inv = sip_request("INVITE", "frag-overlap@192.168.10.10", 1, "fov",
                      body=sdp(PHONE, 16600, extra=b"a=x-pad:" + b"P" * 700 + b"\r\n"))
    dgram = udp(SIP_PHONE_PORT, SIP_SERVER_PORT, inv)
    assert len(dgram) > 1100
    ident = 0x7777
    evil = bytearray(dgram)
    evil[480:520] = b"Call-ID: EVIL-OVERLAP-DIFFERENT-BYTES!!!"[:40].ljust(40, b"!")
    hostile = [
        (1.0, eth(ipv4(PHONE, SERVER, 17, dgram[0:520], ident=ident, mf=True, frag_off=0))),
        (1.001, eth(ipv4(PHONE, SERVER, 17, bytes(evil[480:1000]), ident=ident, mf=True,
                         frag_off=480 // 8))),
        (1.002, eth(ipv4(PHONE, SERVER, 17, dgram[1000:], ident=ident, mf=False,
                         frag_off=1000 // 8))),
        # exact duplicate of the first fragment, and a rewrite of the UDP header
        (1.003, eth(ipv4(PHONE, SERVER, 17, dgram[0:520], ident=ident, mf=True, frag_off=0))),
        (1.004, eth(ipv4(PHONE, SERVER, 17, udp(9999, 53, b"")[:8] + dgram[8:16], ident=ident,
                         mf=True, frag_off=0))),
    ]
    # second datagram: last fragment first, overlapping in the other direction
    ident2 = 0x7778
    hostile += [
        (1.1, eth(ipv4(PHONE, SERVER, 17, dgram[1000:], ident=ident2, frag_off=1000 // 8))),
        (1.101, eth(ipv4(PHONE, SERVER, 17, bytes(evil[480:1008]), ident=ident2, mf=True,
                         frag_off=480 // 8))),
        (1.102, eth(ipv4(PHONE, SERVER, 17, dgram[0:488], ident=ident2, mf=True, frag_off=0))),
    ]
    case("frag_overlap.pcap", "ok",
         "SIP INVITE in IPv4 fragments that overlap with different bytes, duplicates, a UDP "
         "header rewrite, reverse order (finding frag_overlap)",
         pcap_bytes(with_call(hostile)))
    td = udp(SIP_PHONE_PORT, SIP_SERVER_PORT, b"OPTIONS sip:x SIP/2.0\r\n" + b"x" * 25)
    hostile = [(1.0, eth(ipv4(PHONE, SERVER, 17, td[:48], ident=0x0666, mf=True, frag_off=0))),
               (1.001, eth(ipv4(PHONE, SERVER, 17, td[24:28], ident=0x0666, frag_off=3))),
               (1.002, eth(ipv4(PHONE, SERVER, 17, b"", ident=0x0667, frag_off=0, mf=True))),
               (1.003, eth(ipv4(PHONE, SERVER, 17, b"", ident=0x0667, frag_off=0)))]
    case("frag_teardrop.pcap", "ok",
         "teardrop: 2nd fragment inside the 1st and ending before it; empty fragments",
         pcap_bytes(with_call(hostile)))
    rng = Rng(42)
    storm = []
    t = 2.0
    # 4000 fragments of 400 datagrams, never complete, offsets anywhere incl. 8191
    for d in range(400):
        for k in range(10):
            off = 8191 if k == 9 else rng.below(8192)
            size = 24 if off == 8191 else 8 * (1 + rng.below(4))  # 8191*8+24 > 65535
            payload = bytes([d & 0xFF]) * size
            storm.append((t, eth(ipv4(PHONE, SERVER, 17, payload, ident=0x2000 + d,
                                      mf=(k != 9), frag_off=off))))
            t += 0.00001
    # 1000 fragments of one datagram, all MF, covering 0..7999
    for k in range(1000):
        storm.append((t, eth(ipv4(PHONE2, SERVER, 17, b"F" * 8, ident=0xBEEF, mf=True,
                                  frag_off=k))))
        t += 0.00001
    assert len(storm) == 5000
    case("frag_storm.pcap", "ok",
         "5000 fragments: 400 never-completed datagrams with offset*8+len > 65535, plus one "
         "datagram of 1000 fragments (frag_too_large, tracker caps)",
         pcap_bytes(with_call(storm)))
    # fragmented SIP with 10000 headers is in the SIP section

    # ---- IPv6 (§6.3 #16) ----
    v6a, v6b = "2001:db8:0:0:0:0:0:10", "2001:db8:0:0:0:0:0:220"
    sip6 = sip_request("OPTIONS", "v6chain@[2001:db8::10]", 1, "v6")
    u6 = udp6(v6a, v6b, SIP_PHONE_PORT, 4399, sip6)  # 4399: VoiceX SIP over IPv6
    chain = b""
    nhs = [0] + [60] * 49  # Hop-by-Hop first, then 49 Destination Options
    for i in range(50):
        nxt = nhs[i + 1] if i + 1 < 50 else 17
        chain += bytes([nxt, 0, 1, 4, 0, 0, 0, 0])  # PadN
    ip6hdr = struct.pack("!IHBB16s16s", 0x60000000, len(chain) + len(u6), 0, 64, ip6(v6a),
                         ip6(v6b))
    f = eth(ip6hdr + chain + u6, ethertype=0x86DD)
    # second packet: 1st ext header claims 2048 bytes in a short packet
    bad = bytes([60, 255, 1, 4, 0, 0, 0, 0]) + u6[:40]
    ip6b = struct.pack("!IHBB16s16s", 0x60000000, len(bad), 0, 64, ip6(v6a), ip6(v6b))
    f2 = eth(ip6b + bad, ethertype=0x86DD)
    # third: payload length 0xffff in a short packet
    ip6c = struct.pack("!IHBB16s16s", 0x60000000, 0xFFFF, 17, 64, ip6(v6a), ip6(v6b))
    f3 = eth(ip6c + u6, ethertype=0x86DD)
    case("ipv6_ext_chain_50.pcap", "ok",
         "IPv6 with 50 extension headers before UDP/SIP; ext header length past end; "
         "payload length 0xffff", pcap_bytes(with_call([(1.0, f), (1.001, f2), (1.002, f3)])))

    # ---- UDP lengths (§6.3 #17) ----
    inv = sip_request("OPTIONS", "udplen@192.168.10.10", 1, "udpl")
    hostile = []
    for i, ln in enumerate((0, 4, 7, 8, 1400, 0xFFFF)):
        hostile.append((1.0 + i * 0.001, eth(ipv4(PHONE, SERVER, 17,
                                                    udp(SIP_PHONE_PORT, SIP_SERVER_PORT, inv,
                                                        length=ln)))))
    case("udp_len_lies.pcap", "ok",
         "UDP length 0, 4, 7, 8, 1400 (> IP payload), 65535 on SIP packets",
         pcap_bytes(with_call(hostile)))
    f = eth(ipv4(PHONE, SERVER, 17, b"\x13\xc4\x13"))
    f2 = eth(ipv4(PHONE, SERVER, 6, b"\x13\xc4\x13\xc4" + b"\0" * 8 + b"\x20\x18" + b"\0" * 6))
    f3 = eth(ipv4(PHONE, SERVER, 6, struct.pack("!HHIIBBHHH", 5060, 5060, 1, 0, 0xF0, 0x18,
                                                 100, 0, 0)))
    case("l4_header_short.pcap", "ok",
         "3-byte UDP header; TCP data offset 1 (< 5); TCP offset 15 in a 20-byte segment",
         pcap_bytes(with_call([(1.0, f), (1.001, f2), (1.002, f3)])))

    # ---- SIP (§6.3 #19-#22) ----
    cid = "hdr10k@192.168.10.10"
    many = ["X%d:%d" % (i % 10, i % 10) for i in range(10000)]  # 5 bytes + CRLF each
    m = sip_request("INVITE", cid, 1, "h10k", body=sdp(PHONE, 16700), extra_headers=many)
    assert len(m) < 65000
    case("sip_10000_headers.pcap", "ok",
         "SIP INVITE with 10,000 header lines in one %d-byte UDP datagram (cap 256 headers)"
         % len(m),
         pcap_bytes(with_call([(1.0, sip_udp(m))])))
    m2 = sip_request("INVITE", "hdr10k-frag@192.168.10.10", 1, "h10f", body=sdp(PHONE, 16702),
                     extra_headers=many)
    frs = fragment(PHONE, SERVER, 17, udp(SIP_PHONE_PORT, SIP_SERVER_PORT, m2), 1480, 0x4242)
    case("sip_10000_headers_frag.pcap", "ok",
         "the 10,000-header INVITE in %d IPv4 fragments of 1480 bytes" % len(frs),
         pcap_bytes(with_call([(1.0 + i * 0.0001, fr) for i, fr in enumerate(frs)])))
    m = sip_request("INVITE", "longline@192.168.10.10", 1, "ll", body=sdp(PHONE, 16704),
                    extra_headers=["Subject: " + "S" * 60000])
    case("sip_header_line_60k.pcap", "ok", "one 60,000-byte Subject header line (cap 8 KiB line)",
         pcap_bytes(with_call([(1.0, sip_udp(m))])))
    for name, cl, desc in (
            ("sip_cl_20digits.pcap", "99999999999999999999", "Content-Length 20 digits"),
            ("sip_cl_negative.pcap", "-1", "Content-Length -1"),
            ("sip_cl_u32wrap.pcap", "4294967297", "Content-Length 2^32+1 (wraps to 1 in u32)"),
            ("sip_cl_u64wrap.pcap", "18446744073709551617",
             "Content-Length 2^64+1 (wraps to 1 in u64)"),
            ("sip_cl_gt_body.pcap", "5000", "Content-Length 5000 > body in a UDP datagram"),
            ("sip_cl_nonnumeric_dup.pcap", "12abc\r\nContent-Length: 7\r\nl: 0x10",
             "Content-Length '12abc', duplicated, compact form 'l: 0x10'")):
        m = sip_request("INVITE", name.replace(".pcap", "") + "@192.168.10.10", 1, "cl",
                        body=sdp(PHONE, 16710), content_length=cl)
        r = sip_response(200, "OK", name.replace(".pcap", "") + "@192.168.10.10", 1, "INVITE",
                         "cl", body=sdp(SERVER, 12010), content_length=cl)
        case(name, "ok", desc + " on an INVITE with SDP and on its 200 OK",
             pcap_bytes(with_call([(1.0, sip_udp(m)),
                                   (1.1, sip_udp(r, SERVER, PHONE, SIP_SERVER_PORT,
                                                 SIP_PHONE_PORT))])))
    long_cid = "C" * 4096 + "@192.168.10.10"
    m = sip_request("INVITE", long_cid, 1, "lcid", body=sdp(PHONE, 16720))
    r = sip_response(180, "Ringing", long_cid, 1, "INVITE", "lcid")
    bye = sip_request("BYE", long_cid, 2, "lcidb", to_tag="8f3e2a1")
    case("sip_callid_4096.pcap", "ok",
         "4096-byte Call-ID on INVITE, 180 and BYE (sngrep #512; cap 256 bytes)",
         pcap_bytes(with_call([(1.0, sip_udp(m)),
                               (1.1, sip_udp(r, SERVER, PHONE, SIP_SERVER_PORT, SIP_PHONE_PORT)),
                               (1.2, sip_udp(bye))])))
    m = sip_request("INVITE", "nul\0byte@192.168.10.10", 1, "nul", body=sdp(PHONE, 16730))
    m = m.replace(b"Max-Forwards: 70\r\n", b"Max-Forwards: 7\x000\n")
    m2 = b"INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP 1.2.3.4\nCall-ID: barelf\n\n"
    m3 = b"SIP/2.0 200\r\n\r\n"
    m4 = b"INVITE \r\n"
    m5 = b"\r\n\r\n"  # keep-alive
    m6 = b"From: <sip:@host>\r\nTo: <>\r\nCall-ID:\r\nCSeq: x\r\nVia:\r\n\r\n"
    case("sip_nul_bare_lf_garbage.pcap", "ok",
         "SIP with NUL bytes, bare-LF lines, bare status line, empty request, CRLFCRLF "
         "keep-alive, headers with empty values and no start line",
         pcap_bytes(with_call([(1.0 + i * 0.01, sip_udp(x))
                               for i, x in enumerate((m, m2, m3, m4, m5, m6))])))
    two = sip_request("OPTIONS", "two-a@192.168.10.10", 1, "two1") + \
        sip_request("OPTIONS", "two-b@192.168.10.10", 1, "two2")
    short_cl = sip_request("MESSAGE", "shortcl@192.168.10.10", 1, "scl", body=b"hello world!" * 5,
                           content_length="5")
    case("sip_two_in_one.pcap", "ok",
         "two SIP messages in one datagram; Content-Length 5 < 60-byte body (trailing bytes)",
         pcap_bytes(with_call([(1.0, sip_udp(two)), (1.1, sip_udp(short_cl))])))
    media = b"".join(b"m=audio %d RTP/AVP 0\r\nc=IN IP4 192.168.10.%d\r\n" % (17000 + 2 * i, i % 250)
                     for i in range(1000))
    m = sip_request("INVITE", "sdp1000@192.168.10.10", 1, "s1k", body=sdp(PHONE, 16740, extra=media))
    longc = b"c=IN IP4 " + b"1" * 200 + b"\r\nm=" + b"audio" * 40 + b" 16742 RTP/AVP 0\r\n" + \
        b"m=audio 99999999999 RTP/AVP 0\r\nm=audio -5 RTP/AVP\r\nc=IN IP6 " + b":" * 100 + b"\r\n"
    m2 = sip_request("INVITE", "sdplong@192.168.10.10", 1, "slong",
                     body=sdp(PHONE, 16744, extra=longc))
    case("sdp_1000_media_long_c.pcap", "ok",
         "SDP with 1000 m= lines; 200-char c= address, 200-char media type, port 99999999999",
         pcap_bytes(with_call([(1.0, sip_udp(m)), (1.1, sip_udp(m2))])))

    # ---- SIP over TCP (§6.3 #18, #20) ----
    cip, sip_ = PHONE2, SERVER
    cp, sp = 40001, 5060

    def tcp_open(isn_c, isn_s, t):
        return [(t, eth(ipv4(cip, sip_, 6, tcp(cip, sip_, cp, sp, isn_c, 0, SYN)))),
                (t + 0.01, eth(ipv4(sip_, cip, 6, tcp(sip_, cip, sp, cp, isn_s, isn_c + 1,
                                                      SYN | ACK)))),
                (t + 0.02, eth(ipv4(cip, sip_, 6, tcp(cip, sip_, cp, sp, isn_c + 1, isn_s + 1,
                                                      ACK))))]

    def seg(seq, ack, data, t, flags=PSH | ACK, rev=False):
        if rev:
            return (t, eth(ipv4(sip_, cip, 6, tcp(sip_, cip, sp, cp, seq, ack, flags, data))))
        return (t, eth(ipv4(cip, sip_, 6, tcp(cip, sip_, cp, sp, seq, ack, flags, data))))

    isn_c, isn_s = 0x10000000, 0x20000000
    m = sip_request("INVITE", "tcp-cl@192.168.10.11", 1, "tcl", body=sdp(PHONE2, 16800),
                    content_length="1000000", transport="TCP", via_host=PHONE2, via_port=cp)
    pk = tcp_open(isn_c, isn_s, 1.0)
    pk.append(seg(isn_c + 1, isn_s + 1, m, 1.05))
    s = isn_c + 1 + len(m)
    pk.append(seg(s, isn_s + 1, b"more body bytes\r\n" * 10, 1.06))
    s += 170
    pk.append(seg(s, isn_s + 1, b"", 1.07, FIN | ACK))
    pk.append(seg(isn_s + 1, s + 1, b"", 1.08, FIN | ACK, rev=True))
    case("sip_tcp_cl_beyond.pcap", "ok",
         "SIP/TCP INVITE with Content-Length 1000000 but ~400 body bytes, then FIN "
         "(no 1 MB buffer; SIP-CL-BODY finding)", pcap_bytes(with_call(pk)))

    # gaps + seq wrap: ISN just below 2^32
    isn_c = 0xFFFFFF00
    m1 = sip_request("INVITE", "tcp-gap@192.168.10.11", 1, "tg1", body=sdp(PHONE2, 16810),
                     transport="TCP", via_host=PHONE2, via_port=cp)
    m2 = sip_request("OPTIONS", "tcp-gap2@192.168.10.11", 1, "tg2", transport="TCP",
                     via_host=PHONE2, via_port=cp)
    m3 = sip_request("BYE", "tcp-gap@192.168.10.11", 2, "tg3", transport="TCP",
                     via_host=PHONE2, via_port=cp, to_tag="x1")
    pk = tcp_open(isn_c, isn_s, 1.0)
    s = isn_c + 1
    a, b_, c = m1[:200], m1[200:500], m1[500:]
    pk.append(seg(s, isn_s + 1, a, 1.05))                           # wraps past 2^32 here
    # segment b_ is missing (gap), c arrives
    pk.append(seg(s + 200 + 300, isn_s + 1, c, 1.06))
    s2 = s + len(m1)
    pk.append(seg(s2, isn_s + 1, m2, 1.07))                         # next message after the gap
    pk.append(seg(s2 + len(m2) + 5000, isn_s + 1, m3, 1.08))        # 5000-byte hole then BYE
    pk.append(seg(s2 + len(m2) + 5000 + 70000, isn_s + 1, m2, 1.09))  # 70000 ahead (> window)
    pk.append(seg(s - 100000, isn_s + 1, m2, 1.10))                 # far in the past
    case("sip_tcp_gaps.pcap", "ok",
         "SIP/TCP with ISN 0xffffff00 (seq wrap), a missing segment inside an INVITE, holes of "
         "5000 and 70000 bytes, a segment far in the past (gap finding, resync)",
         pcap_bytes(with_call(pk)))
    isn_c = 0x30000000
    m1 = sip_request("INVITE", "tcp-rx@192.168.10.11", 1, "rx1", body=sdp(PHONE2, 16820),
                     transport="TCP", via_host=PHONE2, via_port=cp)
    alt = m1.replace(b"Call-ID: tcp-rx", b"Call-ID: XXX-rx")
    m2 = sip_request("OPTIONS", "tcp-rx2@192.168.10.11", 1, "rx2", transport="TCP",
                     via_host=PHONE2, via_port=cp)
    pk = tcp_open(isn_c, isn_s, 1.0)
    s = isn_c + 1
    pk.append(seg(s, isn_s + 1, m1[:300], 1.05))
    pk.append(seg(s, isn_s + 1, alt[:300], 1.051))                 # retransmit, different bytes
    pk.append(seg(s + 150, isn_s + 1, alt[150:450], 1.052))        # partial overlap
    pk.append(seg(s + 300, isn_s + 1, m1[300:], 1.053))
    pk.append(seg(s + len(m1), isn_s + 1, m2[:40], 1.06))
    pk.append(seg(s + len(m1), isn_s + 1, m2[:40], 1.061))         # duplicated partial message
    pk.append(seg(s + len(m1) + 40, isn_s + 1, m2[40:], 1.062))
    pk.append(seg(s + len(m1), isn_s + 1, b"", 1.07, RST))
    case("sip_tcp_retrans_diff.pcap", "ok",
         "SIP/TCP retransmission with different bytes, partial overlap, duplicated partial "
         "message, RST (sngrep #276)", pcap_bytes(with_call(pk)))

    # ---- RTP (§6.3 #23) ----
    ss = 0x5EED0001
    hostile = [
        (1.605, rtp_udp(rtp(1100, 176000, ss, cc=15, payload=b"\0" * 8))),        # 20 bytes
        (1.606, rtp_udp(rtp(1101, 176160, ss, cc=15, payload=b""))),              # 12 bytes
        (1.607, rtp_udp(rtp(1102, 176320, ss, cc=15, csrcs=b"\1\2\3\4" * 15, payload=b""))),
    ]
    case("rtp_cc15_short.pcap", "ok",
         "RTP CC=15 in 20- and 12-byte packets; CC=15 with exactly 72 header bytes and no payload",
         pcap_bytes(with_call(hostile)))
    hostile = [
        (1.605, rtp_udp(rtp(1100, 176000, ss, pad=True, payload=b"\0" * 7 + b"\xff"))),
        (1.606, rtp_udp(rtp(1101, 176160, ss, pad=True, payload=b"\0" * 159 + b"\xa0"))),
        (1.607, rtp_udp(rtp(1102, 176320, ss, pad=True, payload=b""))),             # no byte
        (1.608, rtp_udp(rtp(1103, 176480, ss, pad=True, payload=b"\0" * 3 + b"\x00"))),  # pad 0
    ]
    case("rtp_padding_overflow.pcap", "ok",
         "RTP P=1 with padding count 255 > packet, 160 > payload, no payload at all, count 0",
         pcap_bytes(with_call(hostile)))
    hostile = [
        (1.605, rtp_udp(rtp(1100, 176000, ss, ext=True, raw_tail=struct.pack("!HH", 0xBEDE, 0xFFFF),
                            payload=b"\0" * 16))),
        (1.606, rtp_udp(rtp(1101, 176160, ss, ext=True, payload=b"\xbe"))),          # ext cut
        (1.607, rtp_udp(rtp(1102, 176320, ss, ext=True, cc=15, pad=True,
                            csrcs=b"\0" * 60, raw_tail=struct.pack("!HH", 0x1000, 0x4000),
                            payload=b"\xff" * 4))),
    ]
    case("rtp_ext_len_overflow.pcap", "ok",
         "RTP X=1 with extension length 0xffff; extension header cut; X+CC=15+P all lying",
         pcap_bytes(with_call(hostile)))
    hostile = [(1.605, rtp_udp(b"\x80")), (1.606, rtp_udp(b"\x80\x00\x00")),
               (1.607, rtp_udp(b"")),
               (1.608, rtp_udp(rtp(1100, 176000, 0x0BADBAD0, pt=127, payload=b"")))]
    for k in range(200):  # SSRC churn on the same 5-tuple, seq jumping
        hostile.append((1.61 + k * 0.0001, rtp_udp(rtp((k * 7919) & 0xFFFF, k * 1000003,
                                                       0xC0000000 + k, payload=b"\0" * 4))))
    case("rtp_tiny_and_ssrc_churn.pcap", "ok",
         "RTP of 1, 3 and 0 bytes; 200 different SSRCs with random seq on one 5-tuple",
         pcap_bytes(with_call(hostile)))

    # ---- RTCP (§6.3 #24) ----
    s_out = 0x5EED0001

    def rtcp_udp(payload):
        return udp4_frame(PHONE, SERVER, RTP_PHONE + 1, RTP_SERVER + 1, payload)

    sr = rtcp_sr(s_out, 3926372400, 1000, 10, 1600)
    sr0 = sr[:2] + b"\0\0" + sr[4:]
    case("rtcp_len_0.pcap", "ok",
         "RTCP SR whose length field is 0 (4-byte step) in a 28-byte packet; a lone 4-byte header",
         pcap_bytes(with_call([(1.7, rtcp_udp(sr0)), (1.71, rtcp_udp(b"\x80\xc8\x00\x00"))])))
    srf = sr[:2] + b"\xff\xff" + sr[4:]
    srf2 = srf + rtcp_sdes(s_out)
    case("rtcp_len_65535.pcap", "ok", "RTCP length 0xffff in a 28-byte SR and in a compound",
         pcap_bytes(with_call([(1.7, rtcp_udp(srf)), (1.71, rtcp_udp(srf2))])))
    sd = rtcp_sdes(s_out)
    lie_sdes = sd[:2] + struct.pack("!H", 40) + sd[4:]
    rc31 = struct.pack("!BBHI", 0x80 | 31, 201, 1, s_out)  # RR with RC=31 in 8 bytes
    sr_rc31 = struct.pack("!BBH", 0x80 | 31, 200, 6) + sr[4:]
    bye_lie = struct.pack("!BBHI", 0x81, 203, 1, s_out) + b"\xff"  # BYE reason length 255
    xr = struct.pack("!BBHI", 0x80, 207, 3, s_out) + struct.pack("!BBH", 4, 0, 0xFFFF) + b"\0" * 4
    app = struct.pack("!BBHI", 0x80, 204, 2, s_out) + b"NAME"
    comp = sr + lie_sdes
    case("rtcp_compound_lie.pcap", "ok",
         "compound RTCP: valid SR + SDES whose length runs past the datagram; RR/SR with RC=31 "
         "in 8/28 bytes; BYE reason length 255; XR block length 0xffff; version-0 trailer",
         pcap_bytes(with_call([(1.7, rtcp_udp(comp)), (1.71, rtcp_udp(rc31)),
                               (1.72, rtcp_udp(sr_rc31)), (1.73, rtcp_udp(sr + bye_lie)),
                               (1.74, rtcp_udp(sr + xr)), (1.75, rtcp_udp(sr + app + b"\0" * 8))])))
    subs = sr + b"\x80\xc9\x00\x00" * 10000  # 10,000 4-byte RR headers, length 0
    case("rtcp_10000_subpackets.pcap", "ok",
         "compound RTCP with 10,000 4-byte sub-packets (cap 64 sub-packets, linear time)",
         pcap_bytes(with_call([(1.7, rtcp_udp(subs))])))

    # ---- STUN (§6.3 #25) ----
    a_user = stun_attr(0x0006, b"abcd:efgh")
    a_over = struct.pack("!HH", 0x0020, 0xFFF0) + b"\0" * 8           # XOR-MAPPED past end
    a_over2 = stun_attr(0x0001, b"\0\x01\x30\x39" + ip4(NAT)) + struct.pack("!HH", 0x8022, 300) + \
        b"soft"
    hostile = [
        (1.59, rtp_udp(stun(0x0001, a_user + a_over))),
        (1.591, rtp_udp(stun(0x0101, a_over2))),
        (1.592, rtp_udp(stun(0x0001, a_user, length=0xFFFC))),          # msg length past end
        (1.593, rtp_udp(stun(0x0001, a_user + b"\0\0", length=len(a_user) + 2))),  # not %4
        (1.594, rtp_udp(stun(0x0001, b"\0\x06\0\x03abc"))),              # attr len 3 unpadded
        (1.595, rtp_udp(b"\x00\x01\x00\x00\x21\x12\xa4\x42")),           # 8-byte STUN
        (1.6, udp4_frame(PHONE, "74.125.250.127", 50000, 19302,    # stun.l.google.com
                         stun(0x0001, b"\0\x24\xff\xff" * 100))),        # 100 attrs len 0xffff
    ]
    case("stun_attr_overflow.pcap", "ok",
         "STUN on the RTP port and to 19302 (Google STUN): attribute lengths past the message, message length "
         "0xfffc, length not multiple of 4, 8-byte header",
         pcap_bytes(with_call(hostile)))

    # ---- pcapng ----
    blocks = [ng_epb(0, s * 1000000 + us, d) for s, us, d in call]
    ngp = ng_shb() + ng_idb()
    case("pcapng_shb_2mib.pcapng", "exit2",
         "pcapng SHB block total length 2 MiB (> 1 MiB BT_SHB_INSANE_MAX), file small",
         ng_shb(total_len=2 * 1024 * 1024) + ng_idb() + b"".join(blocks))
    # NB: libpcap 1.10.3 does not compare the SHB trailer with its header (tshark does), so a
    # header/trailer mismatch on the SHB is ambiguous; a length that is not a multiple of 4 is
    # rejected by both.
    case("pcapng_shb_len_lie.pcapng", "exit2",
         "pcapng SHB block total length 30 (not a multiple of 4; real block is 28)",
         ng_shb(total_len=30, trailer_len=30) + ng_idb() + b"".join(blocks))
    case("pcapng_shb_len_short.pcapng", "exit2",
         "pcapng SHB total length 12 (< minimum 28)",
         struct.pack("<III", 0x0A0D0D0A, 12, 0x1A2B3C4D) + b"\0" * 16 + ng_idb())
    case("pcapng_no_idb.pcapng", "ok",
         "pcapng SHB then EPBs with no IDB at all: records skipped and counted (capture_problem)",
         ng_shb() + b"".join(blocks))
    lie = list(blocks)
    lie[8] = ng_epb(0, (T0 + 1) * 1000000, call[8][2], total_len=0x00100000,
                    trailer_len=0x00100000)
    case("pcapng_epb_len_lie_big.pcapng", "ok",
         "9th EPB claims total length 1 MiB, file ends long before (truncated capture)",
         ngp + b"".join(lie))
    lie = list(blocks)
    lie[8] = ng_epb(0, (T0 + 1) * 1000000, call[8][2], trailer_len=len(blocks[8]) + 4)
    case("pcapng_epb_trailer_mismatch.pcapng", "ok",
         "9th EPB header/trailer total length disagree: stop there, keep results so far",
         ngp + b"".join(lie))
    lie = list(blocks)
    lie[8] = ng_epb(0, (T0 + 1) * 1000000, call[8][2], caplen=5000)
    case("pcapng_epb_caplen_gt_block.pcapng", "ok",
         "9th EPB caplen 5000 larger than its block", ngp + b"".join(lie))
    bad_if = list(blocks)
    bad_if[8] = ng_epb(7, (T0 + 1) * 1000000, call[8][2])
    case("pcapng_epb_bad_ifid.pcapng", "ok",
         "9th EPB references interface id 7, only interface 0 exists", ngp + b"".join(bad_if))
    case("pcapng_linktype_147.pcapng", "ok", "pcapng whose only IDB has link type 147",
         ng_shb() + ng_idb(linktype=147) + b"".join(blocks))
    case("pcapng_cut_mid_block.pcapng", "ok", "pcapng cut in the middle of the last EPB",
         (ngp + b"".join(blocks))[:-30])

    # ---- gzip ----
    gz = gzip.compress(valid, compresslevel=6, mtime=0)
    case("gzip_valid.pcap.gz", "ok", "gzip of the valid call pcap", gz)
    case("gzip_truncated.pcap.gz", "ok",
         "gzip of the valid call pcap cut at 60% (pcap header readable, stream ends early)",
         gz[:len(gz) * 6 // 10])
    case("gzip_truncated_header.pcap.gz", "exit2",
         "gzip cut after 12 bytes: no pcap header can be decompressed", gz[:12])
    case("gzip_of_garbage.gz", "exit2", "valid gzip whose content is not a capture",
         gzip.compress(b"this is not a capture file\n" * 10, mtime=0))


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen_malformed.py OUTDIR\n")
        return 64
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    build()
    names = set()
    rows = ["file\texpect\tdescription"]
    for name, expect, desc, data in CASES:
        assert name not in names, name
        names.add(name)
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
        rows.append("%s\t%s\t%s" % (name, expect, desc))
    with open(os.path.join(outdir, "cases.tsv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    sys.stderr.write("gen_malformed: %d cases written to %s\n" % (len(CASES), outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
