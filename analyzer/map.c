/* map.c — chained hash map, doubling when the load passes 1. */
#include "analyzer/map.h"
#include <stdlib.h>
#include <string.h>

struct vx_map_node {
    struct vx_map_node *next;
    uint64_t hash;
    void *value;
    size_t klen;
    unsigned char key[];
};

/* Eight bytes at a time, multiply-xorshift mixing: keys are 4-64 bytes of addresses. */
uint64_t vx_hash_bytes(const void *key, size_t klen)
{
    const unsigned char *p = key;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)klen;
    while (klen >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        p += 8;
        klen -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, p, klen);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

void vx_map_init(vx_map *m) { memset(m, 0, sizeof *m); }

static struct vx_map_node **slot(const vx_map *m, uint64_t h, const void *key, size_t klen)
{
    struct vx_map_node **pp = &m->buckets[h & (m->nbuckets - 1)];
    while (*pp && !((*pp)->hash == h && (*pp)->klen == klen && memcmp((*pp)->key, key, klen) == 0))
        pp = &(*pp)->next;
    return pp;
}

void *vx_map_get(const vx_map *m, const void *key, size_t klen)
{
    if (!m->nbuckets) return NULL;
    struct vx_map_node *n = *slot(m, vx_hash_bytes(key, klen), key, klen);
    return n ? n->value : NULL;
}

static int grow(vx_map *m)
{
    size_t nb = m->nbuckets ? m->nbuckets * 2 : 64;
    struct vx_map_node **b = calloc(nb, sizeof *b);
    if (!b) return -1;
    for (size_t i = 0; i < m->nbuckets; i++) {
        struct vx_map_node *n = m->buckets[i];
        while (n) {
            struct vx_map_node *next = n->next;
            n->next = b[n->hash & (nb - 1)];
            b[n->hash & (nb - 1)] = n;
            n = next;
        }
    }
    free(m->buckets);
    m->buckets = b;
    m->nbuckets = nb;
    return 0;
}

int vx_map_put(vx_map *m, const void *key, size_t klen, void *value)
{
    if (m->count >= m->nbuckets && grow(m) != 0) return -1;
    uint64_t h = vx_hash_bytes(key, klen);
    struct vx_map_node **pp = slot(m, h, key, klen);
    if (*pp) { (*pp)->value = value; return 0; }
    struct vx_map_node *n = malloc(sizeof *n + klen);
    if (!n) return -1;
    n->next = NULL;
    n->hash = h;
    n->value = value;
    n->klen = klen;
    memcpy(n->key, key, klen);
    *pp = n;
    m->count++;
    return 0;
}

void *vx_map_del(vx_map *m, const void *key, size_t klen)
{
    if (!m->nbuckets) return NULL;
    struct vx_map_node **pp = slot(m, vx_hash_bytes(key, klen), key, klen);
    struct vx_map_node *n = *pp;
    if (!n) return NULL;
    void *v = n->value;
    *pp = n->next;
    free(n);
    m->count--;
    return v;
}

void vx_map_free(vx_map *m)
{
    for (size_t i = 0; i < m->nbuckets; i++) {
        struct vx_map_node *n = m->buckets[i];
        while (n) { struct vx_map_node *next = n->next; free(n); n = next; }
    }
    free(m->buckets);
    memset(m, 0, sizeof *m);
}
