/* analysis.c — the analysis' lifecycle: creation, reading files through a source,
 * finishing (input facts, call states, streams, rules) and freeing. */
#include "analyzer/analyzer.h"
#include "analyzer/traffic.h"
#include "capture/prefetch.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const vx_evict_names[VX_EVICT_COUNT] = {
    "sip_messages_not_stored", "calls", "registrations", "rtp_packets_of_untracked_streams",
    "media_endpoints", "ip_fragments",
    "tcp_streams", "findings", "stun", "events", "ndpi_flows",
};

const char *vx_call_state_name(enum vx_call_state s)
{
    static const char *const names[] = { "in_progress", "answered", "rejected", "cancelled", "unanswered", "failed" };
    return (unsigned)s < 6 ? names[s] : "in_progress";
}

const char *vx_severity_name(enum vx_severity s)
{
    return s == VX_SEV_CRITICAL ? "critical" : s == VX_SEV_WARNING ? "warning" : "info";
}

struct vx_analysis *vx_analysis_new(const struct vx_profile *profile)
{
    struct vx_analysis *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->profile = *profile;
    a->vantage = "lan";
    vx_vec_init(&a->messages, sizeof(struct vx_sip_msg *));
    vx_vec_init(&a->calls, sizeof(struct vx_call *));
    vx_vec_init(&a->registrations, sizeof(struct vx_registration *));
    vx_vec_init(&a->streams, sizeof(struct vx_stream *));
    vx_vec_init(&a->findings, sizeof(struct vx_finding *));
    vx_vec_init(&a->stun, sizeof(struct vx_stun_txn));
    vx_vec_init(&a->icmp, sizeof(struct vx_icmp_event));
    vx_vec_init(&a->tcp_conns, sizeof(struct vx_tcp_conn));
    a->frags = vx_frag_new();
    a->tcp = vx_tcp_new();
    a->sctp = vx_sctp_new();
    a->traffic = vx_traffic_new(VX_CAP_NDPI_FLOWS);
    a->ndpi_enabled = a->traffic != NULL;
    vx_sip_global_init();
    return a;
}

bool vx_is_server(const struct vx_analysis *a, const vx_addr *addr)
{
    return vx_profile_server_index(&a->profile, addr) >= 0;
}

void vx_evict(struct vx_analysis *a, enum vx_evict_table t)
{
    if ((unsigned)t < VX_EVICT_COUNT) a->c.evictions[t]++;
}

static void free_call(struct vx_call *c)
{
    free(c->call_id); free(c->from); free(c->to); free(c->from_display); free(c->to_display);
    for (size_t i = 0; i < c->media.count; i++) free(*(struct vx_media_ep **)vx_vec_at(&c->media, i));
    vx_vec_free(&c->msgs);
    vx_vec_free(&c->streams);
    vx_vec_free(&c->media);
    free(c);
}

static void free_message(struct vx_sip_msg *m)
{
    free(m->call_id); free(m->from_tag); free(m->to_tag); free(m->branch); free(m->raw);
    free(m);
}

void vx_analysis_free(struct vx_analysis *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->messages.count; i++) free_message(vx_msg(a, i));
    for (size_t i = 0; i < a->calls.count; i++) free_call(vx_call_at(a, i));
    for (size_t i = 0; i < a->registrations.count; i++) {
        struct vx_registration *r = vx_reg_at(a, i);
        free(r->aor); free(r->contact); free(r->call_id);
        vx_vec_free(&r->attempts);
        free(r);
    }
    for (size_t i = 0; i < a->streams.count; i++) { vx_series_free(vx_stream_at(a, i)->series); free(vx_stream_at(a, i)); }
    for (size_t i = 0; i < a->findings.count; i++) {
        struct vx_finding *f = vx_finding_at(a, i);
        free(f->summary); free(f->detail); free(f->advice);
        free(f);
    }
    vx_vec_free(&a->messages); vx_vec_free(&a->calls); vx_vec_free(&a->registrations);
    vx_vec_free(&a->streams); vx_vec_free(&a->findings); vx_vec_free(&a->stun);
    vx_vec_free(&a->icmp); vx_vec_free(&a->tcp_conns);
    vx_map_free(&a->call_by_id); vx_map_free(&a->reg_by_key); vx_map_free(&a->stream_by_key);
    vx_map_free(&a->media_by_ep); vx_map_free(&a->media_by_port); vx_map_free(&a->txn_by_key); vx_map_free(&a->stun_by_tid);
    vx_map_free(&a->tcp_by_key); vx_map_free(&a->stream_by_ssrc);
    vx_frag_free(a->frags);
    vx_tcp_free(a->tcp);
    vx_sctp_free(a->sctp);
    vx_traffic_free(a->traffic);
    free(a);
}

void vx_analysis_finish(struct vx_analysis *a, const struct vx_source *src)
{
    if (src) {
        a->input_count = vx_source_count(src);
        for (int i = 0; i < a->input_count; i++) a->inputs[i] = *vx_source_info(src, i);
    }
    if (a->traffic) a->c.evictions[VX_EVICT_NDPI_FLOWS] = vx_traffic_flow_evictions(a->traffic);
    vx_calls_finish(a);
    vx_media_finish(a);
    vx_map_free(&a->txn_by_key);
}

int vx_analyze_files(struct vx_analysis *a, char *const *files, int count, bool progress,
                     char *err, size_t errlen)
{
    struct vx_source *src = vx_source_open(files, count, err, errlen);
    if (!src) return -1;
    struct vx_packet p;
    struct vx_prefetch *pf = vx_prefetch_start(src, progress);
    if (pf) {
        while (vx_prefetch_next(pf, &p) == 1) vx_analyze_packet(a, &p);
        vx_prefetch_stop(pf);
    } else {
        uint64_t n = 0;   /* mapped files, or no thread: inline */
        bool show = progress && isatty(2);
        while (vx_source_next(src, &p) == 1) {
            vx_analyze_packet(a, &p);
            if (show && (++n & 0x3ffff) == 0) fprintf(stderr, "\rvxdiag: reading %5.1f%%", 100.0 * vx_source_progress(src));
        }
        if (show && n > 0x3ffff) fprintf(stderr, "\rvxdiag: reading 100.0%%\n");
    }
    vx_analysis_finish(a, src);
    vx_source_close(src);
    return 0;
}
