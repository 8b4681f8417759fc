/* decode.c — the per-packet pipeline: link -> IP (tunnels, fragments) -> UDP/TCP/ICMP ->
 * SIP, RTP/RTCP, STUN or other traffic. Only dissectors read bytes; this file routes. */
#include "analyzer/analyzer.h"
#include "analyzer/traffic.h"
#include "dissectors/icmp.h"
#include "dissectors/ip.h"
#include "dissectors/link.h"
#include "dissectors/reader.h"
#include "dissectors/sctp.h"
#include "dissectors/stun.h"
#include "dissectors/tcp.h"
#include "dissectors/tunnel.h"
#include "dissectors/udp.h"
#include <string.h>

#define MAX_TUNNEL_DEPTH 3

static void handle_ip(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len, int depth);
static void handle_inner(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len,
                         const struct vx_tunnel *t, int depth);

static bool is_stun_port(const struct vx_analysis *a, uint16_t port)
{
    return port == a->profile.stun_port || port == 3478;
}

static bool handle_udp(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len, int depth)
{
    struct vx_udp u;
    if (vx_udp_dissect(data, len, &u) != 0) return false;
    a->c.udp++;
    ctx->src.port = u.sport;
    ctx->dst.port = u.dport;
    if (u.payload_len == 0) return false;
    struct vx_tunnel t;
    if ((u.dport == 2152 || u.sport == 2152) && depth < MAX_TUNNEL_DEPTH && vx_gtpu_dissect(u.payload, u.payload_len, &t) == 0) {
        handle_inner(a, ctx, u.payload, u.payload_len, &t, depth);
        return true;
    }
    if (vx_sip_looks_like(u.payload, u.payload_len)) {
        vx_sip_handle(a, ctx, u.payload, u.payload_len);
        return true;
    }
    /* cut so short that not even the SIP start line is left: still count it as lost SIP */
    if (ctx->cut && (vx_profile_is_sip_port(&a->profile, u.sport) || vx_profile_is_sip_port(&a->profile, u.dport))) {
        a->c.sip_cut++;
        return true;
    }
    if (vx_media_packet(a, ctx, u.payload, u.payload_len)) return true;
    struct vx_stun st;
    if ((is_stun_port(a, u.sport) || is_stun_port(a, u.dport)) &&
        vx_stun_dissect(u.payload, u.payload_len, &st) == 0) {
        vx_stun_packet(a, ctx, u.payload, u.payload_len);
        return true;
    }
    return false;
}

static void handle_icmp(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len, bool v6)
{
    struct vx_icmp ic;
    a->c.icmp++;
    if (vx_icmp_dissect(data, len, v6, &ic) != 0 || !ic.is_unreachable || !ic.has_quote) return;
    if (a->icmp.count >= VX_CAP_EVENTS) { vx_evict(a, VX_EVICT_EVENTS); return; }
    struct vx_icmp_event *e = vx_vec_push(&a->icmp);
    if (!e) return;
    e->ts_ns = ctx->ts_ns;
    e->ref = ctx->ref;
    e->reporter = ctx->src.addr;
    e->orig_src = ic.quoted_src;
    e->orig_dst = ic.quoted_dst;
    e->orig_proto = ic.quoted_proto;
    e->type = ic.type;
    e->code = ic.code;
}

/* Tunnels (GRE, GTP-U): the inner packet goes through the pipeline again. */
static void handle_inner(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len,
                         const struct vx_tunnel *t, int depth)
{
    if (depth >= MAX_TUNNEL_DEPTH || t->offset > len) return;
    a->c.tunnels++;
    data += t->offset;
    len -= t->offset;
    if (t->inner == VX_INNER_IP) { handle_ip(a, ctx, data, len, depth + 1); return; }
    struct vx_link l;
    memset(&l, 0, sizeof l);
    if (vx_ether_dissect(data, len, &l) == VX_LINK_OK) handle_ip(a, ctx, data + l.net_offset, len - l.net_offset, depth + 1);
}

