/* sip_state.c — SIP messages kept for display, transactions (branch + CSeq), retransmissions,
 * INVITE dialogs as calls with their state and times, and REGISTER bindings. */
#include "analyzer/analyzer.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *dup_str(const char *s) { return strdup(s ? s : ""); }

/* Transaction key: Call-ID, top branch, CSeq number and method (ACK/CANCEL have their own). */
static size_t txn_key(char *buf, size_t size, const struct vx_sip *s, const char *extra)
{
    const char *method = s->cseq_method[0] ? s->cseq_method : s->method;
    int n = snprintf(buf, size, "%s|%s|%u|%s|%s", s->call_id, s->via_count ? s->via[0].branch : "",
                     s->cseq, method, extra);
    return n < 0 ? 0 : (size_t)n >= size ? size - 1 : (size_t)n;
}

/* Fills a message record; strings are copied when it is kept, borrowed when transient. */
static void fill_message(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const struct vx_sip *s,
                         const uint8_t *data, size_t len, struct vx_sip_msg *m, bool keep)
{
    m->ref = ctx->ref;
    m->ts_ns = ctx->ts_ns;
    m->src = ctx->src;
    m->dst = ctx->dst;
    m->transport = ctx->l4proto;
    m->dscp = ctx->dscp;
    m->pcp = ctx->pcp;
    m->ip_fragmented = ctx->fragmented;
    m->cut_by_snaplen = ctx->cut;
    m->from_server = vx_is_server(a, &ctx->src.addr);
    m->to_server = vx_is_server(a, &ctx->dst.addr);
    m->from_customer = !m->from_server;
    m->is_request = s->is_request;
    m->parsed_by_osip = s->parsed_by_osip;
    snprintf(m->method, sizeof m->method, "%s", s->method);
    m->status = s->status;
    m->cseq = s->cseq;
    snprintf(m->cseq_method, sizeof m->cseq_method, "%s", s->cseq_method);
    const char *branch = s->via_count ? s->via[0].branch : "";
    m->call_id = keep ? dup_str(s->call_id) : (char *)s->call_id;
    m->from_tag = keep ? dup_str(s->from_tag) : (char *)s->from_tag;
    m->to_tag = keep ? dup_str(s->to_tag) : (char *)s->to_tag;
    m->branch = keep ? dup_str(branch) : (char *)branch;
    m->call = m->registration = m->answered_by = m->first_response = m->request = m->first_copy = -1;
    m->copies = 1;
    m->has_sdp = s->body_len > 0 && (strcasestr(s->content_type, "sdp") != NULL ||
                 (s->body_len > 2 && memcmp(data + s->body_offset, "v=", 2) == 0));
    if (!keep) { m->id = VX_MSG_TRANSIENT; m->raw = (char *)data; m->raw_len = (uint32_t)len; return; }
    m->raw = malloc(len + 1);
    if (m->raw) { memcpy(m->raw, data, len); m->raw[len] = '\0'; m->raw_len = (uint32_t)len; }
    a->sip_bytes_kept += len;
}

/* Keeps the message for display, or, past the caps, fills *transient so that call and
 * registration state still follow it (the message itself is counted as evicted). */
static struct vx_sip_msg *store_message(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const struct vx_sip *s,
                                        const uint8_t *data, size_t len, struct vx_sip_msg *transient)
{
    struct vx_sip_msg *m = NULL;
    struct vx_sip_msg **slot = NULL;
    if (a->messages.count < VX_CAP_SIP_MESSAGES && a->sip_bytes_kept + len <= VX_CAP_SIP_BYTES &&
        (m = calloc(1, sizeof *m)) != NULL && (slot = vx_vec_push(&a->messages)) != NULL) {
        *slot = m;
        m->id = (uint32_t)(a->messages.count - 1);
        fill_message(a, ctx, s, data, len, m, true);
    } else {
        free(m);
        vx_evict(a, VX_EVICT_SIP_MESSAGES);
        memset(transient, 0, sizeof *transient);
        m = transient;
        fill_message(a, ctx, s, data, len, m, false);
    }
    if (a->on_sip) a->on_sip(a->on_sip_ctx, m);
    return m;
}

