/* report_html.c — the self-contained HTML report: inline CSS (screen and A4 print), no
 * scripts, no external resources. Verdict per requirement first, then findings, calls with
 * ladders, RTP streams with charts, registrations with the NAT mapping history, other
 * traffic and the capture facts. Every string from packets is escaped by html.c. */
#include "analyzer/rtp_stats.h"
#include "analyzer/traffic.h"
#include "ui/html.h"
#include "ui/report.h"
#include "ui/report_html.h"
#include "ui/verdict.h"
#include <stdlib.h>
#include <string.h>

#define T(id) vx_html_tr(h, (id))

static const char css[] =
    "@page{size:A4;margin:12mm}"
    "body{font-family:system-ui,-apple-system,'Segoe UI','Hiragino Sans','Noto Sans CJK JP','Yu Gothic',sans-serif;"
    "color:#1d2733;margin:0;background:#f4f6f9;font-size:14px;line-height:1.45}"
    "main{max-width:1100px;margin:0 auto;padding:18px 24px 40px;background:#fff}"
    "header{border-bottom:3px solid #1f4e79;padding-bottom:10px;margin-bottom:8px}"
    "h1{font-size:24px;margin:0 0 4px;color:#1f4e79}h2{font-size:18px;color:#1f4e79;border-bottom:1px solid #d5dde6;"
    "padding-bottom:4px;margin:28px 0 10px}h3{font-size:15px;margin:18px 0 6px}"
    ".sub{color:#51606f;margin:0}.meta{color:#51606f;font-size:12.5px}"
    ".totals span{display:inline-block;margin:6px 8px 0 0;padding:3px 10px;border-radius:12px;font-weight:600;font-size:13px}"
    "table{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:13px}"
    "th,td{border:1px solid #d5dde6;padding:4px 7px;text-align:left;vertical-align:top}"
    "th{background:#eef2f7;font-weight:600;white-space:nowrap}.nw{white-space:nowrap}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr:nth-child(even) td{background:#fafbfd}"
    ".mono,code{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;font-size:12px;word-break:break-all}"
    ".id{white-space:nowrap;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}.badge{white-space:nowrap;display:inline-block;min-width:64px;text-align:center;padding:2px 8px;border-radius:10px;font-weight:700;font-size:12px}"
    ".pass{background:#dff3e4;color:#1b6e34}.fail{background:#fbe0e0;color:#a31b1b}.unseen{background:#eceff3;color:#5b6773}"
    ".critical{background:#a31b1b;color:#fff}.warning{background:#f0a202;color:#1d2733}.info{background:#3d7ab8;color:#fff}"
    ".finding{border:1px solid #d5dde6;border-left:6px solid #3d7ab8;border-radius:4px;padding:8px 12px;margin:10px 0;break-inside:avoid}"
    ".finding.sev-critical{border-left-color:#a31b1b}.finding.sev-warning{border-left-color:#f0a202}"
    ".finding h3{margin:0 0 4px}.finding dl{margin:4px 0;display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}"
    ".finding dt{font-weight:600;color:#51606f}.finding dd{margin:0}"
    ".note{color:#5b6773;font-size:12px;margin:2px 0 10px}figure{margin:8px 0 16px;break-inside:avoid}"
    "figcaption{font-weight:600;font-size:13px;margin-bottom:4px}"
    "svg{max-width:100%;height:auto;background:#fff}svg.ladder{border:1px solid #e3e8ee}svg.chart{width:100%;max-width:760px}"
    "svg text{font-family:inherit}.lt-h{font-size:11px;font-weight:700;text-anchor:middle;fill:#1f4e79}"
    ".lt-ep{font-size:11px;text-anchor:middle;fill:#1d2733}.lt-t{font-size:10px;fill:#5b6773}"
    ".lt-m{font-size:11px;text-anchor:middle;fill:#1d2733}.lh-srv{fill:#e4eef8;stroke:#1f4e79}"
    ".lh-ep{fill:#f3f5f7;stroke:#8896a4}.life{stroke:#b8c3ce;stroke-dasharray:3 3}"
    ".ar-req{stroke:#1f4e79;stroke-width:1.5}.ar-req-h{fill:#1f4e79}.ar-prov{stroke:#7b8794;stroke-width:1.2}"
    ".ar-prov-h{fill:#7b8794}.ar-ok{stroke:#1b6e34;stroke-width:1.5}.ar-ok-h{fill:#1b6e34}"
    ".ar-err{stroke:#a31b1b;stroke-width:1.5}.ar-err-h{fill:#a31b1b}.retx{stroke-dasharray:5 3}"
    ".plot{fill:#fbfcfd;stroke:#c9d2db}.grid{stroke:#e3e8ee}.ax-l{font-size:10px;text-anchor:end;fill:#5b6773}"
    ".ax-r{font-size:10px;fill:#a31b1b}.ax-b{font-size:10px;text-anchor:middle;fill:#5b6773}"
    ".ax-t{font-size:11px;text-anchor:middle;fill:#5b6773}.lg{font-size:11px;fill:#1d2733}"
    ".ln-jit{fill:none;stroke:#1f6fb8;stroke-width:1.8}.lg-jit{fill:#1f6fb8}.bar-loss{fill:#d9534f;opacity:.8}"
    ".c0{fill:#1f6fb8}.c1{fill:#f0a202}.c2{fill:#2e9e5b}.c3{fill:#8e5bb8}.c4{fill:#d9534f}.c5{fill:#17a2b8}.c6{fill:#9aa5b1}"
    ".changed td{background:#fff4d6!important}footer{margin-top:30px;color:#8896a4;font-size:11.5px}"
    "@media print{body{background:#fff;font-size:11px}main{max-width:none;padding:0}h2{break-after:avoid}"
    "tr,figure,.finding{break-inside:avoid}.badge,.critical,.warning,.info,.pass,.fail,.unseen,.changed td,th"
    "{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

