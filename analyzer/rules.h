/* rules.h — the diagnostic rules table and the helpers rules use to emit findings.
 * A rule is a small function over the finished analysis; adding one means adding a
 * function and a table row in rules.c, never touching dissectors. */
#ifndef VX_RULES_H
#define VX_RULES_H
#include "analyzer/model.h"

struct vx_rule {
    const char *name;          /* stable family name, e.g. "capture", "rtp-loss" */
    void (*check)(struct vx_analysis *a);
};

/* Runs every rule of the table once (idempotent: clears earlier findings first). */
void vx_rules_run(struct vx_analysis *a);
size_t vx_rules_count(void);
const struct vx_rule *vx_rule_at(size_t i);

/* Adds a finding; NULL when the findings cap is reached (counted as an eviction). */
struct vx_finding *vx_finding_add(struct vx_analysis *a, const char *id, const char *kind,
                                  enum vx_severity sev, const char *requirement,
                                  const char *confidence, int32_t call);
void vx_finding_summary(struct vx_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vx_finding_detail(struct vx_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vx_finding_advice(struct vx_finding *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vx_finding_evidence(struct vx_finding *f, struct vx_ref ref);
/* The finding with this id and call already emitted, or NULL (for rules that aggregate). */
struct vx_finding *vx_finding_find(struct vx_analysis *a, const char *id, int32_t call);

/* The rule families (one file each). */
void vx_rule_capture(struct vx_analysis *a);        /* rules_capture.c */
void vx_rule_rtp_quality(struct vx_analysis *a);    /* rules_media.c */
void vx_rule_one_way_audio(struct vx_analysis *a);  /* rules_media.c */
void vx_rule_no_rtp(struct vx_analysis *a);         /* rules_media.c */
void vx_rule_unanswered(struct vx_analysis *a);     /* rules_unanswered.c */
void vx_rule_ports(struct vx_analysis *a);          /* rules_ports.c: unlisted ports, 5060 */
void vx_rule_tcp_services(struct vx_analysis *a);   /* rules_ports.c: 8088/8089, app hosts, 443 */
void vx_rule_stun(struct vx_analysis *a);           /* rules_stun.c */
void vx_rule_qos(struct vx_analysis *a);            /* rules_qos.c */
void vx_rule_sip_fragmentation(struct vx_analysis *a); /* rules_frag.c */
void vx_rule_bandwidth(struct vx_analysis *a);      /* rules_traffic.c */
void vx_rule_competing(struct vx_analysis *a);      /* rules_traffic.c */
void vx_rule_tls(struct vx_analysis *a);            /* rules_tls.c */
void vx_rule_alg(struct vx_analysis *a);            /* rules_alg.c */
void vx_rule_proxy(struct vx_analysis *a);          /* rules_proxy.c */
void vx_rule_nat(struct vx_analysis *a);            /* rules_nat.c */
void vx_rule_servers(struct vx_analysis *a);        /* rules_servers.c */
#endif
