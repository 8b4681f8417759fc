#!/usr/bin/env python3
"""vxdiag lab TCP helpers.

  tcp.py listen ADDR PORT SECONDS       accept connections, read a request, answer a short
                                        HTTP 101 (WebSocket-looking) reply, close
  tcp.py connect ADDR PORT TIMEOUT      one connection attempt (kernel SYN retries at 1 s, 3 s);
                                        on success sends a WebSocket upgrade request
  tcp.py httpd ADDR PORT SECONDS MBYTES HTTP/1.1 server with one big body (/big) for bulk traffic
  tcp.py get ADDR PORT SECONDS          GET /big, read for up to SECONDS, print bytes received
"""
import socket, sys, threading, time


def listen(addr, port, secs):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, int(port)))
    s.listen(8)
    s.settimeout(0.2)
    end = time.time() + float(secs)
    while time.time() < end:
        try:
            c, _ = s.accept()
        except socket.timeout:
            continue
        c.settimeout(2)
        try:
            c.recv(4096)
            c.sendall(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
        except OSError:
            pass
        c.close()


def connect(addr, port, timeout):
    s = socket.socket()
    s.settimeout(float(timeout))
    t0 = time.time()
    try:
        s.connect((addr, int(port)))
        s.sendall(b"GET /ws HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                  % (addr.encode(), port.encode()))
        s.recv(4096)
        print("%s:%s connected" % (addr, port))
    except OSError as e:
        print("%s:%s failed after %.1f s: %s" % (addr, port, time.time() - t0, e))
    s.close()


def httpd(addr, port, secs, mbytes):
    body = b"x" * int(float(mbytes) * 1e6)
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, int(port)))
    s.listen(8)
    s.settimeout(0.2)
    end = time.time() + float(secs)

    def serve(c):
        try:
            c.recv(4096)
            c.sendall(b"HTTP/1.1 200 OK\r\nServer: vxlab\r\nContent-Type: application/octet-stream\r\n"
                      b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
        except OSError:
            pass
        c.close()

    while time.time() < end:
        try:
            c, _ = s.accept()
        except socket.timeout:
            continue
        c.settimeout(max(0.1, end - time.time()))
        threading.Thread(target=serve, args=(c,), daemon=True).start()


def get(addr, port, secs):
    s = socket.create_connection((addr, int(port)), timeout=3)
    s.sendall(b"GET /big HTTP/1.1\r\nHost: %s\r\nUser-Agent: vxlab-bulk\r\nAccept: */*\r\n\r\n" % addr.encode())
    end = time.time() + float(secs)
    n = 0
    s.settimeout(0.5)
    while time.time() < end:
        try:
            d = s.recv(65536)
        except socket.timeout:
            continue
        if not d:
            break
        n += len(d)
    s.close()
    print("received %d bytes" % n)


if __name__ == "__main__":
    {"listen": listen, "connect": connect, "httpd": httpd, "get": get}[sys.argv[1]](*sys.argv[2:])
