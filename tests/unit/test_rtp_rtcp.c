/* test_rtp_rtcp.c — dissectors/rtp.c and dissectors/rtcp.c: RTP fields, CSRC count past the
 * end, header extension length overflow, padding overflow, version checks; RTCP SR+RR
 * fields (24-bit signed cumulative loss), length 0, a lying length inside a compound, the
 * sub-packet cap; every truncation in exact-size buffers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissectors/rtcp.h"
#include "dissectors/rtp.h"
#include "tests/unit/testpkt.h"

static int rtp(const uint8_t *d, size_t n, struct vx_rtp *r)
{
    uint8_t *b = tp_dup(d, n);
    int rc = vx_rtp_dissect(b, n, r);
    free(b);
    return rc;
}

static int rtcp(const uint8_t *d, size_t n, struct vx_rtcp *r)
{
    uint8_t *b = tp_dup(d, n);
    int rc = vx_rtcp_dissect(b, n, r);
    free(b);
    return rc;
}

static size_t rtp_header(uint8_t *p, uint8_t b0, uint8_t b1, uint16_t seq, uint32_t ts, uint32_t ssrc)
{
    p[0] = b0;
    p[1] = b1;
    tp_put16(p + 2, seq);
    tp_put32(p + 4, ts);
    tp_put32(p + 8, ssrc);
    return 12;
}

static void test_rtp_basic(void **state)
{
    uint8_t p[12 + 160];
    memset(p, 0xD5, sizeof p);
    rtp_header(p, 0x80, 0x80 | 8, 1234, 160000, 0xCAFEBABE);
    struct vx_rtp r;
    assert_int_equal(rtp(p, sizeof p, &r), 0);
    assert_int_equal(r.version, 2);
    assert_true(r.marker);
    assert_int_equal(r.payload_type, 8);
    assert_int_equal(r.seq, 1234);
    assert_int_equal(r.timestamp, 160000);
    assert_int_equal(r.ssrc, 0xCAFEBABE);
    assert_int_equal(r.header_len, 12);
    assert_int_equal(r.payload_len, 160);
    for (size_t n = 0; n < 12; n++) assert_int_equal(rtp(p, n, &r), -1);
    p[0] = 0x40;                               /* version 1 */
    assert_int_equal(rtp(p, sizeof p, &r), -1);
}

static void test_rtp_csrc_extension(void **state)
{
    uint8_t p[80] = { 0 };
    struct vx_rtp r;
    rtp_header(p, 0x80 | 15, 0, 1, 1, 1);      /* CC=15 needs 60 more bytes */
    assert_int_equal(rtp(p, 12, &r), -1);
    assert_int_equal(rtp(p, 12 + 59, &r) , -1);
    rtp_header(p, 0x80 | 2, 0, 1, 1, 1);       /* CC=2: header 20 */
    assert_int_equal(rtp(p, 30, &r), 0);
    assert_int_equal(r.csrc_count, 2);
    assert_int_equal(r.header_len, 20);
    assert_int_equal(r.payload_len, 10);
    rtp_header(p, 0x90, 0, 1, 1, 1);           /* X=1, profile 0xBEDE, 1 word */
    tp_put16(p + 12, 0xBEDE);
    tp_put16(p + 14, 1);
    assert_int_equal(rtp(p, 12 + 4 + 4 + 8, &r), 0);
    assert_true(r.extension);
    assert_int_equal(r.header_len, 20);
    assert_int_equal(r.payload_len, 8);
    for (size_t n = 12; n < 20; n++) assert_int_equal(rtp(p, n, &r), -1);
    tp_put16(p + 14, 0xFFFF);                  /* 262140 bytes of extension in 80 */
    assert_int_equal(rtp(p, sizeof p, &r), -1);
}

static void test_rtp_padding(void **state)
{
    uint8_t p[12 + 20] = { 0 };
    struct vx_rtp r;
    rtp_header(p, 0xA0, 0, 1, 1, 1);           /* P=1 */
    p[sizeof p - 1] = 4;
    assert_int_equal(rtp(p, sizeof p, &r), 0);
    assert_int_equal(r.payload_len, 16);
    p[sizeof p - 1] = 20;                      /* all of the body is padding */
    assert_int_equal(rtp(p, sizeof p, &r), 0);
    assert_int_equal(r.payload_len, 0);
    p[sizeof p - 1] = 21;                      /* more padding than body */
    assert_int_equal(rtp(p, sizeof p, &r), -1);
    p[sizeof p - 1] = 255;
    assert_int_equal(rtp(p, sizeof p, &r), -1);
    p[sizeof p - 1] = 0;                       /* a padding count of 0 is invalid */
    assert_int_equal(rtp(p, sizeof p, &r), -1);
    assert_int_equal(rtp(p, 12, &r), -1);      /* P=1 with no body at all */
}

static void test_looks_like_rtcp(void **state)
{
    uint8_t sr[8] = { 0x80, 200, 0, 1 }, rtpp[8] = { 0x80, 0 }, v1[8] = { 0x40, 200 };
    assert_true(vx_rtp_looks_like_rtcp(sr, 8));
    assert_false(vx_rtp_looks_like_rtcp(sr, 7));
    assert_false(vx_rtp_looks_like_rtcp(rtpp, 8));
    assert_false(vx_rtp_looks_like_rtcp(v1, 8));
}

