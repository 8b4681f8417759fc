/* test_link.c — dissectors/link.c: Ethernet, 802.1Q/QinQ tag stacks, PPPoE, Linux SLL/SLL2,
 * BSD null/loop, raw IP, and every truncation of each valid header (exact-size buffers). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissectors/link.h"
#include "tests/unit/testpkt.h"

/* Parses frame[0..len) from an exact-size copy. */
static enum vx_link_status dissect(int dlt, const uint8_t *frame, size_t len, struct vx_link *l)
{
    uint8_t *b = tp_dup(frame, len);
    enum vx_link_status st = vx_link_dissect(dlt, b, len, l);
    free(b);
    return st;
}

/* Every prefix shorter than hdr must be TRUNCATED; from hdr on the frame parses with
 * net_offset == hdr. */
static void truncations(int dlt, const uint8_t *frame, size_t hdr)
{
    struct vx_link l;
    for (size_t n = 0; n < hdr; n++) assert_int_equal(dissect(dlt, frame, n, &l), VX_LINK_TRUNCATED);
    for (size_t n = hdr; n <= hdr + 20; n++) {
        assert_int_equal(dissect(dlt, frame, n, &l), VX_LINK_OK);
        assert_int_equal(l.net_offset, hdr);
    }
}

static size_t eth_with_tags(uint8_t *f, int tags, uint16_t tpid_outer)
{
    tp_eth(f);
    size_t off = 12;
    for (int i = 0; i < tags; i++) {
        tp_put16(f + off, i == 0 ? tpid_outer : 0x8100);
        tp_put16(f + off + 2, (uint16_t)((5u << 13) | (uint16_t)(100 + i)));  /* PCP 5, VID 100+i */
        off += 4;
    }
    tp_put16(f + off, 0x0800);
    off += 2;
    memset(f + off, 0, 20);
    f[off] = 0x45;
    return off;
}

static void test_ethernet_plain(void **state)
{
    uint8_t f[64];
    size_t hdr = eth_with_tags(f, 0, 0);
    struct vx_link l;
    assert_int_equal(dissect(VX_DLT_EN10MB, f, hdr + 20, &l), VX_LINK_OK);
    assert_int_equal(l.ethertype, VX_ETH_IPV4);
    assert_int_equal(l.net_offset, 14);
    assert_int_equal(l.vlan_tags, 0);
    assert_int_equal(l.pcp, -1);
    truncations(VX_DLT_EN10MB, f, hdr);
}

static void test_vlan_and_qinq(void **state)
{
    uint8_t f[128];
    struct vx_link l;
    size_t hdr = eth_with_tags(f, 1, 0x8100);
    assert_int_equal(dissect(VX_DLT_EN10MB, f, hdr + 20, &l), VX_LINK_OK);
    assert_int_equal(hdr, 18);
    assert_int_equal(l.vlan_tags, 1);
    assert_int_equal(l.vlan_id, 100);
    assert_int_equal(l.pcp, 5);
    truncations(VX_DLT_EN10MB, f, hdr);

    hdr = eth_with_tags(f, 2, 0x88A8);
    assert_int_equal(dissect(VX_DLT_EN10MB, f, hdr + 20, &l), VX_LINK_OK);
    assert_int_equal(l.net_offset, 22);
    assert_int_equal(l.vlan_tags, 2);
    assert_int_equal(l.vlan_id, 100);   /* the outermost tag */
    truncations(VX_DLT_EN10MB, f, hdr);
}

static void test_vlan_stack_cap(void **state)
{
    uint8_t f[14 + 4 * 12 + 20];
    struct vx_link l;
    size_t hdr = eth_with_tags(f, VX_ETH_MAX_TAGS, 0x8100);
    assert_int_equal(dissect(VX_DLT_EN10MB, f, hdr + 20, &l), VX_LINK_OK);
    assert_int_equal(l.vlan_tags, VX_ETH_MAX_TAGS);
    hdr = eth_with_tags(f, VX_ETH_MAX_TAGS + 1, 0x8100);
    assert_int_not_equal(dissect(VX_DLT_EN10MB, f, hdr + 20, &l), VX_LINK_OK);
}

