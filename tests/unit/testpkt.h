/* testpkt.h — byte-building helpers shared by the dissector unit tests: big-endian puts,
 * exact-size heap copies (so ASan flags a read one byte past a truncated buffer), and
 * Ethernet/IPv4/UDP/TCP frame builders with correct lengths. Header-only, static inline. */
#ifndef VX_TESTPKT_H
#define VX_TESTPKT_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static inline void tp_put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void tp_put32(uint8_t *p, uint32_t v) { tp_put16(p, (uint16_t)(v >> 16)); tp_put16(p + 2, (uint16_t)v); }

/* Exact-size copy of the first n bytes (n may be 0: a 1-byte block, never read). */
static inline uint8_t *tp_dup(const uint8_t *src, size_t n)
{
    uint8_t *p = malloc(n ? n : 1);
    if (p && n) memcpy(p, src, n);
    return p;
}

/* IPv4 header (IHL 5) at h; total = 20 + l4_len; checksum filled. */
static inline void tp_ipv4(uint8_t *h, const uint8_t src[4], const uint8_t dst[4], uint8_t proto,
                           size_t l4_len, uint16_t id, uint16_t frag_field)
{
    memset(h, 0, 20);
    h[0] = 0x45;
    tp_put16(h + 2, (uint16_t)(20 + l4_len));
    tp_put16(h + 4, id);
    tp_put16(h + 6, frag_field);
    h[8] = 64;
    h[9] = proto;
    memcpy(h + 12, src, 4);
    memcpy(h + 16, dst, 4);
    uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2) sum += (uint32_t)(h[i] << 8 | h[i + 1]);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    tp_put16(h + 10, (uint16_t)~sum);
}

/* Ethernet II header with EtherType IPv4. */
static inline void tp_eth(uint8_t *f)
{
    static const uint8_t macs[12] = { 0, 0x50, 0x56, 0x9a, 0, 1, 0, 0x1a, 0x2b, 0x3c, 0x4d, 0x10 };
    memcpy(f, macs, 12);
    tp_put16(f + 12, 0x0800);
}

/* UDP header; length = 8 + payload_len. Checksum 0 (allowed for IPv4). */
static inline void tp_udp(uint8_t *u, uint16_t sport, uint16_t dport, size_t payload_len)
{
    tp_put16(u, sport);
    tp_put16(u + 2, dport);
    tp_put16(u + 4, (uint16_t)(8 + payload_len));
    tp_put16(u + 6, 0);
}

/* TCP header (data offset 5). */
static inline void tp_tcp(uint8_t *t, uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags)
{
    memset(t, 0, 20);
    tp_put16(t, sport);
    tp_put16(t + 2, dport);
    tp_put32(t + 4, seq);
    tp_put32(t + 8, ack);
    t[12] = 5 << 4;
    t[13] = flags;
    tp_put16(t + 14, 65535);
}
#endif
