/* tui_ladder.c — the call flow (ladder) of one call or registration: endpoints as columns
 * (customer side, the NAT public address the server reported in Via received=, other hops,
 * VoiceX servers), one row per SIP message with method/status and relative time,
 * retransmissions dimmed, unanswered requests marked, RTP streams as spans with packets/loss.
 * Enter on a message opens the message view, on a stream the streams screen. */
#include "analyzer/analyzer.h"
#include "analyzer/rtp_stats.h"
#include "ui/tui.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LADDER_MAX_COLS 8
#define TIME_W 10

struct ladder_state {
    int32_t call, reg, focus_msg;
    struct tui_list list;
};

enum role { ROLE_CUSTOMER, ROLE_NAT, ROLE_OTHER, ROLE_SERVER };
static const char *const role_names[] = { "customer", "NAT (received=)", "hop", "VoiceX" };

struct column { vx_addr addr; enum role role; };

struct item { bool stream; uint32_t idx; int64_t ts; };

struct ladder {
    struct item *items;
    size_t count;
    struct column cols[LADDER_MAX_COLS];
    int ncols;
};

static void add_column(struct ladder *L, const vx_addr *addr, enum role role)
{
    for (int i = 0; i < L->ncols; i++)
        if (vx_addr_equal(&L->cols[i].addr, addr)) return;
    if (L->ncols < LADDER_MAX_COLS) L->cols[L->ncols++] = (struct column){ *addr, role };
}

static enum role role_of(const struct vx_analysis *a, const vx_addr *addr, bool sent_by_customer)
{
    if (vx_is_server(a, addr)) return ROLE_SERVER;
    if (vx_addr_is_private(addr) || sent_by_customer) return ROLE_CUSTOMER;
    return ROLE_OTHER;
}

/* The address of a Via received= parameter in a response's raw text, if any. */
static bool via_received(const struct vx_sip_msg *m, vx_addr *out)
{
    const char *p = m->raw ? strstr(m->raw, ";received=") : NULL;
    if (!p) return false;
    p += strlen(";received=");
    char buf[64];
    size_t n = 0;
    while (p[n] && p[n] != ';' && p[n] != ',' && p[n] != '\r' && p[n] != '\n' && p[n] != ' ' && n < sizeof buf - 1) n++;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return vx_addr_parse(buf, out);
}

