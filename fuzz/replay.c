/* replay.c - runs a fuzz target on files, without libFuzzer.
 *
 *     build/fuzz-replay/csv fuzz/corpus/csv/...     (or a directory: every file in it)
 *
 * Linked with one fuzz/NAME.c by the normal compiler, it makes the committed corpus (the
 * seeds and every input a fuzzer once found) a regression test in `make test`, with or
 * without SANITIZE=1. Prints how many inputs ran; any broken promise aborts.
 */
#include <dirent.h>
#include <sys/stat.h>

#include "fuzz.h"

/* A target may set itself up once (libFuzzer calls this hook if it exists). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return 1;
    }
    size_t cap = 1 << 16, len = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "replay: out of memory reading %s\n", path);
        return 1;
    }
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    size_t runs = 0;
    int failed = 0;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
            return 1;
        }
        if (!S_ISDIR(st.st_mode)) {
            failed |= replay_file(argv[i]);
            runs++;
            continue;
        }
        struct dirent **names;
        int n = scandir(argv[i], &names, NULL, alphasort);
        if (n < 0) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 1;
        }
        for (int k = 0; k < n; k++) {
            char path[4096];
            if (names[k]->d_name[0] != '.') {
                snprintf(path, sizeof path, "%s/%s", argv[i], names[k]->d_name);
                failed |= replay_file(path);
                runs++;
            }
            free(names[k]);
        }
        free(names);
    }
    printf("%s: %zu inputs replayed\n", argv[0], runs);
    return failed;
}
