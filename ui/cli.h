/* cli.h — options shared by every subcommand (profile, inputs, output). */
#ifndef VX_CLI_H
#define VX_CLI_H
#include "analyzer/profile.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define VX_CLI_MAX_FILES 64

struct vx_cli {
    const char *command;       /* "report", "tui", "live" */
    const char *format;        /* text, json, html, md */
    const char *out;
    const char *lang;
    int file_count;
    char *files[VX_CLI_MAX_FILES];
    int wan_count;
    char *wan_files[VX_CLI_MAX_FILES];
    struct vx_profile profile;
    bool progress;
    /* HEP export (report and live) */
    const char *hep;           /* udp:HOST:PORT / tcp:HOST:PORT, NULL none */
    uint32_t hep_id;           /* capture agent id */
    /* live only */
    int iface_count;
    const char *ifaces[16];
    bool all_traffic, no_tui;
    const char *filter;        /* -f, added with "and (...)" */
    const char *write_file;    /* -w */
    uint64_t rotate_mb;        /* -C, units of 1 000 000 bytes */
    uint64_t rotate_s;         /* -G */
    double duration_s;         /* --duration, 0 none */
    uint64_t count;            /* --count, 0 none */
    const char *user;          /* -Z */
    uint32_t ring_slots;       /* --ring-slots (hidden, for tests) */
    /* the profile options as given, for worker processes (report DIR) */
    const char *profile_path;
    int server_arg_count;
    char *server_args[16];
    const char *domain_arg;
    int jobs;                  /* --jobs N for report DIR (default: number of cores) */
};

/* Parses argv into cli; on error prints one line to stderr and returns -1. */
int vx_cli_parse(int argc, char **argv, struct vx_cli *cli);
void vx_cli_usage(FILE *out);
#endif
