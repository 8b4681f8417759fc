/* icmp.h — ICMP/ICMPv6 errors that quote the packet they refer to (unreachables). */
#ifndef VX_ICMP_H
#define VX_ICMP_H
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vx_icmp {
    uint8_t type, code;
    bool is_unreachable;
    bool has_quote;           /* the quoted IP + UDP/TCP ports were readable */
    vx_endpoint quoted_src, quoted_dst;
    uint8_t quoted_proto;
};

int vx_icmp_dissect(const uint8_t *data, size_t len, bool v6, struct vx_icmp *out);
#endif
