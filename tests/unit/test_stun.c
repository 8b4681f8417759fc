/* test_stun.c — dissectors/stun.c: XOR-MAPPED-ADDRESS decoded against the RFC 5769 §2.2
 * and §2.3 test vectors (IPv4 and IPv6), classic MAPPED-ADDRESS, attribute length
 * overflow, header length checks, and every truncation in exact-size buffers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissectors/stun.h"
#include "tests/unit/testpkt.h"

static const uint8_t TID[12] = { 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae };

/* Binding success response: header + the given attributes. */
static size_t message(uint8_t *m, uint16_t type, bool cookie, const uint8_t *attrs, size_t alen)
{
    tp_put16(m, type);
    tp_put16(m + 2, (uint16_t)alen);
    tp_put32(m + 4, cookie ? 0x2112A442u : 0x01020304u);
    memcpy(m + 8, TID, 12);
    if (alen) memcpy(m + 20, attrs, alen);
    return 20 + alen;
}

static int dissect(const uint8_t *m, size_t n, struct vx_stun *s)
{
    uint8_t *b = tp_dup(m, n);
    int rc = vx_stun_dissect(b, n, s);
    free(b);
    return rc;
}

static void test_xor_mapped_v4(void **state)
{
    /* RFC 5769 §2.2: 192.0.2.1:32853 */
    static const uint8_t xma[] = { 0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43 };
    uint8_t m[64];
    size_t n = message(m, 0x0101, true, xma, sizeof xma);
    struct vx_stun s;
    assert_int_equal(dissect(m, n, &s), 0);
    assert_int_equal(s.type, 0x0101);
    assert_false(s.classic);
    assert_memory_equal(s.transaction, TID, 12);
    assert_true(s.has_mapped);
    assert_int_equal(s.mapped.addr.family, 4);
    static const uint8_t want[4] = { 192, 0, 2, 1 };
    assert_memory_equal(s.mapped.addr.b, want, 4);
    assert_int_equal(s.mapped.port, 32853);
    for (size_t k = 0; k < n; k++) {
        /* a cut message no longer matches its length field */
        assert_int_equal(dissect(m, k, &s), -1);
    }
}

static void test_xor_mapped_v6(void **state)
{
    /* RFC 5769 §2.3: [2001:db8:1234:5678:11:2233:4455:6677]:32853 */
    static const uint8_t xma[] = { 0x00, 0x20, 0x00, 0x14, 0x00, 0x02, 0xa1, 0x47,
                                   0x01, 0x13, 0xa9, 0xfa, 0xa5, 0xd3, 0xf1, 0x79,
                                   0xbc, 0x25, 0xf4, 0xb5, 0xbe, 0xd2, 0xb9, 0xd9 };
    static const uint8_t want[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56, 0x78,
                                      0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
    uint8_t m[64];
    size_t n = message(m, 0x0101, true, xma, sizeof xma);
    struct vx_stun s;
    assert_int_equal(dissect(m, n, &s), 0);
    assert_true(s.has_mapped);
    assert_int_equal(s.mapped.addr.family, 6);
    assert_memory_equal(s.mapped.addr.b, want, 16);
    assert_int_equal(s.mapped.port, 32853);
}

static void test_classic_mapped(void **state)
{
    static const uint8_t ma[] = { 0x00, 0x01, 0x00, 0x08, 0x00, 0x01, 0x0d, 0x96, 1, 2, 3, 4 };
    uint8_t m[64];
    size_t n = message(m, 0x0101, false, ma, sizeof ma);
    struct vx_stun s;
    assert_int_equal(dissect(m, n, &s), 0);
    assert_true(s.classic);
    assert_true(s.has_mapped);
    assert_int_equal(s.mapped.port, 3478);
    static const uint8_t want[4] = { 1, 2, 3, 4 };
    assert_memory_equal(s.mapped.addr.b, want, 4);
}

static void test_attribute_overflow(void **state)
{
    /* XOR-MAPPED-ADDRESS claims 0x100 bytes inside a 12-byte attribute area */
    static const uint8_t bad[] = { 0x00, 0x20, 0x01, 0x00, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43 };
    uint8_t m[64];
    size_t n = message(m, 0x0101, true, bad, sizeof bad);
    struct vx_stun s;
    assert_int_equal(dissect(m, n, &s), 0);
    assert_false(s.has_mapped);
    /* an attribute too short for its family */
    static const uint8_t shortv6[] = { 0x00, 0x20, 0x00, 0x08, 0x00, 0x02, 0xa1, 0x47, 0, 0, 0, 0 };
    n = message(m, 0x0101, true, shortv6, sizeof shortv6);
    assert_int_equal(dissect(m, n, &s), 0);
    assert_false(s.has_mapped);
}

static void test_header_checks(void **state)
{
    uint8_t m[64];
    struct vx_stun s;
    size_t n = message(m, 0x0001, true, NULL, 0);
    assert_int_equal(dissect(m, n, &s), 0);     /* an empty binding request */
    assert_int_equal(s.type, 0x0001);
    tp_put16(m + 2, 2);                          /* length not a multiple of 4 */
    assert_int_equal(dissect(m, n + 2, &s), -1);
    tp_put16(m + 2, 8);                          /* longer than present */
    assert_int_equal(dissect(m, n + 4, &s), -1);
    tp_put16(m + 2, 0);
    m[0] = 0x80;                                 /* top bits set: RTP/RTCP, not STUN */
    assert_int_equal(dissect(m, n, &s), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xor_mapped_v4),
        cmocka_unit_test(test_xor_mapped_v6),
        cmocka_unit_test(test_classic_mapped),
        cmocka_unit_test(test_attribute_overflow),
        cmocka_unit_test(test_header_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
