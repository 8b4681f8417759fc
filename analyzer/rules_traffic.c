/* rules_traffic.c — the link budget: per call and direction, the IP-level bitrate of the
 * call's RTP against the profile's call_kbps (R-BANDWIDTH, warning only when a call needs
 * more than one channel's budget: video, several streams, wideband codecs with short ptime),
 * and what else used the link when a call's quality dropped (R-COMPETING): the top nDPI
 * applications in the seconds with loss or jitter, against the call's own bytes. */
#include "analyzer/rules.h"
#include "analyzer/analyzer.h"
#include "analyzer/traffic.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS 1000000000LL
#define MIN_SECONDS_FOR_RATE 3.0
#define MIN_PACKETS_FOR_QUALITY 50
#define MAX_RANGES 64
#define TOP_APPS 3

static struct vx_stream *call_stream(const struct vx_analysis *a, const struct vx_call *c, size_t i)
{
    return vx_stream_at(a, *(uint32_t *)vx_vec_at(&c->streams, i));
}

/* ---- bandwidth ---- */

struct rate {
    uint32_t streams;
    uint64_t bytes;
    int64_t first_ns, last_ns;
    double avg_kbps, peak_kbps;
    char codecs[64];
    struct vx_ref ref;
};

/* A call's direction is its sender: the streams one address sends (audio, video, one after
 * another after a re-INVITE). This holds whether or not the peer is a VoiceX server. */
static bool sent_by(const struct vx_stream *s, const vx_addr *sender)
{
    return s && s->st.packets && vx_addr_equal(&s->src.addr, sender);
}

/* Peak of the per-second sum over the sender's streams (series aligned by whole seconds). */
static double peak_kbps(const struct vx_analysis *a, const struct vx_call *c, const vx_addr *sender, int64_t base)
{
    static const size_t SLOTS = 2 * VX_CAP_SERIES;
    double sum[2 * VX_CAP_SERIES];
    memset(sum, 0, sizeof sum);
    double peak = 0;
    for (size_t i = 0; i < c->streams.count; i++) {
        const struct vx_stream *s = call_stream(a, c, i);
        if (!sent_by(s, sender) || !s->series || !s->series->width_s) continue;
        const struct vx_series *se = s->series;
        for (uint32_t b = 0; b < se->count; b++) {
            int64_t start = se->origin_ns + (int64_t)b * se->width_s * NS;
            size_t slot = (size_t)((start - base) / NS / se->width_s);
            if (slot >= SLOTS) continue;
            sum[slot] += se->b[b].bytes * 8.0 / 1000.0 / se->width_s;
            if (sum[slot] > peak) peak = sum[slot];
        }
    }
    return peak;
}

static struct rate direction_rate(const struct vx_analysis *a, const struct vx_call *c, const vx_addr *sender)
{
    struct rate r;
    memset(&r, 0, sizeof r);
    for (size_t i = 0; i < c->streams.count; i++) {
        const struct vx_stream *s = call_stream(a, c, i);
        if (!sent_by(s, sender)) continue;
        if (!r.streams || s->first_ns < r.first_ns) { r.first_ns = s->first_ns; r.ref = s->first_ref; }
        if (s->last_ns > r.last_ns) r.last_ns = s->last_ns;
        r.streams++;
        r.bytes += s->bytes;
        size_t len = strlen(r.codecs);
        const char *codec = s->codec[0] ? s->codec : "?";
        if (!strstr(r.codecs, codec) && len + strlen(codec) + 3 < sizeof r.codecs)
            snprintf(r.codecs + len, sizeof r.codecs - len, "%s%s", len ? "+" : "", codec);
    }
    double secs = (double)(r.last_ns - r.first_ns) / 1e9;
    if (r.streams && secs > 0) r.avg_kbps = (double)r.bytes * 8.0 / secs / 1000.0;
    if (r.streams) r.peak_kbps = peak_kbps(a, c, sender, r.first_ns);
    return r;
}

static void bandwidth_finding(struct vx_analysis *a, const struct vx_call *c, const struct rate *r, const char *way,
                              const vx_addr *sender)
{
    double need = a->profile.call_kbps;
    char from[VX_ADDR_STRLEN];
    vx_addr_str(sender, from, sizeof from);
    struct vx_finding *f = vx_finding_add(a, "VX-BW-CALL", "bandwidth", VX_SEV_WARNING, "R-BANDWIDTH", "proven",
                                          (int32_t)c->index);
    vx_finding_summary(f, "Call needs %.0f kbps %s, more than the %.0f kbps per call the link is sized for",
                       r->avg_kbps, way, need);
    vx_finding_detail(f, "Call %s, media sent by %s (%s): %u RTP stream(s) (%s), %llu IP bytes over %.1f s = %.1f kbps average, "
                      "%.1f kbps peak second; the requirement budgets %.0f kbps per call each way (one audio channel).",
                      c->call_id, from, way, r->streams, r->codecs,
                      (unsigned long long)r->bytes, (double)(r->last_ns - r->first_ns) / 1e9, r->avg_kbps,
                      r->peak_kbps, need);
    vx_finding_advice(f, "Size the link for %.0f kbps per such call each way (not %.0f), or limit the terminals to "
                      "one audio stream with a narrowband codec at 20 ms packets (no video).", r->avg_kbps, need);
    vx_finding_evidence(f, r->ref);
}

