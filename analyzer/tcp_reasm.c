/* tcp_reasm.c — TCP for SIP: per-direction byte streams reassembled in sequence order and
 * cut into SIP messages by Content-Length (several per segment, or one across segments).
 * Gaps drop the buffer and resynchronise on the next message start. Bounded: at most
 * VX_CAP_TCP_STREAMS streams (least recently used evicted) of VX_CAP_TCP_BUFFER bytes.
 * Also keeps the handshake outcome of connections to VoiceX servers and app hosts. */
#include "analyzer/analyzer.h"
#include "dissectors/tcp.h"
#include <stdlib.h>
#include <string.h>

struct stream_key {
    vx_endpoint src, dst;
};

struct tcp_stream {
    struct stream_key key;
    uint32_t next_seq;
    bool seq_known;
    uint8_t *buf;
    size_t len, cap;
    struct tcp_stream *older, *newer;
};

struct vx_tcp_table {
    vx_map by_key;
    struct tcp_stream *oldest, *newest;
    size_t count;
};

struct vx_tcp_table *vx_tcp_new(void)
{
    struct vx_tcp_table *t = calloc(1, sizeof *t);
    if (t) vx_map_init(&t->by_key);
    return t;
}

static void detach(struct vx_tcp_table *t, struct tcp_stream *s)
{
    if (s->older) s->older->newer = s->newer; else t->oldest = s->newer;
    if (s->newer) s->newer->older = s->older; else t->newest = s->older;
    s->older = s->newer = NULL;
}

static void push_newest(struct vx_tcp_table *t, struct tcp_stream *s)
{
    s->older = t->newest;
    if (t->newest) t->newest->newer = s; else t->oldest = s;
    t->newest = s;
}

static void drop_stream(struct vx_tcp_table *t, struct tcp_stream *s)
{
    detach(t, s);
    vx_map_del(&t->by_key, &s->key, sizeof s->key);
    t->count--;
    free(s->buf);
    free(s);
}

void vx_tcp_free(struct vx_tcp_table *t)
{
    if (!t) return;
    while (t->oldest) drop_stream(t, t->oldest);
    vx_map_free(&t->by_key);
    free(t);
}

static struct tcp_stream *get_stream(struct vx_analysis *a, const struct stream_key *k, bool create)
{
    struct vx_tcp_table *t = a->tcp;
    struct tcp_stream *s = vx_map_get(&t->by_key, k, sizeof *k);
    if (s) { detach(t, s); push_newest(t, s); return s; }
    if (!create) return NULL;
    if (t->count >= VX_CAP_TCP_STREAMS) { vx_evict(a, VX_EVICT_TCP); drop_stream(t, t->oldest); }
    s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->key = *k;
    if (vx_map_put(&t->by_key, k, sizeof *k, s) != 0) { free(s); return NULL; }
    push_newest(t, s);
    t->count++;
    return s;
}

static bool append(struct tcp_stream *s, const uint8_t *p, size_t n)
{
    if (s->len + n > VX_CAP_TCP_BUFFER) return false;
    if (s->len + n > s->cap) {
        size_t ncap = s->cap ? s->cap : 4096;
        while (ncap < s->len + n) ncap *= 2;
        uint8_t *nb = realloc(s->buf, ncap);
        if (!nb) return false;
        s->buf = nb;
        s->cap = ncap;
    }
    memcpy(s->buf + s->len, p, n);
    s->len += n;
    return true;
}

static void consume(struct tcp_stream *s, size_t n)
{
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
}

/* Cuts complete SIP messages off the front of the buffer. */
static void frame_messages(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, struct tcp_stream *s)
{
    for (int guard = 0; guard < 4096 && s->len; guard++) {
        size_t skip = 0;
        while (skip < s->len && (s->buf[skip] == '\r' || s->buf[skip] == '\n')) skip++;
        if (skip) { consume(s, skip); continue; }
        size_t n = 0;
        int rc = vx_sip_frame(s->buf, s->len, &n);
        if (rc == 0) return;
        if (rc < 0) { a->c.tcp_unframeable++; s->len = 0; return; }
        vx_sip_handle(a, ctx, s->buf, n);
        consume(s, n);
    }
}

