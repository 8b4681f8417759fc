/* cli.h — options shared by every subcommand (profile, inputs, output). */
#ifndef VX_CLI_H
#define VX_CLI_H
#include "analyzer/profile.h"
#include <stdbool.h>
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
};

/* Parses argv into cli; on error prints one line to stderr and returns -1. */
int vx_cli_parse(int argc, char **argv, struct vx_cli *cli);
void vx_cli_usage(FILE *out);
#endif
