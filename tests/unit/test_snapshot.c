/* test_snapshot.c — the live view of an unfinished analysis (analyzer/snapshot.c): fed
 * packet by packet with a snapshot (display fields, provisional states, rules) applied and
 * undone every few packets, as the live TUI does, every sample must end with exactly the
 * calls, registrations, streams and findings of an offline run; and mid-run the streams
 * have display ids and the rules do not crash on unfinished state (run under ASan too). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "analyzer/snapshot.h"
#include "test_rules_util.h"

static const char *const samples[] = {
    "clean-lan.pcap", "alg-lan.pcap", "loss-lan.pcap", "one-way-lan.pcap", "inbound-drop-lan.pcap",
    "nat-timeout-lan.pcap", "partial-server-lan.pcap", "proxy-lan.pcap",
};

/* Feeds the file, applying and undoing a snapshot (rules forced) every `every` packets. */
static struct vx_analysis *stepped(const char *name, int every, bool *ids_ok)
{
    char path[512];
    if (!sample_path(name, path, sizeof path)) return NULL;
    struct vx_profile p;
    lab_profile(&p);
    struct vx_analysis *a = vx_analysis_new(&p);
    char *files[] = { path };
    char err[256];
    struct vx_source *src = vx_source_open(files, 1, err, sizeof err);
    if (!a || !src) { vx_analysis_free(a); if (src) vx_source_close(src); return NULL; }
    struct vx_snapshot snap;
    vx_snapshot_init(&snap);
    struct vx_packet pkt;
    for (int n = 1; vx_source_next(src, &pkt) == 1; n++) {
        vx_analyze_packet(a, &pkt);
        if (n % every) continue;
        vx_snapshot_apply(a, &snap, true, true);
        for (size_t i = 0; i < a->streams.count; i++)
            if (!vx_stream_at(a, i)->id[0]) *ids_ok = false;
        vx_snapshot_undo(a, &snap);
    }
    vx_snapshot_free(&snap);
    vx_analysis_finish(a, src);
    vx_source_close(src);
    vx_rules_run(a);
    return a;
}

static void same(const struct vx_analysis *x, const struct vx_analysis *y, const char *name)
{
    assert_int_equal(x->calls.count, y->calls.count);
    for (size_t i = 0; i < x->calls.count; i++) {
        assert_int_equal(vx_call_at(x, i)->state, vx_call_at(y, i)->state);
        assert_int_equal(vx_call_at(x, i)->streams.count, vx_call_at(y, i)->streams.count);
    }
    assert_int_equal(x->registrations.count, y->registrations.count);
    for (size_t i = 0; i < x->registrations.count; i++)
        assert_int_equal(vx_reg_at(x, i)->unanswered, vx_reg_at(y, i)->unanswered);
    assert_int_equal(x->streams.count, y->streams.count);
    for (size_t i = 0; i < x->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(x, i), *t = vx_stream_at(y, i);
        assert_string_equal(s->id, t->id);
        assert_string_equal(s->codec, t->codec);
        assert_int_equal(s->st.packets, t->st.packets);
        assert_true(s->mos == t->mos);
    }
    assert_int_equal(x->findings.count, y->findings.count);
    for (size_t i = 0; i < x->findings.count; i++) {
        assert_string_equal(vx_finding_at(x, i)->id, vx_finding_at(y, i)->id);
        assert_string_equal(vx_finding_at(x, i)->summary ? vx_finding_at(x, i)->summary : "",
                            vx_finding_at(y, i)->summary ? vx_finding_at(y, i)->summary : "");
    }
    (void)name;
}

static void test_snapshots_leave_the_result_unchanged(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++) {
        struct vx_analysis *ref = analyse_pair(samples[k], NULL);
        if (!ref) { print_message("sample %s missing: skipped\n", samples[k]); continue; }
        for (int every = 1; every <= 7; every += 6) {
            bool ids_ok = true;
            struct vx_analysis *live = stepped(samples[k], every, &ids_ok);
            assert_non_null(live);
            assert_true(ids_ok);
            same(ref, live, samples[k]);
            vx_analysis_free(live);
        }
        vx_analysis_free(ref);
    }
}

/* An INVITE with no response at all is unanswered in the snapshot once the grace time has
 * passed, and in progress again after undo (the analysis decides it only at the end). */
static void test_provisional_unanswered_is_undone(void **state)
{
    (void)state;
    struct vx_analysis *a = synthetic_new();
    assert_non_null(a);
    feed_udp(a, "192.168.1.10", 5060, "198.51.100.11", 5080, 0,
             "INVITE sip:100@lab SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bKsnap1\r\n"
             "From: <sip:201@lab>;tag=a1\r\nTo: <sip:100@lab>\r\nCall-ID: snap-1@x\r\nCSeq: 1 INVITE\r\n"
             "Content-Length: 0\r\n\r\n");
    struct vx_snapshot snap;
    vx_snapshot_init(&snap);
    vx_snapshot_apply(a, &snap, true, true);
    assert_int_equal(a->calls.count, 1);
    assert_int_equal(vx_call_at(a, 0)->state, VX_CALL_IN_PROGRESS);    /* within the grace time */
    vx_snapshot_undo(a, &snap);
    feed_udp(a, "192.168.1.10", 5070, "198.51.100.11", 5080, 10000,   /* time goes on (other SIP) */
             "OPTIONS sip:lab SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.10:5070;branch=z9hG4bKsnap2\r\n"
             "From: <sip:201@lab>;tag=b1\r\nTo: <sip:lab>\r\nCall-ID: snap-2@x\r\nCSeq: 1 OPTIONS\r\n"
             "Content-Length: 0\r\n\r\n");
    vx_snapshot_apply(a, &snap, true, true);
    assert_int_equal(vx_call_at(a, 0)->state, VX_CALL_UNANSWERED);
    vx_snapshot_undo(a, &snap);
    assert_int_equal(vx_call_at(a, 0)->state, VX_CALL_IN_PROGRESS);
    vx_snapshot_free(&snap);
    synthetic_finish(a);
    assert_int_equal(vx_call_at(a, 0)->state, VX_CALL_UNANSWERED);   /* and for good at the end */
    vx_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snapshots_leave_the_result_unchanged),
        cmocka_unit_test(test_provisional_unanswered_is_undone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
