/* tui_draw.c — the TUI's drawing and text helpers: the one path by which any text reaches the
 * terminal (tui_text escapes controls, escape sequences, invalid UTF-8 and bidi overrides and
 * measures wide characters), fills, lines, times, message labels and sparkline glyphs. */
#include "ui/tui.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#define TUI_LINE_MAX 1024   /* wide characters drawn per call at most */

/* Characters drawn as \uXXXX: C1 controls, zero-width, bidi embeddings/overrides/isolates. */
static bool wide_is_hidden(wchar_t wc)
{
    return (wc >= 0x80 && wc < 0xA0) || (wc >= 0x200B && wc <= 0x200F) ||
           (wc >= 0x202A && wc <= 0x202E) || (wc >= 0x2060 && wc <= 0x206F) || wc == 0xFEFF;
}

/* Appends ASCII text as wide chars; false when it does not fit in maxw columns. */
static bool put_ascii(const char *s, wchar_t *out, size_t *n, int *width, int maxw)
{
    int len = (int)strlen(s);
    if (*width + len > maxw || *n + (size_t)len >= TUI_LINE_MAX) return false;
    while (*s) out[(*n)++] = (wchar_t)(unsigned char)*s++;
    *width += len;
    return true;
}

/* Converts untrusted UTF-8 to safe wide text of at most maxw columns; returns the width. */
static int render(const char *s, int maxw, wchar_t *out, size_t *n_out)
{
    size_t n = 0;
    int width = 0;
    mbstate_t ps;
    memset(&ps, 0, sizeof ps);
    const char *end = s + strlen(s);
    while (s < end) {
        wchar_t wc;
        size_t k = mbrtowc(&wc, s, (size_t)(end - s), &ps);
        char esc[16];
        if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
            memset(&ps, 0, sizeof ps);
            snprintf(esc, sizeof esc, "\\x%02X", (unsigned char)*s);
            if (!put_ascii(esc, out, &n, &width, maxw)) break;
            s++;
            continue;
        }
        int w = wc < 0x20 || wc == 0x7F ? -1 : wcwidth(wc);
        if (wc < 0x80 && w < 0) snprintf(esc, sizeof esc, "\\x%02X", (unsigned)wc);
        else if (w <= 0 || wide_is_hidden(wc)) snprintf(esc, sizeof esc, "\\u%04X", (unsigned)wc);
        else esc[0] = '\0';
        if (esc[0]) {
            if (!put_ascii(esc, out, &n, &width, maxw)) break;
        } else {
            if (width + w > maxw || n + 1 >= TUI_LINE_MAX) break;
            out[n++] = wc;
            width += w;
        }
        s += k;
    }
    out[n] = L'\0';
    *n_out = n;
    return width;
}

int tui_text(int y, int x, int maxw, const char *utf8, attr_t attr)
{
    if (maxw <= 0 || !utf8 || y < 0 || y >= LINES || x >= COLS) return 0;
    if (x + maxw > COLS) maxw = COLS - x;
    wchar_t buf[TUI_LINE_MAX + 1];
    size_t n;
    int w = render(utf8, maxw, buf, &n);
    attron(attr);
    mvaddnwstr(y, x, buf, (int)n);
    attroff(attr);
    return w;
}

int tui_textf(int y, int x, int maxw, attr_t attr, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return tui_text(y, x, maxw, buf, attr);
}

int tui_text_width(const char *utf8)
{
    wchar_t buf[TUI_LINE_MAX + 1];
    size_t n;
    return render(utf8 ? utf8 : "", TUI_LINE_MAX, buf, &n);
}

void tui_fill(int y, int x, int w, attr_t attr)
{
    if (y < 0 || y >= LINES || x >= COLS) return;
    if (x + w > COLS) w = COLS - x;
    attron(attr);
    mvhline(y, x, ' ', w);
    attroff(attr);
}

void tui_hline(int y, int x, int w, attr_t attr)
{
    if (y < 0 || y >= LINES || x >= COLS || w <= 0) return;
    if (x + w > COLS) w = COLS - x;
    attron(attr);
    mvhline(y, x, ACS_HLINE, w);
    attroff(attr);
}

bool tui_contains(const char *hay, const char *needle)
{
    if (!needle || !needle[0]) return true;
    if (!hay) return false;
    size_t nl = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, nl) == 0) return true;
    return false;
}

const char *tui_clock(int64_t ns, char *buf, size_t size)
{
    if (!ns) { snprintf(buf, size, "-"); return buf; }
    time_t sec = (time_t)(ns / 1000000000LL);
    struct tm tm;
    gmtime_r(&sec, &tm);
    snprintf(buf, size, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec, (int)((ns / 1000000) % 1000));
    return buf;
}

const char *tui_duration(int64_t ns, char *buf, size_t size)
{
    if (ns <= 0) { snprintf(buf, size, "-"); return buf; }
    double s = (double)ns / 1e9;
    if (s < 60) snprintf(buf, size, "%.1fs", s);
    else if (s < 3600) snprintf(buf, size, "%dm%02ds", (int)(s / 60), (int)s % 60);
    else snprintf(buf, size, "%dh%02dm", (int)(s / 3600), ((int)s % 3600) / 60);
    return buf;
}

const char *tui_msg_label(const struct vx_sip_msg *m, char *buf, size_t size)
{
    if (m->is_request) { snprintf(buf, size, "%s", m->method); return buf; }
    const char *raw = m->raw ? m->raw : "";
    const char *p = strchr(raw, ' ');
    const char *reason = p ? strchr(p + 1, ' ') : NULL;
    size_t n = 0;
    if (reason) {
        reason++;
        while (reason[n] && reason[n] != '\r' && reason[n] != '\n' && n < 40) n++;
    }
    snprintf(buf, size, "%d %.*s", m->status, (int)n, reason ? reason : "");
    return buf;
}

const char *tui_spark(int level)
{
    static const char *const blocks[8] = { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
    static const char *const ascii[8] = { "_", ".", ":", "-", "=", "+", "*", "#" };
    if (level < 0) level = 0;
    if (level > 7) level = 7;
    return MB_CUR_MAX > 1 ? blocks[level] : ascii[level];
}
