#!/usr/bin/env python3
"""vxdiag lab: a jittery hop for RTP (runs in the router namespace).

  jitter_relay.py LISTEN_ADDR LISTEN_PORT DST_ADDR DST_PORT SECONDS STALL_MIN_MS STALL_MAX_MS [SEED]

Receives the server's RTP that the router did not de-NAT (raw PREROUTING NOTRACK on wan0, so
it is delivered to the router's own LISTEN_ADDR:LISTEN_PORT) and sends it on to
DST_ADDR:DST_PORT with the ORIGINAL source address and port (raw socket, IP_HDRINCL), payload
unchanged: on the LAN it looks like the server's own stream, only with irregular timing.
Timing is that of a link that stalls and then flushes its queue (Wi-Fi airtime/retries, a
bloated uplink buffer): the output is held for a random STALL_MIN..STALL_MAX ms, then
everything queued leaves at once, then the next stall. Each packet is thus delayed between 0
and STALL_MAX ms, in order: jitter, but no reordering and no loss. (Independent random delays
per packet, kept in order, came out at only ~25 ms RFC 3550 jitter even with 0-200 ms: the
queue smooths them.) Prints counts and the delays.
"""
import heapq, random, select, signal, socket, struct, sys, time


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


def packet(src, sport, dst, dport, payload, ident):
    ulen = 8 + len(payload)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 17, ulen)
    udp = struct.pack("!HHHH", sport, dport, ulen, 0) + payload
    c = csum(pseudo + udp) or 0xffff
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + ulen, ident & 0xffff, 0x4000, 63, 17, 0,
                     socket.inet_aton(src), socket.inet_aton(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return ip + udp


def main():
    laddr, lport, dst, dport, secs, smin, smax = sys.argv[1:8]
    rnd = random.Random(int(sys.argv[8]) if len(sys.argv) > 8 else None)
    lport, dport, secs = int(lport), int(dport), float(secs)
    smin, smax = float(smin) / 1000.0, float(smax) / 1000.0
    rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rx.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    rx.bind((laddr, lport))
    tx = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    tx.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    print("relay %s:%d -> %s:%d, stalls of %.0f-%.0f ms" % (laddr, lport, dst, dport, smin * 1000, smax * 1000),
          flush=True)
    q, flush_at, n, ident, delays = [], 0.0, 0, 1, []
    end = time.time() + secs

    def stop(*_):
        nonlocal end
        end = 0.0
    signal.signal(signal.SIGTERM, stop)
    while time.time() < end or q:
        now = time.time()
        timeout = max(0.0, q[0][0] - now) if q else 0.05
        if time.time() < end:
            try:
                r, _, _ = select.select([rx], [], [], min(timeout, 0.05))
            except InterruptedError:
                r = []
            if r:
                data, (src, sport) = rx.recvfrom(4096)
                now = time.time()
                while flush_at <= now:                # the link's next flush after this arrival
                    flush_at = max(flush_at, now - smax) + rnd.uniform(smin, smax)
                out = flush_at
                delays.append(out - now)
                heapq.heappush(q, (out, n, src, sport, data))
                n += 1
        else:
            if not end:
                break                                # SIGTERM: report, do not flush the queue
            time.sleep(timeout)
        now = time.time()
        while q and q[0][0] <= now:
            _, _, src, sport, data = heapq.heappop(q)
            tx.sendto(packet(src, sport, dst, dport, data, ident), (dst, 0))
            ident += 1
    if delays:
        print("relayed %d packets, delay mean %.1f ms, max %.1f ms" %
              (len(delays), 1000 * sum(delays) / len(delays), 1000 * max(delays)), flush=True)
    else:
        print("relayed 0 packets", flush=True)


if __name__ == "__main__":
    main()
