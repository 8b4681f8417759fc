/* writer.h — saves live packets as pcapng (one IDB per capture interface, nanosecond
 * timestamps), with tcpdump-style rotation: by size (-C, in units of 1 000 000 bytes) or by
 * time (-G seconds of packet time). Files are FILE, FILE.1, FILE.2 ... Each file starts
 * with its own section header and interface descriptions, so it is readable alone. */
#ifndef VX_WRITER_H
#define VX_WRITER_H
#include <stddef.h>
#include <stdint.h>

#define VX_WRITER_MAX_IFACES 16

struct vx_writer_iface {
    char name[64];
    int dlt;
    uint32_t snaplen;
};

struct vx_writer_opts {
    uint64_t rotate_bytes;     /* 0 = never by size */
    int64_t rotate_ns;         /* 0 = never by time */
};

struct vx_writer;

/* Creates the first file. NULL with a reason in err. */
struct vx_writer *vx_writer_open(const char *path, const struct vx_writer_iface *ifs, int count,
                                 const struct vx_writer_opts *o, char *err, size_t errlen);
/* Writes one packet, rotating first when due. Returns the index of the file that received it
 * (0 = FILE, 1 = FILE.1 ...), or -1 on a write or rotation error (err set; the writer then
 * refuses further packets). */
int vx_writer_write(struct vx_writer *w, int iface, const uint8_t *data, uint32_t caplen,
                    uint32_t len, int64_t ts_ns, char *err, size_t errlen);
/* Name of file number index, as created. */
void vx_writer_path(const struct vx_writer *w, int index, char *buf, size_t size);
/* Interface statistics written as ISBs when the current file is closed. */
void vx_writer_set_stats(struct vx_writer *w, int iface, uint64_t received, uint64_t dropped);
void vx_writer_flush(struct vx_writer *w);
/* Writes the ISBs and closes; 0, or -1 if any write failed. Frees w. */
int vx_writer_close(struct vx_writer *w);
#endif
