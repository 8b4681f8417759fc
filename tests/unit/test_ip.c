/* test_ip.c — dissectors/ip.c: IPv4 fields, IHL < 5, lying total lengths, fragments; IPv6
 * with extension-header chains (hop-by-hop, routing, destination, AH, fragment), chain
 * caps, and every truncation of each valid header using exact-size buffers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissectors/ip.h"
#include "tests/unit/testpkt.h"

static const uint8_t A[4] = { 192, 168, 10, 10 }, B[4] = { 35, 79, 95, 220 };

static enum vx_ip_status dissect(const uint8_t *pkt, size_t len, struct vx_ip *ip)
{
    uint8_t *b = tp_dup(pkt, len);
    enum vx_ip_status st = vx_ip_dissect(b, len, ip);
    if (st == VX_IP_OK) {
        /* the payload must be inside the copy; report its offset, not the dead pointer */
        assert_true(ip->payload >= b && (size_t)(ip->payload - b) + ip->payload_len <= len);
        ip->payload = pkt + (ip->payload - b);
    }
    free(b);
    return st;
}

static void test_ipv4_fields(void **state)
{
    uint8_t p[20 + 100];
    memset(p, 0xAB, sizeof p);
    tp_ipv4(p, A, B, 17, 100, 0x1234, 0x4000);
    p[1] = 0xB8;                               /* DSCP EF (46) */
    struct vx_ip ip;
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_int_equal(ip.version, 4);
    assert_int_equal(ip.proto, 17);
    assert_int_equal(ip.dscp, 46);
    assert_int_equal(ip.ttl, 64);
    assert_memory_equal(ip.src.b, A, 4);
    assert_memory_equal(ip.dst.b, B, 4);
    assert_ptr_equal(ip.payload, p + 20);
    assert_int_equal(ip.payload_len, 100);
    assert_int_equal(ip.wire_payload_len, 100);
    assert_false(ip.cut_by_snaplen);
    assert_false(ip.is_fragment);              /* DF only */
    for (size_t n = 0; n < 20; n++) assert_int_equal(dissect(p, n, &ip), VX_IP_TRUNCATED);
    /* captured between the header and the total length: cut, payload clipped */
    for (size_t n = 20; n < sizeof p; n++) {
        assert_int_equal(dissect(p, n, &ip), VX_IP_OK);
        assert_int_equal(ip.payload_len, n - 20);
        assert_true(ip.cut_by_snaplen);
    }
}

static void test_ipv4_ihl(void **state)
{
    uint8_t p[60];
    struct vx_ip ip;
    for (uint8_t ihl = 0; ihl < 5; ihl++) {
        tp_ipv4(p, A, B, 17, 40, 1, 0);
        p[0] = (uint8_t)(0x40 | ihl);
        assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_INVALID);
    }
    tp_ipv4(p, A, B, 17, 40, 1, 0);
    p[0] = 0x46;                               /* 24-byte header */
    assert_int_equal(dissect(p, 60, &ip), VX_IP_OK);
    assert_int_equal(ip.payload_len, 36);
    for (size_t n = 20; n < 24; n++) assert_int_equal(dissect(p, n, &ip), VX_IP_TRUNCATED);
    p[0] = 0x4F;                               /* 60-byte header, total 60 */
    assert_int_equal(dissect(p, 60, &ip), VX_IP_OK);
    assert_int_equal(ip.payload_len, 0);
    p[0] = 0x55;                               /* version 5 */
    assert_int_equal(dissect(p, 60, &ip), VX_IP_INVALID);
    assert_int_equal(vx_ipv4_dissect(p, 60, &ip), VX_IP_INVALID);
}

static void test_ipv4_lying_total(void **state)
{
    uint8_t p[20 + 30] = { 0 };
    struct vx_ip ip;
    tp_ipv4(p, A, B, 17, 30, 1, 0);
    tp_put16(p + 2, 1500);                     /* claims more than captured */
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_int_equal(ip.wire_payload_len, 1480);
    assert_int_equal(ip.payload_len, 30);
    assert_true(ip.cut_by_snaplen);
    tp_put16(p + 2, 10);                       /* less than the header */
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_INVALID);
    tp_put16(p + 2, 30);                       /* less than captured: Ethernet padding */
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_int_equal(ip.payload_len, 10);
    assert_false(ip.cut_by_snaplen);
    tp_put16(p + 2, 0);                        /* TSO: 0 means "whatever was captured" */
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_int_equal(ip.payload_len, 30);
}

static void test_ipv4_fragment(void **state)
{
    uint8_t p[20 + 16] = { 0 };
    struct vx_ip ip;
    tp_ipv4(p, A, B, 17, 16, 0xBEEF, 0x2000 | 185);   /* MF, offset 185*8 = 1480 */
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_true(ip.is_fragment);
    assert_true(ip.more_fragments);
    assert_int_equal(ip.frag_offset, 1480);
    assert_int_equal(ip.frag_id, 0xBEEF);
    tp_ipv4(p, A, B, 17, 16, 0xBEEF, 3);               /* last fragment at 24 */
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_true(ip.is_fragment);
    assert_false(ip.more_fragments);
    assert_int_equal(ip.frag_offset, 24);
}

