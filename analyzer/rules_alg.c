/* rules_alg.c — SIP-ALG / header mangling (R-NO-ALG, kind sip_alg).
 * With two captures (a->wan): each SIP message is paired across LAN and WAN (correlate.h) and
 * its lines are diffed; plain NAT only rewrites the IP/UDP header, so every changed, added or
 * removed SIP line is mangling ("proven"). With one capture: what the packets still betray —
 * a public server's response whose Via received= is a private address (nf_nat_sip writes it
 * back), a NATed phone's response without received=, echoed Via/From/To that differ from the
 * request, Content-Length != body, SDP o=/c= disagreeing, public addresses in a LAN phone's SIP,
 * and a private Call-ID host behind a public Via (the ALG rewrote all but the Call-ID). */
#include "analyzer/analyzer.h"
#include "analyzer/correlate.h"
#include "analyzer/rules.h"
#include "dissectors/sdp.h"
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *ADVICE_ALG =
    "Turn off the SIP-ALG of the router/firewall between the phones and the Internet (menu names: "
    "\"SIP ALG\", \"SIP Helper\", \"SIP transformations\", \"SIP inspection/fixup\", \"SIP NAT\"). "
    "On Linux-based routers remove the SIP conntrack helper (nf_nat_sip / nf_conntrack_sip, "
    "\"CT --helper sip\" rules). VoiceX handles NAT itself (received/rport, symmetric RTP); "
    "nothing on the path may modify SIP.";

/* ================= two captures: line diff of paired messages ================= */

#define DIFF_MAX_LINES 96
#define DIFF_LINE 240
#define DIFF_GROUPS 128
#define DIFF_TEXT 6000

struct sip_line {
    char name[32];             /* lower-case header name ("via") or "o=" for body lines */
    char norm[DIFF_LINE];      /* name + trimmed value, for comparison */
    char show[DIFF_LINE];      /* the line as printed */
};

struct diff_group {            /* one finding per call (registrations etc.: call -1) */
    int32_t call;
    uint32_t messages;
    bool all_address_swaps;
    char names[160];           /* changed header names, comma-separated */
    char text[DIFF_TEXT];
    size_t len;
    struct vx_acc ev;
};

static const char *long_name(const char *n)
{
    static const char *const compact[][2] = {
        { "v", "via" }, { "m", "contact" }, { "l", "content-length" }, { "f", "from" }, { "t", "to" },
        { "i", "call-id" }, { "c", "content-type" }, { "k", "supported" }, { "e", "content-encoding" },
    };
    for (size_t i = 0; i < sizeof compact / sizeof compact[0]; i++)
        if (!strcmp(n, compact[i][0])) return compact[i][1];
    return n;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    size_t k = 0;
    while (s[k] && isspace((unsigned char)s[k])) k++;
    memmove(s, s + k, n - k + 1);
}

static void make_line(struct sip_line *l, const char *p, size_t n, bool body)
{
    char raw[DIFF_LINE];
    if (n >= sizeof raw) n = sizeof raw - 1;
    memcpy(raw, p, n);
    raw[n] = '\0';
    trim(raw);
    snprintf(l->show, sizeof l->show, "%s", raw);
    char *colon = body ? NULL : strchr(raw, ':');
    if (!colon) {
        snprintf(l->name, sizeof l->name, "%.2s", raw);
        snprintf(l->norm, sizeof l->norm, "%s", raw);
        return;
    }
    *colon = '\0';
    trim(raw);
    for (char *c = raw; *c; c++) *c = (char)tolower((unsigned char)*c);
    snprintf(l->name, sizeof l->name, "%s", long_name(raw));
    char *value = colon + 1;
    trim(value);
    snprintf(l->norm, sizeof l->norm, "%s:%s", l->name, value);
}

