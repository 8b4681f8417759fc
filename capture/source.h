/* source.h — capture files as one timeline: pcap (µs/ns) through libpcap, pcapng through our
 * reader, gzip-compressed either way, "-" for standard input; several files merged by time. */
#ifndef VX_SOURCE_H
#define VX_SOURCE_H
#include "capture/packet.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_MAX_INPUTS 64

/* What one input file turned out to hold; the report's "inputs" entries. */
struct vx_input_info {
    char name[512];
    uint64_t packets;
    uint64_t bytes;            /* captured bytes */
    char link_type[32];        /* of the first interface / the file */
    int64_t first_ts_ns, last_ts_ns;
    bool truncated;            /* the file ended inside a record */
    bool read_error;           /* a record or block could not be read; reading stopped */
    char error[200];
    uint64_t out_of_order;     /* packets whose timestamp goes back in time */
    uint64_t cut_by_snaplen;   /* caplen < len */
    uint64_t bad_records;      /* caplen 0, caplen > len, unknown interface ... */
    uint32_t snaplen;
    bool compressed;
    bool pcapng;
};

struct vx_source;

/* Opens every file; on failure returns NULL with a one-line reason in err. */
struct vx_source *vx_source_open(char *const *files, int count, char *err, size_t errlen);
/* 1 = a packet, 0 = all inputs finished. */
int vx_source_next(struct vx_source *src, struct vx_packet *pkt);
int vx_source_count(const struct vx_source *src);
/* True when every input is read through a memory mapping: packets need no copying, so a
 * reader thread would only add work. */
bool vx_source_zero_copy(const struct vx_source *src);
const struct vx_input_info *vx_source_info(const struct vx_source *src, int i);
/* Fraction of the input bytes consumed so far, 0..1 (for progress); <0 if unknown. */
double vx_source_progress(const struct vx_source *src);
void vx_source_close(struct vx_source *src);
#endif
