/* Dumps a generated module table for the Node loader test: writes OUTDIR/<index>.bin with each file's exact
 * bytes and prints, one line each (tab separated):
 *   file <index> <size> <path>
 *   package <index> <main> <name> <version> <dir>
 *   entry <index>      digest <lock digest>      generator <name>
 * Usage: table_dump OUTDIR */
#include <stdio.h>

#include "ipm_modules.h"

int main(int argc, char **argv)
{
    size_t i;
    if (argc != 2) {
        fprintf(stderr, "usage: table_dump OUTDIR\n");
        return 2;
    }
    for (i = 0; i < ipm_file_count; i++) {
        const ipm_file *f = &ipm_files[i];
        char name[4096];
        FILE *out;
        snprintf(name, sizeof name, "%s/%lu.bin", argv[1], (unsigned long)i);
        out = fopen(name, "wb");
        if (out == NULL || (f->size > 0 && fwrite(f->data, 1, f->size, out) != f->size) || fclose(out) != 0) {
            fprintf(stderr, "cannot write %s\n", name);
            return 1;
        }
        printf("file\t%lu\t%lu\t%s\n", (unsigned long)i, (unsigned long)f->size, f->path);
    }
    for (i = 0; i < ipm_package_count; i++) {
        const ipm_package *p = &ipm_packages[i];
        printf("package\t%lu\t%d\t%s\t%s\t%s\n", (unsigned long)i, p->main, p->name, p->version, p->dir);
    }
    printf("entry\t%d\n", ipm_entry);
    printf("digest\t%s\n", ipm_lock_digest);
    printf("generator\t%s\n", ipm_generator);
    return 0;
}
