#!/usr/bin/env python3
"""make_seeds.py - split capture files into per-target libFuzzer seed corpora.

Usage: make_seeds.py OUTDIR PCAP... [--whole FILE...]

Reads classic pcap files (Ethernet, raw IP, Linux SLL) and writes, under OUTDIR/<target>/,
one seed file per distinct input: link frames (prefixed with the DLT selector byte that
fuzz_link.c expects), IP datagrams, UDP/TCP headers+payload, SIP messages, SDP bodies,
RTP, RTCP and STUN payloads, and analyzer_udp inputs (2 control bytes + UDP payload).
Files after --whole are copied unchanged as pcap_file seeds. Standard library only;
deterministic; caps the seeds per target so the corpora stay small.
"""
import hashlib
import os
import struct
import sys

CAP = {"link": 150, "ip": 150, "udp_tcp": 150, "sip": 300, "sdp": 100, "rtp": 60,
       "rtcp": 60, "stun": 40, "analyzer_udp": 400, "pcap_file": 200}
LINK_SEL = {1: 1, 101: 5, 113: 6, 228: 7, 229: 8, 276: 9, 0: 0, 108: 4}  # index in fuzz_link dlts[]
SIP_STARTS = (b"SIP/2.0 ", b"INVITE ", b"ACK ", b"BYE ", b"CANCEL ", b"REGISTER ", b"OPTIONS ",
              b"NOTIFY ", b"SUBSCRIBE ", b"INFO ", b"PRACK ", b"UPDATE ", b"MESSAGE ", b"REFER ",
              b"PUBLISH ")
counts = {}


def save(out, target, blob):
    if counts.get(target, 0) >= CAP[target]:
        return
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = os.path.join(d, hashlib.sha1(blob).hexdigest()[:16])
    if not os.path.exists(name):
        with open(name, "wb") as f:
            f.write(blob)
        counts[target] = counts.get(target, 0) + 1


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return None, []
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return None, []
    dlt = struct.unpack(e + "I", data[20:24])[0] & 0x0FFFFFFF
    pkts, off = [], 24
    while off + 16 <= len(data):
        incl = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        if incl > 262144 or off + 16 + incl > len(data):
            break
        pkts.append(data[off + 16:off + 16 + incl])
        off += 16 + incl
    return dlt, pkts


def net_offset(dlt, frame):
    if dlt == 1:
        off, et = 14, frame[12:14]
        while et in (b"\x81\x00", b"\x88\xa8") and len(frame) >= off + 4:
            et = frame[off + 2:off + 4]
            off += 4
        return off if et in (b"\x08\x00", b"\x86\xdd") else None
    if dlt in (101, 228, 229):
        return 0
    if dlt == 113:
        return 16
    return None


def classify_udp(out, sport, dport, payload):
    if not payload:
        return
    pair = 0 if 5060 in (sport, dport) or 5080 in (sport, dport) else 2
    save(out, "analyzer_udp", bytes([0, pair]) + payload)
    if payload.startswith(SIP_STARTS):
        save(out, "sip", payload)
        i = payload.find(b"\r\n\r\n")
        if i >= 0 and payload[i + 4:i + 6] == b"v=":
            save(out, "sdp", payload[i + 4:])
    elif len(payload) >= 20 and payload[4:8] == b"\x21\x12\xa4\x42" and payload[0] < 2:
        save(out, "stun", payload)
    elif len(payload) >= 8 and payload[0] >> 6 == 2 and 192 <= payload[1] <= 223:
        save(out, "rtcp", payload)
    elif len(payload) >= 12 and payload[0] >> 6 == 2:
        save(out, "rtp", payload)


