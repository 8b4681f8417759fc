/* test_sip.c — dissectors/sip.c: a full INVITE through libosip2, compact header forms, a
 * response, Content-Length huge/negative/non-numeric/short, framing of two messages in one
 * buffer, 10 000 headers, a message libosip2 rejects (control character in an unquoted
 * display name) recovered by the fallback scanner, and every truncation of a valid
 * message in an exact-size buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "dissectors/sip.h"
#include "tests/unit/testpkt.h"
#include <stdio.h>
#include <time.h>

#define SDP "v=0\r\no=- 1 1 IN IP4 192.168.10.10\r\ns=-\r\nc=IN IP4 192.168.10.10\r\nt=0 0\r\nm=audio 16384 RTP/AVP 0\r\n"

static const char INVITE[] =
    "INVITE sip:200@35.79.95.220:5080 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 192.168.10.10:5060;branch=z9hG4bK-1;rport\r\n"
    "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bK-0;received=203.0.113.45\r\n"
    "Max-Forwards: 70\r\n"
    "From: \"Alice\" <sip:100@voicex.example>;tag=from-1\r\n"
    "To: <sip:200@voicex.example>\r\n"
    "Call-ID: abc123@192.168.10.10\r\n"
    "CSeq: 42 INVITE\r\n"
    "Contact: <sip:100@192.168.10.10:5060>;expires=300\r\n"
    "User-Agent: TestPhone/1.0\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 96\r\n"
    "\r\n" SDP;

static int parse(const char *m, size_t n, struct vx_sip *s)
{
    uint8_t *b = tp_dup((const uint8_t *)m, n);
    int rc = vx_sip_parse(b, n, s);
    free(b);
    return rc;
}

static int frame(const char *m, size_t n, size_t *len)
{
    uint8_t *b = tp_dup((const uint8_t *)m, n);
    int rc = vx_sip_frame(b, n, len);
    free(b);
    return rc;
}

static void test_invite_full(void **state)
{
    struct vx_sip s;
    size_t n = strlen(INVITE);
    assert_int_equal(strlen(SDP), 96);
    assert_int_equal(parse(INVITE, n, &s), 0);
    assert_true(s.parsed_by_osip);
    assert_true(s.is_request);
    assert_string_equal(s.method, "INVITE");
    assert_string_equal(s.call_id, "abc123@192.168.10.10");
    assert_int_equal(s.cseq, 42);
    assert_string_equal(s.cseq_method, "INVITE");
    assert_string_equal(s.from_tag, "from-1");
    assert_string_equal(s.to_tag, "");
    assert_int_equal(s.via_count, 2);
    assert_string_equal(s.via[0].branch, "z9hG4bK-1");
    assert_int_equal(s.via[0].port, 5060);
    assert_int_equal(s.via[0].rport, 0);            /* present without a value */
    assert_string_equal(s.via[1].received, "203.0.113.45");
    assert_int_equal(s.via[1].rport, -1);
    assert_int_equal(s.contact_expires, 300);
    assert_string_equal(s.user_agent, "TestPhone/1.0");
    assert_int_equal(s.content_length, 96);
    assert_int_equal(s.body_len, 96);
    assert_int_equal(s.body_offset, n - 96);
    assert_memory_equal(INVITE + s.body_offset, "v=0", 3);
    size_t len = 0;
    assert_int_equal(frame(INVITE, n, &len), 1);
    assert_int_equal(len, n);
}

static void test_truncations(void **state)
{
    size_t n = strlen(INVITE), len;
    struct vx_sip s;
    for (size_t k = 0; k < n; k++) {
        /* no prefix is a whole message: the body is incomplete until byte n */
        assert_int_not_equal(frame(INVITE, k, &len), 1);
        if (parse(INVITE, k, &s) == 0) {
            assert_true(s.body_offset + s.body_len <= k);
            assert_non_null(memchr(s.call_id, 0, sizeof s.call_id));
        }
    }
}

