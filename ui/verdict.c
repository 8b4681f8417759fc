/* verdict.c — decides pass / fail / not observed per requirement from the findings and from
 * what traffic the analysis holds (see verdict.h). Each "observed" test is one small
 * predicate over the analysis; nothing here writes to it. */
#include "ui/verdict.h"
#include <string.h>

static bool sip_out_answered(const struct vx_analysis *a)
{
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (m->is_request && m->to_server && m->first_response >= 0) return true;
    }
    return false;
}

static bool sip_in_seen(const struct vx_analysis *a)
{
    for (size_t i = 0; i < a->messages.count; i++)
        if (vx_msg(a, i)->from_server) return true;
    return false;
}

/* RTP with packets in the wanted direction (out: customer -> VoiceX). */
static bool rtp_seen(const struct vx_analysis *a, bool out)
{
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        if (s->st.packets && s->direction_out == out) return true;
    }
    return false;
}

static bool rtp_marked(const struct vx_analysis *a)
{
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        if (s->st.packets && (s->dscp || s->pcp > 0)) return true;
    }
    return false;
}

static bool stun_answered(const struct vx_analysis *a)
{
    for (size_t i = 0; i < a->stun.count; i++)
        if (((const struct vx_stun_txn *)vx_vec_at(&a->stun, i))->answered) return true;
    return false;
}

/* An established TCP connection matching: 0 HTTPS to a server, 1 browser ports, 2 app host. */
static bool tcp_established(const struct vx_analysis *a, int what)
{
    const struct vx_profile *p = &a->profile;
    for (size_t i = 0; i < a->tcp_conns.count; i++) {
        const struct vx_tcp_conn *t = vx_vec_at(&a->tcp_conns, i);
        if (!t->established) continue;
        uint16_t port = t->server.port;
        if (what == 0 && t->to_server && port == p->https_port) return true;
        if (what == 1 && t->to_server && (port == p->browser_ports[0] || port == p->browser_ports[1])) return true;
        if (what == 2 && t->app_host >= 0) return true;
    }
    return false;
}

/* Whether server idx answered any SIP request. */
static bool server_answered(const struct vx_analysis *a, int idx)
{
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (!m->is_request && m->from_server &&
            vx_profile_server_index(&a->profile, &m->src.addr) == idx) return true;
    }
    return false;
}

/* Every server of each domain that answered at all also answered. */
static bool all_servers_answered(const struct vx_analysis *a)
{
    const struct vx_profile *p = &a->profile;
    bool answered[VX_PROFILE_MAX_SERVERS], any = false;
    for (int i = 0; i < p->server_count; i++) any |= answered[i] = server_answered(a, i);
    if (!any) return false;
    for (int i = 0; i < p->server_count; i++) {
        if (answered[i]) continue;
        for (int j = 0; j < p->server_count; j++)
            if (answered[j] && !strcmp(p->servers[i].domain, p->servers[j].domain)) return false;
    }
    return true;
}

static bool registration_refreshed(const struct vx_analysis *a)
{
    for (size_t i = 0; i < a->registrations.count; i++)
        if (vx_reg_at(a, i)->refreshes) return true;
    return false;
}

/* No warning / critical finding says voice quality suffered (loss, jitter, bandwidth). */
static bool voice_quality_ok(const struct vx_analysis *a)
{
    static const char *const kinds[] = { "rtp_loss", "jitter", "bandwidth", "competing_traffic", "one_way_audio" };
    for (size_t i = 0; i < a->findings.count; i++) {
        const struct vx_finding *f = vx_finding_at(a, i);
        if (f->severity == VX_SEV_INFO || !f->kind) continue;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (!strcmp(f->kind, kinds[k])) return false;
    }
    return true;
}