static void td_text(FILE *out, const char *cls, const char *s)
{
    if (cls) fprintf(out, "<td class=\"%s\">", cls);
    else fputs("<td>", out);
    vx_html_text(out, s);
    fputs("</td>", out);
}

static void th_row(const struct vx_html *h, const enum vx_msg *ids, size_t n)
{
    fputs("<tr>", h->out);
    for (size_t i = 0; i < n; i++) {
        fputs("<th>", h->out);
        vx_html_text(h->out, T(ids[i]));
        fputs("</th>", h->out);
    }
    fputs("</tr>\n", h->out);
}

static void section_start(const struct vx_html *h, const char *id, enum vx_msg title)
{
    fprintf(h->out, "<section id=\"%s\"><h2>", id);
    vx_html_text(h->out, T(title));
    fputs("</h2>\n", h->out);
}

static void write_header(const struct vx_html *h)
{
    FILE *out = h->out;
    const struct vx_analysis *a = h->a;
    unsigned crit, warn, info;
    vx_finding_totals(a, &crit, &warn, &info);
    fputs("<header><h1>", out);
    vx_html_text(out, T(VX_MSG_TITLE));
    fputs("</h1><p class=\"sub\">", out);
    vx_html_text(out, T(VX_MSG_SUBTITLE));
    fputs("</p><p class=\"meta\">", out);
    vx_html_printf(out, "%s %s · %s: %s · %s: %d · ", T(VX_MSG_GENERATED_BY), VX_VERSION, T(VX_MSG_PROFILE),
                   a->profile.name, T(VX_MSG_SERVERS), a->profile.server_count);
    double span = a->last_ns > a->first_ns ? (double)(a->last_ns - a->first_ns) / 1e9 : 0;
    vx_html_printf(out, T(VX_MSG_CAPTURE_SPAN), a->input_count, span, (unsigned long long)a->c.packets);
    fputs("</p><p class=\"totals\">", out);
    fprintf(out, "<span class=\"critical\">%s %u</span>", T(VX_MSG_SEV_CRITICAL), crit);
    fprintf(out, "<span class=\"warning\">%s %u</span>", T(VX_MSG_SEV_WARNING), warn);
    fprintf(out, "<span class=\"info\">%s %u</span></p></header>\n", T(VX_MSG_SEV_INFO), info);
}

