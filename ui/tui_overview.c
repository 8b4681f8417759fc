/* tui_overview.c — the verdict: per requirement of REQUIREMENTS.md, fail (a warning/critical
 * finding cites it), pass (the relevant traffic was seen and nothing failed) or not observed,
 * with finding counts (ui/verdict.c decides, as for the HTML/Markdown reports); plus the
 * capture facts (files, duration, packets, SIP, streams).
 * Enter on a requirement opens the findings filtered to it. */
#include "ui/tui.h"
#include "ui/verdict.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct overview_state {
    struct tui_list list;
};

/* One requirement row: verdict from ui/verdict.c (shared with the HTML/Markdown reports). */
static void draw_req(struct vx_tui *t, const struct vx_req_verdict *v, int y, int cols, bool sel)
{
    unsigned bad = v->critical + v->warning, all = bad + v->info;
    const char *verdict = v->verdict == VX_VERDICT_FAIL ? "FAIL" : v->verdict == VX_VERDICT_PASS ? "pass" : "not observed";
    attr_t va = v->verdict == VX_VERDICT_FAIL ? tui_attr(t, TUI_A_CRIT) : v->verdict == VX_VERDICT_PASS ? tui_attr(t, TUI_A_OK) : tui_attr(t, TUI_A_DIM);
    attr_t at = sel ? tui_attr(t, TUI_A_SELECTED) : A_NORMAL;
    if (sel) tui_fill(y, 0, cols, at);
    tui_text(y, 1, 14, v->req->id, at | A_BOLD);
    tui_text(y, 16, 12, verdict, sel ? at : va);
    char counts[48] = "";
    if (all) snprintf(counts, sizeof counts, "%u finding%s%s", all, all == 1 ? "" : "s", !bad ? " (info)" : "");
    tui_text(y, 29, 16, counts, at);
    tui_text(y, 46, cols - 46, v->req->text[VX_LANG_EN], at);
}

static void draw_facts(struct vx_tui *t, int y, int cols)
{
    const struct vx_analysis *a = t->a;
    char dur[32];
    unsigned crit, warn, info;
    vx_finding_totals(a, &crit, &warn, &info);
    tui_textf(y, 0, cols, A_NORMAL, "%d file%s, %s, %llu packets | SIP %llu msgs | calls %zu | regs %zu | RTP streams %zu",
              a->input_count, a->input_count == 1 ? "" : "s", tui_duration(a->last_ns - a->first_ns, dur, sizeof dur),
              (unsigned long long)a->c.packets, (unsigned long long)a->c.sip, a->calls.count, a->registrations.count, a->streams.count);
    tui_textf(y + 1, 0, cols, crit ? tui_attr(t, TUI_A_CRIT) : warn ? tui_attr(t, TUI_A_WARN) : tui_attr(t, TUI_A_OK),
              "findings: %u critical, %u warning, %u info | profile %s (%d servers)%s", crit, warn, info,
              a->profile.name, a->profile.server_count, a->wan ? " | with WAN capture" : "");
    for (int i = 0; i < a->input_count && i < 2; i++)
        tui_textf(y + 2 + i, 0, cols, tui_attr(t, TUI_A_DIM), "input: %s%s", a->inputs[i].name, a->inputs[i].truncated ? " [TRUNCATED]" : "");
}

static void overview_draw(struct vx_tui *t, void *vst, int top, int rows, int cols)
{
    struct overview_state *st = vst;
    int facts = t->a->input_count > 1 ? 4 : 3;
    draw_facts(t, top, cols);
    attr_t ti = tui_attr(t, TUI_A_TITLE);
    tui_fill(top + facts, 0, cols, ti);
    tui_text(top + facts, 0, cols, " Requirement    Verdict      Findings        What", ti);
    int n = (int)vx_requirement_count();
    struct vx_req_verdict *v = calloc((size_t)n + 1, sizeof *v);
    if (!v) return;
    vx_verdicts(t->a, v);
    int body = rows - facts - 1;
    tui_list_fit(&st->list, n, body);
    for (int r = 0; r < body && st->list.top + r < n; r++)
        draw_req(t, &v[st->list.top + r], top + facts + 1 + r, cols, st->list.top + r == st->list.sel);
    free(v);
}

static bool overview_key(struct vx_tui *t, void *vst, int key, int rows)
{
    struct overview_state *st = vst;
    int n = (int)vx_requirement_count();
    if ((key == '\n' || key == '\r' || key == KEY_ENTER) && st->list.sel >= 0 && st->list.sel < n) {
        struct tui_target tg = tui_no_target();
        tg.filter = vx_requirement_at((size_t)st->list.sel)->id;
        tui_open(t, TUI_FINDINGS, &tg);
        return true;
    }
    return tui_list_key(&st->list, key, n, rows - 5);
}

const struct tui_screen tui_overview_screen = {
    .name = "Overview",
    .help = "FAIL       a warning or critical finding cites the requirement\n"
            "pass       the traffic it concerns was seen and nothing failed\n"
            "not observed  the capture holds no traffic that shows it either way\n"
            "Enter      the findings that cite the selected requirement",
    .state_size = sizeof(struct overview_state),
    .draw = overview_draw,
    .handle_key = overview_key,
};
