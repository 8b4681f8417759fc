/* rules_proxy.c — proxy interference (R-NO-PROXY, kind proxy).
 * SIP: hops that belong to neither the phone nor a VoiceX server — extra Via entries in the
 * phone's own transactions, Record-Route entries naming a non-VoiceX address, requests for a
 * VoiceX server or domain sent to another address; with two captures, Via hops added between
 * the LAN and the WAN capture ("proven"). Web: HTTP CONNECT, connections to proxy ports, TLS
 * server names of VoiceX hosts going to other addresses (traffic.h hints, nDPI). */
#include "analyzer/analyzer.h"
#include "analyzer/correlate.h"
#include "analyzer/rules.h"
#include "analyzer/traffic.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *ADVICE_SIP_PROXY =
    "Send the phones' SIP straight to the VoiceX servers: remove the SIP proxy / outbound proxy / "
    "SBC setting from the phones (or the DHCP option that sets it) and the transparent SIP proxy "
    "function from the router or firewall. VoiceX does not support traffic through a proxy.";

struct proxy_view {
    struct vx_acc dest, via_hop, record_route, proven;
};

/* "pbx01/02" -> "pbx01", "pbx02"; host matches a token or is below it ("pbx01.example.jp"). */
static bool token_match(const char *host, const char *token, size_t n)
{
    return n && !strncasecmp(host, token, n) && (host[n] == '\0' || host[n] == '.');
}

static bool voicex_domain(const struct vx_profile *p, const char *host)
{
    for (int i = 0; host[0] && i < p->server_count; i++) {
        const char *d = p->servers[i].domain;
        if (!d[0] || !strcmp(d, "custom")) continue;
        size_t first = strcspn(d, "/");
        if (token_match(host, d, first)) return true;
        size_t alpha = 0;
        while (alpha < first && isalpha((unsigned char)d[alpha])) alpha++;
        for (const char *t = d + first; *t == '/'; t += 1 + strcspn(t + 1, "/")) {
            char tok[40];
            snprintf(tok, sizeof tok, "%.*s%.*s", (int)alpha, d, (int)strcspn(t + 1, "/"), t + 1);
            if (token_match(host, tok, strlen(tok))) return true;
        }
    }
    return false;
}

static bool server_host(const struct vx_analysis *a, const char *host)
{
    vx_addr ad;
    return vx_host_addr(host, &ad) && vx_is_server(a, &ad);
}

/* Only SIP that involves VoiceX can break R-NO-PROXY: a message to or from a profile server,
 * or one whose Request-URI / To / From names a VoiceX server or domain. Other SIP on the
 * link (another PBX, a carrier trunk) may legitimately pass proxies. */
static bool involves_voicex(const struct vx_analysis *a, const struct vx_sip_msg *m, const struct vx_sip *s)
{
    if (m->from_server || m->to_server) return true;
    const char *uris[3] = { s->request_uri, s->to_uri, s->from_uri };
    for (int i = 0; i < 3; i++) {
        char host[VX_SIP_SHORT];
        vx_uri_host(uris[i], host, sizeof host);
        if (server_host(a, host) || voicex_domain(&a->profile, host)) return true;
    }
    return false;
}

/* A request of the customer side sent to a non-VoiceX address but meant for VoiceX. */
static void check_dest(const struct vx_analysis *a, struct proxy_view *v, const struct vx_sip_msg *m,
                       const struct vx_sip *s)
{
    if (!m->is_request || !m->from_customer || m->to_server || m->retransmission) return;
    char ruri[VX_SIP_SHORT], to[VX_SIP_SHORT], dst[VX_ADDR_STRLEN];
    vx_uri_host(s->request_uri, ruri, sizeof ruri);
    vx_uri_host(s->to_uri, to, sizeof to);
    bool for_voicex = server_host(a, ruri) || voicex_domain(&a->profile, ruri) || voicex_domain(&a->profile, to);
    if (!for_voicex) return;
    vx_acc_hit(&v->dest, m->call, m->ref, "%s for %s (To %s) was sent to %s, which is not a VoiceX server of the "
               "profile", m->method, s->request_uri, s->to_uri, vx_endpoint_str(&m->dst, dst, sizeof dst));
}

/* Via entries above the originator's in the phone's own transactions (requests it sends, the
 * responses it gets): each is a hop between phone and VoiceX, and none may be a non-VoiceX one. */
