/* test_traffic.c — analyzer/traffic.c on synthetic IPv4 packets: what nDPI 4.2 names them,
 * byte accounting, the widening series, flow-cap eviction and the proxy hints. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "analyzer/traffic.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS_PER_S 1000000000LL
#define T0 (1700000000LL * NS_PER_S)

enum { TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_PSH = 0x08, TCP_ACK = 0x10 };

struct packet {
    uint8_t bytes[1600];
    size_t len;
    uint8_t l4proto;
    vx_endpoint src, dst;
};

static vx_endpoint endpoint(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint16_t port)
{
    vx_endpoint e;
    memset(&e, 0, sizeof e);
    e.addr.family = 4;
    e.addr.b[0] = a;
    e.addr.b[1] = b;
    e.addr.b[2] = c;
    e.addr.b[3] = d;
    e.port = port;
    return e;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)(v >> 16)); put16(p + 2, (uint16_t)v); }

static size_t ipv4_header(struct packet *p, size_t l4_len)
{
    uint8_t *h = p->bytes;
    memset(h, 0, 20);
    h[0] = 0x45;
    put16(h + 2, (uint16_t)(20 + l4_len));
    h[6] = 0x40; /* DF */
    h[8] = 64;
    h[9] = p->l4proto;
    memcpy(h + 12, p->src.addr.b, 4);
    memcpy(h + 16, p->dst.addr.b, 4);
    uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2) sum += (uint32_t)(h[i] << 8 | h[i + 1]);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    put16(h + 10, (uint16_t)~sum);
    return 20 + l4_len;
}

static struct packet udp_packet(vx_endpoint src, vx_endpoint dst, const void *payload, size_t n)
{
    struct packet p = { .l4proto = 17, .src = src, .dst = dst };
    uint8_t *u = p.bytes + 20;
    put16(u, src.port);
    put16(u + 2, dst.port);
    put16(u + 4, (uint16_t)(8 + n));
    put16(u + 6, 0);
    memcpy(u + 8, payload, n);
    p.len = ipv4_header(&p, 8 + n);
    return p;
}

static struct packet tcp_packet(vx_endpoint src, vx_endpoint dst, uint32_t seq, uint32_t ack,
                                uint8_t flags, const void *payload, size_t n)
{
    struct packet p = { .l4proto = 6, .src = src, .dst = dst };
    uint8_t *s = p.bytes + 20;
    memset(s, 0, 20);
    put16(s, src.port);
    put16(s + 2, dst.port);
    put32(s + 4, seq);
    put32(s + 8, ack);
    s[12] = 5 << 4;
    s[13] = flags;
    put16(s + 14, 64240);
    if (n) memcpy(s + 20, payload, n);
    p.len = ipv4_header(&p, 20 + n);
    return p;
}

static void feed(struct vx_traffic *t, const struct packet *p, int64_t ts_ns)
{
    static uint64_t frame;
    vx_traffic_packet(t, ts_ns, 0, ++frame, p->bytes, p->len, p->l4proto, &p->src, &p->dst);
}

/* SYN, SYN-ACK, ACK, the client's payload, the server's ACK; returns the bytes fed. */
static size_t tcp_conversation(struct vx_traffic *t, vx_endpoint client, vx_endpoint server,
                               const void *payload, size_t n, int64_t ts_ns)
{
    struct packet p[5] = {
        tcp_packet(client, server, 1000, 0, TCP_SYN, NULL, 0),
        tcp_packet(server, client, 5000, 1001, TCP_SYN | TCP_ACK, NULL, 0),
        tcp_packet(client, server, 1001, 5001, TCP_ACK, NULL, 0),
        tcp_packet(client, server, 1001, 5001, TCP_PSH | TCP_ACK, payload, n),
        tcp_packet(server, client, 5001, 1001 + (uint32_t)n, TCP_ACK, NULL, 0),
    };
    size_t total = 0;
    for (int i = 0; i < 5; i++) {
        feed(t, &p[i], ts_ns + i * 1000000);
        total += p[i].len;
    }
    return total;
}

static const struct vx_traffic_app *find_app(const struct vx_traffic *t, const char *name)
{
    for (size_t i = 0; i < vx_traffic_app_count(t); i++)
        if (strcmp(vx_traffic_app(t, i)->name, name) == 0) return vx_traffic_app(t, i);
    return NULL;
}

