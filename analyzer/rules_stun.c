/* rules_stun.c — STUN binding requests (to stun.l.google.com:19302 or any STUN server the
 * decoder recognised) that got no answer (R-OUT-STUN, stun_failure), per client/server pair.
 * Answered requests raise nothing; error responses are reported as info (the path works). */
#include "analyzer/rules.h"
#include <stdio.h>
#include <string.h>

#define MAX_PAIRS 64
#define PAIR_REFS 6

struct stun_pair {
    vx_endpoint client, server;
    uint32_t txns, answered, errors, unanswered, requests;
    struct vx_ref refs[PAIR_REFS];
    uint32_t nrefs;
};

static struct stun_pair *pair_for(struct stun_pair *ps, size_t *n, const struct vx_stun_txn *t)
{
    for (size_t i = 0; i < *n; i++)
        if (vx_addr_equal(&ps[i].client.addr, &t->client.addr) && vx_endpoint_equal(&ps[i].server, &t->server))
            return &ps[i];
    if (*n >= MAX_PAIRS) return NULL;
    struct stun_pair *p = &ps[(*n)++];
    memset(p, 0, sizeof *p);
    p->client = t->client;
    p->server = t->server;
    return p;
}

static void unanswered_finding(struct vx_analysis *a, const struct stun_pair *p)
{
    char cl[VX_ADDR_STRLEN], sv[VX_ADDR_STRLEN];
    vx_addr_str(&p->client.addr, cl, sizeof cl);
    vx_endpoint_str(&p->server, sv, sizeof sv);
    bool none = p->answered == 0;
    struct vx_finding *f = vx_finding_add(a, "VX-STUN-UNANSWERED", "stun_failure", VX_SEV_WARNING, "R-OUT-STUN",
                                          none ? "strong" : "suspected", -1);
    vx_finding_summary(f, "STUN to %s: %u of %u requests from %s got no answer", sv, p->unanswered, p->txns, cl);
    vx_finding_detail(f, "%u STUN transactions (%u request packets including retransmissions) from %s to %s: "
                      "%u answered, %u with an error response, %u never answered.%s", p->txns, p->requests, cl, sv,
                      p->answered, p->errors, p->unanswered,
                      none ? " No request to this server was ever answered." : "");
    vx_finding_advice(f, "Allow outbound UDP from the terminals to stun.l.google.com port 19302 and the replies "
                      "back; without STUN the phones and browser phone cannot learn their public address and "
                      "media may flow one way only.");
    for (uint32_t i = 0; i < p->nrefs; i++) vx_finding_evidence(f, p->refs[i]);
}

static void error_finding(struct vx_analysis *a, const struct stun_pair *p)
{
    char sv[VX_ADDR_STRLEN];
    vx_endpoint_str(&p->server, sv, sizeof sv);
    struct vx_finding *f = vx_finding_add(a, "VX-STUN-ERROR", "stun_failure", VX_SEV_INFO, "R-OUT-STUN", "proven", -1);
    vx_finding_summary(f, "STUN server %s answered %u requests with an error", sv, p->errors);
    vx_finding_detail(f, "%u of %u transactions got an error response: the path to the STUN server works, the "
                      "request itself was refused.", p->errors, p->txns);
    vx_finding_advice(f, "The network passes STUN; check the terminal's STUN server setting (stun.l.google.com:19302).");
    for (uint32_t i = 0; i < p->nrefs; i++) vx_finding_evidence(f, p->refs[i]);
}

void vx_rule_stun(struct vx_analysis *a)
{
    struct stun_pair ps[MAX_PAIRS];
    size_t n = 0;
    for (size_t i = 0; i < a->stun.count; i++) {
        const struct vx_stun_txn *t = vx_vec_at(&a->stun, i);
        bool judged = t->answered || (double)(a->last_ns - t->request_ns) / 1e9 >= a->profile.unanswered_after_s;
        struct stun_pair *p = judged ? pair_for(ps, &n, t) : NULL;
        if (!p) continue;
        p->txns++;
        p->requests += t->requests;
        if (t->answered && !t->error) { p->answered++; continue; }
        if (t->answered) p->errors++; else p->unanswered++;
        if (p->nrefs < PAIR_REFS) p->refs[p->nrefs++] = t->ref;
    }
    for (size_t i = 0; i < n; i++) {
        const struct stun_pair *p = &ps[i];
        /* a lone lost request among answered ones is normal UDP life */
        if (p->unanswered && (p->answered + p->errors == 0 || p->unanswered * 4 >= p->txns)) unanswered_finding(a, p);
        else if (p->errors && !p->answered) error_finding(a, p);
    }
}
