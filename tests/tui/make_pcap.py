#!/usr/bin/env python3
"""make_pcap.py — tiny SIP captures for the TUI tests (standard library only).

  make_pcap.py hostile OUT.pcap   one INVITE + 180 whose From display name carries ESC[31m,
                                  a BEL and Japanese text (山田), phone -> lab server
  make_pcap.py many N OUT.pcap    N calls (INVITE, 200, ACK, BYE, 200), for scrolling

Addresses match samples/lab.profile: phone 192.168.50.10:5060, server 198.51.100.11:5080.
"""
import struct
import sys

PHONE = (bytes([192, 168, 50, 10]), 5060)
SERVER = (bytes([198, 51, 100, 11]), 5080)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, payload, ident):
    udp = struct.pack("!HHHH", src[1], dst[1], 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), ident & 0xFFFF, 0, 64, 17, 0, src[0], dst[0])
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x02" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
    return eth + ip + udp


def write_pcap(path, packets):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for ts, data in packets:
            f.write(struct.pack("<IIII", int(ts), int((ts % 1) * 1e6), len(data), len(data)))
            f.write(data)


def sip(first, call_id, cseq, from_hdr, to_tag=""):
    to = "<sip:0312345678@lab>" + (";tag=" + to_tag if to_tag else "")
    text = (first + "\r\n"
            "Via: SIP/2.0/UDP 192.168.50.10:5060;branch=z9hG4bK-" + call_id + "-" + cseq.split()[0] + ";rport\r\n"
            "From: " + from_hdr + ";tag=ft" + call_id + "\r\n"
            "To: " + to + "\r\n"
            "Call-ID: " + call_id + "@192.168.50.10\r\n"
            "CSeq: " + cseq + "\r\n"
            "Contact: <sip:201@192.168.50.10:5060>\r\n"
            "Content-Length: 0\r\n\r\n")
    return text.encode("utf-8")


def call(packets, t, n, from_hdr, full):
    cid = "tui%d" % n
    inv = "INVITE sip:0312345678@198.51.100.11:5080 SIP/2.0"
    packets.append((t, frame(PHONE, SERVER, sip(inv, cid, "1 INVITE", from_hdr), 2 * n)))
    if not full:
        packets.append((t + 0.01, frame(SERVER, PHONE, sip("SIP/2.0 180 Ringing", cid, "1 INVITE", from_hdr, "tt"), 2 * n + 1)))
        return
    packets.append((t + 0.01, frame(SERVER, PHONE, sip("SIP/2.0 200 OK", cid, "1 INVITE", from_hdr, "tt"), 2 * n + 1)))
    packets.append((t + 0.02, frame(PHONE, SERVER, sip("ACK sip:vx@198.51.100.11:5080 SIP/2.0", cid, "1 ACK", from_hdr, "tt"), 2 * n)))
    packets.append((t + 1.0, frame(PHONE, SERVER, sip("BYE sip:vx@198.51.100.11:5080 SIP/2.0", cid, "2 BYE", from_hdr, "tt"), 2 * n)))
    packets.append((t + 1.01, frame(SERVER, PHONE, sip("SIP/2.0 200 OK", cid, "2 BYE", from_hdr, "tt"), 2 * n + 1)))


def main():
    packets = []
    if len(sys.argv) == 3 and sys.argv[1] == "hostile":
        call(packets, 1700000000.0, 1, '"\x1b[31m\u5c71\u7530\x07 Taro" <sip:201@lab>', False)
        out = sys.argv[2]
    elif len(sys.argv) == 4 and sys.argv[1] == "many":
        for n in range(int(sys.argv[2])):
            call(packets, 1700000000.0 + n * 0.05, n, '"Caller %d" <sip:%d@lab>' % (n, 1000 + n), True)
        packets.sort(key=lambda p: p[0])
        out = sys.argv[3]
    else:
        sys.exit(__doc__)
    write_pcap(out, packets)


if __name__ == "__main__":
    main()
