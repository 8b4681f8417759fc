/* rtcp.c — RTCP compound packet dissection (RFC 3550 §6.4, RFC 3611 XR counted only).
 * Each packet's length word is checked against the datagram before its body is read. */
#include "dissectors/rtcp.h"
#include "dissectors/reader.h"
#include <string.h>

static void read_block(vx_reader *r, struct vx_rtcp_block *b)
{
    b->ssrc = rd_be32(r);
    b->fraction_lost = rd_u8(r);
    uint32_t lost = rd_be24(r);
    b->cumulative_lost = (lost & 0x800000) ? (int32_t)(lost | 0xff000000u) : (int32_t)lost;
    b->highest_seq = rd_be32(r);
    b->jitter = rd_be32(r);
    b->lsr = rd_be32(r);
    b->dlsr = rd_be32(r);
}

static void read_reports(vx_reader *body, uint8_t rc, struct vx_rtcp_packet *p)
{
    for (uint8_t i = 0; i < rc && !body->bad; i++) {
        struct vx_rtcp_block b;
        read_block(body, &b);
        if (body->bad) break;
        if (p->block_count < VX_RTCP_MAX_BLOCKS) p->blocks[p->block_count++] = b;
    }
}

/* XR (RFC 3611): report blocks of type, reserved, length (32-bit words); the VoIP metrics
 * block (type 7, 8 words) carries loss, discard, delays and MOS estimates. */
static void read_xr(vx_reader *body, struct vx_rtcp_packet *p)
{
    for (int guard = 0; guard < 32 && rd_left(body) >= 4; guard++) {
        uint8_t bt = rd_u8(body);
        rd_skip(body, 1);
        uint16_t words = rd_be16(body);
        vx_reader blk = rd_sub(body, (size_t)words * 4);
        if (blk.len < (size_t)words * 4) return;
        if (bt != 7 || words < 8 || p->has_voip_metrics) continue;
        p->xr_ssrc = rd_be32(&blk);
        p->xr_loss_rate = rd_u8(&blk);
        p->xr_discard_rate = rd_u8(&blk);
        rd_skip(&blk, 6);                    /* burst/gap densities and durations */
        p->xr_rtt_ms = rd_be16(&blk);
        p->xr_end_system_delay_ms = rd_be16(&blk);
        rd_skip(&blk, 6);                    /* signal, noise, RERL, Gmin, R factor, ext R */
        p->xr_mos_lq = rd_u8(&blk);
        p->xr_mos_cq = rd_u8(&blk);
        p->has_voip_metrics = !blk.bad;
    }
}

static int read_packet(vx_reader *body, uint8_t type, uint8_t rc, struct vx_rtcp_packet *p)
{
    memset(p, 0, sizeof *p);
    p->type = type;
    p->sender_ssrc = rd_be32(body);
    if (type == 200) {
        rd_skip(body, 2);
        p->ntp_middle = rd_be32(body);
        rd_skip(body, 2 + 4);
        p->sender_packets = rd_be32(body);
        p->sender_octets = rd_be32(body);
    }
    if (type == 200 || type == 201) read_reports(body, rc, p);
    if (type == 207) read_xr(body, p);
    return body->bad ? -1 : 0;
}

int vx_rtcp_dissect(const uint8_t *data, size_t len, struct vx_rtcp *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    while (rd_left(&r) >= 4 && out->count < VX_RTCP_MAX_PACKETS) {
        uint8_t b0 = rd_u8(&r);
        uint8_t type = rd_u8(&r);
        uint16_t words = rd_be16(&r);
        if ((b0 >> 6) != 2 || type < 192 || type > 223) { out->malformed = true; break; }
        size_t bytes = (size_t)words * 4;
        if (bytes > rd_left(&r) || (words == 0 && (type == 200 || type == 201))) {
            out->malformed = true;
            break;
        }
        vx_reader body = rd_sub(&r, bytes);
        if (read_packet(&body, type, b0 & 0x1f, &out->packets[out->count]) == 0 || type > 201)
            out->count++;
        else
            out->malformed = true;
    }
    return out->count > 0 ? 0 : -1;
}
