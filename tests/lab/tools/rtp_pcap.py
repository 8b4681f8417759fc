#!/usr/bin/env python3
"""vxdiag lab: write an Ethernet/IPv4/UDP pcap of one RTP stream for SIPp's play_pcap_audio.

  rtp_pcap.py OUT PT CLOCK_HZ PTIME_MS PAYLOAD_BYTES COUNT SSRC_HEX SEQ0

Payload: a 440 Hz tone as L16 (16-bit big-endian linear PCM, the RFC 3551 codec); the
timestamps advance by CLOCK_HZ*PTIME_MS/1000 per packet and the pcap times by PTIME_MS, so
SIPp sends it at the real rate. Addresses in the file are placeholders (SIPp replaces them).
"""
import math, struct, sys

out, pt, clock, ptime, size, count, ssrc, seq0 = sys.argv[1:9]
pt, clock, ptime, size, count, seq0 = int(pt), int(clock), float(ptime), int(size), int(count), int(seq0)
ssrc = int(ssrc, 16)
step = int(clock * ptime / 1000)
f = open(out, "wb")
f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
n = 0
for i in range(count):
    samples = size // 2
    pay = b"".join(struct.pack(">h", int(8000 * math.sin(2 * math.pi * 440 * (n + k) / clock))) for k in range(samples))
    n += samples
    rtp = struct.pack(">BBHII", 0x80, pt, (seq0 + i) & 0xffff, (i * step) & 0xffffffff, ssrc) + pay
    udp = struct.pack(">HHHH", 10000, 6000, 8 + len(rtp), 0) + rtp
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xffff, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00" + ip
    t = i * ptime / 1000.0
    f.write(struct.pack("<IIII", int(t), int(round((t - int(t)) * 1e6)), len(eth), len(eth)) + eth)
f.close()
