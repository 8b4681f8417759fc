/* live_cmd.c — `vxdiag live`. Order of work, as tcpdump does it: open and activate the
 * interfaces (needs root or CAP_NET_RAW), open the first -w file, the --out file and the HEP
 * socket, then drop to an unprivileged user with no capabilities, and only then start the
 * capture threads. The analysis thread (this one) takes packets out of the rings, writes
 * each to the -w file and analyses it in that same order, so frame numbers in the live
 * report are those of the saved file. Stops on --duration, --count, SIGINT/SIGTERM or a
 * capture error; still writes the report and closes the file.
 * With the TUI (a terminal, no --no-tui) the analysis runs in its own thread and the TUI in
 * this one: the analysis takes packets in short batches under a mutex (capture threads never
 * take it, they only fill the rings); the TUI takes the same mutex to make the unfinished
 * analysis presentable (analyzer/snapshot.h) and draw, a few times a second. */
#include "ui/live_cmd.h"
#include "analyzer/analyzer.h"
#include "analyzer/rules.h"
#include "analyzer/snapshot.h"
#include "capture/live.h"
#include "capture/privs.h"
#include "capture/writer.h"
#include "ui/hep.h"
#include "ui/tui.h"
#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The TUI, when this build has it (another module; weak so live works without it). */
extern int vx_tui_run_live(struct vx_analysis *a, const struct vx_tui_live *live) __attribute__((weak));

/* Batches of the analysis thread in TUI mode: the lock is released at least this often. */
#define VX_LIVE_BATCH_TUI 512
#define VX_LIVE_BATCH_MS 20
#define VX_LIVE_BATCH_HEADLESS 4096
#define VX_LIVE_TICK_MS 250

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig) { stop_signal = sig; }

struct run {
    const struct vx_cli *cli;
    struct vx_live *live;
    struct vx_writer *w;
    struct vx_hep *hep;
    struct vx_analysis *a;
    int out_fd;
    bool status_line;
    bool write_failed;
    bool quiet;                /* the TUI owns the terminal: messages wait in note */
    uint64_t analysed;
    int64_t start_ms, next_status_ms, next_flush_ms;
    char ifnames[256];
    char note[700];            /* a message for stderr once the terminal is free again */
    bool writer_incomplete;    /* -w could not be completed (reported at the end) */
    int batch_max;
    /* TUI mode */
    pthread_mutex_t lock;      /* guards r->a (and analysed, note) between the two threads */
    pthread_t thread;
    bool thread_running;
    atomic_bool ui_waiting;    /* the TUI waits for the lock: the analysis thread lets it in */
    atomic_bool stop_req;      /* the TUI asks the analysis thread to stop */
    atomic_bool capture_done;  /* the analysis thread left its loop */
    bool count_reached;
    bool finished;             /* vx_analysis_finish ran: the analysis is final */
    int close_rc;              /* close_capture's status, kept for the exit status */
    struct vx_snapshot snap;
    int64_t rate_ms;
    uint64_t rate_count;
    double rate;
};

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A message for the user: now on stderr, or once the TUI has given the terminal back. */
static void notice(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void notice(struct run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (r->quiet) vsnprintf(r->note, sizeof r->note, fmt, ap);
    else { fputc('\n', stderr); vfprintf(stderr, fmt, ap); fputc('\n', stderr); }
    va_end(ap);
}

/* ---- the capture filter ---- */

static void add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len >= size) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0) *len = (size_t)n < size - *len ? *len + (size_t)n : size;
}

static void add_host(char *buf, size_t size, size_t *len, const vx_addr *a)
{
    char t[VX_ADDR_STRLEN];
    if (a->family) add(buf, size, len, "host %s or ", vx_addr_str(a, t, sizeof t));
}

/* The VoIP part: everything a VoiceX diagnosis reads, and nothing else. */
static void voip_filter(const struct vx_profile *p, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < p->server_count; i++) add_host(buf, size, &len, &p->servers[i].addr);
    for (int i = 0; i < p->app_host_count; i++) add_host(buf, size, &len, &p->app_hosts[i].addr);
    for (int i = 0; i < p->stun_host_count; i++) add_host(buf, size, &len, &p->stun_hosts[i]);
    add(buf, size, &len, "udp port %u or udp port 3478 or ", (unsigned)(p->stun_port ? p->stun_port : 19302));
    for (int i = 0; i < p->sip_port_count; i++) add(buf, size, &len, "port %u or ", (unsigned)p->sip_ports[i]);
    if (p->rtp_port_min && p->rtp_port_max >= p->rtp_port_min)
        add(buf, size, &len, "udp portrange %u-%u or ", (unsigned)p->rtp_port_min, (unsigned)p->rtp_port_max);
    /* ICMP errors about SIP/RTP, and IP fragments (later fragments carry no ports) */
    add(buf, size, &len, "icmp or icmp6 or (ip[6:2] & 0x3fff != 0) or (ip6 and ip6[6] == 44)");
}

