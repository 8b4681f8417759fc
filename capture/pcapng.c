/* pcapng.c — reads pcapng sections block by block (draft-ietf-opsawg-pcapng): SHB, IDB,
 * EPB, SPB and the obsolete PB; skips the rest. Every block length is checked against
 * the block size cap and the body before any field is read. libpcap 1.10 refuses files
 * whose interfaces have different link types, which is why this reader exists. */
#include "capture/pcapng.h"
#include "dissectors/reader.h"
#include <stdlib.h>
#include <string.h>

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 1u
#define BT_PB 2u
#define BT_SPB 3u
#define BT_EPB 6u
#define BOM 0x1A2B3C4Du

static uint32_t fix32(const struct vx_pcapng *ng, uint32_t v) { return ng->swapped ? __builtin_bswap32(v) : v; }
static uint16_t fix16(const struct vx_pcapng *ng, uint16_t v) { return ng->swapped ? __builtin_bswap16(v) : v; }

static uint32_t get32(const struct vx_pcapng *ng, vx_reader *r) { return fix32(ng, rd_le32(r)); }
static uint16_t get16(const struct vx_pcapng *ng, vx_reader *r) { return fix16(ng, rd_le16(r)); }

static bool ensure_buf(struct vx_pcapng *ng, size_t n)
{
    if (n <= ng->buf_size) return true;
    uint8_t *nb = realloc(ng->buf, n);
    if (!nb) return false;
    ng->buf = nb;
    ng->buf_size = n;
    return true;
}

/* Reads the block body (after type+length) into ng->buf; returns body length or -1/-2. */
static long read_body(struct vx_pcapng *ng, uint32_t total)
{
    if (total < 12 || (total & 3) || total > VX_PCAPNG_MAX_BLOCK) {
        snprintf(ng->error, sizeof ng->error, "pcapng block length %u is invalid", total);
        return -2;
    }
    size_t body = total - 8;
    if (!ensure_buf(ng, body)) { snprintf(ng->error, sizeof ng->error, "out of memory"); return -2; }
    if (fread(ng->buf, 1, body, ng->f) != body) return -1;
    return (long)body - 4;   /* the trailing copy of the length is not body */
}

static void read_idb(struct vx_pcapng *ng, vx_reader *r)
{
    uint16_t link = get16(ng, r);
    rd_skip(r, 2);
    uint32_t snap = get32(ng, r);
    if (r->bad || ng->iface_count >= VX_PCAPNG_MAX_IFACES) { ng->bad_blocks++; return; }
    struct vx_pcapng_iface *i = &ng->ifaces[ng->iface_count++];
    i->dlt = link;
    i->snaplen = snap;
    i->ticks_per_sec = 1000000;
    i->offset_sec = 0;
    for (int guard = 0; rd_left(r) >= 4 && guard < 256; guard++) {
        uint16_t code = get16(ng, r), olen = get16(ng, r);
        vx_reader o = rd_sub(r, ((size_t)olen + 3) & ~(size_t)3);
        if (code == 0) break;
        if (code == 9 && olen >= 1) {
            uint8_t v = rd_u8(&o);
            uint64_t t = 1;
            unsigned exp = v & 0x7f;
            if (exp > 18 && !(v & 0x80)) exp = 18;
            if (exp > 62) exp = 62;
            for (unsigned k = 0; k < exp; k++) t *= (v & 0x80) ? 2 : 10;
            i->ticks_per_sec = t;
        } else if (code == 14 && olen == 8) {
            uint64_t lo = get32(ng, &o), hi = get32(ng, &o);
            i->offset_sec = (int64_t)(ng->swapped ? (lo << 32 | hi) : (hi << 32 | lo));
        }
    }
}

static int64_t to_ns(const struct vx_pcapng_iface *i, uint64_t ticks)
{
    uint64_t tps = i->ticks_per_sec ? i->ticks_per_sec : 1000000;
    uint64_t sec = ticks / tps, frac = ticks % tps;
    /* unsigned: a hostile tsresol/tsoffset must wrap, not overflow a signed type (fuzz_pcap_file) */
    return (int64_t)((sec + (uint64_t)i->offset_sec) * 1000000000ull +
                     (uint64_t)((__uint128_t)frac * 1000000000u / tps));
}

/* Handles a section header; returns 0 or -2 */
static int read_shb(struct vx_pcapng *ng, uint32_t raw_len)
{
    uint32_t bom;
    if (fread(&bom, 1, 4, ng->f) != 4) { snprintf(ng->error, sizeof ng->error, "truncated pcapng section header"); return -2; }
    if (bom == BOM) ng->swapped = false;
    else if (bom == __builtin_bswap32(BOM)) ng->swapped = true;
    else { snprintf(ng->error, sizeof ng->error, "pcapng byte-order magic is invalid"); return -2; }
    uint32_t total = fix32(ng, raw_len);
    if (total < 28 || (total & 3) || total > (1u << 20)) {
        snprintf(ng->error, sizeof ng->error, "pcapng section header length %u is invalid", total);
        return -2;
    }
    size_t rest = total - 12;
    if (!ensure_buf(ng, rest) || fread(ng->buf, 1, rest, ng->f) != rest) {
        snprintf(ng->error, sizeof ng->error, "truncated pcapng section header");
        return -2;
    }
    ng->iface_count = 0;
    return 0;
}

