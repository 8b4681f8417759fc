/* stun.h — STUN messages (RFC 5389/8489): binding requests and responses. */
#ifndef VX_STUN_H
#define VX_STUN_H
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vx_stun {
    uint16_t type;            /* 0x0001 binding request, 0x0101 success, 0x0111 error */
    uint16_t length;
    bool classic;             /* RFC 3489: no magic cookie */
    uint8_t transaction[12];
    bool has_mapped;
    vx_endpoint mapped;       /* XOR-MAPPED-ADDRESS or MAPPED-ADDRESS */
};

int vx_stun_dissect(const uint8_t *data, size_t len, struct vx_stun *out);
#endif
