/* Writes every file of the generated table back to disk so the test can compare bytes.
 * Usage: dump OUTDIR. Writes OUTDIR/<index>.bin; prints one line per file,
 * "<index>\t<size>\t<nul after data>\t<package>\t<path>", then the sentinel and table facts. */
#include <stdio.h>

#include "ipm_modules.h"

int main(int argc, char **argv)
{
    size_t i;
    if (argc != 2) {
        fprintf(stderr, "usage: dump OUTDIR\n");
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
        printf("%lu\t%lu\t%d\t%d\t%s\n", (unsigned long)i, (unsigned long)f->size, f->data != NULL,
               f->package, f->path);
    }
    printf("sentinel\t%d\t%d\n", ipm_files[ipm_file_count].path == NULL, ipm_packages[ipm_package_count].dir == NULL);
    printf("counts\t%d\t%d\n", IPM_FILE_COUNT, IPM_PACKAGE_COUNT);
    printf("entry\t%d\n", ipm_entry);
    printf("digest\t%s\n", ipm_lock_digest);
    printf("generator\t%s\n", ipm_generator);
    return 0;
}
