/* rules_capture.c — capture trouble reported, not hidden: truncated files, unreadable
 * records, frames cut by the snaplen (SIP bodies lost), time going backwards, tables that
 * hit their caps, fragments that never completed, TCP gaps in SIP streams. */
#include "analyzer/rules.h"
#include <stdio.h>

static const char *ADVICE_CAPTURE =
    "Capture again with a full snap length (tcpdump -s 0, or Wireshark's default), write to a "
    "local disk, and stop the capture cleanly; send the whole file.";

static void file_problems(struct vx_analysis *a, int i)
{
    const struct vx_input_info *in = &a->inputs[i];
    struct vx_ref last = { (uint16_t)i, in->packets };
    if (in->truncated || in->read_error) {
        struct vx_finding *f = vx_finding_add(a, in->truncated ? "VX-CAPTURE-TRUNCATED" : "VX-CAPTURE-BAD-RECORD",
                                              "capture_problem", VX_SEV_WARNING, "-", "proven", -1);
        vx_finding_summary(f, "%s: the file %s after %llu packets", in->name,
                           in->truncated ? "is truncated" : "has an unreadable record",
                           (unsigned long long)in->packets);
        vx_finding_detail(f, "Reading stopped: %s. Everything before that point was analysed.", in->error);
        vx_finding_advice(f, "%s", ADVICE_CAPTURE);
        if (in->packets) vx_finding_evidence(f, last);
    }
    if (in->cut_by_snaplen) {
        bool sip = a->c.sip_cut > 0;
        struct vx_finding *f = vx_finding_add(a, "VX-CAPTURE-SNAPLEN", "capture_problem",
                                              sip ? VX_SEV_WARNING : VX_SEV_INFO, "-", "proven", -1);
        vx_finding_summary(f, "%s: %llu packets were cut by a small snap length (%u bytes)%s", in->name,
                           (unsigned long long)in->cut_by_snaplen, in->snaplen,
                           sip ? ", including SIP messages" : "");
        vx_finding_detail(f, "%llu SIP messages were cut: their bodies (SDP) may be missing, so media "
                          "may not be tied to calls.", (unsigned long long)a->c.sip_cut);
        vx_finding_advice(f, "%s", ADVICE_CAPTURE);
    }
    if (in->out_of_order) {
        struct vx_finding *f = vx_finding_add(a, "VX-CAPTURE-TIME-ORDER", "capture_problem", VX_SEV_INFO, "-", "proven", -1);
        vx_finding_summary(f, "%s: %llu packets have timestamps earlier than the packet before", in->name,
                           (unsigned long long)in->out_of_order);
        vx_finding_detail(f, "Delta and jitter figures near those packets may be off.");
        vx_finding_advice(f, "Capture on one interface with one clock; avoid merging captures from different hosts.");
    }
    if (in->bad_records) {
        struct vx_finding *f = vx_finding_add(a, "VX-CAPTURE-BAD-HEADERS", "capture_problem", VX_SEV_INFO, "-", "proven", -1);
        vx_finding_summary(f, "%s: %llu records have impossible lengths or unknown interfaces", in->name,
                           (unsigned long long)in->bad_records);
        vx_finding_detail(f, "Such records were skipped or read as far as their captured bytes go.");
        vx_finding_advice(f, "%s", ADVICE_CAPTURE);
    }
}

static void cap_problems(struct vx_analysis *a)
{
    char list[512] = "";
    size_t len = 0;
    uint64_t total = 0;
    for (int t = 0; t < VX_EVICT_COUNT; t++) {
        if (!a->c.evictions[t]) continue;
        total += a->c.evictions[t];
        int n = snprintf(list + len, sizeof list - len, "%s%s: %llu", len ? ", " : "",
                         vx_evict_names[t], (unsigned long long)a->c.evictions[t]);
        if (n > 0 && (size_t)n < sizeof list - len) len += (size_t)n;
    }
    if (!total) return;
    struct vx_finding *f = vx_finding_add(a, "VX-CAPTURE-LIMITS", "capture_problem", VX_SEV_WARNING, "-", "proven", -1);
    vx_finding_summary(f, "Analysis limits were reached: %llu items were not kept", (unsigned long long)total);
    vx_finding_detail(f, "Items dropped per table: %s. Figures for the dropped items are missing.", list);
    vx_finding_advice(f, "Split the capture (editcap -c) or filter it to the VoiceX servers before analysis.");
}

static void decode_problems(struct vx_analysis *a)
{
    const struct vx_counters *c = &a->c;
    uint64_t frag = c->frag_timeouts + c->frag_overlaps + c->frag_too_large;
    if (frag) {
        struct vx_finding *f = vx_finding_add(a, "VX-CAPTURE-FRAGMENTS", "capture_problem", VX_SEV_INFO, "-", "proven", -1);
        vx_finding_summary(f, "IP fragments that could not be reassembled cleanly: %llu", (unsigned long long)frag);
        vx_finding_detail(f, "timeouts %llu, overlapping fragments with different bytes %llu, oversized or too many fragments %llu",
                          (unsigned long long)c->frag_timeouts, (unsigned long long)c->frag_overlaps,
                          (unsigned long long)c->frag_too_large);
        vx_finding_advice(f, "Fragmented SIP is fragile through NAT and firewalls; see the fragmentation finding if any.");
    }
    if (c->tcp_gaps || c->tcp_unframeable) {
        struct vx_finding *f = vx_finding_add(a, "VX-CAPTURE-TCP-GAPS", "capture_problem", VX_SEV_INFO, "-", "proven", -1);
        vx_finding_summary(f, "SIP over TCP: %llu gaps in the byte stream, %llu unframeable segments",
                           (unsigned long long)c->tcp_gaps, (unsigned long long)c->tcp_unframeable);
        vx_finding_detail(f, "Messages around a gap may be missing from the ladder (packets lost by the capture, not necessarily by the network).");
        vx_finding_advice(f, "%s", ADVICE_CAPTURE);
    }
}

/* Live capture: packets lost by the capture itself, so they are not taken for network loss. */
static void live_drops(struct vx_analysis *a)
{
    const struct vx_counters *c = &a->c;
    uint64_t lost = c->live_drops_kernel + c->live_drops_ring;
    if (!lost && !c->live_drops_iface) return;
    struct vx_finding *f = vx_finding_add(a, "VX-CAPTURE-DROPS", "capture_problem",
                                          lost ? VX_SEV_WARNING : VX_SEV_INFO, "-", "proven", -1);
    vx_finding_summary(f, "The live capture dropped %llu packets (kernel buffer %llu, vxdiag ring %llu, interface %llu)",
                       (unsigned long long)(lost + c->live_drops_iface), (unsigned long long)c->live_drops_kernel,
                       (unsigned long long)c->live_drops_ring, (unsigned long long)c->live_drops_iface);
    vx_finding_detail(f, "These packets never reached the analysis: RTP loss, missing responses and one-way "
                      "figures may partly be capture drops, not network loss. Kernel drops mean the capture "
                      "buffer overflowed; ring drops mean the analysis could not keep up; interface drops are "
                      "counted by the driver (they may include traffic the capture never asked for).");
    vx_finding_advice(f, "Capture with the default VoIP filter (not --all-traffic), on a less busy port, on a "
                      "machine with a free CPU core; or capture with tcpdump -w and analyse the file offline.");
}

void vx_rule_capture(struct vx_analysis *a)
{
    for (int i = 0; i < a->input_count; i++) file_problems(a, i);
    live_drops(a);
    cap_problems(a);
    decode_problems(a);
}
