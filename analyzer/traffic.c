/* traffic.c — owns the nDPI classification of the non-VoiceX traffic: the bounded flow table
 * (LRU order, idlest flow evicted when full), bytes/packets/flows per application, the
 * bounded per-second series per application, and the proxy hints (HTTP CONNECT, SYN to a
 * proxy port, TLS SNI). nDPI 4.2 (Debian 12) API; see the calls in detect_step/flow_finish. */
#include "analyzer/traffic.h"
#include "analyzer/map.h"
#include "dissectors/reader.h"
#include <ndpi_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_PER_S 1000000000LL
#define DETECT_MAX_PACKETS 32            /* then ndpi_detection_giveup */
#define IDLE_EVICTION_NS (60 * NS_PER_S) /* evicting a flow this idle is not counted */
#define FLOW_KEY_LEN 38                  /* l4proto, family, 2 x (16-byte addr + port) */
#define ENDPOINT_KEY_LEN 18
#define MAX_BUCKET_WIDTH_S (1u << 31)

/* Bytes seen before the flow was classified, per second (offset from the series origin). */
struct pending_run {
    uint32_t second;
    uint32_t bytes;
};

struct flow {
    uint8_t key[FLOW_KEY_LEN];
    struct flow *idler, *busier;         /* LRU list: head is the idlest flow */
    struct ndpi_flow_struct *ndpi;       /* freed once the flow is classified */
    int64_t last_seen_ns;
    uint16_t packets_to_ndpi;
    uint16_t last_master, last_app;      /* nDPI's latest answer while detecting */
    bool classified;
    bool hinted_connect, hinted_proxy_port, hinted_sni;
    size_t app;                          /* index into vx_traffic.apps once classified */
    uint64_t pending_packets;
    uint8_t pending_run_count;
    struct pending_run pending[DETECT_MAX_PACKETS];
};

struct app_stats {
    struct vx_traffic_app pub;
    uint64_t series[VX_TRAFFIC_SERIES];
};

struct vx_traffic {
    struct ndpi_detection_module_struct *ndpi;
    uint32_t ndpi_flow_size;
    size_t cap_flows, flow_count;
    vx_map flows_by_key;
    struct flow *idlest, *busiest;
    uint64_t evictions;

    struct app_stats *apps[VX_TRAFFIC_MAX_APPS];
    size_t app_count;
    size_t order[VX_TRAFFIC_MAX_APPS];   /* app indices by bytes, descending */
    bool unsettled;                      /* packets since the last settle() */

    bool have_origin;
    int64_t origin_s;
    uint32_t bucket_width_s;
    size_t buckets_used;

    struct vx_traffic_hint hints[VX_TRAFFIC_MAX_HINTS];
    size_t hint_count;
};

/* ---- applications and the series ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Seconds since the series origin (set by the first packet); earlier times clamp to 0. */
static uint32_t second_offset(struct vx_traffic *t, int64_t ts_ns)
{
    int64_t sec = floor_div(ts_ns, NS_PER_S);
    if (!t->have_origin) {
        t->have_origin = true;
        t->origin_s = sec;
    }
    if (sec <= t->origin_s) return 0;
    int64_t off = sec - t->origin_s;
    return off > UINT32_MAX ? UINT32_MAX : (uint32_t)off;
}

/* Doubles the bucket width, merging bucket pairs, so the span fits in VX_TRAFFIC_SERIES. */
static void widen_buckets(struct vx_traffic *t)
{
    for (size_t a = 0; a < t->app_count; a++) {
        uint64_t *s = t->apps[a]->series;
        for (size_t i = 0; i < VX_TRAFFIC_SERIES / 2; i++) s[i] = s[2 * i] + s[2 * i + 1];
        memset(s + VX_TRAFFIC_SERIES / 2, 0, sizeof *s * (VX_TRAFFIC_SERIES / 2));
    }
    t->bucket_width_s *= 2;
    t->buckets_used = (t->buckets_used + 1) / 2;
}

