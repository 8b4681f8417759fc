/* merge.c — merging JSON reports (json-c), and the parallel directory report built on it.
 * Stream ids are made unique by prefixing the input's number ("2:s1"), and the calls'
 * stream references are rewritten to match; counters and other traffic are summed. */
#include "ui/merge.h"
#include "ui/cli.h"
#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static json_object *array_of(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_array) ? v : NULL;
}

static void prefix_ids(json_object *report, int index)
{
    char buf[128];
    json_object *streams = array_of(report, "rtp_streams"), *calls = array_of(report, "calls");
    for (size_t i = 0; streams && i < json_object_array_length(streams); i++) {
        json_object *id = NULL, *s = json_object_array_get_idx(streams, i);
        if (!json_object_object_get_ex(s, "id", &id)) continue;
        snprintf(buf, sizeof buf, "%d:%s", index, json_object_get_string(id));
        json_object_object_add(s, "id", json_object_new_string(buf));
    }
    for (size_t i = 0; calls && i < json_object_array_length(calls); i++) {
        json_object *refs = array_of(json_object_array_get_idx(calls, i), "rtp_streams");
        for (size_t k = 0; refs && k < json_object_array_length(refs); k++) {
            snprintf(buf, sizeof buf, "%d:%s", index, json_object_get_string(json_object_array_get_idx(refs, k)));
            json_object_array_put_idx(refs, k, json_object_new_string(buf));
        }
    }
}

static void append_all(json_object *dst, json_object *src)
{
    for (size_t i = 0; src && i < json_object_array_length(src); i++)
        json_object_array_add(dst, json_object_get(json_object_array_get_idx(src, i)));
}

/* Adds the integers of src into dst, recursively (counters and evictions). */
static void sum_counters(json_object *dst, json_object *src)
{
    json_object_object_foreach(src, key, val) {
        json_object *have = NULL;
        if (!json_object_object_get_ex(dst, key, &have)) { json_object_object_add(dst, key, json_object_get(val)); continue; }
        if (json_object_is_type(val, json_type_int) && json_object_is_type(have, json_type_int))
            json_object_object_add(dst, key, json_object_new_int64(json_object_get_int64(have) + json_object_get_int64(val)));
        else if (json_object_is_type(val, json_type_object) && json_object_is_type(have, json_type_object))
            sum_counters(have, val);
    }
}

static void merge_traffic(json_object *dst, json_object *src)
{
    for (size_t i = 0; src && i < json_object_array_length(src); i++) {
        json_object *app = json_object_array_get_idx(src, i), *name = NULL, *match = NULL;
        if (!json_object_object_get_ex(app, "application", &name)) continue;
        for (size_t k = 0; k < json_object_array_length(dst) && !match; k++) {
            json_object *o = json_object_array_get_idx(dst, k), *n2 = NULL;
            if (json_object_object_get_ex(o, "application", &n2) &&
                !strcmp(json_object_get_string(n2), json_object_get_string(name))) match = o;
        }
        if (!match) { json_object_array_add(dst, json_object_get(app)); continue; }
        static const char *const sums[] = { "bytes", "packets", "flows" };
        for (int s = 0; s < 3; s++) {
            json_object *a = NULL, *b = NULL;
            if (json_object_object_get_ex(match, sums[s], &a) && json_object_object_get_ex(app, sums[s], &b))
                json_object_object_add(match, sums[s], json_object_new_int64(json_object_get_int64(a) + json_object_get_int64(b)));
        }
    }
}

static const char *const LISTS[] = { "inputs", "calls", "registrations", "rtp_streams", "findings" };

int vx_merge_json_files(char *const *files, int count, FILE *out, char *err, size_t errlen)
{
    json_object *merged = json_object_new_object(), *traffic = json_object_new_array(), *counters = json_object_new_object();
    for (int l = 0; l < 5; l++) json_object_object_add(merged, LISTS[l], json_object_new_array());
    for (int i = 0; i < count; i++) {
        json_object *r = json_object_from_file(files[i]);
        if (!r || !json_object_is_type(r, json_type_object) || !array_of(r, "inputs")) {
            snprintf(err, errlen, "%s: not a vxdiag JSON report", files[i]);
            json_object_put(r); json_object_put(merged); json_object_put(traffic); json_object_put(counters);
            return -1;
        }
        prefix_ids(r, i + 1);
        json_object *v = NULL;
        if (i == 0) {
            if (json_object_object_get_ex(r, "vxdiag_version", &v)) json_object_object_add(merged, "vxdiag_version", json_object_get(v));
            if (json_object_object_get_ex(r, "profile", &v)) json_object_object_add(merged, "profile", json_object_get(v));
        }
        for (int l = 0; l < 5; l++) append_all(array_of(merged, LISTS[l]), array_of(r, LISTS[l]));
        merge_traffic(traffic, array_of(r, "other_traffic"));
        if (json_object_object_get_ex(r, "counters", &v)) sum_counters(counters, v);
        json_object_put(r);
    }
    json_object_object_add(merged, "other_traffic", traffic);
    json_object_object_add(merged, "counters", counters);
    json_object_object_add(merged, "merged_reports", json_object_new_int(count));
    int rc = fputs(json_object_to_json_string_ext(merged, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE), out) < 0 ? -1 : 0;
    fputc('\n', out);
    json_object_put(merged);
    if (rc) snprintf(err, errlen, "cannot write the merged report");
    return rc;
}

