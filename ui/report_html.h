/* report_html.h — internal to the HTML report: the writer's context and the SVG drawings
 * (SIP ladder per call, jitter/loss chart per RTP stream, traffic by application). */
#ifndef VX_REPORT_HTML_H
#define VX_REPORT_HTML_H
#include "analyzer/model.h"
#include "ui/i18n.h"
#include <stdio.h>

#define VX_LADDER_MAX_ARROWS 60
#define VX_LADDER_MAX_COLUMNS 6
#define VX_TRAFFIC_CHART_APPS 6

struct vx_html {
    FILE *out;
    const struct vx_analysis *a;
    enum vx_lang lang;
};

static inline const char *vx_html_tr(const struct vx_html *h, enum vx_msg id) { return vx_tr(id, h->lang); }

/* Each writes one <svg> (or a short note when there is nothing to draw). */
void vx_html_ladder(const struct vx_html *h, const struct vx_call *c);
void vx_html_stream_chart(const struct vx_html *h, const struct vx_stream *s);
void vx_html_traffic_chart(const struct vx_html *h);
#endif
