/* stun.c — STUN header and the (XOR-)MAPPED-ADDRESS attribute (RFC 8489 §5, §14.1-2). */
#include "dissectors/stun.h"
#include "dissectors/reader.h"
#include <string.h>

#define STUN_COOKIE 0x2112A442u

static void read_mapped(vx_reader *a, bool xored, const uint8_t *tid, struct vx_stun *out)
{
    rd_skip(a, 1);
    uint8_t fam = rd_u8(a);
    uint16_t port = rd_be16(a);
    size_t n = fam == 1 ? 4 : fam == 2 ? 16 : 0;
    const uint8_t *ip = n ? rd_take(a, n) : NULL;
    if (!ip) return;
    uint8_t key[16] = { 0x21, 0x12, 0xA4, 0x42 };
    memcpy(key + 4, tid, 12);
    out->mapped.port = xored ? (uint16_t)(port ^ 0x2112) : port;
    out->mapped.addr.family = fam == 1 ? 4 : 6;
    for (size_t i = 0; i < n; i++) out->mapped.addr.b[i] = xored ? ip[i] ^ key[i] : ip[i];
    out->has_mapped = true;
}

int vx_stun_dissect(const uint8_t *data, size_t len, struct vx_stun *out)
{
    memset(out, 0, sizeof *out);
    vx_reader r = rd_init(data, len);
    out->type = rd_be16(&r);
    out->length = rd_be16(&r);
    uint32_t cookie = rd_be32(&r);
    const uint8_t *tid = rd_take(&r, 12);
    if (r.bad || (out->type & 0xC000) != 0 || (out->length & 3) != 0) return -1;
    if ((size_t)out->length != rd_left(&r)) return -1;
    out->classic = cookie != STUN_COOKIE;
    memcpy(out->transaction, tid, 12);
    for (int guard = 0; rd_left(&r) >= 4 && guard < 64; guard++) {
        uint16_t atype = rd_be16(&r);
        uint16_t alen = rd_be16(&r);
        vx_reader a = rd_sub(&r, alen);
        if (a.len < alen) return 0;              /* attribute runs past the message: stop */
        rd_skip(&r, (4 - (alen & 3)) & 3);
        if (atype == 0x0020 && !out->classic) read_mapped(&a, true, tid, out);
        else if (atype == 0x0001 && !out->has_mapped) read_mapped(&a, false, tid, out);
    }
    return 0;
}
