/* model.h — the analysis state every other part reads: SIP messages, calls, registrations,
 * RTP streams, findings, other traffic and capture facts. The analyzer owns and writes it;
 * rules add findings; ui/ and report writers only read it. */
#ifndef VX_MODEL_H
#define VX_MODEL_H
#include "analyzer/map.h"
#include "analyzer/profile.h"
#include "analyzer/vec.h"
#include "capture/source.h"
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- named caps (issue: every table that packets can grow) ---- */
#define VX_CAP_SIP_MESSAGES   150000   /* stored SIP messages (raw text kept for the ladder) */
#define VX_CAP_SIP_BYTES      (256u * 1024 * 1024)
#define VX_CAP_CALLS          100000
#define VX_CAP_REGISTRATIONS  50000
#define VX_CAP_STREAMS        120000
#define VX_CAP_MEDIA_ENDPOINTS 200000  /* SDP-announced address:port entries */
#define VX_CAP_FRAG_DATAGRAMS 4096     /* IP datagrams being reassembled */
#define VX_CAP_FRAG_PIECES    64       /* fragments per datagram */
#define VX_CAP_TCP_STREAMS    8192     /* TCP SIP streams with buffered bytes */
#define VX_CAP_TCP_BUFFER     (128u * 1024)
#define VX_CAP_FINDINGS       5000
#define VX_CAP_EVIDENCE       16       /* frames kept per finding */
#define VX_CAP_CALL_MESSAGES  2000     /* message ids kept per call */
#define VX_CAP_SERIES         512      /* per-second buckets kept per series */
#define VX_CAP_STUN           20000
#define VX_CAP_EVENTS         20000    /* ICMP errors, TCP connection records */
#define VX_CAP_NDPI_FLOWS     65536

enum vx_evict_table {
    VX_EVICT_SIP_MESSAGES, VX_EVICT_CALLS, VX_EVICT_REGISTRATIONS, VX_EVICT_STREAMS,
    VX_EVICT_MEDIA_ENDPOINTS, VX_EVICT_FRAGMENTS, VX_EVICT_TCP, VX_EVICT_FINDINGS,
    VX_EVICT_STUN, VX_EVICT_EVENTS, VX_EVICT_NDPI_FLOWS, VX_EVICT_COUNT
};
extern const char *const vx_evict_names[VX_EVICT_COUNT];

struct vx_ref {
    uint16_t file;
    uint64_t frame;            /* 1-based, per file */
};
/* Evidence from the WAN-side analysis (a->wan) carries this flag in ref.file; the low bits
 * index a->wan->inputs. Report writers resolve names with vx_ref_input_name(). */
#define VX_REF_WAN 0x8000u

/* ---- SIP ---- */
#define VX_MSG_TRANSIENT UINT32_MAX   /* id of a message followed but not kept (caps reached) */
struct vx_sip_msg {
    uint32_t id;               /* index in analysis.messages */
    struct vx_ref ref;
    int64_t ts_ns;
    vx_endpoint src, dst;
    uint8_t transport;         /* 17 UDP, 6 TCP */
    uint8_t dscp;
    int8_t pcp;                /* 802.1p, -1 untagged */
    bool ip_fragmented;        /* arrived in IP fragments */
    bool from_customer;        /* sent by the customer side (towards VoiceX or an unknown peer) */
    bool to_server, from_server;
    bool is_request;
    bool parsed_by_osip;
    bool retransmission;
    bool has_sdp;
    bool cut_by_snaplen;       /* the frame was cut: the body may be incomplete */
    char method[16];
    int status;
    uint32_t cseq;
    char cseq_method[16];
    char *call_id, *from_tag, *to_tag, *branch;
    char *raw;                 /* the whole message text (NUL-terminated copy) */
    uint32_t raw_len;
    int32_t call;              /* index in calls, or -1 */
    int32_t registration;      /* index in registrations, or -1 */
    int32_t answered_by;       /* requests: id of the first final response, -1 none */
    int32_t first_response;    /* requests: id of the first response of any kind, -1 */
    int32_t request;           /* responses: id of the request answered, -1 */
    int32_t first_copy;        /* retransmitted requests: id of the first copy, -1 otherwise */
    uint16_t copies;           /* first copies of requests: times sent (retransmissions included) */
};

enum vx_call_state {
    VX_CALL_IN_PROGRESS, VX_CALL_ANSWERED, VX_CALL_REJECTED, VX_CALL_CANCELLED,
    VX_CALL_UNANSWERED, VX_CALL_FAILED
};
const char *vx_call_state_name(enum vx_call_state s);