/* IPv6 header with payload length plen and next header nh. */
static void ipv6(uint8_t *h, uint16_t plen, uint8_t nh)
{
    memset(h, 0, 40);
    tp_put32(h, 0x6B800000u);                  /* traffic class 0xB8 -> DSCP 46 */
    tp_put16(h + 4, plen);
    h[6] = nh;
    h[7] = 55;
    h[8] = 0x20; h[9] = 0x01; h[10] = 0x0d; h[11] = 0xb8; h[23] = 1;
    h[24] = 0x20; h[25] = 0x01; h[26] = 0x0d; h[27] = 0xb8; h[39] = 2;
}

static void test_ipv6_basic(void **state)
{
    uint8_t p[40 + 12] = { 0 };
    struct vx_ip ip;
    ipv6(p, 12, 17);
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_int_equal(ip.version, 6);
    assert_int_equal(ip.proto, 17);
    assert_int_equal(ip.dscp, 46);
    assert_int_equal(ip.ttl, 55);
    assert_int_equal(ip.src.b[15], 1);
    assert_int_equal(ip.dst.b[15], 2);
    assert_int_equal(ip.payload_len, 12);
    assert_int_equal(ip.ext_headers, 0);
    for (size_t n = 0; n < 40; n++) assert_int_equal(dissect(p, n, &ip), VX_IP_TRUNCATED);
    p[0] = 0x5B;
    assert_int_equal(vx_ipv6_dissect(p, sizeof p, &ip), VX_IP_INVALID);
}

static void test_ipv6_ext_chain(void **state)
{
    /* hop-by-hop (8) -> routing (8) -> destination options (16) -> AH (12) -> UDP (8) */
    uint8_t p[40 + 8 + 8 + 16 + 12 + 8] = { 0 };
    struct vx_ip ip;
    ipv6(p, sizeof p - 40, 0);
    uint8_t *e = p + 40;
    e[0] = 43; e[1] = 0; e += 8;
    e[0] = 60; e[1] = 0; e += 8;
    e[0] = 51; e[1] = 1; e += 16;
    e[0] = 17; e[1] = 1; e += 12;              /* AH: (1 + 2) * 4 = 12 bytes */
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_int_equal(ip.ext_headers, 4);
    assert_int_equal(ip.proto, 17);
    assert_ptr_equal(ip.payload, p + 40 + 44);
    assert_int_equal(ip.payload_len, 8);
    /* every cut inside the extension headers is truncated */
    for (size_t n = 40; n < 40 + 44; n++) assert_int_equal(dissect(p, n, &ip), VX_IP_TRUNCATED);
    /* a payload length that ends inside the chain is not a valid datagram */
    tp_put16(p + 4, 20);
    assert_int_not_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
}

static void test_ipv6_fragment_header(void **state)
{
    uint8_t p[40 + 8 + 16] = { 0 };
    struct vx_ip ip;
    ipv6(p, 24, 44);
    uint8_t *f = p + 40;
    f[0] = 17;
    tp_put16(f + 2, (uint16_t)((100 << 3) | 1)); /* offset 100*8, M */
    tp_put32(f + 4, 0xDEADBEEF);
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_OK);
    assert_true(ip.is_fragment);
    assert_true(ip.more_fragments);
    assert_int_equal(ip.frag_offset, 800);
    assert_int_equal(ip.frag_id, 0xDEADBEEF);
    assert_int_equal(ip.proto, 17);
    assert_int_equal(ip.payload_len, 16);
    for (size_t n = 40; n < 48; n++) assert_int_equal(dissect(p, n, &ip), VX_IP_TRUNCATED);
}

static void test_ipv6_chain_cap(void **state)
{
    enum { N = VX_IPV6_MAX_EXT + 1 };
    uint8_t p[40 + 8 * N + 8];
    struct vx_ip ip;
    memset(p, 0, sizeof p);
    /* exactly the cap: accepted */
    ipv6(p, 8 * VX_IPV6_MAX_EXT + 8, 0);
    for (int i = 0; i < VX_IPV6_MAX_EXT; i++) p[40 + 8 * i] = i + 1 < VX_IPV6_MAX_EXT ? 60 : 17;
    assert_int_equal(dissect(p, 40 + 8 * VX_IPV6_MAX_EXT + 8, &ip), VX_IP_OK);
    assert_int_equal(ip.ext_headers, VX_IPV6_MAX_EXT);
    /* one more: refused */
    ipv6(p, 8 * N + 8, 0);
    for (int i = 0; i < N; i++) p[40 + 8 * i] = i + 1 < N ? 60 : 17;
    assert_int_equal(dissect(p, sizeof p, &ip), VX_IP_INVALID);
}

static void test_dispatch(void **state)
{
    struct vx_ip ip;
    uint8_t z[1] = { 0x00 };
    assert_int_equal(dissect(z, 0, &ip), VX_IP_TRUNCATED);
    assert_int_equal(dissect(z, 1, &ip), VX_IP_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ipv4_fields),
        cmocka_unit_test(test_ipv4_ihl),
        cmocka_unit_test(test_ipv4_lying_total),
        cmocka_unit_test(test_ipv4_fragment),
        cmocka_unit_test(test_ipv6_basic),
        cmocka_unit_test(test_ipv6_ext_chain),
        cmocka_unit_test(test_ipv6_fragment_header),
        cmocka_unit_test(test_ipv6_chain_cap),
        cmocka_unit_test(test_dispatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
