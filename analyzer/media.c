/* media.c — RTP streams (by source, destination and SSRC) tied to calls through SDP, RTP
 * found by heuristics, RTCP far-end reports, STUN transactions and the per-stream series.
 * Nothing is kept per RTP packet: each one updates counters and a bounded series. */
#include "analyzer/analyzer.h"
#include "analyzer/rtp_stats.h"
#include "dissectors/rtcp.h"
#include "dissectors/rtp.h"
#include "dissectors/sdp.h"
#include "dissectors/stun.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Map keys must not contain padding bytes: build them field by field. */
struct ep_key { uint8_t fam; uint8_t b[16]; uint8_t port[2]; };

static struct ep_key make_ep_key(const vx_endpoint *e)
{
    struct ep_key k;
    memset(&k, 0, sizeof k);
    k.fam = e->addr.family;
    memcpy(k.b, e->addr.b, 16);
    k.port[0] = (uint8_t)(e->port >> 8);
    k.port[1] = (uint8_t)e->port;
    return k;
}

struct stream_key { struct ep_key src, dst; uint8_t ssrc[4]; };

static struct stream_key make_stream_key(const vx_endpoint *s, const vx_endpoint *d, uint32_t ssrc)
{
    struct stream_key k;
    k.src = make_ep_key(s);
    k.dst = make_ep_key(d);
    for (int i = 0; i < 4; i++) k.ssrc[i] = (uint8_t)(ssrc >> (24 - 8 * i));
    return k;
}

/* ---- SDP announcements ---- */

static void fill_codec(struct vx_media_ep *e, const struct vx_sdp_media *md)
{
    e->pt = md->pt_count ? md->pts[0] : 0;
    for (int i = 0; i < md->rtpmap_count && e->map_count < VX_MEDIA_MAX_MAPS; i++) {
        e->maps[e->map_count].pt = md->rtpmap[i].pt;
        snprintf(e->maps[e->map_count].name, sizeof e->maps[0].name, "%s", md->rtpmap[i].name);
        e->maps[e->map_count].clock = md->rtpmap[i].clock;
        e->map_count++;
    }
    const char *name = vx_sdp_static_codec(e->pt, &e->clock);
    for (int i = 0; i < e->map_count; i++) {
        if (e->maps[i].pt == e->pt) { name = e->maps[i].name; e->clock = e->maps[i].clock; }
    }
    snprintf(e->codec, sizeof e->codec, "%s", name ? name : "");
}

void vx_media_announce(struct vx_analysis *a, struct vx_call *call, const struct vx_sip_msg *m,
                       const uint8_t *body, size_t len)
{
    struct vx_sdp sdp;
    if (vx_sdp_parse(body, len, &sdp) != 0) return;
    for (int i = 0; i < sdp.media_count; i++) {
        const struct vx_sdp_media *md = &sdp.media[i];
        if (!md->port || !md->has_conn) continue;
        if (a->media_eps >= VX_CAP_MEDIA_ENDPOINTS) { vx_evict(a, VX_EVICT_MEDIA_ENDPOINTS); return; }
        struct vx_media_ep *e = calloc(1, sizeof *e);
        struct vx_media_ep **slot = e ? vx_vec_push(&call->media) : NULL;
        if (!slot) { free(e); return; }
        *slot = e;
        a->media_eps++;
        e->ep.addr = md->conn;
        e->ep.port = md->port;
        e->call = (int32_t)call->index;
        e->from_customer = m->from_customer;
        snprintf(e->media, sizeof e->media, "%s", md->type);
        snprintf(e->direction, sizeof e->direction, "%s", md->direction);
        e->is_rtp = strstr(md->proto, "RTP") != NULL;
        if (!e->is_rtp) a->non_rtp_announcements++;
        fill_codec(e, md);
        e->ref = m->ref;
        e->msg = m->id;
        e->ts_ns = m->ts_ns;
        struct ep_key k = make_ep_key(&e->ep);
        vx_map_put(&a->media_by_ep, &k, sizeof k, e);
        if (vx_addr_is_private(&e->ep.addr)) {
            uint8_t pk[3] = { e->ep.addr.family, (uint8_t)(e->ep.port >> 8), (uint8_t)e->ep.port };
            vx_map_put(&a->media_by_port, pk, sizeof pk, e);
        }
    }
}