#define VX_MEDIA_MAX_MAPS 8
/* An address:port a party announced in SDP for media. */
struct vx_media_ep {
    vx_endpoint ep;
    int32_t call;
    bool from_customer;
    char media[16];            /* audio / video / image */
    char direction[10];        /* a=sendonly / recvonly / inactive / sendrecv, "" if absent */
    bool is_rtp;               /* m= proto is RTP (RTP/AVP, RTP/SAVP ...), not udptl (T.38) etc. */
    uint8_t pt;                /* first payload type of the m= line */
    uint32_t clock;
    char codec[24];
    int map_count;             /* a=rtpmap entries: payload type -> encoding, clock */
    struct { uint8_t pt; char name[24]; uint32_t clock; } maps[VX_MEDIA_MAX_MAPS];
    struct vx_ref ref;
    uint32_t msg;              /* the SIP message that carried it */
    int64_t ts_ns;
};

struct vx_call {
    uint32_t index;
    char *call_id;
    char *from, *to, *from_display, *to_display;
    bool direction_out;        /* started by the customer side */
    bool has_invite;
    enum vx_call_state state;
    int final_status;          /* last final response to the initial INVITE, 0 none */
    int64_t start_ns, answer_ns, end_ns, ringing_ns;  /* 0 = not seen */
    uint32_t sip_messages, retransmissions;
    vx_vec msgs;               /* uint32_t message ids, capped at VX_CAP_CALL_MESSAGES */
    vx_vec streams;            /* uint32_t stream indexes */
    vx_vec media;              /* struct vx_media_ep * (owned by the call) */
    char invite_branch[128];
    uint32_t invite_cseq;
    uint32_t findings;         /* how many findings name this call */
    vx_endpoint customer_sip, server_sip;
};

struct vx_reg_attempt {
    int64_t ts_ns;
    struct vx_ref ref;
    uint32_t msg;              /* the REGISTER */
    int status;                /* final status, 0 none seen */
    uint32_t response_msg;
    int expires;               /* granted (response Contact/Expires) or requested */
    vx_addr received;          /* what the server said it saw (Via received=) */
    int rport;                 /* Via rport= in the response, -1 none */
};

struct vx_registration {
    uint32_t index;
    char *aor, *contact, *call_id;
    int expires;               /* last granted expiry, -1 unknown */
    uint32_t refreshes;        /* REGISTERs answered 2xx after the first */
    uint32_t failures;         /* final non-2xx other than 401/407 challenges */
    uint32_t challenges;       /* 401/407 */
    uint32_t unanswered;
    vx_endpoint client, server;
    int64_t first_ns, last_ns;
    vx_vec attempts;           /* struct vx_reg_attempt, capped */
};

/* ---- RTP ---- */
/* The per-stream figures of Wireshark's RTP stream analysis (tap-rtp-analysis.c). */
struct vx_rtp_stats {
    bool started;
    uint32_t packets;
    uint16_t start_seq, stop_seq, last_seq;
    uint32_t seq_cycles;
    bool under;
    uint32_t first_timestamp, last_timestamp;
    double last_nominal_ms;    /* nominal time of the last packet with a known clock */
    double last_time_ms;       /* arrival of the previous packet */
    double delta_ms, max_delta_ms, mean_delta_ms;
    double jitter_ms, max_jitter_ms, mean_jitter_ms;
    uint32_t seq_errors;       /* "sequence" in Wireshark: times the seq was not the next */
    uint32_t duplicates, out_of_order;
    uint8_t last_pt, reg_pt;
    uint32_t clock_rate;
    /* for duplicate detection: a bitmap of recently seen sequence numbers */
    uint64_t seen_window[16];  /* 1024 sequence numbers */
    uint16_t window_base;
    bool window_init;
    /* loss bursts */
    uint32_t max_burst;
};

struct vx_series_bucket {
    uint32_t packets, lost;
    float max_jitter_ms;
    uint32_t bytes;
};

/* A time series of bounded size: buckets widen (1 s, 2 s, 4 s ...) as the span grows. The
 * bucket array grows on demand up to VX_CAP_SERIES, so a short stream costs little. */
struct vx_series {
    int64_t origin_ns;
    uint32_t width_s;
    uint32_t count, cap;
    struct vx_series_bucket *b;
};

struct vx_rtcp_far {
    bool seen;
    uint32_t reports;
    double fraction_lost_pct;  /* last reported by the far end about this stream */
    int32_t cumulative_lost;
    double jitter_ms;
    double rtt_ms;             /* last round trip from LSR/DLSR, <0 unknown */
    double max_rtt_ms;
    bool xr_seen;              /* an RTCP XR VoIP metrics block about this stream */
    double xr_loss_pct, xr_discard_pct;
    int xr_rtt_ms;
    double xr_mos_lq;          /* <0 unavailable */
};