int vx_pcapng_open(struct vx_pcapng *ng, FILE *f)
{
    memset(ng, 0, sizeof *ng);
    ng->f = f;
    uint32_t len;
    if (fread(&len, 1, 4, f) != 4) { snprintf(ng->error, sizeof ng->error, "truncated pcapng file header"); return -1; }
    /* length is in the section's byte order, which we learn from the BOM that follows */
    uint32_t bom;
    if (fread(&bom, 1, 4, f) != 4) { snprintf(ng->error, sizeof ng->error, "truncated pcapng file header"); return -1; }
    ng->swapped = bom != BOM;
    if (bom != BOM && bom != __builtin_bswap32(BOM)) { snprintf(ng->error, sizeof ng->error, "pcapng byte-order magic is invalid"); return -1; }
    uint32_t total = fix32(ng, len);
    if (total < 28 || (total & 3) || total > (1u << 20)) {
        snprintf(ng->error, sizeof ng->error, "pcapng section header length %u is invalid", total);
        return -1;
    }
    size_t rest = total - 12;
    if (!ensure_buf(ng, rest) || fread(ng->buf, 1, rest, f) != rest) {
        snprintf(ng->error, sizeof ng->error, "truncated pcapng section header");
        return -1;
    }
    return 0;
}

static enum vx_rec packet_block(struct vx_pcapng *ng, uint32_t type, long body, const uint8_t **data,
                                uint32_t *caplen, uint32_t *len, int64_t *ts_ns, int *dlt)
{
    vx_reader r = rd_init(ng->buf, (size_t)body);
    uint32_t ifid = 0, hi = 0, lo = 0, cap = 0, wire = 0;
    if (type == BT_EPB) { ifid = get32(ng, &r); hi = get32(ng, &r); lo = get32(ng, &r); cap = get32(ng, &r); wire = get32(ng, &r); }
    else if (type == BT_PB) { ifid = get16(ng, &r); rd_skip(&r, 2); hi = get32(ng, &r); lo = get32(ng, &r); cap = get32(ng, &r); wire = get32(ng, &r); }
    else { wire = get32(ng, &r); cap = wire; }
    if (r.bad || ifid >= (uint32_t)ng->iface_count) { ng->bad_blocks++; return VX_REC_ERROR; }
    const struct vx_pcapng_iface *i = &ng->ifaces[ifid];
    if (type == BT_SPB && i->snaplen && cap > i->snaplen) cap = i->snaplen;
    if (cap > rd_left(&r)) { if (type == BT_SPB) cap = (uint32_t)rd_left(&r); else { ng->bad_blocks++; return VX_REC_ERROR; } }
    *data = rd_here(&r);
    *caplen = cap;
    *len = wire < cap ? cap : wire;
    *ts_ns = to_ns(i, ((uint64_t)hi << 32) | lo);
    *dlt = i->dlt;
    return VX_REC_PACKET;
}

enum vx_rec vx_pcapng_next(struct vx_pcapng *ng, const uint8_t **data, uint32_t *caplen,
                           uint32_t *len, int64_t *ts_ns, int *dlt)
{
    for (int guard = 0; guard < 1000000; guard++) {
        uint32_t hdr[2];
        size_t got = fread(hdr, 1, 8, ng->f);
        if (got == 0) return VX_REC_END;
        if (got < 8) return VX_REC_TRUNCATED;
        if (hdr[0] == BT_SHB) {
            if (read_shb(ng, hdr[1]) != 0) return VX_REC_ERROR;
            continue;
        }
        uint32_t type = fix32(ng, hdr[0]);
        long body = read_body(ng, fix32(ng, hdr[1]));
        if (body == -1) return VX_REC_TRUNCATED;
        if (body < 0) return VX_REC_ERROR;
        if (type == BT_IDB) { vx_reader r = rd_init(ng->buf, (size_t)body); read_idb(ng, &r); continue; }
        if (type == BT_EPB || type == BT_SPB || type == BT_PB) {
            enum vx_rec rc = packet_block(ng, type, body, data, caplen, len, ts_ns, dlt);
            if (rc == VX_REC_PACKET) return rc;
            continue;   /* a bad packet block is counted and skipped */
        }
    }
    return VX_REC_END;
}

void vx_pcapng_close(struct vx_pcapng *ng)
{
    free(ng->buf);
    ng->buf = NULL;
}
