/* tui_calls.c — the call list: one row per call and per registration (time, from, to, state,
 * duration, MOS per direction, loss, findings marker), sortable by column, text filter, state
 * and has-findings filters. Rows are rebuilt from the analysis on every draw; only the visible
 * ones are drawn. */
#include "analyzer/rtp_stats.h"
#include "ui/tui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum sort_col { COL_TIME, COL_FROM, COL_TO, COL_STATE, COL_DUR, COL_MOS_OUT, COL_MOS_IN, COL_LOSS, COL_FINDINGS, COL_COUNT };
static const char *const col_names[COL_COUNT] = { "time", "from", "to", "state", "duration", "MOS out", "MOS in", "loss", "findings" };

/* State filter: 0 all, 1..6 a call state + 1, 7 registrations only, 8 calls only. */
#define STATE_FILTERS 9

struct calls_state {
    struct tui_list list;
    enum sort_col sort;
    bool descending;
    bool findings_only;
    int state_filter;
    char filter[128];
};

struct row {
    bool reg;
    uint32_t idx;
    int64_t start, dur;
    const char *from, *from_display, *to, *to_display, *state, *call_id;
    double mos_out, mos_in, loss;  /* <0 unknown */
    int severity;                  /* worst finding: -1 none, else enum vx_severity */
    int call_state;                /* enum vx_call_state, -1 for registrations */
};

static void call_media(const struct vx_analysis *a, const struct vx_call *c, struct row *r)
{
    r->mos_out = r->mos_in = r->loss = -1;
    for (size_t i = 0; i < c->streams.count; i++) {
        const uint32_t *si = vx_vec_at(&c->streams, i);
        const struct vx_stream *s = vx_stream_at(a, *si);
        if (!s) continue;
        double *mos = s->direction_out ? &r->mos_out : &r->mos_in;
        if (s->mos >= 0 && (*mos < 0 || s->mos < *mos)) *mos = s->mos;
        double pct = vx_rtp_loss_pct(&s->st);
        if (pct < 0) pct = 0;
        if (pct > r->loss) r->loss = pct;
    }
}

static int *call_severities(const struct vx_analysis *a)
{
    int *sev = malloc((a->calls.count + 1) * sizeof *sev);
    if (!sev) return NULL;
    for (size_t i = 0; i <= a->calls.count; i++) sev[i] = -1;
    for (size_t i = 0; i < a->findings.count; i++) {
        const struct vx_finding *f = vx_finding_at(a, i);
        if (f && f->call >= 0 && (size_t)f->call < a->calls.count && (int)f->severity > sev[f->call])
            sev[f->call] = (int)f->severity;
    }
    return sev;
}

/* Worst severity of findings whose evidence is one of the registration's REGISTERs. */
static int reg_severity(const struct vx_analysis *a, const struct vx_registration *r)
{
    int worst = -1;
    for (size_t i = 0; i < a->findings.count; i++) {
        const struct vx_finding *f = vx_finding_at(a, i);
        for (uint32_t e = 0; f && e < f->evidence_count && (int)f->severity > worst; e++)
            for (size_t k = 0; k < r->attempts.count; k++) {
                const struct vx_reg_attempt *at = vx_vec_at(&r->attempts, k);
                if (at->ref.file == f->evidence[e].file && at->ref.frame == f->evidence[e].frame) {
                    worst = (int)f->severity;
                    break;
                }
            }
    }
    return worst;
}

static void fill_call(const struct vx_analysis *a, const struct vx_call *c, const int *sev, struct row *r)
{
    memset(r, 0, sizeof *r);
    r->idx = c->index;
    r->start = c->start_ns;
    int64_t end = c->end_ns ? c->end_ns : a->last_ns;
    r->dur = c->answer_ns && end > c->answer_ns ? end - c->answer_ns : 0;
    r->from = c->from; r->from_display = c->from_display;
    r->to = c->to; r->to_display = c->to_display;
    r->state = vx_call_state_name(c->state);
    r->call_state = (int)c->state;
    r->call_id = c->call_id;
    r->severity = sev ? sev[c->index < a->calls.count ? c->index : a->calls.count] : -1;
    call_media(a, c, r);
}

