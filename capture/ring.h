/* ring.h — a bounded single-producer / single-consumer packet ring between one capture
 * thread and the analysis thread. Lock-free (C11 atomics): a ring of slot descriptors plus a
 * byte arena the packet bytes are copied into. When either is full the producer drops the
 * packet and counts it (a ring overrun), so capture never waits for analysis. */
#ifndef VX_RING_H
#define VX_RING_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vx_ring;

/* One packet as it sits in the ring; data points into the arena until vx_ring_release. */
struct vx_ring_pkt {
    const uint8_t *data;
    uint32_t caplen, len;
    int64_t ts_ns;
};

/* slots is rounded up to a power of two (at least 2); bytes is the arena size (at least
 * 512 KiB so that a maximal frame always fits). NULL when out of memory. */
struct vx_ring *vx_ring_new(uint32_t slots, size_t bytes);
void vx_ring_free(struct vx_ring *r);

/* Producer: copies the packet in; false (and the drop counted) when there is no room. */
bool vx_ring_push(struct vx_ring *r, const uint8_t *data, uint32_t caplen, uint32_t len, int64_t ts_ns);
/* Consumer: the oldest packet without removing it; false when empty. */
bool vx_ring_peek(struct vx_ring *r, struct vx_ring_pkt *out);
/* Consumer: frees the packet returned by the last peek. */
void vx_ring_release(struct vx_ring *r);

uint64_t vx_ring_drops(const struct vx_ring *r);     /* packets the producer could not store */
uint64_t vx_ring_pushed(const struct vx_ring *r);
uint32_t vx_ring_fill(const struct vx_ring *r);      /* packets waiting */
uint32_t vx_ring_slots(const struct vx_ring *r);
#endif