static void dump_apps(const struct vx_traffic *t)
{
    for (size_t i = 0; i < vx_traffic_app_count(t); i++) {
        const struct vx_traffic_app *a = vx_traffic_app(t, i);
        print_message("  app %zu: %s [%s] bytes=%llu packets=%llu flows=%llu\n", i, a->name,
                      a->category, (unsigned long long)a->bytes, (unsigned long long)a->packets,
                      (unsigned long long)a->flows);
    }
}

/* ---- payloads ---- */

static size_t dns_query(uint8_t *out, const char *name)
{
    static const uint8_t header[12] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
    memcpy(out, header, sizeof header);
    size_t n = sizeof header;
    while (*name) {
        const char *dot = strchr(name, '.');
        size_t label = dot ? (size_t)(dot - name) : strlen(name);
        out[n++] = (uint8_t)label;
        memcpy(out + n, name, label);
        n += label;
        name += label + (dot ? 1 : 0);
    }
    out[n++] = 0;
    put16(out + n, 1);     /* A */
    put16(out + n + 2, 1); /* IN */
    return n + 4;
}

static size_t tls_client_hello(uint8_t *out, const char *sni)
{
    size_t name_len = strlen(sni);
    uint8_t *p = out + 9; /* after the record (5) and handshake (4) headers */
    put16(p, 0x0303);
    memset(p + 2, 0x5a, 32);
    p[34] = 0; /* no session id */
    put16(p + 35, 6);
    put16(p + 37, 0x1301);
    put16(p + 39, 0xc02f);
    put16(p + 41, 0x002f);
    p[43] = 1;
    p[44] = 0; /* null compression */
    uint8_t *ext = p + 47;
    put16(ext, 0x0000); /* server_name */
    put16(ext + 2, (uint16_t)(name_len + 5));
    put16(ext + 4, (uint16_t)(name_len + 3));
    ext[6] = 0;
    put16(ext + 7, (uint16_t)name_len);
    memcpy(ext + 9, sni, name_len);
    size_t ext_len = 9 + name_len;
    put16(p + 45, (uint16_t)ext_len);
    size_t hello_len = 47 + ext_len;
    out[0] = 0x16;
    put16(out + 1, 0x0301);
    put16(out + 3, (uint16_t)(hello_len + 4));
    out[5] = 0x01;
    out[6] = 0;
    put16(out + 7, (uint16_t)hello_len);
    return 9 + hello_len;
}

static const char http_get[] = "GET /index.html HTTP/1.1\r\nHost: intranet.example.org\r\n"
                               "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
static const char http_connect[] = "CONNECT sip.voicex.example:5061 HTTP/1.1\r\n"
                                   "Host: sip.voicex.example:5061\r\n\r\n";

/* ---- tests ---- */

static uint64_t series_total(const struct vx_traffic *t, size_t app)
{
    uint64_t sum = 0;
    for (size_t b = 0; b < vx_traffic_bucket_count(t); b++) sum += vx_traffic_app_bucket(t, app, b);
    return sum;
}

static void assert_app(const struct vx_traffic *t, const char *name, const char *category,
                       uint64_t bytes, uint64_t packets, uint64_t flows)
{
    const struct vx_traffic_app *a = find_app(t, name);
    if (!a) dump_apps(t);
    assert_non_null(a);
    assert_string_equal(a->category, category);
    assert_int_equal(a->bytes, bytes);
    assert_int_equal(a->packets, packets);
    assert_int_equal(a->flows, flows);
}

