/* vec.c — growable arrays. */
#include "analyzer/vec.h"
#include <stdlib.h>
#include <string.h>

void vx_vec_init(vx_vec *v, size_t item_size)
{
    memset(v, 0, sizeof *v);
    v->item_size = item_size;
}

void *vx_vec_push(vx_vec *v)
{
    if (v->count == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 4;
        void *n = realloc(v->items, ncap * v->item_size);
        if (!n) return NULL;
        v->items = n;
        v->cap = ncap;
    }
    void *it = (char *)v->items + v->count * v->item_size;
    memset(it, 0, v->item_size);
    v->count++;
    return it;
}

void *vx_vec_at(const vx_vec *v, size_t i)
{
    return i < v->count ? (char *)v->items + i * v->item_size : NULL;
}

void vx_vec_free(vx_vec *v)
{
    free(v->items);
    memset(v, 0, sizeof *v);
}