static void write_verdicts(const struct vx_html *h)
{
    FILE *out = h->out;
    size_t n = vx_requirement_count();
    struct vx_req_verdict *v = calloc(n, sizeof *v);
    if (!v) return;
    vx_verdicts(h->a, v);
    section_start(h, "verdict", VX_MSG_SEC_VERDICT);
    fputs("<table>", out);
    static const enum vx_msg cols[] = { VX_MSG_COL_ID, VX_MSG_COL_REQUIREMENT, VX_MSG_COL_SECTION,
                                        VX_MSG_COL_VERDICT, VX_MSG_COL_FINDINGS, VX_MSG_COL_BASIS };
    th_row(h, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < n; i++) {
        const struct vx_req_verdict *r = &v[i];
        fprintf(out, "<tr id=\"req-%s\"><td class=\"id\">%s</td>", r->req->id, r->req->id);
        td_text(out, NULL, r->req->text[h->lang]);
        td_text(out, NULL, r->req->section[h->lang]);
        fprintf(out, "<td><span class=\"badge %s\">%s</span></td>", vx_verdict_class(r->verdict), T(vx_verdict_word(r->verdict)));
        fprintf(out, "<td class=\"n nw\">%u / %u / %u</td>", r->critical, r->warning, r->info);
        td_text(out, NULL, T(r->basis));
        fputs("</tr>\n", out);
    }
    fprintf(out, "</table><p class=\"note\">%s: %s / %s / %s</p></section>\n", T(VX_MSG_COL_FINDINGS),
            T(VX_MSG_SEV_CRITICAL), T(VX_MSG_SEV_WARNING), T(VX_MSG_SEV_INFO));
    free(v);
}

static void write_evidence(const struct vx_html *h, const struct vx_finding *f)
{
    FILE *out = h->out;
    if (!f->evidence_count) { vx_html_text(out, T(VX_MSG_LBL_CAPTURE_WIDE)); return; }
    for (uint32_t i = 0; i < f->evidence_count; i++) {
        const struct vx_ref *r = &f->evidence[i];
        const char *file = r->file < h->a->input_count ? h->a->inputs[r->file].name : "?";
        const char *base = strrchr(file, '/');
        bool same_file = i && f->evidence[i - 1].file == r->file;   /* name the file once per run */
        if (i) fputs(", ", out);
        fputs("<span class=\"mono\">", out);
        if (same_file) fprintf(out, "#%llu", (unsigned long long)r->frame);
        else vx_html_printf(out, "%s #%llu", base ? base + 1 : file, (unsigned long long)r->frame);
        fputs("</span>", out);
    }
}

static void dl_item(FILE *out, const char *label, const char *value)
{
    fputs("<dt>", out);
    vx_html_text(out, label);
    fputs("</dt><dd>", out);
    vx_html_text(out, value);
    fputs("</dd>", out);
}

/* The finding's requirement: "R-NO-ALG — text (section)", or the capture-quality note. */
static void requirement_line(const struct vx_html *h, const struct vx_finding *f)
{
    const struct vx_requirement *req = vx_requirement_find(f->rule);
    fputs("<dt>", h->out);
    vx_html_text(h->out, T(VX_MSG_COL_RULE));
    fputs("</dt><dd>", h->out);
    if (!req) { vx_html_text(h->out, T(VX_MSG_NOT_IN_REQUIREMENTS)); fputs("</dd>", h->out); return; }
    fprintf(h->out, "<span class=\"mono\">%s</span> — ", req->id);
    vx_html_text(h->out, req->text[h->lang]);
    fputs("<br><span class=\"note\">", h->out);
    vx_html_printf(h->out, "%s: %s", T(VX_MSG_REQ_SECTION_PREFIX), req->section[h->lang]);
    fputs("</span></dd>", h->out);
}

