/* snapshot.c — the live view of an unfinished analysis (see snapshot.h). Only display
 * fields are written for good (stream id/codec/MOS, which the analysis never reads and
 * vx_media_finish recomputes); the states vx_calls_finish would set are applied
 * provisionally and undone before the analysis thread runs again. */
#include "analyzer/snapshot.h"
#include "analyzer/analyzer.h"
#include "analyzer/rules.h"
#include "analyzer/traffic.h"
#include <string.h>
#include <strings.h>
#include <time.h>

struct reg_added { uint32_t reg, added; };

static int64_t mono_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void vx_snapshot_init(struct vx_snapshot *s)
{
    memset(s, 0, sizeof *s);
    vx_vec_init(&s->calls, sizeof(uint32_t));
    vx_vec_init(&s->regs, sizeof(struct reg_added));
}

void vx_snapshot_free(struct vx_snapshot *s)
{
    vx_vec_free(&s->calls);
    vx_vec_free(&s->regs);
}

static bool invite_answered_at_all(const struct vx_analysis *a, const struct vx_call *c)
{
    for (size_t k = 0; k < c->msgs.count; k++) {
        const struct vx_sip_msg *m = vx_msg(a, *(uint32_t *)vx_vec_at(&c->msgs, k));
        if (m && !m->is_request && strcasecmp(m->cseq_method, "INVITE") == 0) return true;
    }
    return false;
}

/* The same decisions as vx_calls_finish, recorded so that they can be undone. */
static void provisional_states(struct vx_analysis *a, struct vx_snapshot *s)
{
    int64_t grace = (int64_t)(a->profile.unanswered_after_s * 1e9);
    for (size_t i = 0; i < a->calls.count; i++) {
        struct vx_call *c = vx_call_at(a, i);
        if (c->state != VX_CALL_IN_PROGRESS || !c->has_invite || a->last_ns - c->start_ns <= grace) continue;
        if (invite_answered_at_all(a, c)) continue;
        uint32_t *slot = vx_vec_push(&s->calls);
        if (!slot) continue;           /* out of memory: show it in progress */
        *slot = (uint32_t)i;
        c->state = VX_CALL_UNANSWERED;
    }
    for (size_t i = 0; i < a->registrations.count; i++) {
        struct vx_registration *r = vx_reg_at(a, i);
        uint32_t added = 0;
        for (size_t k = 0; k < r->attempts.count; k++) {
            const struct vx_reg_attempt *at = vx_vec_at(&r->attempts, k);
            if (!at->status && a->last_ns - at->ts_ns > grace) added++;
        }
        struct reg_added *slot = added ? vx_vec_push(&s->regs) : NULL;
        if (!slot) continue;
        *slot = (struct reg_added){ (uint32_t)i, added };
        r->unanswered += added;
    }
}

bool vx_snapshot_apply(struct vx_analysis *a, struct vx_snapshot *s, bool allow_rules, bool force_rules)
{
    if (s->applied) vx_snapshot_undo(a, s);
    vx_media_present(a);
    provisional_states(a, s);
    s->applied = true;
    if (a->traffic) a->c.evictions[VX_EVICT_NDPI_FLOWS] = vx_traffic_flow_evictions(a->traffic);
    int64_t t = mono_ms();
    if (!force_rules && (!allow_rules || t < s->next_rules_ms)) return false;
    vx_rules_run(a);
    int64_t done = mono_ms();
    s->rules_cost_ms = done - t;
    int64_t pause = s->rules_cost_ms * 10 > 1000 ? s->rules_cost_ms * 10 : 1000;
    s->next_rules_ms = done + pause;
    return true;
}

void vx_snapshot_undo(struct vx_analysis *a, struct vx_snapshot *s)
{
    if (!s->applied) return;
    for (size_t i = 0; i < s->calls.count; i++) {
        struct vx_call *c = vx_call_at(a, *(uint32_t *)vx_vec_at(&s->calls, i));
        if (c && c->state == VX_CALL_UNANSWERED) c->state = VX_CALL_IN_PROGRESS;
    }
    for (size_t i = 0; i < s->regs.count; i++) {
        const struct reg_added *ra = vx_vec_at(&s->regs, i);
        struct vx_registration *r = vx_reg_at(a, ra->reg);
        if (r) r->unanswered -= ra->added;
    }
    s->calls.count = s->regs.count = 0;
    s->applied = false;
}
