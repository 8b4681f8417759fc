/* report.h — report writers over a finished analysis: JSON (REPORT-SCHEMA.md), text. */
#ifndef VX_REPORT_H
#define VX_REPORT_H
#include "analyzer/model.h"
#include <stdio.h>

#define VX_VERSION "0.1.0"

struct vx_report_opts {
    const char *lang;          /* "en" (default) or "ja" */
};

int vx_report_json(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *o);
int vx_report_text(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *o);
/* Self-contained HTML (inline CSS + SVG, no scripts) and Markdown; o->lang "ja" for Japanese. */
int vx_report_html(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *o);
int vx_report_md(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *o);
/* Text helpers shared by writers: escapes control characters and invalid UTF-8 as \xNN. */
void vx_escape_text(const char *in, char *out, size_t size);
#endif