static void write_finding(const struct vx_html *h, const struct vx_finding *f)
{
    FILE *out = h->out;
    const struct vx_kind_text *k = vx_kind_find(f->kind);
    bool ja = h->lang == VX_LANG_JA;
    const char *sev = vx_severity_name(f->severity);
    fprintf(out, "<div class=\"finding sev-%s\"><h3><span class=\"badge %s\">%s</span> ", sev, sev,
            vx_tr_severity((int)f->severity, h->lang));
    vx_html_text(out, ja && k ? k->name[VX_LANG_JA] : f->summary);
    fputs("</h3><dl>", out);
    dl_item(out, "ID", f->id);
    dl_item(out, T(VX_MSG_COL_KIND), k ? k->name[h->lang] : f->kind);
    requirement_line(h, f);
    dl_item(out, T(VX_MSG_COL_CONFIDENCE), f->confidence ? f->confidence : "-");
    if (ja) {
        dl_item(out, T(VX_MSG_LBL_ADVICE), k && k->advice_ja ? k->advice_ja : f->advice);
        fputs("<dt>", out);
        vx_html_text(out, T(VX_MSG_LBL_DETAIL_EN));
        fputs("</dt><dd lang=\"en\"><b>", out);
        vx_html_text(out, f->summary);
        fputs("</b><br>", out);
        vx_html_text(out, f->detail);
        fputs("<br><i>", out);
        vx_html_text(out, f->advice);
        fputs("</i></dd>", out);
    } else {
        dl_item(out, T(VX_MSG_LBL_SEEN), f->detail);
        dl_item(out, T(VX_MSG_LBL_ADVICE), f->advice);
    }
    fputs("<dt>", out);
    vx_html_text(out, T(VX_MSG_LBL_EVIDENCE));
    fputs("</dt><dd>", out);
    write_evidence(h, f);
    fputs("</dd></dl></div>\n", out);
}

static void write_findings(const struct vx_html *h)
{
    section_start(h, "findings", VX_MSG_SEC_FINDINGS);
    if (!h->a->findings.count) fprintf(h->out, "<p>%s</p>\n", T(VX_MSG_NO_FINDINGS));
    for (int sev = VX_SEV_CRITICAL; sev >= VX_SEV_INFO; sev--)   /* most severe first */
        for (size_t i = 0; i < h->a->findings.count; i++) {
            const struct vx_finding *f = vx_finding_at(h->a, i);
            if ((int)f->severity == sev) write_finding(h, f);
        }
    fputs("</section>\n", h->out);
}

/* The User-Agent of the first message of the call that names one. */
static void call_user_agent(const struct vx_html *h, const struct vx_call *c)
{
    fputs("<td>", h->out);
    for (size_t i = 0; i < c->msgs.count; i++) {
        const struct vx_sip_msg *m = vx_msg(h->a, *(uint32_t *)vx_vec_at(&c->msgs, i));
        const char *ua;
        size_t n = m ? vx_sip_header_value(m->raw, "User-Agent", &ua) : 0;
        if (n) { vx_html_textn(h->out, ua, n < 120 ? n : 120); break; }
    }
    fputs("</td>", h->out);
}

static void call_row(const struct vx_html *h, const struct vx_call *c)
{
    FILE *out = h->out;
    char buf[64];
    fputs("<tr>", out);
    td_text(out, "mono", c->call_id);
    fputs("<td class=\"mono\">", out);
    if (c->from_display && c->from_display[0])
        vx_html_printf(out, c->from_display[0] == '"' ? "%s " : "\"%s\" ", c->from_display);
    vx_html_text(out, c->from);
    fputs("</td>", out);
    td_text(out, "mono", c->to);
    td_text(out, "nw", T(c->direction_out ? VX_MSG_DIR_OUT : VX_MSG_DIR_IN));
    td_text(out, "nw", vx_tr_call_state((int)c->state, h->lang));
    if (c->final_status) fprintf(out, "<td class=\"n\">%d</td>", c->final_status);
    else fputs("<td class=\"n\">-</td>", out);
    td_text(out, NULL, vx_utc_str(c->start_ns, buf, sizeof buf));
    if (c->answer_ns && c->end_ns > c->answer_ns) fprintf(out, "<td class=\"n\">%.1f s</td>", (double)(c->end_ns - c->answer_ns) / 1e9);
    else fputs("<td class=\"n\">-</td>", out);
    fprintf(out, "<td class=\"n\">%u</td><td class=\"n\">%u</td>", c->sip_messages, c->retransmissions);
    call_user_agent(h, c);
    fputs("<td>", out);
    for (size_t i = 0; i < c->streams.count; i++) {
        const struct vx_stream *s = vx_stream_at(h->a, *(uint32_t *)vx_vec_at(&c->streams, i));
        if (s) fprintf(out, "%s<a href=\"#%s\">%s</a>", i ? ", " : "", s->id, s->id);
    }
    fputs("</td></tr>\n", out);
}