static bool is_capture_name(const char *n)
{
    static const char *const ends[] = { ".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz", ".gz" };
    size_t len = strlen(n);
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t e = strlen(ends[i]);
        if (len > e && !strcmp(n + len - e, ends[i])) return true;
    }
    return false;
}

static int by_name(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

int vx_capture_files_in(const char *dir, char ***files_out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    char **files = NULL;
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && n < 100000;) {
        if (e->d_name[0] == '.' || !is_capture_name(e->d_name)) continue;
        char **grown = realloc(files, sizeof *files * (size_t)(n + 1));
        if (!grown) break;
        files = grown;
        if (asprintf(&files[n], "%s/%s", dir, e->d_name) < 0) break;
        n++;
    }
    closedir(d);
    if (n) qsort(files, (size_t)n, sizeof *files, by_name);
    *files_out = files;
    return n;
}

/* One worker: `vxdiag report --format json --out TMP FILE` with the same profile options. */
static pid_t start_worker(const struct vx_cli *cli, const char *file, const char *tmp)
{
    pid_t pid = fork();
    if (pid != 0) return pid;
    char *argv[16 + 2 * VX_CLI_MAX_FILES];
    int n = 0;
    argv[n++] = "vxdiag";
    argv[n++] = "report";
    argv[n++] = "--format"; argv[n++] = "json";
    argv[n++] = "--no-progress";
    argv[n++] = "--out"; argv[n++] = (char *)tmp;
    if (cli->profile_path) { argv[n++] = "--profile"; argv[n++] = (char *)cli->profile_path; }
    for (int i = 0; i < cli->server_arg_count && n < 14 + 2 * VX_CLI_MAX_FILES; i++) { argv[n++] = "--server"; argv[n++] = cli->server_args[i]; }
    if (cli->domain_arg) { argv[n++] = "--domain"; argv[n++] = (char *)cli->domain_arg; }
    argv[n++] = (char *)file;
    argv[n] = NULL;
    execv("/proc/self/exe", argv);
    _exit(2);
}

int vx_report_directory(const struct vx_cli *cli, const char *dir, int jobs, FILE *out)
{
    char **files = NULL;
    int n = vx_capture_files_in(dir, &files);
    if (n <= 0) { fprintf(stderr, "vxdiag: %s: no capture files (.pcap, .pcapng, .cap, .gz)\n", dir); free(files); return 2; }
    char tmpdir[] = "/tmp/vxdiag-dir-XXXXXX";
    if (!mkdtemp(tmpdir)) { fprintf(stderr, "vxdiag: cannot create a temporary directory\n"); return 2; }
    char **parts = calloc((size_t)n, sizeof *parts);
    int failed = 0, running = 0, next = 0;
    while (parts && (next < n || running > 0)) {
        if (next < n && running < jobs) {
            if (asprintf(&parts[next], "%s/%06d.json", tmpdir, next) < 0 ||
                start_worker(cli, files[next], parts[next]) < 0) { failed++; }
            else running++;
            next++;
            continue;
        }
        int status = 0;
        if (wait(&status) < 0) break;
        running--;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) failed++;
    }
    int rc = 0;
    char err[600] = "";
    if (failed) { fprintf(stderr, "vxdiag: %d of %d captures could not be analysed\n", failed, n); rc = 2; }
    else if (vx_merge_json_files(parts, n, out, err, sizeof err) != 0) { fprintf(stderr, "vxdiag: %s\n", err); rc = 2; }
    for (int i = 0; i < n; i++) { if (parts && parts[i]) { unlink(parts[i]); free(parts[i]); } free(files[i]); }
    rmdir(tmpdir);
    free(parts);
    free(files);
    return rc;
}
