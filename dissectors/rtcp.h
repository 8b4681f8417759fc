/* rtcp.h — RTCP compound packets: SR, RR (report blocks), XR VoIP metrics (RFC 3611 §4.7),
 * and the rest counted. */
#ifndef VX_RTCP_H
#define VX_RTCP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_RTCP_MAX_PACKETS 8
#define VX_RTCP_MAX_BLOCKS 4

struct vx_rtcp_block {
    uint32_t ssrc;            /* source this block reports on */
    uint8_t fraction_lost;    /* /256 */
    int32_t cumulative_lost;  /* 24-bit signed */
    uint32_t highest_seq;
    uint32_t jitter;          /* timestamp units */
    uint32_t lsr, dlsr;       /* middle 32 bits of NTP; 1/65536 s */
};

struct vx_rtcp_packet {
    uint8_t type;             /* 200 SR, 201 RR, 202 SDES, 203 BYE, 204 APP, 207 XR ... */
    uint32_t sender_ssrc;
    uint32_t ntp_middle;      /* SR: middle 32 bits of the NTP timestamp */
    uint32_t sender_packets, sender_octets;
    uint8_t block_count;      /* blocks stored (<= VX_RTCP_MAX_BLOCKS) */
    struct vx_rtcp_block blocks[VX_RTCP_MAX_BLOCKS];
    /* XR VoIP metrics report block (block type 7), about the stream of xr_ssrc */
    bool has_voip_metrics;
    uint32_t xr_ssrc;
    uint8_t xr_loss_rate;     /* fraction lost, /256 */
    uint8_t xr_discard_rate;  /* fraction discarded by the jitter buffer, /256 */
    uint16_t xr_rtt_ms;       /* round trip delay */
    uint16_t xr_end_system_delay_ms;
    uint8_t xr_mos_lq, xr_mos_cq;   /* MOS x10, 127 = unavailable */
};

struct vx_rtcp {
    uint8_t count;
    struct vx_rtcp_packet packets[VX_RTCP_MAX_PACKETS];
    bool malformed;           /* a length field lied; what came before it is kept */
};

/* 0 if at least one well-formed RTCP packet starts the buffer, -1 otherwise. */
int vx_rtcp_dissect(const uint8_t *data, size_t len, struct vx_rtcp *out);
#endif
