/* main.c — vxdiag's entry point: parses the command line, runs the analysis of the
 * given captures (and the WAN-side ones), and hands the result to a report writer or
 * the TUI. Exit status: 0 analysis ran, 2 usage or unreadable input. */
#include "analyzer/analyzer.h"
#include "analyzer/rules.h"
#include "ui/cli.h"
#include "ui/hep.h"
#include "ui/live_cmd.h"
#include "ui/report.h"
#include "ui/tui.h"
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int write_report(const struct vx_cli *cli, const struct vx_analysis *a)
{
    FILE *out = stdout;
    if (cli->out && strcmp(cli->out, "-") != 0) {
        out = fopen(cli->out, "w");
        if (!out) { fprintf(stderr, "vxdiag: cannot write %s\n", cli->out); return 2; }
    }
    struct vx_report_opts o = { cli->lang };
    int rc;
    if (!strcmp(cli->format, "json")) rc = vx_report_json(a, out, &o);
    else if (!strcmp(cli->format, "text")) rc = vx_report_text(a, out, &o);
    else if (!strcmp(cli->format, "html")) rc = vx_report_html(a, out, &o);
    else if (!strcmp(cli->format, "md")) rc = vx_report_md(a, out, &o);
    else { fprintf(stderr, "vxdiag: format %s is not available in this build\n", cli->format); rc = -1; }
    if (out != stdout) rc |= fclose(out);
    else fflush(stdout);
    return rc == 0 ? 0 : 2;
}

static struct vx_analysis *analyse(const struct vx_cli *cli, char *const *files, int count, const char *vantage,
                                   struct vx_hep *hep)
{
    struct vx_analysis *a = vx_analysis_new(&cli->profile);
    if (!a) { fprintf(stderr, "vxdiag: out of memory\n"); return NULL; }
    a->vantage = vantage;
    if (hep) { a->on_sip = vx_hep_on_sip; a->on_rtcp = vx_hep_on_rtcp; a->on_sip_ctx = hep; }
    char err[512];
    if (vx_analyze_files(a, files, count, cli->progress, err, sizeof err) != 0) {
        fprintf(stderr, "vxdiag: %s\n", err);
        vx_analysis_free(a);
        return NULL;
    }
    a->on_sip = NULL;          /* the export ends with the input */
    a->on_rtcp = NULL;
    return a;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    struct vx_cli cli;
    int pr = vx_cli_parse(argc, argv, &cli);
    if (pr != 0) return pr > 0 ? 0 : 2;
    if (!strcmp(cli.command, "live")) return vx_live_main(&cli, write_report);
    struct vx_hep *hep = NULL;     /* --hep: the LAN-side SIP and RTCP go to a HEP collector */
    char herr[400];
    if (cli.hep && !(hep = vx_hep_open(cli.hep, cli.hep_id, herr, sizeof herr))) {
        fprintf(stderr, "vxdiag: %s\n", herr);
        return 2;
    }
    struct vx_analysis *a = analyse(&cli, cli.files, cli.file_count, "lan", hep);
    vx_hep_close(hep);
    if (!a) return 2;
    if (cli.wan_count) {
        a->wan = analyse(&cli, cli.wan_files, cli.wan_count, "wan", NULL);
        if (!a->wan) { vx_analysis_free(a); return 2; }
    }
    vx_rules_run(a);
    bool tui = !strcmp(cli.command, "tui") && !cli.out && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    int rc = tui ? vx_tui_run(a) : write_report(&cli, a);
    vx_analysis_free(a->wan);
    vx_analysis_free(a);
    return rc;
}