static void account(struct vx_traffic *t, size_t app, uint32_t second, uint64_t bytes,
                    uint64_t packets)
{
    while (second / t->bucket_width_s >= VX_TRAFFIC_SERIES && t->bucket_width_s < MAX_BUCKET_WIDTH_S)
        widen_buckets(t);
    size_t bucket = second / t->bucket_width_s;
    if (bucket >= VX_TRAFFIC_SERIES) bucket = VX_TRAFFIC_SERIES - 1;
    if (bucket + 1 > t->buckets_used) t->buckets_used = bucket + 1;
    t->apps[app]->series[bucket] += bytes;
    t->apps[app]->pub.bytes += bytes;
    t->apps[app]->pub.packets += packets;
    t->unsettled = true;
}

static size_t app_add(struct vx_traffic *t, const char *name, const char *category)
{
    struct app_stats *a = calloc(1, sizeof *a);
    if (!a) return SIZE_MAX;
    snprintf(a->pub.name, sizeof a->pub.name, "%s", name);
    snprintf(a->pub.category, sizeof a->pub.category, "%s", category ? category : "");
    t->order[t->app_count] = t->app_count;
    t->apps[t->app_count] = a;
    return t->app_count++;
}

/* The app's index; the last slot is "Other" once VX_TRAFFIC_MAX_APPS - 1 names are taken.
 * SIZE_MAX only when out of memory. */
static size_t app_find_or_add(struct vx_traffic *t, const char *name, const char *category)
{
    for (size_t i = 0; i < t->app_count; i++)
        if (strcmp(t->apps[i]->pub.name, name) == 0) return i;
    if (t->app_count < VX_TRAFFIC_MAX_APPS - 1) return app_add(t, name, category);
    if (t->app_count == VX_TRAFFIC_MAX_APPS) return VX_TRAFFIC_MAX_APPS - 1;
    return app_add(t, "Other", "");
}

/* ---- per-flow classification ---- */

static void pending_add(struct flow *f, uint32_t second, size_t bytes)
{
    uint32_t b = bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;
    f->pending_packets++;
    struct pending_run *last = f->pending_run_count ? &f->pending[f->pending_run_count - 1] : NULL;
    if (last && last->second == second && UINT32_MAX - last->bytes >= b) {
        last->bytes += b;
    } else if (f->pending_run_count < DETECT_MAX_PACKETS) {
        f->pending[f->pending_run_count++] = (struct pending_run){ second, b };
    } else {
        f->pending[DETECT_MAX_PACKETS - 1].bytes += b; /* unreachable: classified by then */
    }
}

static void pending_flush(struct vx_traffic *t, struct flow *f)
{
    if (f->app == SIZE_MAX) return;
    for (uint8_t i = 0; i < f->pending_run_count; i++) {
        uint64_t packets = i == 0 ? f->pending_packets : 0;
        account(t, f->app, f->pending[i].second, f->pending[i].bytes, packets);
    }
    f->pending_run_count = 0;
    f->pending_packets = 0;
}

/* App name: nDPI's app protocol when known, else the master, else "Unknown". */
static void flow_classify(struct vx_traffic *t, struct flow *f, ndpi_protocol p)
{
    uint16_t id = p.app_protocol != NDPI_PROTOCOL_UNKNOWN ? p.app_protocol : p.master_protocol;
    const char *name = id != NDPI_PROTOCOL_UNKNOWN ? ndpi_get_proto_name(t->ndpi, id) : NULL;
    const char *category = ndpi_category_get_name(t->ndpi, ndpi_get_proto_category(t->ndpi, p));
    f->app = app_find_or_add(t, name ? name : "Unknown", category);
    f->classified = true;
    if (f->app != SIZE_MAX) t->apps[f->app]->pub.flows++;
    pending_flush(t, f);
    ndpi_free_flow(f->ndpi);
    f->ndpi = NULL;
}

/* Ends detection (giving nDPI the chance to guess by port) and accounts the pending bytes. */
static void flow_finish(struct vx_traffic *t, struct flow *f)
{
    if (f->classified) return;
    ndpi_protocol p = NDPI_PROTOCOL_NULL;
    if (f->packets_to_ndpi > 0) {
        uint8_t guessed = 0;
        p = ndpi_detection_giveup(t->ndpi, f->ndpi, 1, &guessed);
    }
    flow_classify(t, f, p);
}

