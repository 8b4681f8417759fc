/* fuzz_link.c — libFuzzer target for dissectors/link.c. Byte 0 picks one of the supported
 * link types, the rest is the frame. Checks the network offset stays inside the frame. */
#include "dissectors/link.h"
#include "tests/fuzz/fuzz_common.h"

static const int dlts[] = {
    VX_DLT_NULL, VX_DLT_EN10MB, VX_DLT_RAW_OLD, VX_DLT_RAW_OLD2, VX_DLT_LOOP, VX_DLT_RAW,
    VX_DLT_LINUX_SLL, VX_DLT_IPV4, VX_DLT_IPV6, VX_DLT_LINUX_SLL2, 999,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int dlt = dlts[data[0] % (sizeof dlts / sizeof dlts[0])];
    size_t n = size - 1;
    uint8_t *buf = fz_copy(data + 1, n);
    struct vx_link l;
    enum vx_link_status st = vx_link_dissect(dlt, buf, n, &l);
    if (st == VX_LINK_OK) {
        FZ_CHECK(l.net_offset <= n);
        FZ_CHECK(l.ethertype == VX_ETH_IPV4 || l.ethertype == VX_ETH_IPV6);
        FZ_CHECK(l.vlan_tags <= VX_ETH_MAX_TAGS);
    }
    (void)vx_link_name(dlt);
    free(buf);
    return 0;
}
