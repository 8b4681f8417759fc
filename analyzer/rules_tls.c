/* rules_tls.c — signalling and media vxdiag cannot read: SIP over TLS to the servers
 * (TCP 5061/5081) and SRTP offered in SDP (RTP/SAVP, a=crypto). Info only: the checks that
 * need the SIP text (ALG rewrites, proxy hops, Content-Length) cannot run on them. */
#include "analyzer/rules.h"
#include <stdio.h>
#include <string.h>

static bool tls_port(uint16_t port) { return port == 5061 || port == 5081; }

static void tls_sip(struct vx_analysis *a)
{
    uint32_t conns = 0, other = 0;
    char srv[VX_ADDR_STRLEN] = "";
    struct vx_ref refs[4];
    uint32_t nrefs = 0;
    for (size_t i = 0; i < a->tcp_conns.count; i++) {
        const struct vx_tcp_conn *c = vx_vec_at(&a->tcp_conns, i);
        if (!c->to_server || !tls_port(c->server.port)) continue;
        if (!conns++) vx_endpoint_str(&c->server, srv, sizeof srv);
        if (nrefs < 4) refs[nrefs++] = c->ref;
    }
    for (uint32_t i = 0; i < a->server_port_count; i++) {
        const struct vx_server_port *sp = &a->server_ports[i];
        if (sp->proto != 6 || !tls_port(sp->port)) continue;
        if (!conns && !other) { vx_addr_str(&sp->server, srv, sizeof srv); snprintf(srv + strlen(srv), sizeof srv - strlen(srv), ":%u", sp->port); }
        other++;
        if (nrefs < 4) refs[nrefs++] = sp->first_ref;
    }
    if (!conns && !other) return;
    struct vx_finding *f = vx_finding_add(a, "VX-TLS-SIP", "tls_or_encrypted", VX_SEV_INFO, "R-NO-ALG", "proven", -1);
    vx_finding_summary(f, "SIP over TLS to the VoiceX servers (e.g. %s): its content cannot be checked", srv);
    vx_finding_detail(f, "%u TCP connections opened to server ports 5061/5081 and %u server TLS ports carrying "
                      "traffic. The SIP inside is encrypted, so SIP-ALG, proxy and header checks do not cover it.",
                      conns, other);
    vx_finding_advice(f, "No action needed for TLS itself (an ALG cannot rewrite it). To diagnose these phones' "
                      "calls, capture while they use UDP 5080, or use the VoiceX server-side logs.");
    for (uint32_t i = 0; i < nrefs; i++) vx_finding_evidence(f, refs[i]);
}

static bool sdp_is_srtp(const struct vx_sip_msg *m)
{
    if (!m->has_sdp || !m->raw) return false;
    return strstr(m->raw, "RTP/SAVP") || strstr(m->raw, "a=crypto:");
}

static void srtp(struct vx_analysis *a)
{
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        const struct vx_sip_msg *hit = NULL;
        for (size_t k = 0; k < c->msgs.count && !hit; k++) {
            const struct vx_sip_msg *m = vx_msg(a, *(uint32_t *)vx_vec_at(&c->msgs, k));
            if (m && sdp_is_srtp(m)) hit = m;
        }
        if (!hit) continue;
        struct vx_finding *f = vx_finding_add(a, "VX-TLS-SRTP", "tls_or_encrypted", VX_SEV_INFO, "R-NO-ALG",
                                              "proven", (int32_t)c->index);
        vx_finding_summary(f, "Call %s negotiated SRTP (encrypted media)", c->call_id);
        vx_finding_detail(f, "The SDP offers RTP/SAVP or a=crypto: the RTP headers are still readable (loss, "
                          "jitter), the voice payload is not.");
        vx_finding_advice(f, "No action needed; media quality figures remain valid.");
        vx_finding_evidence(f, hit->ref);
    }
}

void vx_rule_tls(struct vx_analysis *a)
{
    tls_sip(a);
    srtp(a);
}
