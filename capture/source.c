/* source.c — opens capture files (plain or gzip, pcap or pcapng, or stdin) and hands out
 * their frames in timestamp order across files. Classic pcap records come from libpcap;
 * pcapng blocks from capture/pcapng.c. Each file keeps its own 1-based frame numbers. */
#include "capture/source.h"
#include "capture/pcapng.h"
#include "dissectors/link.h"
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

struct gz_cookie {
    gzFile gz;
    uint8_t peek[4];
    size_t peek_len, peek_pos;
};

struct input {
    struct vx_input_info info;
    FILE *f;
    struct gz_cookie *cookie;
    pcap_t *pcap;
    struct vx_pcapng ng;
    int dlt;
    uint64_t frame;
    uint64_t file_size;
    bool done;
    /* the current packet, when merging several inputs */
    bool has_pending;
    struct vx_packet pending;
    uint8_t *copy;
    size_t copy_size;
    /* a plain pcap file read through a memory mapping (no copies) */
    const uint8_t *map;
    size_t map_len, map_off;
    size_t map_released;          /* bytes at the start already given back to the kernel */
    bool map_swapped, map_nsec;
};

struct vx_source {
    int count;
    struct input in[VX_MAX_INPUTS];
};

static ssize_t gz_read(void *c, char *buf, size_t size)
{
    struct gz_cookie *k = c;
    size_t n = 0;
    while (k->peek_pos < k->peek_len && n < size) buf[n++] = (char)k->peek[k->peek_pos++];
    if (n == size) return (ssize_t)n;
    int r = gzread(k->gz, buf + n, (unsigned)(size - n > (1u << 30) ? (1u << 30) : size - n));
    if (r < 0) return n ? (ssize_t)n : -1;
    return (ssize_t)(n + (size_t)r);
}

static int gz_close(void *c)
{
    struct gz_cookie *k = c;
    gzclose(k->gz);
    free(k);
    return 0;
}

/* Opens path (or stdin) through zlib, which reads plain files transparently. */
static FILE *open_stream(struct input *in, const char *path, uint8_t magic[4], char *err, size_t errlen)
{
    if (strcmp(path, "-") != 0) {   /* plain files go straight to stdio: no extra copy */
        FILE *f = fopen(path, "rb");
        if (!f) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return NULL; }
        size_t got = fread(magic, 1, 4, f);
        if (got == 4 && !(magic[0] == 0x1f && magic[1] == 0x8b)) {
            rewind(f);
            setvbuf(f, NULL, _IOFBF, 256 * 1024);
            return f;
        }
        fclose(f);
        if (got < 4) { snprintf(err, errlen, "%s: truncated file header (%zu bytes)", path, got); return NULL; }
    }
    gzFile gz = strcmp(path, "-") == 0 ? gzdopen(0, "rb") : gzopen(path, "rb");
    if (!gz) { snprintf(err, errlen, "%s: %s", path, strerror(errno ? errno : ENOENT)); return NULL; }
    gzbuffer(gz, 256 * 1024);
    struct gz_cookie *k = calloc(1, sizeof *k);
    if (!k) { gzclose(gz); snprintf(err, errlen, "out of memory"); return NULL; }
    k->gz = gz;
    int got = gzread(gz, k->peek, 4);
    if (got < 4) {
        snprintf(err, errlen, "%s: truncated file header (%d bytes)", path, got < 0 ? 0 : got);
        gzclose(gz); free(k);
        return NULL;
    }
    memcpy(magic, k->peek, 4);
    k->peek_len = 4;
    in->info.compressed = !gzdirect(gz);
    cookie_io_functions_t io = { .read = gz_read, .close = gz_close };
    FILE *f = fopencookie(k, "r", io);
    if (!f) { gzclose(gz); free(k); snprintf(err, errlen, "out of memory"); return NULL; }
    in->cookie = k;
    setvbuf(f, NULL, _IOFBF, 256 * 1024);
    return f;
}

static void set_link_name(struct input *in, int dlt)
{
    const char *name = pcap_datalink_val_to_name(dlt);
    snprintf(in->info.link_type, sizeof in->info.link_type, "%s", name ? name : vx_link_name(dlt));
}

/* libpcap has checked the file header; a plain (not compressed) file is then read through a
 * mapping, its records walked with the same checks libpcap applies, without copying. */
static void map_file(struct input *in, const char *path, const uint8_t magic[4])
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 24) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL | MADV_WILLNEED);
            in->map = m;
            in->map_len = (size_t)st.st_size;
            in->map_off = 24;
            in->map_swapped = pcap_is_swapped(in->pcap) != 0;
            uint32_t mg = (uint32_t)magic[0] | (uint32_t)magic[1] << 8 | (uint32_t)magic[2] << 16 | (uint32_t)magic[3] << 24;
            in->map_nsec = mg == 0xa1b23c4du || mg == 0x4d3cb2a1u;
        }
    }
    close(fd);
}

static uint32_t map_u32(const struct input *in, const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return in->map_swapped ? __builtin_bswap32(v) : v;
}