/* The traffic that exercises requirement id; VX_MSG_BASIS_NONE when none was seen. */
static enum vx_msg observed(const struct vx_analysis *a, const char *id)
{
    bool both = rtp_seen(a, true) && rtp_seen(a, false);
    bool sip = sip_out_answered(a);
    if (!strcmp(id, "R-OUT-SIP")) return sip ? VX_MSG_BASIS_SIP_OUT : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-OUT-RTP")) return rtp_seen(a, true) ? VX_MSG_BASIS_RTP_OUT : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-OUT-STUN")) return stun_answered(a) ? VX_MSG_BASIS_STUN : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-OUT-HTTPS")) return tcp_established(a, 0) ? VX_MSG_BASIS_HTTPS : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-IN-SIP")) return sip_in_seen(a) ? VX_MSG_BASIS_SIP_IN : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-IN-RTP")) return rtp_seen(a, false) ? VX_MSG_BASIS_RTP_IN : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-ALL-SERVERS")) return all_servers_answered(a) ? VX_MSG_BASIS_ALL_SERVERS : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-BROWSER")) return tcp_established(a, 1) ? VX_MSG_BASIS_BROWSER : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-APP-HOSTS")) return tcp_established(a, 2) ? VX_MSG_BASIS_APP_HOSTS : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-NAT-TIMER")) return registration_refreshed(a) ? VX_MSG_BASIS_NAT : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-NO-ALG") || !strcmp(id, "R-NO-PROXY")) return sip ? VX_MSG_BASIS_SIP_CLEAN : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-BANDWIDTH") || !strcmp(id, "R-COMPETING"))   /* unharmed voice both ways */
        return both && voice_quality_ok(a) ? VX_MSG_BASIS_RTP_BOTH : VX_MSG_BASIS_NONE;
    if (!strcmp(id, "R-QOS")) return rtp_marked(a) ? VX_MSG_BASIS_QOS : VX_MSG_BASIS_NONE;
    return VX_MSG_BASIS_NONE;   /* R-WIRED: the link medium is not visible in packets */
}

void vx_verdicts(const struct vx_analysis *a, struct vx_req_verdict *out)
{
    for (size_t r = 0; r < vx_requirement_count(); r++) {
        struct vx_req_verdict *v = &out[r];
        memset(v, 0, sizeof *v);
        v->req = vx_requirement_at(r);
        for (size_t i = 0; i < a->findings.count; i++) {
            const struct vx_finding *f = vx_finding_at(a, i);
            if (!f->rule || strcmp(f->rule, v->req->id)) continue;
            if (f->severity == VX_SEV_CRITICAL) v->critical++;
            else if (f->severity == VX_SEV_WARNING) v->warning++;
            else v->info++;
        }
        if (v->critical || v->warning) { v->verdict = VX_VERDICT_FAIL; v->basis = VX_MSG_BASIS_FAILED; continue; }
        v->basis = observed(a, v->req->id);
        v->verdict = v->basis == VX_MSG_BASIS_NONE ? VX_VERDICT_NOT_OBSERVED : VX_VERDICT_PASS;
    }
}

enum vx_msg vx_verdict_word(enum vx_verdict v)
{
    return v == VX_VERDICT_FAIL ? VX_MSG_VERDICT_FAIL : v == VX_VERDICT_PASS ? VX_MSG_VERDICT_PASS
                                                                            : VX_MSG_VERDICT_NOT_OBSERVED;
}

const char *vx_verdict_class(enum vx_verdict v)
{
    return v == VX_VERDICT_FAIL ? "fail" : v == VX_VERDICT_PASS ? "pass" : "unseen";
}

void vx_finding_totals(const struct vx_analysis *a, unsigned *critical, unsigned *warning, unsigned *info)
{
    *critical = *warning = *info = 0;
    for (size_t i = 0; i < a->findings.count; i++) {
        enum vx_severity s = vx_finding_at(a, i)->severity;
        if (s == VX_SEV_CRITICAL) (*critical)++;
        else if (s == VX_SEV_WARNING) (*warning)++;
        else (*info)++;
    }
}
