/* link.c — finds the IP header inside a captured frame for each supported link type.
 * Spec: IEEE 802.3/802.1Q/802.1ad, RFC 2516 (PPPoE), tcpdump.org LINKTYPE_LINUX_SLL/SLL2, LINKTYPE_NULL. */
#include "dissectors/link.h"
#include "dissectors/reader.h"
#include <string.h>

int vx_link_supported(int dlt)
{
    switch (dlt) {
    case VX_DLT_NULL: case VX_DLT_EN10MB: case VX_DLT_RAW_OLD: case VX_DLT_RAW_OLD2:
    case VX_DLT_LOOP: case VX_DLT_RAW: case VX_DLT_LINUX_SLL: case VX_DLT_IPV4:
    case VX_DLT_IPV6: case VX_DLT_LINUX_SLL2:
        return 1;
    default:
        return 0;
    }
}

const char *vx_link_name(int dlt)
{
    switch (dlt) {
    case VX_DLT_NULL: return "NULL";
    case VX_DLT_EN10MB: return "EN10MB";
    case VX_DLT_RAW_OLD: case VX_DLT_RAW_OLD2: case VX_DLT_RAW: return "RAW";
    case VX_DLT_LOOP: return "LOOP";
    case VX_DLT_LINUX_SLL: return "LINUX_SLL";
    case VX_DLT_IPV4: return "IPV4";
    case VX_DLT_IPV6: return "IPV6";
    case VX_DLT_LINUX_SLL2: return "LINUX_SLL2";
    default: return "UNKNOWN";
    }
}

static enum vx_link_status finish(struct vx_link *out, uint16_t ethertype, size_t offset)
{
    out->ethertype = ethertype;
    out->net_offset = offset;
    return (ethertype == VX_ETH_IPV4 || ethertype == VX_ETH_IPV6) ? VX_LINK_OK : VX_LINK_NOT_IP;
}

/* PPPoE session: 6-byte header, then a 2-byte PPP protocol. */
static enum vx_link_status pppoe(vx_reader *r, struct vx_link *out)
{
    rd_skip(r, 6);
    uint16_t ppp = rd_be16(r);
    if (r->bad) return VX_LINK_TRUNCATED;
    if (ppp == 0x0021) return finish(out, VX_ETH_IPV4, r->pos);
    if (ppp == 0x0057) return finish(out, VX_ETH_IPV6, r->pos);
    return VX_LINK_NOT_IP;
}

static enum vx_link_status ether_after_type(vx_reader *r, uint16_t type, struct vx_link *out)
{
    while (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
        if (out->vlan_tags >= VX_ETH_MAX_TAGS) return VX_LINK_UNSUPPORTED;
        uint16_t tci = rd_be16(r);
        type = rd_be16(r);
        if (r->bad) return VX_LINK_TRUNCATED;
        if (out->vlan_tags == 0) {
            out->pcp = (int8_t)(tci >> 13);
            out->vlan_id = tci & 0x0fff;
        }
        out->vlan_tags++;
    }
    if (type == 0x8864) return pppoe(r, out);
    return finish(out, type, r->pos);
}

enum vx_link_status vx_ether_dissect(const uint8_t *pkt, size_t caplen, struct vx_link *out)
{
    vx_reader r = rd_init(pkt, caplen);
    rd_skip(&r, 12);
    uint16_t type = rd_be16(&r);
    if (r.bad) return VX_LINK_TRUNCATED;
    return ether_after_type(&r, type, out);
}

static enum vx_link_status raw_ip(const uint8_t *pkt, size_t caplen, size_t off, struct vx_link *out)
{
    if (caplen <= off) return VX_LINK_TRUNCATED;
    uint8_t v = pkt[off] >> 4;
    if (v == 4) return finish(out, VX_ETH_IPV4, off);
    if (v == 6) return finish(out, VX_ETH_IPV6, off);
    return VX_LINK_NOT_IP;
}

static enum vx_link_status bsd_null(const uint8_t *pkt, size_t caplen, int dlt, struct vx_link *out)
{
    vx_reader r = rd_init(pkt, caplen);
    uint32_t fam = dlt == VX_DLT_LOOP ? rd_be32(&r) : rd_le32(&r);
    if (r.bad) return VX_LINK_TRUNCATED;
    if (fam > 0xffff) fam = __builtin_bswap32(fam); /* written on the other byte order */
    if (fam == 2) return finish(out, VX_ETH_IPV4, 4);
    if (fam == 24 || fam == 28 || fam == 30 || fam == 10) return finish(out, VX_ETH_IPV6, 4);
    return VX_LINK_NOT_IP;
}

enum vx_link_status vx_link_dissect(int dlt, const uint8_t *pkt, size_t caplen, struct vx_link *out)
{
    memset(out, 0, sizeof *out);
    out->pcp = -1;
    switch (dlt) {
    case VX_DLT_EN10MB:
        return vx_ether_dissect(pkt, caplen, out);
    case VX_DLT_LINUX_SLL: {
        vx_reader r = rd_init(pkt, caplen);
        rd_skip(&r, 14);
        uint16_t type = rd_be16(&r);
        if (r.bad) return VX_LINK_TRUNCATED;
        return ether_after_type(&r, type, out);
    }
    case VX_DLT_LINUX_SLL2: {
        vx_reader r = rd_init(pkt, caplen);
        uint16_t type = rd_be16(&r);
        rd_skip(&r, 18);
        if (r.bad) return VX_LINK_TRUNCATED;
        return ether_after_type(&r, type, out);
    }
    case VX_DLT_RAW: case VX_DLT_RAW_OLD: case VX_DLT_RAW_OLD2: case VX_DLT_IPV4: case VX_DLT_IPV6:
        return raw_ip(pkt, caplen, 0, out);
    case VX_DLT_NULL: case VX_DLT_LOOP:
        return bsd_null(pkt, caplen, dlt, out);
    default:
        return VX_LINK_UNSUPPORTED;
    }
}