static void fill_reg(const struct vx_analysis *a, const struct vx_registration *g, struct row *r, char *server, size_t n)
{
    memset(r, 0, sizeof *r);
    r->reg = true;
    r->idx = g->index;
    r->start = g->first_ns;
    r->dur = g->last_ns > g->first_ns ? g->last_ns - g->first_ns : 0;
    r->from = g->aor;
    r->to = vx_endpoint_str(&g->server, server, n);
    r->state = g->failures ? "reg-failed" : g->expires >= 0 ? "registered"
             : g->unanswered ? "reg-noanswer" : "reg-pending";
    r->call_state = -1;
    r->call_id = g->call_id;
    r->mos_out = r->mos_in = r->loss = -1;
    r->severity = reg_severity(a, g);
}

static bool row_visible(const struct calls_state *st, const struct row *r)
{
    if (st->findings_only && r->severity < 0) return false;
    if (st->state_filter == 7 && !r->reg) return false;
    if (st->state_filter == 8 && r->reg) return false;
    if (st->state_filter >= 1 && st->state_filter <= 6 && r->call_state != st->state_filter - 1) return false;
    if (!st->filter[0]) return true;
    return tui_contains(r->from, st->filter) || tui_contains(r->to, st->filter) ||
           tui_contains(r->from_display, st->filter) || tui_contains(r->to_display, st->filter) ||
           tui_contains(r->state, st->filter) || tui_contains(r->call_id, st->filter);
}

static int cmp_num(double x, double y) { return x < y ? -1 : x > y; }
static int cmp_str(const char *x, const char *y) { return strcmp(x ? x : "", y ? y : ""); }

static int row_cmp(const void *pa, const void *pb, void *ctx)
{
    const struct row *x = pa, *y = pb;
    const struct calls_state *st = ctx;
    int c = 0;
    switch (st->sort) {
    case COL_TIME: c = cmp_num((double)x->start, (double)y->start); break;
    case COL_FROM: c = cmp_str(x->from, y->from); break;
    case COL_TO: c = cmp_str(x->to, y->to); break;
    case COL_STATE: c = cmp_str(x->state, y->state); break;
    case COL_DUR: c = cmp_num((double)x->dur, (double)y->dur); break;
    case COL_MOS_OUT: c = cmp_num(x->mos_out, y->mos_out); break;
    case COL_MOS_IN: c = cmp_num(x->mos_in, y->mos_in); break;
    case COL_LOSS: c = cmp_num(x->loss, y->loss); break;
    default: c = x->severity - y->severity; break;
    }
    if (!c) c = x->reg != y->reg ? (x->reg ? 1 : -1) : cmp_num(x->idx, y->idx);
    return st->descending ? -c : c;
}

/* The filtered, sorted rows (caller frees). Registration server text lives in servers. */
static struct row *build_rows(const struct vx_analysis *a, const struct calls_state *st, size_t *count, char (**servers)[VX_ADDR_STRLEN])
{
    size_t total = a->calls.count + a->registrations.count;
    struct row *rows = malloc((total + 1) * sizeof *rows);
    *servers = malloc((a->registrations.count + 1) * sizeof **servers);
    int *sev = call_severities(a);
    size_t n = 0;
    if (!rows || !*servers) { free(rows); free(*servers); free(sev); *servers = NULL; *count = 0; return NULL; }
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        if (c) { fill_call(a, c, sev, &rows[n]); if (row_visible(st, &rows[n])) n++; }
    }
    for (size_t i = 0; i < a->registrations.count; i++) {
        const struct vx_registration *g = vx_reg_at(a, i);
        if (g) { fill_reg(a, g, &rows[n], (*servers)[i], VX_ADDR_STRLEN); if (row_visible(st, &rows[n])) n++; }
    }
    free(sev);
    qsort_r(rows, n, sizeof *rows, row_cmp, (void *)st);
    *count = n;
    return rows;
}

