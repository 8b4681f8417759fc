/* rules_nat.c — NAT binding lifetime (R-NAT-TIMER, kind nat_timeout).
 * 1. The mapping the server reports (Via received/rport of REGISTER responses, per attempt) or
 *    the source seen on the WAN side changes between refreshes while the phone keeps the same
 *    local socket (same Via sent-by): the NAT dropped the binding in less than that interval.
 *    With LAN+WAN, the LAN source staying put while the WAN source moves is "proven".
 * 2. Requests from a VoiceX server after an idle gap go unanswered while shorter gaps worked (or
 *    the mapping is seen to change): the longest gap that still worked and the first that failed.
 * 3. Refresh intervals longer than the binding lifetime seen are named in both findings. */
#include "analyzer/analyzer.h"
#include "analyzer/correlate.h"
#include "analyzer/rules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BACK_SCAN 5000   /* messages looked back for the last traffic on a mapping */

static const char *ADVICE_NAT =
    "Set the router/firewall's UDP session (NAT binding) timeout for SIP to about 3600 s, or at least "
    "longer than the phones' re-registration/keep-alive interval, and keep the mapping stable (no "
    "random port re-allocation for an existing flow). Until then, shorten the phones' registration "
    "or keep-alive interval below the lifetime measured here.";

struct mapping { vx_endpoint seen; bool known; };

struct nat_change {                  /* one registration's first mapping change */
    bool found;
    const struct vx_registration *r;
    struct mapping old_map, new_map;
    int64_t old_ns, new_ns;
    double kept_s;                   /* longest refresh interval with the mapping unchanged, <0 none */
    vx_endpoint old_src, new_src;    /* where the REGISTERs came from, as captured */
    char sent_by[VX_SIP_SHORT + 8];
    const struct vx_sip_msg *old_q, *new_q, *old_resp, *new_resp;
    double refresh_s;                /* observed refresh interval (first pair), <0 unknown */
};

static bool attempt_mapping(const struct vx_analysis *x, const struct vx_reg_attempt *at, const struct vx_sip_msg *q,
                            struct mapping *out)
{
    out->known = false;
    if (at->rport > 0 && at->received.family) {
        out->seen.addr = at->received;
        out->seen.port = (uint16_t)at->rport;
        out->known = true;
    } else if (!vx_addr_is_private(&q->src.addr)) {
        out->seen = q->src;          /* WAN side: the packet's own source is the mapping */
        out->known = true;
    }
    return out->known;
}

static void sent_by(const struct vx_sip_msg *q, struct vx_sip *s, char *buf, size_t size)
{
    buf[0] = '\0';
    if (vx_msg_parse(q, s) != 0 || s->via_count < 1) return;
    int n = s->via_count < VX_SIP_MAX_VIA ? s->via_count : VX_SIP_MAX_VIA;
    snprintf(buf, size, "%s:%d", s->via[n - 1].host, s->via[n - 1].port);
}

static void scan_registration(const struct vx_analysis *x, const struct vx_registration *r, struct vx_sip *s,
                              struct nat_change *c)
{
    memset(c, 0, sizeof *c);
    c->kept_s = c->refresh_s = -1;
    const struct vx_reg_attempt *prev = NULL;
    struct mapping pm = { 0 };
    char prev_by[sizeof c->sent_by] = "";
    for (size_t k = 0; k < r->attempts.count && !c->found; k++) {
        const struct vx_reg_attempt *at = vx_vec_at(&r->attempts, k);
        const struct vx_sip_msg *q = vx_msg(x, at->msg);
        struct mapping mm;
        if (!q || !at->status || !attempt_mapping(x, at, q, &mm)) continue;
        char by[sizeof c->sent_by];
        sent_by(q, s, by, sizeof by);
        if (prev && !strcmp(by, prev_by)) {
            double gap = (double)(at->ts_ns - prev->ts_ns) / 1e9;
            if (c->refresh_s < 0) c->refresh_s = gap;
            if (vx_endpoint_equal(&mm.seen, &pm.seen)) { if (gap > c->kept_s) c->kept_s = gap; }
            else {
                c->found = true; c->r = r; c->old_map = pm; c->new_map = mm;
                c->old_ns = prev->ts_ns; c->new_ns = at->ts_ns;
                c->old_q = vx_msg(x, prev->msg); c->new_q = q;
                c->old_resp = vx_msg(x, prev->response_msg); c->new_resp = vx_msg(x, at->response_msg);
                c->old_src = c->old_q->src; c->new_src = q->src;
                snprintf(c->sent_by, sizeof c->sent_by, "%s", by);
            }
        }
        prev = at; pm = mm;
        snprintf(prev_by, sizeof prev_by, "%s", by);
    }
}