static const struct vx_media_ep *announced(const struct vx_analysis *a, const vx_endpoint *ep, int port_delta)
{
    vx_endpoint e = *ep;
    e.port = (uint16_t)(e.port + port_delta);
    struct ep_key k = make_ep_key(&e);
    return vx_map_get(&a->media_by_ep, &k, sizeof k);
}

/* Symmetric RTP behind NAT: the phone announced a private address:port, and its media
 * shows up from (or goes to) a public address with the same port, talking to the other
 * party of the same call (a profile server or that party's announced endpoint). */
static bool other_party(const struct vx_analysis *a, const struct vx_media_ep *e, const vx_endpoint *peer)
{
    if (vx_is_server(a, &peer->addr)) return true;
    const struct vx_call *c = e->call >= 0 ? vx_call_at(a, (size_t)e->call) : NULL;
    for (size_t i = 0; c && i < c->media.count; i++) {
        const struct vx_media_ep *o = *(struct vx_media_ep **)vx_vec_at(&c->media, i);
        if (o->from_customer != e->from_customer && vx_endpoint_equal(&o->ep, peer)) return true;
    }
    return false;
}

static const struct vx_media_ep *behind_nat(const struct vx_analysis *a, const vx_endpoint *public_side,
                                            const vx_endpoint *peer)
{
    if (!a->media_by_port.count || vx_addr_is_private(&public_side->addr)) return NULL;
    uint8_t pk[3] = { public_side->addr.family, (uint8_t)(public_side->port >> 8), (uint8_t)public_side->port };
    const struct vx_media_ep *e = vx_map_get(&a->media_by_port, pk, sizeof pk);
    return e && e->is_rtp && other_party(a, e, peer) ? e : NULL;
}

/* ---- series ---- */

static void widen(struct vx_series *s)
{
    uint32_t half = (s->count + 1) / 2;
    for (uint32_t i = 0; i < half; i++) {
        struct vx_series_bucket m = s->b[2 * i];
        if (2 * i + 1 < s->count) {
            const struct vx_series_bucket *n = &s->b[2 * i + 1];
            m.packets += n->packets;
            m.lost += n->lost;
            m.bytes += n->bytes;
            if (n->max_jitter_ms > m.max_jitter_ms) m.max_jitter_ms = n->max_jitter_ms;
        }
        s->b[i] = m;
    }
    memset(&s->b[half], 0, sizeof(s->b[0]) * (s->cap - half));
    s->count = half;
    s->width_s *= 2;
}

/* Makes the bucket array hold at least n buckets (doubling, at most VX_CAP_SERIES). */
static bool series_room(struct vx_series *s, uint32_t n)
{
    if (n <= s->cap) return true;
    uint32_t cap = s->cap ? s->cap : 32;
    while (cap < n) cap *= 2;
    if (cap > VX_CAP_SERIES) cap = VX_CAP_SERIES;
    struct vx_series_bucket *nb = realloc(s->b, cap * sizeof *nb);
    if (!nb) return false;
    memset(nb + s->cap, 0, (cap - s->cap) * sizeof *nb);
    s->b = nb;
    s->cap = cap;
    return true;
}

void vx_series_free(struct vx_series *s)
{
    if (s) free(s->b);
    free(s);
}

