/* report_json.c — the JSON report (REPORT-SCHEMA.md is the contract; extra fields are
 * additions). Written with json-c so every string is escaped whatever bytes it holds. */
#include "analyzer/rtp_stats.h"
#include "analyzer/traffic.h"
#include "ui/report.h"
#include <json-c/json.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static json_object *num(double v, int decimals)
{
    char buf[64];
    if (!isfinite(v)) return NULL;
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return json_object_new_double_s(v, buf);
}

static json_object *ts(int64_t ns) { return ns ? num(vx_ns_to_s(ns), 6) : NULL; }
static json_object *str(const char *s) { return json_object_new_string(s ? s : ""); }

static json_object *ep(const vx_endpoint *e)
{
    char buf[VX_ADDR_STRLEN];
    return str(vx_endpoint_str(e, buf, sizeof buf));
}

static void add(json_object *o, const char *k, json_object *v) { json_object_object_add(o, k, v); }
static void add_int(json_object *o, const char *k, int64_t v) { add(o, k, json_object_new_int64(v)); }

static json_object *inputs_json(const struct vx_analysis *a)
{
    json_object *arr = json_object_new_array();
    for (int i = 0; i < a->input_count; i++) {
        const struct vx_input_info *in = &a->inputs[i];
        json_object *o = json_object_new_object();
        add(o, "file", str(in->name));
        add_int(o, "packets", (int64_t)in->packets);
        add_int(o, "bytes", (int64_t)in->bytes);
        add(o, "link_type", str(in->link_type));
        add(o, "first_ts", in->packets ? num(vx_ns_to_s(in->first_ts_ns), 6) : NULL);
        add(o, "last_ts", in->packets ? num(vx_ns_to_s(in->last_ts_ns), 6) : NULL);
        add(o, "truncated", json_object_new_boolean(in->truncated));
        add(o, "format", str(in->pcapng ? "pcapng" : "pcap"));
        add(o, "compressed", json_object_new_boolean(in->compressed));
        add_int(o, "out_of_order", (int64_t)in->out_of_order);
        add_int(o, "cut_by_snaplen", (int64_t)in->cut_by_snaplen);
        if (in->error[0]) add(o, "error", str(in->error));
        json_object_array_add(arr, o);
    }
    return arr;
}

static json_object *profile_json(const struct vx_analysis *a)
{
    json_object *o = json_object_new_object();
    add(o, "name", str(a->profile.name));
    json_object *servers = json_object_new_array();
    for (int i = 0; i < a->profile.server_count; i++) {
        char buf[64];
        json_object_array_add(servers, str(vx_addr_str(&a->profile.servers[i].addr, buf, sizeof buf)));
    }
    add(o, "servers", servers);
    return o;
}

static json_object *ids_json(const struct vx_analysis *a, const vx_vec *v)
{
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < v->count; i++) {
        const struct vx_stream *s = vx_stream_at(a, *(uint32_t *)vx_vec_at(v, i));
        if (s) json_object_array_add(arr, str(s->id));
    }
    return arr;
}

static json_object *call_json(const struct vx_analysis *a, const struct vx_call *c)
{
    json_object *o = json_object_new_object();
    add(o, "call_id", str(c->call_id));
    add(o, "from", str(c->from));
    add(o, "to", str(c->to));
    add(o, "from_display", str(c->from_display));
    add(o, "direction", str(c->direction_out ? "out" : "in"));
    add(o, "state", str(vx_call_state_name(c->state)));
    add(o, "final_status", c->final_status ? json_object_new_int(c->final_status) : NULL);
    add(o, "start", ts(c->start_ns));
    add(o, "answer", ts(c->answer_ns));
    add(o, "end", ts(c->end_ns));
    add(o, "post_dial_delay_ms", c->ringing_ns ? num((double)(c->ringing_ns - c->start_ns) / 1e6, 1) : NULL);
    add_int(o, "sip_messages", c->sip_messages);
    add_int(o, "retransmissions", c->retransmissions);
    add(o, "rtp_streams", ids_json(a, &c->streams));
    add_int(o, "findings", c->findings);
    return o;
}

static json_object *registration_json(const struct vx_registration *r)
{
    json_object *o = json_object_new_object();
    add(o, "aor", str(r->aor));
    add(o, "contact", str(r->contact));
    add(o, "expires", r->expires >= 0 ? json_object_new_int(r->expires) : NULL);
    add_int(o, "refreshes", r->refreshes);
    add_int(o, "failures", r->failures);
    add_int(o, "challenges", r->challenges);
    add_int(o, "unanswered", r->unanswered);
    add(o, "server", ep(&r->server));
    add(o, "client", ep(&r->client));
    json_object *hist = json_object_new_array();
    for (size_t i = 0; i < r->attempts.count; i++) {
        const struct vx_reg_attempt *at = vx_vec_at(&r->attempts, i);
        json_object *h = json_object_new_object();
        add(h, "time", ts(at->ts_ns));
        add_int(h, "frame", (int64_t)at->ref.frame);
        add(h, "status", at->status ? json_object_new_int(at->status) : NULL);
        add(h, "expires", at->expires >= 0 ? json_object_new_int(at->expires) : NULL);
        char buf[64];
        add(h, "received", at->received.family ? str(vx_addr_str(&at->received, buf, sizeof buf)) : NULL);
        add(h, "rport", at->rport > 0 ? json_object_new_int(at->rport) : NULL);
        json_object_array_add(hist, h);
    }
    add(o, "history", hist);
    return o;
}

