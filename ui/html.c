/* html.c — HTML escaping with UTF-8 validation, and time formatting for the reports. */
#include "ui/html.h"
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Expected length of a UTF-8 sequence from its lead byte, and the range of its 2nd byte
 * (which rules out overlong forms, surrogates and code points above U+10FFFF). */
static int utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
    *lo = 0x80; *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c == 0xE0) { *lo = 0xA0; return 3; }
    if (c == 0xED) { *hi = 0x9F; return 3; }
    if (c >= 0xE1 && c <= 0xEF) return 3;
    if (c == 0xF0) { *lo = 0x90; return 4; }
    if (c >= 0xF1 && c <= 0xF3) return 4;
    if (c == 0xF4) { *hi = 0x8F; return 4; }
    return 0;
}

size_t vx_utf8_printable_len(const unsigned char *p, size_t avail)
{
    if (!avail) return 0;
    unsigned char c = p[0], lo, hi;
    if (c < 0x80) return (c < 0x20 || c == 0x7F) ? 0 : 1;
    int n = utf8_lead(c, &lo, &hi);
    if (!n || (size_t)n > avail || p[1] < lo || p[1] > hi) return 0;
    for (int k = 2; k < n; k++)
        if ((p[k] & 0xC0) != 0x80) return 0;
    if (c == 0xC2 && p[1] < 0xA0) return 0;   /* C1 controls U+0080..U+009F */
    return (size_t)n;
}

void vx_html_textn(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (size_t i = 0; i < n && p[i];) {
        unsigned char c = p[i];
        const char *ent = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;"
                        : c == '"' ? "&quot;" : c == '\'' ? "&#39;" : NULL;
        if (ent) { fputs(ent, out); i++; continue; }
        size_t len = vx_utf8_printable_len(p + i, n - i);
        if (!len) { fprintf(out, "\\x%02X", c); i++; continue; }
        fwrite(p + i, 1, len, out);
        i += len;
    }
}

void vx_html_text(FILE *out, const char *s)
{
    vx_html_textn(out, s, (size_t)-1 >> 1);
}

void vx_html_printf(FILE *out, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { vx_html_textn(out, small, (size_t)n); return; }
    char *big = malloc((size_t)n + 1);
    if (!big) { vx_html_textn(out, small, sizeof small - 1); return; }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    vx_html_textn(out, big, (size_t)n);
    free(big);
}

const char *vx_utc_str(int64_t ns, char *buf, size_t size)
{
    if (!ns) { snprintf(buf, size, "-"); return buf; }
    time_t t = (time_t)(ns / 1000000000LL);
    struct tm tm;
    if (!gmtime_r(&t, &tm)) { snprintf(buf, size, "-"); return buf; }
    size_t n = strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
    long long ms = (ns / 1000000) % 1000;
    snprintf(buf + n, size - n, ".%03lld", ms < 0 ? -ms : ms);
    return buf;
}

size_t vx_sip_header_value(const char *raw, const char *name, const char **start)
{
    size_t nlen = strlen(name);
    *start = "";
    for (const char *p = raw ? strchr(raw, '\n') : NULL; p; p = strchr(p + 1, '\n')) {
        const char *line = p + 1;
        if (*line == '\r' || *line == '\n' || !*line) return 0;   /* end of headers */
        if (strncasecmp(line, name, nlen) || line[nlen] != ':') continue;
        line += nlen + 1;
        while (*line == ' ' || *line == '\t') line++;
        *start = line;
        return strcspn(line, "\r\n");
    }
    return 0;
}
