/* cli.c — command line parsing: subcommand, profile options (--profile, --server,
 * --domain), report options (--format, --out, --lang, --wan) and input files. */
#include "ui/cli.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

void vx_cli_usage(FILE *out)
{
    fputs("usage: vxdiag [tui] [options] FILE...          analyse captures in the TUI\n"
          "       vxdiag report [options] FILE...           write a report\n"
          "       vxdiag live -i IFACE [options]            capture live\n"
          "options:\n"
          "  --format text|json|html|md   report format (default text)\n"
          "  --out FILE                   write the report to FILE (default stdout)\n"
          "  --lang en|ja                 report language (default en)\n"
          "  --wan FILE                   WAN-side capture of the same traffic (repeatable)\n"
          "  --profile FILE               server list and thresholds (see README)\n"
          "  --server ADDR                a VoiceX server address (repeatable; replaces the list)\n"
          "  --domain NAME                keep only one domain's servers, e.g. pbx03\n"
          "  --no-progress                no progress line on stderr\n"
          "FILE may be pcap, pcapng, gzip-compressed, or - for standard input.\n", out);
}

enum { OPT_FORMAT = 1000, OPT_OUT, OPT_LANG, OPT_WAN, OPT_PROFILE, OPT_SERVER, OPT_DOMAIN, OPT_NOPROG, OPT_HELP };

static int apply(struct vx_cli *cli, int opt, const char *arg, bool *servers_replaced, const char **domain)
{
    char err[256];
    switch (opt) {
    case OPT_FORMAT:
        if (strcmp(arg, "text") && strcmp(arg, "json") && strcmp(arg, "html") && strcmp(arg, "md")) {
            fprintf(stderr, "vxdiag: unknown format \"%s\" (text, json, html, md)\n", arg);
            return -1;
        }
        cli->format = arg; return 0;
    case OPT_OUT: cli->out = arg; return 0;
    case OPT_LANG:
        if (strcmp(arg, "en") && strcmp(arg, "ja")) { fprintf(stderr, "vxdiag: unknown language \"%s\" (en, ja)\n", arg); return -1; }
        cli->lang = arg; return 0;
    case OPT_WAN:
        if (cli->wan_count >= VX_CLI_MAX_FILES) { fprintf(stderr, "vxdiag: too many --wan files\n"); return -1; }
        cli->wan_files[cli->wan_count++] = (char *)arg; return 0;
    case OPT_PROFILE:
        if (vx_profile_load(&cli->profile, arg, err, sizeof err) != 0) { fprintf(stderr, "vxdiag: %s\n", err); return -1; }
        return 0;
    case OPT_SERVER:
        if (vx_profile_add_server(&cli->profile, arg, !*servers_replaced) != 0) {
            fprintf(stderr, "vxdiag: --server needs an IPv4 or IPv6 address, not \"%s\"\n", arg);
            return -1;
        }
        *servers_replaced = true; return 0;
    case OPT_DOMAIN: *domain = arg; return 0;
    case OPT_NOPROG: cli->progress = false; return 0;
    default: return -1;
    }
}

int vx_cli_parse(int argc, char **argv, struct vx_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->command = "tui";
    cli->format = "text";
    cli->lang = "en";
    cli->progress = true;
    vx_profile_default(&cli->profile);
    int first = 1;
    if (argc > 1 && (!strcmp(argv[1], "report") || !strcmp(argv[1], "tui") || !strcmp(argv[1], "live"))) {
        cli->command = argv[1];
        first = 2;
    }
    static const struct option opts[] = {
        { "format", required_argument, 0, OPT_FORMAT }, { "out", required_argument, 0, OPT_OUT },
        { "lang", required_argument, 0, OPT_LANG }, { "wan", required_argument, 0, OPT_WAN },
        { "profile", required_argument, 0, OPT_PROFILE }, { "server", required_argument, 0, OPT_SERVER },
        { "domain", required_argument, 0, OPT_DOMAIN }, { "no-progress", no_argument, 0, OPT_NOPROG },
        { "help", no_argument, 0, OPT_HELP }, { 0, 0, 0, 0 }
    };
    bool replaced = false;
    const char *domain = NULL;
    optind = first;
    int opt;
    while ((opt = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        if (opt == 'h' || opt == OPT_HELP) { vx_cli_usage(stdout); return 1; }
        if (opt == 'o') opt = OPT_OUT;
        if (opt == '?' || apply(cli, opt, optarg, &replaced, &domain) != 0) {
            if (opt == '?') fprintf(stderr, "vxdiag: bad option (see vxdiag --help)\n");
            return -1;
        }
    }
    if (domain && vx_profile_select_domain(&cli->profile, domain) != 0) {
        fprintf(stderr, "vxdiag: no server of the profile belongs to domain \"%s\"\n", domain);
        return -1;
    }
    for (int i = optind; i < argc; i++) {
        if (cli->file_count >= VX_CLI_MAX_FILES) { fprintf(stderr, "vxdiag: at most %d files\n", VX_CLI_MAX_FILES); return -1; }
        cli->files[cli->file_count++] = argv[i];
    }
    if (!cli->file_count && strcmp(cli->command, "live") != 0) {
        fprintf(stderr, "vxdiag: no capture file given (see vxdiag --help)\n");
        return -1;
    }
    return 0;
}
