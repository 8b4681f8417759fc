/* cli.c — command line parsing: subcommand, profile options (--profile, --server,
 * --domain), report options (--format, --out, --lang, --wan) and input files. */
#include "ui/cli.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void vx_cli_usage(FILE *out)
{
    fputs("usage: vxdiag [tui] [options] FILE...          analyse captures in the TUI\n"
          "       vxdiag report [options] FILE...           write a report\n"
          "       vxdiag report [options] DIR               every capture of DIR in parallel, merged (json)\n"
          "       vxdiag merge REPORT.json...               merge JSON reports (e.g. from other machines)\n"
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
          "  --jobs N                     report DIR: analyse N captures at a time (default: cores)\n"
          "  --hep udp:HOST:PORT|tcp:HOST:PORT  also send SIP and RTCP as HEP v3 (Homer)\n"
          "  --hep-id N                   HEP capture agent id (default 2001)\n"
          "live options (like tcpdump):\n"
          "  -i IFACE                     interface (repeatable; \"any\" = all)\n"
          "  --all-traffic                no capture filter (also other applications)\n"
          "  -f EXPR                      BPF added to the VoiceX filter with \"and (EXPR)\"\n"
          "  -w FILE                      save packets as pcapng; -C MB / -G SECONDS rotate\n"
          "  --duration S, --count N      stop after S seconds / N packets (or Ctrl-C)\n"
          "  -Z USER                      user to run as after opening (default nobody)\n"
          "  --no-tui                     headless: status on stderr, report at the end\n"
          "FILE may be pcap, pcapng, gzip-compressed, or - for standard input.\n", out);
}

enum { OPT_FORMAT = 1000, OPT_OUT, OPT_LANG, OPT_WAN, OPT_PROFILE, OPT_SERVER, OPT_DOMAIN, OPT_NOPROG, OPT_HELP,
       OPT_HEP, OPT_HEP_ID, OPT_ALL_TRAFFIC, OPT_DURATION, OPT_COUNT, OPT_NO_TUI, OPT_RING_SLOTS, OPT_JOBS };

static bool number(const char *arg, double min, double max, double *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= min && v <= max)) return false;
    *out = v;
    return true;
}

/* Live and HEP options: -i -f -w -C -G -Z and the long ones. */
static int apply_live(struct vx_cli *cli, int opt, const char *arg)
{
    double v = 0;
    switch (opt) {
    case 'i':
        if (cli->iface_count >= 16) { fprintf(stderr, "vxdiag: at most 16 interfaces\n"); return -1; }
        cli->ifaces[cli->iface_count++] = arg; return 0;
    case 'f': cli->filter = arg; return 0;
    case 'w': cli->write_file = arg; return 0;
    case 'Z': cli->user = arg; return 0;
    case OPT_ALL_TRAFFIC: cli->all_traffic = true; return 0;
    case OPT_NO_TUI: cli->no_tui = true; return 0;
    case OPT_HEP: cli->hep = arg; return 0;
    case 'C': if (!number(arg, 1, 1e6, &v)) break; cli->rotate_mb = (uint64_t)v; return 0;
    case 'G': if (!number(arg, 1, 1e7, &v)) break; cli->rotate_s = (uint64_t)v; return 0;
    case OPT_DURATION: if (!number(arg, 0.001, 1e9, &v)) break; cli->duration_s = v; return 0;
    case OPT_COUNT: if (!number(arg, 1, 1e18, &v)) break; cli->count = (uint64_t)v; return 0;
    case OPT_HEP_ID: if (!number(arg, 0, 4294967295.0, &v)) break; cli->hep_id = (uint32_t)v; return 0;
    case OPT_RING_SLOTS: if (!number(arg, 2, 1 << 24, &v)) break; cli->ring_slots = (uint32_t)v; return 0;
    default: return -1;
    }
    fprintf(stderr, "vxdiag: bad number \"%s\"\n", arg);
    return -1;
}

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
        cli->profile_path = arg;
        return 0;
    case OPT_SERVER:
        if (vx_profile_add_server(&cli->profile, arg, !*servers_replaced) != 0) {
            fprintf(stderr, "vxdiag: --server needs an IPv4 or IPv6 address, not \"%s\"\n", arg);
            return -1;
        }
        if (cli->server_arg_count < 16) cli->server_args[cli->server_arg_count++] = (char *)arg;
        *servers_replaced = true; return 0;
    case OPT_DOMAIN: *domain = arg; cli->domain_arg = arg; return 0;
    case OPT_JOBS:
        cli->jobs = atoi(arg);
        if (cli->jobs < 1 || cli->jobs > 256) { fprintf(stderr, "vxdiag: --jobs needs 1..256\n"); return -1; }
        return 0;
    case OPT_NOPROG: cli->progress = false; return 0;
    default: return apply_live(cli, opt, arg);
    }
}

