/* main.c — vxdiag's entry point: parses the command line, runs the analysis of the
 * given captures (and the WAN-side ones), and hands the result to a report writer or
 * the TUI. Exit status: 0 analysis ran, 2 usage or unreadable input. */
#include "analyzer/analyzer.h"
#include "analyzer/rules.h"
#include "ui/cli.h"
#include "ui/hep.h"
#include "ui/merge.h"
#include "ui/live_cmd.h"
#include "ui/report.h"
#include "ui/tui.h"
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
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

static bool is_directory(const char *path)
{
    struct stat st;
    return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* `vxdiag merge A.json B.json ...` and `vxdiag report DIR` (JSON only: the merge works on
 * reports, which keeps workers independent, even on other machines). */
static int merged_report(const struct vx_cli *cli)
{
    bool merge = !strcmp(cli->command, "merge");
    if (strcmp(cli->format, "json") != 0 && !merge) {
        fprintf(stderr, "vxdiag: a directory is reported as one merged JSON report: add --format json\n");
        return 2;
    }
    FILE *out = stdout;
    if (cli->out && strcmp(cli->out, "-") != 0 && !(out = fopen(cli->out, "w"))) {
        fprintf(stderr, "vxdiag: cannot write %s\n", cli->out);
        return 2;
    }
    int rc;
    if (merge) {
        char err[600];
        rc = vx_merge_json_files(cli->files, cli->file_count, out, err, sizeof err) == 0 ? 0 : 2;
        if (rc) fprintf(stderr, "vxdiag: %s\n", err);
    } else {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        rc = vx_report_directory(cli, cli->files[0], cli->jobs ? cli->jobs : (cores > 0 ? (int)cores : 1), out);
    }
    if (out != stdout && fclose(out) != 0) rc = 2;
    return rc;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    struct vx_cli cli;
    int pr = vx_cli_parse(argc, argv, &cli);
    if (pr != 0) return pr > 0 ? 0 : 2;
    if (!strcmp(cli.command, "live")) return vx_live_main(&cli, write_report);
    if (!strcmp(cli.command, "merge") || (cli.file_count == 1 && is_directory(cli.files[0])))
        return merged_report(&cli);
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
