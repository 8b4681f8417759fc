/* privs.c — dropping root and capabilities after the interfaces are open (see privs.h).
 * Follows tcpdump's droproot(): initgroups, then libcap-ng changes uid/gid and clears the
 * capability sets (and the bounding set), then we verify that root cannot be regained. */
#include "capture/privs.h"
#include <cap-ng.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

const char *vx_privs_advice(void)
{
    return "live capture needs root or the CAP_NET_RAW capability to open the interface: run it "
           "with sudo, or once give the binary the capability: "
           "sudo setcap cap_net_raw,cap_net_admin=eip ./vxdiag "
           "(vxdiag gives up both right after opening the interface)";
}

static int clear_caps(bool keep_dac_override, char *err, size_t errlen)
{
    capng_clear(CAPNG_SELECT_BOTH);
    if (keep_dac_override &&
        capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED, CAP_DAC_OVERRIDE) != 0) {
        snprintf(err, errlen, "cannot keep CAP_DAC_OVERRIDE");
        return -1;
    }
    if (capng_apply(CAPNG_SELECT_BOTH) != 0) {
        snprintf(err, errlen, "cannot clear capabilities");
        return -1;
    }
    return 0;
}

static int become_user(const char *user, bool keep_dac_override, struct vx_privs_result *res,
                       char *err, size_t errlen)
{
    errno = 0;
    struct passwd *pw = getpwnam(user);
    if (!pw) {
        snprintf(err, errlen, "-Z %s: no such user%s%s", user, errno ? ": " : "", errno ? strerror(errno) : "");
        return -1;
    }
    uid_t uid = pw->pw_uid;
    gid_t gid = pw->pw_gid;
    snprintf(res->user, sizeof res->user, "%s", pw->pw_name);
    if (uid == 0) return clear_caps(keep_dac_override, err, errlen) == 0 ? 0 : -1; /* -Z root */
    if (initgroups(pw->pw_name, gid) != 0) {
        snprintf(err, errlen, "initgroups(%s): %s", user, strerror(errno));
        return -1;
    }
    capng_clear(CAPNG_SELECT_BOTH);
    if (keep_dac_override)
        capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED, CAP_DAC_OVERRIDE);
    int rc = capng_change_id((int)uid, (int)gid, CAPNG_CLEAR_BOUNDING);
    if (rc != 0) {
        snprintf(err, errlen, "cannot switch to user %s (capng_change_id %d)", user, rc);
        return -1;
    }
    if (setuid(0) == 0 || getuid() != uid || geteuid() != uid || getegid() != gid) {
        snprintf(err, errlen, "switching to user %s did not stick", user);
        return -1;
    }
    res->changed_user = true;
    res->uid = (unsigned)uid;
    res->gid = (unsigned)gid;
    return 0;
}

int vx_privs_drop(const char *user, bool keep_dac_override, struct vx_privs_result *res,
                  char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    res->uid = (unsigned)getuid();
    res->gid = (unsigned)getgid();
    int rc;
    if (geteuid() == 0) {
        rc = become_user(user ? user : VX_PRIVS_DEFAULT_USER, keep_dac_override, res, err, errlen);
    } else {
        if (user) fprintf(stderr, "vxdiag: not running as root: -Z %s ignored (already unprivileged)\n", user);
        rc = clear_caps(keep_dac_override, err, errlen);
    }
    if (rc != 0) return -1;
    res->kept_dac_override = keep_dac_override;
    /* No exec'd helper may gain privileges back either. */
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    return 0;
}