/* Matches requests to earlier copies (retransmissions) and responses to their requests. */
static void match_transaction(struct vx_analysis *a, struct vx_sip_msg *m, const struct vx_sip *s)
{
    char key[700];
    size_t kl = txn_key(key, sizeof key, s, "");
    if (m->is_request) {
        uintptr_t prev = (uintptr_t)vx_map_get(&a->txn_by_key, key, kl);
        if (prev) {
            struct vx_sip_msg *first = vx_msg(a, prev - 1);
            if (first && vx_endpoint_equal(&first->src, &m->src)) {
                m->retransmission = true;
                m->first_copy = (int32_t)first->id;
                if (first->copies < UINT16_MAX) first->copies++;
            }
            return;
        }
        if (m->id != VX_MSG_TRANSIENT) vx_map_put(&a->txn_by_key, key, kl, (void *)(uintptr_t)(m->id + 1));
        return;
    }
    uintptr_t req = (uintptr_t)vx_map_get(&a->txn_by_key, key, kl);
    if (!req) return;
    struct vx_sip_msg *r = vx_msg(a, req - 1);
    if (!r) return;
    m->request = (int32_t)r->id;
    if (r->first_response < 0) r->first_response = (int32_t)m->id;
    char rkey[720];
    size_t rl = txn_key(rkey, sizeof rkey, s, "resp");
    int n = snprintf(rkey + rl, sizeof rkey - rl, "%d|%s", m->status, m->to_tag);
    rl += n > 0 && (size_t)n < sizeof rkey - rl ? (size_t)n : 0;
    if (vx_map_get(&a->txn_by_key, rkey, rl)) m->retransmission = true;
    else if (m->id != VX_MSG_TRANSIENT) vx_map_put(&a->txn_by_key, rkey, rl, (void *)(uintptr_t)(m->id + 1));
    if (m->id == VX_MSG_TRANSIENT) return;
    if (m->status >= 200 && r->answered_by < 0) r->answered_by = (int32_t)m->id;
}

static struct vx_call *new_call(struct vx_analysis *a, const struct vx_sip_msg *m, const struct vx_sip *s)
{
    if (a->calls.count >= VX_CAP_CALLS) { vx_evict(a, VX_EVICT_CALLS); return NULL; }
    struct vx_call *c = calloc(1, sizeof *c);
    struct vx_call **slot = c ? vx_vec_push(&a->calls) : NULL;
    if (!slot) { free(c); return NULL; }
    *slot = c;
    c->index = (uint32_t)(a->calls.count - 1);
    c->call_id = dup_str(s->call_id);
    c->from = dup_str(s->from_uri);
    c->to = dup_str(s->to_uri);
    c->from_display = dup_str(s->from_display);
    c->to_display = dup_str(s->to_display);
    c->direction_out = m->from_customer;
    c->start_ns = m->ts_ns;
    c->state = VX_CALL_IN_PROGRESS;
    vx_vec_init(&c->msgs, sizeof(uint32_t));
    vx_vec_init(&c->streams, sizeof(uint32_t));
    vx_vec_init(&c->media, sizeof(struct vx_media_ep *));
    c->customer_sip = m->from_customer ? m->src : m->dst;
    c->server_sip = m->from_customer ? m->dst : m->src;
    vx_map_put(&a->call_by_id, c->call_id, strlen(c->call_id), c);
    return c;
}

static bool is_method(const char *m, const char *name) { return strcasecmp(m, name) == 0; }

/* INVITE call state from the responses to the current initial INVITE transaction. */
static void invite_response(struct vx_call *c, const struct vx_sip_msg *m)
{
    if (m->cseq != c->invite_cseq || m->retransmission) return;
    if (m->status >= 180 && m->status < 200 && !c->ringing_ns) c->ringing_ns = m->ts_ns;
    if (m->status < 200) return;
    if (c->state == VX_CALL_ANSWERED && m->status >= 300) return;  /* late error after 2xx */
    c->final_status = m->status;
    if (m->status < 300) {
        if (!c->answer_ns) c->answer_ns = m->ts_ns;
        c->state = VX_CALL_ANSWERED;
        return;
    }
    c->end_ns = m->ts_ns;
    if (m->status == 487 || c->state == VX_CALL_CANCELLED) c->state = VX_CALL_CANCELLED;
    else if (m->status == 408 || m->status >= 500) c->state = m->status == 600 || m->status == 603 || m->status == 604 ? VX_CALL_REJECTED : VX_CALL_FAILED;
    else c->state = VX_CALL_REJECTED;
}

static void call_message(struct vx_analysis *a, struct vx_call *c, struct vx_sip_msg *m, const struct vx_sip *s)
{
    m->call = (int32_t)c->index;
    c->sip_messages++;
    if (m->retransmission) c->retransmissions++;
    if (c->msgs.count < VX_CAP_CALL_MESSAGES && m->id != VX_MSG_TRANSIENT) {
        uint32_t *slot = vx_vec_push(&c->msgs);
        if (slot) *slot = m->id;
    }
    if (m->is_request && is_method(m->method, "INVITE") && !s->to_tag[0] && !m->retransmission) {
        if (!c->has_invite || m->cseq > c->invite_cseq) {
            c->has_invite = true;
            c->invite_cseq = m->cseq;
            snprintf(c->invite_branch, sizeof c->invite_branch, "%s", m->branch);
            if (c->state != VX_CALL_ANSWERED) c->state = VX_CALL_IN_PROGRESS;
        }
    } else if (m->is_request && is_method(m->method, "CANCEL")) {
        if (c->state == VX_CALL_IN_PROGRESS) c->state = VX_CALL_CANCELLED;
        if (!c->end_ns) c->end_ns = m->ts_ns;
    } else if (m->is_request && is_method(m->method, "BYE") && !m->retransmission) {
        if (!c->end_ns) c->end_ns = m->ts_ns;
    } else if (!m->is_request && is_method(m->cseq_method, "INVITE")) {
        invite_response(c, m);
    }
}

