/* icmp.c — ICMP (RFC 792) and ICMPv6 (RFC 4443) destination unreachable messages, with
 * the quoted original datagram's addresses and ports. */
#include "dissectors/icmp.h"
#include "dissectors/ip.h"
#include "dissectors/reader.h"
#include <string.h>

int vx_icmp_dissect(const uint8_t *data, size_t len, bool v6, struct vx_icmp *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    out->type = rd_u8(&r);
    out->code = rd_u8(&r);
    rd_skip(&r, 6);
    if (r.bad) return -1;
    out->is_unreachable = v6 ? out->type == 1 : out->type == 3;
    if (!out->is_unreachable) return 0;
    struct vx_ip inner;
    if (vx_ip_dissect(rd_here(&r), rd_left(&r), &inner) != VX_IP_OK) return 0;
    if (inner.proto != 17 && inner.proto != 6) return 0;
    vx_reader q = rd_init(inner.payload, inner.payload_len);
    out->quoted_src.port = rd_be16(&q);
    out->quoted_dst.port = rd_be16(&q);
    if (q.bad) return 0;
    out->quoted_src.addr = inner.src;
    out->quoted_dst.addr = inner.dst;
    out->quoted_proto = inner.proto;
    out->has_quote = true;
    return 0;
}
