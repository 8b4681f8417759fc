/* profile.c — the built-in VoiceX profile (REQUIREMENTS.md) and the profile file reader.
 * File format: one directive per line, '#' starts a comment:
 *   name NAME | domain NAME (default domain of the server lines after it)
 *   server ADDR [DOMAIN] | sip_port N | normal_sip_port N
 *   rtp_ports MIN MAX | stun_port N | stun_host ADDR | app_host NAME ADDR PORT
 *   loss_warn_pct X | loss_crit_pct X | jitter_warn_ms X | jitter_crit_ms X
 *   nat_binding_s X | call_kbps X | unanswered_after_s X
 * The first `server` line in a file replaces the built-in server list. */
#include "analyzer/profile.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *addr, *domain; } default_servers[] = {
    { "35.79.95.220", "pbx01/02" }, { "35.77.235.144", "pbx01/02" }, { "54.248.196.180", "pbx01/02" },
    { "52.69.142.129", "pbx03/04" }, { "52.195.251.109", "pbx03/04" }, { "54.250.159.16", "pbx03/04" },
    { "52.198.171.36", "pbx05/06" }, { "54.64.142.159", "pbx05/06" }, { "18.180.201.200", "pbx05/06" },
};

static const struct { const char *name, *addr; } default_apps[] = {
    { "providers.cloudsoftphone.com", "18.223.68.252" },
    { "exports.cloudsoftphone.com", "159.203.163.250" },
    { "primary.exports.cloudsoftphone.com", "3.137.14.53" },
};

void vx_profile_default(struct vx_profile *p)
{
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "voicex-default");
    for (size_t i = 0; i < sizeof default_servers / sizeof default_servers[0]; i++) {
        vx_addr_parse(default_servers[i].addr, &p->servers[i].addr);
        snprintf(p->servers[i].domain, sizeof p->servers[i].domain, "%s", default_servers[i].domain);
        p->server_count++;
    }
    static const uint16_t ports[] = { 5060, 5080, 5081, 4399 };
    for (size_t i = 0; i < 4; i++) p->sip_ports[p->sip_port_count++] = ports[i];
    p->normal_sip_port = 5080;
    p->rtp_port_min = 10000;
    p->rtp_port_max = 20000;
    p->https_port = 443;
    p->browser_ports[0] = 8088;
    p->browser_ports[1] = 8089;
    p->stun_port = 19302;
    for (size_t i = 0; i < 3; i++) {
        struct vx_app_host *h = &p->app_hosts[p->app_host_count++];
        snprintf(h->name, sizeof h->name, "%s", default_apps[i].name);
        vx_addr_parse(default_apps[i].addr, &h->addr);
        h->port = 443;
    }
    p->loss_warn_pct = 1.0;
    p->loss_crit_pct = 5.0;
    p->jitter_warn_ms = 30.0;
    p->jitter_crit_ms = 60.0;
    p->nat_binding_s = 3600;
    p->call_kbps = 100;
    p->unanswered_after_s = 4.0;
}

int vx_profile_add_server(struct vx_profile *p, const char *addr_text, bool replace_defaults)
{
    vx_addr a;
    if (!vx_addr_parse(addr_text, &a)) return -1;
    if (replace_defaults) p->server_count = 0;
    if (vx_profile_server_index(p, &a) >= 0) return 0;
    if (p->server_count >= VX_PROFILE_MAX_SERVERS) return -1;
    p->servers[p->server_count].addr = a;
    snprintf(p->servers[p->server_count].domain, sizeof p->servers[0].domain, "%s", p->domain[0] ? p->domain : "custom");
    p->server_count++;
    return 0;
}

int vx_profile_select_domain(struct vx_profile *p, const char *domain)
{
    int kept = 0;
    size_t n = strlen(domain);
    for (int i = 0; i < p->server_count; i++) {
        const char *d = p->servers[i].domain;
        bool match = strncmp(d, domain, n) == 0 || (strchr(d, '/') && n == 5 &&
                     strncmp(d, domain, 3) == 0 && strcmp(strchr(d, '/') + 1, domain + 3) == 0);
        if (match) p->servers[kept++] = p->servers[i];
    }
    if (!kept) return -1;
    p->server_count = kept;
    return 0;
}