void vx_series_add(struct vx_series *s, int64_t ts_ns, uint32_t packets, uint32_t lost, float jitter, uint32_t bytes)
{
    struct vx_series_bucket *cur = s->count ? &s->b[s->count - 1] : NULL;
    int64_t cur_start = cur ? s->origin_ns + (int64_t)(s->count - 1) * s->width_s * 1000000000LL : 0;
    if (cur && ts_ns >= cur_start && ts_ns - cur_start < (int64_t)s->width_s * 1000000000LL) {
        cur->packets += packets;   /* the common case: same bucket as the last packet */
        cur->lost += lost;
        cur->bytes += bytes;
        if (jitter > cur->max_jitter_ms) cur->max_jitter_ms = jitter;
        return;
    }
    if (!s->width_s) { s->width_s = 1; s->origin_ns = ts_ns; }
    if (ts_ns < s->origin_ns) ts_ns = s->origin_ns;
    uint64_t idx = (uint64_t)((ts_ns - s->origin_ns) / 1000000000LL) / s->width_s;
    for (int guard = 0; idx >= VX_CAP_SERIES && guard < 40; guard++) {
        widen(s);
        idx = (uint64_t)((ts_ns - s->origin_ns) / 1000000000LL) / s->width_s;
    }
    if (idx >= VX_CAP_SERIES || !series_room(s, (uint32_t)idx + 1)) return;
    if (idx + 1 > s->count) s->count = (uint32_t)idx + 1;
    struct vx_series_bucket *b = &s->b[idx];
    b->packets += packets;
    b->lost += lost;
    b->bytes += bytes;
    if (jitter > b->max_jitter_ms) b->max_jitter_ms = jitter;
}

/* ---- RTP ---- */

static struct vx_stream *new_stream(struct vx_analysis *a, const struct vx_pkt_ctx *ctx,
                                    const struct vx_rtp *r, const struct vx_media_ep *sdp, bool heuristic)
{
    if (a->streams.count >= VX_CAP_STREAMS) { vx_evict(a, VX_EVICT_STREAMS); return NULL; }
    struct vx_stream *s = calloc(1, sizeof *s);
    struct vx_stream **slot = s ? vx_vec_push(&a->streams) : NULL;
    if (!slot) { free(s); return NULL; }
    *slot = s;
    s->index = (uint32_t)(a->streams.count - 1);
    s->src = ctx->src;
    s->dst = ctx->dst;
    s->ssrc = r->ssrc;
    s->pt = r->payload_type;
    s->call = sdp ? sdp->call : -1;
    s->sdp = sdp;
    s->from_sdp = sdp != NULL;
    s->heuristic = heuristic;
    s->direction_out = !vx_is_server(a, &ctx->src.addr);
    s->dscp = ctx->dscp;
    s->pcp = ctx->pcp;
    s->first_ns = ctx->ts_ns;
    s->first_ref = ctx->ref;
    s->mos = -1;
    struct stream_key k = make_stream_key(&ctx->src, &ctx->dst, r->ssrc);
    vx_map_put(&a->stream_by_key, &k, sizeof k, s);
    uint8_t sk[4] = { (uint8_t)(r->ssrc >> 24), (uint8_t)(r->ssrc >> 16), (uint8_t)(r->ssrc >> 8), (uint8_t)r->ssrc };
    vx_map_put(&a->stream_by_ssrc, sk, 4, s);
    if (s->call >= 0) {
        struct vx_call *c = vx_call_at(a, (size_t)s->call);
        uint32_t *slot2 = c ? vx_vec_push(&c->streams) : NULL;
        if (slot2) *slot2 = s->index;
    }
    return s;
}

/* The codec name and clock the reference tools would use for this payload type. */
static uint32_t lookup_clock(const struct vx_stream *s, uint8_t pt)
{
    const struct vx_media_ep *e = s->sdp;
    if (e) {
        for (int i = 0; i < e->map_count; i++)
            if (e->maps[i].pt == pt) return vx_rtp_clock_for(pt, e->maps[i].name, e->maps[i].clock);
    }
    return vx_rtp_clock_for(pt, NULL, 0);
}

/* The clock of the payload type, remembered for the stream's current payload type. */
static uint32_t clock_for_packet(struct vx_stream *s, uint8_t pt)
{
    if (!s->clock_known || s->clock_pt != pt) {
        s->clock = lookup_clock(s, pt);
        s->clock_pt = pt;
        s->clock_known = true;
    }
    return s->clock;
}

static void name_codec(struct vx_stream *s)
{
    const struct vx_media_ep *e = s->sdp;
    const char *name = NULL;
    if (e) for (int i = 0; i < e->map_count; i++) if (e->maps[i].pt == s->pt) name = e->maps[i].name;
    if (!name) name = vx_sdp_static_codec(s->pt, NULL);
    snprintf(s->codec, sizeof s->codec, "%s", name ? name : "");
}

