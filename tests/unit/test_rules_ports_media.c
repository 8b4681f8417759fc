/* test_rules_ports_media.c — the port, STUN, QoS, fragmentation and bandwidth rules on analysis
 * state built by hand (no packets): each rule's threshold both sides of the line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyzer/analyzer.h"
#include "analyzer/rules.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS 1000000000LL
#define T0 (1700000000LL * NS)

static struct vx_analysis *new_analysis(void)
{
    struct vx_profile p;
    vx_profile_default(&p);
    struct vx_analysis *a = vx_analysis_new(&p);
    assert_non_null(a);
    a->first_ns = T0;
    a->last_ns = T0 + 60 * NS;
    return a;
}

static vx_endpoint ep(const char *addr, uint16_t port)
{
    vx_endpoint e;
    memset(&e, 0, sizeof e);
    assert_true(vx_addr_parse(addr, &e.addr));
    e.port = port;
    return e;
}

static size_t count_id(const struct vx_analysis *a, const char *id, enum vx_severity *sev)
{
    size_t n = 0;
    for (size_t i = 0; i < a->findings.count; i++)
        if (!strcmp(vx_finding_at(a, i)->id, id)) { n++; if (sev) *sev = vx_finding_at(a, i)->severity; }
    return n;
}

static struct vx_sip_msg *add_msg(struct vx_analysis *a, vx_endpoint src, vx_endpoint dst, uint32_t len)
{
    struct vx_sip_msg *m = calloc(1, sizeof *m);
    struct vx_sip_msg **slot = vx_vec_push(&a->messages);
    assert_non_null(m);
    assert_non_null(slot);
    *slot = m;
    m->id = (uint32_t)(a->messages.count - 1);
    m->src = src;
    m->dst = dst;
    m->transport = 17;
    m->pcp = -1;
    m->call = -1;
    m->is_request = true;
    snprintf(m->method, sizeof m->method, "INVITE");
    m->raw_len = len;
    m->to_server = vx_is_server(a, &dst.addr);
    m->from_server = vx_is_server(a, &src.addr);
    m->ref.frame = a->messages.count;
    return m;
}

/* A call with one stream per direction: `out_bytes` over 10 s towards the server. */
static void add_call(struct vx_analysis *a, uint64_t out_bytes, uint64_t in_bytes)
{
    struct vx_call *c = calloc(1, sizeof *c);
    struct vx_call **slot = vx_vec_push(&a->calls);
    assert_non_null(c);
    *slot = c;
    c->index = (uint32_t)(a->calls.count - 1);
    c->call_id = strdup("unit@test");
    vx_vec_init(&c->streams, sizeof(uint32_t));
    for (int out = 1; out >= 0; out--) {
        struct vx_stream *s = calloc(1, sizeof *s);
        struct vx_stream **ss = vx_vec_push(&a->streams);
        assert_non_null(s);
        *ss = s;
        s->index = (uint32_t)(a->streams.count - 1);
        s->direction_out = out;
        s->src = out ? ep("192.168.1.10", 40000) : ep("35.79.95.220", 12000);
        s->dst = out ? ep("35.79.95.220", 12000) : ep("192.168.1.10", 40000);
        s->call = (int32_t)c->index;
        s->pcp = -1;
        s->st.packets = 500;
        s->bytes = out ? out_bytes : in_bytes;
        s->first_ns = T0;
        s->last_ns = T0 + 10 * NS;
        snprintf(s->codec, sizeof s->codec, "PCMA");
        *(uint32_t *)vx_vec_push(&c->streams) = s->index;
    }
}

