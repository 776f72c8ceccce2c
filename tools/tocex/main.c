/* PLACEHOLDER: the tocex program (replaced by the real command-line front end). */
#include <stdio.h>
#include <string.h>

#include "tocex/tocex.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("tocex %s\n", tocex_version());
        return 0;
    }
    fprintf(stderr, "tocex: not ready\n");
    return 1;
}