#define PCAP_MAX_RECORD 262144u   /* libpcap's largest record for any link type */
#define MAP_RELEASE_STEP (8u << 20)
#define MAP_KEEP_BEHIND (4u << 20)   /* the packet in hand (and a pending one) stay mapped */

/* Pages already read are dropped from the process, so memory stays flat however large the
 * file is (they remain in the page cache; reading them again would fault them back in). */
static void release_mapped(struct input *in)
{
    if (in->map_off < in->map_released + MAP_RELEASE_STEP + MAP_KEEP_BEHIND) return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t upto = (in->map_off - MAP_KEEP_BEHIND) / page * page;
    if (upto <= in->map_released) return;
    madvise((void *)(in->map + in->map_released), upto - in->map_released, MADV_DONTNEED);
    in->map_released = upto;
}

static void note_error(struct input *in, bool truncated, const char *msg);

static int read_mapped(struct input *in, struct vx_packet *p)
{
    size_t left = in->map_len - in->map_off;
    if (left == 0) { in->done = true; return 0; }
    char msg[160];
    if (left < 16) {
        snprintf(msg, sizeof msg, "truncated dump file; tried to read 16 header bytes, only got %zu", left);
        note_error(in, true, msg);
        return 0;
    }
    const uint8_t *h = in->map + in->map_off;
    uint32_t sec = map_u32(in, h), frac = map_u32(in, h + 4), caplen = map_u32(in, h + 8), len = map_u32(in, h + 12);
    if (caplen > PCAP_MAX_RECORD) {
        snprintf(msg, sizeof msg, "invalid packet capture length %u, bigger than maximum of %u", caplen, PCAP_MAX_RECORD);
        note_error(in, false, msg);
        return 0;
    }
    if (caplen > left - 16) {
        snprintf(msg, sizeof msg, "truncated dump file; tried to read %u captured bytes, only got %zu", caplen, left - 16);
        note_error(in, true, msg);
        return 0;
    }
    in->map_off += 16 + (size_t)caplen;
    release_mapped(in);
    uint32_t snap = in->info.snaplen;
    p->data = h + 16;
    p->caplen = snap && caplen > snap ? snap : caplen;   /* as libpcap: the rest is discarded */
    p->len = len;
    p->ts_ns = (int64_t)sec * 1000000000LL + (int64_t)frac * (in->map_nsec ? 1 : 1000);
    p->dlt = in->dlt;
    return 1;
}

static int open_input(struct input *in, const char *path, char *err, size_t errlen)
{
    memset(in, 0, sizeof *in);
    snprintf(in->info.name, sizeof in->info.name, "%s", path);
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0) in->file_size = (uint64_t)st.st_size;
    uint8_t magic[4];
    in->f = open_stream(in, path, magic, err, errlen);
    if (!in->f) return -1;
    if (magic[0] == 0x0A && magic[1] == 0x0D && magic[2] == 0x0D && magic[3] == 0x0A) {
        in->info.pcapng = true;
        uint8_t skip[4];
        if (fread(skip, 1, 4, in->f) != 4 || vx_pcapng_open(&in->ng, in->f) != 0) {
            snprintf(err, errlen, "%s: %s", path, in->ng.error[0] ? in->ng.error : "truncated pcapng header");
            return -1;
        }
        snprintf(in->info.link_type, sizeof in->info.link_type, "pcapng");
        return 0;
    }
    char perr[PCAP_ERRBUF_SIZE] = "";
    in->pcap = pcap_fopen_offline_with_tstamp_precision(in->f, PCAP_TSTAMP_PRECISION_NANO, perr);
    if (!in->pcap) {
        snprintf(err, errlen, "%s: %s", path, perr[0] ? perr : "not a capture file");
        return -1;
    }
    in->f = NULL;   /* owned by libpcap now */
    in->dlt = pcap_datalink(in->pcap);
    in->info.snaplen = (uint32_t)pcap_snapshot(in->pcap);
    set_link_name(in, in->dlt);
    if (!vx_link_supported(in->dlt)) {
        snprintf(err, errlen, "%s: unsupported link type %s (%d)", path, in->info.link_type, in->dlt);
        return -1;
    }
    if (!in->cookie) map_file(in, path, magic);
    return 0;
}

static void note_error(struct input *in, bool truncated, const char *msg)
{
    in->done = true;
    if (truncated) in->info.truncated = true;
    else in->info.read_error = true;
    snprintf(in->info.error, sizeof in->info.error, "%s", msg);
}

static int read_pcap(struct input *in, struct vx_packet *p)
{
    struct pcap_pkthdr *h;
    const u_char *d;
    int rc = pcap_next_ex(in->pcap, &h, &d);
    if (rc == PCAP_ERROR_BREAK) { in->done = true; return 0; }
    if (rc != 1) {
        const char *e = pcap_geterr(in->pcap);
        note_error(in, strstr(e, "truncated") != NULL, e);
        return 0;
    }
    p->data = d;
    p->caplen = h->caplen;
    p->len = h->len;
    /* pcap seconds are unsigned 32-bit on disk; libpcap hands them over sign-extended */
    p->ts_ns = (int64_t)(uint32_t)h->ts.tv_sec * 1000000000LL + (int64_t)h->ts.tv_usec; /* nano precision */
    p->dlt = in->dlt;
    return 1;
}

