/* sctp.h — SCTP common header and DATA chunks (SIP over SCTP, RFC 4168). */
#ifndef VX_SCTP_H
#define VX_SCTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_SCTP_MAX_DATA 8

struct vx_sctp_data {
    const uint8_t *payload;   /* borrowed */
    size_t len;
    bool complete;            /* B and E flags: not a fragment of a larger message */
    bool begin, end;          /* B (first fragment) and E (last fragment) flags */
    uint32_t tsn;
    uint16_t stream;
    uint32_t ppid;
};

struct vx_sctp {
    uint16_t sport, dport;
    int count;
    struct vx_sctp_data data[VX_SCTP_MAX_DATA];
};

int vx_sctp_dissect(const uint8_t *data, size_t len, struct vx_sctp *out);
#endif
