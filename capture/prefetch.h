/* prefetch.h — reads a source on its own thread, a few batches ahead of the analysis, so
 * that file I/O and decompression overlap with analysis on a second core. */
#ifndef VX_PREFETCH_H
#define VX_PREFETCH_H
#include "capture/source.h"
#include <stdbool.h>

struct vx_prefetch;

/* Starts the reader thread. With progress set it prints a progress line on stderr. */
struct vx_prefetch *vx_prefetch_start(struct vx_source *src, bool progress);
/* 1 = a packet (valid until the next call), 0 = the source is exhausted. */
int vx_prefetch_next(struct vx_prefetch *p, struct vx_packet *pkt);
/* Joins the thread (after the source is exhausted or early) and frees the batches. */
void vx_prefetch_stop(struct vx_prefetch *p);
#endif