static void calls_enter(struct vx_tui *t, void *vst, const struct tui_target *target)
{
    struct calls_state *st = vst;
    if (!st->filter[0] && !st->sort && !st->list.sel) st->sort = COL_TIME;
}

static const char *state_filter_name(int f)
{
    static const char *const names[STATE_FILTERS] = { "all", "in_progress", "answered", "rejected", "cancelled",
                                                      "unanswered", "failed", "registrations", "calls" };
    return names[f];
}

/* Column layout for a width; from/to share what the fixed columns leave. */
struct layout { int num, time, from, to, state, dur, mos, loss; };

static struct layout layout_for(int cols)
{
    struct layout L = { 5, 12, 0, 0, 12, 6, 4, 5 };
    int fixed = L.num + L.time + L.state + L.dur + 2 * L.mos + L.loss + 2 + 9;
    int flex = cols - fixed;
    if (flex < 10) flex = 10;
    L.from = flex / 2;
    L.to = flex - L.from;
    return L;
}

static void fmt_party(const char *display, const char *uri, char *buf, size_t n)
{
    size_t dl = display ? strlen(display) : 0;
    if (dl >= 2 && display[0] == '"' && display[dl - 1] == '"') snprintf(buf, n, "%.*s <%s>", (int)dl - 2, display + 1, uri ? uri : "");
    else if (dl) snprintf(buf, n, "%s <%s>", display, uri ? uri : "");
    else snprintf(buf, n, "%s", uri ? uri : "-");
}

static void draw_row(struct vx_tui *t, const struct row *r, size_t pos, int y, int cols, bool selected)
{
    struct layout L = layout_for(cols);
    attr_t at = selected ? tui_attr(t, TUI_A_SELECTED) : A_NORMAL;
    if (selected) tui_fill(y, 0, cols, at);
    char buf[600], tm[32], du[32];
    int x = 0;
    tui_textf(y, x, L.num, at, "%4zu", pos + 1); x += L.num + 1;
    tui_text(y, x, L.time, tui_clock(r->start, tm, sizeof tm), at); x += L.time + 1;
    fmt_party(r->from_display, r->from, buf, sizeof buf);
    tui_text(y, x, L.from - 1, buf, at); x += L.from;
    fmt_party(r->to_display, r->to, buf, sizeof buf);
    tui_text(y, x, L.to - 1, buf, at); x += L.to;
    attr_t sa = selected ? at : r->call_state == VX_CALL_ANSWERED || !strcmp(r->state, "registered") ? tui_attr(t, TUI_A_OK)
              : r->call_state == VX_CALL_IN_PROGRESS ? A_NORMAL : tui_attr(t, TUI_A_WARN);
    tui_text(y, x, L.state, r->state, sa); x += L.state;
    tui_textf(y, x, L.dur, at, "%6s", tui_duration(r->dur, du, sizeof du)); x += L.dur + 1;
    if (r->mos_out >= 0) tui_textf(y, x, L.mos, at, "%4.2f", r->mos_out); else tui_text(y, x, L.mos, "   -", at);
    x += L.mos + 1;
    if (r->mos_in >= 0) tui_textf(y, x, L.mos, at, "%4.2f", r->mos_in); else tui_text(y, x, L.mos, "   -", at);
    x += L.mos + 1;
    if (r->loss >= 0) tui_textf(y, x, L.loss, at, "%4.1f%%", r->loss); else tui_text(y, x, L.loss, "    -", at);
    x += L.loss + 1;
    if (r->severity >= 0)
        tui_text(y, x, 1, "!", selected ? at : tui_attr(t, r->severity == VX_SEV_CRITICAL ? TUI_A_CRIT : r->severity == VX_SEV_WARNING ? TUI_A_WARN : TUI_A_INFO));
}

