/* rules_frag.c — SIP messages that crossed the network in IP fragments (warning) and large
 * UDP SIP messages that were not fragmented yet but sit near the usual MTU (info).
 * Requirement cited: R-OUT-SIP for messages the customer side sent, R-IN-SIP for messages
 * from VoiceX. Fragments are what NAT routers, firewalls and SIP-ALGs most often drop or
 * mishandle (non-first fragments carry no UDP ports), so the rule at stake is that SIP must
 * get through in that direction; R-NO-ALG is named in the advice where an ALG may be the
 * device that cannot reassemble. */
#include "analyzer/rules.h"
#include <stdio.h>
#include <string.h>

#define LARGE_SIP_BYTES 1300   /* UDP payload; + 28 bytes of headers nears a 1400-byte path MTU */

struct frag_stats {
    uint32_t count, min_len, max_len;
    int32_t call;
    char methods[96];
    struct vx_ref refs[8];
    uint32_t nrefs;
};

static void note(struct frag_stats *s, const struct vx_sip_msg *m)
{
    if (!s->count || m->raw_len < s->min_len) s->min_len = m->raw_len;
    if (m->raw_len > s->max_len) s->max_len = m->raw_len;
    if (!s->count) s->call = m->call;
    s->count++;
    char what[24];
    if (m->is_request) snprintf(what, sizeof what, "%s", m->method);
    else snprintf(what, sizeof what, "%d %s", m->status, m->cseq_method);
    size_t len = strlen(s->methods);
    if (!strstr(s->methods, what) && len + strlen(what) + 3 < sizeof s->methods)
        snprintf(s->methods + len, sizeof s->methods - len, "%s%s", len ? ", " : "", what);
    if (s->nrefs < 8) s->refs[s->nrefs++] = m->ref;
}

static void emit(struct vx_analysis *a, const struct frag_stats *s, bool inbound, bool fragmented)
{
    const char *rule = inbound ? "R-IN-SIP" : "R-OUT-SIP";
    const char *dir = inbound ? "from VoiceX" : "from the customer side";
    struct vx_finding *f = vx_finding_add(a, fragmented ? "VX-FRAG-SIP" : "VX-FRAG-SIP-LARGE", "ip_fragmentation",
                                          fragmented ? VX_SEV_WARNING : VX_SEV_INFO, rule, "proven", s->call);
    if (fragmented) {
        vx_finding_summary(f, "%u SIP messages %s arrived in IP fragments (%u-%u bytes)", s->count, dir, s->min_len, s->max_len);
        vx_finding_detail(f, "SIP over UDP larger than the path MTU was split into IP fragments: %u messages %s "
                          "(%s), SIP sizes %u to %u bytes. Any device that drops or cannot reassemble fragments "
                          "(NAT, firewall, SIP-ALG) loses these messages, typically INVITEs or 200 OKs with SDP.",
                          s->count, dir, s->methods, s->min_len, s->max_len);
        vx_finding_advice(f, "Use SIP over TCP or TLS for these phones, shrink the SDP (fewer codecs, no video), "
                          "check the MTU of the WAN/VPN link (PPPoE 1454, tunnels less), and make sure firewalls "
                          "and NAT pass and reassemble IP fragments; turn off SIP-ALG (R-NO-ALG).");
    } else {
        vx_finding_summary(f, "%u SIP messages %s over UDP are near the MTU (%u-%u bytes), not fragmented yet",
                           s->count, dir, s->min_len, s->max_len);
        vx_finding_detail(f, "UDP SIP messages larger than %u bytes (%s), up to %u bytes: on a path with a smaller "
                          "MTU (PPPoE, VPN) they will be fragmented.", LARGE_SIP_BYTES, s->methods, s->max_len);
        vx_finding_advice(f, "If calls fail only on some links, consider SIP over TCP/TLS or fewer codecs in the SDP.");
    }
    for (uint32_t i = 0; i < s->nrefs; i++) vx_finding_evidence(f, s->refs[i]);
}

void vx_rule_sip_fragmentation(struct vx_analysis *a)
{
    struct frag_stats frag[2], large[2];
    memset(frag, 0, sizeof frag);
    memset(large, 0, sizeof large);
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (m->retransmission) continue;
        int in = m->from_server ? 1 : 0;
        if (m->ip_fragmented) note(&frag[in], m);
        else if (m->transport == 17 && m->raw_len > LARGE_SIP_BYTES) note(&large[in], m);
    }
    for (int in = 0; in < 2; in++) {
        if (frag[in].count) emit(a, &frag[in], in == 1, true);
        if (large[in].count) emit(a, &large[in], in == 1, false);
    }
}
