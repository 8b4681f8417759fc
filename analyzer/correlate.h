/* correlate.h — pairs the SIP messages of the LAN capture with the same messages in the WAN
 * capture (a->wan), so rules can compare what left the phone with what reached the Internet.
 * Key: Call-ID, CSeq number and method, request method or response status, direction
 * (customer side -> VoiceX or back), the originator's (bottom) Via branch, and the copy number
 * (the n-th retransmission pairs with the n-th). Plain NAT changes none of these. */
#ifndef VX_CORRELATE_H
#define VX_CORRELATE_H
#include "analyzer/model.h"

struct vx_sip_pair {
    uint32_t lan, wan;         /* message ids in a and a->wan */
};

struct vx_correlation {
    struct vx_sip_pair *pairs; /* in LAN message order */
    size_t count;
    size_t lan_unpaired, wan_unpaired;
    int32_t *wan_of_lan;       /* per LAN message id: paired WAN id, -1 none */
    size_t lan_messages;
};

/* Pairs lan's messages with wan's. 0, or -1 when out of memory (out is then empty). */
int vx_correlate_sip(const struct vx_analysis *lan, const struct vx_analysis *wan,
                     struct vx_correlation *out);
void vx_correlation_free(struct vx_correlation *c);
/* The WAN message paired with LAN message id, or NULL. */
const struct vx_sip_msg *vx_correlated_wan(const struct vx_analysis *a, const struct vx_correlation *c,
                                           uint32_t lan_id);
/* A ref into the WAN analysis, marked for the report writers (model.h VX_REF_WAN). */
static inline struct vx_ref vx_wan_ref(struct vx_ref r) { r.file |= VX_REF_WAN; return r; }

/* ---- helpers shared by the path rules (rules_alg/proxy/nat/servers.c) ---- */

/* Host part of a SIP URI or name-addr ("<sip:201@1.2.3.4:5060;x>" -> "1.2.3.4"); "" if none. */
const char *vx_uri_host(const char *uri, char *host, size_t size);
/* The address of an IP-literal host, false for host names. */
bool vx_host_addr(const char *host, vx_addr *out);
/* Seconds since the capture start, for "+12.0 s" in details. */
double vx_rel_s(const struct vx_analysis *a, int64_t ts_ns);

/* One finding built from many messages: counts hits, keeps the first example, the call (or -1
 * when hits span calls) and up to VX_CAP_EVIDENCE frames. */
struct vx_acc {
    uint32_t count;
    int32_t call;
    bool mixed_calls;
    char example[1536];
    struct vx_ref refs[VX_CAP_EVIDENCE];
    uint32_t nrefs;
};
/* Records one hit; the example text is set from fmt on the first hit only. */
void vx_acc_hit(struct vx_acc *c, int32_t call, struct vx_ref ref, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void vx_acc_ref(struct vx_acc *c, struct vx_ref ref);
/* Adds the finding (NULL if no hits), with the example as the start of the detail. */
struct vx_finding *vx_acc_emit(struct vx_analysis *a, const struct vx_acc *c, const char *id,
                               const char *kind, enum vx_severity sev, const char *requirement,
                               const char *confidence);
#endif