/* ---- registrations ---- */

static struct vx_registration *find_registration(struct vx_analysis *a, const struct vx_sip_msg *m, const struct vx_sip *s)
{
    const vx_endpoint *server = m->is_request ? &m->dst : &m->src;
    char key[600];
    char ep[VX_ADDR_STRLEN];
    int n = snprintf(key, sizeof key, "%s|%s", s->to_uri, vx_endpoint_str(server, ep, sizeof ep));
    size_t kl = n < 0 ? 0 : (size_t)n >= sizeof key ? sizeof key - 1 : (size_t)n;
    struct vx_registration *r = vx_map_get(&a->reg_by_key, key, kl);
    if (r || !m->is_request) return r;
    if (a->registrations.count >= VX_CAP_REGISTRATIONS) { vx_evict(a, VX_EVICT_REGISTRATIONS); return NULL; }
    r = calloc(1, sizeof *r);
    struct vx_registration **slot = r ? vx_vec_push(&a->registrations) : NULL;
    if (!slot) { free(r); return NULL; }
    *slot = r;
    r->index = (uint32_t)(a->registrations.count - 1);
    r->aor = dup_str(s->to_uri);
    r->contact = dup_str(s->contact);
    r->call_id = dup_str(s->call_id);
    r->expires = -1;
    r->client = m->src;
    r->server = m->dst;
    r->first_ns = m->ts_ns;
    vx_vec_init(&r->attempts, sizeof(struct vx_reg_attempt));
    vx_map_put(&a->reg_by_key, key, kl, r);
    return r;
}

static void register_request(struct vx_registration *r, const struct vx_sip_msg *m, const struct vx_sip *s)
{
    r->last_ns = m->ts_ns;
    if (m->retransmission || r->attempts.count >= VX_CAP_CALL_MESSAGES) return;
    struct vx_reg_attempt *at = vx_vec_push(&r->attempts);
    if (!at) return;
    at->ts_ns = m->ts_ns;
    at->ref = m->ref;
    at->msg = m->id;
    at->expires = s->contact_expires >= 0 ? s->contact_expires : s->expires;
    at->rport = -1;
    if (s->contact[0]) { free(r->contact); r->contact = dup_str(s->contact); }
}

static struct vx_reg_attempt *attempt_for(struct vx_registration *r, const struct vx_sip_msg *m)
{
    for (size_t i = r->attempts.count; i-- > 0;) {
        struct vx_reg_attempt *at = vx_vec_at(&r->attempts, i);
        if ((int32_t)at->msg == m->request) return at;
    }
    return NULL;
}

static void register_response(struct vx_registration *r, const struct vx_sip_msg *m, const struct vx_sip *s)
{
    struct vx_reg_attempt *at = attempt_for(r, m);
    if (!at || m->status < 200 || at->status) return;
    at->status = m->status;
    at->response_msg = m->id;
    if (s->via_count) {
        vx_addr_parse(s->via[0].received, &at->received);
        at->rport = s->via[0].rport;
    }
    if (m->status < 300) {
        int granted = s->contact_expires >= 0 ? s->contact_expires : s->expires;
        if (granted >= 0) { at->expires = granted; r->expires = granted; }
        else if (at->expires >= 0) r->expires = at->expires;
        bool first_ok = true;
        for (size_t i = 0; i < r->attempts.count; i++) {
            struct vx_reg_attempt *o = vx_vec_at(&r->attempts, i);
            if (o != at && o->status >= 200 && o->status < 300) { first_ok = false; break; }
        }
        if (!first_ok) r->refreshes++;
    } else if (m->status == 401 || m->status == 407) {
        r->challenges++;
    } else {
        r->failures++;
    }
}

/* ---- per-method traffic (OPTIONS keepalives, NOTIFY, SUBSCRIBE ... as well as calls) ---- */

static struct vx_method_count *method_slot(struct vx_analysis *a, const char *method)
{
    for (uint32_t i = 0; i < a->method_count; i++)
        if (!strcasecmp(a->methods[i].name, method)) return &a->methods[i];
    if (a->method_count < VX_METHOD_SLOTS - 1) {
        struct vx_method_count *c = &a->methods[a->method_count++];
        snprintf(c->name, sizeof c->name, "%s", method);
        return c;
    }
    struct vx_method_count *other = &a->methods[VX_METHOD_SLOTS - 1];   /* the rest */
    if (a->method_count < VX_METHOD_SLOTS) { a->method_count = VX_METHOD_SLOTS; snprintf(other->name, sizeof other->name, "other"); }
    return other;
}

