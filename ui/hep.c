/* hep.c — HEP v3 encoder and sender (see hep.h). Chunks are vendor 0 (generic): 0x0001 IP
 * family, 0x0002 IP protocol, 0x0003/0x0004 IPv4 or 0x0005/0x0006 IPv6 source/destination,
 * 0x0007/0x0008 ports, 0x0009/0x000a timestamp seconds/microseconds, 0x000b payload type,
 * 0x000c capture agent id, 0x000f payload, 0x0011 correlation id. All integers big-endian.
 * UDP sends one datagram per packet; TCP streams them (HEP3 framing carries the length) and
 * reconnects at most once a second after an error. Sending never blocks analysis long: TCP
 * sends time out after 200 ms and the packet is counted as failed. */
#include "ui/hep.h"
#include "analyzer/model.h"
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* ---- encoder ---- */

struct out { uint8_t *p; size_t cap, len; bool overflow; };

static void put_bytes(struct out *o, const void *v, size_t n)
{
    if (o->overflow || n > o->cap - o->len) { o->overflow = true; return; }
    memcpy(o->p + o->len, v, n);
    o->len += n;
}

static void put_u16(struct out *o, uint16_t v) { uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v }; put_bytes(o, b, 2); }

static void chunk(struct out *o, uint16_t type, const void *v, size_t n)
{
    if (n > 0xffff - 6) { o->overflow = true; return; }
    put_u16(o, 0);
    put_u16(o, type);
    put_u16(o, (uint16_t)(n + 6));
    put_bytes(o, v, n);
}

static void chunk_u8(struct out *o, uint16_t type, uint8_t v) { chunk(o, type, &v, 1); }
static void chunk_u16(struct out *o, uint16_t type, uint16_t v) { uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v }; chunk(o, type, b, 2); }
static void chunk_u32(struct out *o, uint16_t type, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    chunk(o, type, b, 4);
}

size_t vx_hep_encode(const struct vx_hep_rec *r, uint8_t *buf, size_t cap)
{
    if (r->src.addr.family != r->dst.addr.family) return 0;
    bool v6 = r->src.addr.family == 6;
    if (cap > VX_HEP_MAX_PACKET) cap = VX_HEP_MAX_PACKET;
    struct out o = { buf, cap, 0, false };
    put_bytes(&o, "HEP3", 4);
    put_u16(&o, 0);                                   /* total length, filled in below */
    chunk_u8(&o, 0x0001, v6 ? 10 : 2);
    chunk_u8(&o, 0x0002, r->transport);
    chunk(&o, v6 ? 0x0005 : 0x0003, r->src.addr.b, v6 ? 16 : 4);
    chunk(&o, v6 ? 0x0006 : 0x0004, r->dst.addr.b, v6 ? 16 : 4);
    chunk_u16(&o, 0x0007, r->src.port);
    chunk_u16(&o, 0x0008, r->dst.port);
    int64_t ts = r->ts_ns < 0 ? 0 : r->ts_ns;
    chunk_u32(&o, 0x0009, (uint32_t)(ts / 1000000000));
    chunk_u32(&o, 0x000a, (uint32_t)(ts % 1000000000 / 1000));
    chunk_u8(&o, 0x000b, r->proto_type);
    chunk_u32(&o, 0x000c, r->agent_id);
    if (r->correlation && r->correlation[0]) chunk(&o, 0x0011, r->correlation, strlen(r->correlation));
    chunk(&o, 0x000f, r->payload, r->payload_len);
    if (o.overflow) return 0;
    buf[4] = (uint8_t)(o.len >> 8);
    buf[5] = (uint8_t)o.len;
    return o.len;
}

/* ---- sender ---- */

struct vx_hep {
    bool tcp;
    int fd;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    uint32_t agent_id;
    time_t last_connect;
    struct vx_hep_counts n;
    uint8_t buf[VX_HEP_MAX_PACKET];
};