/* One packet to nDPI; true (and *out set) once nDPI names a protocol. */
static bool detect_step(struct vx_traffic *t, struct flow *f, const uint8_t *ip, size_t ip_len,
                        int64_t ts_ns, ndpi_protocol *out)
{
    if (ip_len < 20 || ip_len > 0xffff) return false;
    uint64_t ms = ts_ns > 0 ? (uint64_t)ts_ns / 1000000u : 0;
    ndpi_protocol p = ndpi_detection_process_packet(t->ndpi, f->ndpi, ip, (unsigned short)ip_len, ms);
    f->packets_to_ndpi++;
    f->last_master = p.master_protocol;
    f->last_app = p.app_protocol;
    *out = p;
    return p.app_protocol != NDPI_PROTOCOL_UNKNOWN || p.master_protocol != NDPI_PROTOCOL_UNKNOWN;
}

/* ---- the flow table: a vx_map by normalised 5-tuple, plus an LRU list ---- */

static void endpoint_key(const vx_endpoint *e, uint8_t out[ENDPOINT_KEY_LEN])
{
    memcpy(out, e->addr.b, 16);
    out[16] = (uint8_t)(e->port >> 8);
    out[17] = (uint8_t)e->port;
}

/* Both directions of a conversation give the same key: the smaller endpoint goes first. */
static void flow_key(uint8_t key[FLOW_KEY_LEN], uint8_t l4proto, const vx_endpoint *src,
                     const vx_endpoint *dst)
{
    uint8_t a[ENDPOINT_KEY_LEN], b[ENDPOINT_KEY_LEN];
    endpoint_key(src, a);
    endpoint_key(dst, b);
    bool swap = memcmp(a, b, ENDPOINT_KEY_LEN) > 0;
    key[0] = l4proto;
    key[1] = src->addr.family;
    memcpy(key + 2, swap ? b : a, ENDPOINT_KEY_LEN);
    memcpy(key + 2 + ENDPOINT_KEY_LEN, swap ? a : b, ENDPOINT_KEY_LEN);
}

static void lru_unlink(struct vx_traffic *t, struct flow *f)
{
    if (f->idler) f->idler->busier = f->busier; else t->idlest = f->busier;
    if (f->busier) f->busier->idler = f->idler; else t->busiest = f->idler;
    f->idler = f->busier = NULL;
}

static void lru_append(struct vx_traffic *t, struct flow *f)
{
    f->idler = t->busiest;
    f->busier = NULL;
    if (t->busiest) t->busiest->busier = f; else t->idlest = f;
    t->busiest = f;
}

/* Accounts what the flow still holds, then frees it. */
static void flow_retire(struct vx_traffic *t, struct flow *f)
{
    flow_finish(t, f);
    lru_unlink(t, f);
    vx_map_del(&t->flows_by_key, f->key, FLOW_KEY_LEN);
    ndpi_free_flow(f->ndpi);
    free(f);
    t->flow_count--;
}

/* Makes room for one flow by retiring the idlest; counts it unless it was idle > 60 s. */
static void evict_idlest_flow(struct vx_traffic *t, int64_t now_ns)
{
    struct flow *f = t->idlest;
    if (!f) return;
    if (now_ns - f->last_seen_ns <= IDLE_EVICTION_NS) t->evictions++;
    flow_retire(t, f);
}

static struct flow *flow_create(struct vx_traffic *t, const uint8_t key[FLOW_KEY_LEN])
{
    struct flow *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->ndpi = ndpi_flow_malloc(t->ndpi_flow_size);
    if (f->ndpi) memset(f->ndpi, 0, t->ndpi_flow_size);   /* nDPI requires a zeroed flow */
    if (!f->ndpi || vx_map_put(&t->flows_by_key, key, FLOW_KEY_LEN, f) != 0) {
        ndpi_free_flow(f->ndpi);
        free(f);
        return NULL;
    }
    memcpy(f->key, key, FLOW_KEY_LEN);
    f->app = SIZE_MAX;
    t->flow_count++;
    return f;
}

