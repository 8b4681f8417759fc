/* map.h — a hash map from byte-string keys to pointers, with insertion-order iteration
 * left to the owners (they keep their own vectors). Keys are copied. */
#ifndef VX_MAP_H
#define VX_MAP_H
#include <stddef.h>
#include <stdint.h>

struct vx_map_node;
typedef struct {
    struct vx_map_node **buckets;
    size_t nbuckets;
    size_t count;
} vx_map;

void vx_map_init(vx_map *m);
void *vx_map_get(const vx_map *m, const void *key, size_t klen);
/* Inserts or replaces; returns 0, or -1 when out of memory. */
int vx_map_put(vx_map *m, const void *key, size_t klen, void *value);
/* Removes the key if present; returns the old value or NULL. */
void *vx_map_del(vx_map *m, const void *key, size_t klen);
void vx_map_free(vx_map *m);
uint64_t vx_hash_bytes(const void *key, size_t klen);
#endif
