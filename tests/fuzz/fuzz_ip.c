/* fuzz_ip.c — libFuzzer target for dissectors/ip.c (IPv4, IPv6 + extension headers).
 * Checks the payload span the dissector hands back lies inside the input. */
#include "dissectors/ip.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_copy(data, size);
    struct vx_ip ip;
    if (vx_ip_dissect(buf, size, &ip) == VX_IP_OK) {
        FZ_INSIDE(ip.payload, ip.payload_len, buf, size);
        FZ_CHECK(ip.payload_len <= ip.wire_payload_len);
        FZ_CHECK(ip.ext_headers <= VX_IPV6_MAX_EXT);
        FZ_CHECK(ip.version == 4 || ip.version == 6);
    }
    /* the explicit entry points must also cope with the other version's bytes */
    (void)vx_ipv4_dissect(buf, size, &ip);
    (void)vx_ipv6_dissect(buf, size, &ip);
    free(buf);
    return 0;
}
