/* rtp.h — RTP fixed header (RFC 3550 §5.1). */
#ifndef VX_RTP_H
#define VX_RTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vx_rtp {
    uint8_t version;
    bool padding, extension, marker;
    uint8_t csrc_count;
    uint8_t payload_type;
    uint16_t seq;
    uint32_t timestamp;
    uint32_t ssrc;
    size_t header_len;      /* 12 + CSRCs + extension */
    size_t payload_len;     /* without padding */
};

/* 0 when the bytes form a well-formed RTP v2 packet; -1 otherwise. */
int vx_rtp_dissect(const uint8_t *data, size_t len, struct vx_rtp *out);
/* RTCP packet types 200..207 share the RTP header's first bytes; true if it looks like RTCP. */
bool vx_rtp_looks_like_rtcp(const uint8_t *data, size_t len);
#endif
