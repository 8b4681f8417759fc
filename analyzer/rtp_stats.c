/* rtp_stats.c — RTP stream statistics. The sequence, delta and jitter rules follow the
 * rtppacket_analyse() of Wireshark 4.0 (ui/tap-rtp-analysis.c, the version Debian 12 ships)
 * so that packets, lost, max delta and jitter agree with `tshark -z rtp,streams`; the code
 * is our own. Newer Wireshark releases changed the jitter reference (extended timestamps,
 * in-order packets only); the corpus oracles were produced by 4.0. Also the E-model. */
#include "analyzer/rtp_stats.h"
#include <math.h>
#include <string.h>
#include <strings.h>

#define PT_CN 13
#define PT_CN_OLD 19

uint32_t vx_rtp_clock_for(uint8_t pt, const char *name, uint32_t sdp_rate)
{
    static const struct { uint8_t pt; uint32_t rate; } fixed[] = {
        { 0, 8000 }, { 1, 8000 }, { 2, 8000 }, { 3, 8000 }, { 4, 8000 }, { 5, 8000 }, { 6, 16000 },
        { 7, 8000 }, { 8, 8000 }, { 9, 8000 }, { 10, 44100 }, { 11, 44100 }, { 12, 8000 },
        { 13, 8000 }, { 14, 90000 }, { 15, 8000 }, { 16, 11025 }, { 17, 22050 }, { 18, 8000 },
        { 19, 8000 }, { 25, 90000 }, { 26, 90000 }, { 28, 90000 }, { 31, 90000 }, { 32, 90000 },
        { 33, 90000 }, { 34, 90000 },
    };
    static const struct { const char *name; uint32_t rate; } dynamic[] = {
        { "AMR", 8000 }, { "AMR-WB", 16000 }, { "BMPEG", 90000 }, { "BT656", 90000 }, { "DV", 90000 },
        { "EVRC", 8000 }, { "EVRC0", 8000 }, { "EVRC1", 8000 }, { "EVRCB", 8000 }, { "EVRCB0", 8000 },
        { "EVRCB1", 8000 }, { "EVRCWB", 16000 }, { "EVRCWB0", 16000 }, { "EVRCWB1", 16000 },
        { "EVS", 16000 }, { "G7221", 16000 }, { "G726-16", 8000 }, { "G726-24", 8000 },
        { "G726-32", 8000 }, { "G726-40", 8000 }, { "G729D", 8000 }, { "G729E", 8000 },
        { "GSM-EFR", 8000 }, { "H263-1998", 90000 }, { "H263-2000", 90000 }, { "H264", 90000 },
        { "MP1S", 90000 }, { "MP2P", 90000 }, { "MP4V-ES", 90000 }, { "mpa-robust", 90000 },
        { "opus", 48000 }, { "pointer", 90000 }, { "raw", 90000 }, { "red", 1000 }, { "SMV", 8000 },
        { "SMV0", 8000 }, { "t140", 1000 }, { "telephone-event", 8000 },
    };
    if (pt < 96) {
        for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
            if (fixed[i].pt == pt) return fixed[i].rate;
        return 0;
    }
    if (!name || !name[0]) return 0;
    if (strncasecmp(name, "telephone-event", 15) == 0) return 0;
    if (sdp_rate) return sdp_rate;
    /* longest-prefix match, as the reference does by scanning in reverse order */
    for (size_t i = sizeof dynamic / sizeof dynamic[0]; i-- > 0;)
        if (strncasecmp(dynamic[i].name, name, strlen(dynamic[i].name)) == 0) return dynamic[i].rate;
    return 0;
}

static void track_duplicates(struct vx_rtp_stats *st, uint16_t seq)
{
    if (!st->window_init) {
        st->window_init = true;
        st->window_base = (uint16_t)(seq - 512);
        memset(st->seen_window, 0, sizeof st->seen_window);
    }
    int16_t off = (int16_t)(seq - st->window_base);
    while (off >= 1024) {      /* slide the window forward by 64 */
        memmove(st->seen_window, st->seen_window + 1, sizeof st->seen_window - sizeof(uint64_t));
        st->seen_window[15] = 0;
        st->window_base = (uint16_t)(st->window_base + 64);
        off = (int16_t)(seq - st->window_base);
    }
    if (off < 0) return;       /* too old to tell */
    uint64_t bit = 1ull << (off & 63);
    if (st->seen_window[off >> 6] & bit) st->duplicates++;
    else st->seen_window[off >> 6] |= bit;
}

static void first_packet(struct vx_rtp_stats *st, const struct vx_rtp_sample *s)
{
    st->started = true;
    st->start_seq = st->stop_seq = st->last_seq = s->seq;
    st->first_timestamp = st->last_timestamp = s->timestamp;
    st->last_time_ms = s->arrival_ms;
    st->last_nominal_ms = 0;
    st->last_pt = st->reg_pt = s->pt;
    st->packets = 1;
}