static bool plausible_rtp(const struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const struct vx_rtp *r)
{
    if (r->payload_len == 0) return false;
    bool server = vx_is_server(a, &ctx->src.addr) || vx_is_server(a, &ctx->dst.addr);
    const struct vx_profile *p = &a->profile;
    if (server) return vx_profile_is_rtp_port(p, ctx->src.port) || vx_profile_is_rtp_port(p, ctx->dst.port);
    /* elsewhere: only audio-like payload types between unprivileged ports; such streams are
     * kept at the end only if they look like real RTP (enough packets, mostly in sequence) */
    uint8_t pt = r->payload_type;
    bool audio_pt = pt == 0 || pt == 3 || pt == 4 || pt == 8 || pt == 9 || pt == 18 || pt >= 96;
    return audio_pt && r->payload_len >= 20 && ctx->src.port >= 1024 &&
           ctx->dst.port >= 1024;
}

static void rtp_packet(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, struct vx_stream *s, const struct vx_rtp *r)
{
    a->c.rtp++;
    uint32_t before_lost = s->st.started ? (uint32_t)(uint16_t)(r->seq - s->st.last_seq - 1) : 0;
    if (before_lost > 1000) before_lost = 0;
    struct vx_rtp_sample smp = { ctx->rel_ms, r->seq, r->timestamp, r->payload_type, r->marker,
                                 clock_for_packet(s, r->payload_type) };
    vx_rtp_stats_update(&s->st, &smp);
    s->bytes += ctx->ip_len;
    s->last_ns = ctx->ts_ns;
    s->last_ref = ctx->ref;
    if (!s->series) s->series = calloc(1, sizeof *s->series);
    if (s->series) vx_series_add(s->series, ctx->ts_ns, 1, before_lost, (float)s->st.jitter_ms, ctx->ip_len);
}

static bool rtcp_packet(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len);

#define STREAM_CACHE_SIZE (sizeof ((struct vx_analysis *)0)->stream_cache / sizeof(struct vx_stream *))

static size_t cache_slot(const struct vx_pkt_ctx *ctx, uint32_t ssrc)
{
    uint32_t h = ssrc * 0x9E3779B1u ^ ((uint32_t)ctx->src.port << 16 | ctx->dst.port) * 0x85EBCA6Bu;
    h ^= (uint32_t)ctx->src.addr.b[3] << 8 | ctx->dst.addr.b[3];
    h ^= h >> 15;
    return h & (STREAM_CACHE_SIZE - 1);
}

/* Most packets belong to a stream seen a moment ago: try the cache before the map. */
static struct vx_stream *find_stream(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, uint32_t ssrc)
{
    size_t slot = cache_slot(ctx, ssrc);
    struct vx_stream *s = a->stream_cache[slot];
    if (s && s->ssrc == ssrc && vx_endpoint_equal(&s->src, &ctx->src) && vx_endpoint_equal(&s->dst, &ctx->dst))
        return s;
    struct stream_key k = make_stream_key(&ctx->src, &ctx->dst, ssrc);
    s = vx_map_get(&a->stream_by_key, &k, sizeof k);
    if (s) a->stream_cache[slot] = s;
    return s;
}

bool vx_media_packet(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len)
{
    if (vx_rtp_looks_like_rtcp(data, len) && rtcp_packet(a, ctx, data, len)) return true;
    struct vx_rtp r;
    if (vx_rtp_dissect(data, len, &r) != 0) return false;
    struct vx_stream *s = find_stream(a, ctx, r.ssrc);
    /* The latest SDP for either end decides: after a switch to T.38 (udptl) it is not RTP.
     * Known streams skip the look-up until some SDP has announced non-RTP media. */
    const struct vx_media_ep *e = NULL;
    if (a->media_by_ep.count && (!s || a->non_rtp_announcements)) {
        e = announced(a, &ctx->dst, 0);
        if (!e) e = announced(a, &ctx->src, 0);
        if (e && !e->is_rtp) return false;
    }
    if (!s) {
        bool nat = false;
        if (!e && (e = behind_nat(a, &ctx->src, &ctx->dst)) == NULL) e = behind_nat(a, &ctx->dst, &ctx->src);
        nat = e && !announced(a, &ctx->src, 0) && !announced(a, &ctx->dst, 0);
        if (!e && !plausible_rtp(a, ctx, &r)) return false;
        s = new_stream(a, ctx, &r, e, e == NULL);
        if (!s) return true;
        s->via_nat = nat;
    }
    rtp_packet(a, ctx, s, &r);
    return true;
}

