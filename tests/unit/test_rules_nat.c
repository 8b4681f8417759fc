/* test_rules_nat.c — rules_nat.c (R-NAT-TIMER): the nat_timeout lab samples (mapping change
 * from the LAN, the lost inbound INVITE after 6 s idle from the WAN, proven with both), clean
 * and inbound_drop silent, and synthetic REGISTER refreshes with a changing / stable rport. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_rules_util.h"

static void test_nat_timeout_views(void **state)
{
    (void)state;
    struct vx_analysis *a = analyse_pair("nat-timeout-lan.pcap", NULL);
    if (!a) { skip(); return; }
    const struct vx_finding *f = find_id(a, "VX-NAT-MAPPING-CHANGED");
    assert_non_null(f);
    assert_string_equal(f->confidence, "strong");
    assert_non_null(strstr(f->summary, "after 12.0 s"));
    free_pair(a);
    a = analyse_pair("nat-timeout-wan.pcap", NULL);
    f = find_id(a, "VX-NAT-IDLE-INBOUND-LOST");
    assert_non_null(f);
    assert_non_null(strstr(f->detail, "first gap that failed: 6.0 s"));
    free_pair(a);
    a = analyse_pair("nat-timeout-lan.pcap", "nat-timeout-wan.pcap");
    f = find_id(a, "VX-NAT-MAPPING-CHANGED");
    assert_non_null(f);
    assert_string_equal(f->confidence, "proven");
    assert_non_null(find_id(a, "VX-NAT-IDLE-INBOUND-LOST"));
    free_pair(a);
}

static void test_no_nat_alarm_without_evidence(void **state)
{
    (void)state;
    const char *const pairs[][2] = { { "clean-lan.pcap", "clean-wan.pcap" },
                                     { "inbound-drop-lan.pcap", "inbound-drop-wan.pcap" } };
    for (size_t i = 0; i < 2; i++) {
        struct vx_analysis *a = analyse_pair(pairs[i][0], pairs[i][1]);
        if (!a) { skip(); return; }
        assert_null(find_kind(a, "nat_timeout"));
        free_pair(a);
        a = analyse_pair(pairs[i][1], NULL);     /* WAN alone */
        assert_null(find_kind(a, "nat_timeout"));
        free_pair(a);
    }
}

static void register_pair(struct vx_analysis *a, int cseq, double ms, int rport)
{
    char req[700], resp[700];
    snprintf(req, sizeof req, "REGISTER sip:198.51.100.11:5080 SIP/2.0\r\n"
             "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-r%d;rport\r\nFrom: <sip:201@lab>;tag=r\r\n"
             "To: <sip:201@lab>\r\nCall-ID: r@10.1.2.3\r\nCSeq: %d REGISTER\r\nContact: <sip:201@10.1.2.3:5060>\r\n"
             "Expires: 60\r\nContent-Length: 0\r\n\r\n", cseq, cseq);
    snprintf(resp, sizeof resp, "SIP/2.0 200 OK\r\n"
             "Via: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-r%d;rport=%d;received=203.0.113.7\r\n"
             "From: <sip:201@lab>;tag=r\r\nTo: <sip:201@lab>;tag=s\r\nCall-ID: r@10.1.2.3\r\nCSeq: %d REGISTER\r\n"
             "Contact: <sip:201@10.1.2.3:5060>;expires=60\r\nContent-Length: 0\r\n\r\n", cseq, rport, cseq);
    feed_udp(a, "10.1.2.3", 5060, "198.51.100.11", 5080, ms, req);
    feed_udp(a, "198.51.100.11", 5080, "10.1.2.3", 5060, ms + 15, resp);
}

static void test_synthetic_refreshes(void **state)
{
    (void)state;
    struct vx_analysis *a = synthetic_new();
    register_pair(a, 1, 0, 40000);
    register_pair(a, 2, 30000, 40000);     /* survived 30 s */
    register_pair(a, 3, 90000, 41234);     /* lost within 60 s */
    synthetic_finish(a);
    const struct vx_finding *f = find_id(a, "VX-NAT-MAPPING-CHANGED");
    assert_non_null(f);
    assert_non_null(strstr(f->detail, "203.0.113.7:40000"));
    assert_non_null(strstr(f->detail, "203.0.113.7:41234"));
    assert_non_null(strstr(f->detail, "unchanged: 30.0 s"));
    vx_analysis_free(a);
    a = synthetic_new();
    register_pair(a, 1, 0, 40000);
    register_pair(a, 2, 30000, 40000);
    synthetic_finish(a);
    assert_null(find_kind(a, "nat_timeout"));
    vx_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nat_timeout_views),
        cmocka_unit_test(test_no_nat_alarm_without_evidence),
        cmocka_unit_test(test_synthetic_refreshes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
