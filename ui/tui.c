/* tui.c — the TUI manager: terminal setup (UTF-8, colours or monochrome), the key loop, the
 * screen stack, header and key bar, help overlay, the filter prompt and list navigation.
 * Live mode (vx_tui_run_live): the analysis lock is held while drawing and handling a key,
 * and released while waiting for one; key waits time out every tick so the screen follows
 * the capture. */
#include "ui/tui.h"
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const struct tui_screen *const screens[TUI_SCREEN_COUNT] = {
    [TUI_OVERVIEW] = &tui_overview_screen, [TUI_CALLS] = &tui_calls_screen,
    [TUI_LADDER] = &tui_ladder_screen,     [TUI_MESSAGE] = &tui_message_screen,
    [TUI_STREAMS] = &tui_streams_screen,   [TUI_FINDINGS] = &tui_findings_screen,
    [TUI_FINDING] = &tui_finding_screen,   [TUI_TRAFFIC] = &tui_traffic_screen,
};

static const char global_help[] =
    "o          overview / verdict per requirement\n"
    "c          call and registration list\n"
    "f          findings\n"
    "s          RTP streams\n"
    "t          other traffic (nDPI)\n"
    "Enter      open the selected item\n"
    "Esc, q     back (q on the first screen quits)\n"
    "Q          quit from anywhere\n"
    "/          filter (on lists)\n"
    "arrows PgUp PgDn Home End   move\n"
    "?          this help";

struct tui_target tui_no_target(void)
{
    return (struct tui_target){ -1, -1, -1, -1, -1, NULL };
}

void tui_set_status(struct vx_tui *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->status, sizeof t->status, fmt, ap);
    va_end(ap);
}

void tui_open(struct vx_tui *t, enum tui_screen_id id, const struct tui_target *target)
{
    struct tui_target none = tui_no_target();
    bool top_level = id == TUI_OVERVIEW || id == TUI_CALLS || id == TUI_FINDINGS ||
                     id == TUI_STREAMS || id == TUI_TRAFFIC;
    if (top_level && !target) {
        /* jump keys: the overview is the root; other lists sit right above it */
        t->depth = 1;
        t->stack[0] = TUI_OVERVIEW;
        if (id != TUI_OVERVIEW) t->stack[t->depth++] = id;
        return;
    }
    if (t->depth >= TUI_STACK_MAX) memmove(t->stack + 1, t->stack + 2, sizeof t->stack[0] * (TUI_STACK_MAX - 2)), t->depth--;
    t->stack[t->depth++] = id;
    if (screens[id]->enter) screens[id]->enter(t, t->state[id], target ? target : &none);
}

void tui_back(struct vx_tui *t)
{
    if (t->depth > 1) t->depth--;
    else t->quit = true;
}

/* ---- colours ---- */
attr_t tui_attr(const struct vx_tui *t, enum tui_role r)
{
    static const attr_t mono[TUI_A_ROLE_COUNT] = {
        [TUI_A_NORMAL] = A_NORMAL, [TUI_A_HEADER] = A_REVERSE | A_BOLD, [TUI_A_BAR] = A_REVERSE,
        [TUI_A_KEY] = A_REVERSE | A_BOLD, [TUI_A_SELECTED] = A_REVERSE, [TUI_A_TITLE] = A_BOLD | A_UNDERLINE,
        [TUI_A_CRIT] = A_BOLD, [TUI_A_WARN] = A_BOLD, [TUI_A_INFO] = A_NORMAL, [TUI_A_OK] = A_NORMAL,
        [TUI_A_DIM] = A_DIM, [TUI_A_CHANGED] = A_BOLD | A_UNDERLINE, [TUI_A_RTP] = A_NORMAL,
    };
    if (!t->color) return mono[r];
    switch (r) {
    case TUI_A_HEADER: return COLOR_PAIR(1) | A_BOLD;
    case TUI_A_BAR: return COLOR_PAIR(1);
    case TUI_A_KEY: return COLOR_PAIR(2) | A_BOLD;
    case TUI_A_SELECTED: return COLOR_PAIR(3);
    case TUI_A_CRIT: return COLOR_PAIR(4) | A_BOLD;
    case TUI_A_WARN: return COLOR_PAIR(5) | A_BOLD;
    case TUI_A_OK: return COLOR_PAIR(6);
    case TUI_A_INFO: return COLOR_PAIR(7);
    case TUI_A_CHANGED: return COLOR_PAIR(8) | A_BOLD;
    case TUI_A_RTP: return COLOR_PAIR(7);
    default: return mono[r];
    }
}