/* What nDPI 4.2 really answers for each: DNS, HTTP, YouTube (TLS SNI), HTTP_Connect. */
static void test_detects_dns_http_tls_connect(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(1024);
    assert_non_null(t);
    uint8_t buf[512];
    size_t n = dns_query(buf, "www.example.com");
    struct packet dns = udp_packet(endpoint(10, 0, 0, 5, 40000), endpoint(10, 0, 0, 1, 53), buf, n);
    feed(t, &dns, T0);
    size_t http = tcp_conversation(t, endpoint(10, 0, 0, 5, 40001), endpoint(93, 184, 216, 34, 80),
                                   http_get, strlen(http_get), T0);
    n = tls_client_hello(buf, "www.youtube.com");
    size_t tls = tcp_conversation(t, endpoint(10, 0, 0, 5, 40002), endpoint(142, 250, 1, 1, 443),
                                  buf, n, T0);
    size_t connect = tcp_conversation(t, endpoint(10, 0, 0, 5, 40003), endpoint(10, 0, 0, 9, 3128),
                                      http_connect, strlen(http_connect), T0);

    assert_int_equal(vx_traffic_app_count(t), 4);
    assert_app(t, "DNS", "Network", dns.len, 1, 1);
    assert_app(t, "HTTP", "Web", http, 5, 1);
    assert_app(t, "YouTube", "Media", tls, 5, 1);
    assert_app(t, "HTTP_Connect", "Web", connect, 5, 1);
    for (size_t i = 1; i < vx_traffic_app_count(t); i++)
        assert_true(vx_traffic_app(t, i - 1)->bytes >= vx_traffic_app(t, i)->bytes);
    assert_null(vx_traffic_app(t, 4));
    assert_int_equal(vx_traffic_flow_evictions(t), 0);
    vx_traffic_free(t);
}

static const struct vx_traffic_hint *find_hint(const struct vx_traffic *t, enum vx_traffic_hint_kind kind,
                                               size_t *count)
{
    const struct vx_traffic_hint *found = NULL;
    *count = 0;
    for (size_t i = 0; i < vx_traffic_hint_count(t); i++) {
        if (vx_traffic_hint(t, i)->kind != kind) continue;
        if (!found) found = vx_traffic_hint(t, i);
        ++*count;
    }
    return found;
}

static void test_hints_connect_proxy_port_sni(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(1024);
    assert_non_null(t);
    vx_endpoint client = endpoint(10, 0, 0, 5, 40003), proxy = endpoint(10, 0, 0, 9, 3128);
    tcp_conversation(t, client, proxy, http_connect, strlen(http_connect), T0);
    uint8_t hello[512];
    size_t n = tls_client_hello(hello, "www.youtube.com");
    tcp_conversation(t, endpoint(10, 0, 0, 5, 40002), endpoint(142, 250, 1, 1, 443), hello, n, T0 + NS_PER_S);
    /* A second ClientHello on the same flow gives no second SNI hint. */
    struct packet again = tcp_packet(endpoint(10, 0, 0, 5, 40002), endpoint(142, 250, 1, 1, 443),
                                     1001 + (uint32_t)n, 5001, TCP_PSH | TCP_ACK, hello, n);
    feed(t, &again, T0 + 2 * NS_PER_S);
    /* A GET to 8080 is a proxy-port SYN but not a CONNECT. */
    tcp_conversation(t, client, endpoint(10, 0, 0, 9, 8080), http_get, strlen(http_get), T0 + 3 * NS_PER_S);

    size_t count;
    const struct vx_traffic_hint *h = find_hint(t, VX_HINT_HTTP_CONNECT, &count);
    assert_int_equal(count, 1);
    assert_string_equal(h->text, "sip.voicex.example:5061");
    assert_true(vx_endpoint_equal(&h->client, &client));
    assert_true(vx_endpoint_equal(&h->server, &proxy));
    assert_int_equal(h->ts_ns, T0 + 3000000);

    h = find_hint(t, VX_HINT_HTTP_PROXY_PORT, &count);
    assert_int_equal(count, 2);
    assert_int_equal(h->server.port, 3128);
    assert_int_equal(h->ts_ns, T0);

    h = find_hint(t, VX_HINT_TLS_SNI, &count);
    assert_int_equal(count, 1);
    assert_string_equal(h->text, "www.youtube.com");
    assert_int_equal(h->server.port, 443);
    assert_int_equal(h->client.port, 40002);
    vx_traffic_free(t);
}

/* SIP over TLS on 5061 with a name nDPI does not know: plain "TLS", and the SNI still. */
static void test_unknown_sni_on_other_port_is_tls(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(16);
    uint8_t hello[512];
    size_t n = tls_client_hello(hello, "pbx.voicex.example");
    size_t bytes = tcp_conversation(t, endpoint(10, 0, 0, 5, 40000), endpoint(203, 0, 113, 10, 5061),
                                    hello, n, T0);
    assert_app(t, "TLS", "Web", bytes, 5, 1);
    size_t count;
    const struct vx_traffic_hint *h = find_hint(t, VX_HINT_TLS_SNI, &count);
    assert_int_equal(count, 1);
    assert_string_equal(h->text, "pbx.voicex.example");
    assert_int_equal(vx_traffic_hint_count(t), 1);
    vx_traffic_free(t);
}