static void write_calls(const struct vx_html *h)
{
    FILE *out = h->out;
    const struct vx_analysis *a = h->a;
    section_start(h, "calls", VX_MSG_SEC_CALLS);
    if (!a->calls.count) { fprintf(out, "<p>%s</p></section>\n", T(VX_MSG_NO_CALLS)); return; }
    static const enum vx_msg cols[] = { VX_MSG_COL_CALL_ID, VX_MSG_COL_FROM, VX_MSG_COL_TO, VX_MSG_COL_DIRECTION,
                                        VX_MSG_COL_STATE, VX_MSG_COL_STATUS, VX_MSG_COL_START, VX_MSG_COL_TALK,
                                        VX_MSG_COL_MESSAGES, VX_MSG_COL_RETRANS, VX_MSG_COL_USER_AGENT,
                                        VX_MSG_COL_STREAMS };
    fputs("<table>", out);
    th_row(h, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < a->calls.count; i++) call_row(h, vx_call_at(a, i));
    fputs("</table></section>\n", out);
    section_start(h, "ladders", VX_MSG_SEC_LADDERS);
    for (size_t i = 0; i < a->calls.count; i++) {
        const struct vx_call *c = vx_call_at(a, i);
        fprintf(out, "<figure><figcaption>%s %zu: <span class=\"mono\">", T(VX_MSG_LBL_CALL), i + 1);
        vx_html_text(out, c->call_id);
        fputs("</span></figcaption>", out);
        vx_html_ladder(h, c);
        fputs("</figure>\n", out);
    }
    fputs("</section>\n", out);
}

static void stream_row(const struct vx_html *h, const struct vx_stream *s)
{
    FILE *out = h->out;
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN];
    fprintf(out, "<tr><td class=\"mono\">%s</td>", s->id);
    td_text(out, "mono", vx_endpoint_str(&s->src, src, sizeof src));
    td_text(out, "mono", vx_endpoint_str(&s->dst, dst, sizeof dst));
    td_text(out, "nw", T(s->direction_out ? VX_MSG_DIR_OUT : VX_MSG_DIR_IN));
    td_text(out, NULL, s->codec[0] ? s->codec : "?");
    fprintf(out, "<td class=\"n\">%u</td><td class=\"n\">%lld</td><td class=\"n\">%lld (%.2f%%)</td>",
            s->st.packets, (long long)vx_rtp_expected(&s->st), (long long)vx_rtp_lost(&s->st), vx_rtp_loss_pct(&s->st));
    fprintf(out, "<td class=\"n\">%.1f ms</td><td class=\"n\">%.2f / %.2f ms</td>", s->st.max_delta_ms,
            s->st.mean_jitter_ms, s->st.max_jitter_ms);
    if (s->mos >= 0) fprintf(out, "<td class=\"n\">%s%.2f</td></tr>\n", s->mos_estimate ? "~" : "", s->mos);
    else fputs("<td class=\"n\">-</td></tr>\n", out);
}

static void stream_figure(const struct vx_html *h, const struct vx_stream *s)
{
    FILE *out = h->out;
    char src[VX_ADDR_STRLEN], dst[VX_ADDR_STRLEN];
    fprintf(out, "<figure id=\"%s\"><figcaption>", s->id);
    vx_html_printf(out, "%s: %s → %s, SSRC 0x%08x, %s", s->id, vx_endpoint_str(&s->src, src, sizeof src),
                   vx_endpoint_str(&s->dst, dst, sizeof dst), s->ssrc, s->codec[0] ? s->codec : "?");
    const struct vx_call *c = s->call >= 0 ? vx_call_at(h->a, (size_t)s->call) : NULL;
    fputs(" · ", out);
    if (c) vx_html_printf(out, "%s %s", T(VX_MSG_LBL_CALL), c->call_id);
    else vx_html_text(out, T(VX_MSG_STREAM_UNTIED));
    fputs("</figcaption>", out);
    vx_html_stream_chart(h, s);
    fputs("</figure>\n", out);
}

static void write_streams(const struct vx_html *h)
{
    FILE *out = h->out;
    const struct vx_analysis *a = h->a;
    section_start(h, "streams", VX_MSG_SEC_STREAMS);
    if (!a->streams.count) { fprintf(out, "<p>%s</p></section>\n", T(VX_MSG_NO_STREAMS)); return; }
    static const enum vx_msg cols[] = { VX_MSG_COL_STREAM, VX_MSG_COL_SRC, VX_MSG_COL_DST, VX_MSG_COL_DIRECTION,
                                        VX_MSG_COL_CODEC, VX_MSG_COL_PACKETS, VX_MSG_COL_EXPECTED, VX_MSG_COL_LOST,
                                        VX_MSG_COL_MAX_DELTA, VX_MSG_COL_JITTER, VX_MSG_COL_MOS };
    fputs("<table>", out);
    th_row(h, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < a->streams.count; i++) stream_row(h, vx_stream_at(a, i));
    fputs("</table>\n", out);
    for (size_t i = 0; i < a->streams.count; i++) stream_figure(h, vx_stream_at(a, i));
    fputs("</section>\n", out);
}

