/* test_sdp.c — dissectors/sdp.c: session-level vs media-level c=, rtpmap names and clock
 * rates, payload lists, direction attributes, the media cap, the static payload table, and
 * every truncation of a valid body in an exact-size buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissectors/sdp.h"
#include "tests/unit/testpkt.h"
#include <stdio.h>

static const char BODY[] =
    "v=0\r\n"
    "o=alice 2890844526 2890844526 IN IP4 198.51.100.7\r\n"
    "s=-\r\n"
    "c=IN IP4 192.168.10.10\r\n"
    "t=0 0\r\n"
    "m=audio 16384 RTP/AVP 0 8 111 101\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:111 opus/48000/2\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=sendonly\r\n"
    "m=video 16386 RTP/AVP 96\r\n"
    "c=IN IP4 10.1.2.3\r\n"
    "a=rtpmap:96 H264/90000\r\n";

static int parse(const char *t, size_t n, struct vx_sdp *s)
{
    uint8_t *b = tp_dup((const uint8_t *)t, n);
    int rc = vx_sdp_parse(b, n, s);
    free(b);
    return rc;
}

static const struct vx_sdp_rtpmap *map_for(const struct vx_sdp_media *m, uint8_t pt)
{
    for (int i = 0; i < m->rtpmap_count; i++) if (m->rtpmap[i].pt == pt) return &m->rtpmap[i];
    return NULL;
}

static void test_session_and_media_conn(void **state)
{
    struct vx_sdp s;
    assert_int_equal(parse(BODY, strlen(BODY), &s), 0);
    assert_true(s.has_origin);
    assert_int_equal(s.origin.b[0], 198);
    assert_int_equal(s.origin.b[3], 7);
    assert_true(s.has_session_conn);
    assert_int_equal(s.media_count, 2);
    const struct vx_sdp_media *a = &s.media[0], *v = &s.media[1];
    assert_string_equal(a->type, "audio");
    assert_int_equal(a->port, 16384);
    assert_string_equal(a->proto, "RTP/AVP");
    assert_true(a->has_conn);                  /* inherited from the session c= */
    assert_int_equal(a->conn.b[0], 192);
    assert_int_equal(a->conn.b[3], 10);
    assert_string_equal(v->type, "video");
    assert_true(v->has_conn);                  /* its own c= wins */
    assert_int_equal(v->conn.b[0], 10);
    assert_int_equal(v->conn.b[3], 3);
    assert_string_equal(v->conn_text, "10.1.2.3");
}

static void test_rtpmap(void **state)
{
    struct vx_sdp s;
    assert_int_equal(parse(BODY, strlen(BODY), &s), 0);
    const struct vx_sdp_media *a = &s.media[0];
    assert_int_equal(a->pt_count, 4);
    assert_int_equal(a->pts[0], 0);
    assert_int_equal(a->pts[1], 8);
    assert_int_equal(a->pts[2], 111);
    assert_int_equal(a->pts[3], 101);
    assert_int_equal(a->rtpmap_count, 3);
    const struct vx_sdp_rtpmap *m = map_for(a, 111);
    assert_non_null(m);
    assert_string_equal(m->name, "opus");
    assert_int_equal(m->clock, 48000);
    m = map_for(a, 101);
    assert_non_null(m);
    assert_string_equal(m->name, "telephone-event");
    assert_int_equal(m->clock, 8000);
    assert_string_equal(a->direction, "sendonly");
    m = map_for(&s.media[1], 96);
    assert_non_null(m);
    assert_int_equal(m->clock, 90000);
}

static void test_media_cap_and_hostile(void **state)
{
    char body[4096];
    size_t n = (size_t)snprintf(body, sizeof body, "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n");
    for (int i = 0; i < 10; i++)
        n += (size_t)snprintf(body + n, sizeof body - n, "m=audio %d RTP/AVP 0\r\n", 20000 + 2 * i);
    struct vx_sdp s;
    assert_int_equal(parse(body, n, &s), 0);
    assert_int_equal(s.media_count, VX_SDP_MAX_MEDIA);
    assert_int_equal(s.media[3].port, 20006);
    assert_false(s.media[0].has_conn);        /* no c= anywhere */

    /* a 200-character media type and connection address must be cut, not overflow */
    char longv[220];
    memset(longv, 'a', 200);
    longv[200] = 0;
    n = (size_t)snprintf(body, sizeof body, "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 %s\r\nt=0 0\r\nm=%s 1 RTP/AVP 0\r\n", longv, longv);
    if (parse(body, n, &s) == 0 && s.media_count > 0) {
        assert_true(strlen(s.media[0].type) < sizeof s.media[0].type);
        assert_false(s.has_session_conn);
    }
    assert_int_equal(parse("x=0\r\n", 5, &s), -1);
    assert_int_equal(parse("v=", 2, &s), -1);
}

static void test_truncations(void **state)
{
    size_t n = strlen(BODY);
    struct vx_sdp s;
    for (size_t k = 0; k < n; k++) {
        if (parse(BODY, k, &s) != 0) continue;
        assert_true(s.media_count <= VX_SDP_MAX_MEDIA);
        for (int i = 0; i < s.media_count; i++) assert_true(s.media[i].pt_count <= VX_SDP_MAX_PT);
    }
}

static void test_static_table(void **state)
{
    uint32_t clock = 1;
    assert_string_equal(vx_sdp_static_codec(0, &clock), "PCMU");
    assert_int_equal(clock, 8000);
    assert_string_equal(vx_sdp_static_codec(8, &clock), "PCMA");
    assert_string_equal(vx_sdp_static_codec(9, &clock), "G722");
    assert_int_equal(clock, 8000);             /* RFC 3551: G722 uses an 8000 Hz RTP clock */
    assert_null(vx_sdp_static_codec(96, &clock));
    assert_int_equal(clock, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session_and_media_conn),
        cmocka_unit_test(test_rtpmap),
        cmocka_unit_test(test_media_cap_and_hostile),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_static_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