static void test_compact_forms(void **state)
{
    static const char m[] =
        "INVITE sip:200@h SIP/2.0\r\n"
        "v: SIP/2.0/UDP 192.168.10.10:5060;branch=z9hG4bK-c\r\n"
        "f: <sip:100@h>;tag=ft\r\n"
        "t: <sip:200@h>;tag=tt\r\n"
        "i: compact@h\r\n"
        "CSeq: 3 INVITE\r\n"
        "m: <sip:100@192.168.10.10>\r\n"
        "c: application/sdp\r\n"
        "l: 96\r\n\r\n" SDP;
    struct vx_sip s;
    assert_int_equal(parse(m, strlen(m), &s), 0);
    assert_string_equal(s.call_id, "compact@h");
    assert_string_equal(s.from_tag, "ft");
    assert_string_equal(s.to_tag, "tt");
    assert_int_equal(s.via_count, 1);
    assert_string_equal(s.via[0].branch, "z9hG4bK-c");
    assert_non_null(strstr(s.contact, "192.168.10.10"));
    assert_int_equal(s.content_length, 96);
    assert_non_null(strstr(s.content_type, "sdp"));
    size_t len;
    assert_int_equal(frame(m, strlen(m), &len), 1);
    assert_int_equal(len, strlen(m));
}

static void test_response(void **state)
{
    static const char m[] =
        "SIP/2.0 180 Ringing\r\n"
        "Via: SIP/2.0/UDP 192.168.10.10:5060;branch=z9hG4bK-1;rport=5060;received=203.0.113.45\r\n"
        "From: <sip:100@h>;tag=from-1\r\nTo: <sip:200@h>;tag=to-9\r\n"
        "Call-ID: abc123@192.168.10.10\r\nCSeq: 42 INVITE\r\nContent-Length: 0\r\n\r\n";
    struct vx_sip s;
    assert_int_equal(parse(m, strlen(m), &s), 0);
    assert_false(s.is_request);
    assert_int_equal(s.status, 180);
    assert_string_equal(s.to_tag, "to-9");
    assert_int_equal(s.via[0].rport, 5060);
    assert_string_equal(s.via[0].received, "203.0.113.45");
}

/* A message with the given Content-Length text and a 4-byte body. */
static void with_cl(char *buf, size_t size, const char *cl)
{
    snprintf(buf, size,
             "OPTIONS sip:h SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK-o\r\n"
             "From: <sip:a@h>;tag=1\r\nTo: <sip:h>\r\nCall-ID: cl@h\r\nCSeq: 1 OPTIONS\r\n"
             "Content-Length: %s\r\n\r\nbody", cl);
}

static void test_content_length(void **state)
{
    char m[512];
    struct vx_sip s;
    size_t len;
    static const char *const bad[] = { "99999999999999999999", "-5", "abc", "12abc", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        with_cl(m, sizeof m, bad[i]);
        assert_int_equal(parse(m, strlen(m), &s), 0);     /* still a message with a Call-ID */
        assert_string_equal(s.call_id, "cl@h");
        assert_int_equal(s.content_length, -2);
        assert_int_equal(frame(m, strlen(m), &len), -1);  /* but it cannot be framed */
    }
    with_cl(m, sizeof m, "100");                          /* more than present: wait */
    assert_int_equal(frame(m, strlen(m), &len), 0);
    assert_int_equal(parse(m, strlen(m), &s), 0);
    assert_int_equal(s.content_length, 100);
    assert_int_equal(s.body_len, 4);
    with_cl(m, sizeof m, "2");                            /* less than present: frame stops at 2 */
    assert_int_equal(frame(m, strlen(m), &len), 1);
    assert_int_equal(len, strlen(m) - 2);
}

static void test_two_messages(void **state)
{
    char one[512], two[1100];
    with_cl(one, sizeof one, "4");
    size_t n1 = strlen(one);
    snprintf(two, sizeof two, "%s%s", one, one);
    size_t len = 0;
    assert_int_equal(frame(two, strlen(two), &len), 1);
    assert_int_equal(len, n1);
    assert_int_equal(frame(two + len, strlen(two) - len, &len), 1);
    assert_int_equal(len, n1);
}