/* Report block: ssrc, fraction, 24-bit cumulative lost, highest seq, jitter, lsr, dlsr. */
static size_t block(uint8_t *p, uint32_t ssrc, uint8_t frac, uint32_t lost24, uint32_t hseq, uint32_t jit)
{
    tp_put32(p, ssrc);
    p[4] = frac;
    p[5] = (uint8_t)(lost24 >> 16); p[6] = (uint8_t)(lost24 >> 8); p[7] = (uint8_t)lost24;
    tp_put32(p + 8, hseq);
    tp_put32(p + 12, jit);
    tp_put32(p + 16, 0x11112222);
    tp_put32(p + 20, 65536);
    return 24;
}

/* SR with one block (7 words after the header + 6 for the block) then RR with one block. */
static size_t compound(uint8_t *p)
{
    p[0] = 0x81; p[1] = 200; tp_put16(p + 2, 12);
    tp_put32(p + 4, 0xAABBCCDD);
    tp_put32(p + 8, 0xE0000000); tp_put32(p + 12, 0x12345678);  /* NTP: middle = 0x00001234 */
    tp_put32(p + 16, 8000);                                    /* RTP ts */
    tp_put32(p + 20, 500); tp_put32(p + 24, 80000);            /* packets, octets */
    size_t n = 28 + block(p + 28, 0x11223344, 64, 0xFFFFFE, 70000, 123);
    p[n] = 0x81; p[n + 1] = 201; tp_put16(p + n + 2, 7);
    tp_put32(p + n + 4, 0x55667788);
    n += 8 + block(p + n + 8, 0x99AABBCC, 0, 5, 1000, 40);
    return n;
}

static void test_rtcp_compound(void **state)
{
    uint8_t p[128];
    size_t n = compound(p);
    assert_int_equal(n, 52 + 32);
    struct vx_rtcp r;
    assert_int_equal(rtcp(p, n, &r), 0);
    assert_false(r.malformed);
    assert_int_equal(r.count, 2);
    const struct vx_rtcp_packet *sr = &r.packets[0], *rr = &r.packets[1];
    assert_int_equal(sr->type, 200);
    assert_int_equal(sr->sender_ssrc, 0xAABBCCDD);
    assert_int_equal(sr->ntp_middle, 0x00001234);
    assert_int_equal(sr->sender_packets, 500);
    assert_int_equal(sr->sender_octets, 80000);
    assert_int_equal(sr->block_count, 1);
    assert_int_equal(sr->blocks[0].ssrc, 0x11223344);
    assert_int_equal(sr->blocks[0].fraction_lost, 64);
    assert_int_equal(sr->blocks[0].cumulative_lost, -2);       /* 0xFFFFFE as 24-bit signed */
    assert_int_equal(sr->blocks[0].highest_seq, 70000);
    assert_int_equal(sr->blocks[0].jitter, 123);
    assert_int_equal(sr->blocks[0].lsr, 0x11112222);
    assert_int_equal(sr->blocks[0].dlsr, 65536);
    assert_int_equal(rr->type, 201);
    assert_int_equal(rr->blocks[0].cumulative_lost, 5);
    /* every cut: the SR alone survives once its 52 bytes are there, never more than that;
     * once the RR's header is there (k >= 56) its length lies about the rest */
    for (size_t k = 0; k < n; k++) {
        int rc = rtcp(p, k, &r);
        if (k < 52) { assert_int_equal(rc, -1); continue; }
        assert_int_equal(rc, 0);
        assert_int_equal(r.count, 1);
        if (k >= 56) assert_true(r.malformed);
    }
}

static void test_rtcp_lengths(void **state)
{
    uint8_t p[128];
    struct vx_rtcp r;
    size_t n = compound(p);
    tp_put16(p + 2, 0);                        /* SR with length 0 */
    assert_int_equal(rtcp(p, n, &r), -1);
    assert_true(r.malformed);
    n = compound(p);
    tp_put16(p + 52 + 2, 0xFFFF);              /* the RR lies: keep the SR */
    assert_int_equal(rtcp(p, n, &r), 0);
    assert_int_equal(r.count, 1);
    assert_true(r.malformed);
    n = compound(p);
    p[0] = 0x80 | 31;                          /* RC=31 in a 12-word SR: the SR is dropped */
    assert_int_equal(rtcp(p, n, &r), 0);       /* the RR after it is still well-formed */
    assert_int_equal(r.count, 1);
    assert_int_equal(r.packets[0].type, 201);
    assert_true(r.malformed);
    uint8_t bye[4] = { 0x80, 203, 0, 0 };      /* a header-only BYE: 4 bytes, length 0 */
    assert_int_equal(rtcp(bye, 4, &r), 0);
    assert_int_equal(r.packets[0].type, 203);
    uint8_t notv2[8] = { 0x40, 200, 0, 1 };
    assert_int_equal(rtcp(notv2, 8, &r), -1);
}

static void test_rtcp_cap(void **state)
{
    enum { N = 20 };
    uint8_t p[N * 8];
    for (int i = 0; i < N; i++) {              /* 20 header+SSRC BYEs */
        p[8 * i] = 0x81; p[8 * i + 1] = 203; tp_put16(p + 8 * i + 2, 1);
        tp_put32(p + 8 * i + 4, (uint32_t)i);
    }
    struct vx_rtcp r;
    assert_int_equal(rtcp(p, sizeof p, &r), 0);
    assert_int_equal(r.count, VX_RTCP_MAX_PACKETS);
    assert_int_equal(r.packets[7].sender_ssrc, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rtp_basic),
        cmocka_unit_test(test_rtp_csrc_extension),
        cmocka_unit_test(test_rtp_padding),
        cmocka_unit_test(test_looks_like_rtcp),
        cmocka_unit_test(test_rtcp_compound),
        cmocka_unit_test(test_rtcp_lengths),
        cmocka_unit_test(test_rtcp_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
