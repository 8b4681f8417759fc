/* packet.h — one captured frame as sources hand it to the decoder. */
#ifndef VX_PACKET_H
#define VX_PACKET_H
#include <stdint.h>

struct vx_packet {
    const uint8_t *data;      /* valid until the next call on the source */
    uint32_t caplen;          /* bytes present */
    uint32_t len;             /* bytes on the wire */
    int64_t ts_ns;            /* nanoseconds since the epoch */
    int dlt;                  /* link type of this frame (pcapng: per interface) */
    uint16_t file_index;      /* which input file */
    uint64_t frame;           /* 1-based frame number within that file, as Wireshark counts */
};
#endif