/* Splits a message into header and body lines (the start line counts as a header). */
static size_t split_lines(const char *raw, struct sip_line *out)
{
    size_t n = 0;
    bool body = false;
    const char *p = raw;
    while (*p && n < DIFF_MAX_LINES) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        size_t l = len;
        if (l && p[l - 1] == '\r') l--;
        if (l == 0 && !body) body = true;
        else if (l > 0) { make_line(&out[n], p, l, body || n == 0); n++; }
        if (!e) break;
        p = e + 1;
    }
    return n;
}

/* LCS table over the normalised lines; marks lines present on both sides. */
static void common_lines(const struct sip_line *x, size_t nx, const struct sip_line *y, size_t ny,
                         bool *kx, bool *ky)
{
    static uint16_t t[DIFF_MAX_LINES + 1][DIFF_MAX_LINES + 1];
    for (size_t i = nx + 1; i-- > 0;)
        for (size_t j = ny + 1; j-- > 0;) {
            if (i == nx || j == ny) t[i][j] = 0;
            else if (!strcmp(x[i].norm, y[j].norm)) t[i][j] = (uint16_t)(t[i + 1][j + 1] + 1);
            else t[i][j] = t[i + 1][j] > t[i][j + 1] ? t[i + 1][j] : t[i][j + 1];
        }
    size_t i = 0, j = 0;
    while (i < nx && j < ny) {
        if (!strcmp(x[i].norm, y[j].norm)) { kx[i++] = true; ky[j++] = true; }
        else if (t[i + 1][j] >= t[i][j + 1]) i++;
        else j++;
    }
}

/* Replaces every occurrence of `from` in s by `to` (into out). */
static void replace_all(const char *s, const char *from, const char *to, char *out, size_t size)
{
    size_t fl = strlen(from), o = 0;
    while (*s && o + 1 < size) {
        if (fl && !strncmp(s, from, fl)) {
            int n = snprintf(out + o, size - o, "%s", to);
            o += n > 0 ? (size_t)n : 0;
            s += fl;
        } else {
            out[o++] = *s++;
        }
    }
    out[o < size ? o : size - 1] = '\0';
}

/* True when `after` is `before` with the inside address (or endpoint) swapped for the outside one. */
static bool address_swap(const char *before, const char *after, const vx_endpoint *b, const vx_endpoint *o)
{
    char bt[VX_ADDR_STRLEN], ot[VX_ADDR_STRLEN], tmp[2 * DIFF_LINE], tmp2[2 * DIFF_LINE];
    vx_addr_str(&b->addr, bt, sizeof bt);
    vx_addr_str(&o->addr, ot, sizeof ot);
    replace_all(before, bt, ot, tmp, sizeof tmp);
    if (!strcmp(tmp, after)) return true;
    char bp[16], op[16];
    snprintf(bp, sizeof bp, "%s%u", "=", b->port);
    snprintf(op, sizeof op, "%s%u", "=", o->port);
    replace_all(tmp, bp, op, tmp2, sizeof tmp2);
    return !strcmp(tmp2, after);
}

static void group_text(struct diff_group *g, const char *fmt, const char *a1, const char *a2)
{
    if (g->len + 8 >= sizeof g->text) return;
    int n = snprintf(g->text + g->len, sizeof g->text - g->len, fmt, a1, a2);
    if (n < 0) return;
    g->len += (size_t)n;
    if (g->len >= sizeof g->text) {
        g->len = sizeof g->text - 1;
        memcpy(g->text + g->len - 4, " ...", 4);
    }
}

static void note_name(struct diff_group *g, const char *name)
{
    char key[40];
    snprintf(key, sizeof key, "%s,", name);
    if (strstr(g->names, key)) return;
    size_t l = strlen(g->names);
    snprintf(g->names + l, sizeof g->names - l, "%s", key);
}

struct side {                 /* one paired message as travelling: before -> after */
    struct sip_line *lines;
    size_t n;
    bool *kept;
    vx_endpoint ep;            /* the customer-side endpoint on that side */
};

