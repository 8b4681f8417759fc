/* test_rules_alg.c — rules_alg.c (R-NO-ALG): the lab samples as regressions (alg from the LAN
 * alone and proven with the WAN twin, clean and proxy silent) and synthetic responses whose
 * received= is private / public, and a Content-Length larger than the body (a smaller one cannot
 * be seen: the analyzer frames UDP datagrams by Content-Length and drops the tail). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_rules_util.h"

static void test_alg_lan_alone(void **state)
{
    (void)state;
    struct vx_analysis *a = analyse_pair("alg-lan.pcap", NULL);
    if (!a) { skip(); return; }
    const struct vx_finding *f = find_id(a, "VX-ALG-VIA-REWRITE");
    assert_non_null(f);
    assert_string_equal(f->confidence, "strong");
    assert_int_equal(f->severity, VX_SEV_CRITICAL);
    assert_non_null(strstr(f->detail, "received=192.168.50.10"));
    assert_true(f->evidence_count >= 1);
    free_pair(a);
}

static void test_alg_proven_with_wan(void **state)
{
    (void)state;
    struct vx_analysis *a = analyse_pair("alg-lan.pcap", "alg-wan.pcap");
    if (!a) { skip(); return; }
    const struct vx_finding *f = find_id(a, "VX-ALG-MANGLED");
    assert_non_null(f);
    assert_string_equal(f->confidence, "proven");
    /* the INVITE's SDP and Content-Length were rewritten, and the pattern is nf_nat_sip's */
    bool sdp = false;
    for (size_t i = 0; i < a->findings.count; i++) {
        const struct vx_finding *g = vx_finding_at(a, i);
        if (strcmp(g->id, "VX-ALG-MANGLED")) continue;
        if (strstr(g->detail, "c=IN IP4 198.51.100.1") && strstr(g->detail, "Content-Length")) sdp = true;
        assert_non_null(strstr(g->detail, "nf_nat_sip"));
        bool wan_ref = false;
        for (uint32_t k = 0; k < g->evidence_count; k++) wan_ref |= (g->evidence[k].file & VX_REF_WAN) != 0;
        assert_true(wan_ref);
    }
    assert_true(sdp);
    free_pair(a);
}

static void test_clean_and_proxy_raise_no_alg(void **state)
{
    (void)state;
    struct vx_analysis *a = analyse_pair("clean-lan.pcap", "clean-wan.pcap");
    if (!a) { skip(); return; }
    assert_null(find_kind(a, "sip_alg"));
    assert_int_equal(loud_findings(a), 0);
    free_pair(a);
    a = analyse_pair("proxy-lan.pcap", "proxy-wan.pcap");
    assert_non_null(a);
    assert_null(find_kind(a, "sip_alg"));
    free_pair(a);
}

static const char *REGISTER =
    "REGISTER sip:198.51.100.11:5080 SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-t1;rport\r\n"
    "From: <sip:201@lab>;tag=a1\r\nTo: <sip:201@lab>\r\nCall-ID: reg1@10.1.2.3\r\nCSeq: 1 REGISTER\r\n"
    "Contact: <sip:201@10.1.2.3:5060>\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n";

static void feed_ok(struct vx_analysis *a, const char *received)
{
    char resp[600];
    snprintf(resp, sizeof resp, "SIP/2.0 200 OK\r\n"
             "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-t1;rport=5060;received=%s\r\n"
             "From: <sip:201@lab>;tag=a1\r\nTo: <sip:201@lab>;tag=s1\r\nCall-ID: reg1@10.1.2.3\r\nCSeq: 1 REGISTER\r\n"
             "Contact: <sip:201@10.1.2.3:5060>;expires=3600\r\nContent-Length: 0\r\n\r\n", received);
    feed_udp(a, "10.1.2.3", 5060, "198.51.100.11", 5080, 0, REGISTER);
    feed_udp(a, "198.51.100.11", 5080, "10.1.2.3", 5060, 20, resp);
}

static void test_synthetic_received_private_vs_public(void **state)
{
    (void)state;
    struct vx_analysis *a = synthetic_new();
    feed_ok(a, "10.1.2.3");
    synthetic_finish(a);
    assert_non_null(find_id(a, "VX-ALG-VIA-REWRITE"));
    vx_analysis_free(a);
    a = synthetic_new();
    feed_ok(a, "203.0.113.9");
    synthetic_finish(a);
    assert_null(find_kind(a, "sip_alg"));
    vx_analysis_free(a);
}

static void test_synthetic_content_length(void **state)
{
    (void)state;
    struct vx_analysis *a = synthetic_new();
    feed_udp(a, "10.1.2.3", 5060, "198.51.100.11", 5080, 0,
             "OPTIONS sip:198.51.100.11:5080 SIP/2.0\r\nVia: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-o1\r\n"
             "From: <sip:201@lab>;tag=o\r\nTo: <sip:201@lab>\r\nCall-ID: o1@10.1.2.3\r\nCSeq: 1 OPTIONS\r\n"
             "Content-Type: text/plain\r\nContent-Length: 40\r\n\r\nhello world");
    synthetic_finish(a);
    const struct vx_finding *f = find_id(a, "VX-ALG-CONTENT-LENGTH");
    assert_non_null(f);
    assert_non_null(strstr(f->detail, "Content-Length 40 but the body has 11 bytes"));
    vx_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alg_lan_alone),
        cmocka_unit_test(test_alg_proven_with_wan),
        cmocka_unit_test(test_clean_and_proxy_raise_no_alg),
        cmocka_unit_test(test_synthetic_received_private_vs_public),
        cmocka_unit_test(test_synthetic_content_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