struct vx_stream {
    uint32_t index;
    char id[16];               /* "s1" ... */
    vx_endpoint src, dst;
    uint32_t ssrc;
    uint8_t pt;
    char codec[24];
    uint32_t clock;            /* of clock_pt, from SDP or the static table; 0 unknown */
    uint8_t clock_pt;
    bool clock_known;
    bool telephone_event_pt_known;
    uint8_t telephone_event_pt;
    int32_t call;              /* index or -1 */
    bool direction_out;        /* customer -> VoiceX */
    bool from_sdp;             /* matched an SDP announcement */
    bool via_nat;              /* matched through NAT: the announced port seen from another address */
    bool heuristic;            /* found by RTP heuristics alone */
    bool srtp;
    uint8_t dscp;
    int8_t pcp;
    uint64_t bytes;            /* IP-level bytes */
    int64_t first_ns, last_ns;
    struct vx_ref first_ref, last_ref;
    struct vx_rtp_stats st;
    struct vx_rtcp_far rtcp;
    struct vx_series *series;  /* allocated on first packet */
    const struct vx_media_ep *sdp;  /* the announcement it matched, or NULL */
    double mos;                /* computed at the end; <0 not computable */
    bool mos_estimate;         /* codec without G.107 constants */
};

/* ---- findings ---- */
enum vx_severity { VX_SEV_INFO, VX_SEV_WARNING, VX_SEV_CRITICAL };
const char *vx_severity_name(enum vx_severity s);

struct vx_finding {
    char id[48];
    const char *kind;          /* REPORT-SCHEMA kinds */
    enum vx_severity severity;
    const char *rule;          /* requirement id */
    const char *confidence;    /* "proven", "strong", "suspected" */
    char *summary, *detail, *advice;
    int32_t call;              /* index or -1 */
    uint32_t evidence_count;
    struct vx_ref evidence[VX_CAP_EVIDENCE];
    uint32_t occurrences;
};

/* ---- other events ---- */
struct vx_stun_txn {
    uint8_t tid[12];
    vx_endpoint client, server;
    int64_t request_ns;
    struct vx_ref ref;
    uint32_t requests;
    bool answered;
    bool error;
    vx_endpoint mapped;
};

struct vx_icmp_event {
    int64_t ts_ns;
    struct vx_ref ref;
    vx_addr reporter;
    vx_endpoint orig_src, orig_dst;
    uint8_t orig_proto, type, code;
};

struct vx_tcp_conn {
    vx_endpoint client, server;
    int64_t syn_ns;
    struct vx_ref ref;
    uint32_t syns;
    bool synack, established, rst, data;
    int app_host;              /* profile app host index, -1 */
    bool to_server;
};

/* UDP/TCP to or from a VoiceX server that was not taken as SIP, RTP/RTCP or STUN, kept per
 * server address + server-side port + protocol (ports_seen.c; read by rules_ports.c). */
#define VX_CAP_SERVER_PORTS 256
struct vx_server_port {
    vx_addr server;
    uint16_t port;             /* the server-side port */
    uint8_t proto;             /* 17 UDP, 6 TCP */
    vx_endpoint peer;          /* the first non-server endpoint seen */
    uint64_t to_server, from_server;   /* packets each way */
    uint64_t bytes;            /* IP level */
    int64_t first_ns, last_ns;
    struct vx_ref first_ref, last_ref;
};

struct vx_counters {
    uint64_t packets, bytes, non_ip, link_errors, ip_invalid, ip_truncated;
    uint64_t udp, tcp, icmp, other_l4;
    uint64_t sip, sip_fallback, sip_unparsed, sip_cut, sip_oversize;
    uint64_t rtp, rtp_unmatched, rtcp, stun;
    uint64_t frag_packets, frag_reassembled, frag_timeouts, frag_overlaps, frag_too_large;
    uint64_t tcp_gaps, tcp_unframeable;
    uint64_t tunnels;
    uint64_t evictions[VX_EVICT_COUNT];
    /* live capture only (ui/live_cmd.c fills them; rules_capture.c reports them) */
    uint64_t live_drops_kernel;   /* pcap_stats ps_drop: the kernel buffer overflowed */
    uint64_t live_drops_iface;    /* pcap_stats ps_ifdrop: the interface/driver dropped */
    uint64_t live_drops_ring;     /* vxdiag's capture->analysis ring overflowed */
};

/* An RTCP packet the analyzer took, as export hooks see it (data valid during the call). */
struct vx_media_pkt {
    int64_t ts_ns;
    vx_endpoint src, dst;
    const uint8_t *data;
    size_t len;
    const char *call_id;       /* of the stream the sender reports for, or NULL */
};

#define VX_METHOD_SLOTS 24
struct vx_method_count {
    char name[16];             /* request method, or "other" once the slots are used up */
    uint64_t requests, retransmissions, unanswered;
};