/* 2000 s of traffic: the width doubles to 4 s, nothing is lost, aligned ranges are exact. */
static void test_series_widens_and_keeps_totals(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(64);
    uint8_t buf[512];
    size_t n = dns_query(buf, "www.example.com");
    struct packet dns = udp_packet(endpoint(10, 0, 0, 5, 40000), endpoint(10, 0, 0, 1, 53), buf, n);
    uint8_t noise[100];
    memset(noise, 0xa7, sizeof noise);
    struct packet odd = udp_packet(endpoint(10, 0, 0, 5, 41000), endpoint(10, 0, 0, 7, 47001), noise, sizeof noise);
    uint64_t dns_bytes = 0, odd_bytes = 0;
    for (int s = 0; s < 2000; s += 5) {
        feed(t, &dns, T0 + s * NS_PER_S + 250000000);
        dns_bytes += dns.len;
        feed(t, &odd, T0 + s * NS_PER_S + 750000000);
        odd_bytes += odd.len;
    }
    assert_true(vx_traffic_bucket_width_s(t) >= 4);
    assert_int_equal(vx_traffic_bucket_width_s(t), 4);
    assert_true(vx_traffic_bucket_count(t) <= VX_TRAFFIC_SERIES);
    assert_int_equal(vx_traffic_origin_ns(t), T0);
    assert_int_equal(vx_traffic_app_count(t), 2);
    assert_app(t, "DNS", "Network", dns_bytes, 400, 1);
    assert_app(t, "Unknown", "Unspecified", odd_bytes, 400, 1);
    for (size_t i = 0; i < 2; i++) {
        uint64_t total = vx_traffic_app(t, i)->bytes;
        assert_int_equal(series_total(t, i), total);
        assert_int_equal(vx_traffic_app_bytes_between(t, i, T0 - NS_PER_S, T0 + 3000 * NS_PER_S), total);
    }
    /* [T0, T0+100 s) is 25 whole 4-second buckets holding 20 packets of each flow; the
     * undetected flow's first 32 packets were held back, then put in their own seconds. */
    assert_string_equal(vx_traffic_app(t, 0)->name, "Unknown");   /* the bigger packets */
    assert_int_equal(vx_traffic_app_bytes_between(t, 0, T0, T0 + 100 * NS_PER_S), 20 * odd.len);
    assert_int_equal(vx_traffic_app_bytes_between(t, 1, T0, T0 + 100 * NS_PER_S), 20 * dns.len);
    assert_int_equal(vx_traffic_app_bucket(t, 0, 0), odd.len);
    assert_int_equal(vx_traffic_app_bucket(t, 0, 1), odd.len);
    assert_int_equal(vx_traffic_app_bucket(t, 0, 4), 0);   /* [16 s, 20 s) */
    assert_int_equal(vx_traffic_app_bytes_between(t, 1, T0 + 100 * NS_PER_S, T0), 0);
    vx_traffic_free(t);
}

/* Cap 4, ten concurrent flows: six evictions, and every byte still lands on DNS. */
static void test_flow_cap_evicts_the_idlest(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(4);
    uint8_t buf[512];
    size_t n = dns_query(buf, "www.example.com");
    uint64_t bytes = 0;
    for (uint16_t i = 0; i < 10; i++) {
        struct packet p = udp_packet(endpoint(10, 0, 0, 5, (uint16_t)(40000 + i)), endpoint(10, 0, 0, 1, 53), buf, n);
        feed(t, &p, T0 + i * 1000000);
        bytes += p.len;
    }
    assert_true(vx_traffic_flow_evictions(t) >= 6);
    assert_int_equal(vx_traffic_flow_evictions(t), 6);
    assert_app(t, "DNS", "Network", bytes, 10, 10);

    /* Undetected flows evicted before giving up still count their bytes. */
    uint8_t noise[60];
    memset(noise, 0x3c, sizeof noise);
    for (uint16_t i = 0; i < 6; i++) {
        struct packet p = udp_packet(endpoint(10, 0, 1, 5, (uint16_t)(50000 + i)), endpoint(10, 0, 1, 7, 47001), noise, sizeof noise);
        feed(t, &p, T0 + NS_PER_S + i * 1000000);
    }
    assert_int_equal(vx_traffic_flow_evictions(t), 12);
    assert_app(t, "Unknown", "Unspecified", 6 * (28 + sizeof noise), 6, 6);
    vx_traffic_free(t);
}

