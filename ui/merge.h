/* merge.h — several JSON reports into one (`vxdiag merge`), and `vxdiag report DIR`, which
 * analyses the captures of a directory in parallel (one process per core) and merges them. */
#ifndef VX_MERGE_H
#define VX_MERGE_H
#include <stdio.h>

struct vx_cli;

/* Merges JSON reports written by `vxdiag report --format json`. 0, or -1 with a reason. */
int vx_merge_json_files(char *const *files, int count, FILE *out, char *err, size_t errlen);
/* Lists the capture files of a directory (sorted); returns how many, -1 if unreadable. */
int vx_capture_files_in(const char *dir, char ***files_out);
/* `vxdiag report DIR`: every capture of the directory analysed by a worker process, at most
 * `jobs` at a time, then the JSON reports merged to out. Exit status as main's. */
int vx_report_directory(const struct vx_cli *cli, const char *dir, int jobs, FILE *out);
#endif
