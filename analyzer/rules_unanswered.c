/* rules_unanswered.c — SIP requests that never got a response (from a VoiceX server:
 * inbound traffic blocked, R-IN-SIP; from the customer: outbound blocked, R-OUT-SIP), and
 * ICMP unreachables sent back in reply to VoiceX traffic. */
#include "analyzer/analyzer.h"
#include "analyzer/rules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_GROUPS 256

struct group {
    vx_endpoint src, dst;
    char method[16];
    uint32_t requests, copies;
    int32_t call;
    bool from_server, to_server;
    struct vx_ref refs[VX_CAP_EVIDENCE];
    uint32_t nrefs;
};

static struct group *group_for(struct group *g, size_t *n, const struct vx_sip_msg *m)
{
    for (size_t i = 0; i < *n; i++)
        if (vx_endpoint_equal(&g[i].src, &m->src) && vx_endpoint_equal(&g[i].dst, &m->dst) &&
            strcmp(g[i].method, m->method) == 0) return &g[i];
    if (*n >= MAX_GROUPS) return NULL;
    struct group *ng = &g[(*n)++];
    memset(ng, 0, sizeof *ng);
    ng->src = m->src;
    ng->dst = m->dst;
    snprintf(ng->method, sizeof ng->method, "%s", m->method);
    ng->call = m->call;
    ng->from_server = m->from_server;
    ng->to_server = m->to_server;
    return ng;
}

static void emit(struct vx_analysis *a, const struct group *g)
{
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN];
    vx_endpoint_str(&g->src, src, sizeof src);
    vx_endpoint_str(&g->dst, dst, sizeof dst);
    bool inbound = g->from_server;
    bool voicex = g->from_server || g->to_server;
    struct vx_finding *f = vx_finding_add(a, inbound ? "VX-SIP-INBOUND-UNANSWERED" : "VX-SIP-OUTBOUND-UNANSWERED",
                                          inbound ? "inbound_unanswered" : "outbound_unanswered",
                                          voicex ? VX_SEV_CRITICAL : VX_SEV_WARNING,
                                          inbound ? "R-IN-SIP" : "R-OUT-SIP", voicex ? "strong" : "suspected", g->call);
    vx_finding_summary(f, "%u %s request%s from %s to %s never answered", g->requests, g->method,
                       g->requests == 1 ? "" : "s", src, dst);
    vx_finding_detail(f, "%u %s transaction%s (%u copies including retransmissions) got no response at all "
                      "within the capture.%s", g->requests, g->method, g->requests == 1 ? "" : "s", g->copies,
                      voicex ? "" : " Neither side is a VoiceX server of the profile.");
    if (inbound)
        vx_finding_advice(f, "The VoiceX server's requests do not reach the phone (or its answers do not get out). "
                          "Allow inbound UDP from all VoiceX servers' source ports 5060/5080/5081/4399 to the phones, "
                          "turn off SIP-ALG, and keep the NAT's UDP binding for SIP about 3600 s.");
    else
        vx_finding_advice(f, "The phone's requests get no answer. Allow outbound UDP to the VoiceX servers' ports "
                          "5060, 5080, 5081 and 4399 (all three servers of the domain), and check that no proxy or "
                          "SIP-ALG sits in the path.");
    for (uint32_t i = 0; i < g->nrefs; i++) vx_finding_evidence(f, g->refs[i]);
}

static void icmp_replies(struct vx_analysis *a)
{
    for (size_t i = 0; i < a->icmp.count; i++) {
        const struct vx_icmp_event *e = vx_vec_at(&a->icmp, i);
        bool from_server = vx_profile_server_index(&a->profile, &e->orig_src.addr) >= 0;
        if (!from_server) continue;
        bool sip = vx_profile_is_sip_port(&a->profile, e->orig_src.port);
        char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN], rep[VX_ADDR_STRLEN];
        struct vx_finding *f = vx_finding_add(a, "VX-ICMP-UNREACHABLE", "inbound_unanswered", VX_SEV_CRITICAL,
                                              sip ? "R-IN-SIP" : "R-IN-RTP", "proven", -1);
        vx_finding_summary(f, "ICMP unreachable (type %u code %u) sent back for %s traffic %s -> %s", e->type, e->code,
                           sip ? "SIP" : "media", vx_endpoint_str(&e->orig_src, src, sizeof src),
                           vx_endpoint_str(&e->orig_dst, dst, sizeof dst));
        vx_finding_detail(f, "%s answered VoiceX traffic with an ICMP error instead of delivering it.",
                          vx_addr_str(&e->reporter, rep, sizeof rep));
        vx_finding_advice(f, "A firewall or the NAT rejected inbound VoiceX traffic: allow UDP from the VoiceX servers "
                          "to the phones, and keep the NAT binding alive (about 3600 s).");
        vx_finding_evidence(f, e->ref);
    }
}

void vx_rule_unanswered(struct vx_analysis *a)
{
    struct group *groups = calloc(MAX_GROUPS, sizeof *groups);
    if (!groups) return;
    size_t n = 0;
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        const struct vx_sip_msg *first = m->retransmission ? vx_msg(a, (size_t)m->first_copy) : m;
        if (!first || !vx_request_unanswered(a, first)) continue;
        struct group *g = group_for(groups, &n, first);
        if (!g) continue;
        if (!m->retransmission) { g->requests++; g->copies += first->copies; }
        if (g->nrefs < VX_CAP_EVIDENCE) g->refs[g->nrefs++] = m->ref;
    }
    for (size_t i = 0; i < n; i++) emit(a, &groups[i]);
    free(groups);
    icmp_replies(a);
}
