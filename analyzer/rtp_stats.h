/* rtp_stats.h — per-stream RTP figures computed the way Wireshark's RTP stream analysis
 * computes them (packets, expected, lost, max delta, RFC 3550 jitter), plus duplicates,
 * reordering and loss bursts. Pure: no I/O, no allocation. */
#ifndef VX_RTP_STATS_H
#define VX_RTP_STATS_H
#include "analyzer/model.h"

struct vx_rtp_sample {
    double arrival_ms;         /* arrival relative to the capture's first packet */
    uint16_t seq;
    uint32_t timestamp;
    uint8_t pt;
    bool marker;
    uint32_t clock_rate;       /* 0: unknown clock or telephone-event: no jitter */
};

void vx_rtp_stats_update(struct vx_rtp_stats *st, const struct vx_rtp_sample *s);
/* Wireshark's "expected": last seq + cycles*65536 - first seq + 1. */
int64_t vx_rtp_expected(const struct vx_rtp_stats *st);
int64_t vx_rtp_lost(const struct vx_rtp_stats *st);
double vx_rtp_loss_pct(const struct vx_rtp_stats *st);
/* Clock rate of a payload type / encoding name as Wireshark maps them (0 = unknown). */
uint32_t vx_rtp_clock_for(uint8_t pt, const char *encoding_name, uint32_t sdp_rate);
/* E-model (ITU-T G.107, simplified) MOS for a codec, loss % and jitter/delay in ms.
 * *estimate is set when the codec has no published Ie/Bpl constants. */
double vx_emodel_mos(const char *codec, double loss_pct, double jitter_ms, double rtt_ms, bool *estimate);
#endif
