/* reader.h — the one bounds-checked cursor every dissector reads packet bytes through.
 * A read past the end never touches memory: it returns 0 and sets `bad`, which sticks. */
#ifndef VX_READER_H
#define VX_READER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const uint8_t *data;
    size_t len;
    size_t pos;
    bool bad;
} vx_reader;

static inline vx_reader rd_init(const uint8_t *data, size_t len)
{
    vx_reader r = { data, data ? len : 0, 0, false };
    return r;
}
static inline size_t rd_left(const vx_reader *r) { return r->bad ? 0 : r->len - r->pos; }
static inline bool rd_has(const vx_reader *r, size_t n) { return !r->bad && r->len - r->pos >= n; }
static inline const uint8_t *rd_here(const vx_reader *r) { return r->data + r->pos; }

static inline bool rd_skip(vx_reader *r, size_t n)
{
    if (!rd_has(r, n)) { r->bad = true; return false; }
    r->pos += n;
    return true;
}
/* Returns a pointer to n readable bytes and advances, or NULL (and marks bad). */
static inline const uint8_t *rd_take(vx_reader *r, size_t n)
{
    if (!rd_has(r, n)) { r->bad = true; return NULL; }
    const uint8_t *p = r->data + r->pos;
    r->pos += n;
    return p;
}
static inline uint8_t rd_u8(vx_reader *r)
{
    const uint8_t *p = rd_take(r, 1);
    return p ? p[0] : 0;
}
static inline uint16_t rd_be16(vx_reader *r)
{
    const uint8_t *p = rd_take(r, 2);
    return p ? (uint16_t)((p[0] << 8) | p[1]) : 0;
}
static inline uint32_t rd_be24(vx_reader *r)
{
    const uint8_t *p = rd_take(r, 3);
    return p ? ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2] : 0;
}
static inline uint32_t rd_be32(vx_reader *r)
{
    const uint8_t *p = rd_take(r, 4);
    return p ? ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3] : 0;
}
static inline uint16_t rd_le16(vx_reader *r)
{
    const uint8_t *p = rd_take(r, 2);
    return p ? (uint16_t)(p[0] | (p[1] << 8)) : 0;
}
static inline uint32_t rd_le32(vx_reader *r)
{
    const uint8_t *p = rd_take(r, 4);
    return p ? (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24) : 0;
}
/* A sub-reader over the next n bytes (clipped to what is there); advances the parent. */
static inline vx_reader rd_sub(vx_reader *r, size_t n)
{
    size_t have = rd_left(r);
    if (n > have) n = have;
    vx_reader s = rd_init(r->data + r->pos, n);
    r->pos += n;
    return s;
}
#endif
