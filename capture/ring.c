/* ring.c — the SPSC packet ring (see ring.h). Positions are monotonic 64-bit counters; the
 * slot index and arena offset are the counters modulo the sizes. A packet's bytes are kept
 * contiguous: when they would wrap past the arena's end the producer skips to its start.
 * The producer owns head and arena_head; the consumer owns tail and arena_tail. */
#include "capture/ring.h"
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define VX_RING_MIN_BYTES (2u * 262144 + 64)   /* two maximal frames */

struct slot {
    uint64_t start;            /* arena position of the first byte */
    uint64_t end;              /* arena position after the last byte (incl. any skip) */
    uint32_t caplen, len;
    int64_t ts_ns;
};

struct vx_ring {
    uint32_t nslots, mask;
    size_t nbytes;
    struct slot *slots;
    uint8_t *arena;
    /* producer side */
    _Alignas(64) _Atomic uint64_t head;       /* slots written */
    _Atomic uint64_t arena_head;               /* arena bytes written */
    _Atomic uint64_t drops, pushed;
    /* consumer side */
    _Alignas(64) _Atomic uint64_t tail;       /* slots released */
    _Atomic uint64_t arena_tail;               /* arena bytes released */
};

static uint32_t round_pow2(uint32_t v)
{
    uint32_t p = 2;
    while (p < v && p < (1u << 30)) p <<= 1;
    return p;
}

struct vx_ring *vx_ring_new(uint32_t slots, size_t bytes)
{
    struct vx_ring *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->nslots = round_pow2(slots);
    r->mask = r->nslots - 1;
    r->nbytes = bytes < VX_RING_MIN_BYTES ? VX_RING_MIN_BYTES : bytes;
    r->slots = calloc(r->nslots, sizeof *r->slots);
    r->arena = malloc(r->nbytes);
    if (!r->slots || !r->arena) { vx_ring_free(r); return NULL; }
    return r;
}

void vx_ring_free(struct vx_ring *r)
{
    if (!r) return;
    free(r->slots);
    free(r->arena);
    free(r);
}

bool vx_ring_push(struct vx_ring *r, const uint8_t *data, uint32_t caplen, uint32_t len, int64_t ts_ns)
{
    uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    uint64_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    uint64_t apos = atomic_load_explicit(&r->arena_head, memory_order_relaxed);
    uint64_t afree = atomic_load_explicit(&r->arena_tail, memory_order_acquire);
    if (caplen > r->nbytes / 2) caplen = (uint32_t)(r->nbytes / 2);
    uint64_t start = apos;
    size_t off = (size_t)(apos % r->nbytes);
    if (off + caplen > r->nbytes) start += r->nbytes - off;     /* keep the bytes contiguous */
    uint64_t end = start + caplen;
    if (head - tail >= r->nslots || end - afree > r->nbytes) {
        atomic_fetch_add_explicit(&r->drops, 1, memory_order_relaxed);
        return false;
    }
    struct slot *s = &r->slots[head & r->mask];
    s->start = start;
    s->end = end;
    s->caplen = caplen;
    s->len = len;
    s->ts_ns = ts_ns;
    if (caplen) memcpy(r->arena + (size_t)(start % r->nbytes), data, caplen);
    atomic_store_explicit(&r->arena_head, end, memory_order_relaxed);
    atomic_store_explicit(&r->head, head + 1, memory_order_release);
    atomic_fetch_add_explicit(&r->pushed, 1, memory_order_relaxed);
    return true;
}

bool vx_ring_peek(struct vx_ring *r, struct vx_ring_pkt *out)
{
    uint64_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    uint64_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    if (tail == head) return false;
    const struct slot *s = &r->slots[tail & r->mask];
    out->data = r->arena + (size_t)(s->start % r->nbytes);
    out->caplen = s->caplen;
    out->len = s->len;
    out->ts_ns = s->ts_ns;
    return true;
}

void vx_ring_release(struct vx_ring *r)
{
    uint64_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    const struct slot *s = &r->slots[tail & r->mask];
    atomic_store_explicit(&r->arena_tail, s->end, memory_order_release);
    atomic_store_explicit(&r->tail, tail + 1, memory_order_release);
}

uint64_t vx_ring_drops(const struct vx_ring *r)
{
    return atomic_load_explicit(&((struct vx_ring *)r)->drops, memory_order_relaxed);
}

uint64_t vx_ring_pushed(const struct vx_ring *r)
{
    return atomic_load_explicit(&((struct vx_ring *)r)->pushed, memory_order_relaxed);
}

uint32_t vx_ring_fill(const struct vx_ring *r)
{
    struct vx_ring *m = (struct vx_ring *)r;
    return (uint32_t)(atomic_load(&m->head) - atomic_load(&m->tail));
}

uint32_t vx_ring_slots(const struct vx_ring *r) { return r->nslots; }