static int parse_line(struct vx_profile *p, char *line, bool *replaced)
{
    char *argv[5] = { 0 };
    int argc = 0;
    for (char *tok = strtok(line, " \t\r\n"); tok && argc < 5; tok = strtok(NULL, " \t\r\n")) argv[argc++] = tok;
    if (argc == 0) return 0;
    const char *k = argv[0];
    if (!strcmp(k, "name") && argc >= 2) snprintf(p->name, sizeof p->name, "%s", argv[1]);
    else if (!strcmp(k, "domain") && argc >= 2) snprintf(p->domain, sizeof p->domain, "%s", argv[1]);
    else if (!strcmp(k, "server") && argc >= 2) {
        if (vx_profile_add_server(p, argv[1], !*replaced) != 0) return -1;
        *replaced = true;
        if (argc >= 3) snprintf(p->servers[p->server_count - 1].domain, sizeof p->servers[0].domain, "%s", argv[2]);
    } else if (!strcmp(k, "sip_port") && argc >= 2) {
        if (p->sip_port_count >= VX_PROFILE_MAX_PORTS) return -1;
        uint16_t port = (uint16_t)atoi(argv[1]);
        if (!vx_profile_is_sip_port(p, port)) p->sip_ports[p->sip_port_count++] = port;
    } else if (!strcmp(k, "normal_sip_port") && argc >= 2) p->normal_sip_port = (uint16_t)atoi(argv[1]);
    else if (!strcmp(k, "rtp_ports") && argc >= 3) { p->rtp_port_min = (uint16_t)atoi(argv[1]); p->rtp_port_max = (uint16_t)atoi(argv[2]); }
    else if (!strcmp(k, "stun_port") && argc >= 2) p->stun_port = (uint16_t)atoi(argv[1]);
    else if (!strcmp(k, "stun_host") && argc >= 2) {
        if (p->stun_host_count >= VX_PROFILE_MAX_HOSTS || !vx_addr_parse(argv[1], &p->stun_hosts[p->stun_host_count])) return -1;
        p->stun_host_count++;
    } else if (!strcmp(k, "app_host") && argc >= 4) {
        if (p->app_host_count >= VX_PROFILE_MAX_HOSTS) return -1;
        struct vx_app_host *h = &p->app_hosts[p->app_host_count];
        snprintf(h->name, sizeof h->name, "%s", argv[1]);
        if (!vx_addr_parse(argv[2], &h->addr)) return -1;
        h->port = (uint16_t)atoi(argv[3]);
        p->app_host_count++;
    } else if (argc >= 2) {
        double v = atof(argv[1]);
        if (!strcmp(k, "loss_warn_pct")) p->loss_warn_pct = v;
        else if (!strcmp(k, "loss_crit_pct")) p->loss_crit_pct = v;
        else if (!strcmp(k, "jitter_warn_ms")) p->jitter_warn_ms = v;
        else if (!strcmp(k, "jitter_crit_ms")) p->jitter_crit_ms = v;
        else if (!strcmp(k, "nat_binding_s")) p->nat_binding_s = v;
        else if (!strcmp(k, "call_kbps")) p->call_kbps = v;
        else if (!strcmp(k, "unanswered_after_s")) p->unanswered_after_s = v;
        else return -1;
    } else return -1;
    return 0;
}

int vx_profile_load(struct vx_profile *p, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) { snprintf(err, errlen, "cannot open profile %s", path); return -1; }
    char line[512];
    int lineno = 0;
    bool replaced = false;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char copy[512];
        snprintf(copy, sizeof copy, "%s", line);
        if (parse_line(p, line, &replaced) != 0) {
            copy[strcspn(copy, "\r\n")] = '\0';
            snprintf(err, errlen, "%s:%d: cannot understand \"%s\"", path, lineno, copy);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}

int vx_profile_server_index(const struct vx_profile *p, const vx_addr *a)
{
    for (int i = 0; i < p->server_count; i++)
        if (vx_addr_equal(&p->servers[i].addr, a)) return i;
    return -1;
}

bool vx_profile_is_sip_port(const struct vx_profile *p, uint16_t port)
{
    for (int i = 0; i < p->sip_port_count; i++) if (p->sip_ports[i] == port) return true;
    return false;
}

bool vx_profile_is_rtp_port(const struct vx_profile *p, uint16_t port)
{
    return port >= p->rtp_port_min && port <= p->rtp_port_max;
}

int vx_profile_app_host(const struct vx_profile *p, const vx_addr *a)
{
    for (int i = 0; i < p->app_host_count; i++)
        if (vx_addr_equal(&p->app_hosts[i].addr, a)) return i;
    return -1;
}