static void check_vias(const struct vx_analysis *a, struct proxy_view *v, const struct vx_sip_msg *m,
                       const struct vx_sip *s)
{
    int n = s->via_count < VX_SIP_MAX_VIA ? s->via_count : VX_SIP_MAX_VIA;
    if (n < 2 || m->retransmission) return;
    const char *origin = s->via[n - 1].host;
    if (server_host(a, origin) || (m->is_request && m->from_server)) return;   /* VoiceX's own transaction */
    for (int i = 0; i < n - 1; i++) {
        if (server_host(a, s->via[i].host)) continue;
        char src[VX_ADDR_STRLEN];
        vx_acc_hit(&v->via_hop, m->call, m->ref, "%s (frame %llu, %s) carries %d Via entries; hop %d is %s:%d, neither "
                   "the phone (%s) nor a VoiceX server", m->is_request ? m->method : "response",
                   (unsigned long long)m->ref.frame, vx_endpoint_str(&m->src, src, sizeof src), s->via_count,
                   i + 1, s->via[i].host, s->via[i].port, origin);
        return;
    }
}

/* Record-Route entries (read from the stored message text) naming a non-VoiceX IP address. */
static void check_record_route(const struct vx_analysis *a, struct proxy_view *v, const struct vx_sip_msg *m)
{
    if (!m->raw || m->retransmission) return;
    char foreign[300] = "";
    size_t fl = 0;
    for (const char *p = m->raw; p && *p && !(p[0] == '\r' || p[0] == '\n'); p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncasecmp(p, "Record-Route:", 13)) continue;
        const char *end = strpbrk(p, "\r\n");
        for (const char *e = strstr(p, "sip:"); e && (!end || e < end); e = strstr(e + 4, "sip:")) {
            char host[VX_SIP_SHORT];
            vx_addr ad;
            if (!vx_host_addr(vx_uri_host(e, host, sizeof host), &ad) || vx_is_server(a, &ad)) continue;
            int k = snprintf(foreign + fl, sizeof foreign - fl, "%s%s", fl ? ", " : "", host);
            if (k > 0 && (size_t)k < sizeof foreign - fl) fl += (size_t)k;
        }
    }
    if (fl)
        vx_acc_hit(&v->record_route, m->call, m->ref, "%s (frame %llu) has Record-Route hops %s that are not VoiceX "
                   "servers", m->is_request ? m->method : "response", (unsigned long long)m->ref.frame, foreign);
}

/* Two captures: the WAN copy of a phone-side message has more Via entries than the LAN copy. */
static void check_proven(struct vx_analysis *a, struct proxy_view *v, struct vx_sip *s)
{
    struct vx_correlation c;
    if (!a->wan || vx_correlate_sip(a, a->wan, &c) != 0) return;
    for (size_t i = 0; i < c.count; i++) {
        const struct vx_sip_msg *lm = vx_msg(a, c.pairs[i].lan), *wm = vx_msg(a->wan, c.pairs[i].wan);
        if (lm->retransmission || vx_msg_parse(lm, s) != 0) continue;
        int lan_vias = s->via_count;
        if (vx_msg_parse(wm, s) != 0 || s->via_count <= lan_vias || s->via_count < 1) continue;
        char ws[VX_ADDR_STRLEN];
        vx_acc_hit(&v->proven, lm->call, lm->ref, "%s: %d Via on the LAN, %d on the WAN (WAN frame %llu from %s); the "
                   "added hop is %s:%d", lm->is_request ? lm->method : "response", lan_vias, s->via_count,
                   (unsigned long long)wm->ref.frame, vx_endpoint_str(&wm->src, ws, sizeof ws), s->via[0].host, s->via[0].port);
        vx_acc_ref(&v->proven, vx_wan_ref(wm->ref));
    }
    vx_correlation_free(&c);
}

static void emit_sip(struct vx_analysis *a, const struct proxy_view *v)
{
    struct vx_finding *f = vx_acc_emit(a, &v->proven, "VX-PROXY-HOP-PROVEN", "proxy", VX_SEV_CRITICAL, "R-NO-PROXY", "proven");
    vx_finding_summary(f, "A SIP proxy between the LAN and WAN captures adds its own Via hop");
    vx_finding_advice(f, "%s", ADVICE_SIP_PROXY);
    f = vx_acc_emit(a, &v->via_hop, "VX-PROXY-VIA-HOP", "proxy", VX_SEV_CRITICAL, "R-NO-PROXY", "strong");
    vx_finding_summary(f, "SIP passes through a hop that is neither the phone nor VoiceX (extra Via)");
    vx_finding_advice(f, "%s", ADVICE_SIP_PROXY);
    f = vx_acc_emit(a, &v->record_route, "VX-PROXY-RECORD-ROUTE", "proxy", VX_SEV_CRITICAL, "R-NO-PROXY", "strong");
    vx_finding_summary(f, "A non-VoiceX proxy stays in the call path (Record-Route)");
    vx_finding_advice(f, "%s", ADVICE_SIP_PROXY);
    f = vx_acc_emit(a, &v->dest, "VX-PROXY-SIP-DEST", "proxy", VX_SEV_WARNING, "R-NO-PROXY", "strong");
    vx_finding_summary(f, "SIP for VoiceX is sent to an address that is not a VoiceX server");
    vx_finding_advice(f, "%s", ADVICE_SIP_PROXY);
}