/* LAN source unchanged while the WAN copies of the two REGISTERs left from different ports. */
static bool wan_confirms(const struct vx_analysis *a, const struct nat_change *c, const struct vx_correlation *cor,
                         char *text, size_t size, struct vx_ref *w_old, struct vx_ref *w_new)
{
    const struct vx_sip_msg *wo = vx_correlated_wan(a, cor, c->old_q->id), *wn = vx_correlated_wan(a, cor, c->new_q->id);
    if (!wo || !wn || !vx_endpoint_equal(&c->old_src, &c->new_src) || vx_endpoint_equal(&wo->src, &wn->src)) return false;
    char o[VX_ADDR_STRLEN], n[VX_ADDR_STRLEN];
    snprintf(text, size, " The WAN capture shows the same two REGISTERs leaving from %s and then %s (WAN frames "
             "%llu, %llu) while the LAN source stayed the same: the NAT re-mapped the flow.",
             vx_endpoint_str(&wo->src, o, sizeof o), vx_endpoint_str(&wn->src, n, sizeof n),
             (unsigned long long)wo->ref.frame, (unsigned long long)wn->ref.frame);
    *w_old = vx_wan_ref(wo->ref);
    *w_new = vx_wan_ref(wn->ref);
    return true;
}

static void emit_change(struct vx_analysis *a, const struct vx_analysis *x, const struct nat_change *c,
                        const struct vx_correlation *cor)
{
    char om[VX_ADDR_STRLEN], nm[VX_ADDR_STRLEN], os[VX_ADDR_STRLEN], ns[VX_ADDR_STRLEN], sv[VX_ADDR_STRLEN];
    char extra[400] = "", kept[80];
    struct vx_ref wo = { 0 }, wn = { 0 };
    bool proven = x == a && a->wan && wan_confirms(a, c, cor, extra, sizeof extra, &wo, &wn);
    double gap = (double)(c->new_ns - c->old_ns) / 1e9;
    struct vx_finding *f = vx_finding_add(a, "VX-NAT-MAPPING-CHANGED", "nat_timeout", VX_SEV_WARNING, "R-NAT-TIMER",
                                          proven ? "proven" : "strong", -1);
    if (!f) return;
    vx_endpoint_str(&c->old_map.seen, om, sizeof om);
    vx_endpoint_str(&c->new_map.seen, nm, sizeof nm);
    vx_finding_summary(f, "NAT mapping changed between REGISTER refreshes (%s -> %s after %.1f s)", om, nm, gap);
    if (c->kept_s >= 0) snprintf(kept, sizeof kept, "%.1f s", c->kept_s);
    else snprintf(kept, sizeof kept, "none seen");
    vx_finding_detail(f, "%s%s to %s: the public address:port VoiceX saw for the phone was %s at +%.1f s and %s at "
                      "+%.1f s, %.1f s later, while the phone kept the same local socket (Via sent-by %s; captured "
                      "sources %s then %s). The NAT binding lasted less than %.1f s between refreshes; R-NAT-TIMER asks "
                      "for about %.0f s. Longest refresh interval with the mapping unchanged: %s. The phone re-registers "
                      "every %.1f s (granted expiry %d s) and the binding did not survive that interval, so VoiceX's "
                      "inbound requests between refreshes go to a dead mapping.%s",
                      x == a ? "" : "(WAN capture) ", c->r->aor, vx_endpoint_str(&c->r->server, sv, sizeof sv), om,
                      vx_rel_s(x, c->old_ns), nm, vx_rel_s(x, c->new_ns), gap, c->sent_by,
                      vx_endpoint_str(&c->old_src, os, sizeof os), vx_endpoint_str(&c->new_src, ns, sizeof ns), gap,
                      a->profile.nat_binding_s, kept, c->refresh_s, c->r->expires, extra);
    vx_finding_advice(f, "%s", ADVICE_NAT);
    const struct vx_sip_msg *ev[] = { c->old_q, c->old_resp, c->new_q, c->new_resp };
    for (size_t i = 0; i < 4; i++)
        if (ev[i]) vx_finding_evidence(f, x == a ? ev[i]->ref : vx_wan_ref(ev[i]->ref));
    if (proven) { vx_finding_evidence(f, wo); vx_finding_evidence(f, wn); }
}

/* Returns how many registrations showed a change in x. */
static int mapping_changes(struct vx_analysis *a, const struct vx_analysis *x, const struct vx_correlation *cor)
{
    struct vx_sip *s = malloc(sizeof *s);
    struct nat_change c;
    int found = 0;
    for (size_t i = 0; s && i < x->registrations.count; i++) {
        scan_registration(x, vx_reg_at(x, i), s, &c);
        if (!c.found) continue;
        emit_change(a, x, &c, cor);
        found++;
    }
    free(s);
    return found;
}

/* ---- inbound requests after idle gaps ---- */

struct idle_stats {
    double ok_max;                      /* longest idle gap still answered, <0 none */
    const struct vx_sip_msg *ok_msg;
    const struct vx_sip_msg *fail;      /* first unanswered after the longest working gap */
    double fail_gap;
    const struct vx_sip_msg *fail_prev; /* the last traffic on the mapping before it */
    uint32_t failures;
};

