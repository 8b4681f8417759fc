/* analyzer.h — the analyzer's entry points (feed packets, finish) and the internal calls
 * between its modules. Everything here works on struct vx_analysis (model.h). */
#ifndef VX_ANALYZER_H
#define VX_ANALYZER_H
#include "analyzer/model.h"
#include "capture/packet.h"
#include "dissectors/sip.h"

/* What the decoder knows about the packet a payload came from. */
struct vx_pkt_ctx {
    struct vx_ref ref;
    int64_t ts_ns;
    double rel_ms;             /* since the analysis' first packet */
    vx_endpoint src, dst;
    uint8_t l4proto;
    uint8_t dscp;
    int8_t pcp;
    bool fragmented;
    bool cut;                  /* the frame was cut by the snaplen */
    uint32_t ip_len;
};

/* ---- public ---- */
void vx_analyze_packet(struct vx_analysis *a, const struct vx_packet *p);
/* Ends the analysis: copies input facts, closes open state, computes MOS. The caller then
 * attaches a WAN-side analysis if any (a->wan) and calls vx_rules_run(). */
void vx_analysis_finish(struct vx_analysis *a, const struct vx_source *src);
/* Reads files through a source and analyzes them; 0, or -1 with err set (unreadable input). */
int vx_analyze_files(struct vx_analysis *a, char *const *files, int count, bool progress,
                     char *err, size_t errlen);
/* Re-dissects a stored SIP message (for rules and views that need every field). */
int vx_msg_parse(const struct vx_sip_msg *m, struct vx_sip *out);
/* Side of the VoiceX split: true if the address is one of the profile's servers. */
bool vx_is_server(const struct vx_analysis *a, const vx_addr *addr);
/* A request (first copy, not ACK) that got no response at all: the capture goes on for
 * unanswered_after_s after it, or it was sent three times or more over UDP. */
bool vx_request_unanswered(const struct vx_analysis *a, const struct vx_sip_msg *m);
void vx_evict(struct vx_analysis *a, enum vx_evict_table t);

/* ---- internal, between analyzer modules ---- */
void vx_sip_handle(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len);
/* RTP/RTCP: returns true if the payload was taken as media. */
bool vx_media_packet(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len);
void vx_media_announce(struct vx_analysis *a, struct vx_call *call, const struct vx_sip_msg *m,
                       const uint8_t *body, size_t len);
void vx_media_finish(struct vx_analysis *a);
/* Mid-capture display fields (stream ids, codec names, provisional MOS) without dropping or
 * renumbering anything: streams vx_media_finish would drop get the id "-" (snapshot.c). */
void vx_media_present(struct vx_analysis *a);
void vx_stun_packet(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len);
/* Returns true when the segment belonged to a SIP stream (not other traffic). */
bool vx_tcp_segment(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *tcp, size_t len);
/* Other UDP/TCP with a VoiceX server (not SIP/RTP/STUN): per server port (ports_seen.c). */
void vx_server_port_note(struct vx_analysis *a, const struct vx_pkt_ctx *ctx);
void vx_calls_finish(struct vx_analysis *a);
void vx_series_free(struct vx_series *s);
void vx_series_add(struct vx_series *s, int64_t ts_ns, uint32_t packets, uint32_t lost, float jitter, uint32_t bytes);

/* IP fragment reassembly (frag.c). Returns the whole datagram payload once complete
 * (valid until the next call), else NULL. */
struct vx_frag_table *vx_frag_new(void);
void vx_frag_free(struct vx_frag_table *t);
const uint8_t *vx_frag_add(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, uint32_t id,
                           uint8_t proto, uint32_t offset, bool more, const uint8_t *data,
                           size_t len, size_t *out_len);

/* SCTP fragment joining for SIP (sctp_reasm.c). */
struct vx_sctp_data;
struct vx_sctp_table *vx_sctp_new(void);
void vx_sctp_free(struct vx_sctp_table *t);
const uint8_t *vx_sctp_chunk(struct vx_analysis *a, const struct vx_pkt_ctx *ctx,
                             const struct vx_sctp_data *d, size_t *out_len);

/* TCP reassembly for SIP (tcp_reasm.c). */
struct vx_tcp_table *vx_tcp_new(void);
void vx_tcp_free(struct vx_tcp_table *t);
#endif