/* The packet's flow, moved to the busy end of the LRU list; NULL only when out of memory. */
static struct flow *flow_lookup(struct vx_traffic *t, uint8_t l4proto, const vx_endpoint *src,
                                const vx_endpoint *dst, int64_t ts_ns)
{
    uint8_t key[FLOW_KEY_LEN];
    flow_key(key, l4proto, src, dst);
    struct flow *f = vx_map_get(&t->flows_by_key, key, FLOW_KEY_LEN);
    if (f) {
        lru_unlink(t, f);
    } else {
        if (t->flow_count >= t->cap_flows) evict_idlest_flow(t, ts_ns);
        f = flow_create(t, key);
        if (!f) return NULL;
        f->last_seen_ns = ts_ns;
    }
    if (ts_ns > f->last_seen_ns) f->last_seen_ns = ts_ns;
    lru_append(t, f);
    return f;
}

/* ---- proxy hints ---- */

struct packet_meta {
    int64_t ts_ns;
    uint16_t file;
    uint64_t frame;
    const vx_endpoint *src, *dst;
};

static void hint_add(struct vx_traffic *t, enum vx_traffic_hint_kind kind,
                     const struct packet_meta *m, const char *text)
{
    if (t->hint_count >= VX_TRAFFIC_MAX_HINTS) return;
    struct vx_traffic_hint *h = &t->hints[t->hint_count++];
    h->kind = kind;
    h->ts_ns = m->ts_ns;
    h->file = m->file;
    h->frame = m->frame;
    h->client = *m->src;
    h->server = *m->dst;
    snprintf(h->text, sizeof h->text, "%s", text);
}

/* Moves r to the start of the IPv4/IPv6 payload when it is an unfragmented TCP segment. */
static bool skip_ip_header_to_tcp(vx_reader *r)
{
    if (!rd_has(r, 1)) return false;
    uint8_t version = rd_here(r)[0] >> 4;
    if (version == 4) {
        size_t header_len = (size_t)(rd_u8(r) & 0x0f) * 4;
        rd_skip(r, 1);
        size_t total_len = rd_be16(r);
        rd_skip(r, 2);
        uint16_t fragment = rd_be16(r);
        rd_skip(r, 1);
        uint8_t proto = rd_u8(r);
        if (r->bad || proto != 6 || (fragment & 0x3fff) || header_len < 20 || total_len < header_len)
            return false;
        /* Read no further than the IP total length (a link-layer trailer may follow). */
        *r = rd_init(r->data, total_len < r->len ? total_len : r->len);
        return rd_skip(r, header_len);
    }
    if (version != 6) return false;
    rd_skip(r, 6);
    uint8_t next = rd_u8(r);
    rd_skip(r, 33);
    for (int i = 0; i < 8 && (next == 0 || next == 43 || next == 60); i++) {
        next = rd_u8(r);
        size_t ext_len = ((size_t)rd_u8(r) + 1) * 8;
        rd_skip(r, ext_len - 2);
    }
    return !r->bad && next == 6;
}

/* TCP flags and a reader over the segment's payload. */
static bool tcp_segment(const uint8_t *ip, size_t ip_len, uint8_t *flags, uint16_t *dst_port,
                        vx_reader *payload)
{
    vx_reader r = rd_init(ip, ip_len);
    if (!skip_ip_header_to_tcp(&r)) return false;
    rd_skip(&r, 2);
    *dst_port = rd_be16(&r);
    rd_skip(&r, 8);
    size_t header_len = (size_t)(rd_u8(&r) >> 4) * 4;
    *flags = rd_u8(&r);
    if (r.bad || header_len < 20 || !rd_skip(&r, header_len - 14)) return false;
    *payload = rd_sub(&r, rd_left(&r));
    return true;
}

