/* report_md.c — the Markdown report for tickets and chat: verdict table, findings, calls and
 * RTP streams. Packet text is escaped for Markdown (and for renderers that accept inline
 * HTML): markup characters are backslash-escaped or turned into entities, control
 * characters and invalid UTF-8 become visible \xNN. */
#include "analyzer/rtp_stats.h"
#include "ui/html.h"
#include "ui/i18n.h"
#include "ui/report.h"
#include "ui/verdict.h"
#include <stdlib.h>
#include <string.h>

#define MD_MAX_FINDINGS 50

struct md { FILE *out; const struct vx_analysis *a; enum vx_lang lang; };
#define T(id) vx_tr((id), m->lang)

static void md_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        const char *ent = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '|' ? "\\|" : NULL;
        if (ent) { fputs(ent, out); i++; continue; }
        if (strchr("\\`*_[]~", c)) { fputc('\\', out); fputc(c, out); i++; continue; }
        size_t len = vx_utf8_printable_len(p + i, n - i);
        if (!len) { fprintf(out, "\\\\x%02X", c); i++; continue; }
        fwrite(p + i, 1, len, out);
        i += len;
    }
}

static void md_row(FILE *out, const char *const *cells, size_t n)
{
    fputs("|", out);
    for (size_t i = 0; i < n; i++) { fputc(' ', out); md_text(out, cells[i]); fputs(" |", out); }
    fputc('\n', out);
}

static void md_header(const struct md *m, const enum vx_msg *ids, size_t n)
{
    const char *cells[16] = { 0 };
    if (n > 16) n = 16;
    for (size_t i = 0; i < n; i++) cells[i] = T(ids[i]);
    md_row(m->out, cells, n);
    fputs("|", m->out);
    for (size_t i = 0; i < n; i++) fputs("---|", m->out);
    fputc('\n', m->out);
}

static void md_verdicts(const struct md *m)
{
    size_t n = vx_requirement_count();
    struct vx_req_verdict *v = calloc(n, sizeof *v);
    if (!v) return;
    vx_verdicts(m->a, v);
    fprintf(m->out, "## %s\n\n", T(VX_MSG_SEC_VERDICT));
    static const enum vx_msg cols[] = { VX_MSG_COL_ID, VX_MSG_COL_VERDICT, VX_MSG_COL_FINDINGS,
                                        VX_MSG_COL_REQUIREMENT, VX_MSG_COL_SECTION };
    md_header(m, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < n; i++) {
        char counts[48];
        snprintf(counts, sizeof counts, "%u / %u / %u", v[i].critical, v[i].warning, v[i].info);
        const char *word = T(vx_verdict_word(v[i].verdict));
        char verdict[64];
        snprintf(verdict, sizeof verdict, "%s%s", v[i].verdict == VX_VERDICT_FAIL ? "❌ " :
                 v[i].verdict == VX_VERDICT_PASS ? "✅ " : "➖ ", word);
        const char *cells[] = { v[i].req->id, verdict, counts, v[i].req->text[m->lang], v[i].req->section[m->lang] };
        md_row(m->out, cells, 5);
    }
    fprintf(m->out, "\n%s: %s / %s / %s\n\n", T(VX_MSG_COL_FINDINGS), T(VX_MSG_SEV_CRITICAL),
            T(VX_MSG_SEV_WARNING), T(VX_MSG_SEV_INFO));
    free(v);
}

static void md_item(FILE *out, const char *label, const char *value)
{
    fputs("- **", out);
    md_text(out, label);
    fputs("**: ", out);
    md_text(out, value);
    fputc('\n', out);
}

static void md_evidence(const struct md *m, const struct vx_finding *f)
{
    fprintf(m->out, "- **%s**: ", T(VX_MSG_LBL_EVIDENCE));
    if (!f->evidence_count) md_text(m->out, T(VX_MSG_LBL_CAPTURE_WIDE));
    for (uint32_t i = 0; i < f->evidence_count; i++) {
        const struct vx_ref *r = &f->evidence[i];
        const char *file = r->file < m->a->input_count ? m->a->inputs[r->file].name : "?";
        const char *base = strrchr(file, '/');
        char buf[600];
        snprintf(buf, sizeof buf, "%s%s #%llu", i ? ", " : "", base ? base + 1 : file, (unsigned long long)r->frame);
        md_text(m->out, buf);
    }
    fputc('\n', m->out);
}

static void md_finding(const struct md *m, const struct vx_finding *f)
{
    FILE *out = m->out;
    const struct vx_kind_text *k = vx_kind_find(f->kind);
    const struct vx_requirement *req = vx_requirement_find(f->rule);
    bool ja = m->lang == VX_LANG_JA;
    fprintf(out, "### [%s] ", vx_tr_severity((int)f->severity, m->lang));
    md_text(out, ja && k ? k->name[VX_LANG_JA] : f->summary);
    fputs("\n\n", out);
    md_item(out, "ID", f->id);
    md_item(out, T(VX_MSG_COL_KIND), k ? k->name[m->lang] : f->kind);
    char buf[1024];
    if (req) snprintf(buf, sizeof buf, "%s — %s (%s: %s)", req->id, req->text[m->lang], T(VX_MSG_REQ_SECTION_PREFIX), req->section[m->lang]);
    else snprintf(buf, sizeof buf, "%s", T(VX_MSG_NOT_IN_REQUIREMENTS));
    md_item(out, T(VX_MSG_COL_RULE), buf);
    md_item(out, T(VX_MSG_COL_CONFIDENCE), f->confidence ? f->confidence : "-");
    if (ja) {
        md_item(out, T(VX_MSG_LBL_ADVICE), k && k->advice_ja ? k->advice_ja : f->advice);
        md_item(out, T(VX_MSG_LBL_DETAIL_EN), f->summary);
        fputs("  ", out);
        md_item(out, "detail", f->detail);
        fputs("  ", out);
        md_item(out, "advice", f->advice);
    } else {
        md_item(out, T(VX_MSG_LBL_SEEN), f->detail);
        md_item(out, T(VX_MSG_LBL_ADVICE), f->advice);
    }
    md_evidence(m, f);
    fputc('\n', out);
}