static int item_cmp(const void *pa, const void *pb)
{
    const struct item *x = pa, *y = pb;
    if (x->ts != y->ts) return x->ts < y->ts ? -1 : 1;
    if (x->stream != y->stream) return x->stream ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static size_t collect_items(const struct vx_analysis *a, const struct ladder_state *st, struct item *out, size_t cap)
{
    size_t n = 0;
    const struct vx_call *c = st->call >= 0 ? vx_call_at(a, (size_t)st->call) : NULL;
    if (c) {
        for (size_t i = 0; i < c->msgs.count && n < cap; i++) {
            const uint32_t *id = vx_vec_at(&c->msgs, i);
            const struct vx_sip_msg *m = vx_msg(a, *id);
            if (m) out[n++] = (struct item){ false, *id, m->ts_ns };
        }
        for (size_t i = 0; i < c->streams.count && n < cap; i++) {
            const uint32_t *si = vx_vec_at(&c->streams, i);
            const struct vx_stream *s = vx_stream_at(a, *si);
            if (s) out[n++] = (struct item){ true, *si, s->first_ns };
        }
    } else if (st->reg >= 0) {
        for (size_t i = 0; i < a->messages.count && n < cap; i++) {
            const struct vx_sip_msg *m = vx_msg(a, i);
            if (m && m->registration == st->reg) out[n++] = (struct item){ false, (uint32_t)i, m->ts_ns };
        }
    }
    qsort(out, n, sizeof *out, item_cmp);
    return n;
}

static void build_columns(const struct vx_analysis *a, struct ladder *L)
{
    vx_addr nat;
    bool have_nat = false;
    for (int pass = 0; pass < 4; pass++)   /* customer, NAT, hops, servers: left to right */
        for (size_t i = 0; i < L->count; i++) {
            const struct item *it = &L->items[i];
            vx_endpoint src, dst;
            bool cust;
            if (it->stream) {
                const struct vx_stream *s = vx_stream_at(a, it->idx);
                src = s->src, dst = s->dst, cust = s->direction_out;
            } else {
                const struct vx_sip_msg *m = vx_msg(a, it->idx);
                src = m->src, dst = m->dst, cust = m->from_customer;
                if (pass == 1 && !m->is_request && !have_nat && via_received(m, &nat)) have_nat = true;
            }
            enum role rs = role_of(a, &src.addr, cust), rd = role_of(a, &dst.addr, !cust);
            if (pass == 0 || pass == 2 || pass == 3) {
                enum role want = pass == 0 ? ROLE_CUSTOMER : pass == 2 ? ROLE_OTHER : ROLE_SERVER;
                if (rs == want) add_column(L, &src.addr, rs);
                if (rd == want) add_column(L, &dst.addr, rd);
            }
        }
    if (!have_nat) return;
    for (int i = 0; i < L->ncols; i++)
        if (vx_addr_equal(&L->cols[i].addr, &nat)) return;   /* no NAT between: received= is the source */
    /* insert the NAT column after the customer columns */
    int at = 0;
    while (at < L->ncols && L->cols[at].role == ROLE_CUSTOMER) at++;
    if (L->ncols == LADDER_MAX_COLS) L->ncols--;
    memmove(&L->cols[at + 1], &L->cols[at], sizeof L->cols[0] * (size_t)(L->ncols - at));
    L->cols[at] = (struct column){ nat, ROLE_NAT };
    L->ncols++;
}

static bool build(const struct vx_analysis *a, const struct ladder_state *st, struct ladder *L)
{
    memset(L, 0, sizeof *L);
    size_t cap = a->messages.count + a->streams.count + 1;
    const struct vx_call *c = st->call >= 0 ? vx_call_at(a, (size_t)st->call) : NULL;
    if (c) cap = c->msgs.count + c->streams.count + 1;
    L->items = malloc(cap * sizeof *L->items);
    if (!L->items) return false;
    L->count = collect_items(a, st, L->items, cap);
    build_columns(a, L);
    return true;
}

static int column_of(const struct ladder *L, const vx_addr *addr)
{
    for (int i = 0; i < L->ncols; i++)
        if (vx_addr_equal(&L->cols[i].addr, addr)) return i;
    return -1;
}

static int col_x(const struct ladder *L, int i, int cols)
{
    int w = (cols - TIME_W) / (L->ncols ? L->ncols : 1);
    return TIME_W + w * i + w / 2;
}

static void draw_heads(struct vx_tui *t, const struct ladder *L, int y, int cols)
{
    int w = (cols - TIME_W) / (L->ncols ? L->ncols : 1);
    for (int i = 0; i < L->ncols; i++) {
        char addr[VX_ADDR_STRLEN];
        vx_addr_str(&L->cols[i].addr, addr, sizeof addr);
        const char *role = role_names[L->cols[i].role];
        int cx = col_x(L, i, cols);
        int rw = tui_text_width(role), aw = tui_text_width(addr);
        attr_t at = L->cols[i].role == ROLE_SERVER ? tui_attr(t, TUI_A_OK) : L->cols[i].role == ROLE_NAT ? tui_attr(t, TUI_A_WARN) : A_BOLD;
        tui_text(y, cx - (rw < w ? rw : w - 1) / 2, w - 1, role, at);
        tui_text(y + 1, cx - (aw < w ? aw : w - 1) / 2, w - 1, addr, A_BOLD);
    }
}

/* An arrow from column x1 to x2 on row y, with the label centred on it. */
static void draw_arrow(int y, int x1, int x2, const char *label, attr_t line, attr_t text, bool dbl)
{
    int lo = x1 < x2 ? x1 : x2, hi = x1 < x2 ? x2 : x1;
    if (hi - lo < 2) { tui_text(y, lo + 1, COLS - lo - 1, label, text); return; }
    if (dbl) { attron(line); mvhline(y, lo + 1, '=', hi - lo - 1); attroff(line); }
    else tui_hline(y, lo + 1, hi - lo - 1, line);
    tui_text(y, x2 > x1 ? hi - 1 : lo + 1, 1, x2 > x1 ? ">" : "<", line);
    int room = hi - lo - 3;
    int lw = tui_text_width(label);
    if (lw > room) lw = room;
    if (room > 0) tui_text(y, lo + 2 + (room - lw) / 2, room, label, text);
}

static void msg_text(const struct vx_sip_msg *m, char *buf, size_t n, enum tui_role *role)
{
    char lab[96];
    tui_msg_label(m, lab, sizeof lab);
    *role = TUI_A_NORMAL;
    const char *extra = "";
    if (m->retransmission) { extra = " (retrans)"; *role = TUI_A_DIM; }
    if (m->is_request && strcmp(m->method, "ACK") != 0 && m->answered_by < 0 && !m->retransmission) {
        extra = m->first_response < 0 ? " (no answer)" : " (no final)";
        *role = TUI_A_CRIT;
    }
    snprintf(buf, n, " %s%s%s ", lab, m->has_sdp ? " (SDP)" : "", extra);
}

static void draw_item(struct vx_tui *t, const struct ladder *L, const struct item *it, int64_t t0, int y, int cols, bool sel)
{
    const struct vx_analysis *a = t->a;
    attr_t selat = tui_attr(t, TUI_A_SELECTED);
    tui_textf(y, 0, TIME_W - 1, sel ? selat : tui_attr(t, TUI_A_DIM), "%+9.3f", (double)(it->ts - t0) / 1e9);
    char label[160];
    enum tui_role role = TUI_A_NORMAL;
    vx_endpoint src, dst;
    if (it->stream) {
        const struct vx_stream *s = vx_stream_at(a, it->idx);
        snprintf(label, sizeof label, " RTP %s %u pkts lost %lld ", s->codec[0] ? s->codec : "?", s->st.packets, (long long)vx_rtp_lost(&s->st));
        src = s->src, dst = s->dst, role = TUI_A_RTP;
    } else {
        const struct vx_sip_msg *m = vx_msg(a, it->idx);
        msg_text(m, label, sizeof label, &role);
        src = m->src, dst = m->dst;
    }
    int c1 = column_of(L, &src.addr), c2 = column_of(L, &dst.addr);
    if (c1 < 0 || c2 < 0) { tui_text(y, TIME_W, cols - TIME_W, label, tui_attr(t, role)); return; }
    attr_t line = it->stream ? tui_attr(t, TUI_A_RTP) : role == TUI_A_DIM ? A_DIM : role == TUI_A_CRIT ? tui_attr(t, TUI_A_CRIT) : A_NORMAL;
    draw_arrow(y, col_x(L, c1, cols), col_x(L, c2, cols), label, line, sel ? selat : tui_attr(t, role) | (it->stream ? 0 : A_BOLD), it->stream);
}

static void draw_detail(struct vx_tui *t, const struct item *it, int y, int cols)
{
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN], tm[32];
    tui_hline(y - 1, 0, cols, tui_attr(t, TUI_A_DIM));
    if (it->stream) {
        const struct vx_stream *s = vx_stream_at(t->a, it->idx);
        tui_textf(y, 0, cols, A_NORMAL, "%s %s -> %s ssrc 0x%08x  %.1f%% lost  max jitter %.2f ms  (Enter: streams)", s->id,
                  vx_endpoint_str(&s->src, src, sizeof src), vx_endpoint_str(&s->dst, dst, sizeof dst), s->ssrc,
                  vx_rtp_loss_pct(&s->st), s->st.max_jitter_ms);
        return;
    }
    const struct vx_sip_msg *m = vx_msg(t->a, it->idx);
    tui_textf(y, 0, cols, A_NORMAL, "file %u frame #%llu %s %s -> %s %s CSeq %u %s  (Enter: message)",
              m->ref.file + 1u, (unsigned long long)m->ref.frame, tui_clock(m->ts_ns, tm, sizeof tm),
              vx_endpoint_str(&m->src, src, sizeof src), vx_endpoint_str(&m->dst, dst, sizeof dst),
              m->transport == 6 ? "TCP" : "UDP", m->cseq, m->cseq_method);
}

