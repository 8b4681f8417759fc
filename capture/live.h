/* live.h — live capture from one or more interfaces through libpcap. Each interface gets a
 * capture thread that copies packets into its own ring (ring.h); the analysis thread takes
 * them out in timestamp order across the rings. Opening (which needs privileges) and
 * starting the threads (after privileges are dropped) are separate steps. */
#ifndef VX_LIVE_H
#define VX_LIVE_H
#include "capture/ring.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VX_LIVE_MAX_IFACES 16

struct vx_live_opts {
    const char *ifaces[VX_LIVE_MAX_IFACES];
    int iface_count;
    const char *filter;            /* BPF, NULL or "" for none */
    const char *filter_fallback;   /* tried when filter does not compile on an interface */
    uint32_t snaplen;              /* 0 = 262144 */
    uint32_t buffer_bytes;         /* kernel buffer, 0 = 32 MiB */
    uint32_t ring_slots;           /* 0 = 65536 */
    size_t ring_bytes;             /* 0 = 64 MiB */
};

struct vx_live_stats {
    uint64_t received;             /* ps_recv */
    uint64_t kernel_drops;         /* ps_drop */
    uint64_t iface_drops;          /* ps_ifdrop */
    uint64_t ring_drops;           /* ring overruns */
    uint64_t captured;             /* packets put in the ring */
};

struct vx_live;

/* Opens and activates every interface and sets the filter. On failure NULL, with a reason
 * in err and *perm_denied set when the cause is missing privileges. */
struct vx_live *vx_live_open(const struct vx_live_opts *o, bool *perm_denied, char *err, size_t errlen);
/* Starts the capture threads. 0 or -1 (err set). */
int vx_live_start(struct vx_live *l, char *err, size_t errlen);

int vx_live_count(const struct vx_live *l);
const char *vx_live_name(const struct vx_live *l, int i);
int vx_live_dlt(const struct vx_live *l, int i);
uint32_t vx_live_snaplen(const struct vx_live *l, int i);
const char *vx_live_filter(const struct vx_live *l, int i);   /* the filter in use */

/* The oldest waiting packet across the rings (by timestamp); false when all are empty.
 * *complete is true when every ring had a packet (so nothing older can still arrive from
 * another interface, up to the kernel's block delay). */
bool vx_live_peek(struct vx_live *l, int *iface, struct vx_ring_pkt *p, bool *complete);
void vx_live_release(struct vx_live *l, int iface);

/* Latest statistics (refreshed by the capture thread about twice a second, and at stop). */
void vx_live_stats(const struct vx_live *l, int iface, struct vx_live_stats *s);
/* true when a capture thread ended on an error (interface gone ...); err set. */
bool vx_live_failed(const struct vx_live *l, char *err, size_t errlen);
/* Stops and joins the capture threads (packets already in the rings stay readable). */
void vx_live_stop(struct vx_live *l);
void vx_live_close(struct vx_live *l);
#endif
