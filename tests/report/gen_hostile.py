#!/usr/bin/env python3
"""gen_hostile.py OUT.pcap — a capture whose SIP text tries to inject markup into reports.

An INVITE from the lab phone (192.168.50.10) to a lab VoiceX server (198.51.100.11:5080)
whose From display name is <script>alert(1)</script>, whose User-Agent carries
"><img src=x onerror=alert(1)> plus control bytes and invalid UTF-8, and whose Call-ID holds
markup too; the server answers 200 OK with a hostile reason phrase, then a few RTP packets
flow both ways so the report has streams and charts, beside some DNS (other traffic). Standard library only."""
import struct
import sys

PHONE, SERVER = "192.168.50.10", "198.51.100.11"
CALL_ID = "<script>alert(2)</script>@evil"
T0 = 1764265000.0


def ip_bytes(addr):
    return bytes(int(x) for x in addr.split("."))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def udp_frame(src, sport, dst, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, ip_bytes(src), ip_bytes(dst))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"
    return eth + hdr + udp


def sip_invite():
    sdp = (b"v=0\r\no=- 1 1 IN IP4 192.168.50.10\r\ns=-\r\nc=IN IP4 192.168.50.10\r\nt=0 0\r\n"
           b"m=audio 6000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n")
    head = ("INVITE sip:0312345678@lab SIP/2.0\r\n"
            "Via: SIP/2.0/UDP 192.168.50.10:5060;branch=z9hG4bK-hostile1;rport\r\n"
            "Max-Forwards: 70\r\n"
            "From: \"<script>alert(1)</script>\" <sip:201@lab>;tag=evil1\r\n"
            "To: <sip:0312345678@lab>\r\n"
            "Call-ID: " + CALL_ID + "\r\n"
            "CSeq: 1 INVITE\r\n"
            "Contact: <sip:201@192.168.50.10:5060>\r\n").encode()
    ua = b"User-Agent: \"><img src=x onerror=alert(1)>\x01\x1b[31m\x7f\xff\xfe end\r\n"
    tail = ("Content-Type: application/sdp\r\nContent-Length: %d\r\n\r\n" % len(sdp)).encode()
    return head + ua + tail + sdp


def sip_response(code, reason, with_sdp):
    sdp = (b"v=0\r\no=- 2 2 IN IP4 198.51.100.11\r\ns=-\r\nc=IN IP4 198.51.100.11\r\nt=0 0\r\n"
           b"m=audio 10000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n") if with_sdp else b""
    msg = ("SIP/2.0 %d %s\r\n" % (code, reason) +
           "Via: SIP/2.0/UDP 192.168.50.10:5060;branch=z9hG4bK-hostile1;rport=5060;received=192.168.50.10\r\n"
           "From: \"<script>alert(1)</script>\" <sip:201@lab>;tag=evil1\r\n"
           "To: <sip:0312345678@lab>;tag=srv1\r\n"
           "Call-ID: " + CALL_ID + "\r\nCSeq: 1 INVITE\r\n"
           "Contact: <sip:0312345678@198.51.100.11:5080>\r\n" +
           ("Content-Type: application/sdp\r\n" if with_sdp else "") +
           "Content-Length: %d\r\n\r\n" % len(sdp)).encode()
    return msg + sdp


def rtp(seq, ts, ssrc):
    return struct.pack("!BBHII", 0x80, 8, seq, ts, ssrc) + b"\xd5" * 160


def dns_query(qid, name):
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 1, 1)


def other_traffic():
    """DNS lookups to 8.8.8.8 so the report has other traffic to chart."""
    out = []
    for i in range(30):
        t = T0 + 0.03 + i * 0.035
        out.append((t, udp_frame("192.168.50.20", 40000 + i, "8.8.8.8", 53, dns_query(i, "host%d.example.com" % i))))
    return out


def main():
    frames = [(T0, udp_frame(PHONE, 5060, SERVER, 5080, sip_invite())),
              (T0 + 0.01, udp_frame(SERVER, 5080, PHONE, 5060, sip_response(180, "Ringing <b>x</b>", False))),
              (T0 + 0.02, udp_frame(SERVER, 5080, PHONE, 5060, sip_response(200, "OK <script>alert(3)</script>", True)))]
    for i in range(50):
        t = T0 + 0.05 + i * 0.02
        frames.append((t, udp_frame(PHONE, 6000, SERVER, 10000, rtp(100 + i, 160 * i, 0x11111111))))
        frames.append((t + 0.001, udp_frame(SERVER, 10000, PHONE, 6000, rtp(500 + i, 160 * i, 0x22222222))))
    frames = sorted(frames + other_traffic(), key=lambda x: x[0])
    with open(sys.argv[1], "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for t, data in frames:
            f.write(struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(data), len(data)))
            f.write(data)


if __name__ == "__main__":
    main()
