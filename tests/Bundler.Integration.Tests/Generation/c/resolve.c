/* Drives the generated resolver. Arguments come in threes, OP A B, one output line each:
 *   resolve FROM_DIR REQUEST   ipm_resolve(FROM_DIR, REQUEST)   ("-" as FROM_DIR passes NULL)
 *   from    FILE     REQUEST   ipm_resolve_from(ipm_find(FILE), REQUEST)
 *   dirname FILE     -         ipm_dirname(ipm_find(FILE))
 *   find    PATH     -         ipm_find(PATH)
 * A result is a file's path, a folder, or "-" for none. */
#include <stdio.h>
#include <string.h>

#include "ipm_modules.h"

static void print_file(int f)
{
    puts(f < 0 ? "-" : ipm_files[f].path);
}

int main(int argc, char **argv)
{
    int i;
    for (i = 1; i + 2 < argc; i += 3) {
        const char *op = argv[i];
        const char *a = argv[i + 1];
        const char *b = argv[i + 2];
        if (strcmp(op, "resolve") == 0) {
            print_file(ipm_resolve(strcmp(a, "-") == 0 ? NULL : a, b));
        } else if (strcmp(op, "from") == 0) {
            print_file(ipm_resolve_from(ipm_find(a), b));
        } else if (strcmp(op, "dirname") == 0) {
            char dir[IPM_PATH_MAX];
            size_t n = ipm_dirname(ipm_find(a), dir, sizeof dir);
            puts(n == 0 || n != strlen(dir) ? "-" : dir);
        } else if (strcmp(op, "find") == 0) {
            print_file(ipm_find(a));
        } else {
            fprintf(stderr, "unknown op %s\n", op);
            return 2;
        }
    }
    return 0;
}