/* "CONNECT host:port HTTP/1.x" → host:port (printable ASCII only). */
static bool parse_connect_target(vx_reader p, char *out, size_t size)
{
    const uint8_t *method = rd_take(&p, 8);
    if (!method || memcmp(method, "CONNECT ", 8) != 0) return false;
    size_t n = 0;
    while (rd_has(&p, 1) && rd_here(&p)[0] != ' ') {
        uint8_t c = rd_u8(&p);
        if (c < 0x21 || c > 0x7e || n + 1 >= size) return false;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    const uint8_t *version = rd_take(&p, 8);
    return n > 0 && version && memcmp(version, " HTTP/1.", 8) == 0;
}

static bool is_proxy_port(uint16_t port)
{
    return port == 3128 || port == 8080 || port == 8000 || port == 8888;
}

static void scan_tcp_hints(struct vx_traffic *t, struct flow *f, const struct packet_meta *m,
                           const uint8_t *ip, size_t ip_len)
{
    uint8_t flags = 0;
    uint16_t dst_port = 0;
    vx_reader payload;
    if (f->hinted_connect && f->hinted_proxy_port) return;
    if (!tcp_segment(ip, ip_len, &flags, &dst_port, &payload)) return;
    bool syn_only = (flags & 0x12) == 0x02;
    if (syn_only && !f->hinted_proxy_port && is_proxy_port(dst_port)) {
        char text[16];
        snprintf(text, sizeof text, "port %u", (unsigned)dst_port);
        hint_add(t, VX_HINT_HTTP_PROXY_PORT, m, text);
        f->hinted_proxy_port = true;
    }
    char target[sizeof t->hints[0].text];
    if (!f->hinted_connect && parse_connect_target(payload, target, sizeof target)) {
        hint_add(t, VX_HINT_HTTP_CONNECT, m, target);
        f->hinted_connect = true;
    }
}

static bool is_tls_family(uint16_t id)
{
    return id == NDPI_PROTOCOL_TLS || id == NDPI_PROTOCOL_QUIC || id == NDPI_PROTOCOL_DTLS;
}

/* nDPI keeps the client hello's server name in flow->host_server_name (4.2). */
static void sni_hint(struct vx_traffic *t, struct flow *f, const struct packet_meta *m)
{
    if (f->hinted_sni || !f->ndpi || !f->ndpi->host_server_name[0]) return;
    if (!is_tls_family(f->last_master) && !is_tls_family(f->last_app)) return;
    char name[sizeof f->ndpi->host_server_name + 1];
    memcpy(name, f->ndpi->host_server_name, sizeof f->ndpi->host_server_name);
    name[sizeof name - 1] = '\0';
    hint_add(t, VX_HINT_TLS_SNI, m, name);
    f->hinted_sni = true;
}

/* ---- public API ---- */

struct vx_traffic *vx_traffic_new(size_t cap_flows)
{
    struct vx_traffic *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->ndpi = ndpi_init_detection_module(ndpi_no_prefs);
    if (!t->ndpi) {
        free(t);
        return NULL;
    }
    NDPI_PROTOCOL_BITMASK all;
    NDPI_BITMASK_SET_ALL(all);
    ndpi_set_protocol_detection_bitmask2(t->ndpi, &all);
    ndpi_finalize_initialization(t->ndpi);
    t->ndpi_flow_size = ndpi_detection_get_sizeof_ndpi_flow_struct();
    t->cap_flows = cap_flows ? cap_flows : 1;
    t->bucket_width_s = 1;
    vx_map_init(&t->flows_by_key);
    return t;
}

void vx_traffic_free(struct vx_traffic *t)
{
    if (!t) return;
    while (t->idlest) {
        struct flow *f = t->idlest;
        lru_unlink(t, f);
        ndpi_free_flow(f->ndpi);
        free(f);
    }
    vx_map_free(&t->flows_by_key);
    for (size_t i = 0; i < t->app_count; i++) free(t->apps[i]);
    ndpi_exit_detection_module(t->ndpi);
    free(t);
}

static void account_without_flow(struct vx_traffic *t, uint32_t second, size_t ip_len)
{
    size_t app = app_find_or_add(t, "Unknown", "Unspecified");
    if (app != SIZE_MAX) account(t, app, second, ip_len, 1);
}

void vx_traffic_packet(struct vx_traffic *t, int64_t ts_ns, uint16_t file, uint64_t frame,
                       const uint8_t *ip, size_t ip_len, uint8_t l4proto,
                       const vx_endpoint *src, const vx_endpoint *dst)
{
    if (!t || !ip || !src || !dst) return;
    uint32_t second = second_offset(t, ts_ns);
    struct flow *f = flow_lookup(t, l4proto, src, dst, ts_ns);
    if (!f) {
        account_without_flow(t, second, ip_len);
        return;
    }
    struct packet_meta meta = { ts_ns, file, frame, src, dst };
    if (l4proto == 6) scan_tcp_hints(t, f, &meta, ip, ip_len);
    if (f->classified) {
        if (f->app != SIZE_MAX) account(t, f->app, second, ip_len, 1);
        return;
    }
    pending_add(f, second, ip_len);
    t->unsettled = true;
    ndpi_protocol p;
    bool detected = detect_step(t, f, ip, ip_len, ts_ns, &p);
    sni_hint(t, f, &meta);
    if (detected) flow_classify(t, f, p);
    else if (f->pending_packets >= DETECT_MAX_PACKETS) flow_finish(t, f);
}

/* ---- results ---- */

/* Stable insertion sort of the (at most VX_TRAFFIC_MAX_APPS) app indices by bytes. */
static void sort_apps_by_bytes(struct vx_traffic *t)
{
    for (size_t i = 1; i < t->app_count; i++) {
        size_t moving = t->order[i], j = i;
        while (j > 0 && t->apps[t->order[j - 1]]->pub.bytes < t->apps[moving]->pub.bytes) {
            t->order[j] = t->order[j - 1];
            j--;
        }
        t->order[j] = moving;
    }
}

/* Before results are read: flows still being detected are given up (so their bytes count),
 * and the apps are sorted. Results are logically const; the cache they fill is not. */
static struct vx_traffic *settle(const struct vx_traffic *ct)
{
    struct vx_traffic *t = (struct vx_traffic *)ct;
    if (!t || !t->unsettled) return t;
    for (struct flow *f = t->idlest; f; f = f->busier) flow_finish(t, f);
    sort_apps_by_bytes(t);
    t->unsettled = false;
    return t;
}

static const struct app_stats *sorted_app(const struct vx_traffic *ct, size_t i)
{
    struct vx_traffic *t = settle(ct);
    return t && i < t->app_count ? t->apps[t->order[i]] : NULL;
}

size_t vx_traffic_app_count(const struct vx_traffic *t)
{
    return t ? settle(t)->app_count : 0;
}

const struct vx_traffic_app *vx_traffic_app(const struct vx_traffic *t, size_t i)
{
    const struct app_stats *a = sorted_app(t, i);
    return a ? &a->pub : NULL;
}

/* Exact for bucket-aligned ranges; a partly covered bucket counts pro rata. */
uint64_t vx_traffic_app_bytes_between(const struct vx_traffic *t, size_t i, int64_t from_ns, int64_t to_ns)
{
    const struct app_stats *a = sorted_app(t, i);
    if (!a || to_ns <= from_ns) return 0;
    double width_ns = (double)t->bucket_width_s * NS_PER_S, sum = 0;
    for (size_t b = 0; b < t->buckets_used; b++) {
        double start = ((double)t->origin_s + (double)b * t->bucket_width_s) * NS_PER_S;
        double lo = start > (double)from_ns ? start : (double)from_ns;
        double hi = start + width_ns < (double)to_ns ? start + width_ns : (double)to_ns;
        if (hi > lo) sum += (double)a->series[b] * ((hi - lo) / width_ns);
    }
    return (uint64_t)(sum + 0.5);
}

uint32_t vx_traffic_bucket_width_s(const struct vx_traffic *t)
{
    return t ? settle(t)->bucket_width_s : 0;
}

size_t vx_traffic_bucket_count(const struct vx_traffic *t)
{
    return t ? settle(t)->buckets_used : 0;
}

int64_t vx_traffic_origin_ns(const struct vx_traffic *t)
{
    return t && t->have_origin ? t->origin_s * NS_PER_S : 0;
}

uint64_t vx_traffic_app_bucket(const struct vx_traffic *t, size_t app, size_t bucket)
{
    const struct app_stats *a = sorted_app(t, app);
    return a && bucket < VX_TRAFFIC_SERIES ? a->series[bucket] : 0;
}

size_t vx_traffic_hint_count(const struct vx_traffic *t)
{
    return t ? t->hint_count : 0;
}

const struct vx_traffic_hint *vx_traffic_hint(const struct vx_traffic *t, size_t i)
{
    return t && i < t->hint_count ? &t->hints[i] : NULL;
}

uint64_t vx_traffic_flow_evictions(const struct vx_traffic *t)
{
    return t ? t->evictions : 0;
}