static void setup_colors(struct vx_tui *t)
{
    const char *nc = getenv("NO_COLOR");
    t->color = has_colors() && !(nc && nc[0]);
    if (!t->color) return;
    start_color();
    use_default_colors();
    init_pair(1, COLOR_WHITE, COLOR_BLUE);
    init_pair(2, COLOR_YELLOW, COLOR_BLUE);
    init_pair(3, COLOR_BLACK, COLOR_CYAN);
    init_pair(4, COLOR_RED, -1);
    init_pair(5, COLOR_YELLOW, -1);
    init_pair(6, COLOR_GREEN, -1);
    init_pair(7, COLOR_CYAN, -1);
    init_pair(8, COLOR_BLACK, COLOR_YELLOW);
}

/* ---- header, key bar, help ---- */
static void draw_header(struct vx_tui *t, int cols)
{
    const struct tui_screen *s = screens[t->stack[t->depth - 1]];
    attr_t h = tui_attr(t, TUI_A_HEADER);
    tui_fill(0, 0, cols, h);
    int x = tui_textf(0, 0, cols, h, " vxdiag | %s", s->name);
    if (t->live) {             /* the live counters take the place of the file name */
        int lw = tui_text_width(t->live_text) + 1;
        if (x + 2 + lw > cols) lw = cols - x - 2;
        if (lw > 0) tui_text(0, cols - lw, lw, t->live_text, h);
        return;
    }
    char facts[200];
    const char *file = t->a->input_count ? t->a->inputs[0].name : "-";
    const char *base = strrchr(file, '/');
    snprintf(facts, sizeof facts, "%s%s%s ", base ? base + 1 : file,
             t->a->input_count > 1 ? " +more" : "", t->a->wan ? " +WAN" : "");
    int w = tui_text_width(facts);
    if (x + 2 + w <= cols) tui_text(0, cols - w, w, facts, h);
}

static void draw_bar(struct vx_tui *t, int y, int cols)
{
    static const char *const keys[][2] = {
        { "o", "Overv" }, { "c", "Calls" }, { "f", "Find" }, { "s", "Strm" }, { "t", "Traffic" },
        { "Enter", "Open" }, { "q", "Back" }, { "/", "Filter" }, { "?", "Help" }, { "Q", "Quit" },
    };
    attr_t bar = tui_attr(t, TUI_A_BAR), key = tui_attr(t, TUI_A_KEY);
    tui_fill(y, 0, cols, bar);
    if (t->status[0]) {
        tui_text(y, 1, cols - 1, t->status, key);
        t->status[0] = '\0';
        return;
    }
    int x = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0] && x < cols; i++) {
        x += tui_text(y, x, cols - x, keys[i][0], key);
        x += tui_textf(y, x, cols - x, bar, ":%s ", keys[i][1]);
    }
}

/* ---- live: the lock is held except while waiting for a key ---- */
static void live_enter(struct vx_tui *t)
{
    if (!t->live) return;
    bool reading_finding = t->depth > 0 && t->stack[t->depth - 1] == TUI_FINDING;
    t->live->lock(t->live->ctx, !reading_finding);
    if (!t->live->status(t->live->ctx, t->live_text, sizeof t->live_text)) t->quit = true;
}

