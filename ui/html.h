/* html.h — safe output of untrusted text into HTML (and the helpers the HTML / Markdown
 * writers share): every byte taken from packets goes through vx_html_text, which escapes
 * markup characters and shows control characters and invalid UTF-8 as visible \xNN. */
#ifndef VX_HTML_H
#define VX_HTML_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Length of the valid, printable UTF-8 character at p (at most avail bytes), or 0 when the
 * byte at p is a control character, a C1 control or not valid UTF-8. */
size_t vx_utf8_printable_len(const unsigned char *p, size_t avail);
/* HTML text / attribute content: & < > " ' escaped, control and invalid bytes as \xNN. */
void vx_html_textn(FILE *out, const char *s, size_t n);
void vx_html_text(FILE *out, const char *s);
/* printf, then escaped as above (for strings that mix packet text into a format). */
void vx_html_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The value of SIP header name in raw message text (first occurrence, up to the line end);
 * its length, 0 when absent. */
size_t vx_sip_header_value(const char *raw, const char *name, const char **start);
/* "2026-11-27 17:52:21.413" (UTC), or "-" for 0. */
const char *vx_utc_str(int64_t ns, char *buf, size_t size);
#endif
