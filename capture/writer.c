/* writer.c — the pcapng writer with rotation (see writer.h). Blocks are written in host
 * byte order (the SHB's byte-order magic says which), as libpcap and Wireshark do. */
#include "capture/writer.h"
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_EPB 0x00000006u
#define BT_ISB 0x00000005u

struct vx_writer {
    char path[480];
    FILE *f;
    int index;                 /* current file number */
    uint64_t file_bytes;
    int64_t file_start_ns;
    bool file_has_packets;
    bool failed;
    struct vx_writer_opts o;
    int count;
    struct vx_writer_iface ifs[VX_WRITER_MAX_IFACES];
    uint64_t recv[VX_WRITER_MAX_IFACES], drop[VX_WRITER_MAX_IFACES];
    bool have_stats[VX_WRITER_MAX_IFACES];
    int64_t last_ts;
};

static size_t pad4(size_t n) { return (n + 3) & ~(size_t)3; }

static bool put(struct vx_writer *w, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, w->f) != n) return false;
    w->file_bytes += n;
    return true;
}

static bool put32(struct vx_writer *w, uint32_t v) { return put(w, &v, 4); }

/* An option: code, length, value, padding. */
static bool put_opt(struct vx_writer *w, uint16_t code, const void *v, uint16_t len)
{
    static const uint8_t zero[4];
    uint16_t h[2] = { code, len };
    return put(w, h, 4) && put(w, v, len) && put(w, zero, pad4(len) - len);
}

static size_t opt_size(size_t len) { return 4 + pad4(len); }

static bool write_shb(struct vx_writer *w)
{
    static const char app[] = "vxdiag live";
    uint32_t total = 28 + (uint32_t)opt_size(sizeof app - 1) + 4;
    uint16_t ver[2] = { 1, 0 };
    int64_t section_len = -1;
    return put32(w, BT_SHB) && put32(w, total) && put32(w, 0x1A2B3C4D) && put(w, ver, 4) &&
           put(w, &section_len, 8) && put_opt(w, 4 /* shb_userappl */, app, sizeof app - 1) &&
           put32(w, 0) && put32(w, total);
}

static bool write_idb(struct vx_writer *w, const struct vx_writer_iface *i)
{
    size_t nlen = strlen(i->name);
    uint8_t tsresol = 9;
    uint32_t total = 20 + (uint32_t)(opt_size(nlen) + opt_size(1)) + 4;
    uint16_t lt[2] = { (uint16_t)i->dlt, 0 };
    return put32(w, BT_IDB) && put32(w, total) && put(w, lt, 4) && put32(w, i->snaplen) &&
           put_opt(w, 2 /* if_name */, i->name, (uint16_t)nlen) &&
           put_opt(w, 9 /* if_tsresol */, &tsresol, 1) && put32(w, 0) && put32(w, total);
}

static bool write_isb(struct vx_writer *w, int iface)
{
    uint32_t total = 24 + (uint32_t)(2 * opt_size(8)) + 4;
    uint64_t ts = (uint64_t)w->last_ts;
    return put32(w, BT_ISB) && put32(w, total) && put32(w, (uint32_t)iface) &&
           put32(w, (uint32_t)(ts >> 32)) && put32(w, (uint32_t)ts) &&
           put_opt(w, 4 /* isb_ifrecv */, &w->recv[iface], 8) &&
           put_opt(w, 5 /* isb_ifdrop */, &w->drop[iface], 8) && put32(w, 0) && put32(w, total);
}

void vx_writer_path(const struct vx_writer *w, int index, char *buf, size_t size)
{
    if (index == 0) snprintf(buf, size, "%s", w->path);
    else snprintf(buf, size, "%s.%d", w->path, index);
}