static void reg_summary_row(const struct vx_html *h, const struct vx_registration *r)
{
    FILE *out = h->out;
    char cl[VX_ADDR_STRLEN], sv[VX_ADDR_STRLEN];
    fputs("<tr>", out);
    td_text(out, "mono", r->aor);
    td_text(out, "mono", vx_endpoint_str(&r->client, cl, sizeof cl));
    td_text(out, "mono", vx_endpoint_str(&r->server, sv, sizeof sv));
    fprintf(out, "<td class=\"n\">%d</td><td class=\"n\">%zu</td><td class=\"n\">%u</td><td class=\"n\">%u</td>"
            "<td class=\"n\">%u</td></tr>\n", r->expires, r->attempts.count, r->refreshes, r->failures, r->unanswered);
}

/* One attempt; *prev holds the last mapping the server reported, to flag a change. */
static void reg_attempt_row(const struct vx_html *h, const struct vx_reg_attempt *t, vx_endpoint *prev)
{
    FILE *out = h->out;
    char buf[64];
    vx_endpoint seen = { t->received, (uint16_t)(t->rport > 0 ? t->rport : 0) };
    bool has = t->received.family || t->rport > 0;
    bool first = !prev->addr.family && !prev->port;
    bool changed = has && !first && !vx_endpoint_equal(prev, &seen);
    fprintf(out, "<tr%s>", changed ? " class=\"changed\"" : "");
    td_text(out, NULL, vx_utc_str(t->ts_ns, buf, sizeof buf));
    if (t->status) fprintf(out, "<td class=\"n\">%d</td>", t->status);
    else td_text(out, NULL, T(VX_MSG_NO_RESPONSE));
    fprintf(out, "<td class=\"n\">%d</td>", t->expires);
    td_text(out, "mono", t->received.family ? vx_addr_str(&t->received, buf, sizeof buf) : "-");
    if (t->rport > 0) fprintf(out, "<td class=\"n\">%d</td>", t->rport);
    else fputs("<td class=\"n\">-</td>", out);
    td_text(out, NULL, !has || first ? "" : changed ? T(VX_MSG_NAT_CHANGED) : T(VX_MSG_NAT_SAME));
    fputs("<td class=\"mono\">", out);
    if (h->a->input_count > 1 && t->ref.file < h->a->input_count) {
        const char *file = h->a->inputs[t->ref.file].name, *base = strrchr(file, '/');
        vx_html_printf(out, "%s ", base ? base + 1 : file);
    }
    fprintf(out, "#%llu</td></tr>\n", (unsigned long long)t->ref.frame);
    if (has) *prev = seen;
}

static void reg_history(const struct vx_html *h, size_t index, const struct vx_registration *r)
{
    FILE *out = h->out;
    static const enum vx_msg cols[] = { VX_MSG_COL_TIME, VX_MSG_COL_STATUS, VX_MSG_COL_EXPIRES, VX_MSG_COL_RECEIVED,
                                        VX_MSG_COL_RPORT, VX_MSG_COL_NOTES, VX_MSG_LBL_EVIDENCE };
    fprintf(out, "<h3>%zu. <span class=\"mono\">", index + 1);
    vx_html_text(out, r->aor);
    fputs("</span></h3><table>", out);
    th_row(h, cols, sizeof cols / sizeof cols[0]);
    vx_endpoint prev = { 0 };
    for (size_t i = 0; i < r->attempts.count; i++) reg_attempt_row(h, vx_vec_at(&r->attempts, i), &prev);
    fputs("</table>\n", out);
}