/* ---- RTCP ---- */

static struct vx_stream *stream_by_ssrc(const struct vx_analysis *a, uint32_t ssrc)
{
    uint8_t sk[4] = { (uint8_t)(ssrc >> 24), (uint8_t)(ssrc >> 16), (uint8_t)(ssrc >> 8), (uint8_t)ssrc };
    return vx_map_get(&a->stream_by_ssrc, sk, 4);
}

static void apply_block(const struct vx_pkt_ctx *ctx, const struct vx_rtcp_block *b, struct vx_stream *s)
{
    struct vx_rtcp_far *f = &s->rtcp;
    f->seen = true;
    f->reports++;
    f->fraction_lost_pct = b->fraction_lost * 100.0 / 256.0;
    f->cumulative_lost = b->cumulative_lost;
    uint32_t clock = s->st.clock_rate ? s->st.clock_rate : 8000;
    f->jitter_ms = b->jitter * 1000.0 / clock;
    f->rtt_ms = -1;
    if (b->lsr) {
        /* arrival in NTP short format (middle 32 bits) */
        int64_t sec = ctx->ts_ns / 1000000000LL + 2208988800LL;
        uint64_t frac = (uint64_t)(ctx->ts_ns % 1000000000LL) * 65536 / 1000000000LL;
        uint32_t arrival = (uint32_t)(((uint64_t)sec & 0xffff) << 16 | frac);
        int64_t rtt = (int64_t)(uint32_t)(arrival - b->lsr - b->dlsr);
        double ms = rtt * 1000.0 / 65536.0;
        if (ms >= 0 && ms < 10000) {
            f->rtt_ms = ms;
            if (ms > f->max_rtt_ms) f->max_rtt_ms = ms;
        }
    }
}

/* Hands the RTCP packet to the export hook (HEP), with the Call-ID of the call its sender's
 * stream (or a reported-on stream) belongs to, for the collector's correlation. */
static void export_rtcp(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const struct vx_rtcp *rc,
                        const uint8_t *data, size_t len)
{
    const struct vx_stream *s = rc->count ? stream_by_ssrc(a, rc->packets[0].sender_ssrc) : NULL;
    if ((!s || s->call < 0) && rc->count && rc->packets[0].block_count)
        s = stream_by_ssrc(a, rc->packets[0].blocks[0].ssrc);
    const struct vx_call *c = s && s->call >= 0 ? vx_call_at(a, (size_t)s->call) : NULL;
    struct vx_media_pkt p = { ctx->ts_ns, ctx->src, ctx->dst, data, len, c ? c->call_id : NULL };
    a->on_rtcp(a->on_sip_ctx, &p);
}

/* What the far end's XR VoIP metrics say about one of the streams it receives. */
static void apply_xr(const struct vx_rtcp_packet *p, struct vx_stream *s)
{
    struct vx_rtcp_far *f = &s->rtcp;
    f->xr_seen = true;
    f->xr_loss_pct = p->xr_loss_rate * 100.0 / 256.0;
    f->xr_discard_pct = p->xr_discard_rate * 100.0 / 256.0;
    f->xr_rtt_ms = p->xr_rtt_ms;
    f->xr_mos_lq = p->xr_mos_lq == 127 ? -1 : p->xr_mos_lq / 10.0;
}

static bool rtcp_packet(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len)
{
    bool known = announced(a, &ctx->dst, -1) || announced(a, &ctx->src, -1);
    bool server = vx_is_server(a, &ctx->src.addr) || vx_is_server(a, &ctx->dst.addr);
    if (!known && !server && !(ctx->src.port & 1 && ctx->dst.port & 1)) return false;
    struct vx_rtcp rc;
    if (vx_rtcp_dissect(data, len, &rc) != 0) return false;
    a->c.rtcp++;
    if (a->on_rtcp) export_rtcp(a, ctx, &rc, data, len);
    for (int i = 0; i < rc.count; i++) {
        const struct vx_rtcp_packet *p = &rc.packets[i];
        for (int k = 0; k < p->block_count; k++) {
            struct vx_stream *s = stream_by_ssrc(a, p->blocks[k].ssrc);
            if (s) apply_block(ctx, &p->blocks[k], s);
        }
        struct vx_stream *x = p->has_voip_metrics ? stream_by_ssrc(a, p->xr_ssrc) : NULL;
        if (x) apply_xr(p, x);
    }
    return true;
}