static int read_ng(struct input *in, struct vx_packet *p)
{
    uint64_t before = in->ng.bad_blocks;
    enum vx_rec rc = vx_pcapng_next(&in->ng, &p->data, &p->caplen, &p->len, &p->ts_ns, &p->dlt);
    in->info.bad_records += in->ng.bad_blocks - before;
    if (rc == VX_REC_PACKET) {
        if (!in->info.packets) set_link_name(in, p->dlt);
        return 1;
    }
    if (rc == VX_REC_END) { in->done = true; return 0; }
    note_error(in, rc == VX_REC_TRUNCATED, rc == VX_REC_TRUNCATED ? "truncated pcapng block" : in->ng.error);
    return 0;
}

/* Reads one packet of one input and updates its facts. */
static int read_input(struct input *in, uint16_t index, struct vx_packet *p)
{
    if (in->done) return 0;
    int got = in->map ? read_mapped(in, p) : in->pcap ? read_pcap(in, p) : read_ng(in, p);
    if (!got) return 0;
    p->file_index = index;
    p->frame = ++in->frame;
    struct vx_input_info *i = &in->info;
    if (i->packets == 0) i->first_ts_ns = p->ts_ns;
    else if (p->ts_ns < i->last_ts_ns) i->out_of_order++;
    if (p->ts_ns > i->last_ts_ns || i->packets == 0) i->last_ts_ns = p->ts_ns;
    i->packets++;
    i->bytes += p->caplen;
    if (p->caplen < p->len) i->cut_by_snaplen++;
    if (p->caplen == 0 || p->caplen > p->len) i->bad_records++;
    return 1;
}

struct vx_source *vx_source_open(char *const *files, int count, char *err, size_t errlen)
{
    if (count < 1 || count > VX_MAX_INPUTS) {
        snprintf(err, errlen, "between 1 and %d capture files are needed", VX_MAX_INPUTS);
        return NULL;
    }
    struct vx_source *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, errlen, "out of memory"); return NULL; }
    for (int i = 0; i < count; i++) {
        s->count = i + 1;
        if (open_input(&s->in[i], files[i], err, errlen) != 0) { vx_source_close(s); return NULL; }
    }
    return s;
}

static bool keep_pending(struct input *in)
{
    struct vx_packet *p = &in->pending;
    if (in->map) return true;   /* points into the mapping, which stays */
    if (p->caplen > in->copy_size) {
        uint8_t *nb = realloc(in->copy, p->caplen);
        if (!nb) return false;
        in->copy = nb;
        in->copy_size = p->caplen;
    }
    if (p->caplen) memcpy(in->copy, p->data, p->caplen);
    p->data = in->copy;
    return true;
}

int vx_source_next(struct vx_source *s, struct vx_packet *pkt)
{
    if (s->count == 1) return read_input(&s->in[0], 0, pkt);
    int best = -1;
    for (int i = 0; i < s->count; i++) {
        struct input *in = &s->in[i];
        if (!in->has_pending && read_input(in, (uint16_t)i, &in->pending)) {
            in->has_pending = keep_pending(in);
        }
        if (in->has_pending && (best < 0 || in->pending.ts_ns < s->in[best].pending.ts_ns)) best = i;
    }
    if (best < 0) return 0;
    *pkt = s->in[best].pending;
    s->in[best].has_pending = false;
    return 1;
}

int vx_source_count(const struct vx_source *s) { return s->count; }

bool vx_source_zero_copy(const struct vx_source *s)
{
    for (int i = 0; i < s->count; i++) if (!s->in[i].map) return false;
    return true;
}
const struct vx_input_info *vx_source_info(const struct vx_source *s, int i) { return &s->in[i].info; }

double vx_source_progress(const struct vx_source *s)
{
    uint64_t total = 0, done = 0;
    for (int i = 0; i < s->count; i++) {
        const struct input *in = &s->in[i];
        if (!in->file_size) return -1;
        total += in->file_size;
        if (in->done) done += in->file_size;
        else if (in->cookie) done += (uint64_t)gzoffset(in->cookie->gz);
        else if (in->map) done += in->map_off;
        else if (in->pcap) done += (uint64_t)ftell(pcap_file(in->pcap));
        else if (in->f) done += (uint64_t)ftell(in->f);
    }
    return total ? (double)done / (double)total : -1;
}

void vx_source_close(struct vx_source *s)
{
    if (!s) return;
    for (int i = 0; i < s->count; i++) {
        struct input *in = &s->in[i];
        if (in->map) munmap((void *)in->map, in->map_len);
        if (in->pcap) pcap_close(in->pcap);
        else if (in->f) fclose(in->f);
        if (in->info.pcapng) vx_pcapng_close(&in->ng);
        free(in->copy);
    }
    free(s);
}
