/* rules_ports.c — VoiceX traffic on ports the requirements do not list (R-OUT-SIP/R-IN-SIP,
 * R-OUT-RTP/R-IN-RTP, other UDP/TCP with a server), SIP on 5060 where 5080 is the normal
 * port (info), TCP connections for the browser phone (8088/8089, R-BROWSER), the smartphone
 * app hosts (R-APP-HOSTS) and the servers' HTTPS (R-OUT-HTTPS) that failed or were reset,
 * and encrypted signalling/media vxdiag cannot inspect (SIP over TLS, SRTP). */
#include "analyzer/rules.h"
#include "analyzer/analyzer.h"
#include <stdio.h>
#include <string.h>

#define MAX_GROUPS 128
#define GROUP_REFS 4

/* Traffic with one server-side port, one direction. */
struct port_group {
    vx_addr server;
    uint16_t port;
    uint8_t proto;
    bool inbound;              /* sent by the server */
    uint32_t count;
    int32_t call;
    vx_endpoint peer;
    struct vx_ref refs[GROUP_REFS];
    uint32_t nrefs;
};

struct groups { struct port_group g[MAX_GROUPS]; size_t n; };

static struct port_group *group_add(struct groups *gs, const vx_endpoint *server, uint8_t proto,
                                    bool inbound, const vx_endpoint *peer, struct vx_ref ref, int32_t call)
{
    struct port_group *g = NULL;
    for (size_t i = 0; i < gs->n && !g; i++)
        if (gs->g[i].port == server->port && gs->g[i].proto == proto && gs->g[i].inbound == inbound &&
            vx_addr_equal(&gs->g[i].server, &server->addr)) g = &gs->g[i];
    if (!g) {
        if (gs->n >= MAX_GROUPS) return NULL;
        g = &gs->g[gs->n++];
        memset(g, 0, sizeof *g);
        g->server = server->addr;
        g->port = server->port;
        g->proto = proto;
        g->inbound = inbound;
        g->peer = *peer;
        g->call = call;
    }
    g->count++;
    if (g->nrefs < GROUP_REFS) g->refs[g->nrefs++] = ref;
    return g;
}

static void add_refs(struct vx_finding *f, const struct port_group *g)
{
    for (uint32_t i = 0; i < g->nrefs; i++) vx_finding_evidence(f, g->refs[i]);
}

static const char *listed_ports_text(const struct vx_profile *p, char *buf, size_t size)
{
    size_t len = 0;
    for (int i = 0; i < p->sip_port_count && len < size; i++) {
        int n = snprintf(buf + len, size - len, "%s%u", i ? ", " : "", p->sip_ports[i]);
        if (n > 0) len += (size_t)n;
    }
    if (len < size) snprintf(buf + len, size - len, " (SIP/UDP), %u-%u (RTP/UDP)", p->rtp_port_min, p->rtp_port_max);
    return buf;
}

/* ---- SIP to/from a server port not in sip_ports; SIP on 5060 (info) ---- */

static void sip_port_findings(struct vx_analysis *a, const struct groups *gs)
{
    char srv[VX_ADDR_STRLEN], peer[VX_ADDR_STRLEN], listed[160];
    for (size_t i = 0; i < gs->n; i++) {
        const struct port_group *g = &gs->g[i];
        struct vx_finding *f = vx_finding_add(a, "VX-PORT-SIP-UNLISTED", "port_violation", VX_SEV_WARNING,
                                              g->inbound ? "R-IN-SIP" : "R-OUT-SIP", "proven", g->call);
        vx_addr_str(&g->server, srv, sizeof srv);
        vx_endpoint_str(&g->peer, peer, sizeof peer);
        vx_finding_summary(f, "SIP %s VoiceX server %s uses port %u, which the requirements do not list",
                           g->inbound ? "from" : "to", srv, g->port);
        vx_finding_detail(f, "%u SIP messages %s %s:%u (%s, peer %s). Listed server ports: %s.", g->count,
                          g->inbound ? "from" : "to", srv, g->port, g->proto == 6 ? "TCP" : "UDP", peer,
                          listed_ports_text(&a->profile, listed, sizeof listed));
        vx_finding_advice(f, "Configure the phones (and any SBC/PBX trunk) to use the VoiceX SIP port 5080 "
                          "(5060, 5081 TLS or 4399 IPv6 also listed); a firewall set up from the VoiceX "
                          "requirements will block port %u.", g->port);
        add_refs(f, g);
    }
}