static void count_method(struct vx_analysis *a, const struct vx_sip_msg *m)
{
    if (!m->is_request || !m->method[0]) return;
    struct vx_method_count *c = method_slot(a, m->method);
    if (m->retransmission) c->retransmissions++;
    else c->requests++;
}

/* ---- entry ---- */

static void handle_one(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len)
{
    struct vx_sip s;
    if (ctx->cut) a->c.sip_cut++;
    if (vx_sip_parse(data, len, &s) != 0) { a->c.sip_unparsed++; return; }
    a->c.sip++;
    if (!s.parsed_by_osip) a->c.sip_fallback++;
    struct vx_sip_msg transient;
    struct vx_sip_msg *m = store_message(a, ctx, &s, data, len, &transient);
    match_transaction(a, m, &s);
    count_method(a, m);
    struct vx_call *c = vx_map_get(&a->call_by_id, s.call_id, strlen(s.call_id));
    if (!c && m->is_request && is_method(m->method, "INVITE")) c = new_call(a, m, &s);
    if (c) call_message(a, c, m, &s);
    if (is_method(m->is_request ? m->method : m->cseq_method, "REGISTER")) {
        struct vx_registration *r = find_registration(a, m, &s);
        if (r) {
            m->registration = (int32_t)r->index;
            if (m->is_request) register_request(r, m, &s); else register_response(r, m, &s);
        }
    }
    if (m->has_sdp && c) vx_media_announce(a, c, m, data + s.body_offset, s.body_len);
}

void vx_sip_handle(struct vx_analysis *a, const struct vx_pkt_ctx *ctx, const uint8_t *data, size_t len)
{
    /* A datagram may carry several messages; Content-Length says where each ends. Bytes
     * after the last message that do not start another one stay with it (so rules can see
     * a Content-Length smaller than the body, as a rewriting ALG leaves it). */
    for (int guard = 0; guard < 16 && len > 0; guard++) {
        size_t n = 0;
        int rc = ctx->l4proto == 17 ? vx_sip_frame(data, len, &n) : 0;
        size_t next = n;
        while (rc == 1 && next < len && (data[next] == '\r' || data[next] == '\n')) next++;
        if (rc != 1 || next >= len || guard == 15 || !vx_sip_looks_like(data + next, len - next)) {
            handle_one(a, ctx, data, len);
            return;
        }
        handle_one(a, ctx, data, n);
        data += next;
        len -= next;
    }
}

int vx_msg_parse(const struct vx_sip_msg *m, struct vx_sip *out)
{
    if (!m->raw) return -1;
    return vx_sip_parse((const uint8_t *)m->raw, m->raw_len, out);
}

bool vx_request_unanswered(const struct vx_analysis *a, const struct vx_sip_msg *m)
{
    if (!m->is_request || m->retransmission || m->first_response >= 0) return false;
    if (!strcasecmp(m->method, "ACK")) return false;
    if ((double)(a->last_ns - m->ts_ns) / 1e9 >= a->profile.unanswered_after_s) return true;
    return m->transport == 17 && m->copies >= 3;
}

void vx_calls_finish(struct vx_analysis *a)
{
    int64_t grace = (int64_t)(a->profile.unanswered_after_s * 1e9);
    for (size_t i = 0; i < a->calls.count; i++) {
        struct vx_call *c = vx_call_at(a, i);
        if (c->state != VX_CALL_IN_PROGRESS || !c->has_invite) continue;
        bool any_response = false;
        for (size_t k = 0; k < c->msgs.count; k++) {
            struct vx_sip_msg *m = vx_msg(a, *(uint32_t *)vx_vec_at(&c->msgs, k));
            if (m && !m->is_request && is_method(m->cseq_method, "INVITE")) { any_response = true; break; }
        }
        if (!any_response && a->last_ns - c->start_ns > grace) c->state = VX_CALL_UNANSWERED;
    }
    for (size_t i = 0; i < a->messages.count; i++) {
        const struct vx_sip_msg *m = vx_msg(a, i);
        if (vx_request_unanswered(a, m)) method_slot(a, m->method)->unanswered++;
    }
    for (size_t i = 0; i < a->registrations.count; i++) {
        struct vx_registration *r = vx_reg_at(a, i);
        for (size_t k = 0; k < r->attempts.count; k++) {
            struct vx_reg_attempt *at = vx_vec_at(&r->attempts, k);
            if (!at->status && a->last_ns - at->ts_ns > grace) r->unanswered++;
        }
    }
}
