/* traffic.h — the other traffic on the link, classified with nDPI: bytes per application,
 * per second (bounded series), plus the hints proxy rules need (HTTP CONNECT, TLS SNI). */
#ifndef VX_TRAFFIC_H
#define VX_TRAFFIC_H
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_TRAFFIC_MAX_APPS 64        /* distinct applications tracked; the rest is "Other" */
#define VX_TRAFFIC_SERIES 512         /* buckets per application; widen as the span grows */
#define VX_TRAFFIC_MAX_HINTS 256

struct vx_traffic_app {
    char name[32];                   /* nDPI protocol name, e.g. "YouTube", "TLS", "Zoom" */
    char category[32];               /* nDPI category name */
    uint64_t bytes, packets, flows;
};

enum vx_traffic_hint_kind { VX_HINT_HTTP_CONNECT, VX_HINT_HTTP_PROXY_PORT, VX_HINT_TLS_SNI };

struct vx_traffic_hint {
    enum vx_traffic_hint_kind kind;
    int64_t ts_ns;
    uint16_t file;
    uint64_t frame;
    vx_endpoint client, server;
    char text[128];                  /* CONNECT target or SNI host name */
};

struct vx_traffic;

/* cap_flows bounds the nDPI flow table (idle flows evicted first). NULL if nDPI fails. */
struct vx_traffic *vx_traffic_new(size_t cap_flows);
void vx_traffic_free(struct vx_traffic *t);

/* One IP packet that is not VoiceX SIP/RTP. ip points at the IP header, ip_len its length.
 * src/dst are the IP endpoints with the L4 ports (0 when not TCP/UDP). */
void vx_traffic_packet(struct vx_traffic *t, int64_t ts_ns, uint16_t file, uint64_t frame,
                       const uint8_t *ip, size_t ip_len, uint8_t l4proto,
                       const vx_endpoint *src, const vx_endpoint *dst);

/* Results (valid until vx_traffic_free). Apps are sorted by bytes, descending, on first call
 * after traffic stops changing; the order is stable otherwise. */
size_t vx_traffic_app_count(const struct vx_traffic *t);
const struct vx_traffic_app *vx_traffic_app(const struct vx_traffic *t, size_t i);
/* Bytes of app i in [from_ns, to_ns), from the per-second series. */
uint64_t vx_traffic_app_bytes_between(const struct vx_traffic *t, size_t i, int64_t from_ns, int64_t to_ns);
/* Series access for charts: bucket width in seconds, number of buckets, origin. */
uint32_t vx_traffic_bucket_width_s(const struct vx_traffic *t);
size_t vx_traffic_bucket_count(const struct vx_traffic *t);
int64_t vx_traffic_origin_ns(const struct vx_traffic *t);
uint64_t vx_traffic_app_bucket(const struct vx_traffic *t, size_t app, size_t bucket);
size_t vx_traffic_hint_count(const struct vx_traffic *t);
const struct vx_traffic_hint *vx_traffic_hint(const struct vx_traffic *t, size_t i);
uint64_t vx_traffic_flow_evictions(const struct vx_traffic *t);
#endif
