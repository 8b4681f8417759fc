/* snapshot.h — makes an analysis that is still being fed (live capture) presentable for the
 * TUI, without destroying state the analysis still needs: stream ids, codec names and
 * provisional MOS (vx_media_present), call and registration states "as of now" (what
 * vx_calls_finish would decide at this point), and the findings (vx_rules_run, paced).
 * The caller holds the analysis lock from vx_snapshot_apply until vx_snapshot_undo: the
 * provisional states (an unanswered call, unanswered REGISTERs) are taken back before the
 * analysis goes on, so they never influence it; vx_analysis_finish decides them for good. */
#ifndef VX_SNAPSHOT_H
#define VX_SNAPSHOT_H
#include "analyzer/model.h"

struct vx_snapshot {
    vx_vec calls;              /* uint32_t: calls set to unanswered provisionally */
    vx_vec regs;               /* struct { uint32_t reg, added; }: unanswered REGISTERs added */
    bool applied;
    int64_t next_rules_ms;     /* monotonic ms: rules run again from then on */
    int64_t rules_cost_ms;     /* what the last rules run took */
};

void vx_snapshot_init(struct vx_snapshot *s);
void vx_snapshot_free(struct vx_snapshot *s);
/* Refreshes the display fields and applies provisional states; runs the rules when
 * allow_rules and at least a second (or ten times their last cost) has passed, or always
 * when force_rules. Returns true when the rules ran. */
bool vx_snapshot_apply(struct vx_analysis *a, struct vx_snapshot *s, bool allow_rules, bool force_rules);
/* Takes the provisional states back (call before the analysis goes on). */
void vx_snapshot_undo(struct vx_analysis *a, struct vx_snapshot *s);
#endif
