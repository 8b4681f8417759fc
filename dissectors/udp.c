/* udp.c — UDP header dissection (RFC 768). The payload is clipped to the smaller of the
 * UDP length field and the bytes the IP layer handed over. */
#include "dissectors/udp.h"
#include "dissectors/reader.h"
#include <string.h>

int vx_udp_dissect(const uint8_t *data, size_t len, struct vx_udp *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    out->sport = rd_be16(&r);
    out->dport = rd_be16(&r);
    uint16_t ulen = rd_be16(&r);
    rd_skip(&r, 2);
    if (r.bad) return -1;
    size_t avail = len - 8;
    size_t claimed = ulen >= 8 ? (size_t)ulen - 8 : 0;
    if (ulen == 0) claimed = avail;      /* jumbogram / offload */
    else if (ulen < 8) return -1;
    out->length_mismatch = claimed != avail;
    out->payload = data + 8;
    out->payload_len = claimed < avail ? claimed : avail;
    return 0;
}