static int start_file(struct vx_writer *w, char *err, size_t errlen)
{
    char name[512];
    vx_writer_path(w, w->index, name, sizeof name);
    w->f = fopen(name, "wb");
    if (!w->f) { snprintf(err, errlen, "cannot create %s: %s", name, strerror(errno)); return -1; }
    setvbuf(w->f, NULL, _IOFBF, 1 << 20);
    w->file_bytes = 0;
    w->file_has_packets = false;
    bool ok = write_shb(w);
    for (int i = 0; ok && i < w->count; i++) ok = write_idb(w, &w->ifs[i]);
    if (!ok) { snprintf(err, errlen, "cannot write %s: %s", name, strerror(errno)); return -1; }
    return 0;
}

static int end_file(struct vx_writer *w)
{
    if (!w->f) return 0;
    bool ok = true;
    for (int i = 0; i < w->count; i++)
        if (w->have_stats[i]) ok = ok && write_isb(w, i);
    ok = (fclose(w->f) == 0) && ok;
    w->f = NULL;
    return ok ? 0 : -1;
}

struct vx_writer *vx_writer_open(const char *path, const struct vx_writer_iface *ifs, int count,
                                 const struct vx_writer_opts *o, char *err, size_t errlen)
{
    if (count < 1 || count > VX_WRITER_MAX_IFACES) {
        snprintf(err, errlen, "between 1 and %d interfaces can be saved", VX_WRITER_MAX_IFACES);
        return NULL;
    }
    struct vx_writer *w = calloc(1, sizeof *w);
    if (!w) { snprintf(err, errlen, "out of memory"); return NULL; }
    snprintf(w->path, sizeof w->path, "%s", path);
    w->o = *o;
    w->count = count;
    memcpy(w->ifs, ifs, (size_t)count * sizeof *ifs);
    if (start_file(w, err, errlen) != 0) {
        if (w->f) fclose(w->f);
        free(w);
        return NULL;
    }
    return w;
}

static bool rotation_due(const struct vx_writer *w, int64_t ts_ns)
{
    if (!w->file_has_packets) return false;
    if (w->o.rotate_bytes && w->file_bytes >= w->o.rotate_bytes) return true;
    return w->o.rotate_ns && ts_ns - w->file_start_ns >= w->o.rotate_ns;
}

int vx_writer_write(struct vx_writer *w, int iface, const uint8_t *data, uint32_t caplen,
                    uint32_t len, int64_t ts_ns, char *err, size_t errlen)
{
    if (w->failed || iface < 0 || iface >= w->count) {
        snprintf(err, errlen, "the capture file is not writable");
        return -1;
    }
    if (rotation_due(w, ts_ns)) {
        bool closed = end_file(w) == 0;
        w->index++;
        if (!closed || start_file(w, err, errlen) != 0) {
            if (!closed) snprintf(err, errlen, "cannot finish %s: %s", w->path, strerror(errno));
            w->failed = true;
            return -1;
        }
    }
    if (!w->file_has_packets) { w->file_start_ns = ts_ns; w->file_has_packets = true; }
    static const uint8_t zero[4];
    uint32_t total = 28 + (uint32_t)pad4(caplen) + 4;
    uint64_t ts = (uint64_t)ts_ns;
    w->last_ts = ts_ns;
    bool ok = put32(w, BT_EPB) && put32(w, total) && put32(w, (uint32_t)iface) &&
              put32(w, (uint32_t)(ts >> 32)) && put32(w, (uint32_t)ts) && put32(w, caplen) &&
              put32(w, len) && put(w, data, caplen) && put(w, zero, pad4(caplen) - caplen) &&
              put32(w, total);
    if (!ok) {
        snprintf(err, errlen, "cannot write %s: %s", w->path, strerror(errno));
        w->failed = true;
        return -1;
    }
    return w->index;
}

void vx_writer_set_stats(struct vx_writer *w, int iface, uint64_t received, uint64_t dropped)
{
    if (iface < 0 || iface >= w->count) return;
    w->recv[iface] = received;
    w->drop[iface] = dropped;
    w->have_stats[iface] = true;
}

void vx_writer_flush(struct vx_writer *w)
{
    if (w->f) fflush(w->f);
}

int vx_writer_close(struct vx_writer *w)
{
    if (!w) return 0;
    int rc = end_file(w);
    if (w->failed) rc = -1;
    free(w);
    return rc;
}
