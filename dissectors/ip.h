/* ip.h — IPv4 and IPv6 headers (with IPv6 extension headers and fragment info). */
#ifndef VX_IP_H
#define VX_IP_H
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vx_ip_status { VX_IP_OK = 0, VX_IP_TRUNCATED, VX_IP_INVALID };

#define VX_IPV6_MAX_EXT 16

struct vx_ip {
    uint8_t version;
    vx_addr src, dst;
    uint8_t proto;            /* upper-layer protocol after extension headers */
    uint8_t dscp;             /* DiffServ code point (IPv4 TOS >> 2, IPv6 traffic class >> 2) */
    uint8_t ttl;
    const uint8_t *payload;   /* borrowed from the packet */
    size_t payload_len;       /* clipped to what was captured */
    size_t wire_payload_len;  /* what the header says */
    bool cut_by_snaplen;      /* captured fewer bytes than the header says */
    bool is_fragment;
    uint32_t frag_id;
    uint32_t frag_offset;     /* bytes */
    bool more_fragments;
    uint8_t ext_headers;      /* IPv6 extension headers walked */
};

enum vx_ip_status vx_ipv4_dissect(const uint8_t *pkt, size_t caplen, struct vx_ip *out);
enum vx_ip_status vx_ipv6_dissect(const uint8_t *pkt, size_t caplen, struct vx_ip *out);
/* Dispatches on the version nibble. */
enum vx_ip_status vx_ip_dissect(const uint8_t *pkt, size_t caplen, struct vx_ip *out);
#endif
