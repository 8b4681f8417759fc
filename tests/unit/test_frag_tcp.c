/* test_frag_tcp.c — IP reassembly (analyzer/frag.c) and SIP over TCP (analyzer/tcp_reasm.c)
 * through the public path vx_analysis_new + vx_analyze_packet with synthetic Ethernet/IPv4
 * frames: a fragmented INVITE in and out of order, overlapping fragments with different
 * bytes (first wins, counted), an INVITE split over 3 TCP segments, 2 messages in one
 * segment, a retransmission, and a sequence gap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyzer/analyzer.h"
#include "analyzer/profile.h"
#include "dissectors/tcp.h"
#include "tests/unit/testpkt.h"
#include <stdio.h>

static const uint8_t PHONE[4] = { 192, 168, 10, 10 }, SERVER[4] = { 35, 79, 95, 220 };
static int64_t now = 1700000000LL * 1000000000LL;
static uint64_t frame_no;

static struct vx_analysis *new_analysis(void)
{
    struct vx_profile p;
    vx_profile_default(&p);
    struct vx_analysis *a = vx_analysis_new(&p);
    assert_non_null(a);
    return a;
}

/* Sends eth + IPv4 header + l4[0..n) as one exact-size frame. */
static void send_ip(struct vx_analysis *a, uint8_t proto, uint16_t id, uint16_t frag, const uint8_t *l4, size_t n)
{
    size_t len = 14 + 20 + n;
    uint8_t *f = malloc(len);
    assert_non_null(f);
    tp_eth(f);
    tp_ipv4(f + 14, PHONE, SERVER, proto, n, id, frag);
    memcpy(f + 34, l4, n);
    now += 1000000;
    struct vx_packet p = { f, (uint32_t)len, (uint32_t)len, now, 1, 0, ++frame_no };
    vx_analyze_packet(a, &p);
    free(f);
}

static size_t invite(char *buf, size_t size, const char *call_id, int cseq)
{
    char body[400];
    int bl = snprintf(body, sizeof body,
                      "v=0\r\no=- 1 1 IN IP4 192.168.10.10\r\ns=-\r\nc=IN IP4 192.168.10.10\r\nt=0 0\r\n"
                      "m=audio 16384 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                      "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
    return (size_t)snprintf(buf, size,
        "INVITE sip:200@35.79.95.220:5080 SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 192.168.10.10:5060;branch=z9hG4bK-%s;rport\r\n"
        "Max-Forwards: 70\r\nFrom: <sip:100@voicex.example>;tag=f-%s\r\n"
        "To: <sip:200@voicex.example>\r\nCall-ID: %s\r\nCSeq: %d INVITE\r\n"
        "Contact: <sip:100@192.168.10.10:5060>\r\nUser-Agent: FragPhone/1.0 with a long enough header\r\n"
        "Content-Type: application/sdp\r\nContent-Length: %d\r\n\r\n%s",
        call_id, call_id, call_id, cseq, bl, body);
}

/* The UDP datagram (header + INVITE) for the fragment tests. */
static size_t udp_invite(uint8_t *d, size_t size, const char *call_id)
{
    size_t n = invite((char *)d + 8, size - 8, call_id, 1);
    tp_udp(d, 5060, 5080, n);
    return 8 + n;
}

static bool has_message(const struct vx_analysis *a, const char *call_id)
{
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (m->call_id && strcmp(m->call_id, call_id) == 0) return true;
    }
    return false;
}

static void send_frag(struct vx_analysis *a, uint16_t id, const uint8_t *d, size_t total, size_t off, size_t n)
{
    bool more = off + n < total;
    send_ip(a, 17, id, (uint16_t)((more ? 0x2000 : 0) | (off / 8)), d + off, n);
}

static void test_fragmented_invite(void **state)
{
    uint8_t d[2048];
    size_t total = udp_invite(d, sizeof d, "frag-1@h");
    assert_true(total > 600);                  /* needs three fragments of 256 */
    struct vx_analysis *a = new_analysis();
    send_frag(a, 77, d, total, 0, 256);
    send_frag(a, 77, d, total, 256, 256);
    assert_int_equal(a->messages.count, 0);    /* nothing before the datagram is whole */
    send_frag(a, 77, d, total, 512, total - 512);
    assert_int_equal(a->messages.count, 1);
    assert_true(has_message(a, "frag-1@h"));
    assert_true(vx_msg(a, 0)->ip_fragmented);
    assert_int_equal(vx_msg(a, 0)->raw_len, total - 8);
    assert_int_equal(a->c.frag_reassembled, 1);
    assert_int_equal(a->c.frag_overlaps, 0);
    vx_analysis_free(a);

    a = new_analysis();                        /* reverse order */
    send_frag(a, 78, d, total, 512, total - 512);
    send_frag(a, 78, d, total, 256, 256);
    send_frag(a, 78, d, total, 0, 256);
    assert_int_equal(a->messages.count, 1);
    assert_true(has_message(a, "frag-1@h"));
    vx_analysis_free(a);
}

