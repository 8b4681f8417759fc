/* test_rules_util.h — helpers for the path-rule tests (test_rules_alg/proxy/nat/servers.c):
 * analyse a sample capture (optionally with its WAN twin) or synthetic SIP datagrams, run the
 * rules, and look findings up by id or kind. Header-only; each test includes it once. */
#ifndef TEST_RULES_UTIL_H
#define TEST_RULES_UTIL_H
#include "analyzer/analyzer.h"
#include "analyzer/rules.h"
#include "dissectors/link.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0_NS (1700000000LL * 1000000000LL)

/* samples/ from the repo root, or from build/rel/tests/. */
static inline const char *sample_path(const char *name, char *buf, size_t size)
{
    static const char *const roots[] = { "samples", "../samples", "../../samples", "../../../samples" };
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        snprintf(buf, size, "%s/%s", roots[i], name);
        if (access(buf, R_OK) == 0) return buf;
    }
    return NULL;
}

static inline void lab_profile(struct vx_profile *p)
{
    vx_profile_default(p);
    vx_profile_add_server(p, "198.51.100.11", true);
    vx_profile_add_server(p, "198.51.100.12", false);
    vx_profile_add_server(p, "198.51.100.13", false);
    for (int i = 0; i < p->server_count; i++) snprintf(p->servers[i].domain, sizeof p->servers[i].domain, "lab");
}

static inline struct vx_analysis *analyse_sample(const char *name)
{
    char path[512];
    if (!sample_path(name, path, sizeof path)) return NULL;
    struct vx_profile p;
    lab_profile(&p);
    struct vx_analysis *a = vx_analysis_new(&p);
    char *files[] = { path };
    char err[256];
    if (!a || vx_analyze_files(a, files, 1, false, err, sizeof err) != 0) { vx_analysis_free(a); return NULL; }
    return a;
}

/* LAN sample with its WAN twin attached (NULL wan name: LAN only), rules run. */
static inline struct vx_analysis *analyse_pair(const char *lan, const char *wan)
{
    struct vx_analysis *a = analyse_sample(lan);
    if (a && wan) a->wan = analyse_sample(wan);
    if (a) vx_rules_run(a);
    return a;
}

static inline void free_pair(struct vx_analysis *a)
{
    if (!a) return;
    vx_analysis_free(a->wan);
    vx_analysis_free(a);
}

static inline const struct vx_finding *find_id(const struct vx_analysis *a, const char *id)
{
    for (size_t i = 0; i < a->findings.count; i++)
        if (!strcmp(vx_finding_at(a, i)->id, id)) return vx_finding_at(a, i);
    return NULL;
}

static inline const struct vx_finding *find_kind(const struct vx_analysis *a, const char *kind)
{
    for (size_t i = 0; i < a->findings.count; i++)
        if (!strcmp(vx_finding_at(a, i)->kind, kind)) return vx_finding_at(a, i);
    return NULL;
}

static inline int loud_findings(const struct vx_analysis *a)
{
    int n = 0;
    for (size_t i = 0; i < a->findings.count; i++) n += vx_finding_at(a, i)->severity != VX_SEV_INFO;
    return n;
}

/* ---- synthetic SIP over raw IPv4/UDP ---- */

static inline struct vx_analysis *synthetic_new(void)
{
    struct vx_profile p;
    lab_profile(&p);
    return vx_analysis_new(&p);
}

static inline void put_be16(uint8_t *b, uint16_t v) { b[0] = (uint8_t)(v >> 8); b[1] = (uint8_t)v; }

/* Feeds one UDP datagram "sip" from src to dst at T0 + ms (frame numbers count up). */
static inline void feed_udp(struct vx_analysis *a, const char *src, uint16_t sport, const char *dst, uint16_t dport,
                     double ms, const char *sip)
{
    static uint64_t frame;
    uint8_t pkt[4096] = { 0 };
    size_t n = strlen(sip);
    if (n > sizeof pkt - 28) n = sizeof pkt - 28;
    vx_addr s, d;
    vx_addr_parse(src, &s);
    vx_addr_parse(dst, &d);
    pkt[0] = 0x45;
    put_be16(pkt + 2, (uint16_t)(28 + n));
    pkt[8] = 64;
    pkt[9] = 17;
    memcpy(pkt + 12, s.b, 4);
    memcpy(pkt + 16, d.b, 4);
    uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2) sum += (uint32_t)(pkt[i] << 8 | pkt[i + 1]);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    put_be16(pkt + 10, (uint16_t)~sum);
    put_be16(pkt + 20, sport);
    put_be16(pkt + 22, dport);
    put_be16(pkt + 24, (uint16_t)(8 + n));
    memcpy(pkt + 28, sip, n);
    struct vx_packet p = { pkt, (uint32_t)(28 + n), (uint32_t)(28 + n), T0_NS + (int64_t)(ms * 1e6), VX_DLT_RAW, 0, ++frame };
    vx_analyze_packet(a, &p);
}

static inline void synthetic_finish(struct vx_analysis *a)
{
    vx_analysis_finish(a, NULL);
    vx_rules_run(a);
}
#endif