/* Splits "udp:HOST:PORT" into its parts; false if malformed. */
static bool split_target(const char *t, bool *tcp, char *host, size_t hsz, char *port, size_t psz)
{
    if (!strncmp(t, "udp:", 4)) *tcp = false;
    else if (!strncmp(t, "tcp:", 4)) *tcp = true;
    else return false;
    t += 4;
    const char *colon;
    if (*t == '[') {
        const char *close = strchr(t, ']');
        if (!close || close[1] != ':') return false;
        snprintf(host, hsz, "%.*s", (int)(close - t - 1), t + 1);
        colon = close + 1;
    } else {
        colon = strrchr(t, ':');
        if (!colon) return false;
        snprintf(host, hsz, "%.*s", (int)(colon - t), t);
    }
    snprintf(port, psz, "%s", colon + 1);
    char *end;
    long p = strtol(port, &end, 10);
    return host[0] && port[0] && !*end && p > 0 && p < 65536;
}

bool vx_hep_target_valid(const char *target)
{
    bool tcp;
    char host[256], port[16];
    return split_target(target, &tcp, host, sizeof host, port, sizeof port);
}

static int connect_socket(struct vx_hep *h)
{
    h->last_connect = time(NULL);
    int fd = socket(h->addr.ss_family, (h->tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    struct timeval tv = { 0, 200000 };
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&h->addr, h->addrlen) != 0) { close(fd); return -1; }
    h->fd = fd;
    return 0;
}

struct vx_hep *vx_hep_open(const char *target, uint32_t agent_id, char *err, size_t errlen)
{
    bool tcp;
    char host[256], port[16];
    if (!split_target(target, &tcp, host, sizeof host, port, sizeof port)) {
        snprintf(err, errlen, "--hep %s: expected udp:HOST:PORT or tcp:HOST:PORT", target);
        return NULL;
    }
    struct addrinfo hints = { .ai_socktype = tcp ? SOCK_STREAM : SOCK_DGRAM }, *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0 || !res) { snprintf(err, errlen, "--hep %s: %s", target, gai_strerror(gai)); return NULL; }
    struct vx_hep *h = calloc(1, sizeof *h);
    if (!h) { freeaddrinfo(res); snprintf(err, errlen, "out of memory"); return NULL; }
    h->tcp = tcp;
    h->fd = -1;
    h->agent_id = agent_id;
    memcpy(&h->addr, res->ai_addr, res->ai_addrlen);
    h->addrlen = res->ai_addrlen;
    freeaddrinfo(res);
    if (connect_socket(h) != 0) {
        snprintf(err, errlen, "--hep %s: cannot connect: %s", target, strerror(errno));
        free(h);
        return NULL;
    }
    return h;
}

static bool send_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

void vx_hep_send(struct vx_hep *h, const struct vx_hep_rec *r)
{
    struct vx_hep_rec rec = *r;
    rec.agent_id = h->agent_id;
    size_t n = vx_hep_encode(&rec, h->buf, sizeof h->buf);
    if (!n) { h->n.too_big++; return; }
    if (h->fd < 0 && (time(NULL) == h->last_connect || connect_socket(h) != 0)) { h->n.failed++; return; }
    bool ok = h->tcp ? send_all(h->fd, h->buf, n) : send(h->fd, h->buf, n, 0) == (ssize_t)n;
    if (ok) { h->n.sent++; return; }
    h->n.failed++;
    if (h->tcp) { close(h->fd); h->fd = -1; }   /* a partial frame would desynchronise the stream */
}

void vx_hep_counts(const struct vx_hep *h, struct vx_hep_counts *out) { *out = h->n; }

void vx_hep_close(struct vx_hep *h)
{
    if (!h) return;
    if (h->fd >= 0) close(h->fd);
    free(h);
}

/* ---- analyzer hooks ---- */

void vx_hep_on_sip(void *ctx, const struct vx_sip_msg *m)
{
    if (!m->raw) return;
    struct vx_hep_rec r = {
        .src = m->src, .dst = m->dst, .transport = m->transport, .ts_ns = m->ts_ns,
        .proto_type = VX_HEP_PROTO_SIP, .payload = (const uint8_t *)m->raw, .payload_len = m->raw_len,
    };
    vx_hep_send(ctx, &r);
}

void vx_hep_on_rtcp(void *ctx, const struct vx_media_pkt *p)
{
    struct vx_hep_rec r = {
        .src = p->src, .dst = p->dst, .transport = 17, .ts_ns = p->ts_ns,
        .proto_type = VX_HEP_PROTO_RTCP, .correlation = p->call_id, .payload = p->data,
        .payload_len = p->len,
    };
    vx_hep_send(ctx, &r);
}
