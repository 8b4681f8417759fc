/* rules_media.c — media quality per RTP stream (loss, jitter against the profile's
 * thresholds), one-way audio, and answered calls that carried no RTP at all. */
#include "analyzer/rtp_stats.h"
#include "analyzer/rules.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MIN_PACKETS_FOR_QUALITY 50
#define MIN_PACKETS_FOR_DIRECTION 10

static const char *call_id_of(const struct vx_analysis *a, int32_t call)
{
    const struct vx_call *c = call >= 0 ? vx_call_at(a, (size_t)call) : NULL;
    return c ? c->call_id : "(no call)";
}

static void loss_finding(struct vx_analysis *a, const struct vx_stream *s, double pct)
{
    const struct vx_profile *p = &a->profile;
    bool crit = pct >= p->loss_crit_pct;
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN];
    struct vx_finding *f = vx_finding_add(a, "VX-RTP-LOSS", "rtp_loss", crit ? VX_SEV_CRITICAL : VX_SEV_WARNING,
                                          "R-BANDWIDTH", "proven", s->call);
    vx_finding_summary(f, "RTP loss %.1f%% on stream %s (%s -> %s)", pct, s->id,
                       vx_endpoint_str(&s->src, src, sizeof src), vx_endpoint_str(&s->dst, dst, sizeof dst));
    vx_finding_detail(f, "%s stream, SSRC 0x%08x, %s: %u packets received, %lld expected, %lld lost "
                      "(%.2f%%), longest burst %u packets; threshold %.1f%% (warning) / %.1f%% (critical). Call %s.",
                      s->direction_out ? "Outbound" : "Inbound", s->ssrc, s->codec[0] ? s->codec : "unknown codec",
                      s->st.packets, (long long)vx_rtp_expected(&s->st), (long long)vx_rtp_lost(&s->st), pct,
                      s->st.max_burst, p->loss_warn_pct, p->loss_crit_pct, call_id_of(a, s->call));
    vx_finding_advice(f, "Packets are lost between the capture point and the sender. Check the link's load "
                      "(each call needs 100 kbps each way, stably), Wi-Fi or cellular links (use wired LAN), "
                      "and give RTP priority with QoS (802.1p / DSCP EF) on the router.");
    vx_finding_evidence(f, s->first_ref);
    vx_finding_evidence(f, s->last_ref);
}

static void jitter_finding(struct vx_analysis *a, const struct vx_stream *s)
{
    const struct vx_profile *p = &a->profile;
    bool crit = s->st.mean_jitter_ms >= p->jitter_crit_ms;
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN];
    struct vx_finding *f = vx_finding_add(a, "VX-RTP-JITTER", "jitter", crit ? VX_SEV_CRITICAL : VX_SEV_WARNING,
                                          "R-BANDWIDTH", "proven", s->call);
    vx_finding_summary(f, "RTP jitter mean %.1f ms, max %.1f ms on stream %s (%s -> %s)", s->st.mean_jitter_ms,
                       s->st.max_jitter_ms, s->id, vx_endpoint_str(&s->src, src, sizeof src),
                       vx_endpoint_str(&s->dst, dst, sizeof dst));
    vx_finding_detail(f, "RFC 3550 interarrival jitter at %u Hz; max delta between packets %.1f ms; thresholds "
                      "%.0f ms (warning) / %.0f ms (critical). Call %s.", s->st.clock_rate, s->st.max_delta_ms,
                      p->jitter_warn_ms, p->jitter_crit_ms, call_id_of(a, s->call));
    vx_finding_advice(f, "Jitter comes from queues on a busy link. Prioritise voice (802.1p / DSCP EF), "
                      "limit bulk transfers during calls, and prefer wired LAN to Wi-Fi.");
    vx_finding_evidence(f, s->first_ref);
}

void vx_rule_rtp_quality(struct vx_analysis *a)
{
    const struct vx_profile *p = &a->profile;
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        if (s->st.packets < MIN_PACKETS_FOR_QUALITY) continue;
        double pct = vx_rtp_loss_pct(&s->st);
        if (pct >= p->loss_warn_pct) loss_finding(a, s, pct);
        if (s->st.clock_rate && (s->st.mean_jitter_ms >= p->jitter_warn_ms || s->st.max_jitter_ms >= p->jitter_crit_ms))
            jitter_finding(a, s);
    }
}

/* True when an SDP of the call asked for one-way media (hold, announcements, fax). */
static bool one_way_by_sdp(const struct vx_call *c)
{
    for (size_t i = 0; i < c->media.count; i++) {
        const struct vx_media_ep *e = *(struct vx_media_ep **)vx_vec_at(&c->media, i);
        if (e->direction[0] && strcasecmp(e->direction, "sendrecv") != 0) return true;
    }
    return false;
}

struct directions { const struct vx_stream *fwd, *rev; };

