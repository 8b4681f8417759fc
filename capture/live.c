/* live.c — libpcap live capture threads feeding SPSC rings (see live.h). Each interface is
 * opened with pcap_create + a large kernel buffer (TPACKET_V3) + nanosecond timestamps,
 * put in non-blocking mode, and read by its own thread that polls the selectable descriptor
 * and dispatches into the ring. Only the capture thread touches its pcap_t while running
 * (libpcap handles are not thread-safe); it publishes pcap_stats through atomics. */
#include "capture/live.h"
#include <errno.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct iface {
    char name[64];
    pcap_t *p;
    int dlt;
    uint32_t snaplen;
    bool nano;
    char filter[1024];
    struct vx_ring *ring;
    pthread_t thread;
    bool started;
    _Atomic bool *stop;
    _Atomic uint64_t recv, drop, ifdrop;
    _Atomic bool failed;
    char error[PCAP_ERRBUF_SIZE + 64];
};

struct vx_live {
    int count;
    struct iface ifs[VX_LIVE_MAX_IFACES];
    _Atomic bool stop;
};

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ---- opening ---- */

static int set_filter(struct iface *f, const char *expr, char *err, size_t errlen)
{
    struct bpf_program prog;
    if (pcap_compile(f->p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        snprintf(err, errlen, "%s: bad filter: %s", f->name, pcap_geterr(f->p));
        return -1;
    }
    int rc = pcap_setfilter(f->p, &prog);
    pcap_freecode(&prog);
    if (rc != 0) { snprintf(err, errlen, "%s: cannot set filter: %s", f->name, pcap_geterr(f->p)); return -1; }
    snprintf(f->filter, sizeof f->filter, "%s", expr);
    return 0;
}

static int apply_filters(struct iface *f, const struct vx_live_opts *o, char *err, size_t errlen)
{
    if (!o->filter || !o->filter[0]) return 0;
    if (set_filter(f, o->filter, err, errlen) == 0) return 0;
    if (o->filter_fallback && o->filter_fallback[0]) return set_filter(f, o->filter_fallback, err, errlen);
    return -1;
}

static void configure(struct iface *f, const struct vx_live_opts *o)
{
    pcap_set_snaplen(f->p, o->snaplen ? (int)o->snaplen : 262144);
    if (strcmp(f->name, "any") != 0) pcap_set_promisc(f->p, 1);   /* a span port sees others' traffic */
    /* Not immediate mode: on Linux that selects TPACKET_V2, whose fixed-size frames (one per
     * snaplen) leave a 32 MiB buffer only ~120 packets deep. TPACKET_V3 packs frames into
     * blocks handed over when full or after the timeout: higher rates, at most 50 ms late. */
    pcap_set_buffer_size(f->p, o->buffer_bytes ? (int)o->buffer_bytes : 32 << 20);
    pcap_set_timeout(f->p, 50);
    f->nano = pcap_set_tstamp_precision(f->p, PCAP_TSTAMP_PRECISION_NANO) == 0;
}

static int open_iface(struct iface *f, const struct vx_live_opts *o, bool *perm, char *err, size_t errlen)
{
    char ebuf[PCAP_ERRBUF_SIZE] = "";
    f->p = pcap_create(f->name, ebuf);
    if (!f->p) { snprintf(err, errlen, "%s: %s", f->name, ebuf); return -1; }
    configure(f, o);
    int rc = pcap_activate(f->p);
    if (rc < 0) {
        *perm = rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED;
        const char *why = rc == PCAP_ERROR_NO_SUCH_DEVICE ? "no such interface (see ip link)"
                        : rc == PCAP_ERROR_IFACE_NOT_UP ? "the interface is down"
                        : pcap_geterr(f->p);
        snprintf(err, errlen, "%s: %s%s%s", f->name, pcap_statustostr(rc), why[0] ? ": " : "", why);
        return -1;
    }
    if (rc > 0) fprintf(stderr, "vxdiag: %s: %s: %s\n", f->name, pcap_statustostr(rc), pcap_geterr(f->p));
    if (pcap_get_tstamp_precision(f->p) != PCAP_TSTAMP_PRECISION_NANO) f->nano = false;
    f->dlt = pcap_datalink(f->p);
    f->snaplen = (uint32_t)pcap_snapshot(f->p);
    if (apply_filters(f, o, err, errlen) != 0) return -1;
    if (pcap_setnonblock(f->p, 1, ebuf) != 0) { snprintf(err, errlen, "%s: %s", f->name, ebuf); return -1; }
    f->ring = vx_ring_new(o->ring_slots ? o->ring_slots : 65536, o->ring_bytes ? o->ring_bytes : (64u << 20));
    if (!f->ring) { snprintf(err, errlen, "out of memory for the capture ring"); return -1; }
    return 0;
}

struct vx_live *vx_live_open(const struct vx_live_opts *o, bool *perm_denied, char *err, size_t errlen)
{
    *perm_denied = false;
    if (o->iface_count < 1 || o->iface_count > VX_LIVE_MAX_IFACES) {
        snprintf(err, errlen, "between 1 and %d interfaces (-i) are needed", VX_LIVE_MAX_IFACES);
        return NULL;
    }
    struct vx_live *l = calloc(1, sizeof *l);
    if (!l) { snprintf(err, errlen, "out of memory"); return NULL; }
    for (int i = 0; i < o->iface_count; i++) {
        struct iface *f = &l->ifs[l->count++];
        snprintf(f->name, sizeof f->name, "%s", o->ifaces[i]);
        f->stop = &l->stop;
        if (open_iface(f, o, perm_denied, err, errlen) != 0) { vx_live_close(l); return NULL; }
    }
    return l;
}

/* ---- the capture thread ---- */

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
    struct iface *f = (struct iface *)user;
    int64_t ns = (int64_t)h->ts.tv_sec * 1000000000LL + (int64_t)h->ts.tv_usec * (f->nano ? 1 : 1000);
    vx_ring_push(f->ring, bytes, h->caplen, h->len, ns);
}

