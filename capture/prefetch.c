/* prefetch.c — a reader thread fills fixed-size batches (packet headers + bytes) from the
 * source and queues them; the analysis thread drains them in order. At most PF_BATCHES
 * batches of PF_BATCH_BYTES exist, so memory is bounded whatever the file size. A packet
 * larger than a batch is handed over alone, pointing into the source's own buffer, and the
 * reader waits until it has been consumed before reading on. */
#include "capture/prefetch.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PF_BATCHES 6
#define PF_BATCH_BYTES (2u << 20)
#define PF_BATCH_PACKETS 16384

struct batch {
    size_t count, used;
    bool borrowed;                 /* one oversized packet pointing into the source buffer */
    struct vx_packet pkts[PF_BATCH_PACKETS];
    uint8_t bytes[PF_BATCH_BYTES];
};

struct vx_prefetch {
    struct vx_source *src;
    bool progress;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct batch *batches[PF_BATCHES];
    size_t head, tail, filled;     /* ring of filled batches: [head, head + filled) */
    bool done, stop;
    struct batch *current;         /* the batch the consumer is reading */
    size_t pos;
};

static void hand_over(struct vx_prefetch *p, struct batch *b)
{
    pthread_mutex_lock(&p->lock);
    p->filled++;
    pthread_cond_broadcast(&p->changed);
    if (b->borrowed) {   /* the bytes live in the source: wait until they were used */
        while (!p->stop && (p->filled > 0 || p->current == b)) pthread_cond_wait(&p->changed, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
}

/* Waits for a free batch slot; returns it, or NULL when asked to stop. */
static struct batch *free_batch(struct vx_prefetch *p)
{
    pthread_mutex_lock(&p->lock);
    while (!p->stop && p->filled == PF_BATCHES) pthread_cond_wait(&p->changed, &p->lock);
    struct batch *b = p->stop ? NULL : p->batches[p->tail];
    if (b) p->tail = (p->tail + 1) % PF_BATCHES;
    pthread_mutex_unlock(&p->lock);
    if (b) { b->count = b->used = 0; b->borrowed = false; }
    return b;
}

static void show_progress(struct vx_prefetch *p, uint64_t n)
{
    if (!p->progress || (n & 0x3ffff)) return;
    double f = vx_source_progress(p->src);
    if (f >= 0) fprintf(stderr, "\rvxdiag: reading %5.1f%%", f * 100.0);
}

static void *reader_main(void *arg)
{
    struct vx_prefetch *p = arg;
    struct vx_packet pkt;
    bool have = false;
    uint64_t n = 0;
    for (;;) {
        struct batch *b = free_batch(p);
        if (!b) break;
        while (b->count < PF_BATCH_PACKETS) {
            if (!have && !(have = vx_source_next(p->src, &pkt) == 1)) break;
            show_progress(p, ++n);
            if (pkt.caplen > PF_BATCH_BYTES - b->used) {
                if (b->count) break;                       /* next batch */
                b->pkts[b->count++] = pkt;                 /* oversized: borrow */
                b->borrowed = true;
                have = false;
                break;
            }
            memcpy(b->bytes + b->used, pkt.data, pkt.caplen);
            pkt.data = b->bytes + b->used;
            b->used += pkt.caplen;
            b->pkts[b->count++] = pkt;
            have = false;
        }
        bool last = !have && b->count < PF_BATCH_PACKETS && !b->borrowed;
        hand_over(p, b);
        if (last) break;
    }
    if (p->progress && n > 0x3ffff) fprintf(stderr, "\rvxdiag: reading 100.0%%\n");
    pthread_mutex_lock(&p->lock);
    p->done = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct vx_prefetch *vx_prefetch_start(struct vx_source *src, bool progress)
{
    struct vx_prefetch *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->src = src;
    p->progress = progress && isatty(2);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    for (int i = 0; i < PF_BATCHES; i++) {
        p->batches[i] = malloc(sizeof(struct batch));
        if (!p->batches[i]) { vx_prefetch_stop(p); return NULL; }
    }
    if (pthread_create(&p->thread, NULL, reader_main, p) != 0) {
        for (int i = 0; i < PF_BATCHES; i++) free(p->batches[i]);
        free(p);
        return NULL;
    }
    return p;
}

int vx_prefetch_next(struct vx_prefetch *p, struct vx_packet *pkt)
{
    for (;;) {
        if (p->current && p->pos < p->current->count) {
            *pkt = p->current->pkts[p->pos++];
            if (p->pos + 1 < p->current->count) {   /* the bytes were written on the other core */
                __builtin_prefetch(p->current->pkts[p->pos + 1].data);
                __builtin_prefetch(p->current->pkts[p->pos + 1].data + 64);
            }
            return 1;
        }
        pthread_mutex_lock(&p->lock);
        if (p->current) {                     /* give the drained batch back */
            p->current = NULL;
            p->head = (p->head + 1) % PF_BATCHES;
            p->filled--;
            pthread_cond_broadcast(&p->changed);
        }
        while (!p->filled && !p->done) pthread_cond_wait(&p->changed, &p->lock);
        if (p->filled) { p->current = p->batches[p->head]; p->pos = 0; }
        pthread_mutex_unlock(&p->lock);
        if (!p->current) return 0;
    }
}

void vx_prefetch_stop(struct vx_prefetch *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    if (p->thread) pthread_join(p->thread, NULL);
    for (int i = 0; i < PF_BATCHES; i++) free(p->batches[i]);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->changed);
    free(p);
}
