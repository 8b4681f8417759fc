#!/usr/bin/env python3
"""gen_captures.py — deterministic synthetic captures for the port, STUN, QoS, fragmentation,
bandwidth, competing-traffic and TLS rules (standard library only).

Usage: gen_captures.py OUTDIR        writes one OUTDIR/<case>.pcap per case in CASES.
Addresses follow samples/lab.profile: servers 198.51.100.11-13; the phone is 192.168.1.10.
"""
import os
import struct
import sys

T0 = 1700000000.0
PHONE = "192.168.1.10"
SRV = "198.51.100.11"
SRV2 = "198.51.100.12"
GOOGLE_STUN = "74.125.250.129"
APP_HOST = "18.223.68.252"          # providers.cloudsoftphone.com (built-in app host)
WEB = "142.250.1.1"
NAT_PUBLIC = "203.0.113.7"


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def ip_bytes(a):
    return bytes(int(x) for x in a.split("."))


class Pcap:
    def __init__(self):
        self.recs = []
        self.ident = 1

    def frame(self, t, ip, pcp=None):
        eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01"
        if pcp is not None:
            eth += struct.pack("!HH", 0x8100, (pcp << 13) | 10)
        eth += struct.pack("!H", 0x0800)
        self.recs.append((t, eth + ip))

    def ipv4(self, t, src, dst, proto, payload, dscp=0, pcp=None, frag_mtu=None):
        ident = self.ident & 0xffff
        self.ident += 1
        if frag_mtu is None or 20 + len(payload) <= frag_mtu:
            self.frame(t, ipv4_header(src, dst, proto, payload, dscp, ident, 0, False) + payload, pcp)
            return
        step = (frag_mtu - 20) // 8 * 8
        for off in range(0, len(payload), step):
            piece = payload[off:off + step]
            more = off + step < len(payload)
            self.frame(t, ipv4_header(src, dst, proto, piece, dscp, ident, off, more) + piece, pcp)

    def udp(self, t, src, sport, dst, dport, payload, **kw):
        hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
        self.ipv4(t, src, dst, 17, hdr + payload, **kw)

    def tcp(self, t, src, sport, dst, dport, seq, ack, flags, payload=b"", **kw):
        hdr = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, 65535, 0, 0)
        self.ipv4(t, src, dst, 6, hdr + payload, **kw)

    def write(self, path):
        self.recs.sort(key=lambda r: r[0])
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
            for t, data in self.recs:
                sec = int(t)
                usec = int(round((t - sec) * 1e6))
                if usec >= 1000000:
                    sec, usec = sec + 1, usec - 1000000
                f.write(struct.pack("<IIII", sec, usec, len(data), len(data)) + data)