static void title_line(struct vx_tui *t, const struct ladder_state *st, int y, int cols)
{
    const struct vx_call *c = st->call >= 0 ? vx_call_at(t->a, (size_t)st->call) : NULL;
    const struct vx_registration *g = st->reg >= 0 ? vx_reg_at(t->a, (size_t)st->reg) : NULL;
    char buf[700];
    if (c) snprintf(buf, sizeof buf, "Call %s  %s -> %s  [%s]", c->call_id, c->from ? c->from : "-", c->to ? c->to : "-", vx_call_state_name(c->state));
    else if (g) snprintf(buf, sizeof buf, "Registration %s  Call-ID %s", g->aor ? g->aor : "-", g->call_id ? g->call_id : "-");
    else snprintf(buf, sizeof buf, "no call selected (c: call list)");
    tui_text(y, 0, cols, buf, tui_attr(t, TUI_A_TITLE));
}

static void ladder_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct ladder_state *st = vst;
    struct ladder L;
    title_line(t, st, top, cols);
    if (!build(t->a, st, &L)) return;
    draw_heads(t, &L, top + 1, cols);
    int body = rows - 5, y0 = top + 3;
    if (st->focus_msg >= 0) {
        for (size_t i = 0; i < L.count; i++)
            if (!L.items[i].stream && (int32_t)L.items[i].idx == st->focus_msg) st->list.sel = (int)i;
        st->focus_msg = -1;
    }
    tui_list_fit(&st->list, (int)L.count, body);
    for (int r = 0; r < body; r++)
        for (int i = 0; i < L.ncols; i++)
            mvaddch(y0 + r, col_x(&L, i, cols), (L.cols[i].role == ROLE_NAT ? ':' : ACS_VLINE) | A_DIM);
    int64_t t0 = L.count ? L.items[0].ts : 0;
    for (int r = 0; r < body && (size_t)(st->list.top + r) < L.count; r++)
        draw_item(t, &L, &L.items[st->list.top + r], t0, y0 + r, cols, st->list.top + r == st->list.sel);
    if (L.count) draw_detail(t, &L.items[st->list.sel], top + rows - 1, cols);
    free(L.items);
}