static void md_findings(const struct md *m)
{
    const struct vx_analysis *a = m->a;
    size_t shown = 0;
    fprintf(m->out, "## %s\n\n", T(VX_MSG_SEC_FINDINGS));
    if (!a->findings.count) fprintf(m->out, "%s\n\n", T(VX_MSG_NO_FINDINGS));
    for (int sev = VX_SEV_CRITICAL; sev >= VX_SEV_INFO; sev--)
        for (size_t i = 0; i < a->findings.count; i++) {
            const struct vx_finding *f = vx_finding_at(a, i);
            if ((int)f->severity != sev) continue;
            if (shown++ < MD_MAX_FINDINGS) md_finding(m, f);
        }
    if (shown > MD_MAX_FINDINGS) {
        fprintf(m->out, T(VX_MSG_MD_MORE_FINDINGS), shown - MD_MAX_FINDINGS);
        fputs("\n\n", m->out);
    }
}

static void md_calls(const struct md *m)
{
    const struct vx_analysis *a = m->a;
    fprintf(m->out, "## %s\n\n", T(VX_MSG_SEC_CALLS));
    if (!a->calls.count) { fprintf(m->out, "%s\n\n", T(VX_MSG_NO_CALLS)); return; }
    static const enum vx_msg cols[] = { VX_MSG_COL_CALL_ID, VX_MSG_COL_FROM, VX_MSG_COL_TO, VX_MSG_COL_DIRECTION,
                                        VX_MSG_COL_STATE, VX_MSG_COL_STATUS, VX_MSG_COL_START, VX_MSG_COL_MESSAGES };
    md_header(m, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        char status[16], start[64], msgs[32];
        snprintf(status, sizeof status, "%d", c->final_status);
        snprintf(msgs, sizeof msgs, "%u (%u)", c->sip_messages, c->retransmissions);
        const char *cells[] = { c->call_id, c->from, c->to, T(c->direction_out ? VX_MSG_DIR_OUT : VX_MSG_DIR_IN),
                                vx_tr_call_state((int)c->state, m->lang), c->final_status ? status : "-",
                                vx_utc_str(c->start_ns, start, sizeof start), msgs };
        md_row(m->out, cells, 8);
    }
    fputc('\n', m->out);
}

static void md_streams(const struct md *m)
{
    const struct vx_analysis *a = m->a;
    fprintf(m->out, "## %s\n\n", T(VX_MSG_SEC_STREAMS));
    if (!a->streams.count) { fprintf(m->out, "%s\n\n", T(VX_MSG_NO_STREAMS)); return; }
    static const enum vx_msg cols[] = { VX_MSG_COL_STREAM, VX_MSG_COL_SRC, VX_MSG_COL_DST, VX_MSG_COL_CODEC,
                                        VX_MSG_COL_PACKETS, VX_MSG_COL_LOST, VX_MSG_COL_JITTER, VX_MSG_COL_MOS };
    md_header(m, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < a->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(a, i);
        char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN], pk[24], lost[48], jit[48], mos[16];
        snprintf(pk, sizeof pk, "%u", s->st.packets);
        snprintf(lost, sizeof lost, "%lld (%.2f%%)", (long long)vx_rtp_lost(&s->st), vx_rtp_loss_pct(&s->st));
        snprintf(jit, sizeof jit, "%.2f / %.2f ms", s->st.mean_jitter_ms, s->st.max_jitter_ms);
        if (s->mos >= 0) snprintf(mos, sizeof mos, "%s%.2f", s->mos_estimate ? "~" : "", s->mos);
        else snprintf(mos, sizeof mos, "-");
        const char *cells[] = { s->id, vx_endpoint_str(&s->src, src, sizeof src), vx_endpoint_str(&s->dst, dst, sizeof dst),
                                s->codec[0] ? s->codec : "?", pk, lost, jit, mos };
        md_row(m->out, cells, 8);
    }
    fputc('\n', m->out);
}

int vx_report_md(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *o)
{
    struct md ctx = { out, a, vx_lang_from(o ? o->lang : NULL) };
    const struct md *m = &ctx;
    unsigned crit, warn, info;
    vx_finding_totals(a, &crit, &warn, &info);
    fprintf(out, "# %s\n\n", T(VX_MSG_TITLE));
    char line[256];
    snprintf(line, sizeof line, "%s %s · %s: %s · ", T(VX_MSG_GENERATED_BY), VX_VERSION, T(VX_MSG_PROFILE), a->profile.name);
    md_text(out, line);
    snprintf(line, sizeof line, T(VX_MSG_SUMMARY_LINE), a->findings.count, crit, warn, info);
    md_text(out, line);
    fputs("\n\n", out);
    md_verdicts(m);
    md_findings(m);
    md_calls(m);
    md_streams(m);
    return ferror(out) ? -1 : 0;
}
