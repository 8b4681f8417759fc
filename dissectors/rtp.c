/* rtp.c — RTP header dissection (RFC 3550 §5.1, §5.3.1 header extension, padding). */
#include "dissectors/rtp.h"
#include "dissectors/reader.h"
#include <string.h>

int vx_rtp_dissect(const uint8_t *data, size_t len, struct vx_rtp *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    uint8_t b0 = rd_u8(&r);
    uint8_t b1 = rd_u8(&r);
    out->seq = rd_be16(&r);
    out->timestamp = rd_be32(&r);
    out->ssrc = rd_be32(&r);
    if (r.bad) return -1;
    out->version = b0 >> 6;
    out->padding = (b0 & 0x20) != 0;
    out->extension = (b0 & 0x10) != 0;
    out->csrc_count = b0 & 0x0f;
    out->marker = (b1 & 0x80) != 0;
    out->payload_type = b1 & 0x7f;
    if (out->version != 2) return -1;
    rd_skip(&r, (size_t)out->csrc_count * 4);
    if (out->extension) {
        rd_skip(&r, 2);
        uint16_t words = rd_be16(&r);
        rd_skip(&r, (size_t)words * 4);
    }
    if (r.bad) return -1;
    out->header_len = r.pos;
    size_t body = len - r.pos;
    if (out->padding) {
        uint8_t pad = data[len - 1];
        if (pad == 0 || pad > body) return -1;
        body -= pad;
    }
    out->payload_len = body;
    return 0;
}

bool vx_rtp_looks_like_rtcp(const uint8_t *data, size_t len)
{
    if (len < 8 || (data[0] >> 6) != 2) return false;
    return data[1] >= 192 && data[1] <= 223;
}