static bool is_sip_stream(const struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const struct vx_tcp *t)
{
    const struct vx_profile *p = &a->profile;
    if (vx_profile_is_sip_port(p, t->sport) || vx_profile_is_sip_port(p, t->dport)) return true;
    return t->payload_len && vx_sip_looks_like(t->payload, t->payload_len);
}

static void stream_data(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const struct vx_tcp *t)
{
    struct stream_key k = { ctx->src, ctx->dst };
    struct tcp_stream *s = get_stream(a, &k, t->payload_len > 0 || (t->flags & VX_TCP_SYN));
    if (!s) return;
    if (t->flags & VX_TCP_SYN) { s->next_seq = t->seq + 1; s->seq_known = true; s->len = 0; }
    if (!t->payload_len) return;
    uint32_t seq = t->seq;
    const uint8_t *p = t->payload;
    size_t n = t->payload_len;
    if (!s->seq_known) { s->seq_known = true; s->next_seq = seq; }
    int32_t ahead = (int32_t)(seq - s->next_seq);
    if (ahead > 0) { a->c.tcp_gaps++; s->len = 0; s->next_seq = seq; }
    else if (ahead < 0) {
        uint32_t dup = (uint32_t)(-ahead);
        if (dup >= n) return;            /* a retransmission of bytes already taken */
        p += dup; n -= dup; seq += dup;
    }
    if (s->len == 0 && !vx_sip_looks_like(p, n) && p[0] != '\r' && p[0] != '\n') {
        s->next_seq = seq + (uint32_t)n;  /* not at a message start: wait for one */
        return;
    }
    if (!append(s, p, n)) { a->c.tcp_unframeable++; s->len = 0; }
    s->next_seq = seq + (uint32_t)n;
    frame_messages(a, ctx, s);
}

static bool interesting_conn(const struct vx_analysis *a, const vx_endpoint *dst)
{
    return vx_is_server(a, &dst->addr) || vx_profile_app_host(&a->profile, &dst->addr) >= 0;
}

/* Handshake bookkeeping for connections towards VoiceX servers and app hosts. */
static void track_conn(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const struct vx_tcp *t)
{
    bool syn = (t->flags & VX_TCP_SYN) && !(t->flags & VX_TCP_ACK);
    struct stream_key k = { ctx->src, ctx->dst };
    struct stream_key rk = { ctx->dst, ctx->src };
    struct vx_tcp_conn *c = NULL;
    size_t *idx = vx_map_get(&a->tcp_by_key, &k, sizeof k);
    bool reverse = false;
    if (!idx) { idx = vx_map_get(&a->tcp_by_key, &rk, sizeof rk); reverse = idx != NULL; }
    if (idx) c = vx_vec_at(&a->tcp_conns, (size_t)(uintptr_t)idx - 1);
    if (!c) {
        if (!syn || !interesting_conn(a, &ctx->dst)) return;
        if (a->tcp_conns.count >= VX_CAP_EVENTS) { vx_evict(a, VX_EVICT_EVENTS); return; }
        c = vx_vec_push(&a->tcp_conns);
        if (!c) return;
        c->client = ctx->src;
        c->server = ctx->dst;
        c->syn_ns = ctx->ts_ns;
        c->ref = ctx->ref;
        c->app_host = vx_profile_app_host(&a->profile, &ctx->dst.addr);
        c->to_server = vx_is_server(a, &ctx->dst.addr);
        vx_map_put(&a->tcp_by_key, &k, sizeof k, (void *)(uintptr_t)a->tcp_conns.count);
    }
    if (syn) c->syns++;
    if (reverse && (t->flags & VX_TCP_SYN) && (t->flags & VX_TCP_ACK)) c->synack = true;
    if (!reverse && c->synack && (t->flags & VX_TCP_ACK)) c->established = true;
    if (t->flags & VX_TCP_RST) c->rst = true;
    if (t->payload_len) c->data = true;
}

bool vx_tcp_segment(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len)
{
    struct vx_tcp t;
    if (vx_tcp_dissect(data, len, &t) != 0) return false;
    ctx->src.port = t.sport;
    ctx->dst.port = t.dport;
    track_conn(a, ctx, &t);
    if (!a->tcp || !is_sip_stream(a, ctx, &t)) return false;
    stream_data(a, ctx, &t);
    return true;
}