/* Lines only in `before` pair with lines of the same name only in `after` as "changed". */
static void describe_changes(struct diff_group *g, struct side *b, struct side *o)
{
    bool *used = calloc(o->n ? o->n : 1, 1);
    if (!used) return;
    for (size_t i = 0; i < b->n; i++) {
        if (b->kept[i]) continue;
        size_t j = 0;
        while (j < o->n && (o->kept[j] || used[j] || strcmp(o->lines[j].name, b->lines[i].name))) j++;
        note_name(g, b->lines[i].name);
        if (j == o->n) { group_text(g, "; removed \"%s\"%s", b->lines[i].show, ""); g->all_address_swaps = false; continue; }
        used[j] = true;
        group_text(g, "; \"%s\" -> \"%s\"", b->lines[i].show, o->lines[j].show);
        if (strcmp(b->lines[i].name, "content-length") &&
            !address_swap(b->lines[i].show, o->lines[j].show, &b->ep, &o->ep)) g->all_address_swaps = false;
    }
    for (size_t j = 0; j < o->n; j++) {
        if (o->kept[j] || used[j]) continue;
        note_name(g, o->lines[j].name);
        group_text(g, "; added \"%s\"%s", o->lines[j].show, "");
        g->all_address_swaps = false;
    }
    free(used);
}

static struct diff_group *group_for(struct diff_group *gs, size_t *n, int32_t call)
{
    for (size_t i = 0; i < *n; i++) if (gs[i].call == call) return &gs[i];
    if (*n >= DIFF_GROUPS) return NULL;
    struct diff_group *g = &gs[(*n)++];
    memset(g, 0, sizeof *g);
    g->call = call;
    g->all_address_swaps = true;
    return g;
}

/* Diffs one pair; returns false when nothing changed or a proxy explains the change. */
static bool diff_pair(struct diff_group *g, const struct vx_sip_msg *lm, const struct vx_sip_msg *wm,
                      struct sip_line *ll, struct sip_line *wl)
{
    size_t nl = split_lines(lm->raw ? lm->raw : "", ll), nw = split_lines(wm->raw ? wm->raw : "", wl);
    bool kl[DIFF_MAX_LINES] = { false }, kw[DIFF_MAX_LINES] = { false };
    common_lines(ll, nl, wl, nw, kl, kw);
    size_t vias_l = 0, vias_w = 0, changed = 0;
    for (size_t i = 0; i < nl; i++) { vias_l += !strcmp(ll[i].name, "via"); changed += !kl[i]; }
    for (size_t j = 0; j < nw; j++) { vias_w += !strcmp(wl[j].name, "via"); changed += !kw[j]; }
    if (!changed || vias_l != vias_w) return false;   /* different hop count: a proxy (rules_proxy.c) */
    bool out = lm->from_customer;
    struct side lan = { ll, nl, kl, out ? lm->src : lm->dst }, wan = { wl, nw, kw, out ? wm->src : wm->dst };
    char head[300];
    snprintf(head, sizeof head, "%s[%s] (LAN frame %llu, WAN frame %llu, %s)", g->len ? " | " : "", lan.lines[0].show,
             (unsigned long long)lm->ref.frame, (unsigned long long)wm->ref.frame,
             out ? "phone -> Internet" : "Internet -> phone");
    group_text(g, "%s%s", head, "");
    if (out) describe_changes(g, &lan, &wan);
    else describe_changes(g, &wan, &lan);
    g->messages++;
    vx_acc_ref(&g->ev, lm->ref);
    vx_acc_ref(&g->ev, vx_wan_ref(wm->ref));
    return true;
}

