/* live_cmd.h — `vxdiag live`: capture on interfaces, analyse as packets arrive, save them
 * (-w), and report at the end exactly as `vxdiag report` would on the saved file. */
#ifndef VX_LIVE_CMD_H
#define VX_LIVE_CMD_H
#include "analyzer/model.h"
#include "ui/cli.h"
#include <stddef.h>

/* How main writes a report of a finished analysis (format, --out, language). */
typedef int (*vx_report_fn)(const struct vx_cli *cli, const struct vx_analysis *a);

/* Runs the live command; returns the process exit status (0 ok, 2 error). */
int vx_live_main(const struct vx_cli *cli, vx_report_fn write_report);

/* The capture filter built from the profile (VoiceX servers, app hosts, STUN, SIP ports,
 * the RTP port range, ICMP, IP fragments) combined with -f / --all-traffic. vlan adds the
 * same expression for 802.1Q-tagged frames. Empty when no filter applies. */
void vx_live_build_filter(const struct vx_cli *cli, bool vlan, char *buf, size_t size);
#endif