void vx_rule_bandwidth(struct vx_analysis *a)
{
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        vx_addr done[8];
        size_t ndone = 0;
        for (size_t k = 0; k < c->streams.count && ndone < 8; k++) {
            const struct vx_stream *s = call_stream(a, c, k);
            bool seen = !s;
            for (size_t d = 0; d < ndone && !seen; d++) seen = vx_addr_equal(&done[d], &s->src.addr);
            if (seen) continue;
            done[ndone++] = s->src.addr;
            struct rate r = direction_rate(a, c, &s->src.addr);
            if (!r.streams || (double)(r.last_ns - r.first_ns) / 1e9 < MIN_SECONDS_FOR_RATE) continue;
            const char *way = vx_is_server(a, &s->src.addr) ? "down" : vx_is_server(a, &s->dst.addr) ? "up" : "one way";
            if (r.avg_kbps > a->profile.call_kbps) bandwidth_finding(a, c, &r, way, &s->src.addr);
        }
    }
}

/* ---- competing traffic ---- */

struct range { int64_t from, to; };

struct badness {
    struct range r[MAX_RANGES];
    size_t n;
    double seconds;
    uint64_t own_bytes;
    uint32_t lost;
    float max_jitter;
    struct vx_ref ref;
    bool have_ref;
};

static void add_range(struct badness *b, int64_t from, int64_t to)
{
    for (size_t i = 0; i < b->n; i++)
        if (from < b->r[i].to && to > b->r[i].from) {   /* overlap: widen */
            if (from < b->r[i].from) b->r[i].from = from;
            if (to > b->r[i].to) b->r[i].to = to;
            return;
        }
    if (b->n < MAX_RANGES) b->r[b->n++] = (struct range){ from, to };
}

static bool bad_bucket(const struct vx_profile *p, const struct vx_series_bucket *k)
{
    uint32_t expected = k->packets + k->lost;
    bool loss = k->lost && expected && 100.0 * k->lost / expected >= p->loss_warn_pct;
    return loss || k->max_jitter_ms >= p->jitter_warn_ms;
}

/* Bad seconds of one stream, added to the group's ranges. */
static void stream_badness(const struct vx_analysis *a, const struct vx_stream *s, struct badness *b)
{
    const struct vx_series *se = s->series;
    if (!se || !se->width_s || s->st.packets < MIN_PACKETS_FOR_QUALITY) return;
    for (uint32_t i = 0; i < se->count; i++) {
        const struct vx_series_bucket *k = &se->b[i];
        if (!bad_bucket(&a->profile, k)) continue;
        int64_t from = se->origin_ns + (int64_t)i * se->width_s * NS;
        add_range(b, from, from + (int64_t)se->width_s * NS);
        b->lost += k->lost;
        if (k->max_jitter_ms > b->max_jitter) b->max_jitter = k->max_jitter_ms;
        if (!b->have_ref) { b->ref = s->first_ref; b->have_ref = true; }
    }
}

struct app_share { size_t app; uint64_t bad; };

static int by_bad_bytes(const void *x, const void *y)
{
    const struct app_share *p = x, *q = y;
    return p->bad < q->bad ? 1 : p->bad > q->bad ? -1 : (p->app > q->app) - (p->app < q->app);
}

/* Bytes of app i in [from, to): only the buckets the range touches (partly covered ones pro
 * rata), so many ranges over a long capture stay cheap. */
static uint64_t app_bytes_in(const struct vx_traffic *t, size_t app, int64_t from, int64_t to)
{
    int64_t width = (int64_t)vx_traffic_bucket_width_s(t) * NS, origin = vx_traffic_origin_ns(t);
    size_t count = vx_traffic_bucket_count(t);
    if (width <= 0 || to <= from || to <= origin) return 0;
    int64_t first = from > origin ? (from - origin) / width : 0;
    double sum = 0;
    for (int64_t b = first; b < (int64_t)count; b++) {
        int64_t start = origin + b * width;
        if (start >= to) break;
        int64_t lo = start > from ? start : from, hi = start + width < to ? start + width : to;
        if (hi > lo) sum += (double)vx_traffic_app_bucket(t, app, (size_t)b) * (double)(hi - lo) / (double)width;
    }
    return (uint64_t)(sum + 0.5);
}

/* The applications with most bytes in the bad ranges, largest first; returns how many. */
static size_t top_apps(const struct vx_traffic *t, const struct badness *b, struct app_share *top, uint64_t *other_bad)
{
    struct app_share all[VX_TRAFFIC_MAX_APPS + 1];
    size_t n = 0;
    *other_bad = 0;
    for (size_t i = 0; i < vx_traffic_app_count(t) && n < VX_TRAFFIC_MAX_APPS + 1; i++) {
        struct app_share sh = { i, 0 };
        for (size_t k = 0; k < b->n; k++) sh.bad += app_bytes_in(t, i, b->r[k].from, b->r[k].to);
        *other_bad += sh.bad;
        if (sh.bad) all[n++] = sh;
    }
    qsort(all, n, sizeof all[0], by_bad_bytes);
    if (n > TOP_APPS) n = TOP_APPS;
    memcpy(top, all, n * sizeof all[0]);
    return n;
}

