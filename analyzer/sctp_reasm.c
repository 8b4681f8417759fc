/* sctp_reasm.c — SIP over SCTP: DATA chunks of one user message split into fragments
 * (B ... E flags, consecutive TSNs) are joined before SIP parsing. Bounded: at most
 * SCTP_MAX_PENDING messages in progress (the oldest is dropped), 64 KiB each. */
#include "analyzer/analyzer.h"
#include "dissectors/sctp.h"
#include <stdlib.h>
#include <string.h>

#define SCTP_MAX_PENDING 256
#define SCTP_MAX_MESSAGE 65536

struct sctp_key { struct ep_bytes { uint8_t b[19]; } src, dst; uint8_t stream[2]; };

struct sctp_pending {
    struct sctp_key key;
    uint32_t next_tsn;
    size_t len;
    uint8_t data[SCTP_MAX_MESSAGE];
};

struct vx_sctp_table {
    vx_map by_key;
    struct sctp_pending *slots[SCTP_MAX_PENDING];
    size_t next_slot;
};

static void ep_bytes(const vx_endpoint *e, struct ep_bytes *out)
{
    memset(out, 0, sizeof *out);
    out->b[0] = e->addr.family;
    memcpy(out->b + 1, e->addr.b, 16);
    out->b[17] = (uint8_t)(e->port >> 8);
    out->b[18] = (uint8_t)e->port;
}

struct vx_sctp_table *vx_sctp_new(void)
{
    struct vx_sctp_table *t = calloc(1, sizeof *t);
    if (t) vx_map_init(&t->by_key);
    return t;
}

void vx_sctp_free(struct vx_sctp_table *t)
{
    if (!t) return;
    for (size_t i = 0; i < SCTP_MAX_PENDING; i++) free(t->slots[i]);
    vx_map_free(&t->by_key);
    free(t);
}

static void drop(struct vx_sctp_table *t, struct sctp_pending *p)
{
    vx_map_del(&t->by_key, &p->key, sizeof p->key);
    for (size_t i = 0; i < SCTP_MAX_PENDING; i++) if (t->slots[i] == p) t->slots[i] = NULL;
    free(p);
}

static struct sctp_pending *start(struct vx_sctp_table *t, const struct sctp_key *k)
{
    struct sctp_pending *old = vx_map_get(&t->by_key, k, sizeof *k);
    if (old) drop(t, old);
    size_t slot = t->next_slot++ % SCTP_MAX_PENDING;
    if (t->slots[slot]) drop(t, t->slots[slot]);
    struct sctp_pending *p = malloc(sizeof *p);
    if (!p) return NULL;
    p->key = *k;
    p->len = 0;
    if (vx_map_put(&t->by_key, k, sizeof *k, p) != 0) { free(p); return NULL; }
    t->slots[slot] = p;
    return p;
}

/* Feeds one DATA chunk; returns the whole message when its last fragment arrives. */
const uint8_t *vx_sctp_chunk(struct vx_analysis *a, const struct vx_pkt_ctx *ctx,
                             const struct vx_sctp_data *d, size_t *out_len)
{
    if (d->complete) { *out_len = d->len; return d->payload; }
    struct vx_sctp_table *t = a->sctp;
    if (!t) return NULL;
    struct sctp_key k;
    ep_bytes(&ctx->src, &k.src);
    ep_bytes(&ctx->dst, &k.dst);
    k.stream[0] = (uint8_t)(d->stream >> 8);
    k.stream[1] = (uint8_t)d->stream;
    struct sctp_pending *p = d->begin ? start(t, &k) : vx_map_get(&t->by_key, &k, sizeof k);
    if (!p) return NULL;
    if ((!d->begin && d->tsn != p->next_tsn) || p->len + d->len > SCTP_MAX_MESSAGE) { drop(t, p); return NULL; }
    memcpy(p->data + p->len, d->payload, d->len);
    p->len += d->len;
    p->next_tsn = d->tsn + 1;
    if (!d->end) return NULL;
    memcpy(a->sctp_out, p->data, p->len);
    *out_len = p->len;
    drop(t, p);
    return a->sctp_out;
}
