/* fuzz_sdp.c — libFuzzer target for dissectors/sdp.c (libosip2 sdp_message underneath).
 * Checks the media and payload-type counts respect their caps and strings are terminated. */
#include "dissectors/sdp.h"
#include "tests/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_copy(data, size);
    struct vx_sdp sdp;
    if (vx_sdp_parse(buf, size, &sdp) == 0) {
        FZ_CHECK(sdp.media_count >= 0 && sdp.media_count <= VX_SDP_MAX_MEDIA);
        FZ_STR(sdp.origin_text);
        for (int i = 0; i < sdp.media_count; i++) {
            const struct vx_sdp_media *m = &sdp.media[i];
            FZ_CHECK(m->pt_count >= 0 && m->pt_count <= VX_SDP_MAX_PT);
            FZ_CHECK(m->rtpmap_count >= 0 && m->rtpmap_count <= VX_SDP_MAX_PT);
            FZ_STR(m->type); FZ_STR(m->proto); FZ_STR(m->conn_text); FZ_STR(m->direction);
            for (int k = 0; k < m->rtpmap_count; k++) { FZ_STR(m->rtpmap[k].name); FZ_CHECK(m->rtpmap[k].pt < 128); }
        }
    }
    if (size) { uint32_t clock; (void)vx_sdp_static_codec(buf[0], &clock); }
    free(buf);
    return 0;
}
