/* report_html_svg.c — the inline SVG drawings of the HTML report: a SIP ladder per call
 * (endpoints as columns, arrows with method / status and time, capped), a jitter and loss
 * chart per RTP stream from its bounded series, and a stacked chart of other traffic by
 * application. Pure drawing over the analysis; packet text is escaped by html.c. */
#include "analyzer/traffic.h"
#include "ui/html.h"
#include "ui/report_html.h"
#include <math.h>
#include <string.h>

/* ---- ladder ---- */

#define LADDER_LEFT 96
#define LADDER_COL_W 210
#define LADDER_TOP 62
#define LADDER_ROW_H 26

struct ladder_cols {
    int count;
    vx_endpoint ep[VX_LADDER_MAX_COLUMNS];
};

/* Column of an endpoint, added when there is room; -1 when the ladder is full. */
static int column_of(struct ladder_cols *cols, const vx_endpoint *e)
{
    for (int i = 0; i < cols->count; i++)
        if (vx_endpoint_equal(&cols->ep[i], e)) return i;
    if (cols->count >= VX_LADDER_MAX_COLUMNS) return -1;
    cols->ep[cols->count] = *e;
    return cols->count++;
}

static const struct vx_sip_msg *call_msg(const struct vx_analysis *a, const struct vx_call *c, size_t i)
{
    const uint32_t *id = vx_vec_at(&c->msgs, i);
    return id ? vx_msg(a, *id) : NULL;
}

/* The reason phrase of a response's status line ("OK" of "SIP/2.0 200 OK"), at most max bytes. */
static size_t reason_phrase(const struct vx_sip_msg *m, const char **start, size_t max)
{
    *start = "";
    if (!m->raw) return 0;
    const char *sp = strchr(m->raw, ' ');
    if (!sp || !(sp = strchr(sp + 1, ' '))) return 0;
    *start = sp + 1;
    size_t n = strcspn(*start, "\r\n");
    return n < max ? n : max;
}

static void ladder_header(const struct vx_html *h, const struct ladder_cols *cols, int height)
{
    FILE *out = h->out;
    for (int i = 0; i < cols->count; i++) {
        int x = LADDER_LEFT + LADDER_COL_W / 2 + i * LADDER_COL_W;
        char ep[VX_ADDR_STRLEN];
        bool server = vx_profile_server_index(&h->a->profile, &cols->ep[i].addr) >= 0;
        fprintf(out, "<rect x=\"%d\" y=\"8\" width=\"%d\" height=\"34\" rx=\"4\" class=\"%s\"/>",
                x - LADDER_COL_W / 2 + 8, LADDER_COL_W - 16, server ? "lh-srv" : "lh-ep");
        fprintf(out, "<text x=\"%d\" y=\"22\" class=\"lt-h\">%s</text>", x, server ? "VoiceX" : "");
        fprintf(out, "<text x=\"%d\" y=\"36\" class=\"lt-ep\">", x);
        vx_html_text(out, vx_endpoint_str(&cols->ep[i], ep, sizeof ep));
        fprintf(out, "</text><line x1=\"%d\" y1=\"42\" x2=\"%d\" y2=\"%d\" class=\"life\"/>", x, x, height - 8);
    }
}

static void ladder_arrow(const struct vx_html *h, const struct vx_sip_msg *m, int from, int to, int row, int64_t t0)
{
    FILE *out = h->out;
    int x1 = LADDER_LEFT + LADDER_COL_W / 2 + from * LADDER_COL_W;
    int x2 = LADDER_LEFT + LADDER_COL_W / 2 + to * LADDER_COL_W;
    int y = LADDER_TOP + row * LADDER_ROW_H;
    const char *cls = m->is_request ? "ar-req" : m->status < 200 ? "ar-prov" : m->status < 300 ? "ar-ok" : "ar-err";
    int dir = x2 >= x1 ? 1 : -1;
    if (x1 == x2) x2 = x1 + 40;
    fprintf(out, "<text x=\"6\" y=\"%d\" class=\"lt-t\">+%.3f s</text>", y + 4, (double)(m->ts_ns - t0) / 1e9);
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"%s%s\"/>", x1, y, x2 - 7 * dir, y, cls,
            m->retransmission ? " retx" : "");
    fprintf(out, "<polygon points=\"%d,%d %d,%d %d,%d\" class=\"%s-h\"/>", x2, y, x2 - 9 * dir, y - 4, x2 - 9 * dir, y + 4, cls);
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"lt-m\">", (x1 + x2) / 2, y - 5);
    if (m->is_request) vx_html_text(out, m->method);
    else {
        const char *reason;
        size_t n = reason_phrase(m, &reason, 32);
        fprintf(out, "%d ", m->status);
        vx_html_textn(out, reason, n);
    }
    fprintf(out, "%s%s</text>", m->has_sdp ? " (SDP)" : "", m->retransmission ? " \xE2\x86\xBB" : "");
}