static void draw_titles(struct vx_tui *t, const struct calls_state *st, int y, int cols, size_t shown)
{
    struct layout L = layout_for(cols);
    attr_t ti = tui_attr(t, TUI_A_TITLE);
    tui_textf(y, 0, cols, A_NORMAL, "%zu of %zu rows | sort: %s %s | state: %s%s%s%s", shown,
              t->a->calls.count + t->a->registrations.count, col_names[st->sort], st->descending ? "desc" : "asc",
              state_filter_name(st->state_filter), st->findings_only ? " | with findings" : "",
              st->filter[0] ? " | filter: " : "", st->filter);
    int x = 0;
    tui_fill(y + 1, 0, cols, ti);
    tui_text(y + 1, x, L.num, "    #", ti); x += L.num + 1;
    tui_text(y + 1, x, L.time, "Time", ti); x += L.time + 1;
    tui_text(y + 1, x, L.from, "From", ti); x += L.from;
    tui_text(y + 1, x, L.to, "To", ti); x += L.to;
    tui_text(y + 1, x, L.state, "State", ti); x += L.state;
    tui_text(y + 1, x, L.dur, "   Dur", ti); x += L.dur + 1;
    tui_text(y + 1, x, 2 * L.mos + 1, "MOSo MOSi", ti); x += 2 * L.mos + 2;
    tui_text(y + 1, x, L.loss + 2, "Loss !", ti);
}

static void calls_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct calls_state *st = vst;
    size_t n;
    char (*servers)[VX_ADDR_STRLEN];
    struct row *r = build_rows(t->a, st, &n, &servers);
    draw_titles(t, st, top, cols, n);
    int body = rows - 2;
    tui_list_fit(&st->list, (int)n, body);
    for (int i = 0; i < body && (size_t)(st->list.top + i) < n; i++)
        draw_row(t, &r[st->list.top + i], (size_t)(st->list.top + i), top + 2 + i, cols, st->list.top + i == st->list.sel);
    if (!n) tui_text(top + 3, 2, cols - 4, "no calls or registrations match", tui_attr(t, TUI_A_DIM));
    free(r);
    free(servers);
}

static void open_selected(struct vx_tui *t, struct calls_state *st)
{
    size_t n;
    char (*servers)[VX_ADDR_STRLEN];
    struct row *r = build_rows(t->a, st, &n, &servers);
    if (r && st->list.sel >= 0 && (size_t)st->list.sel < n) {
        struct tui_target tg = tui_no_target();
        if (r[st->list.sel].reg) tg.reg = (int32_t)r[st->list.sel].idx;
        else tg.call = (int32_t)r[st->list.sel].idx;
        tui_open(t, TUI_LADDER, &tg);
    }
    free(r);
    free(servers);
}

static bool calls_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct calls_state *st = vst;
    int count = (int)(t->a->calls.count + t->a->registrations.count);
    switch (key) {
    case '\n': case '\r': case KEY_ENTER: open_selected(t, st); return true;
    case '/': tui_prompt(t, "Filter calls: ", st->filter, sizeof st->filter); st->list.sel = 0; return true;
    case '<': st->sort = (enum sort_col)((st->sort + COL_COUNT - 1) % COL_COUNT); return true;
    case '>': st->sort = (enum sort_col)((st->sort + 1) % COL_COUNT); return true;
    case 'r': st->descending = !st->descending; return true;
    case '!': st->findings_only = !st->findings_only; st->list.sel = 0; return true;
    case 'x': st->state_filter = (st->state_filter + 1) % STATE_FILTERS; st->list.sel = 0; return true;
    case KEY_BACKSPACE: st->filter[0] = '\0'; st->findings_only = false; st->state_filter = 0; return true;
    default: return tui_list_key(&st->list, key, count, rows - 2);
    }
}

const struct tui_screen tui_calls_screen = {
    .name = "Calls",
    .help = "Enter      ladder of the selected call / registration\n"
            "< >        sort by the previous / next column\n"
            "r          reverse the sort order\n"
            "x          cycle the state filter (answered, rejected, ..., registrations)\n"
            "!          only rows with findings (marked ! in the last column)\n"
            "/          text filter on from, to, Call-ID, state\n"
            "Backspace  clear all filters",
    .state_size = sizeof(struct calls_state),
    .enter = calls_enter,
    .draw = calls_draw,
    .handle_key = calls_key,
};
