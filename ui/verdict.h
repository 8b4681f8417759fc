/* verdict.h — the per-requirement verdict the HTML / Markdown reports open with: a rule id
 * fails when a warning or critical finding cites it, passes when the capture holds traffic
 * that exercises it and nothing failed, and is "not observed" otherwise. Read-only over
 * the finished analysis. */
#ifndef VX_VERDICT_H
#define VX_VERDICT_H
#include "analyzer/model.h"
#include "ui/i18n.h"

enum vx_verdict { VX_VERDICT_NOT_OBSERVED, VX_VERDICT_PASS, VX_VERDICT_FAIL };

struct vx_req_verdict {
    const struct vx_requirement *req;
    enum vx_verdict verdict;
    unsigned critical, warning, info;   /* findings citing the requirement */
    enum vx_msg basis;                  /* why: what traffic was seen (or not) */
};

/* Fills out[i] for every requirement of i18n's table (out must hold vx_requirement_count()). */
void vx_verdicts(const struct vx_analysis *a, struct vx_req_verdict *out);
enum vx_msg vx_verdict_word(enum vx_verdict v);
const char *vx_verdict_class(enum vx_verdict v);   /* "pass" / "fail" / "unseen" (CSS) */
/* Findings per severity over the whole analysis. */
void vx_finding_totals(const struct vx_analysis *a, unsigned *critical, unsigned *warning, unsigned *info);
#endif