static void sip_5060_finding(struct vx_analysis *a, const struct groups *g5060, uint32_t n5060, uint32_t total)
{
    const struct vx_profile *p = &a->profile;
    char list[256] = "", srv[VX_ADDR_STRLEN];
    size_t len = 0;
    for (size_t i = 0; i < g5060->n && len < sizeof list; i++) {
        int n = snprintf(list + len, sizeof list - len, "%s%s (%u)", i ? ", " : "",
                         vx_addr_str(&g5060->g[i].server, srv, sizeof srv), g5060->g[i].count);
        if (n > 0) len += (size_t)n;
    }
    struct vx_finding *f = vx_finding_add(a, "VX-PORT-SIP-5060", "port_violation", VX_SEV_INFO, "R-OUT-SIP",
                                          "proven", g5060->n ? g5060->g[0].call : -1);
    vx_finding_summary(f, "SIP is sent to the servers' port %u; the normal VoiceX port is %u", 5060u, p->normal_sip_port);
    vx_finding_detail(f, "%u of %u SIP messages to VoiceX went to port 5060: %s. Port 5060 is allowed, but "
                      "it is the port SIP-ALG functions of routers watch.", n5060, total, list);
    vx_finding_advice(f, "Prefer port %u in the phones' settings (the normal port of the VoiceX PJSIP stack); "
                      "it also keeps most router SIP-ALGs from touching the traffic.", p->normal_sip_port);
    for (size_t i = 0; i < g5060->n; i++) add_refs(f, &g5060->g[i]);
}

static void check_sip_ports(struct vx_analysis *a)
{
    const struct vx_profile *p = &a->profile;
    struct groups bad, on5060;
    bad.n = on5060.n = 0;
    uint32_t to_server = 0, n5060 = 0;
    bool flag_5060 = p->normal_sip_port != 5060 && vx_profile_is_sip_port(p, 5060);
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (m->to_server == m->from_server) continue;
        const vx_endpoint *srv = m->to_server ? &m->dst : &m->src;
        const vx_endpoint *peer = m->to_server ? &m->src : &m->dst;
        if (!vx_profile_is_sip_port(p, srv->port))
            group_add(&bad, srv, m->transport, m->from_server, peer, m->ref, m->call);
        if (!m->to_server) continue;
        to_server++;
        if (flag_5060 && srv->port == 5060) { n5060++; group_add(&on5060, srv, m->transport, false, peer, m->ref, m->call); }
    }
    sip_port_findings(a, &bad);
    if (n5060) sip_5060_finding(a, &on5060, n5060, to_server);
}

/* ---- RTP streams with a server port outside the RTP range ---- */

static void check_rtp_ports(struct vx_analysis *a)
{
    const struct vx_profile *p = &a->profile;
    char srv[VX_ADDR_STRLEN], peer[VX_ADDR_STRLEN];
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        bool to = vx_is_server(a, &s->dst.addr), from = vx_is_server(a, &s->src.addr);
        if (to == from) continue;
        const vx_endpoint *sv = to ? &s->dst : &s->src;
        if (vx_profile_is_rtp_port(p, sv->port)) continue;
        vx_endpoint_str(sv, srv, sizeof srv);
        vx_endpoint_str(to ? &s->src : &s->dst, peer, sizeof peer);
        struct vx_finding *f = vx_finding_add(a, "VX-PORT-RTP-UNLISTED", "port_violation", VX_SEV_WARNING,
                                              to ? "R-OUT-RTP" : "R-IN-RTP", "proven", s->call);
        vx_finding_summary(f, "RTP stream %s %s server port %u, outside %u-%u", s->id, to ? "to" : "from",
                           sv->port, p->rtp_port_min, p->rtp_port_max);
        vx_finding_detail(f, "Stream %s (%s, SSRC 0x%08x, %u packets) %s %s, peer %s; the requirements list "
                          "only server ports %u-%u for RTP.", s->id, s->codec[0] ? s->codec : "unknown codec",
                          s->ssrc, s->st.packets, to ? "to" : "from", srv, peer, p->rtp_port_min, p->rtp_port_max);
        vx_finding_advice(f, "Check what announced this port in SDP (a SIP-ALG or an SBC rewriting the media port) "
                          "and allow UDP to/from the VoiceX servers' ports %u-%u only.", p->rtp_port_min, p->rtp_port_max);
        vx_finding_evidence(f, s->first_ref);
    }
}