static void write_registrations(const struct vx_html *h)
{
    FILE *out = h->out;
    const struct vx_analysis *a = h->a;
    section_start(h, "registrations", VX_MSG_SEC_REGS);
    if (!a->registrations.count) { fprintf(out, "<p>%s</p></section>\n", T(VX_MSG_NO_REGS)); return; }
    static const enum vx_msg cols[] = { VX_MSG_COL_AOR, VX_MSG_COL_CLIENT, VX_MSG_COL_SERVER, VX_MSG_COL_EXPIRES,
                                        VX_MSG_COL_ATTEMPTS, VX_MSG_COL_REFRESHES, VX_MSG_COL_FAILURES,
                                        VX_MSG_COL_UNANSWERED };
    fputs("<table>", out);
    th_row(h, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < a->registrations.count; i++) reg_summary_row(h, vx_reg_at(a, i));
    fputs("</table>\n", out);
    for (size_t i = 0; i < a->registrations.count; i++) reg_history(h, i, vx_reg_at(a, i));
    fputs("</section>\n", out);
}

static void write_traffic(const struct vx_html *h)
{
    FILE *out = h->out;
    const struct vx_traffic *t = h->a->traffic;
    section_start(h, "traffic", VX_MSG_SEC_TRAFFIC);
    size_t apps = t ? vx_traffic_app_count(t) : 0;
    if (!t || !apps) { fprintf(out, "<p>%s</p></section>\n", T(t ? VX_MSG_NO_TRAFFIC : VX_MSG_TRAFFIC_DISABLED)); return; }
    uint64_t total = 0;
    for (size_t i = 0; i < apps; i++) total += vx_traffic_app(t, i)->bytes;
    static const enum vx_msg cols[] = { VX_MSG_COL_APP, VX_MSG_COL_CATEGORY, VX_MSG_COL_BYTES, VX_MSG_COL_PACKETS,
                                        VX_MSG_COL_FLOWS, VX_MSG_COL_SHARE };
    fputs("<table>", out);
    th_row(h, cols, sizeof cols / sizeof cols[0]);
    for (size_t i = 0; i < apps && i < 20; i++) {
        const struct vx_traffic_app *app = vx_traffic_app(t, i);
        fputs("<tr>", out);
        td_text(out, NULL, app->name);
        td_text(out, NULL, app->category);
        fprintf(out, "<td class=\"n\">%llu</td><td class=\"n\">%llu</td><td class=\"n\">%llu</td><td class=\"n\">%.1f%%</td></tr>\n",
                (unsigned long long)app->bytes, (unsigned long long)app->packets, (unsigned long long)app->flows,
                total ? 100.0 * (double)app->bytes / (double)total : 0.0);
    }
    fputs("</table>\n<figure>", out);
    vx_html_traffic_chart(h);
    fputs("</figure></section>\n", out);
}

static void input_rows(const struct vx_html *h, const struct vx_analysis *a)
{
    FILE *out = h->out;
    for (int i = 0; i < a->input_count; i++) {
        const struct vx_input_info *in = &a->inputs[i];
        char t1[64], t2[64];
        fputs("<tr>", out);
        td_text(out, "mono", in->name);
        fprintf(out, "<td>%s%s</td>", in->pcapng ? "pcapng" : "pcap", in->compressed ? " (gzip)" : "");
        td_text(out, NULL, in->link_type);
        fprintf(out, "<td class=\"n\">%llu</td><td class=\"n\">%llu</td>", (unsigned long long)in->packets,
                (unsigned long long)in->bytes);
        td_text(out, NULL, vx_utc_str(in->packets ? in->first_ts_ns : 0, t1, sizeof t1));
        td_text(out, NULL, vx_utc_str(in->packets ? in->last_ts_ns : 0, t2, sizeof t2));
        fputs("<td>", out);
        if (in->truncated) fprintf(out, "%s. ", T(VX_MSG_TRUNCATED));
        if (in->cut_by_snaplen) fprintf(out, "%s: %llu. ", T(VX_MSG_CUT_BY_SNAPLEN), (unsigned long long)in->cut_by_snaplen);
        if (in->out_of_order) fprintf(out, "%s: %llu. ", T(VX_MSG_OUT_OF_ORDER), (unsigned long long)in->out_of_order);
        vx_html_text(out, in->error);
        fputs("</td></tr>\n", out);
    }
}

