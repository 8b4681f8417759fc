/* correlate.c — LAN<->WAN pairing of SIP messages (see correlate.h for the key). Each side's
 * messages are re-dissected once to read the bottom Via branch; the WAN side goes into a hash
 * map, the LAN side looks itself up. */
#include "analyzer/correlate.h"
#include "analyzer/analyzer.h"
#include "analyzer/map.h"
#include "analyzer/rules.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Key text of one message; `copy` is how many earlier messages had the same base key. */
static size_t base_key(const struct vx_sip_msg *m, struct vx_sip *s, char *buf, size_t size)
{
    const char *bottom = "";
    if (vx_msg_parse(m, s) == 0 && s->via_count > 0) {
        int n = s->via_count < VX_SIP_MAX_VIA ? s->via_count : VX_SIP_MAX_VIA;
        bottom = s->via[n - 1].branch;
    }
    int n = snprintf(buf, size, "%s|%u|%s|%s|%d|%d|%s", m->call_id, m->cseq, m->cseq_method,
                     m->is_request ? m->method : "", m->is_request ? 0 : m->status,
                     m->from_customer ? 1 : 0, bottom);
    return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

/* Appends "#copy" where copy counts earlier messages with the same base key (counts map). */
static size_t numbered_key(vx_map *counts, char *buf, size_t len, size_t size)
{
    uintptr_t seen = (uintptr_t)vx_map_get(counts, buf, len);
    vx_map_put(counts, buf, len, (void *)(seen + 1));
    int n = snprintf(buf + len, size - len, "#%lu", (unsigned long)seen);
    return n < 0 || (size_t)n >= size - len ? size - 1 : len + (size_t)n;
}

static void index_wan(const struct vx_analysis *wan, vx_map *by_key, struct vx_sip *s)
{
    vx_map counts;
    vx_map_init(&counts);
    char key[900];
    for (size_t i = 0; i < wan->messages.count; i++) {
        size_t kl = base_key(vx_msg(wan, i), s, key, sizeof key);
        kl = numbered_key(&counts, key, kl, sizeof key);
        vx_map_put(by_key, key, kl, (void *)(uintptr_t)(i + 1));
    }
    vx_map_free(&counts);
}

static void pair_lan(const struct vx_analysis *lan, vx_map *by_key, struct vx_sip *s,
                     struct vx_correlation *out)
{
    vx_map counts;
    vx_map_init(&counts);
    char key[900];
    for (size_t i = 0; i < lan->messages.count; i++) {
        size_t kl = base_key(vx_msg(lan, i), s, key, sizeof key);
        kl = numbered_key(&counts, key, kl, sizeof key);
        uintptr_t w = (uintptr_t)vx_map_del(by_key, key, kl);
        if (!w) { out->lan_unpaired++; continue; }
        out->pairs[out->count].lan = (uint32_t)i;
        out->pairs[out->count].wan = (uint32_t)(w - 1);
        out->wan_of_lan[i] = (int32_t)(w - 1);
        out->count++;
    }
    out->wan_unpaired = by_key->count;
    vx_map_free(&counts);
}

int vx_correlate_sip(const struct vx_analysis *lan, const struct vx_analysis *wan,
                     struct vx_correlation *out)
{
    memset(out, 0, sizeof *out);
    if (!lan || !wan) return 0;
    size_t n = lan->messages.count;
    out->pairs = calloc(n ? n : 1, sizeof *out->pairs);
    out->wan_of_lan = malloc((n ? n : 1) * sizeof *out->wan_of_lan);
    struct vx_sip *s = malloc(sizeof *s);
    if (!out->pairs || !out->wan_of_lan || !s) {
        free(s);
        vx_correlation_free(out);
        return -1;
    }
    for (size_t i = 0; i < n; i++) out->wan_of_lan[i] = -1;
    out->lan_messages = n;
    vx_map by_key;
    vx_map_init(&by_key);
    index_wan(wan, &by_key, s);
    pair_lan(lan, &by_key, s, out);
    vx_map_free(&by_key);
    free(s);
    return 0;
}

void vx_correlation_free(struct vx_correlation *c)
{
    free(c->pairs);
    free(c->wan_of_lan);
    memset(c, 0, sizeof *c);
}

const struct vx_sip_msg *vx_correlated_wan(const struct vx_analysis *a, const struct vx_correlation *c,
                                           uint32_t lan_id)
{
    if (!a->wan || lan_id >= c->lan_messages || c->wan_of_lan[lan_id] < 0) return NULL;
    return vx_msg(a->wan, (size_t)c->wan_of_lan[lan_id]);
}

/* ---- helpers shared by the path rules ---- */

const char *vx_uri_host(const char *uri, char *host, size_t size)
{
    host[0] = '\0';
    const char *p = strstr(uri, "sip:");
    if (!p) p = strstr(uri, "sips:");
    if (!p) return host;
    p = strchr(p, ':') + 1;
    const char *at = strpbrk(p, "@>;");
    if (at && *at == '@') p = at + 1;
    size_t n = 0;
    if (*p == '[') {
        p++;
        while (p[n] && p[n] != ']') n++;
    } else {
        while (p[n] && !strchr(":;>?, \t", p[n])) n++;
    }
    if (n >= size) n = size - 1;
    memcpy(host, p, n);
    host[n] = '\0';
    return host;
}

bool vx_host_addr(const char *host, vx_addr *out)
{
    memset(out, 0, sizeof *out);
    return host[0] && vx_addr_parse(host, out);
}

double vx_rel_s(const struct vx_analysis *a, int64_t ts_ns)
{
    return (double)(ts_ns - a->first_ns) / 1e9;
}

void vx_acc_ref(struct vx_acc *c, struct vx_ref ref)
{
    for (uint32_t i = 0; i < c->nrefs; i++)
        if (c->refs[i].file == ref.file && c->refs[i].frame == ref.frame) return;
    if (c->nrefs < VX_CAP_EVIDENCE) c->refs[c->nrefs++] = ref;
}

void vx_acc_hit(struct vx_acc *c, int32_t call, struct vx_ref ref, const char *fmt, ...)
{
    if (c->count++ == 0) {
        c->call = call;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->example, sizeof c->example, fmt, ap);
        va_end(ap);
    } else if (c->call != call) {
        c->mixed_calls = true;
    }
    vx_acc_ref(c, ref);
}

struct vx_finding *vx_acc_emit(struct vx_analysis *a, const struct vx_acc *c, const char *id,
                               const char *kind, enum vx_severity sev, const char *requirement,
                               const char *confidence)
{
    if (!c->count) return NULL;
    struct vx_finding *f = vx_finding_add(a, id, kind, sev, requirement, confidence,
                                          c->mixed_calls ? -1 : c->call);
    if (!f) return NULL;
    f->occurrences = c->count;
    if (c->count > 1) vx_finding_detail(f, "%s (%u messages like this; first shown).", c->example, c->count);
    else vx_finding_detail(f, "%s", c->example);
    for (uint32_t i = 0; i < c->nrefs; i++) vx_finding_evidence(f, c->refs[i]);
    return f;
}
