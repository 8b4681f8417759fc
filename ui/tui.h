/* tui.h — the ncurses TUI: one screen per file behind a small vtable, a manager (tui.c) that
 * owns the loop, the screen stack, the header and key bar, and the drawing helpers every
 * screen uses. Screens only read the analysis; every draw starts from the analysis pointer
 * (no caches that assume it never changes), so live mode can redraw from a fresh snapshot. */
#ifndef VX_TUI_H
#define VX_TUI_H
#include "analyzer/model.h"
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* Entry point: runs the TUI on a finished analysis until the user quits. 0 ok, 2 error. */
int vx_tui_run(struct vx_analysis *a);

struct vx_tui;
/* Live mode: another thread keeps changing the analysis. The TUI reads it only between
 * lock() and unlock(), never while it waits for a key (a key wait times out every tick_ms
 * so the screen follows the capture). */
struct vx_tui_live {
    void *ctx;
    int tick_ms;
    /* Takes the analysis lock and makes the analysis presentable; allow_rules is false while
     * the user reads one finding (its index must keep meaning the same finding). */
    void (*lock)(void *ctx, bool allow_rules);
    void (*unlock)(void *ctx);
    /* Under the lock, before each draw: the header's live text ("LIVE 12 pkt/s ...") and
     * whether the TUI should go on (false: a stop was asked for, e.g. Ctrl-C). */
    bool (*status)(void *ctx, char *buf, size_t size);
};
/* Runs the TUI on an analysis that is still being fed, until the user quits (q on the top
 * screen, Q) or status() says stop. 0 ok, 2 error. */
int vx_tui_run_live(struct vx_analysis *a, const struct vx_tui_live *live);

enum tui_screen_id {
    TUI_OVERVIEW, TUI_CALLS, TUI_LADDER, TUI_MESSAGE, TUI_STREAMS, TUI_FINDINGS, TUI_FINDING,
    TUI_TRAFFIC, TUI_SCREEN_COUNT
};

/* What a screen is opened on; -1 = none. */
struct tui_target {
    int32_t call, reg, msg, stream, finding;
    const char *filter;        /* list screens: initial text filter, or NULL */
};

struct vx_tui;

struct tui_screen {
    const char *name;
    const char *help;          /* screen keys, one "key  meaning" per line */
    size_t state_size;         /* the manager allocates this much zeroed state per screen */
    void (*enter)(struct vx_tui *t, void *st, const struct tui_target *target);
    /* Draws rows [top, top+rows) of the whole width. */
    void (*draw)(struct vx_tui *t, void *st, int top, int rows, int cols);
    /* true when the key was used; the manager handles the rest (navigation keys). */
    bool (*handle_key)(struct vx_tui *t, void *st, int key, int rows);
};

extern const struct tui_screen tui_overview_screen, tui_calls_screen, tui_ladder_screen,
    tui_message_screen, tui_streams_screen, tui_findings_screen, tui_finding_screen,
    tui_traffic_screen;

#define TUI_STACK_MAX 16

struct vx_tui {
    struct vx_analysis *a;
    bool color;                /* colours in use (terminal has them, NO_COLOR unset) */
    bool quit;
    int stack[TUI_STACK_MAX];
    int depth;
    void *state[TUI_SCREEN_COUNT];
    char status[200];          /* one-shot message shown in the key bar */
    const struct vx_tui_live *live;   /* NULL offline */
    char live_text[160];       /* the header's live counters, from live->status */
};

/* ---- navigation ---- */
void tui_open(struct vx_tui *t, enum tui_screen_id id, const struct tui_target *target);
void tui_back(struct vx_tui *t);
struct tui_target tui_no_target(void);
void tui_set_status(struct vx_tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- drawing ---- */
enum tui_role {
    TUI_A_NORMAL, TUI_A_HEADER, TUI_A_BAR, TUI_A_KEY, TUI_A_SELECTED, TUI_A_TITLE, TUI_A_CRIT,
    TUI_A_WARN, TUI_A_INFO, TUI_A_OK, TUI_A_DIM, TUI_A_CHANGED, TUI_A_RTP, TUI_A_ROLE_COUNT
};
attr_t tui_attr(const struct vx_tui *t, enum tui_role r);
/* Draws untrusted UTF-8 text at (y, x) in at most maxw columns: control characters, escape
 * sequences, invalid UTF-8 and bidi controls are shown escaped (\x1B, \u202E).
 * Returns the columns used. */
int tui_text(int y, int x, int maxw, const char *utf8, attr_t attr);
int tui_textf(int y, int x, int maxw, attr_t attr, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Display width of text once escaped (as tui_text would draw it, unbounded). */
int tui_text_width(const char *utf8);
/* Fills a row with spaces in attr. */
void tui_fill(int y, int x, int w, attr_t attr);
/* A line of box drawing (ACS, so it works in any locale). */
void tui_hline(int y, int x, int w, attr_t attr);

/* ---- lists ---- */
struct tui_list {
    int sel, top;
};
/* Arrows, PgUp/PgDn, Home/End: true when the key moved the selection. */
bool tui_list_key(struct tui_list *l, int key, int count, int rows);
/* Clamps sel to [0, count) and scrolls so it is visible in rows. */
void tui_list_fit(struct tui_list *l, int count, int rows);

/* Prompts on the bottom line; true if the user pressed Enter (buf holds the UTF-8 text). */
bool tui_prompt(struct vx_tui *t, const char *label, char *buf, size_t size);

/* ---- text helpers ---- */
bool tui_contains(const char *hay, const char *needle);   /* case-insensitive, ASCII folding */
const char *tui_clock(int64_t ns, char *buf, size_t size); /* "HH:MM:SS.mmm" UTC, "-" if 0 */
const char *tui_duration(int64_t ns, char *buf, size_t size); /* "3.5s", "12m03s" */
/* "INVITE", "200 OK" (reason phrase from the raw first line, escaped later by tui_text). */
const char *tui_msg_label(const struct vx_sip_msg *m, char *buf, size_t size);
/* The sparkline glyph for level 0..7 (block elements in UTF-8, ASCII otherwise). */
const char *tui_spark(int level);
#endif
