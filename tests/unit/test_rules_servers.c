/* test_rules_servers.c — rules_servers.c (R-ALL-SERVERS): the partial_server lab sample names
 * .12 (proven when a WAN capture without it is attached), clean is silent, and synthetic
 * OPTIONS to three servers with one silent / none silent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_rules_util.h"

static void test_partial_server_sample(void **state)
{
    (void)state;
    struct vx_analysis *a = analyse_pair("partial-server-lan.pcap", NULL);
    if (!a) { skip(); return; }
    const struct vx_finding *f = find_id(a, "VX-SERVER-PARTIAL");
    assert_non_null(f);
    assert_non_null(strstr(f->summary, "198.51.100.12"));
    assert_non_null(strstr(f->detail, "198.51.100.12: SILENT"));
    assert_non_null(strstr(f->detail, "198.51.100.11: works"));
    assert_string_equal(f->confidence, "strong");
    free_pair(a);
    a = analyse_pair("clean-lan.pcap", NULL);
    assert_null(find_kind(a, "partial_server_access"));
    free_pair(a);
}

static void options(struct vx_analysis *a, const char *server, int n, double ms, bool answer)
{
    char req[600], resp[600];
    snprintf(req, sizeof req, "OPTIONS sip:%s:5080 SIP/2.0\r\nVia: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-p%d\r\n"
             "From: <sip:201@lab>;tag=p\r\nTo: <sip:%s>\r\nCall-ID: p%d@10.1.2.3\r\nCSeq: 1 OPTIONS\r\n"
             "Content-Length: 0\r\n\r\n", server, n, server, n);
    snprintf(resp, sizeof resp, "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.1.2.3:5060;branch=z9hG4bK-p%d;received=203.0.113.7\r\n"
             "From: <sip:201@lab>;tag=p\r\nTo: <sip:%s>;tag=x\r\nCall-ID: p%d@10.1.2.3\r\nCSeq: 1 OPTIONS\r\n"
             "Content-Length: 0\r\n\r\n", n, server, n);
    feed_udp(a, "10.1.2.3", 5060, server, 5080, ms, req);
    if (answer) feed_udp(a, server, 5080, "10.1.2.3", 5060, ms + 10, resp);
}

static void test_synthetic_servers(void **state)
{
    (void)state;
    struct vx_analysis *a = synthetic_new();
    options(a, "198.51.100.11", 1, 0, true);
    options(a, "198.51.100.12", 2, 100, true);
    options(a, "198.51.100.13", 3, 200, false);
    options(a, "198.51.100.11", 4, 9000, true);      /* capture goes on long enough */
    synthetic_finish(a);
    const struct vx_finding *f = find_id(a, "VX-SERVER-PARTIAL");
    assert_non_null(f);
    assert_non_null(strstr(f->summary, "198.51.100.13"));
    vx_analysis_free(a);
    a = synthetic_new();
    options(a, "198.51.100.11", 1, 0, true);
    options(a, "198.51.100.13", 3, 200, true);
    options(a, "198.51.100.11", 4, 9000, true);
    synthetic_finish(a);
    assert_null(find_kind(a, "partial_server_access"));   /* .12 never contacted: no claim */
    vx_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partial_server_sample),
        cmocka_unit_test(test_synthetic_servers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
