#!/usr/bin/env python3
"""hep_collect.py — a minimal HEP v3 collector for the tests, written from the HEP3 spec
independently of vxdiag's encoder: listens on UDP or TCP, checks each packet's framing
(magic "HEP3", total length, chunk lengths that add up exactly) and writes one JSON line per
packet with the decoded generic chunks. Stops after SECONDS.
Usage: hep_collect.py udp|tcp HOST PORT SECONDS OUT.jsonl"""
import json
import socket
import struct
import sys
import time


def decode(pkt):
    if pkt[:4] != b"HEP3":
        raise ValueError("bad magic")
    total = struct.unpack("!H", pkt[4:6])[0]
    if total != len(pkt):
        raise ValueError(f"total length {total} != {len(pkt)}")
    out, off = {}, 6
    while off < total:
        vendor, ctype, clen = struct.unpack("!HHH", pkt[off:off + 6])
        if clen < 6 or off + clen > total:
            raise ValueError(f"chunk 0x{ctype:04x} length {clen} overruns")
        body = pkt[off + 6:off + clen]
        off += clen
        if vendor != 0:
            continue
        if ctype in (1, 2, 0xb):
            out[ctype] = body[0]
        elif ctype in (3, 4):
            out[ctype] = socket.inet_ntop(socket.AF_INET, body)
        elif ctype in (5, 6):
            out[ctype] = socket.inet_ntop(socket.AF_INET6, body)
        elif ctype in (7, 8):
            out[ctype] = struct.unpack("!H", body)[0]
        elif ctype in (9, 0xa, 0xc):
            out[ctype] = struct.unpack("!I", body)[0]
        elif ctype in (0xf, 0x11):
            out[ctype] = body.decode("latin-1")
    src = out.get(3, out.get(5))
    dst = out.get(4, out.get(6))
    return {"family": out.get(1), "ipproto": out.get(2), "src": f"{src}:{out.get(7)}",
            "dst": f"{dst}:{out.get(8)}", "ts": out.get(9, 0) + out.get(0xa, 0) / 1e6,
            "usec": out.get(0xa), "proto_type": out.get(0xb), "agent": out.get(0xc),
            "correlation": out.get(0x11), "payload": out.get(0xf, "")}


def tcp_frames(conn, deadline, emit):
    buf = b""
    conn.settimeout(0.2)
    while time.time() < deadline:
        try:
            data = conn.recv(65536)
        except socket.timeout:
            continue
        if not data:
            break
        buf += data
        while len(buf) >= 6:
            total = struct.unpack("!H", buf[4:6])[0]
            if buf[:4] != b"HEP3" or total < 6:
                raise ValueError("stream lost HEP3 framing")
            if len(buf) < total:
                break
            emit(buf[:total])
            buf = buf[total:]
    if buf:
        raise ValueError(f"{len(buf)} bytes of an incomplete frame left")


def main():
    proto, host, port, secs, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    deadline = time.time() + secs
    with open(path, "w") as out:
        def emit(pkt):
            try:
                rec = decode(pkt)
            except ValueError as e:
                rec = {"error": str(e)}
            out.write(json.dumps(rec) + "\n")
            out.flush()
        if proto == "udp":
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((host, port))
            s.settimeout(0.2)
            while time.time() < deadline:
                try:
                    emit(s.recv(65535))
                except socket.timeout:
                    pass
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
            s.listen(4)
            s.settimeout(0.2)
            while time.time() < deadline:
                try:
                    conn, _ = s.accept()
                except socket.timeout:
                    continue
                try:
                    tcp_frames(conn, deadline, emit)
                except ValueError as e:
                    out.write(json.dumps({"error": str(e)}) + "\n")
                conn.close()


if __name__ == "__main__":
    main()
