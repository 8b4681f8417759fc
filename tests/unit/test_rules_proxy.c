/* test_rules_proxy.c — rules_proxy.c (R-NO-PROXY): the proxy lab samples from each view
 * (LAN: non-VoiceX destination and Record-Route; WAN: extra Via; both: proven hop), clean
 * silent, and a synthetic request for a VoiceX server sent to a LAN address. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_rules_util.h"

static void test_proxy_views(void **state)
{
    (void)state;
    struct vx_analysis *a = analyse_pair("proxy-lan.pcap", NULL);
    if (!a) { skip(); return; }
    assert_non_null(find_id(a, "VX-PROXY-SIP-DEST"));
    const struct vx_finding *rr = find_id(a, "VX-PROXY-RECORD-ROUTE");
    assert_non_null(rr);
    assert_non_null(strstr(rr->detail, "192.168.50.1"));
    assert_null(strstr(rr->detail, "198.51.100.11"));       /* the VoiceX hop is not blamed */
    free_pair(a);
    a = analyse_pair("proxy-wan.pcap", NULL);
    assert_non_null(a);
    const struct vx_finding *via = find_id(a, "VX-PROXY-VIA-HOP");
    assert_non_null(via);
    assert_non_null(strstr(via->detail, "198.51.100.1:"));
    free_pair(a);
    a = analyse_pair("proxy-lan.pcap", "proxy-wan.pcap");
    const struct vx_finding *p = find_id(a, "VX-PROXY-HOP-PROVEN");
    assert_non_null(p);
    assert_string_equal(p->confidence, "proven");
    free_pair(a);
}

static void test_clean_alg_have_no_proxy(void **state)
{
    (void)state;
    const char *const pairs[][2] = { { "clean-lan.pcap", "clean-wan.pcap" }, { "alg-lan.pcap", "alg-wan.pcap" },
                                     { "nat-timeout-lan.pcap", "nat-timeout-wan.pcap" } };
    for (size_t i = 0; i < 3; i++) {
        struct vx_analysis *a = analyse_pair(pairs[i][0], pairs[i][1]);
        if (!a) { skip(); return; }
        assert_null(find_kind(a, "proxy"));
        free_pair(a);
    }
}

static void test_synthetic_destination(void **state)
{
    (void)state;
    const char *invite =
        "INVITE sip:0312345678@lab SIP/2.0\r\nVia: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-i1\r\n"
        "From: <sip:201@lab>;tag=i\r\nTo: <sip:0312345678@lab>\r\nCall-ID: i1@10.1.2.3\r\nCSeq: 1 INVITE\r\n"
        "Contact: <sip:201@10.1.2.3:5060>\r\nContent-Length: 0\r\n\r\n";
    struct vx_analysis *a = synthetic_new();
    feed_udp(a, "10.1.2.3", 5060, "10.1.2.1", 5060, 0, invite);      /* to a LAN box, To domain "lab" */
    synthetic_finish(a);
    const struct vx_finding *f = find_id(a, "VX-PROXY-SIP-DEST");
    assert_non_null(f);
    assert_non_null(strstr(f->detail, "10.1.2.1:5060"));
    vx_analysis_free(a);
    a = synthetic_new();
    feed_udp(a, "10.1.2.3", 5060, "198.51.100.11", 5080, 0, invite); /* straight to VoiceX */
    synthetic_finish(a);
    assert_null(find_kind(a, "proxy"));
    vx_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_proxy_views),
        cmocka_unit_test(test_clean_alg_have_no_proxy),
        cmocka_unit_test(test_synthetic_destination),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
