/* sctp.c — SCTP (RFC 9260) common header and DATA chunk walk; other chunks are skipped. */
#include "dissectors/sctp.h"
#include "dissectors/reader.h"
#include <string.h>

int vx_sctp_dissect(const uint8_t *data, size_t len, struct vx_sctp *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    out->sport = rd_be16(&r);
    out->dport = rd_be16(&r);
    rd_skip(&r, 8);
    if (r.bad) return -1;
    for (int guard = 0; guard < 64 && rd_left(&r) >= 4 && out->count < VX_SCTP_MAX_DATA; guard++) {
        uint8_t type = rd_u8(&r);
        uint8_t flags = rd_u8(&r);
        uint16_t clen = rd_be16(&r);
        if (clen < 4) return out->count ? 0 : -1;
        vx_reader c = rd_sub(&r, (size_t)clen - 4);
        rd_skip(&r, (4 - (clen & 3)) & 3);
        if (type != 0 || clen < 16) continue;
        uint32_t tsn = rd_be32(&c);
        uint16_t sid = rd_be16(&c);
        rd_skip(&c, 2);
        uint32_t ppid = rd_be32(&c);
        if (c.bad) continue;
        struct vx_sctp_data *d = &out->data[out->count++];
        d->payload = rd_here(&c);
        d->len = rd_left(&c);
        d->complete = (flags & 3) == 3;
        d->begin = (flags & 2) != 0;
        d->end = (flags & 1) != 0;
        d->tsn = tsn;
        d->stream = sid;
        d->ppid = ppid;
    }
    return 0;
}