static void input_table(const struct vx_html *h, const struct vx_analysis *a, enum vx_msg title)
{
    static const enum vx_msg cols[] = { VX_MSG_COL_FILE, VX_MSG_COL_FORMAT, VX_MSG_COL_LINK, VX_MSG_COL_PACKETS,
                                        VX_MSG_COL_BYTES, VX_MSG_COL_FIRST, VX_MSG_COL_LAST, VX_MSG_COL_NOTES };
    fprintf(h->out, "<h3>%s</h3><table>", T(title));
    th_row(h, cols, sizeof cols / sizeof cols[0]);
    input_rows(h, a);
    fputs("</table>\n", h->out);
}

static void counter_table(const struct vx_html *h, const struct vx_counters *c)
{
    const struct { const char *name; uint64_t v; } rows[] = {
        { "packets", c->packets }, { "bytes", c->bytes }, { "udp", c->udp }, { "tcp", c->tcp }, { "icmp", c->icmp },
        { "sip", c->sip }, { "sip_fallback", c->sip_fallback }, { "sip_unparsed", c->sip_unparsed },
        { "sip_cut", c->sip_cut }, { "rtp", c->rtp }, { "rtp_unmatched", c->rtp_unmatched }, { "rtcp", c->rtcp },
        { "stun", c->stun }, { "non_ip", c->non_ip }, { "ip_invalid", c->ip_invalid },
        { "ip_truncated", c->ip_truncated }, { "frag_packets", c->frag_packets },
        { "frag_reassembled", c->frag_reassembled }, { "tcp_gaps", c->tcp_gaps }, { "tunnels", c->tunnels },
    };
    size_t n = sizeof rows / sizeof rows[0];
    fprintf(h->out, "<h3>%s</h3><table>", T(VX_MSG_COUNTERS));
    for (size_t i = 0; i < n; i += 4) {
        fputs("<tr>", h->out);
        for (size_t k = i; k < i + 4; k++)
            if (k < n) fprintf(h->out, "<th>%s</th><td class=\"n\">%llu</td>", rows[k].name, (unsigned long long)rows[k].v);
            else fputs("<th></th><td></td>", h->out);
        fputs("</tr>\n", h->out);
    }
    fputs("</table>\n", h->out);
}

static void eviction_list(const struct vx_html *h, const struct vx_counters *c)
{
    bool any = false;
    fprintf(h->out, "<h3>%s</h3>", T(VX_MSG_EVICTIONS));
    for (int i = 0; i < VX_EVICT_COUNT; i++) {
        if (!c->evictions[i]) continue;
        fprintf(h->out, "%s<span class=\"mono\">%s</span>: %llu", any ? ", " : "<p>", vx_evict_names[i],
                (unsigned long long)c->evictions[i]);
        any = true;
    }
    if (any) fputs("</p>\n", h->out);
    else fprintf(h->out, "<p>%s</p>\n", T(VX_MSG_NO_EVICTIONS));
}

static void write_facts(const struct vx_html *h)
{
    const struct vx_analysis *a = h->a;
    section_start(h, "facts", VX_MSG_SEC_FACTS);
    input_table(h, a, VX_MSG_LAN_INPUTS);
    if (a->wan) input_table(h, a->wan, VX_MSG_WAN_INPUTS);
    fprintf(h->out, "<p>%s: ", T(VX_MSG_SERVERS));
    for (int i = 0; i < a->profile.server_count; i++) {
        char buf[64];
        fprintf(h->out, "%s<span class=\"mono\">%s</span>", i ? ", " : "", vx_addr_str(&a->profile.servers[i].addr, buf, sizeof buf));
    }
    fputs("</p>\n", h->out);
    counter_table(h, &a->c);
    eviction_list(h, &a->c);
    fputs("</section>\n", h->out);
}

int vx_report_html(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *o)
{
    struct vx_html ctx = { out, a, vx_lang_from(o ? o->lang : NULL) };
    const struct vx_html *h = &ctx;
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
            "<title>", h->lang == VX_LANG_JA ? "ja" : "en");
    vx_html_text(out, T(VX_MSG_TITLE));
    fprintf(out, "</title><style>%s</style></head>\n<body><main>\n", css);
    write_header(h);
    write_verdicts(h);
    write_findings(h);
    write_calls(h);
    write_streams(h);
    write_registrations(h);
    write_traffic(h);
    write_facts(h);
    fprintf(out, "<footer>vxdiag %s</footer>\n</main></body></html>\n", VX_VERSION);
    return ferror(out) ? -1 : 0;
}
