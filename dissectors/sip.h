/* sip.h — one SIP message (RFC 3261) as a flat struct of bounded strings. Parsed with
 * libosip2; a tolerant line scanner recovers the key fields when libosip2 refuses a message. */
#ifndef VX_SIP_H
#define VX_SIP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_SIP_STR 256
#define VX_SIP_SHORT 128
#define VX_SIP_MAX_VIA 8
#define VX_SIP_MAX_MESSAGE 65536   /* larger SIP messages are not framed (TCP) */

struct vx_sip_via {
    char transport[8];
    char host[VX_SIP_SHORT];
    int port;                  /* 0 when absent */
    char branch[VX_SIP_SHORT];
    char received[64];
    int rport;                 /* -1 absent, 0 present without value, else the value */
};

struct vx_sip {
    bool is_request;
    bool parsed_by_osip;       /* false: recovered by the tolerant scanner */
    char method[32];
    int status;
    char reason[64];
    char request_uri[VX_SIP_STR];
    char call_id[VX_SIP_STR];
    uint32_t cseq;
    char cseq_method[32];
    char from_uri[VX_SIP_STR], from_display[VX_SIP_SHORT], from_tag[VX_SIP_SHORT];
    char to_uri[VX_SIP_STR], to_display[VX_SIP_SHORT], to_tag[VX_SIP_SHORT];
    char contact[VX_SIP_STR];
    int contact_expires;       /* -1 absent */
    int expires;               /* Expires header, -1 absent */
    int via_count;             /* all Via entries seen (may exceed VX_SIP_MAX_VIA) */
    struct vx_sip_via via[VX_SIP_MAX_VIA];
    int record_route_count;
    char record_route[VX_SIP_STR];
    long long content_length;  /* -1 absent, -2 not a number or out of range */
    char content_type[64];
    char user_agent[VX_SIP_SHORT];
    char server[VX_SIP_SHORT];
    bool auth_challenge;       /* WWW-Authenticate / Proxy-Authenticate present */
    bool authorization;        /* Authorization / Proxy-Authorization present */
    int header_lines;
    size_t header_len;         /* bytes up to and including the empty line */
    size_t body_offset, body_len;  /* the body actually present after the headers */
};

/* Initialise libosip2 once (and silence its trace). Safe to call more than once. */
void vx_sip_global_init(void);
/* Quick test of the first line: a SIP request line or "SIP/2.0 NNN". */
bool vx_sip_looks_like(const uint8_t *data, size_t len);
/* Framing for streams and multi-message datagrams: 1 = a whole message of *msg_len bytes
 * starts at data, 0 = need more bytes, -1 = not a SIP message start / unframeable. */
int vx_sip_frame(const uint8_t *data, size_t len, size_t *msg_len);
/* Parses one message. 0 on success (osip or fallback recovered at least the first line
 * and Call-ID), -1 if it is not SIP. */
int vx_sip_parse(const uint8_t *data, size_t len, struct vx_sip *out);
#endif
