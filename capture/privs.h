/* privs.h — giving up privileges once the capture interfaces are open, as tcpdump -Z does:
 * as root, switch to an unprivileged user (default "nobody") and that user's groups; in any
 * case clear every capability (file capabilities such as cap_net_raw included). Must run
 * before any other thread is started: capabilities are per thread on Linux. */
#ifndef VX_PRIVS_H
#define VX_PRIVS_H
#include <stdbool.h>
#include <stddef.h>

#define VX_PRIVS_DEFAULT_USER "nobody"

struct vx_privs_result {
    bool changed_user;         /* setuid happened */
    char user[64];
    unsigned uid, gid;
    bool kept_dac_override;
};

/* user: -Z argument or NULL (then "nobody" when root). keep_dac_override keeps only
 * CAP_DAC_OVERRIDE (for -C/-G rotation, which creates files later, as tcpdump does).
 * 0, or -1 with a reason in err (the caller must then stop). */
int vx_privs_drop(const char *user, bool keep_dac_override, struct vx_privs_result *res,
                  char *err, size_t errlen);

/* The advice to print when opening an interface failed for lack of permission. */
const char *vx_privs_advice(void);
#endif
