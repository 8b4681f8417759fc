/* tui_message.c — one SIP message's raw text, every control character shown escaped. With a
 * WAN capture (--wan) the WAN copy of the same message (Call-ID + CSeq + method/status +
 * direction) is shown beside it and lines that differ are marked `!` and highlighted (what a
 * SIP-ALG rewrote). Without one, lines carrying a private address in a packet sent from a
 * public address are marked the same way, and findings citing the frame are listed. */
#include "ui/tui.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_MAX_LINES 2000
#define MSG_LINE_BYTES 2048

struct message_state {
    int32_t msg, call;
    int top, hoff;
    bool hide_wan;
};

struct lines {
    const char *start[MSG_MAX_LINES];
    int len[MSG_MAX_LINES];
    bool changed[MSG_MAX_LINES];
    int count;
};

static void split_lines(const struct vx_sip_msg *m, struct lines *L)
{
    L->count = 0;
    const char *p = m && m->raw ? m->raw : "";
    const char *end = p + (m && m->raw ? m->raw_len : 0);
    while (p < end && L->count < MSG_MAX_LINES) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        int n = (int)(e - p);
        if (n > 0 && p[n - 1] == '\r') n--;
        L->start[L->count] = p;
        L->len[L->count] = n;
        L->changed[L->count++] = false;
        p = nl ? nl + 1 : end;
    }
}

static bool same_message(const struct vx_sip_msg *x, const struct vx_sip_msg *y)
{
    return x->is_request == y->is_request && x->cseq == y->cseq && x->from_customer == y->from_customer &&
           !strcmp(x->cseq_method, y->cseq_method) && x->call_id && y->call_id && !strcmp(x->call_id, y->call_id) &&
           (x->is_request ? !strcmp(x->method, y->method) : x->status == y->status);
}

/* The WAN copy of m: the k-th WAN message matching, where m is the k-th LAN one (retransmissions). */
static const struct vx_sip_msg *wan_copy_of(const struct vx_analysis *a, const struct vx_sip_msg *m)
{
    if (!a->wan) return NULL;
    int k = 0;
    for (size_t i = 0; i < a->messages.count && i < m->id; i++) {
        const struct vx_sip_msg *o = vx_msg(a, i);
        if (o && same_message(o, m)) k++;
    }
    for (size_t i = 0; i < a->wan->messages.count; i++) {
        const struct vx_sip_msg *o = vx_msg(a->wan, i);
        if (o && same_message(o, m) && k-- == 0) return o;
    }
    return NULL;
}

static bool line_equal(const struct lines *x, int i, const struct lines *y, int j)
{
    return x->len[i] == y->len[j] && memcmp(x->start[i], y->start[j], (size_t)x->len[i]) == 0;
}

static void mark_differences(struct lines *x, const struct lines *y)
{
    for (int i = 0; i < x->count; i++) {
        bool found = false;
        for (int j = 0; j < y->count && !found; j++) found = line_equal(x, i, y, j);
        x->changed[i] = !found;
    }
}

