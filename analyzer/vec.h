/* vec.h — a growable array of fixed-size items (pointers stay valid only until the next push). */
#ifndef VX_VEC_H
#define VX_VEC_H
#include <stddef.h>

typedef struct {
    void *items;
    size_t count, cap, item_size;
} vx_vec;

void vx_vec_init(vx_vec *v, size_t item_size);
/* Appends a zeroed item and returns it, or NULL when out of memory. */
void *vx_vec_push(vx_vec *v);
void *vx_vec_at(const vx_vec *v, size_t i);
void vx_vec_free(vx_vec *v);
#endif