void vx_html_ladder(const struct vx_html *h, const struct vx_call *c)
{
    const struct vx_analysis *a = h->a;
    struct ladder_cols cols = { 0 };
    int rows = 0;
    unsigned skipped = 0;
    for (size_t i = 0; i < c->msgs.count; i++) {   /* first pass: columns and rows */
        const struct vx_sip_msg *m = call_msg(a, c, i);
        if (!m) continue;
        if (rows >= VX_LADDER_MAX_ARROWS || column_of(&cols, &m->src) < 0 || column_of(&cols, &m->dst) < 0) { skipped++; continue; }
        rows++;
    }
    if (!rows) return;
    int width = LADDER_LEFT + cols.count * LADDER_COL_W + 10, height = LADDER_TOP + rows * LADDER_ROW_H;
    fprintf(h->out, "<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
            "width=\"%d\" role=\"img\">", width, height, width);
    ladder_header(h, &cols, height);
    int row = 0;
    int64_t t0 = 0;
    for (size_t i = 0; i < c->msgs.count && row < rows; i++) {
        const struct vx_sip_msg *m = call_msg(a, c, i);
        if (!m) continue;
        int from = column_of(&cols, &m->src), to = column_of(&cols, &m->dst);
        if (from < 0 || to < 0) continue;
        if (!row) t0 = m->ts_ns;
        ladder_arrow(h, m, from, to, row++, t0);
    }
    fprintf(h->out, "</svg>\n<p class=\"note\">%s", vx_html_tr(h, VX_MSG_LADDER_RETRANS));
    if (skipped) { fputs(" · ", h->out); fprintf(h->out, vx_html_tr(h, VX_MSG_LADDER_MORE), skipped); }
    fputs("</p>\n", h->out);
}

/* ---- charts ---- */

#define CH_W 720
#define CH_H 210
#define CH_X0 52
#define CH_X1 668
#define CH_Y0 28
#define CH_Y1 170

/* A round upper bound for an axis: 1, 2, 5 x 10^n at or above v. */
static double nice_max(double v)
{
    if (!(v > 0)) return 1;
    double p = pow(10, floor(log10(v)));
    return v <= p ? p : v <= 2 * p ? 2 * p : v <= 5 * p ? 5 * p : 10 * p;
}

static void chart_axes(FILE *out, double left_max, const char *left_unit, double right_max,
                       const char *right_unit, double span_s)
{
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"plot\"/>", CH_X0, CH_Y0, CH_X1 - CH_X0, CH_Y1 - CH_Y0);
    for (int k = 0; k <= 4; k++) {
        double y = CH_Y1 - (CH_Y1 - CH_Y0) * k / 4.0;
        fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>", CH_X0, y, CH_X1, y);
        fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"ax-l\">%g%s</text>", CH_X0 - 4, y + 4, left_max * k / 4, left_unit);
        if (right_unit)
            fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"ax-r\">%g%s</text>", CH_X1 + 4, y + 4, right_max * k / 4, right_unit);
    }
    for (int k = 0; k <= 4; k++)
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" class=\"ax-b\">%.*f</text>", CH_X0 + (CH_X1 - CH_X0) * k / 4.0, CH_Y1 + 15,
                span_s < 10 ? 1 : 0, span_s * k / 4);
}

static void chart_legend(FILE *out, int slot, const char *cls, const char *label)
{
    int x = CH_X0 + slot * 230;
    fprintf(out, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"10\" class=\"%s\"/><text x=\"%d\" y=\"17\" class=\"lg\">", x, cls, x + 16);
    vx_html_text(out, label);
    fputs("</text>", out);
}

static void stream_chart_body(FILE *out, const struct vx_series *se, double jmax, double lmax)
{
    double bw = (double)(CH_X1 - CH_X0) / se->count;
    for (uint32_t i = 0; i < se->count; i++) {   /* loss bars, right axis */
        const struct vx_series_bucket *b = &se->b[i];
        double pct = b->packets + b->lost ? 100.0 * b->lost / (b->packets + b->lost) : 0;
        if (pct <= 0) continue;
        double hgt = (CH_Y1 - CH_Y0) * fmin(pct, lmax) / lmax;
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"bar-loss\"/>",
                CH_X0 + i * bw + bw * 0.15, CH_Y1 - hgt, fmax(bw * 0.7, 1), hgt);
    }
    fputs("<polyline class=\"ln-jit\" points=\"", out);
    for (uint32_t i = 0; i < se->count; i++)
        fprintf(out, "%.1f,%.1f ", CH_X0 + (i + 0.5) * bw, CH_Y1 - (CH_Y1 - CH_Y0) * se->b[i].max_jitter_ms / jmax);
    fputs("\"/>", out);
    for (uint32_t i = 0; se->count <= 60 && i < se->count; i++)   /* dots: a short series stays visible */
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" class=\"lg-jit\"/>", CH_X0 + (i + 0.5) * bw,
                CH_Y1 - (CH_Y1 - CH_Y0) * se->b[i].max_jitter_ms / jmax);
}

