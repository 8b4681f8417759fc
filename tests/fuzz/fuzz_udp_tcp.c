/* fuzz_udp_tcp.c — libFuzzer target for dissectors/udp.c and dissectors/tcp.c on the same
 * input. Checks the borrowed payloads lie inside the input. */
#include "dissectors/tcp.h"
#include "dissectors/udp.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_copy(data, size);
    struct vx_udp u;
    if (vx_udp_dissect(buf, size, &u) == 0) {
        FZ_CHECK(size >= 8);
        FZ_INSIDE(u.payload, u.payload_len, buf, size);
    }
    struct vx_tcp t;
    if (vx_tcp_dissect(buf, size, &t) == 0) {
        FZ_CHECK(size >= 20);
        FZ_INSIDE(t.payload, t.payload_len, buf, size);
    }
    free(buf);
    return 0;
}
