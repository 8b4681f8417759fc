/* hep.h — HEP v3 (the Homer Encapsulation Protocol) export: every SIP message the analyzer
 * stores, and every RTCP packet it takes, is sent to a Homer / heplify-server collector
 * (`--hep udp:HOST:PORT` or `tcp:HOST:PORT`), from files or live. The encoder is pure
 * (bytes out); the sender owns one socket. */
#ifndef VX_HEP_H
#define VX_HEP_H
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_HEP_PROTO_SIP  1
#define VX_HEP_PROTO_RTCP 5
#define VX_HEP_MAX_PACKET 65535

/* One captured payload and what HEP says about it. */
struct vx_hep_rec {
    vx_endpoint src, dst;      /* both IPv4 or both IPv6 */
    uint8_t transport;         /* 17 UDP, 6 TCP */
    int64_t ts_ns;
    uint8_t proto_type;        /* VX_HEP_PROTO_SIP / _RTCP */
    uint32_t agent_id;
    const char *correlation;   /* chunk 0x0011 (Call-ID, for RTCP), or NULL */
    const uint8_t *payload;
    size_t payload_len;
};

/* Encodes one HEP3 packet into buf; its length, or 0 if it does not fit (or the addresses are
 * of different families). */
size_t vx_hep_encode(const struct vx_hep_rec *r, uint8_t *buf, size_t cap);

struct vx_hep;

/* target: "udp:HOST:PORT" or "tcp:HOST:PORT" (HOST may be a name, an IPv4 address or a
 * [bracketed] IPv6 address). NULL with a reason in err. */
struct vx_hep *vx_hep_open(const char *target, uint32_t agent_id, char *err, size_t errlen);
/* Checks a target's syntax without opening anything (for the command line). */
bool vx_hep_target_valid(const char *target);
void vx_hep_send(struct vx_hep *h, const struct vx_hep_rec *r);
struct vx_hep_counts { uint64_t sent, failed, too_big; };
void vx_hep_counts(const struct vx_hep *h, struct vx_hep_counts *out);
void vx_hep_close(struct vx_hep *h);

/* Analyzer hooks: pass as a->on_sip / a->on_rtcp with a->hook_ctx = the struct vx_hep. */
struct vx_sip_msg;
struct vx_media_pkt;
void vx_hep_on_sip(void *ctx, const struct vx_sip_msg *m);
void vx_hep_on_rtcp(void *ctx, const struct vx_media_pkt *p);
#endif