static void live_leave(struct vx_tui *t)
{
    if (t->live) t->live->unlock(t->live->ctx);
}

/* get_wch without holding the analysis lock; ERR on timeout (live) or error. */
static int wait_wch(struct vx_tui *t, wint_t *wc)
{
    live_leave(t);
    int r = get_wch(wc);
    live_enter(t);
    return r;
}

static void draw_help(struct vx_tui *t, int rows, int cols)
{
    const struct tui_screen *s = screens[t->stack[t->depth - 1]];
    int y = 1;
    erase();
    tui_textf(y++, 1, cols - 2, tui_attr(t, TUI_A_TITLE), "Keys - %s", s->name);
    for (int pass = 0; pass < 2; pass++) {
        const char *p = pass == 0 ? (s->help ? s->help : "") : global_help;
        while (*p && y < rows - 1) {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            char line[200];
            snprintf(line, sizeof line, "%.*s", (int)n, p);
            tui_text(y++, 3, cols - 4, line, A_NORMAL);
            p += n + (e ? 1 : 0);
        }
        y++;
    }
    tui_text(rows - 1, 1, cols - 2, "press any key", tui_attr(t, TUI_A_DIM));
    wnoutrefresh(stdscr);
    doupdate();
    wint_t wc;
    while (wait_wch(t, &wc) == ERR && t->live && !t->quit) continue;   /* ticks: keep waiting */
}

static void draw_all(struct vx_tui *t)
{
    int rows = LINES, cols = COLS;
    int id = t->stack[t->depth - 1];
    erase();
    if (rows >= 3 && cols >= 10) {
        draw_header(t, cols);
        screens[id]->draw(t, t->state[id], 1, rows - 2, cols);
        draw_bar(t, rows - 1, cols);
    }
    wnoutrefresh(stdscr);
    doupdate();
}

/* ---- keys ---- */
static int read_key(struct vx_tui *t)
{
    wint_t wc;
    int r = wait_wch(t, &wc);
    if (r == ERR) return -1;
    if (r == OK && wc >= KEY_MIN) return 0;   /* a character that would look like a KEY_* code */
    return (int)wc;   /* KEY_CODE_YES: wc is a KEY_* code; otherwise a character */
}

static void handle_global(struct vx_tui *t, int key)
{
    switch (key) {
    case 'Q': t->quit = true; break;
    case 'q': case 27: tui_back(t); break;
    case 'o': tui_open(t, TUI_OVERVIEW, NULL); break;
    case 'c': tui_open(t, TUI_CALLS, NULL); break;
    case 'f': tui_open(t, TUI_FINDINGS, NULL); break;
    case 's': tui_open(t, TUI_STREAMS, NULL); break;
    case 't': tui_open(t, TUI_TRAFFIC, NULL); break;
    case '?': case KEY_F(1): draw_help(t, LINES, COLS); break;
    default: break;
    }
}

static int init_state(struct vx_tui *t)
{
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) {
        t->state[i] = calloc(1, screens[i]->state_size ? screens[i]->state_size : 1);
        if (!t->state[i]) return -1;
        struct tui_target none = tui_no_target();
        if (screens[i]->enter) screens[i]->enter(t, t->state[i], &none);
    }
    t->depth = 1;
    t->stack[0] = TUI_OVERVIEW;
    return 0;
}

