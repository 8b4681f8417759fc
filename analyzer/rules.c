/* rules.c — the rules table, and the finding builder every rule uses. */
#include "analyzer/rules.h"
#include "analyzer/analyzer.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct vx_rule rules[] = {
    { "capture", vx_rule_capture },
    { "rtp-quality", vx_rule_rtp_quality },
    { "one-way-audio", vx_rule_one_way_audio },
    { "no-rtp", vx_rule_no_rtp },
    { "unanswered", vx_rule_unanswered },
    { "ports", vx_rule_ports },
    { "tcp-services", vx_rule_tcp_services },
    { "stun", vx_rule_stun },
    { "qos", vx_rule_qos },
    { "sip-fragmentation", vx_rule_sip_fragmentation },
    { "bandwidth", vx_rule_bandwidth },
    { "competing-traffic", vx_rule_competing },
    { "tls", vx_rule_tls },
    { "sip-alg", vx_rule_alg },
    { "proxy", vx_rule_proxy },
    { "nat-timer", vx_rule_nat },
    { "partial-servers", vx_rule_servers },
};

size_t vx_rules_count(void) { return sizeof rules / sizeof rules[0]; }
const struct vx_rule *vx_rule_at(size_t i) { return i < vx_rules_count() ? &rules[i] : NULL; }

static void clear_findings(struct vx_analysis *a)
{
    for (size_t i = 0; i < a->findings.count; i++) {
        struct vx_finding *f = vx_finding_at(a, i);
        free(f->summary); free(f->detail); free(f->advice);
        free(f);
    }
    a->findings.count = 0;
    for (size_t i = 0; i < a->calls.count; i++) vx_call_at(a, i)->findings = 0;
}

static int by_severity(const void *x, const void *y)
{
    const struct vx_finding *a = *(struct vx_finding *const *)x, *b = *(struct vx_finding *const *)y;
    if (a->severity != b->severity) return (int)b->severity - (int)a->severity;
    return strcmp(a->id, b->id);
}

/* True when any SIP, RTP or TCP of the capture has a profile server at one end. */
static bool saw_voicex(const struct vx_analysis *a)
{
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (m->from_server || m->to_server) return true;
    }
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        if (vx_is_server(a, &s->src.addr) || vx_is_server(a, &s->dst.addr)) return true;
    }
    for (size_t i = 0; i < a->tcp_conns.count; i++)
        if (((const struct vx_tcp_conn *)vx_vec_at(&a->tcp_conns, i))->to_server) return true;
    return a->wan && saw_voicex(a->wan);
}

/* Critical means "this breaks VoiceX here". Without any VoiceX server in the capture (a
 * wrong profile, or traffic of another PBX) no finding can be tied to the service, so
 * criticals become warnings and say why. */
static void temper_without_voicex(struct vx_analysis *a)
{
    if (saw_voicex(a)) return;
    for (size_t i = 0; i < a->findings.count; i++) {
        struct vx_finding *f = vx_finding_at(a, i);
        if (f->severity != VX_SEV_CRITICAL) continue;
        f->severity = VX_SEV_WARNING;
        f->confidence = "suspected";
        char *d = NULL;
        if (asprintf(&d, "%s (No VoiceX server of the profile appears in this capture, so this is not tied to the "
                     "VoiceX service; check the profile or --server if the servers are different.)",
                     f->detail ? f->detail : "") >= 0) { free(f->detail); f->detail = d; }
    }
}

void vx_rules_run(struct vx_analysis *a)
{
    clear_findings(a);
    for (size_t i = 0; i < vx_rules_count(); i++) rules[i].check(a);
    temper_without_voicex(a);
    if (a->findings.count > 1)
        qsort(a->findings.items, a->findings.count, sizeof(struct vx_finding *), by_severity);
}

struct vx_finding *vx_finding_add(struct vx_analysis *a, const char *id, const char *kind,
                                  enum vx_severity sev, const char *requirement,
                                  const char *confidence, int32_t call)
{
    if (a->findings.count >= VX_CAP_FINDINGS) { vx_evict(a, VX_EVICT_FINDINGS); return NULL; }
    struct vx_finding *f = calloc(1, sizeof *f);
    struct vx_finding **slot = f ? vx_vec_push(&a->findings) : NULL;
    if (!slot) { free(f); return NULL; }
    *slot = f;
    snprintf(f->id, sizeof f->id, "%s", id);
    f->kind = kind;
    f->severity = sev;
    f->rule = requirement;
    f->confidence = confidence;
    f->call = call;
    f->occurrences = 1;
    if (call >= 0 && (size_t)call < a->calls.count) vx_call_at(a, (size_t)call)->findings++;
    return f;
}

static char *vformat(const char *fmt, va_list ap)
{
    char *out = NULL;
    if (vasprintf(&out, fmt, ap) < 0) return NULL;
    return out;
}

void vx_finding_summary(struct vx_finding *f, const char *fmt, ...)
{
    if (!f) return;
    va_list ap; va_start(ap, fmt); free(f->summary); f->summary = vformat(fmt, ap); va_end(ap);
}

void vx_finding_detail(struct vx_finding *f, const char *fmt, ...)
{
    if (!f) return;
    va_list ap; va_start(ap, fmt); free(f->detail); f->detail = vformat(fmt, ap); va_end(ap);
}

void vx_finding_advice(struct vx_finding *f, const char *fmt, ...)
{
    if (!f) return;
    va_list ap; va_start(ap, fmt); free(f->advice); f->advice = vformat(fmt, ap); va_end(ap);
}

struct vx_finding *vx_finding_find(struct vx_analysis *a, const char *id, int32_t call)
{
    for (size_t i = 0; i < a->findings.count; i++) {
        struct vx_finding *f = vx_finding_at(a, i);
        if (f->call == call && strcmp(f->id, id) == 0) return f;
    }
    return NULL;
}

void vx_finding_evidence(struct vx_finding *f, struct vx_ref ref)
{
    if (!f || f->evidence_count >= VX_CAP_EVIDENCE) return;
    for (uint32_t i = 0; i < f->evidence_count; i++)
        if (f->evidence[i].file == ref.file && f->evidence[i].frame == ref.frame) return;
    f->evidence[f->evidence_count++] = ref;
}
