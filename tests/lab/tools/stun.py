#!/usr/bin/env python3
"""vxdiag lab STUN peer (RFC 8489 Binding, no auth).

  stun.py server ADDR PORT SECONDS
      answers every Binding request with a success response carrying XOR-MAPPED-ADDRESS
  stun.py client LOCAL_ADDR LOCAL_PORT SECONDS HOST:PORT:COUNT [HOST:PORT:COUNT ...]
      from one socket (as a phone does), starts COUNT transactions per target, one a second;
      each unanswered request is retransmitted after 0.5 s and 1.5 s (RFC 8489 Rc 3 here).
      Runs for SECONDS, then prints answered/unanswered per target.
"""
import os, select, socket, struct, sys, time

COOKIE = 0x2112A442


def server(addr, port, secs):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, int(port)))
    end = time.time() + float(secs)
    while time.time() < end:
        r, _, _ = select.select([s], [], [], 0.2)
        if not r:
            continue
        data, peer = s.recvfrom(2048)
        if len(data) < 20:
            continue
        mtype, mlen, cookie = struct.unpack_from(">HHI", data)
        if mtype != 0x0001 or cookie != COOKIE:
            continue
        tid = data[8:20]
        ip = struct.unpack(">I", socket.inet_aton(peer[0]))[0]
        attr = struct.pack(">HHBBHI", 0x0020, 8, 0, 1, peer[1] ^ (COOKIE >> 16), ip ^ COOKIE)
        s.sendto(struct.pack(">HHI", 0x0101, len(attr), COOKIE) + tid + attr, peer)


def client(laddr, lport, secs, targets):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((laddr, int(lport)))
    t0 = time.time()
    txns = []   # [target, tid, start, sends_done, answered]
    plan = []
    for spec in targets:
        host, port, count = spec.rsplit(":", 2)
        for k in range(int(count)):
            plan.append((t0 + k * 1.0, (host, int(port))))
    plan.sort()
    while time.time() < t0 + float(secs):
        now = time.time()
        while plan and plan[0][0] <= now:
            _, tgt = plan.pop(0)
            txns.append([tgt, os.urandom(12), now, 0, False])
        for t in txns:
            due = t[2] + (0, 0.5, 1.5)[t[3]] if t[3] < 3 else None
            if not t[4] and due is not None and now >= due:
                s.sendto(struct.pack(">HHI", 0x0001, 0, COOKIE) + t[1], t[0])
                t[3] += 1
        r, _, _ = select.select([s], [], [], 0.05)
        if r:
            data, _ = s.recvfrom(2048)
            for t in txns:
                if data[8:20] == t[1]:
                    t[4] = True
    for tgt in sorted({t[0] for t in txns}):
        mine = [t for t in txns if t[0] == tgt]
        print("%s:%d %d transactions, %d answered" % (tgt[0], tgt[1], len(mine), sum(t[4] for t in mine)))


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(*sys.argv[2:5])
    else:
        client(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