void vx_live_build_filter(const struct vx_cli *cli, bool vlan, char *buf, size_t size)
{
    const char *user = cli->filter && cli->filter[0] ? cli->filter : NULL;
    if (cli->all_traffic) { snprintf(buf, size, "%s", user ? user : ""); return; }
    char base[3072];
    voip_filter(&cli->profile, base, sizeof base);
    char both[7000];
    if (vlan) snprintf(both, sizeof both, "(%s) or (vlan and (%s))", base, base);
    else snprintf(both, sizeof both, "%s", base);
    if (user) snprintf(buf, size, "(%s) and (%s)", both, user);
    else snprintf(buf, size, "%s", both);
}

/* ---- setup ---- */

static struct vx_live *open_capture(const struct vx_cli *cli)
{
    char filter[8192], fallback[8192];      /* copied by vx_live_open */
    vx_live_build_filter(cli, true, filter, sizeof filter);
    vx_live_build_filter(cli, false, fallback, sizeof fallback);
    struct vx_live_opts o = { .iface_count = cli->iface_count, .filter = filter,
                              .filter_fallback = fallback, .ring_slots = cli->ring_slots };
    for (int i = 0; i < cli->iface_count; i++) o.ifaces[i] = cli->ifaces[i];
    char err[512];
    bool perm = false;
    struct vx_live *l = vx_live_open(&o, &perm, err, sizeof err);
    if (!l) {
        fprintf(stderr, "vxdiag: %s\n", err);
        if (perm) fprintf(stderr, "vxdiag: %s\n", vx_privs_advice());
    }
    return l;
}

static struct vx_writer *open_writer(const struct vx_cli *cli, const struct vx_live *l)
{
    struct vx_writer_iface ifs[VX_WRITER_MAX_IFACES];
    int n = vx_live_count(l);
    for (int i = 0; i < n; i++) {
        snprintf(ifs[i].name, sizeof ifs[i].name, "%s", vx_live_name(l, i));
        ifs[i].dlt = vx_live_dlt(l, i);
        ifs[i].snaplen = vx_live_snaplen(l, i);
    }
    struct vx_writer_opts o = { cli->rotate_mb * 1000000ull, (int64_t)cli->rotate_s * 1000000000LL };
    char err[600];
    struct vx_writer *w = vx_writer_open(cli->write_file, ifs, n, &o, err, sizeof err);
    if (!w) fprintf(stderr, "vxdiag: -w: %s\n", err);
    return w;
}

