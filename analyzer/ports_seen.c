/* ports_seen.c — remembers UDP/TCP exchanged with a VoiceX server that the decoder did not
 * take as SIP, RTP/RTCP or STUN (it goes on to nDPI as other traffic), per server address,
 * server-side port and protocol, so the port rules can name ports the requirements do not
 * list. Bounded by VX_CAP_SERVER_PORTS (overflow counted as an "events" eviction). */
#include "analyzer/analyzer.h"

static struct vx_server_port *find_or_add(struct vx_analysis *a, const vx_addr *server,
                                          uint16_t port, uint8_t proto)
{
    for (uint32_t i = 0; i < a->server_port_count; i++) {
        struct vx_server_port *p = &a->server_ports[i];
        if (p->port == port && p->proto == proto && vx_addr_equal(&p->server, server)) return p;
    }
    if (a->server_port_count >= VX_CAP_SERVER_PORTS) { vx_evict(a, VX_EVICT_EVENTS); return NULL; }
    struct vx_server_port *p = &a->server_ports[a->server_port_count++];
    p->server = *server;
    p->port = port;
    p->proto = proto;
    return p;
}

void vx_server_port_note(struct vx_analysis *a, const struct vx_pkt_ctx *ctx)
{
    bool to = vx_is_server(a, &ctx->dst.addr), from = vx_is_server(a, &ctx->src.addr);
    if (to == from) return;                 /* neither, or server to server */
    const vx_endpoint *server = to ? &ctx->dst : &ctx->src;
    const vx_endpoint *peer = to ? &ctx->src : &ctx->dst;
    if (!ctx->src.port && !ctx->dst.port) return;
    struct vx_server_port *p = find_or_add(a, &server->addr, server->port, ctx->l4proto);
    if (!p) return;
    if (!p->to_server && !p->from_server) {
        p->peer = *peer;
        p->first_ns = ctx->ts_ns;
        p->first_ref = ctx->ref;
    }
    if (to) p->to_server++; else p->from_server++;
    p->bytes += ctx->ip_len;
    p->last_ns = ctx->ts_ns;
    p->last_ref = ctx->ref;
}