static void handle_sctp(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len)
{
    struct vx_sctp sc;
    if (vx_sctp_dissect(data, len, &sc) != 0) return;
    ctx->src.port = sc.sport;
    ctx->dst.port = sc.dport;
    for (int i = 0; i < sc.count; i++) {
        size_t n = 0;
        const uint8_t *msg = vx_sctp_chunk(a, ctx, &sc.data[i], &n);
        if (msg && vx_sip_looks_like(msg, n)) vx_sip_handle(a, ctx, msg, n);
    }
}

static bool reassemble(struct vx_analysis *a, struct vx_pkt_ctx *ctx, struct vx_ip *ip)
{
    a->c.frag_packets++;
    size_t n = 0;
    const uint8_t *whole = vx_frag_add(a, ctx, ip->frag_id, ip->proto, ip->frag_offset,
                                       ip->more_fragments, ip->payload, ip->payload_len, &n);
    if (!whole) return false;
    a->c.frag_reassembled++;
    ip->payload = whole;
    ip->payload_len = n;
    ctx->fragmented = true;
    return true;
}

static void handle_ip(struct vx_analysis *a, struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len, int depth)
{
    struct vx_ip ip;
    enum vx_ip_status st = vx_ip_dissect(data, len, &ip);
    if (st != VX_IP_OK) {
        if (st == VX_IP_TRUNCATED) a->c.ip_truncated++; else a->c.ip_invalid++;
        return;
    }
    ctx->src.addr = ip.src;
    ctx->dst.addr = ip.dst;
    ctx->src.port = ctx->dst.port = 0;
    ctx->dscp = ip.dscp;
    ctx->l4proto = ip.proto;
    ctx->ip_len = (uint32_t)(len < 0xffffffffu ? len : 0xffffffffu);
    ctx->cut = ctx->cut || ip.cut_by_snaplen;
    if (ip.is_fragment && !reassemble(a, ctx, &ip)) return;
    bool voip = false;
    switch (ip.proto) {
    case 17: voip = handle_udp(a, ctx, ip.payload, ip.payload_len, depth); break;
    case 132: handle_sctp(a, ctx, ip.payload, ip.payload_len); return;
    case 6: a->c.tcp++; voip = vx_tcp_segment(a, ctx, ip.payload, ip.payload_len); break;
    case 1: handle_icmp(a, ctx, ip.payload, ip.payload_len, false); break;
    case 58: handle_icmp(a, ctx, ip.payload, ip.payload_len, true); break;
    case 4: case 41:
        if (depth < MAX_TUNNEL_DEPTH) { a->c.tunnels++; handle_ip(a, ctx, ip.payload, ip.payload_len, depth + 1); }
        return;
    case 47: {
        struct vx_tunnel t;
        if (vx_gre_dissect(ip.payload, ip.payload_len, &t) == 0) handle_inner(a, ctx, ip.payload, ip.payload_len, &t, depth);
        return;
    }
    default: a->c.other_l4++; break;
    }
    if (!voip && (ip.proto == 17 || ip.proto == 6)) vx_server_port_note(a, ctx);
    if (!voip && a->traffic && !ip.is_fragment)
        vx_traffic_packet(a->traffic, ctx->ts_ns, ctx->ref.file, ctx->ref.frame, data, len,
                          ip.proto, &ctx->src, &ctx->dst);
}

void vx_analyze_packet(struct vx_analysis *a, const struct vx_packet *p)
{
    a->c.packets++;
    a->c.bytes += p->caplen;
    if (a->c.packets == 1) a->first_ns = a->last_ns = p->ts_ns;
    if (p->ts_ns > a->last_ns) a->last_ns = p->ts_ns;
    struct vx_link link;
    enum vx_link_status ls = vx_link_dissect(p->dlt, p->data, p->caplen, &link);
    if (ls != VX_LINK_OK) {
        if (ls == VX_LINK_NOT_IP) a->c.non_ip++; else a->c.link_errors++;
        return;
    }
    struct vx_pkt_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.ref.file = p->file_index;
    ctx.ref.frame = p->frame;
    ctx.ts_ns = p->ts_ns;
    ctx.rel_ms = (double)(p->ts_ns - a->first_ns) / 1e6;
    ctx.pcp = link.pcp;
    ctx.cut = p->caplen < p->len;
    handle_ip(a, &ctx, p->data + link.net_offset, p->caplen - link.net_offset, 0);
}