static struct directions call_directions(const struct vx_analysis *a, const struct vx_call *c)
{
    struct directions d = { NULL, NULL };
    for (size_t i = 0; i < c->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, *(uint32_t *)vx_vec_at(&c->streams, i));
        if (!s || s->st.packets < MIN_PACKETS_FOR_DIRECTION) continue;
        if (!d.fwd) { d.fwd = s; continue; }
        if (vx_addr_equal(&s->src.addr, &d.fwd->dst.addr) || vx_endpoint_equal(&s->dst, &d.fwd->src)) d.rev = s;
    }
    return d;
}

static void one_way_finding(struct vx_analysis *a, const struct vx_call *c, const struct vx_stream *s)
{
    bool sdp = one_way_by_sdp(c);
    bool from_server = vx_profile_server_index(&a->profile, &s->src.addr) >= 0;
    bool to_server = vx_profile_server_index(&a->profile, &s->dst.addr) >= 0;
    const char *rule = from_server ? "R-OUT-RTP" : to_server ? "R-IN-RTP" : "R-IN-RTP";
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN];
    struct vx_finding *f = vx_finding_add(a, "VX-RTP-ONE-WAY", "one_way_audio",
                                          sdp ? VX_SEV_INFO : (from_server || to_server) ? VX_SEV_CRITICAL : VX_SEV_WARNING,
                                          rule, (from_server || to_server) ? "strong" : "suspected", (int32_t)c->index);
    vx_endpoint_str(&s->src, src, sizeof src);
    vx_endpoint_str(&s->dst, dst, sizeof dst);
    vx_finding_summary(f, "One-way audio: RTP flows %s -> %s only", src, dst);
    vx_finding_detail(f, "Answered call %s: %u RTP packets from %s to %s and none in the other direction%s.",
                      c->call_id, s->st.packets, src, dst,
                      sdp ? "; the SDP asked for one-way media (sendonly/recvonly/inactive), so this may be intended" : "");
    if (from_server)
        vx_finding_advice(f, "The phone's RTP does not reach VoiceX (or was not captured). Allow UDP from the "
                          "phones to the VoiceX servers' ports 10000-20000 and check that no SIP-ALG rewrote the SDP.");
    else
        vx_finding_advice(f, "RTP from the far end never arrives. Allow inbound UDP from the VoiceX servers' "
                          "source ports 10000-20000 to the phones (any port), turn off SIP-ALG, and check the NAT "
                          "keeps the mapping the phone's outbound RTP created.");
    vx_finding_evidence(f, s->first_ref);
}

void vx_rule_one_way_audio(struct vx_analysis *a)
{
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        if (c->state != VX_CALL_ANSWERED) continue;
        struct directions d = call_directions(a, c);
        if (d.fwd && !d.rev) one_way_finding(a, c, d.fwd);
    }
}

/* True when a SIP message of the call carrying (or meant to carry) SDP was cut by the
 * capture's snap length: its media could not be tied to it. */
static bool sdp_cut(const struct vx_analysis *a, const struct vx_call *c)
{
    for (size_t k = 0; k < c->msgs.count; k++) {
        const struct vx_sip_msg *m = vx_msg(a, *(uint32_t *)vx_vec_at(&c->msgs, k));
        if (m && m->cut_by_snaplen) return true;
    }
    return false;
}

void vx_rule_no_rtp(struct vx_analysis *a)
{
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        if (c->state != VX_CALL_ANSWERED || c->streams.count) continue;
        int64_t end = c->end_ns ? c->end_ns : a->last_ns;
        double talk = (double)(end - c->answer_ns) / 1e9;
        if (talk < 2.0) continue;
        bool no_rtp_anywhere = a->c.rtp == 0, cut = sdp_cut(a, c);
        bool weak = no_rtp_anywhere || cut;
        struct vx_finding *f = vx_finding_add(a, "VX-RTP-NONE", "no_rtp", weak ? VX_SEV_INFO : VX_SEV_WARNING,
                                              "R-IN-RTP", weak ? "suspected" : "strong", (int32_t)c->index);
        vx_finding_summary(f, "Answered call with no RTP seen (%.1f s after answer)", talk);
        vx_finding_detail(f, "Call %s was answered (status %d) but no RTP for it appears in the capture%s.",
                          c->call_id, c->final_status,
                          cut ? "; its SIP was cut by the capture's snap length, so the SDP that ties media to the call "
                                "is missing (RTP may be listed as not tied to any call)"
                          : no_rtp_anywhere ? "; the capture holds no RTP at all: either it was filtered to SIP only, or "
                                "media is blocked in both directions before the capture point" : "");
        vx_finding_advice(f, "If the capture was complete, media is blocked both ways: allow UDP between the phones "
                          "and the VoiceX servers' ports 10000-20000 in both directions and turn off SIP-ALG.");
        for (size_t k = 0; k < c->msgs.count && k < 3; k++) {
            const struct vx_sip_msg *m = vx_msg(a, *(uint32_t *)vx_vec_at(&c->msgs, k));
            if (m) vx_finding_evidence(f, m->ref);
        }
    }
}