/* ---- STUN ---- */

void vx_stun_packet(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len)
{
    struct vx_stun st;
    if (vx_stun_dissect(data, len, &st) != 0) return;
    a->c.stun++;
    uintptr_t idx = (uintptr_t)vx_map_get(&a->stun_by_tid, st.transaction, 12);
    struct vx_stun_txn *t = idx ? vx_vec_at(&a->stun, idx - 1) : NULL;
    bool request = (st.type & 0x0110) == 0x0000;
    if (!t) {
        if (!request) return;
        if (a->stun.count >= VX_CAP_STUN) { vx_evict(a, VX_EVICT_STUN); return; }
        t = vx_vec_push(&a->stun);
        if (!t) return;
        memcpy(t->tid, st.transaction, 12);
        t->client = ctx->src;
        t->server = ctx->dst;
        t->request_ns = ctx->ts_ns;
        t->ref = ctx->ref;
        vx_map_put(&a->stun_by_tid, st.transaction, 12, (void *)(uintptr_t)a->stun.count);
    }
    if (request) { t->requests++; return; }
    t->answered = true;
    t->error = (st.type & 0x0110) == 0x0110;
    if (st.has_mapped) t->mapped = st.mapped;
}

/* ---- end of analysis ---- */

static bool keep_stream(const struct vx_stream *s)
{
    if (s->from_sdp) return true;
    return s->st.packets >= 5 && s->st.seq_errors * 4 <= s->st.packets;
}

/* The display fields of a stream: id "sN", codec name and MOS (as of its figures so far). */
static void present_stream(struct vx_stream *s, size_t number)
{
    snprintf(s->id, sizeof s->id, "s%zu", number);
    name_codec(s);
    bool est;
    double rtt = s->rtcp.rtt_ms > 0 ? s->rtcp.rtt_ms : -1;
    s->mos = s->st.packets >= 2 ? vx_emodel_mos(s->codec, vx_rtp_loss_pct(&s->st), s->st.mean_jitter_ms, rtt, &est) : -1;
    s->mos_estimate = s->mos >= 0 && est;
}

void vx_media_present(struct vx_analysis *a)
{
    size_t kept = 0;
    for (size_t i = 0; i < a->streams.count; i++) {
        struct vx_stream *s = vx_stream_at(a, i);
        if (keep_stream(s)) { present_stream(s, ++kept); continue; }
        present_stream(s, 0);
        snprintf(s->id, sizeof s->id, "-");   /* not (yet) kept: a heuristic candidate */
    }
}

void vx_media_finish(struct vx_analysis *a)
{
    size_t kept = 0;
    for (size_t i = 0; i < a->streams.count; i++) {
        struct vx_stream *s = vx_stream_at(a, i);
        if (!keep_stream(s)) { vx_series_free(s->series); free(s); continue; }
        ((struct vx_stream **)a->streams.items)[kept] = s;
        s->index = (uint32_t)kept++;
        present_stream(s, kept);
    }
    a->streams.count = kept;
    memset(a->stream_cache, 0, sizeof a->stream_cache);
    vx_map_free(&a->stream_by_key);
    vx_map_free(&a->stream_by_ssrc);
    for (size_t i = 0; i < a->calls.count; i++) {
        struct vx_call *c = vx_call_at(a, i);
        c->streams.count = 0;
    }
    for (size_t i = 0; i < a->streams.count; i++) {
        struct vx_stream *s = vx_stream_at(a, i);
        struct vx_call *c = s->call >= 0 ? vx_call_at(a, (size_t)s->call) : NULL;
        uint32_t *slot = c ? vx_vec_push(&c->streams) : NULL;
        if (slot) *slot = s->index;
    }
}
