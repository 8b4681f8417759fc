/* fuzz_rtcp.c — libFuzzer target for dissectors/rtcp.c compound packets. Checks the packet
 * and report-block counts respect their caps and every stored type is an RTCP type. */
#include "dissectors/rtcp.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_copy(data, size);
    struct vx_rtcp r;
    int rc = vx_rtcp_dissect(buf, size, &r);
    FZ_CHECK(r.count <= VX_RTCP_MAX_PACKETS);
    FZ_CHECK((rc == 0) == (r.count > 0));
    for (int i = 0; i < r.count; i++) {
        FZ_CHECK(r.packets[i].type >= 192 && r.packets[i].type <= 223);
        FZ_CHECK(r.packets[i].block_count <= VX_RTCP_MAX_BLOCKS);
    }
    free(buf);
    return 0;
}
