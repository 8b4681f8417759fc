/* fuzz_stun.c — libFuzzer target for dissectors/stun.c. Checks a decoded message's length
 * field matches the bytes after the 20-byte header and the mapped family is valid. */
#include "dissectors/stun.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_copy(data, size);
    struct vx_stun s;
    if (vx_stun_dissect(buf, size, &s) == 0) {
        FZ_CHECK(size >= 20 && (size_t)s.length + 20 == size);
        FZ_CHECK(!s.has_mapped || s.mapped.addr.family == 4 || s.mapped.addr.family == 6);
    }
    free(buf);
    return 0;
}