static bool same_txn(const struct vx_sip_msg *x, const struct vx_sip_msg *y)
{
    return x->cseq == y->cseq && !strcmp(x->call_id, y->call_id) && !strcmp(x->branch, y->branch);
}

/* Seconds since the last SIP message to or from m's destination (its mapping), or <0 if none. */
static double idle_gap(const struct vx_analysis *x, const struct vx_sip_msg *m, const struct vx_sip_msg **prev)
{
    size_t stop = m->id > BACK_SCAN ? m->id - BACK_SCAN : 0;
    for (size_t i = m->id; i-- > stop;) {
        const struct vx_sip_msg *p = vx_msg(x, i);
        if (same_txn(p, m)) continue;
        if (!vx_endpoint_equal(&p->src, &m->dst) && !vx_endpoint_equal(&p->dst, &m->dst)) continue;
        *prev = p;
        return (double)(m->ts_ns - p->ts_ns) / 1e9;
    }
    return -1;
}

static void idle_scan(const struct vx_analysis *x, struct idle_stats *st)
{
    memset(st, 0, sizeof *st);
    st->ok_max = -1;
    for (size_t i = 0; i < x->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(x, i), *prev = NULL;
        if (!m->is_request || !m->from_server || m->to_server || m->retransmission || !strcasecmp(m->method, "ACK")) continue;
        double gap = idle_gap(x, m, &prev);
        if (gap < 0) continue;
        if (m->first_response >= 0) {
            if (gap > st->ok_max) { st->ok_max = gap; st->ok_msg = m; }
            continue;
        }
        if ((double)(x->last_ns - m->ts_ns) / 1e9 < x->profile.unanswered_after_s) continue;
        st->failures++;
        if (!st->fail || gap < st->fail_gap) { st->fail = m; st->fail_gap = gap; st->fail_prev = prev; }
    }
}

static void emit_idle(struct vx_analysis *a, const struct vx_analysis *x, const struct idle_stats *st, bool mapping_moved)
{
    bool wan = x != a;
    struct vx_finding *f = vx_finding_add(a, "VX-NAT-IDLE-INBOUND-LOST", "nat_timeout", VX_SEV_CRITICAL, "R-NAT-TIMER",
                                          "strong", st->fail->call);
    if (!f) return;
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN], ok[160];
    vx_endpoint_str(&st->fail->src, src, sizeof src);
    vx_endpoint_str(&st->fail->dst, dst, sizeof dst);
    vx_finding_summary(f, "Inbound %s to the phone's NAT mapping %s lost after %.1f s idle", st->fail->method, dst, st->fail_gap);
    if (st->ok_msg) snprintf(ok, sizeof ok, "%.1f s (%s at +%.1f s was answered)", st->ok_max, st->ok_msg->method,
                             vx_rel_s(x, st->ok_msg->ts_ns));
    else snprintf(ok, sizeof ok, "none seen");
    vx_finding_detail(f, "%s%s from %s to %s at +%.1f s came %.1f s after the last SIP on that mapping (frame %llu at "
                      "+%.1f s) and was never answered (%u such request%s). Longest idle gap that still worked: %s; "
                      "first gap that failed: %.1f s.%s R-NAT-TIMER asks the binding to last about %.0f s.",
                      wan ? "(WAN capture) " : "", st->fail->method, src, dst, vx_rel_s(x, st->fail->ts_ns), st->fail_gap,
                      (unsigned long long)st->fail_prev->ref.frame, vx_rel_s(x, st->fail_prev->ts_ns), st->failures,
                      st->failures == 1 ? "" : "s", ok, st->fail_gap,
                      mapping_moved ? " The phone's mapping is also seen to change (VX-NAT-MAPPING-CHANGED)." : "",
                      a->profile.nat_binding_s);
    vx_finding_advice(f, "%s", ADVICE_NAT);
    const struct vx_sip_msg *ev[] = { st->fail_prev, st->fail, st->ok_msg };
    for (size_t i = 0; i < 3; i++)
        if (ev[i]) vx_finding_evidence(f, wan ? vx_wan_ref(ev[i]->ref) : ev[i]->ref);
}

void vx_rule_nat(struct vx_analysis *a)
{
    struct vx_correlation cor = { 0 };
    if (a->wan && vx_correlate_sip(a, a->wan, &cor) != 0) memset(&cor, 0, sizeof cor);
    int moved = mapping_changes(a, a, &cor);
    if (!moved && a->wan) moved = mapping_changes(a, a->wan, &cor);
    const struct vx_analysis *views[2] = { a, a->wan };
    for (int v = 0; v < 2 && views[v]; v++) {
        struct idle_stats st;
        idle_scan(views[v], &st);
        bool earlier_ok = st.ok_msg && st.ok_max < st.fail_gap;
        if (st.fail && (earlier_ok || moved)) emit_idle(a, views[v], &st, moved > 0);
    }
    vx_correlation_free(&cor);
}
