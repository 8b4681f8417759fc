/* ip.c — IPv4 (RFC 791) and IPv6 (RFC 8200) header dissection, including fragment fields.
 * Every length in the header is checked against the captured bytes before use. */
#include "dissectors/ip.h"
#include "dissectors/reader.h"
#include <string.h>

static void set_payload(struct vx_ip *out, const uint8_t *pkt, size_t caplen, size_t hdr, size_t wire)
{
    size_t have = caplen > hdr ? caplen - hdr : 0;
    out->wire_payload_len = wire;
    out->payload = pkt + hdr;
    out->payload_len = wire < have ? wire : have;
    out->cut_by_snaplen = wire > have;
}

enum vx_ip_status vx_ipv4_dissect(const uint8_t *pkt, size_t caplen, struct vx_ip *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(pkt, caplen);
    uint8_t vihl = rd_u8(&r);
    uint8_t tos = rd_u8(&r);
    uint16_t total = rd_be16(&r);
    uint16_t id = rd_be16(&r);
    uint16_t frag = rd_be16(&r);
    out->ttl = rd_u8(&r);
    out->proto = rd_u8(&r);
    rd_skip(&r, 2);
    const uint8_t *src = rd_take(&r, 4);
    const uint8_t *dst = rd_take(&r, 4);
    if (r.bad) return VX_IP_TRUNCATED;
    size_t ihl = (size_t)(vihl & 0x0f) * 4;
    if ((vihl >> 4) != 4 || ihl < 20) return VX_IP_INVALID;
    if (ihl > caplen) return VX_IP_TRUNCATED;
    if (total == 0) total = (uint16_t)(caplen > 0xffff ? 0xffff : caplen); /* TSO: length left 0 */
    if (total < ihl) return VX_IP_INVALID;
    out->version = 4;
    out->dscp = tos >> 2;
    out->src.family = out->dst.family = 4;
    memcpy(out->src.b, src, 4);
    memcpy(out->dst.b, dst, 4);
    out->frag_id = id;
    out->frag_offset = (uint32_t)(frag & 0x1fff) * 8;
    out->more_fragments = (frag & 0x2000) != 0;
    out->is_fragment = out->more_fragments || out->frag_offset != 0;
    set_payload(out, pkt, caplen, ihl, total - ihl);
    return VX_IP_OK;
}

static bool is_ipv6_ext(uint8_t nh)
{
    return nh == 0 || nh == 43 || nh == 44 || nh == 60 || nh == 51 || nh == 135 || nh == 139 ||
           nh == 140;
}

/* Walks extension headers; leaves r at the upper-layer header. */
static enum vx_ip_status walk_ipv6_ext(vx_reader *r, uint8_t nh, struct vx_ip *out)
{
    while (is_ipv6_ext(nh)) {
        if (out->ext_headers >= VX_IPV6_MAX_EXT) return VX_IP_INVALID;
        out->ext_headers++;
        uint8_t next = rd_u8(r);
        uint8_t len8 = rd_u8(r);
        if (nh == 44) {
            uint16_t off = rd_be16(r);
            out->frag_id = rd_be32(r);
            out->frag_offset = (uint32_t)(off >> 3) * 8;
            out->more_fragments = (off & 1) != 0;
            out->is_fragment = true;
        } else {
            size_t len = nh == 51 ? ((size_t)len8 + 2) * 4 : ((size_t)len8 + 1) * 8;
            rd_skip(r, len - 2);
        }
        if (r->bad) return VX_IP_TRUNCATED;
        nh = next;
        if (out->is_fragment) break; /* the rest is the fragmentable part, reassembled later */
    }
    out->proto = nh;
    return VX_IP_OK;
}

enum vx_ip_status vx_ipv6_dissect(const uint8_t *pkt, size_t caplen, struct vx_ip *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(pkt, caplen);
    uint32_t vtf = rd_be32(&r);
    uint16_t plen = rd_be16(&r);
    uint8_t nh = rd_u8(&r);
    out->ttl = rd_u8(&r);
    const uint8_t *src = rd_take(&r, 16);
    const uint8_t *dst = rd_take(&r, 16);
    if (r.bad) return VX_IP_TRUNCATED;
    if ((vtf >> 28) != 6) return VX_IP_INVALID;
    out->version = 6;
    out->dscp = (uint8_t)((vtf >> 20) & 0xff) >> 2;
    out->src.family = out->dst.family = 6;
    memcpy(out->src.b, src, 16);
    memcpy(out->dst.b, dst, 16);
    size_t wire_end = plen ? 40 + (size_t)plen : caplen; /* jumbo / offload: trust capture */
    vx_reader body = rd_init(pkt, wire_end < caplen ? wire_end : caplen);
    body.pos = 40;
    enum vx_ip_status st = walk_ipv6_ext(&body, nh, out);
    if (st != VX_IP_OK) return st;
    if (wire_end < body.pos) return VX_IP_INVALID;
    set_payload(out, pkt, caplen, body.pos, wire_end - body.pos);
    return VX_IP_OK;
}

enum vx_ip_status vx_ip_dissect(const uint8_t *pkt, size_t caplen, struct vx_ip *out)
{
    if (caplen < 1) { memset(out, 0, sizeof *out); return VX_IP_TRUNCATED; }
    switch (pkt[0] >> 4) {
    case 4: return vx_ipv4_dissect(pkt, caplen, out);
    case 6: return vx_ipv6_dissect(pkt, caplen, out);
    default: memset(out, 0, sizeof *out); return VX_IP_INVALID;
    }
}
