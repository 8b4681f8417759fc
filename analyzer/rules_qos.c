/* rules_qos.c — RTP and SIP sent without any priority marking (DSCP 0 and no 802.1p tag or
 * priority 0): one info finding with the counts (R-QOS: marking is recommended, and
 * required over VPN; tunnelled traffic in the capture is mentioned, not escalated, since a
 * capture cannot tell the site's VPN from other tunnels). */
#include "analyzer/rules.h"
#include <stdio.h>

struct marks {
    uint32_t sip_out, sip_out_unmarked, sip_in, sip_in_unmarked;
    uint32_t rtp_out, rtp_out_unmarked, rtp_in, rtp_in_unmarked;
    struct vx_ref first_sip, first_rtp;
    bool have_sip, have_rtp;
};

static bool unmarked(uint8_t dscp, int8_t pcp) { return dscp == 0 && pcp <= 0; }

static void count_sip(const struct vx_analysis *a, struct marks *k)
{
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (!m->to_server && !m->from_server) continue;
        bool u = unmarked(m->dscp, m->pcp);
        if (m->to_server) { k->sip_out++; k->sip_out_unmarked += u; }
        else { k->sip_in++; k->sip_in_unmarked += u; }
        if (u && m->to_server && !k->have_sip) { k->first_sip = m->ref; k->have_sip = true; }
    }
}

static void count_rtp(const struct vx_analysis *a, struct marks *k)
{
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        bool u = unmarked(s->dscp, s->pcp);
        if (s->direction_out) { k->rtp_out++; k->rtp_out_unmarked += u; }
        else { k->rtp_in++; k->rtp_in_unmarked += u; }
        if (u && s->direction_out && !k->have_rtp) { k->first_rtp = s->first_ref; k->have_rtp = true; }
    }
}

void vx_rule_qos(struct vx_analysis *a)
{
    struct marks k = { 0 };
    count_sip(a, &k);
    count_rtp(a, &k);
    uint32_t out_unmarked = k.sip_out_unmarked + k.rtp_out_unmarked;
    if (!out_unmarked) return;
    bool vpn = a->c.tunnels > 0;   /* a hint only: GRE/IP-in-IP/GTP are not always the site's VPN */
    struct vx_finding *f = vx_finding_add(a, "VX-QOS-UNMARKED", "no_qos_marking", VX_SEV_INFO,
                                          "R-QOS", "proven", -1);
    vx_finding_summary(f, "Voice sent without QoS marking: %u of %u outbound RTP streams, %u of %u outbound SIP "
                       "messages have DSCP 0 and no 802.1p priority", k.rtp_out_unmarked, k.rtp_out,
                       k.sip_out_unmarked, k.sip_out);
    vx_finding_detail(f, "Towards VoiceX: RTP streams %u/%u unmarked, SIP messages %u/%u unmarked. From VoiceX: "
                      "RTP streams %u/%u, SIP messages %u/%u unmarked (inbound marks are often reset by the ISP). "
                      "%s", k.rtp_out_unmarked, k.rtp_out, k.sip_out_unmarked, k.sip_out, k.rtp_in_unmarked, k.rtp_in,
                      k.sip_in_unmarked, k.sip_in,
                      vpn ? "The capture contains tunnelled traffic: if voice crosses a VPN, QoS is required there." :
                            "Marking is recommended; it is required where voice crosses a VPN.");
    vx_finding_advice(f, "Mark voice at the phones or the switch (policy-based QoS, 802.1p priority 5 / DSCP EF 46 "
                      "for RTP, CS3/AF31 for SIP) and give it priority on the router's uplink%s.",
                      vpn ? " and inside the VPN tunnel (copy the DSCP to the outer header)" : "");
    if (k.have_rtp) vx_finding_evidence(f, k.first_rtp);
    if (k.have_sip) vx_finding_evidence(f, k.first_sip);
}