static void test_many_headers(void **state)
{
    enum { N = 10000 };
    size_t cap = 256 + (size_t)N * 16;
    char *m = malloc(cap);
    assert_non_null(m);
    size_t n = (size_t)snprintf(m, cap, "INVITE sip:h SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK-m\r\n"
                                "From: <sip:a@h>;tag=mf\r\nTo: <sip:h>\r\nCall-ID: many@h\r\nCSeq: 9 INVITE\r\n");
    for (int i = 0; i < N; i++) n += (size_t)snprintf(m + n, cap - n, "X-H: %d\r\n", i);
    n += (size_t)snprintf(m + n, cap - n, "\r\n");
    struct vx_sip s;
    clock_t t0 = clock();
    assert_int_equal(parse(m, n, &s), 0);
    double ms = 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_string_equal(s.call_id, "many@h");
    assert_int_equal(s.cseq, 9);
    assert_string_equal(s.from_tag, "mf");
    assert_string_equal(s.via[0].branch, "z9hG4bK-m");
    assert_int_equal(s.header_lines, N + 5);
    assert_true(ms < 1000.0);                  /* linear scan; generous for ASan */
    free(m);
}

static void test_fallback_scanner(void **state)
{
    /* libosip2 refuses an unquoted display name with a control character */
    static const char m[] =
        "INVITE sip:200@h SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 192.168.10.10:5062;branch=z9hG4bK-fb;rport\r\n"
        "From: Al\x01ice <sip:100@h>;tag=fb-tag\r\n"
        "To: <sip:200@h>\r\n"
        "Call-ID: fallback@h\r\n"
        "CSeq: 77 INVITE\r\n"
        "Content-Length: 0\r\n\r\n";
    struct vx_sip s;
    assert_int_equal(parse(m, strlen(m), &s), 0);
    assert_false(s.parsed_by_osip);
    assert_true(s.is_request);
    assert_string_equal(s.method, "INVITE");
    assert_string_equal(s.call_id, "fallback@h");
    assert_int_equal(s.cseq, 77);
    assert_string_equal(s.cseq_method, "INVITE");
    assert_string_equal(s.from_tag, "fb-tag");
    assert_int_equal(s.via_count, 1);
    assert_string_equal(s.via[0].transport, "UDP");
    assert_string_equal(s.via[0].host, "192.168.10.10");
    assert_int_equal(s.via[0].port, 5062);
    assert_string_equal(s.via[0].branch, "z9hG4bK-fb");
    assert_int_equal(s.via[0].rport, 0);
}

static void test_not_sip(void **state)
{
    struct vx_sip s;
    static const char *const no[] = {
        "", "INVITE", "INVITE sip:x HTTP/1.1\r\n\r\n", "SIP/2.0 abc\r\n\r\n", "GET / HTTP/1.1\r\n\r\n",
        "INVITE sip:x\nSIP/2.0\r\n\r\n",
    };
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        assert_false(vx_sip_looks_like((const uint8_t *)no[i], strlen(no[i])));
        assert_int_equal(parse(no[i], strlen(no[i]), &s), -1);
    }
    /* NUL bytes inside a header value do not break the scan or the copy */
    static const char nul[] = "OPTIONS sip:h SIP/2.0\r\nCall-ID: a\0b@h\r\nCSeq: 1 OPTIONS\r\n\r\n";
    (void)parse(nul, sizeof nul - 1, &s);
    assert_non_null(memchr(s.call_id, 0, sizeof s.call_id));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invite_full),
        cmocka_unit_test(test_truncations),
        cmocka_unit_test(test_compact_forms),
        cmocka_unit_test(test_response),
        cmocka_unit_test(test_content_length),
        cmocka_unit_test(test_two_messages),
        cmocka_unit_test(test_many_headers),
        cmocka_unit_test(test_fallback_scanner),
        cmocka_unit_test(test_not_sip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