static void competing_finding(struct vx_analysis *a, int32_t call, const char *label, const struct badness *b)
{
    const struct vx_traffic *t = a->traffic;
    struct app_share top[TOP_APPS];
    uint64_t other = 0;
    size_t n = top_apps(t, b, top, &other);
    if (!n) return;
    bool dominates = other > b->own_bytes;
    double kbps = b->seconds > 0 ? (double)other * 8.0 / b->seconds / 1000.0 : 0;
    char apps[256] = "";
    size_t len = 0;
    for (size_t i = 0; i < n && len < sizeof apps; i++) {
        const struct vx_traffic_app *ap = vx_traffic_app(t, top[i].app);
        int w = snprintf(apps + len, sizeof apps - len, "%s%s (%s) %.0f kbps", i ? ", " : "", ap->name,
                         ap->category, b->seconds > 0 ? top[i].bad * 8.0 / b->seconds / 1000.0 : 0.0);
        if (w > 0) len += (size_t)w;
    }
    struct vx_finding *f = vx_finding_add(a, "VX-COMPETING-TRAFFIC", "competing_traffic",
                                          dominates ? VX_SEV_WARNING : VX_SEV_INFO, "R-COMPETING",
                                          dominates ? "strong" : "suspected", call);
    vx_finding_summary(f, "While %s had loss or jitter, other traffic used the link: %s", label, apps);
    vx_finding_detail(f, "%.0f s with loss >= %.1f%% or jitter >= %.0f ms (%u packets lost, jitter up to %.1f ms). "
                      "In those seconds other applications moved %llu bytes (%.0f kbps), the call's own RTP %llu "
                      "bytes. Top: %s.", b->seconds, a->profile.loss_warn_pct, a->profile.jitter_warn_ms, b->lost,
                      b->max_jitter, (unsigned long long)other, kbps, (unsigned long long)b->own_bytes, apps);
    vx_finding_advice(f, "%s Give voice priority over this traffic on the router (QoS, 802.1p / DSCP EF), limit "
                      "or schedule the bulk applications, or add capacity; run a trial call while they are active.",
                      dominates ? "Other traffic outweighed the call when its quality dropped." :
                                  "The call's quality dropped while little other traffic was seen; the link itself may be at fault.");
    if (b->have_ref) vx_finding_evidence(f, b->ref);
}

static int by_start(const void *x, const void *y)
{
    const struct range *p = x, *q = y;
    return (p->from > q->from) - (p->from < q->from);
}

/* Sorts and merges the ranges, then counts the seconds and the call's own bytes in them. */
static void finish_badness(const struct vx_analysis *a, const struct vx_call *c, const struct vx_stream *alone,
                           struct badness *b)
{
    qsort(b->r, b->n, sizeof b->r[0], by_start);
    size_t m = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (m && b->r[i].from <= b->r[m - 1].to) { if (b->r[i].to > b->r[m - 1].to) b->r[m - 1].to = b->r[i].to; }
        else b->r[m++] = b->r[i];
    }
    b->n = m;
    b->seconds = 0;
    for (size_t i = 0; i < b->n; i++) b->seconds += (double)(b->r[i].to - b->r[i].from) / 1e9;
    b->own_bytes = 0;
    size_t count = c ? c->streams.count : 1;
    for (size_t k = 0; k < count; k++) {
        const struct vx_stream *s = c ? call_stream(a, c, k) : alone;
        const struct vx_series *se = s ? s->series : NULL;
        if (!se || !se->width_s) continue;
        for (uint32_t i = 0; i < se->count; i++) {
            int64_t mid = se->origin_ns + (int64_t)i * se->width_s * NS + (int64_t)se->width_s * NS / 2;
            for (size_t r = 0; r < b->n; r++)
                if (mid >= b->r[r].from && mid < b->r[r].to) { b->own_bytes += se->b[i].bytes; break; }
        }
    }
}

void vx_rule_competing(struct vx_analysis *a)
{
    if (!a->traffic || !vx_traffic_app_count(a->traffic)) return;
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        struct badness b;
        memset(&b, 0, sizeof b);
        for (size_t k = 0; k < c->streams.count; k++) stream_badness(a, call_stream(a, c, k), &b);
        if (!b.n) continue;
        finish_badness(a, c, NULL, &b);
        char label[160];
        snprintf(label, sizeof label, "call %s", c->call_id);
        competing_finding(a, (int32_t)c->index, label, &b);
    }
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        if (s->call >= 0) continue;
        struct badness b;
        memset(&b, 0, sizeof b);
        stream_badness(a, s, &b);
        if (!b.n) continue;
        finish_badness(a, NULL, s, &b);
        char label[64];
        snprintf(label, sizeof label, "RTP stream %s (no call)", s->id);
        competing_finding(a, -1, label, &b);
    }
}
