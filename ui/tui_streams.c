/* tui_streams.c — the RTP streams: one row per stream with the report's figures (packets,
 * lost, loss %, max delta, jitter, MOS) and, for the selected stream, its figures in full and
 * per-second loss and jitter sparklines drawn from stream->series. */
#include "analyzer/rtp_stats.h"
#include "ui/tui.h"
#include <stdio.h>
#include <string.h>

struct streams_state {
    struct tui_list list;
};

#define DETAIL_ROWS 7
#define WIDE_COLS 104   /* below this the list drops codec, lost and max delta */

static void draw_row(struct vx_tui *t, const struct vx_stream *s, int y, int cols, bool sel)
{
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN], line[300], mos[16];
    if (s->mos >= 0) snprintf(mos, sizeof mos, "%4.2f", s->mos);
    else snprintf(mos, sizeof mos, "   -");
    vx_endpoint_str(&s->src, src, sizeof src);
    vx_endpoint_str(&s->dst, dst, sizeof dst);
    if (cols >= WIDE_COLS)
        snprintf(line, sizeof line, "%-5s %-21s %-21s %-6.6s %6u %5lld %5.1f%% %6.1f %6.2f %s %s", s->id, src, dst,
                 s->codec[0] ? s->codec : "?", s->st.packets, (long long)vx_rtp_lost(&s->st), vx_rtp_loss_pct(&s->st),
                 s->st.max_delta_ms, s->st.max_jitter_ms, mos, s->direction_out ? "out" : "in");
    else   /* 80 columns: codec, lost count and max delta are in the detail below */
        snprintf(line, sizeof line, "%-4s %-21s %-21s %6u %5.1f%% %6.2f %s %s", s->id, src, dst, s->st.packets,
                 vx_rtp_loss_pct(&s->st), s->st.max_jitter_ms, mos, s->direction_out ? "out" : "in");
    attr_t at = sel ? tui_attr(t, TUI_A_SELECTED) : vx_rtp_loss_pct(&s->st) >= t->a->profile.loss_warn_pct ? tui_attr(t, TUI_A_WARN) : A_NORMAL;
    if (sel) tui_fill(y, 0, cols, at);
    tui_text(y, 0, cols, line, at);
}

/* One sparkline of the series: value(bucket) scaled to max, buckets merged to fit w. */
static void sparkline(const struct vx_series *se, int y, int x, int w, bool jitter)
{
    if (!se || !se->count || w <= 0) return;
    int per = (int)((se->count + (uint32_t)w - 1) / (uint32_t)w);
    double vals[VX_CAP_SERIES], max = 0;
    int n = 0;
    for (uint32_t b = 0; b < se->count; b += (uint32_t)per, n++) {
        double v = 0;
        for (uint32_t k = b; k < b + (uint32_t)per && k < se->count; k++) {
            const struct vx_series_bucket *bk = &se->b[k];
            double pkv = jitter ? bk->max_jitter_ms : bk->packets + bk->lost ? 100.0 * bk->lost / (bk->packets + bk->lost) : 0;
            if (pkv > v) v = pkv;
        }
        vals[n] = v;
        if (v > max) max = v;
    }
    for (int i = 0; i < n && i < w; i++) {
        int level = max > 0 ? (int)(vals[i] / max * 7.0 + 0.5) : 0;
        tui_text(y, x + i, 1, tui_spark(level), vals[i] > 0 && !jitter ? A_BOLD : A_NORMAL);
    }
}

static double series_max(const struct vx_series *se, bool jitter)
{
    double max = 0;
    for (uint32_t b = 0; se && b < se->count; b++) {
        const struct vx_series_bucket *bk = &se->b[b];
        double v = jitter ? bk->max_jitter_ms : bk->packets + bk->lost ? 100.0 * bk->lost / (bk->packets + bk->lost) : 0;
        if (v > max) max = v;
    }
    return max;
}

