/* frag.c — IPv4/IPv6 fragment reassembly, bounded: at most VX_CAP_FRAG_DATAGRAMS datagrams
 * in progress (the oldest is evicted), VX_CAP_FRAG_PIECES fragments and 65535 bytes per
 * datagram, 30 s timeout. Overlaps keep the first bytes received (and are counted). */
#include "analyzer/analyzer.h"
#include <stdlib.h>
#include <string.h>

#define FRAG_TIMEOUT_NS (30LL * 1000000000LL)
#define FRAG_MAX_BYTES 65535u

struct frag_key {
    vx_addr src, dst;
    uint32_t id;
    uint8_t proto;
    uint8_t pad[3];
};

struct piece {
    uint32_t offset, len;
    uint8_t *bytes;
};

struct datagram {
    struct frag_key key;
    int64_t first_ns;
    uint32_t total;            /* known once the last fragment arrived, else 0 */
    uint32_t count;
    struct piece pieces[VX_CAP_FRAG_PIECES];
    struct datagram *older, *newer;
};

struct vx_frag_table {
    vx_map by_key;
    struct datagram *oldest, *newest;
    size_t count;
    uint8_t out[FRAG_MAX_BYTES];
};

struct vx_frag_table *vx_frag_new(void)
{
    struct vx_frag_table *t = calloc(1, sizeof *t);
    if (t) vx_map_init(&t->by_key);
    return t;
}

static void unlink_dg(struct vx_frag_table *t, struct datagram *d)
{
    if (d->older) d->older->newer = d->newer; else t->oldest = d->newer;
    if (d->newer) d->newer->older = d->older; else t->newest = d->older;
    vx_map_del(&t->by_key, &d->key, sizeof d->key);
    t->count--;
    for (uint32_t i = 0; i < d->count; i++) free(d->pieces[i].bytes);
    free(d);
}

void vx_frag_free(struct vx_frag_table *t)
{
    if (!t) return;
    while (t->oldest) unlink_dg(t, t->oldest);
    vx_map_free(&t->by_key);
    free(t);
}

static void expire(struct vx_analysis *a, struct vx_frag_table *t, int64_t now)
{
    while (t->oldest && now - t->oldest->first_ns > FRAG_TIMEOUT_NS) {
        a->c.frag_timeouts++;
        unlink_dg(t, t->oldest);
    }
}

static struct datagram *find_or_add(struct vx_analysis *a, struct vx_frag_table *t, const struct frag_key *k, int64_t now)
{
    struct datagram *d = vx_map_get(&t->by_key, k, sizeof *k);
    if (d) return d;
    if (t->count >= VX_CAP_FRAG_DATAGRAMS) { vx_evict(a, VX_EVICT_FRAGMENTS); unlink_dg(t, t->oldest); }
    d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->key = *k;
    d->first_ns = now;
    if (vx_map_put(&t->by_key, k, sizeof *k, d) != 0) { free(d); return NULL; }
    d->older = t->newest;
    if (t->newest) t->newest->newer = d; else t->oldest = d;
    t->newest = d;
    t->count++;
    return d;
}

/* Counts an overlap when a new fragment disagrees with bytes already received. */
static void check_overlap(struct vx_analysis *a, const struct datagram *d, uint32_t off, const uint8_t *p, size_t n)
{
    for (uint32_t i = 0; i < d->count; i++) {
        const struct piece *q = &d->pieces[i];
        uint32_t lo = off > q->offset ? off : q->offset;
        uint32_t hi = off + n < q->offset + q->len ? off + (uint32_t)n : q->offset + q->len;
        if (lo < hi && memcmp(p + (lo - off), q->bytes + (lo - q->offset), hi - lo) != 0) {
            a->c.frag_overlaps++;
            return;
        }
    }
}

/* Whole when the pieces cover 0..total without holes. */
static bool complete(const struct datagram *d)
{
    if (!d->total) return false;
    uint32_t covered = 0;
    for (bool grew = true; grew && covered < d->total;) {
        grew = false;
        for (uint32_t i = 0; i < d->count; i++) {
            const struct piece *q = &d->pieces[i];
            if (q->offset <= covered && q->offset + q->len > covered) { covered = q->offset + q->len; grew = true; }
        }
    }
    return covered >= d->total;
}

/* Later pieces first, so the first bytes received win where pieces overlap. */
static void assemble(const struct datagram *d, uint8_t *out)
{
    for (uint32_t i = d->count; i-- > 0;) {
        const struct piece *q = &d->pieces[i];
        uint32_t n = q->offset + q->len > d->total ? d->total - q->offset : q->len;
        if (q->offset < d->total) memcpy(out + q->offset, q->bytes, n);
    }
}

const uint8_t *vx_frag_add(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, uint32_t id,
                           uint8_t proto, uint32_t offset, bool more, const uint8_t *data,
                           size_t len, size_t *out_len)
{
    struct vx_frag_table *t = a->frags;
    if (!t) return NULL;
    expire(a, t, ctx->ts_ns);
    if ((size_t)offset + len > FRAG_MAX_BYTES) { a->c.frag_too_large++; return NULL; }
    struct frag_key k;
    memset(&k, 0, sizeof k);
    k.src = ctx->src.addr;
    k.dst = ctx->dst.addr;
    k.id = id;
    k.proto = proto;
    struct datagram *d = find_or_add(a, t, &k, ctx->ts_ns);
    if (!d) return NULL;
    if (d->count >= VX_CAP_FRAG_PIECES) { a->c.frag_too_large++; unlink_dg(t, d); return NULL; }
    if (!more) d->total = offset + (uint32_t)len;
    check_overlap(a, d, offset, data, len);
    struct piece *q = &d->pieces[d->count];
    q->bytes = malloc(len ? len : 1);
    if (!q->bytes) return NULL;
    if (len) memcpy(q->bytes, data, len);
    q->offset = offset;
    q->len = (uint32_t)len;
    d->count++;
    if (!complete(d)) return NULL;
    *out_len = d->total;
    assemble(d, t->out);
    unlink_dg(t, d);
    return t->out;
}