/* Wrap cycles and the count of packets whose sequence number was not the next one. */
static void check_sequence(struct vx_rtp_stats *st, uint16_t seq)
{
    if (seq < st->start_seq && !st->under) { st->seq_cycles++; st->under = true; }
    else if (seq == 0 && st->stop_seq == 65535 && !st->under) { st->seq_cycles++; st->under = true; }
    else if (seq > st->start_seq && st->under) st->under = false;

    if (seq == (uint16_t)(st->last_seq + 1)) {
        st->last_seq = seq;
    } else if ((uint32_t)st->last_seq + 1 < seq || (uint16_t)(st->last_seq - seq) > 0xFF00) {
        uint16_t gap = (uint16_t)(seq - st->last_seq - 1);
        if (gap < 0x8000 && gap > st->max_burst) st->max_burst = gap;
        st->last_seq = seq;
        st->seq_errors++;
    } else {
        st->seq_errors++;
        if (seq != st->last_seq) st->out_of_order++;
    }
}

/* Wireshark 4.0: a packet is "in time sequence" when its timestamp is at most half the
 * 32-bit range after the stream's first timestamp (allowing one wrap). */
static bool in_time_sequence(const struct vx_rtp_stats *st, uint32_t ts)
{
    uint32_t first = st->first_timestamp;
    if (first <= ts) return ts - first < 0x80000000u;
    return first - ts > 0x80000000u;
}

/* Delta and jitter: the nominal time is measured from the stream's first timestamp, only
 * in-sequence packets with a known clock (not telephone-event) update the jitter and the
 * nominal reference, and only in-sequence packets move the arrival reference. */
static void time_figures(struct vx_rtp_stats *st, const struct vx_rtp_sample *s, bool in_time, bool regular)
{
    st->delta_ms = s->arrival_ms - st->last_time_ms;
    bool clocked = s->clock_rate >= 1000;
    if (clocked && in_time) {
        st->clock_rate = s->clock_rate;
        double nominal = (double)(uint32_t)(s->timestamp - st->first_timestamp) / (s->clock_rate / 1000);
        double expected_time = st->last_time_ms + (nominal - st->last_nominal_ms);
        double diff = fabs(s->arrival_ms - expected_time);
        st->jitter_ms = (15 * st->jitter_ms + diff) / 16;
        st->last_nominal_ms = nominal;
    }
    if (!regular) return;
    if (st->delta_ms > st->max_delta_ms) st->max_delta_ms = st->delta_ms;
    st->mean_delta_ms = (st->mean_delta_ms * (st->packets - 1) + st->delta_ms) / st->packets;
    if (clocked) {
        if (st->jitter_ms > st->max_jitter_ms) st->max_jitter_ms = st->jitter_ms;
        st->mean_jitter_ms = (st->mean_jitter_ms * (st->packets - 1) + st->jitter_ms) / st->packets;
    }
}

void vx_rtp_stats_update(struct vx_rtp_stats *st, const struct vx_rtp_sample *s)
{
    track_duplicates(st, s->seq);
    if (!st->started) { first_packet(st, s); return; }
    check_sequence(st, s->seq);
    bool cn = s->pt == PT_CN || s->pt == PT_CN_OLD;
    bool follows_cn = st->last_pt == PT_CN || st->last_pt == PT_CN_OLD;
    bool in_time = in_time_sequence(st, s->timestamp);
    st->last_pt = s->pt;
    time_figures(st, s, in_time, !s->marker && !cn && in_time && !follows_cn);
    if (!cn) st->reg_pt = s->pt;
    if (in_time) st->last_time_ms = s->arrival_ms;
    st->last_timestamp = s->timestamp;
    st->stop_seq = s->seq;
    st->packets++;
}

int64_t vx_rtp_expected(const struct vx_rtp_stats *st)
{
    if (!st->started) return 0;
    return (int64_t)st->stop_seq + (int64_t)st->seq_cycles * 65536 - st->start_seq + 1;
}

int64_t vx_rtp_lost(const struct vx_rtp_stats *st) { return vx_rtp_expected(st) - st->packets; }

double vx_rtp_loss_pct(const struct vx_rtp_stats *st)
{
    int64_t e = vx_rtp_expected(st);
    return e > 0 ? 100.0 * (double)vx_rtp_lost(st) / (double)e : 0.0;
}

/* ITU-T G.113 Appendix I equipment impairment (Ie) and packet-loss robustness (Bpl). */
static bool codec_constants(const char *codec, double *ie, double *bpl)
{
    if (!codec) return false;
    if (!strcasecmp(codec, "PCMU") || !strcasecmp(codec, "PCMA")) { *ie = 0; *bpl = 25.1; return true; }
    if (!strncasecmp(codec, "G729", 4)) { *ie = 11; *bpl = 19; return true; }
    return false;
}

double vx_emodel_mos(const char *codec, double loss_pct, double jitter_ms, double rtt_ms, bool *estimate)
{
    double ie = 0, bpl = 25.1;
    *estimate = !codec_constants(codec, &ie, &bpl);
    if (loss_pct < 0) loss_pct = 0;
    /* one-way delay: half the RTT when known, else a 20 ms packetisation + 2x jitter buffer guess */
    double delay = (rtt_ms > 0 ? rtt_ms / 2 : 20) + 2 * jitter_ms + 10;
    double id = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
    double ie_eff = ie + (95 - ie) * loss_pct / (loss_pct + bpl);
    double r = 93.2 - id - ie_eff;
    if (r < 0) return 1.0;
    if (r > 100) r = 100;
    double mos = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    if (mos > 4.5) mos = 4.5;
    return mos < 1 ? 1 : mos;
}