static int open_outputs(struct run *r)
{
    const struct vx_cli *cli = r->cli;
    r->out_fd = -1;
    if (cli->write_file && !(r->w = open_writer(cli, r->live))) return -1;
    if (cli->out && strcmp(cli->out, "-") != 0) {
        r->out_fd = open(cli->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (r->out_fd < 0) { fprintf(stderr, "vxdiag: cannot write %s: %s\n", cli->out, strerror(errno)); return -1; }
    }
    if (cli->hep) {
        char err[400];
        r->hep = vx_hep_open(cli->hep, cli->hep_id, err, sizeof err);
        if (!r->hep) { fprintf(stderr, "vxdiag: %s\n", err); return -1; }
    }
    return 0;
}

static int drop_privileges(const struct run *r)
{
    struct vx_privs_result pr;
    char err[256];
    bool rotation = r->w && (r->cli->rotate_mb || r->cli->rotate_s);
    if (vx_privs_drop(r->cli->user, rotation, &pr, err, sizeof err) != 0) {
        fprintf(stderr, "vxdiag: cannot drop privileges: %s; stopping\n", err);
        return -1;
    }
    if (pr.changed_user)
        fprintf(stderr, "vxdiag: running as %s (uid %u), capabilities cleared%s\n", pr.user, pr.uid,
                pr.kept_dac_override ? " except CAP_DAC_OVERRIDE (for -C/-G rotation)" : "");
    return 0;
}

static void name_inputs(struct run *r)
{
    size_t len = 0;
    r->ifnames[0] = '\0';
    for (int i = 0; i < vx_live_count(r->live); i++)
        add(r->ifnames, sizeof r->ifnames, &len, "%s%s", i ? "," : "", vx_live_name(r->live, i));
    r->a->input_count = 1;
    struct vx_input_info *in = &r->a->inputs[0];
    if (r->w) vx_writer_path(r->w, 0, in->name, sizeof in->name);
    else snprintf(in->name, sizeof in->name, "live:%s", r->ifnames);
    in->pcapng = r->w != NULL;
    in->snaplen = vx_live_snaplen(r->live, 0);
}

/* ---- the analysis loop ---- */

/* Input facts per file, as capture/source.c records them when reading the file. */
static void note_packet(struct vx_input_info *i, const struct vx_packet *p)
{
    if (i->packets == 0) {
        i->first_ts_ns = p->ts_ns;
        const char *n = pcap_datalink_val_to_name(p->dlt);
        snprintf(i->link_type, sizeof i->link_type, "%s", n ? n : "unknown");
    } else if (p->ts_ns < i->last_ts_ns) i->out_of_order++;
    if (p->ts_ns > i->last_ts_ns || i->packets == 0) i->last_ts_ns = p->ts_ns;
    i->packets++;
    i->bytes += p->caplen;
    if (p->caplen < p->len) i->cut_by_snaplen++;
    if (p->caplen == 0 || p->caplen > p->len) i->bad_records++;
}

/* Which input (file) the packet goes to: the -w file it was written into. */
static int save_packet(struct run *r, int iface, const struct vx_ring_pkt *q)
{
    if (!r->w || r->write_failed) return r->a->input_count - 1;
    char err[600];
    int file = vx_writer_write(r->w, iface, q->data, q->caplen, q->len, q->ts_ns, err, sizeof err);
    if (file < 0) {
        notice(r, "vxdiag: -w: %s; no longer saving (analysis goes on)", err);
        r->write_failed = true;
        return r->a->input_count - 1;
    }
    if (file >= VX_MAX_INPUTS) file = VX_MAX_INPUTS - 1;
    while (r->a->input_count <= file) {
        struct vx_input_info *in = &r->a->inputs[r->a->input_count];
        *in = r->a->inputs[0];
        in->packets = in->bytes = in->out_of_order = in->cut_by_snaplen = in->bad_records = 0;
        vx_writer_path(r->w, r->a->input_count, in->name, sizeof in->name);
        r->a->input_count++;
    }
    return file;
}

static void take_packet(struct run *r, int iface, const struct vx_ring_pkt *q)
{
    int file = save_packet(r, iface, q);
    struct vx_input_info *in = &r->a->inputs[file];
    struct vx_packet p = { q->data, q->caplen, q->len, q->ts_ns, vx_live_dlt(r->live, iface),
                           (uint16_t)file, in->packets + 1 };
    note_packet(in, &p);
    vx_analyze_packet(r->a, &p);
    r->analysed++;
}

static void totals(const struct run *r, struct vx_live_stats *t)
{
    memset(t, 0, sizeof *t);
    for (int i = 0; i < vx_live_count(r->live); i++) {
        struct vx_live_stats s;
        vx_live_stats(r->live, i, &s);
        t->received += s.received; t->kernel_drops += s.kernel_drops; t->iface_drops += s.iface_drops;
        t->ring_drops += s.ring_drops; t->captured += s.captured;
    }
}

static void show_status(struct run *r, bool final)
{
    struct vx_live_stats t;
    totals(r, &t);
    double secs = (double)(now_ms() - r->start_ms) / 1000.0;
    fprintf(stderr, "\r\033[Kvxdiag live %s: %.0fs  %llu packets  %zu calls  %zu streams  %zu SIP  "
            "drops: kernel %llu  interface %llu  ring %llu%s", r->ifnames, secs,
            (unsigned long long)r->analysed, r->a->calls.count, r->a->streams.count, r->a->messages.count,
            (unsigned long long)t.kernel_drops, (unsigned long long)t.iface_drops,
            (unsigned long long)t.ring_drops, final ? "\n" : "");
}

static bool should_stop(struct run *r, int64_t t)
{
    if (stop_signal || atomic_load(&r->stop_req)) return true;
    if (r->cli->duration_s > 0 && (double)(t - r->start_ms) >= r->cli->duration_s * 1000.0) return true;
    char err[600];
    if (vx_live_failed(r->live, err, sizeof err)) {
        pthread_mutex_lock(&r->lock);
        notice(r, "vxdiag: %s", err);
        pthread_mutex_unlock(&r->lock);
        return true;
    }
    return false;
}

static void periodic(struct run *r, int64_t t)
{
    if (r->status_line && t >= r->next_status_ms) { show_status(r, false); r->next_status_ms = t + 1000; }
    if (r->w && t >= r->next_flush_ms) { vx_writer_flush(r->w); r->next_flush_ms = t + 1000; }
}

static int64_t wall_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* With several interfaces, a packet is taken only when every ring has one (so the merge by
 * time is exact) or when it is older than the kernel's delivery delay: the analysis and the
 * -w file then see one timeline, not interleaved bursts. */
#define VX_LIVE_REORDER_NS 200000000LL

static bool next_packet(struct run *r, int *iface, struct vx_ring_pkt *q, int64_t *horizon)
{
    bool complete;
    if (!vx_live_peek(r->live, iface, q, &complete)) return false;
    if (complete || vx_live_count(r->live) == 1) return true;
    if (q->ts_ns < *horizon) return true;
    *horizon = wall_ns() - VX_LIVE_REORDER_NS;
    return q->ts_ns < *horizon;
}

/* One batch under the lock: at most batch_max packets and (with the TUI) about
 * VX_LIVE_BATCH_MS. Returns how many were taken; *reached when --count was reached. */
static int take_batch(struct run *r, bool *reached)
{
    const uint64_t limit = r->cli->count;
    int iface, burst = 0;
    struct vx_ring_pkt q;
    int64_t horizon = 0, until = r->quiet ? now_ms() + VX_LIVE_BATCH_MS : 0;
    pthread_mutex_lock(&r->lock);
    while (burst < r->batch_max && next_packet(r, &iface, &q, &horizon)) {
        take_packet(r, iface, &q);
        vx_live_release(r->live, iface);
        burst++;
        if (limit && r->analysed >= limit) { *reached = true; break; }
        if (until && (burst & 31) == 0 && now_ms() >= until) break;
    }
    pthread_mutex_unlock(&r->lock);
    return burst;
}

/* The TUI is waiting for the lock: let it have it (mutexes are not fair), briefly. */
static void yield_to_ui(struct run *r)
{
    for (int i = 0; i < 500 && atomic_load(&r->ui_waiting); i++) {
        struct timespec nap = { 0, 100000 };
        nanosleep(&nap, NULL);
    }
}

/* Drains the rings until a stop condition; true when --count was reached. */
static bool capture_loop(struct run *r)
{
    for (;;) {
        bool reached = false;
        int burst = take_batch(r, &reached);
        if (reached) return true;
        int64_t t = now_ms();
        if (should_stop(r, t)) return false;
        periodic(r, t);
        yield_to_ui(r);
        if (burst == 0) {
            struct timespec nap = { 0, 200000 };   /* 0.2 ms: rings hold seconds of traffic */
            nanosleep(&nap, NULL);
        }
    }
}

/* After the threads stopped: what is still in the rings was captured, so analyse it. */
static void drain(struct run *r)
{
    int iface;
    struct vx_ring_pkt q;
    bool complete;
    while ((!r->cli->count || r->analysed < r->cli->count) && vx_live_peek(r->live, &iface, &q, &complete)) {
        take_packet(r, iface, &q);
        vx_live_release(r->live, iface);
    }
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;    /* a second Ctrl-C kills at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* ---- the end ---- */

static void note_drops(struct run *r, struct vx_live_stats *t)
{
    totals(r, t);
    r->a->c.live_drops_kernel = t->kernel_drops;
    r->a->c.live_drops_iface = t->iface_drops;
    r->a->c.live_drops_ring = t->ring_drops;
}

/* Final drop counts into the analysis, pcapng statistics, the -w file closed. 0 or 2. */
static int close_capture(struct run *r)
{
    struct vx_live_stats t;
    note_drops(r, &t);
    if (r->status_line) show_status(r, true);
    int rc = 0;
    if (r->w) {
        for (int i = 0; i < vx_live_count(r->live); i++) {
            struct vx_live_stats s;
            vx_live_stats(r->live, i, &s);
            vx_writer_set_stats(r->w, i, s.received, s.kernel_drops + s.ring_drops);
        }
        if (vx_writer_close(r->w) != 0 && !r->write_failed) {
            r->writer_incomplete = true;
            rc = 2;
        }
        r->w = NULL;
    }
    return rc;
}

/* What the capture came to, on stderr (after the TUI, when there is one). */
static void print_summary(const struct run *r)
{
    struct vx_live_stats t;
    totals(r, &t);
    if (r->note[0]) fprintf(stderr, "%s\n", r->note);
    if (r->writer_incomplete) fprintf(stderr, "vxdiag: -w %s: the file could not be completed\n", r->cli->write_file);
    fprintf(stderr, "vxdiag: %llu packets analysed; dropped: kernel %llu, interface %llu, ring %llu\n",
            (unsigned long long)r->analysed, (unsigned long long)t.kernel_drops,
            (unsigned long long)t.iface_drops, (unsigned long long)t.ring_drops);
    if (r->hep) {
        struct vx_hep_counts hc;
        vx_hep_counts(r->hep, &hc);
        fprintf(stderr, "vxdiag: HEP: %llu sent, %llu failed, %llu too large\n", (unsigned long long)hc.sent,
                (unsigned long long)hc.failed, (unsigned long long)hc.too_big);
    }
}

static bool tui_wanted(const struct vx_cli *cli)
{
    if (cli->no_tui) return false;
    if (!vx_tui_run_live || !isatty(0) || !isatty(1)) {
        fprintf(stderr, "vxdiag: %s: running headless (as --no-tui); the report is printed at the end\n",
                !vx_tui_run_live ? "this build has no TUI" : "not a terminal");
        return false;
    }
    return true;
}

static int report(struct run *r, vx_report_fn write_report)
{
    struct vx_cli c = *r->cli;
    if (r->out_fd >= 0) {          /* opened before privileges were dropped */
        fflush(stdout);
        if (dup2(r->out_fd, 1) < 0) { fprintf(stderr, "vxdiag: cannot write %s\n", c.out); return 2; }
        close(r->out_fd);
        r->out_fd = -1;
        c.out = NULL;
    }
    return write_report(&c, r->a);
}

static int check_options(const struct vx_cli *cli)
{
    if (!cli->iface_count) {
        fprintf(stderr, "vxdiag: live needs an interface: -i IFACE (or -i any; see ip link)\n");
        return -1;
    }
    if (cli->file_count) {
        fprintf(stderr, "vxdiag: live takes no capture files (to analyse a file: vxdiag report FILE)\n");
        return -1;
    }
    if ((cli->rotate_mb || cli->rotate_s) && !cli->write_file) {
        fprintf(stderr, "vxdiag: -C and -G need -w FILE\n");
        return -1;
    }
    return 0;
}

/* ---- with the TUI ---- */

static void *analysis_main(void *arg)
{
    struct run *r = arg;
    r->count_reached = capture_loop(r);
    atomic_store(&r->capture_done, true);
    return NULL;
}

/* Stops capture and makes the analysis final (the TUI may still show it). Called with the
 * lock held or after the TUI closed; the analysis thread has left its loop or is told to. */
static int conclude(struct run *r)
{
    if (r->finished) return r->close_rc;
    atomic_store(&r->stop_req, true);
    if (r->thread_running) {
        pthread_mutex_unlock(&r->lock);      /* the thread may be waiting for it */
        pthread_join(r->thread, NULL);
        pthread_mutex_lock(&r->lock);
        r->thread_running = false;
    }
    vx_snapshot_undo(r->a, &r->snap);
    vx_live_stop(r->live);
    if (!r->count_reached) drain(r);
    r->close_rc = close_capture(r);
    vx_analysis_finish(r->a, NULL);
    vx_rules_run(r->a);
    r->finished = true;
    return r->close_rc;
}

static void tui_lock(void *ctx, bool allow_rules)
{
    struct run *r = ctx;
    atomic_store(&r->ui_waiting, true);
    pthread_mutex_lock(&r->lock);
    atomic_store(&r->ui_waiting, false);
    if (r->finished) return;
    if (atomic_load(&r->capture_done)) {     /* --duration, --count or a capture error */
        conclude(r);                         /* the TUI goes on showing the final analysis */
        return;
    }
    struct vx_live_stats t;
    note_drops(r, &t);
    vx_snapshot_apply(r->a, &r->snap, allow_rules, false);
}

static void tui_unlock(void *ctx)
{
    struct run *r = ctx;
    if (!r->finished) vx_snapshot_undo(r->a, &r->snap);
    pthread_mutex_unlock(&r->lock);
}

/* The header's live text: state, interfaces, packets, rate, drops. */
static bool tui_status(void *ctx, char *buf, size_t size)
{
    struct run *r = ctx;
    struct vx_live_stats t;
    totals(r, &t);
    int64_t now = now_ms();
    if (r->finished) r->rate = 0;
    else if (now - r->rate_ms >= 1000) {
        r->rate = (double)(r->analysed - r->rate_count) * 1000.0 / (double)(now - r->rate_ms);
        r->rate_ms = now;
        r->rate_count = r->analysed;
    }
    snprintf(buf, size, "%s %s %llu pkts %.0f/s drops k%llu i%llu r%llu%s", r->finished ? "STOPPED" : "LIVE",
             r->ifnames, (unsigned long long)r->analysed, r->rate, (unsigned long long)t.kernel_drops,
             (unsigned long long)t.iface_drops, (unsigned long long)t.ring_drops, r->write_failed ? " -w FAILED" : "");
    return !stop_signal;
}

static int start_analysis_thread(struct run *r)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);   /* signals (Ctrl-C, resize) go to the TUI thread */
    int e = pthread_create(&r->thread, NULL, analysis_main, r);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (e != 0) { fprintf(stderr, "vxdiag: cannot start the analysis thread: %s\n", strerror(e)); return -1; }
    r->thread_running = true;
    return 0;
}

