/* i18n.h — every user-visible string of the HTML / Markdown reports, in one table per
 * language (English, Japanese): labels, verdict and severity words, finding-kind names and
 * advice, and the requirement texts with the title of their section in the Japanese
 * customer document (seed/voicex-connection-requirements.ja.md). */
#ifndef VX_I18N_H
#define VX_I18N_H
#include <stddef.h>

enum vx_lang { VX_LANG_EN, VX_LANG_JA, VX_LANG_COUNT };

/* "ja" -> VX_LANG_JA, anything else -> VX_LANG_EN. */
enum vx_lang vx_lang_from(const char *name);

enum vx_msg {
    VX_MSG_TITLE, VX_MSG_SUBTITLE, VX_MSG_GENERATED_BY, VX_MSG_PROFILE, VX_MSG_SERVERS,
    VX_MSG_SEC_VERDICT, VX_MSG_SEC_FINDINGS, VX_MSG_SEC_CALLS, VX_MSG_SEC_LADDERS,
    VX_MSG_SEC_STREAMS, VX_MSG_SEC_REGS, VX_MSG_SEC_TRAFFIC, VX_MSG_SEC_FACTS,
    VX_MSG_VERDICT_PASS, VX_MSG_VERDICT_FAIL, VX_MSG_VERDICT_NOT_OBSERVED,
    VX_MSG_SEV_CRITICAL, VX_MSG_SEV_WARNING, VX_MSG_SEV_INFO,
    VX_MSG_COL_ID, VX_MSG_COL_REQUIREMENT, VX_MSG_COL_SECTION, VX_MSG_COL_VERDICT,
    VX_MSG_COL_FINDINGS, VX_MSG_COL_BASIS, VX_MSG_COL_SEVERITY, VX_MSG_COL_KIND,
    VX_MSG_COL_RULE, VX_MSG_COL_CONFIDENCE, VX_MSG_COL_SUMMARY,
    VX_MSG_LBL_SEEN, VX_MSG_LBL_ADVICE, VX_MSG_LBL_EVIDENCE, VX_MSG_LBL_CAPTURE_WIDE,
    VX_MSG_LBL_DETAIL_EN, VX_MSG_LBL_OCCURRENCES, VX_MSG_LBL_CALL,
    VX_MSG_NO_FINDINGS, VX_MSG_NO_CALLS, VX_MSG_NO_STREAMS, VX_MSG_NO_REGS, VX_MSG_NO_TRAFFIC,
    VX_MSG_COL_CALL_ID, VX_MSG_COL_FROM, VX_MSG_COL_TO, VX_MSG_COL_DIRECTION, VX_MSG_COL_STATE,
    VX_MSG_COL_STATUS, VX_MSG_COL_START, VX_MSG_COL_TALK, VX_MSG_COL_MESSAGES,
    VX_MSG_COL_RETRANS, VX_MSG_COL_STREAMS, VX_MSG_COL_USER_AGENT,
    VX_MSG_DIR_OUT, VX_MSG_DIR_IN,
    VX_MSG_STATE_IN_PROGRESS, VX_MSG_STATE_ANSWERED, VX_MSG_STATE_REJECTED,
    VX_MSG_STATE_CANCELLED, VX_MSG_STATE_UNANSWERED, VX_MSG_STATE_FAILED,
    VX_MSG_LADDER_MORE, VX_MSG_LADDER_RETRANS,
    VX_MSG_COL_STREAM, VX_MSG_COL_SRC, VX_MSG_COL_DST, VX_MSG_COL_CODEC, VX_MSG_COL_PACKETS,
    VX_MSG_COL_EXPECTED, VX_MSG_COL_LOST, VX_MSG_COL_MAX_DELTA, VX_MSG_COL_JITTER,
    VX_MSG_COL_MOS, VX_MSG_CHART_JITTER, VX_MSG_CHART_LOSS, VX_MSG_CHART_SECONDS,
    VX_MSG_CHART_NO_SERIES, VX_MSG_STREAM_UNTIED,
    VX_MSG_COL_AOR, VX_MSG_COL_SERVER, VX_MSG_COL_CLIENT, VX_MSG_COL_EXPIRES,
    VX_MSG_COL_ATTEMPTS, VX_MSG_COL_REFRESHES, VX_MSG_COL_FAILURES, VX_MSG_COL_UNANSWERED,
    VX_MSG_COL_TIME, VX_MSG_COL_RECEIVED, VX_MSG_COL_RPORT, VX_MSG_NAT_CHANGED,
    VX_MSG_NAT_SAME, VX_MSG_NO_RESPONSE,
    VX_MSG_COL_APP, VX_MSG_COL_CATEGORY, VX_MSG_COL_BYTES, VX_MSG_COL_FLOWS, VX_MSG_COL_SHARE,
    VX_MSG_TRAFFIC_CHART, VX_MSG_TRAFFIC_OTHER, VX_MSG_TRAFFIC_DISABLED,
    VX_MSG_COL_FILE, VX_MSG_COL_FORMAT, VX_MSG_COL_LINK, VX_MSG_COL_FIRST, VX_MSG_COL_LAST,
    VX_MSG_COL_DURATION, VX_MSG_COL_NOTES, VX_MSG_TRUNCATED, VX_MSG_CUT_BY_SNAPLEN,
    VX_MSG_OUT_OF_ORDER, VX_MSG_COUNTERS, VX_MSG_EVICTIONS, VX_MSG_NO_EVICTIONS,
    VX_MSG_WAN_INPUTS, VX_MSG_LAN_INPUTS,
    VX_MSG_SUMMARY_LINE, VX_MSG_CAPTURE_SPAN,
    VX_MSG_BASIS_NONE, VX_MSG_BASIS_SIP_OUT, VX_MSG_BASIS_SIP_IN, VX_MSG_BASIS_RTP_OUT,
    VX_MSG_BASIS_RTP_IN, VX_MSG_BASIS_STUN, VX_MSG_BASIS_HTTPS, VX_MSG_BASIS_ALL_SERVERS,
    VX_MSG_BASIS_BROWSER, VX_MSG_BASIS_APP_HOSTS, VX_MSG_BASIS_NAT, VX_MSG_BASIS_SIP_CLEAN,
    VX_MSG_BASIS_RTP_BOTH, VX_MSG_BASIS_QOS, VX_MSG_BASIS_FAILED,
    VX_MSG_REQ_SECTION_PREFIX, VX_MSG_NOT_IN_REQUIREMENTS, VX_MSG_MD_MORE_FINDINGS,
    VX_MSG_COUNT
};

const char *vx_tr(enum vx_msg id, enum vx_lang lang);

/* A requirement of REQUIREMENTS.md: its text and the section of the Japanese document. */
struct vx_requirement {
    const char *id;                       /* "R-OUT-SIP" */
    const char *text[VX_LANG_COUNT];
    const char *section[VX_LANG_COUNT];   /* ja: the document's own titles */
};
size_t vx_requirement_count(void);
const struct vx_requirement *vx_requirement_at(size_t i);
const struct vx_requirement *vx_requirement_find(const char *id);   /* NULL if unknown */

/* A finding kind of REPORT-SCHEMA.md: its title and the advice to the network admin. */
struct vx_kind_text {
    const char *kind;
    const char *name[VX_LANG_COUNT];
    const char *advice_ja;                /* en advice comes from the finding itself */
};
const struct vx_kind_text *vx_kind_find(const char *kind);         /* NULL if unknown */
size_t vx_kind_count(void);
const struct vx_kind_text *vx_kind_at(size_t i);

/* Severity / call state / direction words. */
const char *vx_tr_severity(int severity, enum vx_lang lang);
const char *vx_tr_call_state(int state, enum vx_lang lang);
#endif