def ipv4_header(src, dst, proto, payload, dscp, ident, off, more):
    fl = (off // 8) | (0x2000 if more else 0)
    h = struct.pack("!BBHHHBBH4s4s", 0x45, dscp << 2, 20 + len(payload), ident, fl, 64, proto, 0,
                    ip_bytes(src), ip_bytes(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:]


FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10

# ---- SIP ----


def sdp(addr, port, extra_media=None, proto="RTP/AVP", pad_codecs=0):
    lines = ["v=0", "o=- 1 1 IN IP4 %s" % addr, "s=-", "c=IN IP4 %s" % addr, "t=0 0",
             "m=audio %d %s 8 101" % (port, proto), "a=rtpmap:8 PCMA/8000",
             "a=rtpmap:101 telephone-event/8000", "a=sendrecv"]
    if proto == "RTP/SAVP":
        lines.append("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + "A" * 40)
    for i in range(pad_codecs):
        lines.append("a=x-padding-%03d:%s" % (i, "p" * 60))
    if extra_media:
        lines += ["m=video %d %s 96" % (extra_media, proto), "a=rtpmap:96 H264/90000", "a=sendrecv"]
    return ("\r\n".join(lines) + "\r\n").encode()


def sip_msg(first, headers, body=b""):
    h = [first] + headers + ["Content-Length: %d" % len(body)]
    if body:
        h.insert(-1, "Content-Type: application/sdp")
    return ("\r\n".join(h) + "\r\n\r\n").encode() + body


def dialog_headers(cid, method, cseq, branch, sport, to_tag=None, srv=SRV, dport=5080):
    return ["Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK%s;rport" % (PHONE, sport, branch),
            "From: <sip:201@lab.example>;tag=ft%s" % cid,
            "To: <sip:0312345678@lab.example>" + (";tag=tt%s" % cid if to_tag else ""),
            "Call-ID: %s@lab" % cid, "CSeq: %d %s" % (cseq, method),
            "Contact: <sip:201@%s:%d>" % (PHONE, sport), "Max-Forwards: 70"]


def response_headers(req_headers):
    out = []
    for h in req_headers:
        if h.startswith("Via:"):
            # what the server saw: the site's NAT address (the capture is on the phone's LAN side)
            out.append(h.replace(";rport", ";received=%s;rport=%s" % (NAT_PUBLIC, h.split(":")[2].split(";")[0])))
        elif h.startswith("To:") and ";tag=" not in h:
            out.append(h + ";tag=srvtag")
        elif not h.startswith("Max-Forwards"):
            out.append(h)
    return out


def call(p, t, cid, phone_rtp, srv_rtp, sip_port=5080, srv=SRV, dscp_sip=0, invite_sdp=None, answer_sdp=None,
         mtu=None, duration=10.0, pcp=None):
    """INVITE/200/ACK at t and BYE/200 at t+duration; returns (answer time, bye time)."""
    sport = 5062
    inv_h = dialog_headers(cid, "INVITE", 1, "inv" + cid, sport, srv=srv, dport=sip_port)
    body = invite_sdp if invite_sdp is not None else sdp(PHONE, phone_rtp)
    p.udp(t, PHONE, sport, srv, sip_port, sip_msg("INVITE sip:0312345678@lab.example SIP/2.0", inv_h, body),
          dscp=dscp_sip, pcp=pcp, frag_mtu=mtu)
    ans = answer_sdp if answer_sdp is not None else sdp(srv, srv_rtp)
    p.udp(t + 0.2, srv, sip_port, PHONE, sport, sip_msg("SIP/2.0 200 OK", response_headers(inv_h), ans),
          frag_mtu=mtu)
    ack_h = dialog_headers(cid, "ACK", 1, "ack" + cid, sport, to_tag=True)
    p.udp(t + 0.25, PHONE, sport, srv, sip_port, sip_msg("ACK sip:0312345678@lab.example SIP/2.0", ack_h),
          dscp=dscp_sip, pcp=pcp)
    bye_h = dialog_headers(cid, "BYE", 2, "bye" + cid, sport, to_tag=True)
    tb = t + 0.3 + duration
    p.udp(tb, PHONE, sport, srv, sip_port, sip_msg("BYE sip:0312345678@lab.example SIP/2.0", bye_h),
          dscp=dscp_sip, pcp=pcp)
    p.udp(tb + 0.05, srv, sip_port, PHONE, sport, sip_msg("SIP/2.0 200 OK", response_headers(bye_h)))
    return t + 0.3, tb


def rtp(p, t, src, sport, dst, dport, duration, ssrc, pt=8, ptime=0.02, size=160, lost=(), dscp=0, pcp=None,
        jitter_at=None):
    """An RTP stream; lost: set of packet indexes not sent; jitter_at(i) -> extra delay in s."""
    n = int(round(duration / ptime))
    for i in range(n):
        if i in lost:
            continue
        extra = jitter_at(i) if jitter_at else 0.0
        hdr = struct.pack("!BBHII", 0x80, pt, (1000 + i) & 0xffff, (i * int(8000 * ptime)) & 0xffffffff, ssrc)
        p.udp(t + i * ptime + extra, src, sport, dst, dport, hdr + bytes(size), dscp=dscp, pcp=pcp)


def clean_call(p, t, cid="c1", dscp=0, pcp=None, sip_port=5080, duration=10.0, mtu=None, invite_sdp=None):
    a, _ = call(p, t, cid, 40000, 12000, sip_port=sip_port, dscp_sip=dscp, pcp=pcp, duration=duration, mtu=mtu,
                invite_sdp=invite_sdp)
    rtp(p, a, PHONE, 40000, SRV, 12000, duration, 0x1111, dscp=dscp, pcp=pcp)
    rtp(p, a + 0.005, SRV, 12000, PHONE, 40000, duration, 0x2222, dscp=dscp)

# ---- cases ----


def case_clean(p):
    clean_call(p, T0, dscp=46, pcp=5)


def case_ports_unlisted(p):
    a, _ = call(p, T0, "pu", 40000, 30000, sip_port=5070)
    rtp(p, a, PHONE, 40000, SRV, 30000, 5.0, 0x3333)
    rtp(p, a, SRV, 30000, PHONE, 40000, 5.0, 0x4444)
    for i in range(3):
        p.udp(T0 + 1 + i, PHONE, 45000, SRV, 7000, b"hello")
    p.tcp(T0 + 2, PHONE, 50000, SRV, 8443, 1, 0, SYN)
    p.tcp(T0 + 3, PHONE, 50000, SRV, 8443, 1, 0, SYN)


def case_sip_5060(p):
    clean_call(p, T0, sip_port=5060, dscp=46)


def case_stun_unanswered(p):
    for i in range(4):
        tid = struct.pack("!III", 0xdead0000 + i, i, 7)
        req = struct.pack("!HHI", 0x0001, 0, 0x2112A442) + tid
        for r in range(3):
            p.udp(T0 + i * 2 + r * 0.5, PHONE, 41000, GOOGLE_STUN, 19302, req)
    p.udp(T0 + 20, PHONE, 41001, "192.168.1.1", 53, b"\x12\x34" + bytes(10))   # capture runs on


def case_stun_answered(p):
    for i in range(4):
        tid = struct.pack("!III", 0xbeef0000 + i, i, 7)
        p.udp(T0 + i * 2, PHONE, 41000, GOOGLE_STUN, 19302, struct.pack("!HHI", 0x0001, 0, 0x2112A442) + tid)
        attr = struct.pack("!HHBBH4s", 0x0020, 8, 0, 1, 41000 ^ 0x2112, bytes(b ^ m for b, m in zip(ip_bytes("203.0.113.7"), b"\x21\x12\xa4\x42")))
        p.udp(T0 + i * 2 + 0.03, GOOGLE_STUN, 19302, PHONE, 41000,
              struct.pack("!HHI", 0x0101, len(attr), 0x2112A442) + tid + attr)
    p.udp(T0 + 20, PHONE, 41001, "192.168.1.1", 53, b"\x12\x34" + bytes(10))


def handshake(p, t, client, cport, server, sport, answer="ok", data=True):
    if answer == "none":
        for r in range(3):
            p.tcp(t + r, client, cport, server, sport, 100, 0, SYN)
        return
    p.tcp(t, client, cport, server, sport, 100, 0, SYN)
    if answer == "refused":
        p.tcp(t + 0.01, server, sport, client, cport, 0, 101, RST | ACK)
        return
    p.tcp(t + 0.01, server, sport, client, cport, 500, 101, SYN | ACK)
    p.tcp(t + 0.02, client, cport, server, sport, 101, 501, ACK)
    if data:
        p.tcp(t + 0.03, client, cport, server, sport, 101, 501, PSH | ACK, b"\x16\x03\x01\x00\x05hello")
        p.tcp(t + 0.05, server, sport, client, cport, 501, 111, PSH | ACK, b"\x16\x03\x03\x00\x05world")
    if answer == "reset":
        p.tcp(t + 0.04, server, sport, client, cport, 501, 101, RST | ACK)


def case_tcp_failed(p):
    handshake(p, T0, PHONE, 51000, SRV, 8089, "none")
    handshake(p, T0 + 1, PHONE, 51001, APP_HOST, 443, "refused")
    handshake(p, T0 + 2, PHONE, 51002, SRV, 443, "reset", data=False)
    p.udp(T0 + 15, PHONE, 41001, "192.168.1.1", 53, b"\x12\x34" + bytes(10))


def case_tcp_ok(p):
    handshake(p, T0, PHONE, 51000, SRV, 8089)
    handshake(p, T0 + 1, PHONE, 51001, APP_HOST, 443)
    handshake(p, T0 + 2, PHONE, 51002, SRV, 443)
    p.udp(T0 + 15, PHONE, 41001, "192.168.1.1", 53, b"\x12\x34" + bytes(10))


def case_qos_unmarked(p):
    clean_call(p, T0, dscp=0)


def case_qos_marked(p):
    a, _ = call(p, T0, "qm", 40000, 12000, dscp_sip=26, duration=10.0)
    rtp(p, a, PHONE, 40000, SRV, 12000, 10.0, 0x1111, dscp=46)
    rtp(p, a, SRV, 12000, PHONE, 40000, 10.0, 0x2222, dscp=46)


def case_frag(p):
    clean_call(p, T0, dscp=46, mtu=1500, invite_sdp=sdp(PHONE, 40000, pad_codecs=40))


def case_large_sip(p):
    clean_call(p, T0, dscp=46, invite_sdp=sdp(PHONE, 40000, pad_codecs=11))


def case_bw_video(p):
    a, _ = call(p, T0, "bw", 40000, 12000, invite_sdp=sdp(PHONE, 40000, extra_media=40002),
                answer_sdp=sdp(SRV, 12000, extra_media=12002), duration=10.0)
    rtp(p, a, PHONE, 40000, SRV, 12000, 10.0, 0x1111, dscp=46)
    rtp(p, a, SRV, 12000, PHONE, 40000, 10.0, 0x2222, dscp=46)
    rtp(p, a, PHONE, 40002, SRV, 12002, 10.0, 0x5555, pt=96, ptime=1 / 30.0, size=1000, dscp=34)


def youtube_flow(p, t_from, t_to, rate_pps=400, size=1400):
    c, s = (PHONE, 52000), (WEB, 443)
    p.tcp(t_from, c[0], c[1], s[0], s[1], 1000, 0, SYN)
    p.tcp(t_from + 0.001, s[0], s[1], c[0], c[1], 9000, 1001, SYN | ACK)
    p.tcp(t_from + 0.002, c[0], c[1], s[0], s[1], 1001, 9001, ACK)
    hello = tls_client_hello("www.youtube.com")
    p.tcp(t_from + 0.003, c[0], c[1], s[0], s[1], 1001, 9001, PSH | ACK, hello)
    seq = 9001
    n = int((t_to - t_from - 0.01) * rate_pps)
    for i in range(n):
        payload = b"\x17\x03\x03" + struct.pack("!H", size - 5) + bytes(size - 5)
        p.tcp(t_from + 0.01 + i / rate_pps, s[0], s[1], c[0], c[1], seq, 1001 + len(hello), PSH | ACK, payload)
        seq += size


def tls_client_hello(sni):
    name = sni.encode()
    ext = struct.pack("!HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    body = struct.pack("!H", 0x0303) + b"\x5a" * 32 + b"\0" + struct.pack("!HHHH", 6, 0x1301, 0xc02f, 0x002f)
    body += b"\x01\x00" + struct.pack("!H", len(ext)) + ext
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16\x03\x01" + struct.pack("!H", len(hs)) + hs


def lossy_call(p, with_youtube, youtube_when=(3.0, 6.0)):
    a, _ = call(p, T0, "cq", 40000, 12000, duration=10.0)
    # packets sent in seconds 3-5 of the stream: lose every 5th (20 %)
    lost = {i for i in range(150, 300) if i % 5 == 0}
    rtp(p, a, SRV, 12000, PHONE, 40000, 10.0, 0x2222, lost=lost, dscp=46)
    rtp(p, a, PHONE, 40000, SRV, 12000, 10.0, 0x1111, dscp=46)
    if with_youtube:
        youtube_flow(p, a + youtube_when[0], a + youtube_when[1])


def case_competing(p):
    lossy_call(p, True)


def case_competing_elsewhere(p):
    lossy_call(p, True, youtube_when=(7.0, 9.5))


def case_loss_alone(p):
    lossy_call(p, False)


def case_tls(p):
    handshake(p, T0, PHONE, 53000, SRV, 5081)
    handshake(p, T0 + 1, PHONE, 53001, SRV2, 5061)
    clean_call(p, T0 + 2, cid="sr", dscp=46, invite_sdp=sdp(PHONE, 40000, proto="RTP/SAVP"))


PROXY = "192.168.1.250"           # an office web proxy on the LAN
INTERCEPT = "203.0.113.99"        # a TLS-intercepting gateway (not a VoiceX address)


def case_web_proxy(p):
    """The softphone app reaches its provisioning host through an HTTP proxy (CONNECT), plus a
    plain connection to a usual proxy port, and TLS named for the app host sent elsewhere."""
    handshake(p, T0, PHONE, 52000, PROXY, 3128, data=False)
    connect = b"CONNECT providers.cloudsoftphone.com:443 HTTP/1.1\r\nHost: providers.cloudsoftphone.com:443\r\n\r\n"
    p.tcp(T0 + 0.1, PHONE, 52000, PROXY, 3128, 101, 501, PSH | ACK, connect)
    p.tcp(T0 + 0.2, PROXY, 3128, PHONE, 52000, 501, 101 + len(connect), PSH | ACK, b"HTTP/1.1 200 Connection established\r\n\r\n")
    handshake(p, T0 + 2, PHONE, 52001, INTERCEPT, 443, data=False)
    hello = tls_client_hello("providers.cloudsoftphone.com")
    p.tcp(T0 + 2.1, PHONE, 52001, INTERCEPT, 443, 101, 501, PSH | ACK, hello)
    p.udp(T0 + 15, PHONE, 41001, "192.168.1.1", 53, b"\x12\x34" + bytes(10))


def case_web_direct(p):
    """The same app host reached directly, over TLS with its own name: no proxy finding."""
    handshake(p, T0, PHONE, 52000, APP_HOST, 443, data=False)
    p.tcp(T0 + 0.1, PHONE, 52000, APP_HOST, 443, 101, 501, PSH | ACK, tls_client_hello("providers.cloudsoftphone.com"))
    p.udp(T0 + 15, PHONE, 41001, "192.168.1.1", 53, b"\x12\x34" + bytes(10))


def case_via_params(p):
    """An INVITE that leaves the site with received= and an rport value already in its top Via
    (only the next hop writes those, into responses): a middlebox edited it."""
    h = dialog_headers("vp", "INVITE", 1, "invvp", 5062)
    h[0] = h[0].replace(";rport", ";received=203.0.113.7;rport=5062")
    p.udp(T0, PHONE, 5062, SRV, 5080, sip_msg("INVITE sip:0312345678@lab.example SIP/2.0", h, sdp(PHONE, 40000)))
    p.udp(T0 + 0.1, SRV, 5080, PHONE, 5062, sip_msg("SIP/2.0 486 Busy Here", response_headers(h)))


CASES = {name[5:]: fn for name, fn in sorted(globals().items()) if name.startswith("case_")}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, fn in CASES.items():
        p = Pcap()
        fn(p)
        p.write(os.path.join(out, name + ".pcap"))


if __name__ == "__main__":
    main()