/* Evicting a flow idle for more than a minute is routine, not a sign the table is too small. */
static void test_idle_flows_make_room_uncounted(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(2);
    uint8_t buf[512];
    size_t n = dns_query(buf, "www.example.com");
    for (uint16_t i = 0; i < 4; i++) {
        struct packet p = udp_packet(endpoint(10, 0, 0, 5, (uint16_t)(40000 + i)), endpoint(10, 0, 0, 1, 53), buf, n);
        feed(t, &p, T0 + (i / 2) * 120 * NS_PER_S);
    }
    assert_int_equal(vx_traffic_flow_evictions(t), 0);
    assert_int_equal(find_app(t, "DNS")->flows, 4);
    vx_traffic_free(t);
}

/* Truncated and lying headers: nothing is read out of bounds (checked under ASan). */
static void test_malformed_packets_are_harmless(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(16);
    vx_endpoint a = endpoint(10, 0, 0, 5, 40000), b = endpoint(10, 0, 0, 9, 3128);
    struct packet p = tcp_packet(a, b, 1, 0, TCP_PSH | TCP_ACK, http_connect, strlen(http_connect));
    for (size_t len = 0; len <= p.len; len++) {
        uint8_t *exact = malloc(len ? len : 1);   /* exact size, so ASan sees any overread */
        assert_non_null(exact);
        memcpy(exact, p.bytes, len);
        vx_traffic_packet(t, T0, 0, len, exact, len, 6, &a, &b);
        free(exact);
    }
    p.bytes[20 + 12] = 0xf0;                 /* TCP header length 60 > what is there */
    vx_traffic_packet(t, T0, 0, 1, p.bytes, 40, 6, &a, &b);
    p.bytes[0] = 0x4f;                        /* IHL 60 */
    vx_traffic_packet(t, T0, 0, 1, p.bytes, 30, 6, &a, &b);
    p.bytes[0] = 0x60;                        /* IPv6 with too few bytes */
    vx_traffic_packet(t, T0, 0, 1, p.bytes, 45, 6, &a, &b);
    vx_traffic_packet(NULL, T0, 0, 1, p.bytes, p.len, 6, &a, &b);
    assert_true(vx_traffic_hint_count(t) <= 1);   /* only the complete CONNECT */
    assert_null(vx_traffic_hint(t, 5));
    assert_null(vx_traffic_app(t, 99));
    assert_int_equal(vx_traffic_app_count(NULL), 0);
    vx_traffic_free(t);
    vx_traffic_free(NULL);
}

/* Not an assertion: prints the per-packet cost of an already classified flow. */
static void test_report_per_packet_cost(void **state)
{
    (void)state;
    struct vx_traffic *t = vx_traffic_new(1024);
    uint8_t buf[512];
    size_t n = dns_query(buf, "www.example.com");
    struct packet dns = udp_packet(endpoint(10, 0, 0, 5, 40000), endpoint(10, 0, 0, 1, 53), buf, n);
    enum { PACKETS = 200000 };
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < PACKETS; i++) feed(t, &dns, T0 + (int64_t)i * 10000000);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ns = (double)(end.tv_sec - start.tv_sec) * 1e9 + (double)(end.tv_nsec - start.tv_nsec);
    print_message("  %.0f ns per packet of a classified flow\n", ns / PACKETS);
    assert_int_equal(find_app(t, "DNS")->packets, PACKETS);
    vx_traffic_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detects_dns_http_tls_connect),
        cmocka_unit_test(test_hints_connect_proxy_port_sni),
        cmocka_unit_test(test_unknown_sni_on_other_port_is_tls),
        cmocka_unit_test(test_series_widens_and_keeps_totals),
        cmocka_unit_test(test_flow_cap_evicts_the_idlest),
        cmocka_unit_test(test_idle_flows_make_room_uncounted),
        cmocka_unit_test(test_malformed_packets_are_harmless),
        cmocka_unit_test(test_report_per_packet_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
