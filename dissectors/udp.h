/* udp.h — UDP header. */
#ifndef VX_UDP_H
#define VX_UDP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vx_udp {
    uint16_t sport, dport;
    const uint8_t *payload;   /* borrowed */
    size_t payload_len;       /* min(UDP length - 8, captured) */
    bool length_mismatch;     /* UDP length field disagrees with the IP payload */
};

/* Returns 0 on success, -1 if the header is missing or its length field is impossible. */
int vx_udp_dissect(const uint8_t *data, size_t len, struct vx_udp *out);
#endif