static int run(struct vx_analysis *a, const struct vx_tui_live *live)
{
    struct vx_tui t;
    memset(&t, 0, sizeof t);
    t.a = a;
    t.live = live;
    int rc = 0;
    live_enter(&t);            /* screens' enter() may read the analysis */
    int st = init_state(&t);
    live_leave(&t);
    if (st != 0) { fprintf(stderr, "vxdiag: out of memory\n"); rc = 2; goto out; }
    set_escdelay(25);
    if (!initscr()) { fprintf(stderr, "vxdiag: cannot start the terminal UI\n"); rc = 2; goto out; }
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    setup_colors(&t);
    if (live) timeout(live->tick_ms > 0 ? live->tick_ms : 250);
    live_enter(&t);
    while (!t.quit) {
        draw_all(&t);
        int key = read_key(&t);
        if (t.quit || key < 0 || key == KEY_RESIZE) continue;
        int id = t.stack[t.depth - 1];
        if (!screens[id]->handle_key(&t, t.state[id], key, LINES - 2)) handle_global(&t, key);
    }
    live_leave(&t);
    endwin();
out:
    for (int i = 0; i < TUI_SCREEN_COUNT; i++) free(t.state[i]);
    return rc;
}

int vx_tui_run(struct vx_analysis *a) { return run(a, NULL); }

int vx_tui_run_live(struct vx_analysis *a, const struct vx_tui_live *live) { return run(a, live); }

/* ---- the filter prompt ---- */
static void prompt_draw(struct vx_tui *t, const char *label, const char *buf)
{
    int y = LINES - 1;
    attr_t bar = tui_attr(t, TUI_A_KEY);
    tui_fill(y, 0, COLS, bar);
    int x = tui_text(y, 0, COLS, label, bar);
    x += tui_text(y, x, COLS - x - 1, buf, bar);
    tui_text(y, x, 1, "_", bar);
    wnoutrefresh(stdscr);
    doupdate();
}

bool tui_prompt(struct vx_tui *t, const char *label, char *buf, size_t size)
{
    size_t len = strlen(buf);
    for (;;) {
        draw_all(t);
        prompt_draw(t, label, buf);
        wint_t wc;
        int r = wait_wch(t, &wc);
        if (r == ERR && t->live && !t->quit) continue;   /* a tick: redraw with fresh counters */
        if (r == ERR) return false;
        if (r == KEY_CODE_YES) {
            if (wc == KEY_BACKSPACE && len) buf[--len] = '\0';
            else if (wc == KEY_ENTER) return true;
            continue;
        }
        if (wc == '\n' || wc == '\r') return true;
        if (wc == 27) return false;
        if (wc == 127 || wc == 8) {
            while (len && ((unsigned char)buf[len - 1] & 0xC0) == 0x80) len--;   /* whole UTF-8 char */
            if (len) len--;
            buf[len] = '\0';
            continue;
        }
        if (wc < 0x20) continue;
        char mb[MB_LEN_MAX];
        mbstate_t ps;
        memset(&ps, 0, sizeof ps);
        size_t n = wcrtomb(mb, (wchar_t)wc, &ps);
        if (n == (size_t)-1 || len + n + 1 > size) continue;
        memcpy(buf + len, mb, n);
        len += n;
        buf[len] = '\0';
    }
}

/* ---- lists ---- */
void tui_list_fit(struct tui_list *l, int count, int rows)
{
    if (rows < 1) rows = 1;
    if (l->sel >= count) l->sel = count - 1;
    if (l->sel < 0) l->sel = 0;
    if (l->top > l->sel) l->top = l->sel;
    if (l->sel >= l->top + rows) l->top = l->sel - rows + 1;
    if (l->top > count - rows) l->top = count - rows;
    if (l->top < 0) l->top = 0;
}

bool tui_list_key(struct tui_list *l, int key, int count, int rows)
{
    int page = rows > 1 ? rows - 1 : 1;
    switch (key) {
    case KEY_UP: case 'k': l->sel--; break;
    case KEY_DOWN: case 'j': l->sel++; break;
    case KEY_PPAGE: l->sel -= page; l->top -= page; break;
    case KEY_NPAGE: l->sel += page; l->top += page; break;
    case KEY_HOME: case 'g': l->sel = 0; break;
    case KEY_END: case 'G': l->sel = count - 1; break;
    default: return false;
    }
    tui_list_fit(l, count, rows);
    return true;
}
