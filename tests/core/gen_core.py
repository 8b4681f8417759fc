#!/usr/bin/env python3
"""gen_core.py OUTDIR — synthetic captures for the core SIP/RTP semantics: call states,
registrations with challenges and refreshes, post-dial delay, and RTP tied to a call behind
NAT only through the announced port (symmetric RTP). Reuses tests/rules/gen_captures.py."""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "rules"))
import gen_captures as g  # noqa: E402


def invite(p, t, cid, sport=5062, sdp_addr=g.PHONE):
    h = g.dialog_headers(cid, "INVITE", 1, "inv" + cid, sport)
    p.udp(t, g.PHONE, sport, g.SRV, 5080, g.sip_msg("INVITE sip:0312345678@lab.example SIP/2.0", h,
                                                    g.sdp(sdp_addr, 40000)))
    return h


def respond(p, t, req_h, status, sport=5062, body=b""):
    p.udp(t, g.SRV, 5080, g.PHONE, sport, g.sip_msg("SIP/2.0 " + status, g.response_headers(req_h), body))


def case_states(p):
    t = g.T0
    h = invite(p, t, "rej"); respond(p, t + 0.1, h, "100 Trying"); respond(p, t + 0.5, h, "486 Busy Here")
    t += 2
    h = invite(p, t, "can"); respond(p, t + 0.1, h, "180 Ringing")
    ch = g.dialog_headers("can", "CANCEL", 1, "invcan", 5062)
    p.udp(t + 3, g.PHONE, 5062, g.SRV, 5080, g.sip_msg("CANCEL sip:0312345678@lab.example SIP/2.0", ch))
    respond(p, t + 3.1, ch, "200 OK"); respond(p, t + 3.2, h, "487 Request Terminated")
    t += 5
    h = invite(p, t, "fail"); respond(p, t + 0.2, h, "503 Service Unavailable")
    t += 1
    h = invite(p, t, "noans")
    for k in (0.5, 1.5, 3.5):
        p.udp(t + k, g.PHONE, 5062, g.SRV, 5080, g.sip_msg("INVITE sip:0312345678@lab.example SIP/2.0", h,
                                                            g.sdp(g.PHONE, 40000)))
    t += 8
    h = invite(p, t, "ok"); respond(p, t + 0.05, h, "100 Trying"); respond(p, t + 1.25, h, "180 Ringing")
    respond(p, t + 3, h, "200 OK", body=g.sdp(g.SRV, 12000))
    t += 4
    h = invite(p, t, "ring"); respond(p, t + 0.3, h, "180 Ringing")


def case_register(p):
    t = g.T0
    for n, (status, exp) in enumerate([("401 Unauthorized", None), ("200 OK", 600), ("200 OK", 600),
                                        ("403 Forbidden", None)]):
        h = g.dialog_headers("reg", "REGISTER", n + 1, "reg%d" % n, 5062)
        h = [x.replace("To: <sip:0312345678@lab.example>", "To: <sip:201@lab.example>") for x in h]
        h.append("Expires: 600")
        p.udp(t, g.PHONE, 5062, g.SRV, 5080, g.sip_msg("REGISTER sip:lab.example SIP/2.0", h))
        r = g.response_headers(h)
        if status.startswith("401"):
            r.append('WWW-Authenticate: Digest realm="lab", nonce="abc"')
        if exp:
            r = [x + ";expires=%d" % exp if x.startswith("Contact:") else x for x in r]
        p.udp(t + 0.05, g.SRV, 5080, g.PHONE, 5062, g.sip_msg("SIP/2.0 " + status, r))
        t += 300 if n else 1


def case_nat_rtp(p):
    """The phone announces its private address; its media reaches VoiceX from the NAT's public
    address with the same port, and the 200 OK carries no SDP: only the port ties them."""
    a, _ = g.call(p, g.T0, "nat", 40000, 12000, answer_sdp=b"", duration=4.0)
    g.rtp(p, a, g.NAT_PUBLIC, 40000, g.SRV, 12000, 4.0, 0x3333)
    g.rtp(p, a + 0.005, g.SRV, 12000, g.NAT_PUBLIC, 40000, 4.0, 0x4444)
    g.rtp(p, a, "198.51.100.99", 40000, "198.51.100.98", 30000, 4.0, 0x5555)   # same port, unrelated
    # the server's RTCP about the phone's stream 0x3333: an RR block and an XR VoIP metrics block
    rr = struct.pack("!BBHI", 0x81, 201, 7, 0x4444) + struct.pack("!IB3sIIII", 0x3333, 13, (7).to_bytes(3, "big"),
                                                                  1004, 80, 0, 0)
    # RFC 3611 4.7: SSRC, loss/discard/burst/gap densities, burst/gap durations, round trip,
    # end system delay, signal/noise/RERL/Gmin, R/ext R/MOS-LQ/MOS-CQ, RX config, JB figures
    voip = struct.pack("!BBH", 7, 0, 8) + struct.pack("!IBBBBHHHHBBBBBBBBBBHHH", 0x3333, 26, 3, 0, 0, 0, 0, 45, 30,
                                                       0, 0, 0, 0, 0, 0, 41, 42, 0, 0, 0, 0, 0)
    xr = struct.pack("!BBHI", 0x80, 207, (8 + len(voip)) // 4 - 1, 0x4444) + voip
    p.udp(a + 2.0, g.SRV, 12001, g.NAT_PUBLIC, 40001, rr + xr)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name in ("states", "register", "nat_rtp"):
        p = g.Pcap()
        globals()["case_" + name](p)
        p.write(os.path.join(out, name + ".pcap"))


if __name__ == "__main__":
    main()
