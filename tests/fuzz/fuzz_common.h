/* fuzz_common.h — helpers shared by the libFuzzer targets: an exact-size heap copy of the
 * input (so ASan sees any read one byte past the end) and invariant checks that abort. */
#ifndef VX_FUZZ_COMMON_H
#define VX_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exact-size copy; for size 0 returns a 1-byte allocation so callers get a valid pointer. */
static inline uint8_t *fz_copy(const uint8_t *data, size_t size)
{
    uint8_t *p = malloc(size ? size : 1);
    if (!p) abort();
    if (size) memcpy(p, data, size);
    return p;
}

/* Aborts (a libFuzzer crash) when an invariant of a dissector's output does not hold. */
#define FZ_CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); abort(); } } while (0)

/* A borrowed [p, p+n) span must lie inside [buf, buf+size). */
#define FZ_INSIDE(p, n, buf, size) \
    FZ_CHECK((n) == 0 || ((const uint8_t *)(p) >= (buf) && (size_t)((const uint8_t *)(p) - (buf)) + (n) <= (size)))

/* A fixed char array must hold a NUL within its bounds. */
#define FZ_STR(arr) FZ_CHECK(memchr((arr), '\0', sizeof(arr)) != NULL)
#endif