static void test_pppoe_and_not_ip(void **state)
{
    uint8_t f[64] = { 0 };
    struct vx_link l;
    tp_eth(f);
    tp_put16(f + 12, 0x8864);
    f[14] = 0x11;                 /* ver 1 type 1, code 0, session, length */
    tp_put16(f + 20, 0x0021);     /* PPP: IPv4 */
    f[22] = 0x45;
    assert_int_equal(dissect(VX_DLT_EN10MB, f, 42, &l), VX_LINK_OK);
    assert_int_equal(l.ethertype, VX_ETH_IPV4);
    assert_int_equal(l.net_offset, 22);
    truncations(VX_DLT_EN10MB, f, 22);
    tp_put16(f + 20, 0x0057);
    assert_int_equal(dissect(VX_DLT_EN10MB, f, 42, &l), VX_LINK_OK);
    assert_int_equal(l.ethertype, VX_ETH_IPV6);
    tp_put16(f + 20, 0xC021);     /* LCP */
    assert_int_equal(dissect(VX_DLT_EN10MB, f, 42, &l), VX_LINK_NOT_IP);
    tp_put16(f + 12, 0x0806);     /* ARP */
    assert_int_equal(dissect(VX_DLT_EN10MB, f, 42, &l), VX_LINK_NOT_IP);
}

static void test_sll_sll2(void **state)
{
    uint8_t f[64] = { 0 };
    struct vx_link l;
    tp_put16(f + 14, 0x86DD);     /* SLL: protocol at 14, header 16 */
    f[16] = 0x60;
    assert_int_equal(dissect(VX_DLT_LINUX_SLL, f, 56, &l), VX_LINK_OK);
    assert_int_equal(l.ethertype, VX_ETH_IPV6);
    assert_int_equal(l.net_offset, 16);
    truncations(VX_DLT_LINUX_SLL, f, 16);

    memset(f, 0, sizeof f);
    tp_put16(f, 0x0800);          /* SLL2: protocol first, header 20 */
    f[20] = 0x45;
    assert_int_equal(dissect(VX_DLT_LINUX_SLL2, f, 40, &l), VX_LINK_OK);
    assert_int_equal(l.net_offset, 20);
    truncations(VX_DLT_LINUX_SLL2, f, 20);
}

static void test_null_loop_raw(void **state)
{
    uint8_t f[32] = { 2, 0, 0, 0, 0x45 };     /* NULL: host-order (LE) AF_INET */
    struct vx_link l;
    assert_int_equal(dissect(VX_DLT_NULL, f, 24, &l), VX_LINK_OK);
    assert_int_equal(l.ethertype, VX_ETH_IPV4);
    assert_int_equal(l.net_offset, 4);
    truncations(VX_DLT_NULL, f, 4);
    uint8_t be[32] = { 0, 0, 0, 2, 0x45 };    /* NULL written big-endian: still AF_INET */
    assert_int_equal(dissect(VX_DLT_NULL, be, 24, &l), VX_LINK_OK);
    assert_int_equal(dissect(VX_DLT_LOOP, be, 24, &l), VX_LINK_OK);
    uint8_t v6[32] = { 30, 0, 0, 0, 0x60 };   /* AF_INET6 on macOS */
    assert_int_equal(dissect(VX_DLT_NULL, v6, 24, &l), VX_LINK_OK);
    assert_int_equal(l.ethertype, VX_ETH_IPV6);
    uint8_t other[8] = { 7, 0, 0, 0 };
    assert_int_equal(dissect(VX_DLT_NULL, other, 8, &l), VX_LINK_NOT_IP);

    uint8_t raw4[20] = { 0x45 }, raw6[40] = { 0x60 }, raw5[20] = { 0x55 };
    assert_int_equal(dissect(VX_DLT_RAW, raw4, 20, &l), VX_LINK_OK);
    assert_int_equal(l.net_offset, 0);
    assert_int_equal(dissect(VX_DLT_IPV6, raw6, 40, &l), VX_LINK_OK);
    assert_int_equal(l.ethertype, VX_ETH_IPV6);
    assert_int_equal(dissect(VX_DLT_RAW, raw5, 20, &l), VX_LINK_NOT_IP);
    assert_int_equal(dissect(VX_DLT_RAW, raw4, 0, &l), VX_LINK_TRUNCATED);
}

static void test_unsupported(void **state)
{
    uint8_t f[64] = { 0 };
    struct vx_link l;
    assert_int_equal(dissect(999, f, 64, &l), VX_LINK_UNSUPPORTED);
    assert_false(vx_link_supported(999));
    assert_true(vx_link_supported(VX_DLT_EN10MB));
    assert_string_equal(vx_link_name(VX_DLT_LINUX_SLL2), "LINUX_SLL2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ethernet_plain),
        cmocka_unit_test(test_vlan_and_qinq),
        cmocka_unit_test(test_vlan_stack_cap),
        cmocka_unit_test(test_pppoe_and_not_ip),
        cmocka_unit_test(test_sll_sll2),
        cmocka_unit_test(test_null_loop_raw),
        cmocka_unit_test(test_unsupported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