static void ladder_enter(struct vx_tui *t, void *vst, const struct tui_target *tg)
{
    struct ladder_state *st = vst;
    st->call = tg->call;
    st->reg = tg->reg;
    st->focus_msg = tg->msg;
    st->list = (struct tui_list){ 0, 0 };
}

static bool ladder_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct ladder_state *st = vst;
    struct ladder L;
    if (!build(t->a, st, &L)) return false;
    bool used = true;
    if ((key == '\n' || key == '\r' || key == KEY_ENTER) && L.count) {
        tui_list_fit(&st->list, (int)L.count, rows - 5);
        const struct item *it = &L.items[st->list.sel];
        struct tui_target tg = tui_no_target();
        if (it->stream) { tg.stream = (int32_t)it->idx; tui_open(t, TUI_STREAMS, &tg); }
        else { tg.msg = (int32_t)it->idx; tg.call = st->call; tui_open(t, TUI_MESSAGE, &tg); }
    } else {
        used = tui_list_key(&st->list, key, (int)L.count, rows - 5);
    }
    free(L.items);
    return used;
}

const struct tui_screen tui_ladder_screen = {
    .name = "Ladder",
    .help = "Enter      open the selected message (raw text) or RTP stream\n"
            "columns    customer side | NAT public address (from Via received=) | hops | VoiceX\n"
            "(retrans)  a retransmission (dimmed)\n"
            "(no answer) a request that got no response; (no final) no final response\n"
            "== RTP ==  an RTP stream: codec, packets, lost",
    .state_size = sizeof(struct ladder_state),
    .enter = ladder_enter,
    .draw = ladder_draw,
    .handle_key = ladder_key,
};