static json_object *stream_json(const struct vx_analysis *a, const struct vx_stream *s)
{
    json_object *o = json_object_new_object();
    char ssrc[16];
    snprintf(ssrc, sizeof ssrc, "0x%08x", s->ssrc);
    add(o, "id", str(s->id));
    add(o, "src", ep(&s->src));
    add(o, "dst", ep(&s->dst));
    add(o, "ssrc", str(ssrc));
    add_int(o, "payload_type", s->pt);
    add(o, "codec", str(s->codec));
    const struct vx_call *c = s->call >= 0 ? vx_call_at(a, (size_t)s->call) : NULL;
    add(o, "call_id", c ? str(c->call_id) : NULL);
    add(o, "direction", str(s->direction_out ? "out" : "in"));
    add_int(o, "packets", s->st.packets);
    add_int(o, "expected", vx_rtp_expected(&s->st));
    add_int(o, "lost", vx_rtp_lost(&s->st));
    add(o, "loss_pct", num(vx_rtp_loss_pct(&s->st), 2));
    add_int(o, "duplicates", s->st.duplicates);
    add_int(o, "out_of_order", s->st.out_of_order);
    add_int(o, "seq_errors", s->st.seq_errors);
    add(o, "max_delta_ms", num(s->st.max_delta_ms, 3));
    add(o, "max_jitter_ms", num(s->st.max_jitter_ms, 3));
    add(o, "mean_jitter_ms", num(s->st.mean_jitter_ms, 3));
    add(o, "mos", s->mos >= 0 ? num(s->mos, 2) : NULL);
    add(o, "mos_estimate", json_object_new_boolean(s->mos_estimate));
    add(o, "clock_rate", json_object_new_int((int32_t)s->st.clock_rate));
    add(o, "start", ts(s->first_ns));
    add(o, "end", ts(s->last_ns));
    add_int(o, "first_frame", (int64_t)s->first_ref.frame);
    add_int(o, "bytes", (int64_t)s->bytes);
    add_int(o, "dscp", s->dscp);
    add(o, "found_by", str(s->via_nat ? "sdp_via_nat" : s->from_sdp ? "sdp" : "heuristic"));
    add_int(o, "max_loss_burst", s->st.max_burst);
    if (s->rtcp.xr_seen) {
        json_object *x = json_object_new_object();
        add(x, "loss_pct", num(s->rtcp.xr_loss_pct, 2));
        add(x, "discard_pct", num(s->rtcp.xr_discard_pct, 2));
        add_int(x, "rtt_ms", s->rtcp.xr_rtt_ms);
        add(x, "mos_lq", s->rtcp.xr_mos_lq >= 0 ? num(s->rtcp.xr_mos_lq, 1) : NULL);
        add(o, "rtcp_xr", x);
    }
    if (s->rtcp.seen) {
        json_object *r = json_object_new_object();
        add_int(r, "reports", s->rtcp.reports);
        add(r, "fraction_lost_pct", num(s->rtcp.fraction_lost_pct, 2));
        add_int(r, "cumulative_lost", s->rtcp.cumulative_lost);
        add(r, "jitter_ms", num(s->rtcp.jitter_ms, 3));
        add(r, "rtt_ms", s->rtcp.rtt_ms >= 0 ? num(s->rtcp.rtt_ms, 3) : NULL);
        add(o, "rtcp", r);
    }
    return o;
}

static json_object *finding_json(const struct vx_analysis *a, const struct vx_finding *f)
{
    json_object *o = json_object_new_object();
    add(o, "id", str(f->id));
    add(o, "kind", str(f->kind));
    add(o, "severity", str(vx_severity_name(f->severity)));
    add(o, "rule", str(f->rule));
    add(o, "confidence", str(f->confidence));
    add(o, "summary", str(f->summary));
    add(o, "detail", str(f->detail));
    add(o, "advice", str(f->advice));
    const struct vx_call *c = f->call >= 0 ? vx_call_at(a, (size_t)f->call) : NULL;
    add(o, "call_id", c ? str(c->call_id) : NULL);
    json_object *ev = json_object_new_array();
    for (uint32_t i = 0; i < f->evidence_count; i++) {
        json_object *e = json_object_new_object();
        const struct vx_ref *r = &f->evidence[i];
        add(e, "file", str(vx_ref_input_name(a, r)));
        add_int(e, "frame", (int64_t)r->frame);
        json_object_array_add(ev, e);
    }
    add(o, "evidence", ev);
    return o;
}

