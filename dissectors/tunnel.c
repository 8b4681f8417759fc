/* tunnel.c — GRE (RFC 2784/2890, enhanced GRE RFC 2637 carrying PPP, ERSPAN type II,
 * 0x6558 transparent Ethernet) and GTP-U (3GPP TS 29.281) decapsulation. */
#include "dissectors/tunnel.h"
#include "dissectors/reader.h"
#include <string.h>

/* PPP inside enhanced GRE: optional FF 03, then a 1- or 2-byte protocol. */
static int ppp_inner(vx_reader *r, struct vx_tunnel *out)
{
    if (rd_left(r) >= 2 && r->data[r->pos] == 0xFF && r->data[r->pos + 1] == 0x03) rd_skip(r, 2);
    if (!rd_has(r, 1)) return -1;
    uint16_t proto = (r->data[r->pos] & 1) ? rd_u8(r) : rd_be16(r);
    if (r->bad || (proto != 0x21 && proto != 0x57)) return -1;
    out->inner = VX_INNER_IP;
    out->offset = r->pos;
    return 0;
}

int vx_gre_dissect(const uint8_t *data, size_t len, struct vx_tunnel *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    uint16_t flags = rd_be16(&r);
    uint16_t proto = rd_be16(&r);
    unsigned version = flags & 7;
    if (flags & 0x8000) rd_skip(&r, 4);          /* checksum + reserved */
    if (flags & 0x2000) rd_skip(&r, 4);          /* key (or payload length + call id) */
    if (flags & 0x1000) rd_skip(&r, 4);          /* sequence */
    if (version == 1 && (flags & 0x0080)) rd_skip(&r, 4);   /* acknowledgment */
    if (r.bad) return -1;
    if (proto == 0x880B) return ppp_inner(&r, out);
    if (proto == 0x88BE) { if (!rd_skip(&r, 8)) return -1; proto = 0x6558; }
    if (proto == 0x0800 || proto == 0x86DD) out->inner = VX_INNER_IP;
    else if (proto == 0x6558) out->inner = VX_INNER_ETHER;
    else return -1;
    out->offset = r.pos;
    return 0;
}

int vx_gtpu_dissect(const uint8_t *data, size_t len, struct vx_tunnel *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    uint8_t flags = rd_u8(&r);
    uint8_t type = rd_u8(&r);
    rd_skip(&r, 6);
    if (r.bad || (flags >> 5) != 1 || type != 0xFF) return -1;
    if (flags & 0x07) {
        rd_skip(&r, 3);
        uint8_t next = rd_u8(&r);
        for (int guard = 0; next && guard < 8 && !r.bad; guard++) {
            uint8_t words = rd_u8(&r);
            if (words == 0) return -1;
            rd_skip(&r, (size_t)words * 4 - 2);
            next = rd_u8(&r);
        }
    }
    if (r.bad || !rd_has(&r, 1)) return -1;
    uint8_t v = r.data[r.pos] >> 4;
    if (v != 4 && v != 6) return -1;
    out->inner = VX_INNER_IP;
    out->offset = r.pos;
    return 0;
}