static void draw_detail(struct vx_tui *t, const struct vx_stream *s, int y, int cols)
{
    tui_hline(y, 0, cols, tui_attr(t, TUI_A_DIM));
    const struct vx_call *c = s->call >= 0 ? vx_call_at(t->a, (size_t)s->call) : NULL;
    tui_textf(y + 1, 0, cols, A_BOLD, "%s ssrc 0x%08x PT %u %s  call %s", s->id, s->ssrc, s->pt, s->codec, c ? c->call_id : "(none: no SDP matched)");
    tui_textf(y + 2, 0, cols, A_NORMAL, "packets %u expected %lld lost %lld (%.2f%%) dup %u ooo %u seq errors %u burst %u",
              s->st.packets, (long long)vx_rtp_expected(&s->st), (long long)vx_rtp_lost(&s->st), vx_rtp_loss_pct(&s->st),
              s->st.duplicates, s->st.out_of_order, s->st.seq_errors, s->st.max_burst);
    tui_textf(y + 3, 0, cols, A_NORMAL, "max delta %.1f ms, jitter mean %.2f / max %.2f ms, MOS %s%.2f, DSCP %u%s",
              s->st.max_delta_ms, s->st.mean_jitter_ms, s->st.max_jitter_ms, s->mos_estimate ? "~" : "", s->mos,
              s->dscp, s->rtcp.seen ? "" : ", no RTCP");
    const struct vx_series *se = s->series;
    int lw = 24;
    tui_textf(y + 4, 0, lw, A_NORMAL, "loss %%/%us (max %.0f%%)", se ? se->width_s : 1, series_max(se, false));
    sparkline(se, y + 4, lw, cols - lw, false);
    tui_textf(y + 5, 0, lw, A_NORMAL, "jitter/%us (max %.1fms)", se ? se->width_s : 1, series_max(se, true));
    sparkline(se, y + 5, lw, cols - lw, true);
    if (!se || !se->count) tui_text(y + 4, lw, cols - lw, "(no per-second series)", tui_attr(t, TUI_A_DIM));
}

static void streams_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct streams_state *st = vst;
    int n = (int)t->a->streams.count;
    attr_t ti = tui_attr(t, TUI_A_TITLE);
    tui_textf(top, 0, cols, A_NORMAL, "%d RTP streams, %llu RTP packets", n, (unsigned long long)t->a->c.rtp);
    tui_fill(top + 1, 0, cols, ti);
    tui_text(top + 1, 0, cols, cols >= WIDE_COLS ? "Id    Source                Destination           Codec  Pkts  Lost  Loss% MaxDlt Jitter  MOS Dir"
                                                  : "Id   Source                Destination             Pkts  Loss% Jitter  MOS Dir", ti);
    int body = rows - 2 - (n ? DETAIL_ROWS : 0);
    if (body < 1) body = 1;
    tui_list_fit(&st->list, n, body);
    for (int r = 0; r < body && st->list.top + r < n; r++) {
        const struct vx_stream *s = vx_stream_at(t->a, (size_t)(st->list.top + r));
        if (s) draw_row(t, s, top + 2 + r, cols, st->list.top + r == st->list.sel);
    }
    const struct vx_stream *sel = n ? vx_stream_at(t->a, (size_t)st->list.sel) : NULL;
    if (sel && rows - 2 >= DETAIL_ROWS + 1) draw_detail(t, sel, top + rows - DETAIL_ROWS, cols);
    if (!n) tui_text(top + 3, 2, cols - 4, "no RTP streams in this capture", tui_attr(t, TUI_A_DIM));
}

static void streams_enter(struct vx_tui *t, void *vst, const struct tui_target *tg)
{
    struct streams_state *st = vst;
    if (tg->stream >= 0) st->list.sel = tg->stream;
}

static bool streams_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct streams_state *st = vst;
    int n = (int)t->a->streams.count;
    if (key == '\n' || key == '\r' || key == KEY_ENTER) {
        const struct vx_stream *s = n ? vx_stream_at(t->a, (size_t)st->list.sel) : NULL;
        if (s && s->call >= 0) {
            struct tui_target tg = tui_no_target();
            tg.call = s->call;
            tui_open(t, TUI_LADDER, &tg);
        } else if (s) tui_set_status(t, "this stream belongs to no call");
        return true;
    }
    return tui_list_key(&st->list, key, n, rows - 2 - (n ? DETAIL_ROWS : 0));
}

const struct tui_screen tui_streams_screen = {
    .name = "Streams",
    .help = "Enter      the ladder of the stream's call\n"
            "sparklines loss % and max jitter per series bucket (1 s, widened on long captures)",
    .state_size = sizeof(struct streams_state),
    .enter = streams_enter,
    .draw = streams_draw,
    .handle_key = streams_key,
};