static json_object *traffic_json(const struct vx_analysis *a)
{
    json_object *arr = json_object_new_array();
    if (!a->traffic) return arr;
    for (size_t i = 0; i < vx_traffic_app_count(a->traffic); i++) {
        const struct vx_traffic_app *app = vx_traffic_app(a->traffic, i);
        json_object *o = json_object_new_object();
        add(o, "application", str(app->name));
        add(o, "category", str(app->category));
        add_int(o, "bytes", (int64_t)app->bytes);
        add_int(o, "packets", (int64_t)app->packets);
        add_int(o, "flows", (int64_t)app->flows);
        json_object_array_add(arr, o);
    }
    return arr;
}

static json_object *counters_json(const struct vx_analysis *a)
{
    const struct vx_counters *c = &a->c;
    json_object *o = json_object_new_object();
    add_int(o, "packets", (int64_t)c->packets);
    add_int(o, "sip_messages", (int64_t)c->sip);
    add_int(o, "sip_parsed_by_fallback", (int64_t)c->sip_fallback);
    add_int(o, "rtp_packets", (int64_t)c->rtp);
    add_int(o, "rtcp_packets", (int64_t)c->rtcp);
    add_int(o, "stun_packets", (int64_t)c->stun);
    add_int(o, "ip_fragments", (int64_t)c->frag_packets);
    add_int(o, "non_ip", (int64_t)c->non_ip);
    json_object *ev = json_object_new_object();
    for (int t = 0; t < VX_EVICT_COUNT; t++) add_int(ev, vx_evict_names[t], (int64_t)c->evictions[t]);
    add(o, "evictions", ev);
    json_object *methods = json_object_new_object();
    for (uint32_t i = 0; i < a->method_count; i++) {
        json_object *m = json_object_new_object();
        add_int(m, "requests", (int64_t)a->methods[i].requests);
        add_int(m, "retransmissions", (int64_t)a->methods[i].retransmissions);
        add_int(m, "unanswered", (int64_t)a->methods[i].unanswered);
        add(methods, a->methods[i].name, m);
    }
    add(o, "sip_methods", methods);
    return o;
}

/* The report is written member by member and list item by list item, each item built as a
 * json-c object, serialised and freed at once: memory stays flat however many calls and
 * streams there are, and every value still goes through json-c's escaping. */
#define JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE)

static void put_member(FILE *out, const char *key, json_object *value, bool last)
{
    json_object *k = json_object_new_string(key);
    fprintf(out, "  %s: %s%s\n", json_object_to_json_string(k), value ? json_object_to_json_string_ext(value, JSON_FLAGS) : "null",
            last ? "" : ",");
    json_object_put(k);
    json_object_put(value);
}

typedef json_object *(*item_fn)(const struct vx_analysis *a, size_t i);

static json_object *call_item(const struct vx_analysis *a, size_t i) { return call_json(a, vx_call_at(a, i)); }
static json_object *reg_item(const struct vx_analysis *a, size_t i) { return registration_json(vx_reg_at(a, i)); }
static json_object *stream_item(const struct vx_analysis *a, size_t i) { return stream_json(a, vx_stream_at(a, i)); }
static json_object *finding_item(const struct vx_analysis *a, size_t i) { return finding_json(a, vx_finding_at(a, i)); }

static void put_list(FILE *out, const struct vx_analysis *a, const char *key, size_t count, item_fn item)
{
    json_object *k = json_object_new_string(key);
    fprintf(out, "  %s: [%s", json_object_to_json_string(k), count ? "\n" : "");
    json_object_put(k);
    for (size_t i = 0; i < count; i++) {
        json_object *o = item(a, i);
        fprintf(out, "    %s%s\n", json_object_to_json_string_ext(o, JSON_FLAGS), i + 1 < count ? "," : "");
        json_object_put(o);
    }
    fprintf(out, "%s],\n", count ? "  " : "");
}

int vx_report_json(const struct vx_analysis *a, FILE *out, const struct vx_report_opts *opts)
{
    (void)opts;
    fputs("{\n", out);
    put_member(out, "vxdiag_version", str(VX_VERSION), false);
    put_member(out, "inputs", inputs_json(a), false);
    if (a->wan) put_member(out, "wan_inputs", inputs_json(a->wan), false);   /* --wan captures */
    put_member(out, "profile", profile_json(a), false);
    put_list(out, a, "calls", a->calls.count, call_item);
    put_list(out, a, "registrations", a->registrations.count, reg_item);
    put_list(out, a, "rtp_streams", a->streams.count, stream_item);
    put_list(out, a, "findings", a->findings.count, finding_item);
    put_member(out, "other_traffic", traffic_json(a), false);
    put_member(out, "counters", counters_json(a), true);
    fputs("}\n", out);
    return ferror(out) ? -1 : 0;
}
