/* sip.c — SIP message dissection: framing (Content-Length), libosip2 parsing into struct
 * vx_sip, and a tolerant line scanner for what libosip2 rejects. Spec: RFC 3261, RFC 3581. */
#include "dissectors/sip.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static pthread_once_t sip_once = PTHREAD_ONCE_INIT;

/* libosip2 prints parse errors on stdout unless its trace goes somewhere else. */
static void discard_trace(const char *fi, int li, osip_trace_level_t level, const char *chfr, va_list ap)
{
    (void)fi; (void)li; (void)level; (void)chfr; (void)ap;
}

static void sip_init_once(void)
{
    parser_init();
    osip_trace_initialize_func(END_TRACE_LEVEL, discard_trace);
    for (int lvl = 0; lvl < END_TRACE_LEVEL; lvl++) osip_trace_disable_level((osip_trace_level_t)lvl);
}

void vx_sip_global_init(void) { pthread_once(&sip_once, sip_init_once); }

static void copy_str(char *dst, size_t size, const char *src)
{
    if (!src) { dst[0] = '\0'; return; }
    size_t n = strnlen(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void copy_span(char *dst, size_t size, const char *src, size_t n)
{
    if (n > size - 1) n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static const char *const sip_methods[] = {
    "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "NOTIFY", "SUBSCRIBE", "INFO",
    "PRACK", "UPDATE", "MESSAGE", "REFER", "PUBLISH", NULL
};

bool vx_sip_looks_like(const uint8_t *data, size_t len)
{
    if (len < 12 || data[0] < 'A' || data[0] > 'U') return false;   /* ACK .. UPDATE, SIP/2.0 */
    if (len >= 12 && memcmp(data, "SIP/2.0 ", 8) == 0) return isdigit(data[8]) != 0;
    for (int i = 0; sip_methods[i]; i++) {
        size_t m = strlen(sip_methods[i]);
        if (len > m + 8 && memcmp(data, sip_methods[i], m) == 0 && data[m] == ' ') {
            size_t lim = len < 512 ? len : 512;
            for (size_t j = m; j + 7 <= lim; j++) {
                if (data[j] == '\n') return false;
                if (memcmp(data + j, "SIP/2.0", 7) == 0) return true;
            }
            return false;
        }
    }
    return false;
}

/* End of the header block: index just past the empty line, or 0 if not found. */
static size_t find_header_end(const uint8_t *d, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (d[i] != '\n') continue;
        if (d[i + 1] == '\n') return i + 2;
        if (i + 2 < len && d[i + 1] == '\r' && d[i + 2] == '\n') return i + 3;
    }
    return 0;
}

/* Parses a Content-Length value: -2 when it is not a sane number. */
static long long parse_length(const char *v, size_t n)
{
    size_t i = 0;
    while (i < n && (v[i] == ' ' || v[i] == '\t')) i++;
    if (i == n || !isdigit((unsigned char)v[i])) return -2;
    long long x = 0;
    for (; i < n && isdigit((unsigned char)v[i]); i++) {
        x = x * 10 + (v[i] - '0');
        if (x > 100000000LL) return -2;
    }
    while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r')) i++;
    return i == n ? x : -2;
}

/* Leading decimal number of v[0..n) after blanks, with an optional '-', clamped to
 * +-1e12. Unlike atoi/strtoul it never reads past n: header values are not NUL-terminated
 * (found by fuzz_analyzer_udp: atoi ran off the end of a datagram). */
static long long span_number(const char *v, size_t n)
{
    size_t i = 0;
    while (i < n && (v[i] == ' ' || v[i] == '\t')) i++;
    bool neg = i < n && v[i] == '-';
    if (neg) i++;
    long long x = 0;
    for (; i < n && isdigit((unsigned char)v[i]); i++)
        if (x < 1000000000000LL) x = x * 10 + (v[i] - '0');
    return neg ? -x : x;
}

static int span_int(const char *v, size_t n)
{
    long long x = span_number(v, n);
    return x > 2147483647LL ? 2147483647 : x < -2147483647LL ? -2147483647 : (int)x;
}

typedef void (*header_fn)(const char *name, size_t nlen, const char *val, size_t vlen, void *ctx);

/* Calls fn for each header line between the first line and hdr_end. Returns line count. */
static int for_each_header(const char *d, size_t hdr_end, header_fn fn, void *ctx)
{
    int lines = 0;
    const char *p = memchr(d, '\n', hdr_end);
    const char *end = d + hdr_end;
    while (p && p + 1 < end) {
        const char *line = p + 1;
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl) break;
        size_t llen = (size_t)(nl - line);
        if (llen && line[llen - 1] == '\r') llen--;
        if (llen == 0) break;
        lines++;
        const char *colon = memchr(line, ':', llen);
        if (colon && line[0] != ' ' && line[0] != '\t') {
            size_t nlen = (size_t)(colon - line);
            while (nlen && (line[nlen - 1] == ' ' || line[nlen - 1] == '\t')) nlen--;
            const char *v = colon + 1;
            size_t vlen = llen - (size_t)(v - line);
            while (vlen && (*v == ' ' || *v == '\t')) { v++; vlen--; }
            fn(line, nlen, v, vlen, ctx);
        }
        p = nl;
    }
    return lines;
}

static bool name_is(const char *n, size_t nlen, const char *full, const char *compact)
{
    if (strlen(full) == nlen && strncasecmp(n, full, nlen) == 0) return true;
    return compact && nlen == 1 && tolower((unsigned char)n[0]) == compact[0];
}

static void clen_cb(const char *n, size_t nlen, const char *v, size_t vlen, void *ctx)
{
    long long *cl = ctx;
    if (name_is(n, nlen, "Content-Length", "l") && *cl == -1) *cl = parse_length(v, vlen);
}

int vx_sip_frame(const uint8_t *data, size_t len, size_t *msg_len)
{
    if (len < 4) return 0;
    if (!vx_sip_looks_like(data, len)) return len < 16 ? 0 : -1;
    size_t scan = len < VX_SIP_MAX_MESSAGE ? len : VX_SIP_MAX_MESSAGE;
    size_t hdr_end = find_header_end(data, scan);
    if (hdr_end == 0) return len >= VX_SIP_MAX_MESSAGE ? -1 : 0;
    long long cl = -1;
    for_each_header((const char *)data, hdr_end, clen_cb, &cl);
    if (cl == -2) return -1;
    if (cl < 0) cl = 0;  /* over a stream, a missing Content-Length means no body */
    if ((unsigned long long)cl > VX_SIP_MAX_MESSAGE) return -1;
    if (hdr_end + (size_t)cl > len) return 0;
    *msg_len = hdr_end + (size_t)cl;
    return 1;
}

/* ---- tolerant scanner: the fields every call needs, without libosip2 ---- */

static void param_value(const char *v, size_t vlen, const char *param, char *dst, size_t size)
{
    size_t plen = strlen(param);
    for (size_t i = 0; i + plen < vlen; i++) {
        if (v[i] != ';' || strncasecmp(v + i + 1, param, plen) != 0) continue;
        size_t j = i + 1 + plen;
        if (j < vlen && v[j] == '=') {
            size_t k = ++j;
            while (k < vlen && v[k] != ';' && v[k] != '>' && v[k] != ',' && v[k] != ' ') k++;
            copy_span(dst, size, v + j, k - j);
        } else if (j == vlen || v[j] == ';' || v[j] == ',' || v[j] == ' ') {
            copy_str(dst, size, "");
        }
        return;
    }
}

static void uri_of(const char *v, size_t vlen, char *dst, size_t size)
{
    const char *lt = memchr(v, '<', vlen);
    if (lt) {
        const char *gt = memchr(lt, '>', vlen - (size_t)(lt - v));
        size_t n = gt ? (size_t)(gt - lt - 1) : vlen - (size_t)(lt - v) - 1;
        copy_span(dst, size, lt + 1, n);
        return;
    }
    const char *semi = memchr(v, ';', vlen);
    copy_span(dst, size, v, semi ? (size_t)(semi - v) : vlen);
}

static void scan_via(const char *v, size_t vlen, struct vx_sip_via *via)
{
    /* SIP/2.0/UDP host:port;params */
    const char *sp = memchr(v, ' ', vlen);
    if (!sp) return;
    const char *slash = v;
    for (const char *q = v; q < sp; q++) if (*q == '/') slash = q + 1;
    copy_span(via->transport, sizeof via->transport, slash, (size_t)(sp - slash));
    const char *h = sp + 1;
    size_t rest = vlen - (size_t)(h - v);
    size_t hl = 0;
    while (hl < rest && h[hl] != ';' && h[hl] != ',' && h[hl] != ' ') hl++;
    const char *colon = NULL;
    if (hl && h[0] == '[') {
        const char *rb = memchr(h, ']', hl);
        if (rb && rb + 1 < h + hl && rb[1] == ':') colon = rb + 1;
    } else {
        colon = memchr(h, ':', hl);
    }
    copy_span(via->host, sizeof via->host, h, colon ? (size_t)(colon - h) : hl);
    if (colon) via->port = span_int(colon + 1, (size_t)(h + hl - colon - 1)) & 0xffff;
    param_value(v, vlen, "branch", via->branch, sizeof via->branch);
    param_value(v, vlen, "received", via->received, sizeof via->received);
    char rport[16] = "x";
    param_value(v, vlen, "rport", rport, sizeof rport);
    via->rport = rport[0] == 'x' ? -1 : atoi(rport);
}

static void scan_cb(const char *n, size_t nlen, const char *v, size_t vlen, void *ctx)
{
    struct vx_sip *s = ctx;
    if (name_is(n, nlen, "Call-ID", "i")) copy_span(s->call_id, sizeof s->call_id, v, vlen);
    else if (name_is(n, nlen, "CSeq", NULL)) {
        s->cseq = (uint32_t)span_number(v, vlen);
        const char *sp = memchr(v, ' ', vlen);
        if (sp) copy_span(s->cseq_method, sizeof s->cseq_method, sp + 1, vlen - (size_t)(sp + 1 - v));
    } else if (name_is(n, nlen, "From", "f")) {
        uri_of(v, vlen, s->from_uri, sizeof s->from_uri);
        param_value(v, vlen, "tag", s->from_tag, sizeof s->from_tag);
    } else if (name_is(n, nlen, "To", "t")) {
        uri_of(v, vlen, s->to_uri, sizeof s->to_uri);
        param_value(v, vlen, "tag", s->to_tag, sizeof s->to_tag);
    } else if (name_is(n, nlen, "Via", "v")) {
        if (s->via_count < VX_SIP_MAX_VIA) scan_via(v, vlen, &s->via[s->via_count]);
        s->via_count++;
    } else if (name_is(n, nlen, "Contact", "m") && !s->contact[0]) {
        uri_of(v, vlen, s->contact, sizeof s->contact);
    }
}

static int scan_first_line(const char *d, size_t len, struct vx_sip *s)
{
    const char *nl = memchr(d, '\n', len);
    size_t l = nl ? (size_t)(nl - d) : len;
    if (l && d[l - 1] == '\r') l--;
    if (l > 8 && memcmp(d, "SIP/2.0 ", 8) == 0) {
        s->status = span_int(d + 8, l - 8);
        if (l > 12) copy_span(s->reason, sizeof s->reason, d + 12, l - 12);
        return s->status >= 100 && s->status <= 699 ? 0 : -1;
    }
    const char *sp = memchr(d, ' ', l);
    if (!sp) return -1;
    s->is_request = true;
    copy_span(s->method, sizeof s->method, d, (size_t)(sp - d));
    const char *sp2 = memchr(sp + 1, ' ', l - (size_t)(sp + 1 - d));
    if (sp2) copy_span(s->request_uri, sizeof s->request_uri, sp + 1, (size_t)(sp2 - sp - 1));
    return 0;
}

/* ---- libosip2 path ---- */

static void from_fields(osip_from_t *f, char *uri, size_t usz, char *disp, size_t dsz, char *tag, size_t tsz)
{
    if (!f) return;
    char *u = NULL;
    if (f->url && osip_uri_to_str(f->url, &u) == 0) { copy_str(uri, usz, u); osip_free(u); }
    copy_str(disp, dsz, f->displayname);
    osip_generic_param_t *p = NULL;
    if (osip_from_param_get_byname(f, "tag", &p) == 0 && p) copy_str(tag, tsz, p->gvalue);
}

static void via_fields(osip_via_t *v, struct vx_sip_via *out)
{
    osip_generic_param_t *p = NULL;
    copy_str(out->transport, sizeof out->transport, v->protocol);
    copy_str(out->host, sizeof out->host, v->host);
    out->port = v->port ? atoi(v->port) & 0xffff : 0;
    if (osip_via_param_get_byname(v, "branch", &p) == 0 && p) copy_str(out->branch, sizeof out->branch, p->gvalue);
    p = NULL;
    if (osip_via_param_get_byname(v, "received", &p) == 0 && p) copy_str(out->received, sizeof out->received, p->gvalue);
    p = NULL;
    out->rport = -1;
    if (osip_via_param_get_byname(v, "rport", &p) == 0 && p) out->rport = p->gvalue ? atoi(p->gvalue) : 0;
}

static void osip_fields(osip_message_t *m, struct vx_sip *s)
{
    s->parsed_by_osip = true;
    s->is_request = m->sip_method != NULL;
    copy_str(s->method, sizeof s->method, m->sip_method);
    s->status = m->status_code;
    copy_str(s->reason, sizeof s->reason, m->reason_phrase);
    char *u = NULL;
    if (m->req_uri && osip_uri_to_str(m->req_uri, &u) == 0) { copy_str(s->request_uri, sizeof s->request_uri, u); osip_free(u); }
    if (m->call_id && osip_call_id_to_str(m->call_id, &u) == 0) { copy_str(s->call_id, sizeof s->call_id, u); osip_free(u); }
    if (m->cseq) {
        s->cseq = m->cseq->number ? (uint32_t)strtoul(m->cseq->number, NULL, 10) : 0;
        copy_str(s->cseq_method, sizeof s->cseq_method, m->cseq->method);
    }
    from_fields(m->from, s->from_uri, sizeof s->from_uri, s->from_display, sizeof s->from_display, s->from_tag, sizeof s->from_tag);
    from_fields(m->to, s->to_uri, sizeof s->to_uri, s->to_display, sizeof s->to_display, s->to_tag, sizeof s->to_tag);
    s->via_count = osip_list_size(&m->vias);
    for (int i = 0; i < s->via_count && i < VX_SIP_MAX_VIA; i++)
        via_fields(osip_list_get(&m->vias, i), &s->via[i]);
    osip_contact_t *c = osip_list_get(&m->contacts, 0);
    if (c && c->url && osip_uri_to_str(c->url, &u) == 0) { copy_str(s->contact, sizeof s->contact, u); osip_free(u); }
    osip_generic_param_t *p = NULL;
    if (c && osip_contact_param_get_byname(c, "expires", &p) == 0 && p && p->gvalue) s->contact_expires = atoi(p->gvalue);
    s->record_route_count = osip_list_size(&m->record_routes);
    osip_record_route_t *rr = osip_list_get(&m->record_routes, 0);
    if (rr && rr->url && osip_uri_to_str(rr->url, &u) == 0) { copy_str(s->record_route, sizeof s->record_route, u); osip_free(u); }
    osip_header_t *h = NULL;
    if (osip_message_header_get_byname(m, "expires", 0, &h) >= 0 && h && h->hvalue) s->expires = atoi(h->hvalue);
    h = NULL;
    if (osip_message_header_get_byname(m, "user-agent", 0, &h) >= 0 && h) copy_str(s->user_agent, sizeof s->user_agent, h->hvalue);
    h = NULL;
    if (osip_message_header_get_byname(m, "server", 0, &h) >= 0 && h) copy_str(s->server, sizeof s->server, h->hvalue);
    s->auth_challenge = osip_list_size(&m->www_authenticates) > 0 || osip_list_size(&m->proxy_authenticates) > 0;
    s->authorization = osip_list_size(&m->authorizations) > 0 || osip_list_size(&m->proxy_authorizations) > 0;
    if (m->content_type && m->content_type->type) {
        snprintf(s->content_type, sizeof s->content_type, "%s/%s", m->content_type->type,
                 m->content_type->subtype ? m->content_type->subtype : "");
    }
}

static void raw_cb(const char *n, size_t nlen, const char *v, size_t vlen, void *ctx)
{
    struct vx_sip *s = ctx;
    if (name_is(n, nlen, "Content-Length", "l") && s->content_length == -1)
        s->content_length = parse_length(v, vlen);
    else if (name_is(n, nlen, "Content-Type", "c") && !s->content_type[0])
        copy_span(s->content_type, sizeof s->content_type, v, vlen);
    else if (name_is(n, nlen, "Expires", NULL) && s->expires < 0)
        s->expires = span_int(v, vlen);
}

static void init_fields(struct vx_sip *s)
{
    memset(s, 0, sizeof *s);
    s->content_length = -1;
    s->contact_expires = -1;
    s->expires = -1;
}

static bool try_osip(const char *msg, size_t len, struct vx_sip *s)
{
    osip_message_t *m = NULL;
    if (osip_message_init(&m) != 0) return false;
    bool ok = osip_message_parse(m, msg, len) == 0 && m->call_id && m->cseq;
    if (ok) osip_fields(m, s);
    osip_message_free(m);
    return ok;
}

int vx_sip_parse(const uint8_t *data, size_t len, struct vx_sip *s)
{
    vx_sip_global_init();
    init_fields(s);
    if (!vx_sip_looks_like(data, len)) return -1;
    const char *d = (const char *)data;
    size_t hdr_end = find_header_end(data, len);
    s->header_len = hdr_end ? hdr_end : len;
    s->body_offset = s->header_len;
    s->body_len = len - s->header_len;
    s->header_lines = for_each_header(d, s->header_len, raw_cb, s);
    long long cl = s->content_length;
    int expires = s->expires;
    char ctype[64];
    memcpy(ctype, s->content_type, sizeof ctype);
    if (len > VX_SIP_MAX_MESSAGE || s->header_lines > 512 || !try_osip(d, len, s)) {
        if (scan_first_line(d, len, s) != 0) return -1;
        for_each_header(d, s->header_len, scan_cb, s);
    }
    s->content_length = cl;
    if (s->expires < 0) s->expires = expires;
    if (!s->content_type[0]) memcpy(s->content_type, ctype, sizeof ctype);
    return s->call_id[0] || s->parsed_by_osip ? 0 : -1;
}