/* Capture under the TUI; when it closes, stop, finish and (with --out, or a --format other
 * than text on standard output) write the report. */
static int run_with_tui(struct run *r, vx_report_fn write_report)
{
    r->quiet = true;
    r->status_line = false;
    r->batch_max = VX_LIVE_BATCH_TUI;
    r->rate_ms = now_ms();
    if (start_analysis_thread(r) != 0) return 2;
    struct vx_tui_live hooks = { r, VX_LIVE_TICK_MS, tui_lock, tui_unlock, tui_status };
    int trc = vx_tui_run_live(r->a, &hooks);
    pthread_mutex_lock(&r->lock);
    int rc = conclude(r);
    pthread_mutex_unlock(&r->lock);
    print_summary(r);
    if (trc != 0) return trc;
    if (r->out_fd < 0 && strcmp(r->cli->format, "text") == 0) return rc;
    int rrc = report(r, write_report);
    return rc ? rc : rrc;
}

static int run_headless(struct run *r, vx_report_fn write_report)
{
    r->batch_max = VX_LIVE_BATCH_HEADLESS;
    bool count_reached = capture_loop(r);
    vx_live_stop(r->live);
    if (!count_reached) drain(r);
    int rc = close_capture(r);
    print_summary(r);
    vx_analysis_finish(r->a, NULL);
    vx_rules_run(r->a);
    int rrc = report(r, write_report);
    return rc ? rc : rrc;
}

