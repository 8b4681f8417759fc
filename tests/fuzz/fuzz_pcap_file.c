/* fuzz_pcap_file.c — libFuzzer target for the whole file path: the input is written to a
 * memfd and read as a capture file (pcap/pcapng/gzip through capture/source.c), analyzed,
 * the rules run, and the JSON and text reports written to /dev/null.
 * nDPI is switched off by default: building and tearing down its tables per input costs
 * ~100 ms under ASan (measured: 3-9 exec/s with it). The target is linked with
 * -Wl,--wrap=vx_traffic_new so the analysis is created without it; VX_FUZZ_NDPI=1 keeps it. */
#include "analyzer/analyzer.h"
#include "analyzer/profile.h"
#include "analyzer/rules.h"
#include "analyzer/traffic.h"
#include "tests/fuzz/fuzz_common.h"
#include "ui/report.h"
#include <sys/mman.h>
#include <unistd.h>

static FILE *devnull;
static struct vx_profile profile;
static bool keep_ndpi;

struct vx_traffic *__real_vx_traffic_new(size_t cap_flows);
struct vx_traffic *__wrap_vx_traffic_new(size_t cap_flows);
struct vx_traffic *__wrap_vx_traffic_new(size_t cap_flows)
{
    return keep_ndpi ? __real_vx_traffic_new(cap_flows) : NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    devnull = fopen("/dev/null", "w");
    if (!devnull) abort();
    vx_profile_default(&profile);
    const char *e = getenv("VX_FUZZ_NDPI");
    keep_ndpi = e && e[0] == '1';
    return 0;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("vxfuzz", 0);
    if (fd < 0) abort();
    uint8_t *buf = fz_copy(data, size);
    if (write_all(fd, buf, size) != 0) abort();
    free(buf);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    char *files[1] = { path };
    char err[256];
    struct vx_analysis *a = vx_analysis_new(&profile);
    if (!a) abort();
    if (vx_analyze_files(a, files, 1, false, err, sizeof err) == 0) {
        vx_rules_run(a);
        struct vx_report_opts o = { "en" };
        vx_report_json(a, devnull, &o);
        vx_report_text(a, devnull, &o);
    }
    vx_analysis_free(a);
    close(fd);
    return 0;
}
