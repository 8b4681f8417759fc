/* tui_findings.c — the findings list (worst severity first, text filter) and the finding
 * detail screen (what was seen, advice, evidence frames); `e` jumps from either to the
 * evidence: the cited SIP message in its call's ladder. */
#include "ui/tui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct findings_state {
    struct tui_list list;
    char filter[128];
};

struct finding_state {
    int32_t finding;
    int top;
};

static bool finding_visible(const struct vx_finding *f, const char *filter)
{
    return tui_contains(f->id, filter) || tui_contains(f->kind, filter) || tui_contains(f->rule, filter) ||
           tui_contains(f->summary, filter) || tui_contains(vx_severity_name(f->severity), filter);
}

static int sev_cmp(const void *pa, const void *pb, void *ctx)
{
    const struct vx_analysis *a = ctx;
    uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
    int sx = (int)vx_finding_at(a, x)->severity, sy = (int)vx_finding_at(a, y)->severity;
    if (sx != sy) return sy - sx;
    return x < y ? -1 : x > y;
}

/* Indexes of the visible findings, worst first (caller frees). */
static uint32_t *sorted_findings(const struct vx_analysis *a, const char *filter, size_t *count)
{
    uint32_t *idx = malloc((a->findings.count + 1) * sizeof *idx);
    size_t n = 0;
    for (size_t i = 0; idx && i < a->findings.count; i++) {
        const struct vx_finding *f = vx_finding_at(a, i);
        if (f && finding_visible(f, filter)) idx[n++] = (uint32_t)i;
    }
    if (idx) qsort_r(idx, n, sizeof *idx, sev_cmp, (void *)a);
    *count = n;
    return idx;
}

static attr_t sev_attr(const struct vx_tui *t, enum vx_severity s)
{
    return tui_attr(t, s == VX_SEV_CRITICAL ? TUI_A_CRIT : s == VX_SEV_WARNING ? TUI_A_WARN : TUI_A_INFO);
}

/* Opens the ladder on the message the finding's first resolvable evidence frame is. */
static void jump_to_evidence(struct vx_tui *t, const struct vx_finding *f)
{
    const struct vx_analysis *a = t->a;
    for (uint32_t e = 0; e < f->evidence_count; e++)
        for (size_t i = 0; i < a->messages.count; i++) {
            const struct vx_sip_msg *m = vx_msg(a, i);
            if (!m || m->ref.file != f->evidence[e].file || m->ref.frame != f->evidence[e].frame) continue;
            if (m->call < 0 && m->registration < 0) continue;
            struct tui_target tg = tui_no_target();
            tg.msg = (int32_t)i;
            tg.call = m->call;
            tg.reg = m->call < 0 ? m->registration : -1;
            tui_open(t, TUI_LADDER, &tg);
            return;
        }
    if (f->call >= 0) {
        struct tui_target tg = tui_no_target();
        tg.call = f->call;
        tui_open(t, TUI_LADDER, &tg);
        return;
    }
    tui_set_status(t, "no SIP message of this finding's evidence is in a call or registration");
}

static void findings_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct findings_state *st = vst;
    size_t n;
    uint32_t *idx = sorted_findings(t->a, st->filter, &n);
    tui_textf(top, 0, cols, A_NORMAL, "%zu of %zu findings%s%s", n, t->a->findings.count, st->filter[0] ? " | filter: " : "", st->filter);
    attr_t ti = tui_attr(t, TUI_A_TITLE);
    tui_fill(top + 1, 0, cols, ti);
    tui_text(top + 1, 0, cols, "Severity Id                          Rule          Summary", ti);
    int body = rows - 2;
    tui_list_fit(&st->list, (int)n, body);
    for (int r = 0; idx && r < body && (size_t)(st->list.top + r) < n; r++) {
        const struct vx_finding *f = vx_finding_at(t->a, idx[st->list.top + r]);
        int y = top + 2 + r;
        bool sel = st->list.top + r == st->list.sel;
        attr_t at = sel ? tui_attr(t, TUI_A_SELECTED) : A_NORMAL;
        if (sel) tui_fill(y, 0, cols, at);
        tui_text(y, 0, 8, vx_severity_name(f->severity), sel ? at : sev_attr(t, f->severity));
        tui_text(y, 9, 27, f->id, at);
        tui_text(y, 37, 13, f->rule ? f->rule : "-", at);
        tui_text(y, 51, cols - 51, f->summary ? f->summary : "", at);
    }
    if (!n) tui_text(top + 3, 2, cols - 4, t->a->findings.count ? "no findings match the filter" : "no findings: nothing broke a rule in this capture", tui_attr(t, TUI_A_DIM));
    free(idx);
}

static void findings_enter(struct vx_tui *t, void *vst, const struct tui_target *tg)
{
    struct findings_state *st = vst;
    if (tg->filter) {
        snprintf(st->filter, sizeof st->filter, "%s", tg->filter);
        st->list = (struct tui_list){ 0, 0 };
    }
}

static int32_t selected_finding(struct vx_tui *t, struct findings_state *st)
{
    size_t n;
    uint32_t *idx = sorted_findings(t->a, st->filter, &n);
    int32_t r = idx && st->list.sel >= 0 && (size_t)st->list.sel < n ? (int32_t)idx[st->list.sel] : -1;
    free(idx);
    return r;
}

static bool findings_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct findings_state *st = vst;
    int32_t f;
    switch (key) {
    case '\n': case '\r': case KEY_ENTER:
        if ((f = selected_finding(t, st)) >= 0) {
            struct tui_target tg = tui_no_target();
            tg.finding = f;
            tui_open(t, TUI_FINDING, &tg);
        }
        return true;
    case 'e':
        if ((f = selected_finding(t, st)) >= 0) jump_to_evidence(t, vx_finding_at(t->a, (size_t)f));
        return true;
    case '/': tui_prompt(t, "Filter findings: ", st->filter, sizeof st->filter); st->list.sel = 0; return true;
    case KEY_BACKSPACE: st->filter[0] = '\0'; return true;
    default: return tui_list_key(&st->list, key, (int)t->a->findings.count, rows - 2);
    }
}

