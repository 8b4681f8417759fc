/* sdp.h — an SDP body (RFC 4566) reduced to what media tracking needs: origin and
 * connection addresses, and per m= line the port, payload types and rtpmap clock rates. */
#ifndef VX_SDP_H
#define VX_SDP_H
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_SDP_MAX_MEDIA 4
#define VX_SDP_MAX_PT 16

struct vx_sdp_rtpmap {
    uint8_t pt;
    char name[24];
    uint32_t clock;
};

struct vx_sdp_media {
    char type[16];             /* audio, video, image ... */
    uint16_t port;
    char proto[24];            /* RTP/AVP, RTP/SAVP, udptl ... */
    bool has_conn;
    vx_addr conn;              /* media-level c=, else the session-level one */
    char conn_text[64];
    int pt_count;
    uint8_t pts[VX_SDP_MAX_PT];
    int rtpmap_count;
    struct vx_sdp_rtpmap rtpmap[VX_SDP_MAX_PT];
    char direction[10];        /* sendrecv / sendonly / recvonly / inactive */
};

struct vx_sdp {
    bool has_origin;
    vx_addr origin;
    char origin_text[64];
    bool has_session_conn;
    vx_addr session_conn;
    int media_count;
    struct vx_sdp_media media[VX_SDP_MAX_MEDIA];
};

/* Parses body[0..len) with libosip2's sdp_message API. 0 on success, -1 if not SDP. */
int vx_sdp_parse(const uint8_t *body, size_t len, struct vx_sdp *out);
/* Codec name and clock rate of a static payload type (RFC 3551), or NULL/0. */
const char *vx_sdp_static_codec(uint8_t pt, uint32_t *clock);
#endif
