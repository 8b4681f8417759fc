/* fuzz_analyzer_udp.c — libFuzzer target for the SIP/RTP/RTCP/STUN state machines. Each
 * input becomes one Ethernet/IPv4/UDP packet fed to a persistent analysis (so state built by
 * earlier inputs meets later ones). Byte 0 picks the direction and byte 1 the port pair;
 * the rest is the UDP payload. The analysis is finished, reported and renewed every
 * RESET_EVERY inputs so memory stays bounded and the finishing code is fuzzed too.
 * A crash may depend on earlier inputs: reproduce with the crash file plus the corpus.
 * Run with -detect_leaks=0: the analysis outlives each input by design, and libFuzzer's
 * per-input leak scan would otherwise run LSan on nearly every input (measured: 36 exec/s).
 * nDPI stays on here (its tables are built only once per RESET_EVERY inputs). */
#include "analyzer/analyzer.h"
#include "analyzer/profile.h"
#include "analyzer/rules.h"
#include "tests/fuzz/fuzz_common.h"
#include "ui/report.h"

#define RESET_EVERY 2000
#define HDRS (14 + 20 + 8)

static struct vx_profile profile;
static struct vx_analysis *an;
static unsigned long execs;
static int64_t now_ns = 1700000000LL * 1000000000LL;
static FILE *devnull;

static const uint8_t customer[4] = { 192, 168, 10, 10 };
static const uint8_t server[4] = { 35, 79, 95, 220 };       /* a default VoiceX server */
static const uint16_t ports[][2] = {
    { 5060, 5080 }, { 5060, 5060 }, { 16384, 12000 }, { 16385, 12001 }, { 40000, 19302 },
    { 40000, 3478 }, { 5080, 5080 }, { 12000, 16384 },
};

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

static void build(uint8_t *f, size_t payload_len, uint8_t dir, uint8_t pp)
{
    const uint16_t *pr = ports[pp % (sizeof ports / sizeof ports[0])];
    bool out = (dir & 1) == 0;
    memset(f, 0, HDRS);
    f[12] = 0x08;                                /* EtherType IPv4 */
    uint8_t *ip = f + 14;
    ip[0] = 0x45;
    put16(ip + 2, (uint16_t)(20 + 8 + payload_len));
    ip[8] = 64;
    ip[9] = 17;
    memcpy(ip + 12, out ? customer : server, 4);
    memcpy(ip + 16, out ? server : customer, 4);
    uint8_t *udp = ip + 20;
    put16(udp, out ? pr[0] : pr[1]);
    put16(udp + 2, out ? pr[1] : pr[0]);
    put16(udp + 4, (uint16_t)(8 + payload_len));
}

static void renew(void)
{
    if (an) {
        vx_analysis_finish(an, NULL);
        vx_rules_run(an);
        struct vx_report_opts o = { "en" };
        vx_report_json(an, devnull, &o);
        vx_analysis_free(an);
    }
    an = vx_analysis_new(&profile);
    if (!an) abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    devnull = fopen("/dev/null", "w");
    if (!devnull) abort();
    vx_profile_default(&profile);
    renew();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size - 2 > 65535 - HDRS) return 0;
    size_t plen = size - 2;
    size_t flen = HDRS + plen;
    uint8_t *frame = malloc(flen);               /* exact size: the frame ends where the payload does */
    if (!frame) abort();
    build(frame, plen, data[0], data[1]);
    memcpy(frame + HDRS, data + 2, plen);
    now_ns += (int64_t)(data[0] >> 1) * 1000000LL + 20000000LL;   /* 20..147 ms later */
    struct vx_packet p = { frame, (uint32_t)flen, (uint32_t)flen, now_ns, 1, 0, ++execs };
    vx_analyze_packet(an, &p);
    free(frame);
    if (execs % RESET_EVERY == 0) renew();
    return 0;
}