/* A line with a private IPv4 literal in it. */
static bool has_private_addr(const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || (i > 0 && ((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.'))) continue;
        char buf[16];
        int k = 0;
        while (i + k < n && k < 15 && ((s[i + k] >= '0' && s[i + k] <= '9') || s[i + k] == '.')) { buf[k] = s[i + k]; k++; }
        buf[k] = '\0';
        vx_addr addr;
        if (vx_addr_parse(buf, &addr) && addr.family == 4 && vx_addr_is_private(&addr)) return true;
    }
    return false;
}

static void mark_private(const struct vx_sip_msg *m, struct lines *L)
{
    if (vx_addr_is_private(&m->src.addr)) return;
    for (int i = 0; i < L->count; i++) L->changed[i] = has_private_addr(L->start[i], L->len[i]);
}

/* Copies line i without its first hoff characters (UTF-8 aware) into buf. */
static void line_text(const struct lines *L, int i, int hoff, char *buf, size_t size)
{
    const char *p = L->start[i], *end = p + L->len[i];
    for (int k = 0; k < hoff && p < end; k++) {
        p++;
        while (p < end && ((unsigned char)*p & 0xC0) == 0x80) p++;
    }
    size_t n = (size_t)(end - p) < size - 1 ? (size_t)(end - p) : size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

static void draw_pane(struct vx_tui *t, const struct lines *L, const struct message_state *st, int y0, int rows, int x, int w)
{
    char buf[MSG_LINE_BYTES];
    attr_t ch = tui_attr(t, TUI_A_CHANGED);
    for (int r = 0; r < rows && st->top + r < L->count; r++) {
        int i = st->top + r;
        line_text(L, i, st->hoff, buf, sizeof buf);
        if (L->changed[i]) {
            tui_fill(y0 + r, x, w, ch);
            tui_text(y0 + r, x, 1, "!", ch);
        }
        tui_text(y0 + r, x + 2, w - 2, buf, L->changed[i] ? ch : A_NORMAL);
    }
}

static bool draw_findings_line(struct vx_tui *t, const struct vx_sip_msg *m, int y, int cols)
{
    for (size_t i = 0; i < t->a->findings.count; i++) {
        const struct vx_finding *f = vx_finding_at(t->a, i);
        for (uint32_t e = 0; f && e < f->evidence_count; e++)
            if (f->evidence[e].file == m->ref.file && f->evidence[e].frame == m->ref.frame) {
                char buf[600];
                snprintf(buf, sizeof buf, "finding %s: %s", f->id, f->summary ? f->summary : "");
                tui_text(y, 0, cols, buf, tui_attr(t, f->severity == VX_SEV_CRITICAL ? TUI_A_CRIT : TUI_A_WARN));
                return true;
            }
    }
    return false;
}

static void message_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct message_state *st = vst;
    const struct vx_sip_msg *m = st->msg >= 0 ? vx_msg(t->a, (size_t)st->msg) : NULL;
    if (!m) { tui_text(top + 1, 2, cols - 4, "no message selected", tui_attr(t, TUI_A_DIM)); return; }
    static_assert(sizeof(struct lines) < 64 * 1024, "lines fit on the stack");
    struct lines lan, wan;
    split_lines(m, &lan);
    const struct vx_sip_msg *w = st->hide_wan ? NULL : wan_copy_of(t->a, m);
    split_lines(w, &wan);
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN], tm[32];
    tui_textf(top, 0, cols, tui_attr(t, TUI_A_TITLE), "frame #%llu %s %s -> %s %u bytes%s", (unsigned long long)m->ref.frame,
              tui_clock(m->ts_ns, tm, sizeof tm), vx_endpoint_str(&m->src, src, sizeof src),
              vx_endpoint_str(&m->dst, dst, sizeof dst), m->raw_len, m->cut_by_snaplen ? " (cut by snaplen)" : "");
    if (w) {
        mark_differences(&lan, &wan);
        mark_differences(&wan, &lan);
        int lw = (cols - 1) / 2;
        tui_textf(top + 1, 0, lw, A_BOLD, "LAN copy (frame #%llu)", (unsigned long long)m->ref.frame);
        tui_textf(top + 1, lw + 1, cols - lw - 1, A_BOLD, "WAN copy (frame #%llu)  ! = differs", (unsigned long long)w->ref.frame);
        int body = rows - 3;
        int n = lan.count > wan.count ? lan.count : wan.count;
        if (st->top > n - body) st->top = n - body;
        if (st->top < 0) st->top = 0;
        draw_pane(t, &lan, st, top + 2, body, 0, lw);
        for (int r = 0; r < rows - 2; r++) mvaddch(top + 2 + r, lw, ACS_VLINE | A_DIM);
        draw_pane(t, &wan, st, top + 2, body, lw + 1, cols - lw - 1);
    } else {
        mark_private(m, &lan);
        if (!draw_findings_line(t, m, top + 1, cols))
            tui_text(top + 1, 0, cols, t->a->wan ? "no WAN copy of this message found"
                     : "(no --wan capture: ! marks private addresses in a packet from a public address)", tui_attr(t, TUI_A_DIM));
        int body = rows - 2;
        if (st->top > lan.count - body) st->top = lan.count - body;
        if (st->top < 0) st->top = 0;
        draw_pane(t, &lan, st, top + 2, body, 0, cols);
    }
}

static void message_enter(struct vx_tui *t, void *vst, const struct tui_target *tg)
{
    struct message_state *st = vst;
    st->msg = tg->msg;
    st->call = tg->call;
    st->top = st->hoff = 0;
}

static bool message_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct message_state *st = vst;
    int page = rows > 4 ? rows - 4 : 1;
    switch (key) {
    case KEY_UP: case 'k': st->top--; break;
    case KEY_DOWN: case 'j': st->top++; break;
    case KEY_PPAGE: st->top -= page; break;
    case KEY_NPAGE: st->top += page; break;
    case KEY_HOME: case 'g': st->top = 0; st->hoff = 0; break;
    case KEY_END: case 'G': st->top = MSG_MAX_LINES; break;
    case KEY_LEFT: case 'h': st->hoff = st->hoff > 8 ? st->hoff - 8 : 0; break;
    case KEY_RIGHT: case 'l': st->hoff += 8; break;
    case 'w': st->hide_wan = !st->hide_wan; break;
    default: return false;
    }
    if (st->top < 0) st->top = 0;
    return true;
}

const struct tui_screen tui_message_screen = {
    .name = "Message",
    .help = "arrows     scroll (left/right: horizontally)\n"
            "w          hide / show the WAN copy beside the LAN one (--wan)\n"
            "!          a line that differs between LAN and WAN (rewritten on the way: SIP-ALG),\n"
            "           or without --wan a private address in a packet from a public address\n"
            "\\x1B       control characters and escape sequences are shown escaped, never sent",
    .state_size = sizeof(struct message_state),
    .enter = message_enter,
    .draw = message_draw,
    .handle_key = message_key,
};
