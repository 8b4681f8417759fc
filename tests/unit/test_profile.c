/* test_profile.c — analyzer/profile.c: the built-in VoiceX profile (ports, RTP range, STUN
 * port, servers), domain selection, adding servers, and the profile file reader with good
 * and bad lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyzer/profile.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static vx_addr addr(const char *t)
{
    vx_addr a;
    assert_true(vx_addr_parse(t, &a));
    return a;
}

static void test_defaults(void **state)
{
    struct vx_profile p;
    vx_profile_default(&p);
    static const uint16_t sip[] = { 5060, 5080, 5081, 4399 };
    for (size_t i = 0; i < 4; i++) assert_true(vx_profile_is_sip_port(&p, sip[i]));
    assert_false(vx_profile_is_sip_port(&p, 5070));
    assert_true(vx_profile_is_rtp_port(&p, 10000));
    assert_true(vx_profile_is_rtp_port(&p, 20000));
    assert_false(vx_profile_is_rtp_port(&p, 9999));
    assert_false(vx_profile_is_rtp_port(&p, 20001));
    assert_int_equal(p.stun_port, 19302);
    vx_addr s = addr("35.79.95.220"), lan = addr("192.168.10.10");
    assert_true(vx_profile_server_index(&p, &s) >= 0);
    assert_int_equal(vx_profile_server_index(&p, &lan), -1);
}

static void test_select_domain(void **state)
{
    struct vx_profile p;
    vx_profile_default(&p);
    assert_int_equal(vx_profile_select_domain(&p, "pbx03"), 0);
    assert_true(p.server_count > 0);
    for (int i = 0; i < p.server_count; i++) assert_string_equal(p.servers[i].domain, "pbx03/04");
    vx_addr s3 = addr("52.69.142.129"), s1 = addr("35.79.95.220");
    assert_true(vx_profile_server_index(&p, &s3) >= 0);
    assert_int_equal(vx_profile_server_index(&p, &s1), -1);
    int before = p.server_count;
    assert_int_equal(vx_profile_select_domain(&p, "pbx99"), -1);
    assert_int_equal(p.server_count, before);  /* unchanged on failure */
}

static void test_add_server(void **state)
{
    struct vx_profile p;
    vx_profile_default(&p);
    assert_int_equal(vx_profile_add_server(&p, "10.0.0.1", true), 0);
    assert_int_equal(p.server_count, 1);
    assert_int_equal(vx_profile_add_server(&p, "10.0.0.1", false), 0);  /* no duplicate */
    assert_int_equal(p.server_count, 1);
    assert_int_equal(vx_profile_add_server(&p, "not-an-address", false), -1);
    for (int i = 2; i <= VX_PROFILE_MAX_SERVERS; i++) {
        char t[32];
        snprintf(t, sizeof t, "10.0.1.%d", i);
        assert_int_equal(vx_profile_add_server(&p, t, false), 0);
    }
    assert_int_equal(p.server_count, VX_PROFILE_MAX_SERVERS);
    assert_int_equal(vx_profile_add_server(&p, "10.0.2.1", false), -1);  /* full */
}

static int load(const char *text, struct vx_profile *p, char *err, size_t errlen)
{
    char path[] = "/tmp/vx_profile_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    vx_profile_default(p);
    int rc = vx_profile_load(p, path, err, errlen);
    unlink(path);
    return rc;
}

static void test_load(void **state)
{
    struct vx_profile p;
    char err[256] = "";
    assert_int_equal(load("# lab\nname lab\nserver 10.1.1.1 lab\nserver 10.1.1.2\nsip_port 5070\n"
                          "rtp_ports 30000 30100\nstun_port 3478\nloss_warn_pct 2.5\n"
                          "app_host api 10.9.9.9 443\n", &p, err, sizeof err), 0);
    assert_string_equal(p.name, "lab");
    assert_int_equal(p.server_count, 2);           /* the first server line replaces the list */
    assert_string_equal(p.servers[0].domain, "lab");
    assert_true(vx_profile_is_sip_port(&p, 5070));
    assert_true(vx_profile_is_sip_port(&p, 5060));
    assert_true(vx_profile_is_rtp_port(&p, 30050));
    assert_false(vx_profile_is_rtp_port(&p, 15000));
    assert_int_equal(p.stun_port, 3478);
    assert_float_equal(p.loss_warn_pct, 2.5, 1e-12);
    vx_addr api = addr("10.9.9.9");
    int h = vx_profile_app_host(&p, &api);         /* appended after the built-in hosts */
    assert_true(h >= 0);
    assert_string_equal(p.app_hosts[h].name, "api");
    assert_int_equal(p.app_hosts[h].port, 443);

    assert_int_equal(load("name x\nbogus_key 1\n", &p, err, sizeof err), -1);
    assert_non_null(strstr(err, ":2:"));           /* names the line */
    assert_int_equal(load("server 999.1.1.1\n", &p, err, sizeof err), -1);
    vx_profile_default(&p);
    assert_int_equal(vx_profile_load(&p, "/nonexistent/profile", err, sizeof err), -1);
    assert_true(strlen(err) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_select_domain),
        cmocka_unit_test(test_add_server),
        cmocka_unit_test(test_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