void vx_html_stream_chart(const struct vx_html *h, const struct vx_stream *s)
{
    FILE *out = h->out;
    const struct vx_series *se = s->series;
    if (!se || !se->count) { fprintf(out, "<p class=\"note\">%s</p>\n", vx_html_tr(h, VX_MSG_CHART_NO_SERIES)); return; }
    double jmax = 0, lmax = 0;
    for (uint32_t i = 0; i < se->count; i++) {
        const struct vx_series_bucket *b = &se->b[i];
        jmax = fmax(jmax, b->max_jitter_ms);
        if (b->packets + b->lost) lmax = fmax(lmax, 100.0 * b->lost / (b->packets + b->lost));
    }
    jmax = nice_max(fmax(jmax, 1));
    lmax = nice_max(fmax(lmax, 5));
    fprintf(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\">", CH_W, CH_H);
    chart_axes(out, jmax, "", lmax, "%", (double)se->count * se->width_s);
    stream_chart_body(out, se, jmax, lmax);
    chart_legend(out, 0, "lg-jit", vx_html_tr(h, VX_MSG_CHART_JITTER));
    chart_legend(out, 1, "bar-loss", vx_html_tr(h, VX_MSG_CHART_LOSS));
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"ax-t\">", (CH_X0 + CH_X1) / 2, CH_H - 6);
    vx_html_text(out, vx_html_tr(h, VX_MSG_CHART_SECONDS));
    fputs("</text></svg>\n", out);
}

/* Bytes of bucket b: per top application (slot < VX_TRAFFIC_CHART_APPS) and the rest. */
static void traffic_bucket(const struct vx_traffic *t, size_t b, uint64_t *slots, size_t apps)
{
    memset(slots, 0, sizeof(uint64_t) * (VX_TRAFFIC_CHART_APPS + 1));
    for (size_t i = 0; i < apps; i++) {
        size_t slot = i < VX_TRAFFIC_CHART_APPS ? i : VX_TRAFFIC_CHART_APPS;
        slots[slot] += vx_traffic_app_bucket(t, i, b);
    }
}

static void traffic_bars(FILE *out, const struct vx_traffic *t, size_t buckets, size_t apps, double ymax)
{
    double bw = (double)(CH_X1 - CH_X0) / buckets;
    uint64_t slots[VX_TRAFFIC_CHART_APPS + 1];
    for (size_t b = 0; b < buckets; b++) {
        traffic_bucket(t, b, slots, apps);
        double y = CH_Y1;
        for (int k = 0; k <= VX_TRAFFIC_CHART_APPS; k++) {
            if (!slots[k]) continue;
            double hgt = (CH_Y1 - CH_Y0) * (double)slots[k] / ymax;
            y -= hgt;
            fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" class=\"c%d\"/>",
                    CH_X0 + b * bw + bw * 0.1, y, fmax(bw * 0.8, 0.8), hgt, k);
        }
    }
}

void vx_html_traffic_chart(const struct vx_html *h)
{
    const struct vx_traffic *t = h->a->traffic;
    size_t apps = t ? vx_traffic_app_count(t) : 0, buckets = t ? vx_traffic_bucket_count(t) : 0;
    if (!apps || !buckets) return;
    double ymax = 0;
    uint64_t slots[VX_TRAFFIC_CHART_APPS + 1];
    for (size_t b = 0; b < buckets; b++) {
        traffic_bucket(t, b, slots, apps);
        uint64_t sum = 0;
        for (int k = 0; k <= VX_TRAFFIC_CHART_APPS; k++) sum += slots[k];
        ymax = fmax(ymax, (double)sum);
    }
    ymax = nice_max(fmax(ymax / 1000.0, 1)) * 1000.0;   /* axis in kB */
    FILE *out = h->out;
    fprintf(out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\">", CH_W, CH_H + 40);
    chart_axes(out, ymax / 1000.0, "k", 0, NULL, (double)buckets * vx_traffic_bucket_width_s(t));
    traffic_bars(out, t, buckets, apps, ymax);
    size_t legend = apps > VX_TRAFFIC_CHART_APPS ? VX_TRAFFIC_CHART_APPS + 1 : apps;
    for (size_t k = 0; k < legend; k++) {
        int x = CH_X0 + (int)(k % 4) * 160, y = CH_H + 8 + (int)(k / 4) * 16;
        fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" class=\"c%zu\"/><text x=\"%d\" y=\"%d\" class=\"lg\">", x, y, k, x + 16, y + 9);
        vx_html_text(out, k < VX_TRAFFIC_CHART_APPS ? vx_traffic_app(t, k)->name : vx_html_tr(h, VX_MSG_TRAFFIC_OTHER));
        fputs("</text>", out);
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"ax-t\">", (CH_X0 + CH_X1) / 2, CH_H - 6);
    vx_html_text(out, vx_html_tr(h, VX_MSG_TRAFFIC_CHART));
    fputs("</text></svg>\n", out);
}