static void emit_diff_group(struct vx_analysis *a, const struct diff_group *g)
{
    struct vx_finding *f = vx_finding_add(a, "VX-ALG-MANGLED", "sip_alg", VX_SEV_CRITICAL, "R-NO-ALG", "proven", g->call);
    if (!f) return;
    char names[160];
    snprintf(names, sizeof names, "%s", g->names);
    size_t nl = strlen(names);
    if (nl) names[nl - 1] = '\0';
    vx_finding_summary(f, "A device between the LAN and WAN captures rewrote %u SIP message%s (%s)", g->messages,
                       g->messages == 1 ? "" : "s", names);
    bool cl = strstr(g->names, "content-length") != NULL;
    const char *family = g->all_address_swaps
        ? (cl ? "Pattern: only the phone's private address (and port) was replaced by the NAT's public one, "
                "with Content-Length adjusted - the Linux netfilter SIP helper (nf_conntrack_sip/nf_nat_sip, used "
                "by most Linux-based routers as their \"SIP ALG\") does exactly this."
              : "Pattern: only the phone's private address (and port) was replaced by the NAT's public one - "
                "what the Linux netfilter SIP helper (nf_conntrack_sip/nf_nat_sip, used by most Linux-based "
                "routers as their \"SIP ALG\") does.")
        : "Pattern: lines were added, removed or rewritten beyond an address swap - a SIP-aware firewall, "
          "SBC or B2BUA function (\"SIP inspection\"/\"SIP fixup\") rather than plain NAT.";
    vx_finding_detail(f, "Plain NAT changes only the IP/UDP header; these SIP lines differ between the two "
                      "captures (in travel order): %s. %s", g->text, family);
    vx_finding_advice(f, "%s", ADVICE_ALG);
    f->occurrences = g->messages;
    for (uint32_t i = 0; i < g->ev.nrefs; i++) vx_finding_evidence(f, g->ev.refs[i]);
}

static void two_capture_diff(struct vx_analysis *a)
{
    struct vx_correlation c;
    if (!a->wan || vx_correlate_sip(a, a->wan, &c) != 0) return;
    struct diff_group *gs = calloc(DIFF_GROUPS, sizeof *gs);
    struct sip_line *ll = calloc(DIFF_MAX_LINES, sizeof *ll), *wl = calloc(DIFF_MAX_LINES, sizeof *wl);
    size_t ng = 0;
    for (size_t i = 0; gs && ll && wl && i < c.count; i++) {
        const struct vx_sip_msg *lm = vx_msg(a, c.pairs[i].lan), *wm = vx_msg(a->wan, c.pairs[i].wan);
        /* a copy cut by a capture's snap length differs only because the capture lost bytes */
        if (lm->retransmission || lm->cut_by_snaplen || wm->cut_by_snaplen) continue;
        struct diff_group *g = group_for(gs, &ng, lm->call);
        if (g) diff_pair(g, lm, wm, ll, wl);
    }
    for (size_t i = 0; gs && i < ng; i++) if (gs[i].messages) emit_diff_group(a, &gs[i]);
    free(gs); free(ll); free(wl);
    vx_correlation_free(&c);
}

/* ================= one capture ================= */

struct one_view {
    struct vx_acc via_rewrite, no_received, echo, content_length, sdp_mismatch, public_addr, callid, via_params;
    bool no_received_strong;
};

static bool is_private_host(const char *host)
{
    vx_addr ad;
    return vx_host_addr(host, &ad) && vx_addr_is_private(&ad);
}

static bool is_public_host(const struct vx_analysis *a, const char *host)
{
    vx_addr ad;
    return vx_host_addr(host, &ad) && !vx_addr_is_private(&ad) && !vx_is_server(a, &ad);
}