/* ---- any other UDP/TCP with a server on an unlisted port ---- */

static bool listed_other(const struct vx_profile *p, const struct vx_server_port *sp)
{
    if (vx_profile_is_sip_port(p, sp->port)) return true;
    if (sp->proto == 17) return vx_profile_is_rtp_port(p, sp->port) || sp->port == p->stun_port;
    return sp->port == p->https_port || sp->port == p->browser_ports[0] || sp->port == p->browser_ports[1];
}

static void check_other_ports(struct vx_analysis *a)
{
    const struct vx_profile *p = &a->profile;
    char srv[VX_ADDR_STRLEN], peer[VX_ADDR_STRLEN];
    for (uint32_t i = 0; i < a->server_port_count; i++) {
        const struct vx_server_port *sp = &a->server_ports[i];
        if (listed_other(p, sp)) continue;
        bool udp = sp->proto == 17;
        vx_addr_str(&sp->server, srv, sizeof srv);
        vx_endpoint_str(&sp->peer, peer, sizeof peer);
        struct vx_finding *f = vx_finding_add(a, "VX-PORT-OTHER-UNLISTED", "port_violation", VX_SEV_WARNING,
                                              udp ? "R-OUT-SIP" : "R-OUT-HTTPS", "proven", -1);
        vx_finding_summary(f, "%s traffic with VoiceX server %s on port %u, which the requirements do not list",
                           udp ? "UDP" : "TCP", srv, sp->port);
        vx_finding_detail(f, "%s %s:%u <-> %s: %llu packets to the server, %llu from it, %llu bytes, over %.1f s. "
                          "Listed: UDP %u-%u and SIP ports, TCP %u and %u/%u.", udp ? "UDP" : "TCP", srv, sp->port, peer,
                          (unsigned long long)sp->to_server, (unsigned long long)sp->from_server,
                          (unsigned long long)sp->bytes, (double)(sp->last_ns - sp->first_ns) / 1e9,
                          p->rtp_port_min, p->rtp_port_max, p->https_port, p->browser_ports[0], p->browser_ports[1]);
        vx_finding_advice(f, "Find the device or setting that uses %s port %u towards VoiceX (a phone, SBC or "
                          "port-translating NAT). Firewalls set up from the VoiceX requirements will block it.",
                          udp ? "UDP" : "TCP", sp->port);
        vx_finding_evidence(f, sp->first_ref);
        vx_finding_evidence(f, sp->last_ref);
    }
}

void vx_rule_ports(struct vx_analysis *a)
{
    check_sip_ports(a);
    check_rtp_ports(a);
    check_other_ports(a);
}

/* ---- TCP to the browser-phone ports, the app hosts and the servers' HTTPS ---- */

enum svc { SVC_NONE, SVC_BROWSER, SVC_APP, SVC_HTTPS };

static enum svc service_of(const struct vx_profile *p, const struct vx_tcp_conn *c)
{
    if (c->app_host >= 0) return SVC_APP;
    if (!c->to_server) return SVC_NONE;
    if (c->server.port == p->browser_ports[0] || c->server.port == p->browser_ports[1]) return SVC_BROWSER;
    return c->server.port == p->https_port ? SVC_HTTPS : SVC_NONE;
}

