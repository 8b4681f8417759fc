#!/usr/bin/env python3
"""gen_flood.py OUT.pcap [CALLS [SERVER_IP]] — a flood of one-shot calls: each call is INVITE / 200 OK
(both with SDP) / ACK / BYE / 200 from its own phone address and port, plus 5 RTP packets
each way, so CALLS calls make 2*CALLS RTP streams. Deterministic; standard library only.
Used by bench/flood.sh to show the analysis stays bounded (caps, evictions) and finishes."""
import struct
import sys

SRV = bytes([35, 79, 95, 220])   # a VoiceX server of the built-in profile (never contacted: a file)


def ip4(n):
    return bytes([10, (n >> 16) & 255, (n >> 8) & 255, n & 255])


def udp_frame(src, sport, dst, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, src, dst) + udp
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip


def sip(first, cid, cseq, method, ip, port, sdp_port=None, to_tag=False):
    body = b""
    if sdp_port:
        body = ("v=0\r\no=- 1 1 IN IP4 %s\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=audio %d RTP/AVP 0\r\n"
                "a=rtpmap:0 PCMU/8000\r\n" % (ip, ip, sdp_port)).encode()
    h = ("%s\r\nVia: SIP/2.0/UDP %s:%d;branch=z9hG4bK%s%d;rport\r\nFrom: <sip:201@pbx01>;tag=f%s\r\n"
         "To: <sip:0312345678@pbx01>%s\r\nCall-ID: %s\r\nCSeq: %d %s\r\nContact: <sip:201@%s:%d>\r\n"
         "Content-Length: %d\r\n" % (first, ip, port, cid, cseq, cid, ";tag=t" if to_tag else "", cid, cseq,
                                     method, ip, port, len(body)))
    if body:
        h += "Content-Type: application/sdp\r\n"
    return h.encode() + b"\r\n" + body


def main():
    global SRV
    out, calls = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    if len(sys.argv) > 3:
        SRV = bytes(int(x) for x in sys.argv[3].split("."))
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        t = 1700000000.0

        def rec(frame):
            nonlocal t
            t += 0.0005
            sec = int(t)
            f.write(struct.pack("<IIII", sec, int((t - sec) * 1e6), len(frame), len(frame)) + frame)

        for n in range(calls):
            ph = ip4(n + 1)
            phs = "10.%d.%d.%d" % ((n + 1) >> 16 & 255, (n + 1) >> 8 & 255, (n + 1) & 255)
            cid = "flood%d" % n
            sport, rtp_p, srv_rtp = 5060, 20000 + (n % 20000) * 2, 10000 + (n % 5000) * 2
            rec(udp_frame(ph, sport, SRV, 5080, sip("INVITE sip:0312345678@pbx01 SIP/2.0", cid, 1, "INVITE",
                                                      phs, sport, rtp_p)))
            rec(udp_frame(SRV, 5080, ph, sport, sip("SIP/2.0 200 OK", cid, 1, "INVITE", phs, sport, srv_rtp, True)))
            rec(udp_frame(ph, sport, SRV, 5080, sip("ACK sip:0312345678@pbx01 SIP/2.0", cid, 1, "ACK", phs, sport,
                                                      to_tag=True)))
            for k in range(5):
                hdr = struct.pack("!BBHII", 0x80, 0, k, k * 160, n)
                rec(udp_frame(ph, rtp_p, SRV, srv_rtp, hdr + bytes(160)))
                hdr = struct.pack("!BBHII", 0x80, 0, k, k * 160, n + (1 << 30))
                rec(udp_frame(SRV, srv_rtp, ph, rtp_p, hdr + bytes(160)))
            rec(udp_frame(ph, sport, SRV, 5080, sip("BYE sip:0312345678@pbx01 SIP/2.0", cid, 2, "BYE", phs, sport,
                                                      to_tag=True)))
            rec(udp_frame(SRV, 5080, ph, sport, sip("SIP/2.0 200 OK", cid, 2, "BYE", phs, sport, to_tag=True)))


if __name__ == "__main__":
    main()