/* Echoed Via/From/To/Call-ID/CSeq of a response compared with the request's. */
static void check_echo(struct one_view *v, const struct vx_sip_msg *m, const struct vx_sip_msg *q,
                       const struct vx_sip *rs, const struct vx_sip *qs)
{
    char diff[700] = "";
    size_t n = 0;
#define ECHO(cond, label, x, y) \
    if (cond) n += (size_t)snprintf(diff + n, n < sizeof diff ? sizeof diff - n : 0, "%s%s sent \"%s\", echoed \"%s\"", \
                                    n ? "; " : "", label, x, y)
    const struct vx_sip_via *qv = &qs->via[0], *rv = &rs->via[0];
    ECHO(strcasecmp(qv->host, rv->host), "Via host", qv->host, rv->host);
    char qp[12], rp[12];
    snprintf(qp, sizeof qp, "%d", qv->port);
    snprintf(rp, sizeof rp, "%d", rv->port);
    ECHO(qv->port != rv->port, "Via port", qp, rp);
    ECHO(strcmp(qs->from_uri, rs->from_uri), "From", qs->from_uri, rs->from_uri);
    ECHO(strcmp(qs->from_tag, rs->from_tag), "From tag", qs->from_tag, rs->from_tag);
    ECHO(strcmp(qs->to_uri, rs->to_uri), "To", qs->to_uri, rs->to_uri);
    ECHO(strcmp(qs->call_id, rs->call_id), "Call-ID", qs->call_id, rs->call_id);
#undef ECHO
    if (n) vx_acc_hit(&v->echo, m->call, m->ref, "%d response (frame %llu) to %s (frame %llu): %s.", m->status,
                      (unsigned long long)m->ref.frame, qs->method, (unsigned long long)q->ref.frame, diff);
    if (n) vx_acc_ref(&v->echo, q->ref);
}

static void check_response(const struct vx_analysis *a, struct one_view *v, const struct vx_sip_msg *m,
                           const struct vx_sip *rs, struct vx_sip *qs)
{
    if (!m->from_server || vx_addr_is_private(&m->src.addr) || rs->via_count < 1) return;
    const struct vx_sip_via *tv = &rs->via[0];
    char src[VX_ADDR_STRLEN];
    vx_endpoint_str(&m->src, src, sizeof src);
    const struct vx_sip_msg *q = m->request >= 0 ? vx_msg(a, (size_t)m->request) : NULL;
    bool have_q = q && q->from_customer && vx_msg_parse(q, qs) == 0 && qs->via_count > 0;
    if (have_q && !m->retransmission) check_echo(v, m, q, rs, qs);
    if (!is_private_host(tv->host)) return;
    if (tv->received[0] && is_private_host(tv->received))
        vx_acc_hit(&v->via_rewrite, m->call, m->ref,
                   "%d response from VoiceX server %s to %s carries Via %s:%d;received=%s: the server can only "
                   "have seen the NAT's public address, so the Via was rewritten to the public address on the "
                   "way out and received= written back to the private one on the way in", rs->status, src,
                   rs->cseq_method, tv->host, tv->port, tv->received);
    else if (!tv->received[0]) {
        if (have_q && qs->via[0].rport >= 0) v->no_received_strong = true;
        vx_acc_hit(&v->no_received, m->call, m->ref,
                   "%d response from VoiceX server %s to %s: the phone's Via holds the private address %s but "
                   "carries no received= (a server adds it whenever the packet's source differs from the Via, "
                   "so the Via that reached it must have held the public address)", rs->status, src,
                   rs->cseq_method, tv->host);
    }
}

static void check_content_length(struct one_view *v, const struct vx_sip_msg *m, const struct vx_sip *s)
{
    if (m->transport != 17 || m->cut_by_snaplen || s->content_length < 0) return;
    if ((unsigned long long)s->content_length == (unsigned long long)s->body_len) return;
    vx_acc_hit(&v->content_length, m->call, m->ref, "%s (frame %llu): Content-Length %lld but the body has %zu bytes",
               m->is_request ? m->method : "response", (unsigned long long)m->ref.frame, s->content_length, s->body_len);
}

