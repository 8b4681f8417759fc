/* fuzz_rtp.c — libFuzzer target for dissectors/rtp.c. Checks header + payload never claim
 * more bytes than the input holds. */
#include "dissectors/rtp.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_copy(data, size);
    struct vx_rtp r;
    if (vx_rtp_dissect(buf, size, &r) == 0) {
        FZ_CHECK(r.version == 2);
        FZ_CHECK(r.header_len >= 12 && r.header_len <= size);
        FZ_CHECK(r.header_len + r.payload_len <= size);
        FZ_CHECK(r.csrc_count <= 15 && r.payload_type <= 127);
    }
    (void)vx_rtp_looks_like_rtcp(buf, size);
    free(buf);
    return 0;
}