static void publish_stats(struct iface *f)
{
    struct pcap_stat st;
    if (pcap_stats(f->p, &st) != 0) return;
    atomic_store(&f->recv, st.ps_recv);
    atomic_store(&f->drop, st.ps_drop);
    atomic_store(&f->ifdrop, st.ps_ifdrop);
}

static void *capture_thread(void *arg)
{
    struct iface *f = arg;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);   /* signals go to the analysis thread */
    struct pollfd pfd = { .fd = pcap_get_selectable_fd(f->p), .events = POLLIN };
    int64_t next_stats = 0;
    while (!atomic_load_explicit(f->stop, memory_order_relaxed)) {
        if (pfd.fd >= 0) poll(&pfd, 1, 50);
        int n = pcap_dispatch(f->p, 4096, on_packet, (u_char *)f);
        if (n < 0) {
            snprintf(f->error, sizeof f->error, "%s: capture stopped: %s", f->name, pcap_geterr(f->p));
            atomic_store(&f->failed, true);
            break;
        }
        int64_t t = now_ms();
        if (t >= next_stats) { publish_stats(f); next_stats = t + 500; }
    }
    publish_stats(f);
    return NULL;
}

int vx_live_start(struct vx_live *l, char *err, size_t errlen)
{
    for (int i = 0; i < l->count; i++) {
        struct iface *f = &l->ifs[i];
        int rc = pthread_create(&f->thread, NULL, capture_thread, f);
        if (rc != 0) { snprintf(err, errlen, "cannot start a capture thread: %s", strerror(rc)); vx_live_stop(l); return -1; }
        f->started = true;
    }
    return 0;
}

/* ---- the analysis side ---- */

int vx_live_count(const struct vx_live *l) { return l->count; }
const char *vx_live_name(const struct vx_live *l, int i) { return l->ifs[i].name; }
int vx_live_dlt(const struct vx_live *l, int i) { return l->ifs[i].dlt; }
uint32_t vx_live_snaplen(const struct vx_live *l, int i) { return l->ifs[i].snaplen; }
const char *vx_live_filter(const struct vx_live *l, int i) { return l->ifs[i].filter; }

bool vx_live_peek(struct vx_live *l, int *iface, struct vx_ring_pkt *p, bool *complete)
{
    bool found = false;
    *complete = true;
    for (int i = 0; i < l->count; i++) {
        struct vx_ring_pkt q;
        if (!vx_ring_peek(l->ifs[i].ring, &q)) { *complete = false; continue; }
        if (!found || q.ts_ns < p->ts_ns) { *p = q; *iface = i; found = true; }
    }
    return found;
}

void vx_live_release(struct vx_live *l, int iface) { vx_ring_release(l->ifs[iface].ring); }

void vx_live_stats(const struct vx_live *l, int iface, struct vx_live_stats *s)
{
    struct iface *f = (struct iface *)&l->ifs[iface];
    s->received = atomic_load(&f->recv);
    s->kernel_drops = atomic_load(&f->drop);
    s->iface_drops = atomic_load(&f->ifdrop);
    s->ring_drops = vx_ring_drops(f->ring);
    s->captured = vx_ring_pushed(f->ring);
}

bool vx_live_failed(const struct vx_live *l, char *err, size_t errlen)
{
    for (int i = 0; i < l->count; i++) {
        struct iface *f = (struct iface *)&l->ifs[i];
        if (atomic_load(&f->failed)) { snprintf(err, errlen, "%s", f->error); return true; }
    }
    return false;
}

void vx_live_stop(struct vx_live *l)
{
    atomic_store(&l->stop, true);
    for (int i = 0; i < l->count; i++) {
        if (l->ifs[i].started) pthread_join(l->ifs[i].thread, NULL);
        l->ifs[i].started = false;
    }
}

void vx_live_close(struct vx_live *l)
{
    if (!l) return;
    vx_live_stop(l);
    for (int i = 0; i < l->count; i++) {
        if (l->ifs[i].p) pcap_close(l->ifs[i].p);
        vx_ring_free(l->ifs[i].ring);
    }
    free(l);
}