/* SDP of a message sent by the customer side: o= vs c=, and public addresses from a private source. */
static void check_sdp(const struct vx_analysis *a, struct one_view *v, const struct vx_sip_msg *m,
                      const struct vx_sip *s)
{
    struct vx_sdp sdp;
    if (!m->has_sdp || s->body_offset + s->body_len > m->raw_len ||
        vx_sdp_parse((const uint8_t *)m->raw + s->body_offset, s->body_len, &sdp) != 0) return;
    vx_addr c = sdp.has_session_conn ? sdp.session_conn : (sdp.media_count && sdp.media[0].has_conn ? sdp.media[0].conn : (vx_addr){ 0 });
    char ct[VX_ADDR_STRLEN], ot[VX_ADDR_STRLEN];
    vx_addr_str(&c, ct, sizeof ct);
    vx_addr_str(&sdp.origin, ot, sizeof ot);
    bool o_real = sdp.has_origin && sdp.origin.family && !(sdp.origin.family == 4 && (sdp.origin.b[0] == 0 || sdp.origin.b[0] == 127));
    if (o_real && c.family && !vx_addr_equal(&c, &sdp.origin))
        vx_acc_hit(&v->sdp_mismatch, m->call, m->ref, "%s (frame %llu): SDP o= says %s but c= says %s",
                   m->is_request ? m->method : "response", (unsigned long long)m->ref.frame, ot, ct);
    if (!vx_addr_is_private(&m->src.addr)) return;
    if (c.family && !vx_addr_is_private(&c) && !vx_is_server(a, &c))
        vx_acc_hit(&v->public_addr, m->call, m->ref, "%s (frame %llu) sent from a private address has SDP c=%s",
                   m->is_request ? m->method : "response", (unsigned long long)m->ref.frame, ct);
}

/* Via/Contact of a message from a private source holding a public address; Call-ID fingerprint. */
static void check_addresses(const struct vx_analysis *a, struct one_view *v, const struct vx_sip_msg *m,
                            const struct vx_sip *s)
{
    char chost[VX_SIP_SHORT], src[VX_ADDR_STRLEN];
    vx_uri_host(s->contact, chost, sizeof chost);
    vx_addr_str(&m->src.addr, src, sizeof src);
    const char *via = s->via_count ? s->via[0].host : "";
    const char *label = m->is_request ? m->method : "response";
    if (vx_addr_is_private(&m->src.addr)) {
        if (is_public_host(a, via) || is_public_host(a, chost))
            vx_acc_hit(&v->public_addr, m->call, m->ref, "%s (frame %llu) sent from the private address %s has "
                       "Via host %s and Contact host %s", label, (unsigned long long)m->ref.frame, src, via, chost);
        return;
    }
    const char *at = strrchr(s->call_id, '@');
    vx_addr va;
    if (at && is_private_host(at + 1) && vx_host_addr(via, &va) && vx_addr_equal(&va, &m->src.addr) && s->via_count == 1)
        vx_acc_hit(&v->callid, m->call, m->ref, "%s (frame %llu) from %s: Via host %s and Contact host %s are the "
                   "public address, but the Call-ID \"%s\" names the private address %s", label,
                   (unsigned long long)m->ref.frame, src, via, chost, s->call_id, at + 1);
}

/* A request's own top Via may carry an empty rport (RFC 3581) but never received= or an rport
 * value: those are what the next hop writes into responses. Seen on a request going out, they
 * mean a middlebox edited the Via on the way (an ALG "fixing" NAT, or a proxy). */
static void check_via_params(struct one_view *v, const struct vx_sip_msg *m, const struct vx_sip *s)
{
    if (!m->is_request || !s->via_count || s->via_count > VX_SIP_MAX_VIA) return;
    const struct vx_sip_via *via = &s->via[0];
    if (!via->received[0] && via->rport <= 0) return;
    vx_acc_hit(&v->via_params, m->call, m->ref, "%s (frame %llu) sent by the customer side carries a top Via with "
               "%s%s%s%s: only the next hop writes these, into responses", m->method, (unsigned long long)m->ref.frame,
               via->received[0] ? "received=" : "", via->received, via->received[0] && via->rport > 0 ? " and " : "",
               via->rport > 0 ? "an rport value" : "");
}

static void scan_message(const struct vx_analysis *a, struct one_view *v, const struct vx_sip_msg *m,
                         struct vx_sip *s, struct vx_sip *qs)
{
    if (vx_msg_parse(m, s) != 0) return;
    check_content_length(v, m, s);
    if (!m->is_request) check_response(a, v, m, s, qs);
    if (!m->from_customer || m->retransmission) return;
    if (m->to_server) check_via_params(v, m, s);
    if (m->to_server || vx_addr_is_private(&m->src.addr)) check_addresses(a, v, m, s);
    check_sdp(a, v, m, s);
}