struct svc_group {
    enum svc svc;
    vx_endpoint server;
    uint32_t conns, ok, no_answer, refused, reset, syns;
    struct vx_ref refs[GROUP_REFS];
    uint32_t nrefs;
};

/* Outcome of one connection: 0 fine or too recent to judge, else which failure. */
static uint32_t *outcome(struct svc_group *g, const struct vx_analysis *a, const struct vx_tcp_conn *c)
{
    if (c->synack && c->rst && !c->data) return &g->reset;
    if (c->synack) return &g->ok;
    if (c->rst) return &g->refused;
    bool old = (double)(a->last_ns - c->syn_ns) / 1e9 >= a->profile.unanswered_after_s;
    return (old || c->syns > 1) ? &g->no_answer : NULL;
}

static void svc_finding(struct vx_analysis *a, const struct svc_group *g)
{
    static const char *const ids[] = { "", "VX-PORT-BROWSER-FAILED", "VX-PORT-APP-HOST-FAILED", "VX-PORT-HTTPS-FAILED" };
    static const char *const rules[] = { "", "R-BROWSER", "R-APP-HOSTS", "R-OUT-HTTPS" };
    static const char *const what[] = { "", "browser phone (WebSocket)", "smartphone/PC app host", "VoiceX HTTPS (web UI, provisioning)" };
    char srv[VX_ADDR_STRLEN];
    vx_endpoint_str(&g->server, srv, sizeof srv);
    uint32_t bad = g->no_answer + g->refused + g->reset;
    const char *name = g->svc == SVC_APP ? a->profile.app_hosts[vx_profile_app_host(&a->profile, &g->server.addr)].name : "";
    struct vx_finding *f = vx_finding_add(a, ids[g->svc], "port_violation", VX_SEV_WARNING, rules[g->svc],
                                          g->ok ? "strong" : "proven", -1);
    vx_finding_summary(f, "%u of %u TCP connections to the %s %s%s%s failed", bad, g->conns, what[g->svc], srv,
                       name[0] ? " " : "", name);
    vx_finding_detail(f, "To %s: %u connections, %u SYNs; %u never answered (SYN without SYN-ACK), %u refused "
                      "(reset instead of SYN-ACK), %u reset before any data, %u succeeded.", srv, g->conns, g->syns,
                      g->no_answer, g->refused, g->reset, g->ok);
    vx_finding_advice(f, "Allow outbound TCP from the terminals to %s and make sure no proxy or filter resets it%s.",
                      srv, g->svc == SVC_BROWSER ? " (WebSocket 8088 and secure WebSocket 8089 must both pass)" :
                      g->svc == SVC_APP ? " (all three cloudsoftphone hosts on 443)" : "");
    for (uint32_t i = 0; i < g->nrefs; i++) vx_finding_evidence(f, g->refs[i]);
}

void vx_rule_tcp_services(struct vx_analysis *a)
{
    struct svc_group gs[64];
    size_t n = 0;
    for (size_t i = 0; i < a->tcp_conns.count; i++) {
        const struct vx_tcp_conn *c = vx_vec_at(&a->tcp_conns, i);
        enum svc s = service_of(&a->profile, c);
        if (s == SVC_NONE) continue;
        struct svc_group *g = NULL;
        for (size_t k = 0; k < n && !g; k++) if (gs[k].svc == s && vx_endpoint_equal(&gs[k].server, &c->server)) g = &gs[k];
        if (!g && n < sizeof gs / sizeof gs[0]) { g = &gs[n++]; memset(g, 0, sizeof *g); g->svc = s; g->server = c->server; }
        if (!g) continue;
        uint32_t *o = outcome(g, a, c);
        if (!o) continue;
        (*o)++;
        g->conns++;
        g->syns += c->syns;
        if (o != &g->ok && g->nrefs < GROUP_REFS) g->refs[g->nrefs++] = c->ref;
    }
    for (size_t k = 0; k < n; k++) if (gs[k].conns > gs[k].ok) svc_finding(a, &gs[k]);
}
