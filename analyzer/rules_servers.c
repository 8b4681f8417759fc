/* rules_servers.c — partial server access (R-ALL-SERVERS, kind partial_server_access).
 * Per domain of the profile: SIP with one server works (requests answered, or its own requests
 * answered by the phone) while another server of the same domain is silent (requests sent,
 * nothing at all comes back) or unanswered (something comes back, but not answers). With the
 * WAN capture as well, whether the requests to the failing server left the site settles where
 * they are blocked ("proven"). */
#include "analyzer/analyzer.h"
#include "analyzer/correlate.h"
#include "analyzer/rules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct server_use {
    uint32_t sent, answered, unanswered;   /* customer requests (first copies) to this server */
    uint32_t from_server, inbound_answered;
    struct vx_ref refs[VX_CAP_EVIDENCE];
    uint32_t nrefs;
    int32_t call;
};

static void count_use(const struct vx_analysis *a, struct server_use *use)
{
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        int si = vx_profile_server_index(&a->profile, m->from_server ? &m->src.addr : &m->dst.addr);
        if (si < 0) continue;
        struct server_use *u = &use[si];
        if (m->from_server) {
            u->from_server++;
            if (m->is_request && m->first_response >= 0 && !m->retransmission) u->inbound_answered++;
            continue;
        }
        if (!m->is_request || !strcmp(m->method, "ACK")) continue;
        if (u->nrefs < VX_CAP_EVIDENCE) u->refs[u->nrefs++] = m->ref;
        if (m->retransmission) continue;
        u->sent++;
        if (m->first_response >= 0) u->answered++;
        else if ((double)(a->last_ns - m->ts_ns) / 1e9 >= a->profile.unanswered_after_s) {
            u->unanswered++;
            u->call = m->call;
        }
    }
}

static bool works(const struct server_use *u) { return u->answered > 0 || u->inbound_answered > 0; }
static bool fails(const struct server_use *u) { return u->unanswered > 0 && !works(u); }

/* SIP packets to the server in the WAN capture (did the requests leave the site?). */
static uint32_t wan_sent_to(const struct vx_analysis *wan, const vx_addr *server)
{
    uint32_t n = 0;
    for (size_t i = 0; i < wan->messages.count; i++)
        if (vx_addr_equal(&vx_msg(wan, i)->dst.addr, server)) n++;
    return n;
}

static size_t server_line(const struct vx_analysis *a, int i, const struct server_use *u, char *buf, size_t size)
{
    char ad[VX_ADDR_STRLEN];
    vx_addr_str(&a->profile.servers[i].addr, ad, sizeof ad);
    const char *state = works(u) ? "works" : fails(u) ? (u->from_server ? "UNANSWERED" : "SILENT") : "not contacted";
    int n = snprintf(buf, size, "%s%s: %s (%u/%u requests answered, %u messages from it)", "", ad, state,
                     u->answered, u->sent, u->from_server);
    return n < 0 ? 0 : (size_t)n;
}

static void emit_domain(struct vx_analysis *a, const char *domain, const struct server_use *use)
{
    char list[1200] = "", where[400] = "";
    size_t len = 0;
    int failing = -1;
    for (int i = 0; i < a->profile.server_count; i++) {
        if (strcmp(a->profile.servers[i].domain, domain)) continue;
        if (len) len += (size_t)snprintf(list + len, len < sizeof list ? sizeof list - len : 0, "; ");
        if (len < sizeof list) len += server_line(a, i, &use[i], list + len, sizeof list - len);
        if (fails(&use[i]) && failing < 0) failing = i;
    }
    char fa[VX_ADDR_STRLEN];
    vx_addr_str(&a->profile.servers[failing].addr, fa, sizeof fa);
    const char *conf = "strong";
    if (a->wan) {
        uint32_t w = wan_sent_to(a->wan, &a->profile.servers[failing].addr);
        if (w) snprintf(where, sizeof where, " The WAN capture shows %u SIP packets to %s leaving the site, so they "
                        "are lost beyond it or the answers are blocked on the way back.", w, fa);
        else snprintf(where, sizeof where, " The WAN capture shows no SIP to %s at all: the site's own "
                         "router/firewall drops it.", fa);
        conf = "proven";
    }
    struct vx_finding *f = vx_finding_add(a, "VX-SERVER-PARTIAL", "partial_server_access", VX_SEV_CRITICAL,
                                          "R-ALL-SERVERS", conf, use[failing].call);
    if (!f) return;
    vx_finding_summary(f, "Domain %s: VoiceX server %s does not answer while another server of the domain works", domain, fa);
    vx_finding_detail(f, "Per server of domain %s: %s.%s", domain, list, where);
    vx_finding_advice(f, "Allow all three VoiceX servers of the domain, both directions (UDP 5060/5080/5081/4399 out, "
                      "and their replies and requests in, RTP 10000-20000): the phone fails over between them and "
                      "inbound calls can come from any of them.");
    for (int i = 0; i < a->profile.server_count; i++)
        if (fails(&use[i]) && !strcmp(a->profile.servers[i].domain, domain))
            for (uint32_t k = 0; k < use[i].nrefs; k++) vx_finding_evidence(f, use[i].refs[k]);
}

void vx_rule_servers(struct vx_analysis *a)
{
    struct server_use *use = calloc(VX_PROFILE_MAX_SERVERS, sizeof *use);
    if (!use) return;
    for (int i = 0; i < VX_PROFILE_MAX_SERVERS; i++) use[i].call = -1;
    count_use(a, use);
    for (int i = 0; i < a->profile.server_count; i++) {
        const char *d = a->profile.servers[i].domain;
        bool first = true, any_ok = false, any_fail = false;
        for (int k = 0; k < a->profile.server_count; k++) {
            if (strcmp(a->profile.servers[k].domain, d)) continue;
            if (k < i) first = false;
            any_ok |= works(&use[k]);
            any_fail |= fails(&use[k]);
        }
        if (first && any_ok && any_fail) emit_domain(a, d, use);
    }
    free(use);
}
