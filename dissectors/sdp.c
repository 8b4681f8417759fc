/* sdp.c — SDP body dissection with libosip2's sdp_message parser (RFC 4566, RFC 3551 table). */
#include "dissectors/sdp.h"
#include "dissectors/sip.h"
#include <osipparser2/sdp_message.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SDP_MAX_BODY 16384

const char *vx_sdp_static_codec(uint8_t pt, uint32_t *clock)
{
    static const struct { uint8_t pt; const char *name; uint32_t clock; } table[] = {
        { 0, "PCMU", 8000 }, { 3, "GSM", 8000 }, { 4, "G723", 8000 }, { 5, "DVI4", 8000 },
        { 6, "DVI4", 16000 }, { 7, "LPC", 8000 }, { 8, "PCMA", 8000 }, { 9, "G722", 8000 },
        { 10, "L16", 44100 }, { 11, "L16", 44100 }, { 12, "QCELP", 8000 }, { 13, "CN", 8000 },
        { 14, "MPA", 90000 }, { 15, "G728", 8000 }, { 16, "DVI4", 11025 }, { 17, "DVI4", 22050 },
        { 18, "G729", 8000 }, { 19, "CN", 8000 }, { 25, "CelB", 90000 }, { 26, "JPEG", 90000 },
        { 28, "nv", 90000 }, { 31, "H261", 90000 }, { 32, "MPV", 90000 }, { 33, "MP2T", 90000 },
        { 34, "H263", 90000 },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].pt == pt) { if (clock) *clock = table[i].clock; return table[i].name; }
    }
    if (clock) *clock = 0;
    return NULL;
}

static void copy_str(char *dst, size_t size, const char *src)
{
    if (!src) { dst[0] = '\0'; return; }
    snprintf(dst, size, "%s", src);
}

/* "PCMU/8000/1" -> name, clock */
static void parse_rtpmap(const char *value, struct vx_sdp_media *m)
{
    if (!value || m->rtpmap_count >= VX_SDP_MAX_PT) return;
    char *end = NULL;
    long pt = strtol(value, &end, 10);
    if (end == value || pt < 0 || pt > 127) return;
    struct vx_sdp_rtpmap *r = &m->rtpmap[m->rtpmap_count];
    while (*end == ' ') end++;
    size_t n = strcspn(end, "/ ");
    if (n >= sizeof r->name) n = sizeof r->name - 1;
    memcpy(r->name, end, n);
    r->name[n] = '\0';
    r->pt = (uint8_t)pt;
    r->clock = end[n] == '/' ? (uint32_t)strtoul(end + n + 1, NULL, 10) : 0;
    m->rtpmap_count++;
}

static void read_media(sdp_message_t *sdp, int i, struct vx_sdp *out)
{
    struct vx_sdp_media *m = &out->media[out->media_count++];
    copy_str(m->type, sizeof m->type, sdp_message_m_media_get(sdp, i));
    copy_str(m->proto, sizeof m->proto, sdp_message_m_proto_get(sdp, i));
    const char *port = sdp_message_m_port_get(sdp, i);
    m->port = port ? (uint16_t)atoi(port) : 0;
    for (int k = 0; k < 64; k++) {
        const char *pt = sdp_message_m_payload_get(sdp, i, k);
        if (!pt) break;
        if (m->pt_count < VX_SDP_MAX_PT) m->pts[m->pt_count++] = (uint8_t)(atoi(pt) & 0x7f);
    }
    const char *c = sdp_message_c_addr_get(sdp, i, 0);
    if (c && vx_addr_parse(c, &m->conn)) { m->has_conn = true; copy_str(m->conn_text, sizeof m->conn_text, c); }
    else if (out->has_session_conn) { m->has_conn = true; m->conn = out->session_conn; }
    for (int k = 0; k < 64; k++) {
        const char *f = sdp_message_a_att_field_get(sdp, i, k);
        if (!f) break;
        if (strcasecmp(f, "rtpmap") == 0) parse_rtpmap(sdp_message_a_att_value_get(sdp, i, k), m);
        else if (!strcasecmp(f, "sendonly") || !strcasecmp(f, "recvonly") ||
                 !strcasecmp(f, "inactive") || !strcasecmp(f, "sendrecv"))
            copy_str(m->direction, sizeof m->direction, f);
    }
}

int vx_sdp_parse(const uint8_t *body, size_t len, struct vx_sdp *out)
{
    memset(out, 0, sizeof *out);
    if (len < 4 || len > SDP_MAX_BODY || memcmp(body, "v=", 2) != 0) return -1;
    vx_sip_global_init();
    /* Always end the copy with CRLF: libosip2 2.x sdp_message_parse() reads past the NUL
     * when the last line ends in a bare LF after a malformed m= line (found by fuzz_sdp;
     * tests/regress/sdp-bare-lf-overread.bin). */
    char *text = malloc(len + 3);
    if (!text) return -1;
    memcpy(text, body, len);
    size_t tl = len;
    if (tl < 2 || text[tl - 2] != '\r' || text[tl - 1] != '\n') {
        if (text[tl - 1] == '\n') tl--;
        text[tl++] = '\r';
        text[tl++] = '\n';
    }
    text[tl] = '\0';
    sdp_message_t *sdp = NULL;
    int rc = -1;
    if (sdp_message_init(&sdp) == 0 && sdp_message_parse(sdp, text) == 0) {
        const char *o = sdp_message_o_addr_get(sdp);
        if (o && vx_addr_parse(o, &out->origin)) out->has_origin = true;
        copy_str(out->origin_text, sizeof out->origin_text, o);
        const char *c = sdp_message_c_addr_get(sdp, -1, 0);
        if (c && vx_addr_parse(c, &out->session_conn)) out->has_session_conn = true;
        for (int i = 0; i < VX_SDP_MAX_MEDIA && !sdp_message_endof_media(sdp, i); i++)
            read_media(sdp, i, out);
        rc = 0;
    }
    sdp_message_free(sdp);
    free(text);
    return rc;
}
