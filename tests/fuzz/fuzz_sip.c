/* fuzz_sip.c — libFuzzer target for dissectors/sip.c: looks_like, framing, and parsing
 * (libosip2 and the tolerant scanner). Checks framed lengths, body spans and that every
 * string field is NUL-terminated within its array. */
#include "dissectors/sip.h"
#include "tests/fuzz/fuzz_common.h"

static void check_strings(const struct vx_sip *s)
{
    FZ_STR(s->method); FZ_STR(s->reason); FZ_STR(s->request_uri); FZ_STR(s->call_id);
    FZ_STR(s->cseq_method); FZ_STR(s->from_uri); FZ_STR(s->from_display); FZ_STR(s->from_tag);
    FZ_STR(s->to_uri); FZ_STR(s->to_display); FZ_STR(s->to_tag); FZ_STR(s->contact);
    FZ_STR(s->record_route); FZ_STR(s->content_type); FZ_STR(s->user_agent); FZ_STR(s->server);
    for (int i = 0; i < s->via_count && i < VX_SIP_MAX_VIA; i++) {
        FZ_STR(s->via[i].transport); FZ_STR(s->via[i].host);
        FZ_STR(s->via[i].branch); FZ_STR(s->via[i].received);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fz_copy(data, size);
    (void)vx_sip_looks_like(buf, size);
    size_t msg_len = 0;
    if (vx_sip_frame(buf, size, &msg_len) == 1) FZ_CHECK(msg_len > 0 && msg_len <= size);
    static struct vx_sip s;
    if (vx_sip_parse(buf, size, &s) == 0) {
        FZ_CHECK(s.body_offset <= size && s.body_offset + s.body_len <= size);
        FZ_CHECK(s.header_len <= size);
        check_strings(&s);
    }
    free(buf);
    return 0;
}
