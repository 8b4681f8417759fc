/* pcapng.h — a bounds-checked pcapng reader (several interfaces, link types, resolutions). */
#ifndef VX_PCAPNG_H
#define VX_PCAPNG_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define VX_PCAPNG_MAX_IFACES 64
#define VX_PCAPNG_MAX_BLOCK (16u * 1024 * 1024)

struct vx_pcapng_iface {
    int dlt;
    uint32_t snaplen;
    uint64_t ticks_per_sec;
    int64_t offset_sec;
};

struct vx_pcapng {
    FILE *f;
    bool swapped;
    uint8_t *buf;
    size_t buf_size;
    int iface_count;
    struct vx_pcapng_iface ifaces[VX_PCAPNG_MAX_IFACES];
    char error[160];
    uint64_t bad_blocks;      /* EPBs naming an unknown interface, etc. */
};

enum vx_rec { VX_REC_PACKET = 1, VX_REC_END = 0, VX_REC_TRUNCATED = -1, VX_REC_ERROR = -2 };

/* The 4 magic bytes are already consumed; reads the rest of the first SHB. 0 or -1. */
int vx_pcapng_open(struct vx_pcapng *ng, FILE *f);
enum vx_rec vx_pcapng_next(struct vx_pcapng *ng, const uint8_t **data, uint32_t *caplen,
                           uint32_t *len, int64_t *ts_ns, int *dlt);
void vx_pcapng_close(struct vx_pcapng *ng);
#endif
