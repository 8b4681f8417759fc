/* report_text.c — the plain-text report for a person: capture facts, findings first, then
 * each call with its streams, then registrations and unattached streams. Packet text is
 * escaped so control characters never reach a terminal. */
#include "analyzer/rtp_stats.h"
#include "analyzer/traffic.h"
#include "ui/i18n.h"
#include "ui/report.h"
#include "ui/verdict.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void vx_escape_text(const char *in, char *out, size_t size)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    while (*p && o + 5 < size) {
        unsigned char ch = *p;
        int n = ch < 0x80 ? 1 : (ch & 0xE0) == 0xC0 ? 2 : (ch & 0xF0) == 0xE0 ? 3 : (ch & 0xF8) == 0xF0 ? 4 : 0;
        bool ok = n > 0 && !(n == 1 && (ch < 0x20 || ch == 0x7f));
        for (int k = 1; ok && k < n; k++) ok = (p[k] & 0xC0) == 0x80;
        if (ok && (n == 2 && ch < 0xC2)) ok = false;
        if (!ok) { o += (size_t)snprintf(out + o, size - o, "\\x%02X", ch); p++; continue; }
        if (o + (size_t)n >= size) break;
        memcpy(out + o, p, (size_t)n);
        o += (size_t)n;
        p += n;
    }
    out[o < size ? o : size - 1] = '\0';
}

static const char *clock_str(int64_t ns, char *buf, size_t size)
{
    if (!ns) { snprintf(buf, size, "-"); return buf; }
    time_t t = (time_t)(ns / 1000000000LL);
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t n = strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(buf + n, size - n, ".%03d", (int)((ns / 1000000) % 1000));
    return buf;
}

static void print_facts(const struct vx_analysis *a, FILE *out)
{
    fprintf(out, "vxdiag %s report (profile %s, %d VoiceX servers)\n\n", VX_VERSION, a->profile.name, a->profile.server_count);
    for (int i = 0; i < a->input_count; i++) {
        const struct vx_input_info *in = &a->inputs[i];
        char esc[600], t1[40], t2[40];
        vx_escape_text(in->name, esc, sizeof esc);
        fprintf(out, "Input %s: %llu packets, %s%s, %s .. %s%s\n", esc, (unsigned long long)in->packets,
                in->link_type, in->compressed ? " (gzip)" : "", clock_str(in->first_ts_ns, t1, sizeof t1),
                clock_str(in->last_ts_ns, t2, sizeof t2), in->truncated ? " [TRUNCATED]" : "");
    }
    fprintf(out, "SIP messages %llu, calls %zu, registrations %zu, RTP streams %zu, RTP packets %llu\n\n",
            (unsigned long long)a->c.sip, a->calls.count, a->registrations.count, a->streams.count,
            (unsigned long long)a->c.rtp);
}

/* Japanese: the kind's title, the requirement with its section of the customer document,
 * and the Japanese advice; the English details follow. */
static void print_finding_ja(const struct vx_finding *f, FILE *out)
{
    const struct vx_kind_text *k = vx_kind_find(f->kind);
    const struct vx_requirement *r = vx_requirement_find(f->rule);
    fprintf(out, "  %s: %s\n", vx_tr(VX_MSG_COL_KIND, VX_LANG_JA), k ? k->name[VX_LANG_JA] : f->kind);
    if (r) fprintf(out, "  %s: %s %s（%s %s）\n", vx_tr(VX_MSG_COL_REQUIREMENT, VX_LANG_JA), r->id, r->text[VX_LANG_JA],
                   vx_tr(VX_MSG_REQ_SECTION_PREFIX, VX_LANG_JA), r->section[VX_LANG_JA]);
    if (k && k->advice_ja) fprintf(out, "  %s: %s\n", vx_tr(VX_MSG_LBL_ADVICE, VX_LANG_JA), k->advice_ja);
}

static void print_finding(const struct vx_analysis *a, const struct vx_finding *f, FILE *out, enum vx_lang lang)
{
    char buf[8192];
    vx_escape_text(f->summary, buf, sizeof buf);
    fprintf(out, "[%s] %s (%s, %s, %s)\n  %s\n", vx_tr_severity((int)f->severity, lang), f->id, f->kind, f->rule,
            f->confidence, buf);
    if (lang == VX_LANG_JA) print_finding_ja(f, out);
    vx_escape_text(f->detail, buf, sizeof buf);
    fprintf(out, "  %s: %s\n", lang == VX_LANG_JA ? vx_tr(VX_MSG_LBL_DETAIL_EN, lang) : "Seen", buf);
    vx_escape_text(f->advice, buf, sizeof buf);
    fprintf(out, "  %s: %s\n  %s:", lang == VX_LANG_JA ? "Advice (English)" : "Advice", buf,
            vx_tr(VX_MSG_LBL_EVIDENCE, lang));
    for (uint32_t i = 0; i < f->evidence_count; i++) {
        const struct vx_ref *r = &f->evidence[i];
        if (r->file & VX_REF_WAN) fprintf(out, " wan%u:#%llu", (r->file & ~VX_REF_WAN) + 1u, (unsigned long long)r->frame);
        else if (a->input_count > 1) fprintf(out, " %u:#%llu", r->file + 1, (unsigned long long)r->frame);
        else fprintf(out, " #%llu", (unsigned long long)r->frame);
    }
    fprintf(out, "%s\n\n", f->evidence_count ? "" : " (capture-wide)");
}