/* ---- detail ---- */

/* Word-wraps text into rows of width w from row y; returns the next row. Rows before
 * skip are consumed without drawing (scrolling). */
static int wrap(const char *text, int y, int x, int w, int ymax, int *skip, attr_t attr)
{
    char line[1024];
    const char *p = text ? text : "";
    while (*p) {
        size_t len = 0, best = 0;
        while (p[len] && p[len] != '\n' && len < sizeof line - 1) {
            len++;
            memcpy(line, p, len);
            line[len] = '\0';
            if (tui_text_width(line) > w) { len--; break; }
            if (p[len] == ' ' || p[len] == '\0' || p[len] == '\n') best = len;
        }
        if (!best || p[len] == '\0' || p[len] == '\n') best = len;
        if (!best) best = 1;
        memcpy(line, p, best);
        line[best] = '\0';
        if (*skip > 0) (*skip)--;
        else if (y < ymax) tui_text(y++, x, w, line, attr);
        p += best;
        while (*p == ' ' || *p == '\n') p++;
    }
    return y;
}

static size_t evidence_text(const struct vx_analysis *a, const struct vx_ref *r, char *buf, size_t n)
{
    unsigned long long frame = (unsigned long long)r->frame;
    if (r->file & VX_REF_WAN) return (size_t)snprintf(buf, n, " wan%u:#%llu", (r->file & ~VX_REF_WAN) + 1u, frame);
    if (a->input_count > 1) return (size_t)snprintf(buf, n, " %u:#%llu", r->file + 1u, frame);
    return (size_t)snprintf(buf, n, " #%llu", frame);
}

static void finding_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct finding_state *st = vst;
    const struct vx_finding *f = st->finding >= 0 ? vx_finding_at(t->a, (size_t)st->finding) : NULL;
    if (!f) { tui_text(top + 1, 2, cols - 4, "no finding selected", tui_attr(t, TUI_A_DIM)); return; }
    int ymax = top + rows, y = top, skip = st->top;
    char buf[1200];
    snprintf(buf, sizeof buf, "[%s] %s  kind %s  rule %s  confidence %s", vx_severity_name(f->severity), f->id,
             f->kind ? f->kind : "-", f->rule ? f->rule : "-", f->confidence ? f->confidence : "-");
    y = wrap(buf, y, 0, cols, ymax, &skip, sev_attr(t, f->severity));
    y = wrap(f->summary, y, 0, cols, ymax, &skip, A_BOLD);
    y = wrap("Seen:", y, 0, cols, ymax, &skip, tui_attr(t, TUI_A_TITLE));
    y = wrap(f->detail, y, 2, cols - 2, ymax, &skip, A_NORMAL);
    y = wrap("Advice:", y, 0, cols, ymax, &skip, tui_attr(t, TUI_A_TITLE));
    y = wrap(f->advice, y, 2, cols - 2, ymax, &skip, A_NORMAL);
    size_t o = (size_t)snprintf(buf, sizeof buf, "Evidence:");
    for (uint32_t e = 0; e < f->evidence_count && o < sizeof buf - 32; e++)
        o += evidence_text(t->a, &f->evidence[e], buf + o, sizeof buf - o);
    if (!f->evidence_count) snprintf(buf + o, sizeof buf - o, " (capture-wide)");
    y = wrap(buf, y, 0, cols, ymax, &skip, A_NORMAL);
    const struct vx_call *c = f->call >= 0 ? vx_call_at(t->a, (size_t)f->call) : NULL;
    if (c) { snprintf(buf, sizeof buf, "Call %s", c->call_id); y = wrap(buf, y, 0, cols, ymax, &skip, A_NORMAL); }
    wrap("e: show the evidence in the call's ladder", y + 1, 0, cols, ymax, &skip, tui_attr(t, TUI_A_DIM));
}

static void finding_enter(struct vx_tui *t, void *vst, const struct tui_target *tg)
{
    struct finding_state *st = vst;
    st->finding = tg->finding;
    st->top = 0;
}

static bool finding_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct finding_state *st = vst;
    const struct vx_finding *f = st->finding >= 0 ? vx_finding_at(t->a, (size_t)st->finding) : NULL;
    switch (key) {
    case 'e': case '\n': case '\r': case KEY_ENTER: if (f) jump_to_evidence(t, f); return true;
    case KEY_UP: case 'k': if (st->top > 0) st->top--; return true;
    case KEY_DOWN: case 'j': if (st->top < 200) st->top++; return true;
    case KEY_HOME: st->top = 0; return true;
    default: return false;
    }
}

const struct tui_screen tui_findings_screen = {
    .name = "Findings",
    .help = "Enter      details and advice of the selected finding\n"
            "e          jump to the evidence: the cited SIP message in its ladder\n"
            "/          text filter on id, kind, rule, summary, severity\n"
            "Backspace  clear the filter",
    .state_size = sizeof(struct findings_state),
    .enter = findings_enter,
    .draw = findings_draw,
    .handle_key = findings_key,
};

const struct tui_screen tui_finding_screen = {
    .name = "Finding",
    .help = "e, Enter   jump to the evidence: the cited SIP message in its ladder\n"
            "up/down    scroll",
    .state_size = sizeof(struct finding_state),
    .enter = finding_enter,
    .draw = finding_draw,
    .handle_key = finding_key,
};
