/* test_udp_tcp.c — dissectors/udp.c and dissectors/tcp.c: ports, UDP length 0 / < 8 /
 * > payload / < payload, TCP data offset < 5 and > segment, options, and every truncation
 * of a valid header with exact-size buffers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissectors/tcp.h"
#include "dissectors/udp.h"
#include "tests/unit/testpkt.h"

static int udp(const uint8_t *d, size_t n, struct vx_udp *u)
{
    uint8_t *b = tp_dup(d, n);
    int rc = vx_udp_dissect(b, n, u);
    if (rc == 0) {
        assert_true(u->payload == b + 8 && 8 + u->payload_len <= n);
        u->payload = d + 8;
    }
    free(b);
    return rc;
}

static int tcp(const uint8_t *d, size_t n, struct vx_tcp *t)
{
    uint8_t *b = tp_dup(d, n);
    int rc = vx_tcp_dissect(b, n, t);
    if (rc == 0) {
        assert_true(t->payload >= b + 20 && (size_t)(t->payload - b) + t->payload_len == n);
        t->payload = d + (t->payload - b);
    }
    free(b);
    return rc;
}

static void test_udp_valid(void **state)
{
    uint8_t d[8 + 32];
    memset(d, 'x', sizeof d);
    tp_udp(d, 5060, 5080, 32);
    struct vx_udp u;
    assert_int_equal(udp(d, sizeof d, &u), 0);
    assert_int_equal(u.sport, 5060);
    assert_int_equal(u.dport, 5080);
    assert_int_equal(u.payload_len, 32);
    assert_false(u.length_mismatch);
    for (size_t n = 0; n < 8; n++) assert_int_equal(udp(d, n, &u), -1);
    /* cut by the capture: payload is what is there, flagged as a mismatch */
    for (size_t n = 8; n < sizeof d; n++) {
        assert_int_equal(udp(d, n, &u), 0);
        assert_int_equal(u.payload_len, n - 8);
        assert_true(u.length_mismatch);
    }
}

static void test_udp_lengths(void **state)
{
    uint8_t d[8 + 20] = { 0 };
    struct vx_udp u;
    tp_udp(d, 1, 2, 20);
    for (uint16_t l = 1; l < 8; l++) {
        tp_put16(d + 4, l);
        assert_int_equal(udp(d, sizeof d, &u), -1);
    }
    tp_put16(d + 4, 0);          /* 0: jumbogram / offload, take what the IP layer gave */
    assert_int_equal(udp(d, sizeof d, &u), 0);
    assert_int_equal(u.payload_len, 20);
    tp_put16(d + 4, 8);          /* empty datagram inside 20 bytes of padding */
    assert_int_equal(udp(d, sizeof d, &u), 0);
    assert_int_equal(u.payload_len, 0);
    assert_true(u.length_mismatch);
    tp_put16(d + 4, 8 + 12);     /* shorter than the IP payload */
    assert_int_equal(udp(d, sizeof d, &u), 0);
    assert_int_equal(u.payload_len, 12);
    assert_true(u.length_mismatch);
    tp_put16(d + 4, 65535);      /* longer than the IP payload */
    assert_int_equal(udp(d, sizeof d, &u), 0);
    assert_int_equal(u.payload_len, 20);
    assert_true(u.length_mismatch);
}

static void test_tcp_valid(void **state)
{
    uint8_t d[32 + 10];
    memset(d, 'p', sizeof d);
    tp_tcp(d, 40000, 5060, 0x01020304, 0xA0B0C0D0, 0x18);
    d[12] = 8 << 4;              /* 32-byte header: 12 bytes of options */
    memset(d + 20, 1, 12);       /* NOPs */
    struct vx_tcp t;
    assert_int_equal(tcp(d, sizeof d, &t), 0);
    assert_int_equal(t.sport, 40000);
    assert_int_equal(t.dport, 5060);
    assert_int_equal(t.seq, 0x01020304);
    assert_int_equal(t.ack, 0xA0B0C0D0);
    assert_int_equal(t.flags, VX_TCP_PSH | VX_TCP_ACK);
    assert_ptr_equal(t.payload, d + 32);
    assert_int_equal(t.payload_len, 10);
    for (size_t n = 0; n < 32; n++) assert_int_equal(tcp(d, n, &t), -1);
    assert_int_equal(tcp(d, 32, &t), 0);
    assert_int_equal(t.payload_len, 0);
}

static void test_tcp_bad_offset(void **state)
{
    uint8_t d[80] = { 0 };
    struct vx_tcp t;
    for (uint8_t off = 0; off < 5; off++) {
        tp_tcp(d, 1, 2, 0, 0, VX_TCP_SYN);
        d[12] = (uint8_t)(off << 4);
        assert_int_equal(tcp(d, sizeof d, &t), -1);
    }
    d[12] = 15 << 4;             /* 60-byte header in 40 bytes */
    assert_int_equal(tcp(d, 40, &t), -1);
    assert_int_equal(tcp(d, 60, &t), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_udp_valid),
        cmocka_unit_test(test_udp_lengths),
        cmocka_unit_test(test_tcp_valid),
        cmocka_unit_test(test_tcp_bad_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