static void cleanup(struct run *r)
{
    vx_live_close(r->live);
    if (r->w) vx_writer_close(r->w);
    vx_hep_close(r->hep);
    if (r->out_fd >= 0) close(r->out_fd);
    vx_analysis_free(r->a);
    vx_snapshot_free(&r->snap);
    pthread_mutex_destroy(&r->lock);
}

int vx_live_main(const struct vx_cli *cli, vx_report_fn write_report)
{
    if (check_options(cli) != 0) return 2;
    struct run r = { .cli = cli, .out_fd = -1 };
    pthread_mutex_init(&r.lock, NULL);
    vx_snapshot_init(&r.snap);
    bool tui = tui_wanted(cli);
    if (!(r.live = open_capture(cli)) || open_outputs(&r) != 0 || drop_privileges(&r) != 0) {
        cleanup(&r);
        return 2;
    }
    fprintf(stderr, "vxdiag: capturing on %s, filter: %s\n", cli->iface_count > 1 ? "several interfaces" : cli->ifaces[0],
            vx_live_filter(r.live, 0)[0] ? vx_live_filter(r.live, 0) : "(none: all traffic)");
    if (!(r.a = vx_analysis_new(&cli->profile))) { fprintf(stderr, "vxdiag: out of memory\n"); cleanup(&r); return 2; }
    if (r.hep) { r.a->on_sip = vx_hep_on_sip; r.a->on_rtcp = vx_hep_on_rtcp; r.a->on_sip_ctx = r.hep; }
    name_inputs(&r);
    r.status_line = isatty(2);
    install_signals();
    char err[256];
    r.start_ms = now_ms();
    if (vx_live_start(r.live, err, sizeof err) != 0) { fprintf(stderr, "vxdiag: %s\n", err); cleanup(&r); return 2; }
    int rc = tui ? run_with_tui(&r, write_report) : run_headless(&r, write_report);
    cleanup(&r);
    return rc;
}
