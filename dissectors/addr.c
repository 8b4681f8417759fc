/* addr.c — address comparison, parsing, formatting and classification. */
#include "dissectors/addr.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

bool vx_addr_parse(const char *text, vx_addr *out)
{
    memset(out, 0, sizeof *out);
    if (!text) return false;
    if (inet_pton(AF_INET, text, out->b) == 1) { out->family = 4; return true; }
    if (inet_pton(AF_INET6, text, out->b) == 1) { out->family = 6; return true; }
    return false;
}

const char *vx_addr_str(const vx_addr *a, char *buf, size_t size)
{
    if (size == 0) return buf;
    buf[0] = '\0';
    if (a->family == 4) inet_ntop(AF_INET, a->b, buf, (socklen_t)size);
    else if (a->family == 6) inet_ntop(AF_INET6, a->b, buf, (socklen_t)size);
    else snprintf(buf, size, "?");
    return buf;
}

const char *vx_endpoint_str(const vx_endpoint *e, char *buf, size_t size)
{
    char ip[INET6_ADDRSTRLEN];
    vx_addr_str(&e->addr, ip, sizeof ip);
    if (e->addr.family == 6) snprintf(buf, size, "[%s]:%u", ip, e->port);
    else snprintf(buf, size, "%s:%u", ip, e->port);
    return buf;
}

bool vx_addr_is_private(const vx_addr *a)
{
    const uint8_t *b = a->b;
    if (a->family == 4) {
        return b[0] == 10 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
               (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) ||
               (b[0] == 100 && (b[1] & 0xc0) == 64);
    }
    if (a->family == 6) {
        static const uint8_t loop[16] = { [15] = 1 };
        return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||
               memcmp(b, loop, 16) == 0;
    }
    return false;
}

uint32_t vx_addr_hash(const vx_addr *a)
{
    uint32_t h = 2166136261u ^ a->family;
    int n = a->family == 6 ? 16 : 4;
    for (int i = 0; i < n; i++) h = (h ^ a->b[i]) * 16777619u;
    return h;
}