static void test_overlapping_fragments(void **state)
{
    uint8_t d[2048];
    size_t total = udp_invite(d, sizeof d, "overlap@h");
    struct vx_analysis *a = new_analysis();
    send_frag(a, 90, d, total, 0, 256);
    uint8_t evil[16];
    memset(evil, 'X', sizeof evil);            /* covers bytes 8..24: the start of "INVITE ..." */
    send_ip(a, 17, 90, 0x2000 | 1, evil, sizeof evil);
    send_frag(a, 90, d, total, 256, total - 256);
    assert_int_equal(a->c.frag_overlaps, 1);
    assert_int_equal(a->messages.count, 1);    /* the first bytes won: still the INVITE */
    assert_true(has_message(a, "overlap@h"));
    assert_memory_equal(vx_msg(a, 0)->raw, "INVITE ", 7);
    vx_analysis_free(a);
}

static void send_tcp(struct vx_analysis *a, uint32_t seq, uint8_t flags, const void *data, size_t n)
{
    uint8_t seg[4096];
    assert_true(20 + n <= sizeof seg);
    tp_tcp(seg, 5060, 5080, seq, 1, flags);
    if (n) memcpy(seg + 20, data, n);
    send_ip(a, 6, 1, 0x4000, seg, 20 + n);
}

static void test_tcp_split_and_batched(void **state)
{
    char m1[2048];
    size_t n1 = invite(m1, sizeof m1, "tcp-1@h", 1);
    struct vx_analysis *a = new_analysis();
    uint32_t seq = 1000;
    send_tcp(a, seq++, VX_TCP_SYN, NULL, 0);
    size_t cut1 = 100, cut2 = n1 - 50;         /* 3 segments: in the start line, body, end */
    send_tcp(a, seq, VX_TCP_ACK | VX_TCP_PSH, m1, cut1);
    send_tcp(a, seq + (uint32_t)cut1, VX_TCP_ACK | VX_TCP_PSH, m1 + cut1, cut2 - cut1);
    assert_int_equal(a->messages.count, 0);
    send_tcp(a, seq + (uint32_t)cut2, VX_TCP_ACK | VX_TCP_PSH, m1 + cut2, n1 - cut2);
    seq += (uint32_t)n1;
    assert_int_equal(a->messages.count, 1);
    assert_true(has_message(a, "tcp-1@h"));
    assert_int_equal(vx_msg(a, 0)->raw_len, n1);

    /* a retransmission of the last segment adds nothing */
    send_tcp(a, seq - (uint32_t)(n1 - cut2), VX_TCP_ACK | VX_TCP_PSH, m1 + cut2, n1 - cut2);
    assert_int_equal(a->messages.count, 1);

    /* two whole messages in one segment */
    char two[4096];
    size_t na = invite(two, sizeof two, "tcp-2@h", 2);
    size_t nb = invite(two + na, sizeof two - na, "tcp-3@h", 3);
    send_tcp(a, seq, VX_TCP_ACK | VX_TCP_PSH, two, na + nb);
    seq += (uint32_t)(na + nb);
    assert_int_equal(a->messages.count, 3);
    assert_true(has_message(a, "tcp-2@h"));
    assert_true(has_message(a, "tcp-3@h"));
    assert_int_equal(a->c.tcp_gaps, 0);

    /* a gap: 100 bytes never seen, then a new message starts */
    char m4[2048];
    size_t n4 = invite(m4, sizeof m4, "tcp-4@h", 4);
    send_tcp(a, seq + 100, VX_TCP_ACK | VX_TCP_PSH, m4, n4);
    assert_int_equal(a->c.tcp_gaps, 1);
    assert_int_equal(a->messages.count, 4);    /* resynchronised on the start line */
    assert_true(has_message(a, "tcp-4@h"));
    vx_analysis_free(a);
}

static void test_tcp_gap_mid_message(void **state)
{
    char m[2048];
    size_t n = invite(m, sizeof m, "gap@h", 1);
    struct vx_analysis *a = new_analysis();
    send_tcp(a, 5000, VX_TCP_SYN, NULL, 0);
    send_tcp(a, 5001, VX_TCP_ACK, m, 200);
    send_tcp(a, 5001 + 300, VX_TCP_ACK, m + 300, n - 300);   /* bytes 200..300 lost */
    assert_int_equal(a->c.tcp_gaps, 1);
    assert_int_equal(a->messages.count, 0);    /* the broken message is not invented */
    vx_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fragmented_invite),
        cmocka_unit_test(test_overlapping_fragments),
        cmocka_unit_test(test_tcp_split_and_batched),
        cmocka_unit_test(test_tcp_gap_mid_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