def split_ip(out, ip):
    save(out, "ip", ip)
    if not ip:
        return
    if ip[0] >> 4 == 4 and len(ip) >= 20:
        hl = (ip[0] & 15) * 4
        proto, l4 = ip[9], ip[hl:]
        frag = struct.unpack(">H", ip[6:8])[0] & 0x3FFF
        if frag:
            return
    elif ip[0] >> 4 == 6 and len(ip) >= 40:
        proto, l4 = ip[6], ip[40:]
    else:
        return
    if proto in (6, 17):
        save(out, "udp_tcp", l4)
    if proto == 17 and len(l4) >= 8:
        sport, dport = struct.unpack(">HH", l4[:4])
        classify_udp(out, sport, dport, l4[8:])
    if proto == 6 and len(l4) >= 20:
        hl = (l4[12] >> 4) * 4
        if l4[hl:].startswith(SIP_STARTS):
            save(out, "sip", l4[hl:])


def synthetic(out):
    """Hand-built seeds for what lab captures rarely hold (STUN, RTCP, compact SIP)."""
    tid = bytes(range(1, 13))
    xport = 54321 ^ 0x2112
    xaddr = bytes(a ^ b for a, b in zip(bytes([203, 0, 113, 45]), b"\x21\x12\xa4\x42"))
    attr = struct.pack(">HHBBH", 0x0020, 8, 0, 1, xport) + xaddr
    save(out, "stun", struct.pack(">HHI", 0x0101, len(attr), 0x2112A442) + tid + attr)
    save(out, "stun", struct.pack(">HHI", 0x0001, 0, 0x2112A442) + tid)
    block = struct.pack(">IB", 0x11223344, 12) + (5).to_bytes(3, "big") + struct.pack(">IIII", 70000, 80, 0x12345678, 65536)
    sr = struct.pack(">BBHI", 0x81, 200, 12, 0xAABBCCDD) + struct.pack(">IIIII", 1, 2, 3, 100, 16000) + block
    rr = struct.pack(">BBHI", 0x81, 201, 7, 0xAABBCCDD) + block
    sdes = struct.pack(">BBHI", 0x81, 202, 2, 0xAABBCCDD) + b"\x01\x00\x00\x00"
    bye = struct.pack(">BBHI", 0x81, 203, 1, 0xAABBCCDD)
    for blob in (sr + sdes, rr + sdes, sr + bye, rr):
        save(out, "rtcp", blob)
        save(out, "analyzer_udp", bytes([0, 3]) + blob)
    sdp = (b"v=0\r\no=- 1 1 IN IP4 192.168.10.10\r\ns=-\r\nc=IN IP4 192.168.10.10\r\nt=0 0\r\n"
           b"m=audio 16384 RTP/AVP 0 8 101\r\nc=IN IP4 10.0.0.1\r\na=rtpmap:0 PCMU/8000\r\n"
           b"a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\nm=video 0 RTP/AVP 96\r\n")
    save(out, "sdp", sdp)
    sip = (b"INVITE sip:200@35.79.95.220 SIP/2.0\r\nv: SIP/2.0/UDP 192.168.10.10:5060;branch=z9hG4bK1;rport\r\n"
           b"f: \"A\" <sip:100@x>;tag=ft\r\nt: <sip:200@x>\r\ni: cid@h\r\nCSeq: 1 INVITE\r\n"
           b"m: <sip:100@192.168.10.10>\r\nc: application/sdp\r\nl: %d\r\n\r\n" % len(sdp)) + sdp
    save(out, "sip", sip)
    save(out, "analyzer_udp", bytes([0, 0]) + sip)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out, rest = args[0], args[1:]
    whole = []
    if "--whole" in rest:
        i = rest.index("--whole")
        rest, whole = rest[:i], rest[i + 1:]
    for path in rest:
        dlt, pkts = read_pcap(path)
        for frame in pkts:
            if dlt in LINK_SEL:
                save(out, "link", bytes([LINK_SEL[dlt]]) + frame)
            off = net_offset(dlt, frame)
            if off is not None:
                split_ip(out, frame[off:])
    synthetic(out)
    for path in whole:
        if os.path.isfile(path) and os.path.getsize(path) <= 1048576:
            with open(path, "rb") as f:
                save(out, "pcap_file", f.read())
    for t in sorted(CAP):
        print("  seeds %-13s %d" % (t, counts.get(t, 0)))


if __name__ == "__main__":
    main()