/* The one-capture findings: which accumulator, how it is reported, and the advice that
 * precedes the common ALG advice. */
static const struct one_view_finding {
    size_t acc;                /* offsetof(struct one_view, ...) */
    const char *id;
    enum vx_severity severity;
    const char *confidence;
    const char *summary, *advice;
} ONE_VIEW_FINDINGS[] = {
    { offsetof(struct one_view, via_rewrite), "VX-ALG-VIA-REWRITE", VX_SEV_CRITICAL, "strong",
      "SIP-ALG: responses from VoiceX carry received= with the phone's private address", "" },
    { offsetof(struct one_view, echo), "VX-ALG-ECHO-MISMATCH", VX_SEV_CRITICAL, "strong",
      "SIP-ALG: responses do not echo the Via/From/To the phone sent", "" },
    { offsetof(struct one_view, no_received), "VX-ALG-NO-RECEIVED", VX_SEV_WARNING, NULL,
      "SIP-ALG suspected: a NATed phone's responses come back without received=", "" },
    { offsetof(struct one_view, content_length), "VX-ALG-CONTENT-LENGTH", VX_SEV_CRITICAL, "strong",
      "SIP messages whose Content-Length does not match the body",
      "A device that edits SIP bodies (SIP-ALG) without fixing Content-Length, or a broken sender. " },
    { offsetof(struct one_view, sdp_mismatch), "VX-ALG-SDP-MISMATCH", VX_SEV_WARNING, "suspected",
      "SDP o= and c= name different addresses (one was rewritten?)",
      "Phones put the same address in o= and c=; an ALG often rewrites only one. " },
    { offsetof(struct one_view, public_addr), "VX-ALG-PUBLIC-ADDR", VX_SEV_WARNING, "suspected",
      "A phone on a private address sends public addresses in its SIP",
      "Unless the phone uses STUN on purpose, something rewrote its SIP before the capture point. " },
    { offsetof(struct one_view, via_params), "VX-ALG-VIA-PARAMS", VX_SEV_WARNING, "suspected",
      "SIP-ALG fingerprint: requests leave with received= / rport values already in their Via",
      "Phones send an empty rport at most; a device on the path filled the Via in. " },
    { offsetof(struct one_view, callid), "VX-ALG-CALLID-PRIVATE", VX_SEV_WARNING, "suspected",
      "SIP-ALG fingerprint: public Via/Contact but a private address in the Call-ID",
      "Under plain NAT the phone's SIP keeps its private address everywhere; an ALG rewrites "
      "Via/Contact/SDP but leaves the Call-ID (unless the phone uses STUN). " },
};

static void emit_one_view(struct vx_analysis *a, const struct one_view *v)
{
    for (size_t i = 0; i < sizeof ONE_VIEW_FINDINGS / sizeof ONE_VIEW_FINDINGS[0]; i++) {
        const struct one_view_finding *d = &ONE_VIEW_FINDINGS[i];
        const struct vx_acc *acc = (const struct vx_acc *)((const char *)v + d->acc);
        const char *confidence = d->confidence ? d->confidence : v->no_received_strong ? "strong" : "suspected";
        struct vx_finding *f = vx_acc_emit(a, acc, d->id, "sip_alg", d->severity, "R-NO-ALG", confidence);
        vx_finding_summary(f, "%s", d->summary);
        vx_finding_advice(f, "%s%s", d->advice, ADVICE_ALG);
    }
}

void vx_rule_alg(struct vx_analysis *a)
{
    two_capture_diff(a);
    struct one_view *v = calloc(1, sizeof *v);
    struct vx_sip *s = malloc(sizeof *s), *qs = malloc(sizeof *qs);
    for (size_t i = 0; v && s && qs && i < a->messages.count; i++) scan_message(a, v, vx_msg(a, i), s, qs);
    if (v && s && qs) emit_one_view(a, v);
    free(v); free(s); free(qs);
}
