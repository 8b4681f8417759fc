/* addr.h — IPv4/IPv6 addresses and endpoints as plain values, with formatting. */
#ifndef VX_ADDR_H
#define VX_ADDR_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t family;   /* 4 or 6; 0 = none */
    uint8_t b[16];    /* IPv4 uses b[0..3] */
} vx_addr;

typedef struct {
    vx_addr addr;
    uint16_t port;
} vx_endpoint;

#define VX_ADDR_STRLEN 48   /* "[v6]:65535" fits */

static inline bool vx_addr_equal(const vx_addr *a, const vx_addr *b)
{
    if (a->family != b->family) return false;
    if (a->family == 4) return a->b[0] == b->b[0] && a->b[1] == b->b[1] && a->b[2] == b->b[2] && a->b[3] == b->b[3];
    for (int i = 0; i < 16; i++) if (a->b[i] != b->b[i]) return false;
    return true;
}
static inline bool vx_endpoint_equal(const vx_endpoint *a, const vx_endpoint *b)
{
    return a->port == b->port && vx_addr_equal(&a->addr, &b->addr);
}
/* Parses dotted IPv4 or IPv6 text (no brackets, no port). */
bool vx_addr_parse(const char *text, vx_addr *out);
/* "1.2.3.4" or "2001:db8::1" */
const char *vx_addr_str(const vx_addr *a, char *buf, size_t size);
/* "1.2.3.4:5060" or "[2001:db8::1]:5060" */
const char *vx_endpoint_str(const vx_endpoint *e, char *buf, size_t size);
/* RFC 1918 / RFC 6598 / loopback / link-local / ULA. */
bool vx_addr_is_private(const vx_addr *a);
uint32_t vx_addr_hash(const vx_addr *a);
#endif
