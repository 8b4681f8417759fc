/* tui_traffic.c — other traffic on the link as nDPI classified it: applications by volume
 * (bytes, packets, flows, share bar) and the proxy hints (HTTP CONNECT, TLS SNI) seen. */
#include "analyzer/traffic.h"
#include "ui/tui.h"
#include <stdio.h>

struct traffic_state {
    struct tui_list list;
};

static void human_bytes(uint64_t b, char *buf, size_t n)
{
    if (b >= 10ull * 1024 * 1024) snprintf(buf, n, "%llu MiB", (unsigned long long)(b >> 20));
    else if (b >= 10ull * 1024) snprintf(buf, n, "%llu KiB", (unsigned long long)(b >> 10));
    else snprintf(buf, n, "%llu B", (unsigned long long)b);
}

static void draw_apps(struct vx_tui *t, struct traffic_state *st, const struct vx_traffic *tr, int top, int body, int cols)
{
    int n = (int)vx_traffic_app_count(tr);
    uint64_t total = 0;
    for (int i = 0; i < n; i++) total += vx_traffic_app(tr, (size_t)i)->bytes;
    tui_list_fit(&st->list, n, body);
    for (int r = 0; r < body && st->list.top + r < n; r++) {
        const struct vx_traffic_app *ap = vx_traffic_app(tr, (size_t)(st->list.top + r));
        char bytes[32], line[200];
        human_bytes(ap->bytes, bytes, sizeof bytes);
        double share = total ? 100.0 * (double)ap->bytes / (double)total : 0;
        snprintf(line, sizeof line, "%-20.20s %-16.16s %10s %9llu %6llu %5.1f%% ", ap->name, ap->category, bytes,
                 (unsigned long long)ap->packets, (unsigned long long)ap->flows, share);
        bool sel = st->list.top + r == st->list.sel;
        attr_t at = sel ? tui_attr(t, TUI_A_SELECTED) : A_NORMAL;
        if (sel) tui_fill(top + r, 0, cols, at);
        int x = tui_text(top + r, 0, cols, line, at);
        int bar = (int)(share / 100.0 * (cols - x - 1));
        for (int k = 0; k < bar; k++) tui_text(top + r, x + k, 1, tui_spark(7), tui_attr(t, TUI_A_RTP));
    }
    if (!n) tui_text(top + 1, 2, cols - 4, "no other traffic classified", tui_attr(t, TUI_A_DIM));
}

static void draw_hints(struct vx_tui *t, const struct vx_traffic *tr, int y, int rows, int cols)
{
    size_t n = vx_traffic_hint_count(tr);
    if (!n || rows < 2) return;
    tui_textf(y, 0, cols, tui_attr(t, TUI_A_TITLE), "Proxy / TLS hints (%zu)", n);
    for (int r = 1; r < rows && (size_t)(r - 1) < n; r++) {
        const struct vx_traffic_hint *h = vx_traffic_hint(tr, (size_t)(r - 1));
        char c[VX_ADDR_STRLEN], s[VX_ADDR_STRLEN], line[400];
        const char *kind = h->kind == VX_HINT_HTTP_CONNECT ? "CONNECT" : h->kind == VX_HINT_HTTP_PROXY_PORT ? "proxy-port" : "TLS SNI";
        snprintf(line, sizeof line, "#%-6llu %-10s %s -> %s %s", (unsigned long long)h->frame, kind,
                 vx_endpoint_str(&h->client, c, sizeof c), vx_endpoint_str(&h->server, s, sizeof s), h->text);
        tui_text(y + r, 0, cols, line, A_NORMAL);
    }
}

static void traffic_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct traffic_state *st = vst;
    const struct vx_traffic *tr = t->a->traffic;
    if (!tr) { tui_text(top + 1, 2, cols - 4, "traffic classification (nDPI) is not available for this analysis", tui_attr(t, TUI_A_DIM)); return; }
    size_t hints = vx_traffic_hint_count(tr);
    int hint_rows = hints ? (int)(hints + 1 < 6 ? hints + 1 : 6) : 0;
    tui_textf(top, 0, cols, A_NORMAL, "%zu applications (nDPI), by volume", vx_traffic_app_count(tr));
    attr_t ti = tui_attr(t, TUI_A_TITLE);
    tui_fill(top + 1, 0, cols, ti);
    tui_text(top + 1, 0, cols, "Application          Category              Bytes   Packets  Flows  Share", ti);
    int body = rows - 2 - hint_rows;
    if (body < 1) body = 1;
    draw_apps(t, st, tr, top + 2, body, cols);
    draw_hints(t, tr, top + 2 + body, hint_rows, cols);
}

static bool traffic_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct traffic_state *st = vst;
    int n = t->a->traffic ? (int)vx_traffic_app_count(t->a->traffic) : 0;
    return tui_list_key(&st->list, key, n, rows - 2);
}

const struct tui_screen tui_traffic_screen = {
    .name = "Other traffic",
    .help = "rows       applications nDPI recognised, most bytes first; the bar is the share\n"
            "hints      HTTP CONNECT / proxy ports / TLS server names (proxy rules use them)",
    .state_size = sizeof(struct traffic_state),
    .draw = traffic_draw,
    .handle_key = traffic_key,
};