/* ---- web traffic hints ---- */

static bool voicex_name(const struct vx_profile *p, const char *name, int *app)
{
    *app = -1;
    for (int i = 0; i < p->app_host_count; i++)
        if (!strcasecmp(name, p->app_hosts[i].name)) { *app = i; return true; }
    return voicex_domain(p, name);
}

static void check_hint(struct vx_analysis *a, const struct vx_traffic_hint *h, struct vx_acc *connect,
                       struct vx_acc *port, struct vx_acc *sni)
{
    char cl[VX_ADDR_STRLEN], sv[VX_ADDR_STRLEN];
    vx_endpoint_str(&h->client, cl, sizeof cl);
    vx_endpoint_str(&h->server, sv, sizeof sv);
    struct vx_ref ref = { h->file, h->frame };
    if (h->kind == VX_HINT_HTTP_CONNECT) {
        vx_acc_hit(connect, -1, ref, "%s asked the HTTP proxy %s to CONNECT to %s", cl, sv, h->text);
    } else if (h->kind == VX_HINT_HTTP_PROXY_PORT) {
        if (!vx_is_server(a, &h->server.addr))
            vx_acc_hit(port, -1, ref, "%s opened a TCP connection to %s (%s, a usual web-proxy port)", cl, sv, h->text);
    } else {
        int app;
        if (!voicex_name(&a->profile, h->text, &app) || vx_is_server(a, &h->server.addr)) return;
        if (app >= 0 && vx_addr_equal(&a->profile.app_hosts[app].addr, &h->server.addr)) return;
        vx_acc_hit(sni, -1, ref, "TLS for the VoiceX host %s went to %s instead of the VoiceX address", h->text, sv);
    }
}

static void web_proxies(struct vx_analysis *a)
{
    if (!a->traffic) return;
    struct vx_acc *acc = calloc(3, sizeof *acc);
    if (!acc) return;
    for (size_t i = 0; i < vx_traffic_hint_count(a->traffic); i++)
        check_hint(a, vx_traffic_hint(a->traffic, i), &acc[0], &acc[1], &acc[2]);
    const char *advice = "Let the phones, softphone apps and browsers reach VoiceX (servers 443/8088/8089 and the "
                         "cloudsoftphone hosts on 443) directly: add them to the proxy's bypass list (PAC/no_proxy) "
                         "or take the proxy out of their path.";
    struct vx_finding *f = vx_acc_emit(a, &acc[0], "VX-PROXY-HTTP-CONNECT", "proxy", VX_SEV_WARNING, "R-NO-PROXY", "strong");
    vx_finding_summary(f, "Web traffic goes through an HTTP proxy (CONNECT)");
    vx_finding_advice(f, "%s", advice);
    f = vx_acc_emit(a, &acc[2], "VX-PROXY-TLS-ELSEWHERE", "proxy", VX_SEV_WARNING, "R-NO-PROXY", "strong");
    vx_finding_summary(f, "TLS for VoiceX hosts goes to a non-VoiceX address (intercepting proxy?)");
    vx_finding_advice(f, "%s", advice);
    f = vx_acc_emit(a, &acc[1], "VX-PROXY-PORT", "proxy", VX_SEV_INFO, "R-NO-PROXY", "suspected");
    vx_finding_summary(f, "Connections to usual web-proxy ports (3128/8080/8000/8888)");
    vx_finding_advice(f, "If this is a web proxy, make sure VoiceX traffic bypasses it. %s", advice);
    free(acc);
}

void vx_rule_proxy(struct vx_analysis *a)
{
    struct proxy_view *v = calloc(1, sizeof *v);
    struct vx_sip *s = malloc(sizeof *s);
    for (size_t i = 0; v && s && i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (vx_msg_parse(m, s) != 0 || !involves_voicex(a, m, s)) continue;
        check_dest(a, v, m, s);
        check_vias(a, v, m, s);
        check_record_route(a, v, m);
    }
    if (v && s) check_proven(a, v, s);
    if (v && s) emit_sip(a, v);
    free(v); free(s);
    web_proxies(a);
}