static void test_bandwidth_threshold(void **state)
{
    (void)state;
    struct vx_analysis *a = new_analysis();
    add_call(a, 100000, 100000);              /* 80 kbps each way: fine */
    add_call(a, 200000, 100000);              /* 160 kbps up: over 100 */
    vx_rule_bandwidth(a);
    enum vx_severity sev = VX_SEV_INFO;
    assert_int_equal(count_id(a, "VX-BW-CALL", &sev), 1);
    assert_int_equal(sev, VX_SEV_WARNING);
    assert_int_equal(vx_finding_at(a, 0)->call, 1);
    assert_non_null(strstr(vx_finding_at(a, 0)->summary, "160 kbps up"));
    vx_analysis_free(a);
}

static void test_qos_marked_and_unmarked(void **state)
{
    (void)state;
    struct vx_analysis *a = new_analysis();
    add_call(a, 100000, 100000);
    vx_rule_qos(a);
    assert_int_equal(count_id(a, "VX-QOS-UNMARKED", NULL), 1);
    vx_analysis_free(a);

    a = new_analysis();
    add_call(a, 100000, 100000);
    for (size_t i = 0; i < a->streams.count; i++) vx_stream_at(a, i)->dscp = 46;
    vx_rule_qos(a);
    assert_int_equal(count_id(a, "VX-QOS-UNMARKED", NULL), 0);
    vx_analysis_free(a);
}

static void test_sip_ports_and_fragments(void **state)
{
    (void)state;
    struct vx_analysis *a = new_analysis();
    add_msg(a, ep("192.168.1.10", 5062), ep("35.79.95.220", 5080), 800);
    add_msg(a, ep("192.168.1.10", 5062), ep("35.79.95.220", 5070), 800);
    add_msg(a, ep("192.168.1.10", 5062), ep("35.79.95.220", 5060), 1400);
    add_msg(a, ep("192.168.1.10", 5062), ep("35.79.95.220", 5080), 3000)->ip_fragmented = true;
    vx_rule_ports(a);
    vx_rule_sip_fragmentation(a);
    enum vx_severity sev = VX_SEV_CRITICAL;
    assert_int_equal(count_id(a, "VX-PORT-SIP-UNLISTED", NULL), 1);
    assert_int_equal(count_id(a, "VX-PORT-SIP-5060", &sev), 1);
    assert_int_equal(sev, VX_SEV_INFO);
    assert_int_equal(count_id(a, "VX-FRAG-SIP", &sev), 1);
    assert_int_equal(sev, VX_SEV_WARNING);
    assert_int_equal(count_id(a, "VX-FRAG-SIP-LARGE", &sev), 1);
    assert_int_equal(sev, VX_SEV_INFO);
    vx_analysis_free(a);
}

static void add_stun(struct vx_analysis *a, int i, bool answered, int64_t ts)
{
    struct vx_stun_txn *t = vx_vec_push(&a->stun);
    assert_non_null(t);
    t->tid[0] = (uint8_t)i;
    t->client = ep("192.168.1.10", 41000);
    t->server = ep("74.125.250.129", 19302);
    t->request_ns = ts;
    t->requests = 1;
    t->answered = answered;
}

static void test_stun_loss_tolerance(void **state)
{
    (void)state;
    struct vx_analysis *a = new_analysis();
    for (int i = 0; i < 10; i++) add_stun(a, i, i != 3, T0 + i * NS);   /* one lost in ten: normal */
    add_stun(a, 99, false, a->last_ns - NS);                           /* too recent to judge */
    vx_rule_stun(a);
    assert_int_equal(count_id(a, "VX-STUN-UNANSWERED", NULL), 0);
    vx_analysis_free(a);

    a = new_analysis();
    for (int i = 0; i < 3; i++) add_stun(a, i, false, T0 + i * NS);
    vx_rule_stun(a);
    assert_int_equal(count_id(a, "VX-STUN-UNANSWERED", NULL), 1);
    vx_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bandwidth_threshold),
        cmocka_unit_test(test_qos_marked_and_unmarked),
        cmocka_unit_test(test_sip_ports_and_fragments),
        cmocka_unit_test(test_stun_loss_tolerance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