static void print_stream(const struct vx_stream *s, FILE *out)
{
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN];
    fprintf(out, "    %-4s %s -> %s ssrc 0x%08x %s: %u pkts, lost %lld (%.1f%%), max delta %.1f ms, "
            "jitter mean %.2f / max %.2f ms, MOS %s%.2f\n", s->id,
            vx_endpoint_str(&s->src, src, sizeof src), vx_endpoint_str(&s->dst, dst, sizeof dst), s->ssrc,
            s->codec[0] ? s->codec : "?", s->st.packets, (long long)vx_rtp_lost(&s->st), vx_rtp_loss_pct(&s->st),
            s->st.max_delta_ms, s->st.mean_jitter_ms, s->st.max_jitter_ms, s->mos_estimate ? "~" : "",
            s->mos < 0 ? 0.0 : s->mos);
}

static void print_call(const struct vx_analysis *a, const struct vx_call *c, FILE *out)
{
    char from[300], to[300], cid[300], t1[40];
    vx_escape_text(c->from, from, sizeof from);
    vx_escape_text(c->to, to, sizeof to);
    vx_escape_text(c->call_id, cid, sizeof cid);
    double dur = c->answer_ns && c->end_ns ? (double)(c->end_ns - c->answer_ns) / 1e9 : 0;
    fprintf(out, "Call %s  [%s, %s", cid, c->direction_out ? "out" : "in", vx_call_state_name(c->state));
    if (c->final_status) fprintf(out, " %d", c->final_status);
    fprintf(out, "]\n  %s -> %s\n  start %s", from, to, clock_str(c->start_ns, t1, sizeof t1));
    if (c->ringing_ns) fprintf(out, ", post-dial delay %.0f ms", (double)(c->ringing_ns - c->start_ns) / 1e6);
    if (dur > 0) fprintf(out, ", talk %.1f s", dur);
    fprintf(out, ", %u SIP messages (%u retransmissions)%s\n", c->sip_messages, c->retransmissions,
            c->findings ? ", has findings" : "");
    for (size_t i = 0; i < c->streams.count; i++) print_stream(vx_stream_at(a, *(uint32_t *)vx_vec_at(&c->streams, i)), out);
    fputc('\n', out);
}

static void print_registrations(const struct vx_analysis *a, FILE *out)
{
    if (!a->registrations.count) return;
    fprintf(out, "Registrations\n");
    for (size_t i = 0; i < a->registrations.count; i++) {
        const struct vx_registration *r = vx_reg_at(a, i);
        char aor[300], srv[VX_ADDR_STRLEN];
        vx_escape_text(r->aor, aor, sizeof aor);
        fprintf(out, "  %s via %s: expires %d, %zu attempts, %u refreshes, %u challenges, %u failures, %u unanswered\n",
                aor, vx_endpoint_str(&r->server, srv, sizeof srv), r->expires, r->attempts.count, r->refreshes,
                r->challenges, r->failures, r->unanswered);
    }
    fputc('\n', out);
}

static void print_other(const struct vx_analysis *a, FILE *out)
{
    bool header = false;
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        if (s->call >= 0) continue;
        if (!header) { fprintf(out, "RTP streams not tied to any SDP\n"); header = true; }
        print_stream(s, out);
    }
    if (header) fputc('\n', out);
    if (!a->traffic || !vx_traffic_app_count(a->traffic)) return;
    fprintf(out, "Other traffic (nDPI)\n");
    for (size_t i = 0; i < vx_traffic_app_count(a->traffic) && i < 10; i++) {
        const struct vx_traffic_app *app = vx_traffic_app(a->traffic, i);
        fprintf(out, "  %-20s %12llu bytes %8llu packets %6llu flows\n", app->name,
                (unsigned long long)app->bytes, (unsigned long long)app->packets, (unsigned long long)app->flows);
    }
}

/* One line per requirement: pass / FAIL / not observed, with finding counts. */
static void print_verdicts(const struct vx_analysis *a, FILE *out, enum vx_lang lang)
{
    size_t n = vx_requirement_count();
    struct vx_req_verdict *v = calloc(n, sizeof *v);
    if (!v) return;
    vx_verdicts(a, v);
    fprintf(out, "%s\n", vx_tr(VX_MSG_SEC_VERDICT, lang));
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %-13s %-14s", v[i].req->id, vx_tr(vx_verdict_word(v[i].verdict), lang));
        if (v[i].critical + v[i].warning) fprintf(out, " (%u critical, %u warning)", v[i].critical, v[i].warning);
        fprintf(out, "  %s\n", v[i].req->text[lang]);
    }
    fputc('\n', out);
    free(v);
}

int vx_report_text(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *o)
{
    enum vx_lang lang = vx_lang_from(o ? o->lang : NULL);
    print_facts(a, out);
    print_verdicts(a, out, lang);
    fprintf(out, "%s: %zu\n\n", vx_tr(VX_MSG_SEC_FINDINGS, lang), a->findings.count);
    for (size_t i = 0; i < a->findings.count; i++) print_finding(a, vx_finding_at(a, i), out, lang);
    for (size_t i = 0; i < a->calls.count; i++) print_call(a, vx_call_at(a, i), out);
    print_registrations(a, out);
    print_other(a, out);
    return ferror(out) ? -1 : 0;
}
