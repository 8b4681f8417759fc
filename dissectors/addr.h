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

bool vx_addr_equal(const vx_addr *a, const vx_addr *b);
bool vx_endpoint_equal(const vx_endpoint *a, const vx_endpoint *b);
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