struct vx_frag_table;
struct vx_tcp_table;
struct vx_sctp_table;
struct vx_traffic;

struct vx_analysis {
    struct vx_profile profile;
    const char *vantage;       /* "lan" (default) or "wan" */
    int input_count;
    struct vx_input_info inputs[VX_MAX_INPUTS];
    int64_t first_ns, last_ns;
    struct vx_counters c;
    vx_vec messages;           /* struct vx_sip_msg * */
    uint64_t sip_bytes_kept;
    vx_vec calls;              /* struct vx_call * */
    vx_vec registrations;      /* struct vx_registration * */
    vx_vec streams;            /* struct vx_stream * */
    vx_vec findings;           /* struct vx_finding * */
    vx_vec stun;               /* struct vx_stun_txn */
    vx_vec icmp;               /* struct vx_icmp_event */
    vx_vec tcp_conns;          /* struct vx_tcp_conn */
    /* indexes */
    vx_map call_by_id;         /* Call-ID -> call */
    vx_map reg_by_key;         /* AOR + server -> registration */
    vx_map stream_by_key;      /* src, dst, ssrc -> stream */
    vx_map media_by_ep;        /* announced address:port -> struct vx_media_ep * (owned by calls) */
    vx_map media_by_port;      /* port of a private-address announcement -> latest such vx_media_ep */
    vx_map txn_by_key;         /* branch + cseq method + direction -> first request message */
    vx_map stun_by_tid;
    vx_map stream_by_ssrc;     /* SSRC -> latest stream, for RTCP report blocks */
    uint64_t media_eps;        /* announcements stored (capped) */
    uint64_t non_rtp_announcements;  /* m= lines that are not RTP (T.38 udptl ...) */
    struct vx_stream *stream_cache[4096];  /* direct-mapped front of stream_by_key */
    vx_map tcp_by_key;
    struct vx_frag_table *frags;
    struct vx_tcp_table *tcp;
    struct vx_sctp_table *sctp;
    uint8_t sctp_out[65536];   /* the last SCTP message joined from fragments */
    struct vx_traffic *traffic;   /* nDPI, other applications */
    bool ndpi_enabled;
    struct vx_analysis *wan;   /* the other vantage point (--wan), or NULL */
    uint32_t method_count;     /* SIP traffic by method: INVITE, REGISTER, OPTIONS, NOTIFY ... */
    struct vx_method_count methods[VX_METHOD_SLOTS];
    /* Export hooks (HEP, ui/hep.c), NULL when unused: on_sip runs as each SIP message is
     * stored, on_rtcp as each RTCP packet is taken; both get on_sip_ctx. */
    void (*on_sip)(void *ctx, const struct vx_sip_msg *m);
    void (*on_rtcp)(void *ctx, const struct vx_media_pkt *p);
    void *on_sip_ctx;
    uint32_t server_port_count;   /* other UDP/TCP with VoiceX servers (ports_seen.c) */
    struct vx_server_port server_ports[VX_CAP_SERVER_PORTS];
};

/* Lifecycle. The analysis copies the profile. */
struct vx_analysis *vx_analysis_new(const struct vx_profile *profile);
void vx_analysis_free(struct vx_analysis *a);

/* Accessors (NULL when out of range). */
static inline struct vx_sip_msg *vx_msg(const struct vx_analysis *a, size_t i)
{ struct vx_sip_msg **p = vx_vec_at(&a->messages, i); return p ? *p : NULL; }
static inline struct vx_call *vx_call_at(const struct vx_analysis *a, size_t i)
{ struct vx_call **p = vx_vec_at(&a->calls, i); return p ? *p : NULL; }
static inline struct vx_registration *vx_reg_at(const struct vx_analysis *a, size_t i)
{ struct vx_registration **p = vx_vec_at(&a->registrations, i); return p ? *p : NULL; }
static inline struct vx_stream *vx_stream_at(const struct vx_analysis *a, size_t i)
{ struct vx_stream **p = vx_vec_at(&a->streams, i); return p ? *p : NULL; }
static inline struct vx_finding *vx_finding_at(const struct vx_analysis *a, size_t i)
{ struct vx_finding **p = vx_vec_at(&a->findings, i); return p ? *p : NULL; }

/* The input file name an evidence ref points at (LAN inputs, or a->wan's with VX_REF_WAN). */
static inline const char *vx_ref_input_name(const struct vx_analysis *a, const struct vx_ref *r)
{
    const struct vx_analysis *x = (r->file & VX_REF_WAN) ? a->wan : a;
    uint16_t i = (uint16_t)(r->file & ~VX_REF_WAN);
    return x && i < x->input_count ? x->inputs[i].name : "?";
}

/* Seconds since the epoch, as reports print them. */
static inline double vx_ns_to_s(int64_t ns) { return (double)ns / 1e9; }
#endif
