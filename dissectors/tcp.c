/* tcp.c — TCP header dissection (RFC 9293): ports, sequence numbers, flags, payload. */
#include "dissectors/tcp.h"
#include "dissectors/reader.h"
#include <string.h>

int vx_tcp_dissect(const uint8_t *data, size_t len, struct vx_tcp *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    out->sport = rd_be16(&r);
    out->dport = rd_be16(&r);
    out->seq = rd_be32(&r);
    out->ack = rd_be32(&r);
    uint8_t off = rd_u8(&r);
    out->flags = rd_u8(&r);
    if (r.bad) return -1;
    size_t hlen = (size_t)(off >> 4) * 4;
    if (hlen < 20 || hlen > len) return -1;
    out->payload = data + hlen;
    out->payload_len = len - hlen;
    return 0;
}
