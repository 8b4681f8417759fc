/* test_rtp_stats.c — analyzer/rtp_stats.c on short synthetic 8 kHz streams whose figures
 * are worked out by hand below: a known loss, a duplicate, reordering, a 65535 -> 0 wrap
 * (with and without a loss across it), max delta and the RFC 3550 §6.4.1 jitter
 * J += (|D| - J) / 16 with D = (Rj - Ri) - (Sj - Si), everything in milliseconds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyzer/rtp_stats.h"
#include <string.h>

#define EPS 1e-9

/* One packet of a PCMU stream: 8000 Hz, 160 samples (20 ms) per packet. */
static void feed(struct vx_rtp_stats *st, double arrival_ms, uint16_t seq, uint32_t ts)
{
    struct vx_rtp_sample s = { arrival_ms, seq, ts, 0, false, 8000 };
    vx_rtp_stats_update(st, &s);
}

static void test_loss_and_jitter(void **state)
{
    /* seq:      1    2    3    5    6      (4 lost)
     * ts:       0  160  320  640  800      (sender: 0, 20, 40, 80, 100 ms)
     * arrival:  0   22   40   80  100 ms
     * D(1,2) = 22 - 20 = 2   J = 2/16                  = 0.125
     * D(2,3) = 18 - 20 = -2  J = 0.125 + (2 - 0.125)/16 = 0.2421875
     * D(3,5) = 40 - 40 = 0   J = 0.2421875 * 15/16      = 0.22705078125
     * D(5,6) = 20 - 20 = 0   J = 0.22705078125 * 15/16  = 0.212860107421875
     * deltas 22, 18, 40, 20 -> max 40; expected = 6 - 1 + 1 = 6, received 5, lost 1. */
    struct vx_rtp_stats st;
    memset(&st, 0, sizeof st);
    feed(&st, 0, 1, 0);
    feed(&st, 22, 2, 160);
    feed(&st, 40, 3, 320);
    feed(&st, 80, 5, 640);
    feed(&st, 100, 6, 800);
    assert_int_equal(st.packets, 5);
    assert_int_equal(vx_rtp_expected(&st), 6);
    assert_int_equal(vx_rtp_lost(&st), 1);
    assert_float_equal(vx_rtp_loss_pct(&st), 100.0 / 6.0, 1e-9);
    assert_float_equal(st.max_delta_ms, 40.0, EPS);
    assert_float_equal(st.jitter_ms, 0.212860107421875, EPS);
    assert_float_equal(st.max_jitter_ms, 0.2421875, EPS);
    assert_int_equal(st.max_burst, 1);
    assert_int_equal(st.duplicates, 0);
}

static void test_duplicate(void **state)
{
    /* 10, 11, 11, 12: 4 packets received, seq span 10..12 = 3 expected: lost = -1, as
     * Wireshark reports it, and one duplicate. */
    struct vx_rtp_stats st;
    memset(&st, 0, sizeof st);
    feed(&st, 0, 10, 1600);
    feed(&st, 20, 11, 1760);
    feed(&st, 21, 11, 1760);
    feed(&st, 40, 12, 1920);
    assert_int_equal(st.packets, 4);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(vx_rtp_expected(&st), 3);
    assert_int_equal(vx_rtp_lost(&st), -1);
}

static void test_reordering(void **state)
{
    /* 20, 21, 23, 22, 24 (22 and 23 swapped): nothing lost, one packet out of order. */
    struct vx_rtp_stats st;
    memset(&st, 0, sizeof st);
    feed(&st, 0, 20, 3200);
    feed(&st, 20, 21, 3360);
    feed(&st, 40, 23, 3680);
    feed(&st, 41, 22, 3520);
    feed(&st, 60, 24, 3840);
    assert_int_equal(st.packets, 5);
    assert_int_equal(vx_rtp_expected(&st), 5);
    assert_int_equal(vx_rtp_lost(&st), 0);
    assert_int_equal(st.out_of_order, 1);
    assert_int_equal(st.duplicates, 0);
}

static void test_wrap(void **state)
{
    /* 65534, 65535, 0, 1: one cycle; expected = 1 + 65536 - 65534 + 1 = 4, lost 0.
     * Perfect 20 ms spacing: jitter 0, max delta 20. */
    struct vx_rtp_stats st;
    memset(&st, 0, sizeof st);
    feed(&st, 0, 65534, 0xFFFFFF00u);
    feed(&st, 20, 65535, 0xFFFFFFA0u);
    feed(&st, 40, 0, 0x00000040u);             /* the timestamp wraps too */
    feed(&st, 60, 1, 0x000000E0u);
    assert_int_equal(st.seq_cycles, 1);
    assert_int_equal(vx_rtp_expected(&st), 4);
    assert_int_equal(vx_rtp_lost(&st), 0);
    assert_float_equal(st.jitter_ms, 0.0, EPS);
    assert_float_equal(st.max_delta_ms, 20.0, EPS);

    /* 65534, 65535, 1: seq 0 lost across the wrap: expected 4, lost 1. */
    memset(&st, 0, sizeof st);
    feed(&st, 0, 65534, 0);
    feed(&st, 20, 65535, 160);
    feed(&st, 60, 1, 480);
    assert_int_equal(vx_rtp_expected(&st), 4);
    assert_int_equal(vx_rtp_lost(&st), 1);
    assert_float_equal(st.max_delta_ms, 40.0, EPS);
}

static void test_clock_table(void **state)
{
    assert_int_equal(vx_rtp_clock_for(0, NULL, 0), 8000);
    assert_int_equal(vx_rtp_clock_for(9, NULL, 0), 8000);
    assert_int_equal(vx_rtp_clock_for(111, "opus", 48000), 48000);
    assert_int_equal(vx_rtp_clock_for(101, "telephone-event", 8000), 0);  /* no jitter for DTMF */
    assert_int_equal(vx_rtp_clock_for(96, "AMR-WB", 0), 16000);
    assert_int_equal(vx_rtp_clock_for(96, "", 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loss_and_jitter),
        cmocka_unit_test(test_duplicate),
        cmocka_unit_test(test_reordering),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_clock_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
