/* profile.h — which addresses and ports are VoiceX, and the thresholds rules use.
 * The built-in default is the VoiceX server list of REQUIREMENTS.md; a profile file,
 * --server and --domain replace or narrow it. */
#ifndef VX_PROFILE_H
#define VX_PROFILE_H
#include "dissectors/addr.h"
#include <stdbool.h>
#include <stdint.h>

#define VX_PROFILE_MAX_SERVERS 64
#define VX_PROFILE_MAX_PORTS 16
#define VX_PROFILE_MAX_HOSTS 16

struct vx_server {
    vx_addr addr;
    char domain[32];          /* "pbx01/02" ... or the profile's domain name */
};

struct vx_app_host {
    char name[64];
    vx_addr addr;
    uint16_t port;
};

struct vx_profile {
    char name[64];
    char domain[32];                            /* a profile file's `domain`: servers' default */
    int server_count;
    struct vx_server servers[VX_PROFILE_MAX_SERVERS];
    int sip_port_count;
    uint16_t sip_ports[VX_PROFILE_MAX_PORTS];   /* 5060, 5080, 5081, 4399 */
    uint16_t normal_sip_port;                   /* 5080 */
    uint16_t rtp_port_min, rtp_port_max;        /* 10000..20000 */
    uint16_t https_port;                        /* 443 */
    uint16_t browser_ports[2];                  /* 8088, 8089 */
    uint16_t stun_port;                         /* 19302 */
    int stun_host_count;
    vx_addr stun_hosts[VX_PROFILE_MAX_HOSTS];   /* optional; STUN is recognised by port too */
    int app_host_count;
    struct vx_app_host app_hosts[VX_PROFILE_MAX_HOSTS];
    /* thresholds */
    double loss_warn_pct, loss_crit_pct;
    double jitter_warn_ms, jitter_crit_ms;
    double nat_binding_s;                       /* recommended UDP binding lifetime: 3600 */
    double call_kbps;                           /* per direction: 100 */
    double unanswered_after_s;                  /* a request is unanswered after this long */
};

void vx_profile_default(struct vx_profile *p);
/* Reads a profile file over the defaults. 0, or -1 with a one-line reason in err. */
int vx_profile_load(struct vx_profile *p, const char *path, char *err, size_t errlen);
/* Keeps only the servers of one domain ("pbx03" matches "pbx03/04"). -1 if none match. */
int vx_profile_select_domain(struct vx_profile *p, const char *domain);
/* Adds a server (replacing the defaults on first use when replace_defaults is set). */
int vx_profile_add_server(struct vx_profile *p, const char *addr_text, bool replace_defaults);
/* Index of the server with that address, or -1. */
int vx_profile_server_index(const struct vx_profile *p, const vx_addr *a);
bool vx_profile_is_sip_port(const struct vx_profile *p, uint16_t port);
bool vx_profile_is_rtp_port(const struct vx_profile *p, uint16_t port);
int vx_profile_app_host(const struct vx_profile *p, const vx_addr *a);
#endif