int vx_cli_parse(int argc, char **argv, struct vx_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->command = "tui";
    cli->format = "text";
    cli->lang = "en";
    cli->progress = true;
    cli->hep_id = 2001;
    vx_profile_default(&cli->profile);
    int first = 1;
    if (argc > 1 && (!strcmp(argv[1], "report") || !strcmp(argv[1], "tui") || !strcmp(argv[1], "live") ||
                     !strcmp(argv[1], "merge"))) {
        cli->command = argv[1];
        first = 2;
    }
    static const struct option opts[] = {
        { "format", required_argument, 0, OPT_FORMAT }, { "out", required_argument, 0, OPT_OUT },
        { "lang", required_argument, 0, OPT_LANG }, { "wan", required_argument, 0, OPT_WAN },
        { "profile", required_argument, 0, OPT_PROFILE }, { "server", required_argument, 0, OPT_SERVER },
        { "domain", required_argument, 0, OPT_DOMAIN }, { "no-progress", no_argument, 0, OPT_NOPROG },
        { "help", no_argument, 0, OPT_HELP },
        { "hep", required_argument, 0, OPT_HEP }, { "hep-id", required_argument, 0, OPT_HEP_ID },
        { "interface", required_argument, 0, 'i' }, { "all-traffic", no_argument, 0, OPT_ALL_TRAFFIC },
        { "duration", required_argument, 0, OPT_DURATION }, { "count", required_argument, 0, OPT_COUNT },
        { "no-tui", no_argument, 0, OPT_NO_TUI }, { "ring-slots", required_argument, 0, OPT_RING_SLOTS },
        { "relinquish-privileges", required_argument, 0, 'Z' }, { "jobs", required_argument, 0, OPT_JOBS },
        { 0, 0, 0, 0 }
    };
    bool replaced = false;
    const char *domain = NULL;
    optind = first;
    opterr = 0;   /* one line of our own instead of getopt's */
    int opt;
    while ((opt = getopt_long(argc, argv, "ho:i:f:w:C:G:Z:", opts, NULL)) != -1) {
        if (opt == 'h' || opt == OPT_HELP) { vx_cli_usage(stdout); return 1; }
        if (opt == 'o') opt = OPT_OUT;
        if (opt == '?' || apply(cli, opt, optarg, &replaced, &domain) != 0) {
            if (opt == '?') fprintf(stderr, "vxdiag: bad option or missing value: %s (see vxdiag --help)\n", argv[optind - 1]);
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
    if (strcmp(cli->command, "live") != 0 && (cli->iface_count || cli->write_file || cli->filter || cli->user)) {
        fprintf(stderr, "vxdiag: -i, -f, -w and -Z are options of \"vxdiag live\"\n");
        return -1;
    }
    if (!cli->file_count && strcmp(cli->command, "live") != 0) {
        fprintf(stderr, "vxdiag: no capture file given (see vxdiag --help)\n");
        return -1;
    }
    return 0;
}
