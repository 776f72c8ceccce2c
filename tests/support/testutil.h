/* Test helpers shared by the unit tests (cmocka). */
#ifndef TOCEX_TESTUTIL_H
#define TOCEX_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

/** $TOCEX_TESTDATA (default ../shared/testdata relative to the source tree), or NULL if absent. */
const char *tu_testdata(void);
/** Path under the shared test data; NULL if the data is absent. Static buffer ring (8 slots). */
const char *tu_data_path(const char *rel);
/** Path under the repo's source tree. */
const char *tu_src_path(const char *rel);
/** Read a whole file; returns malloc'd bytes (NUL-terminated) or NULL. */
uint8_t *tu_read_file(const char *path, size_t *len);
/** Parse hex ("43 00 0a" or "43000a") into out; returns byte count or -1. */
long tu_hex(const char *hex, uint8_t *out, size_t cap);
/** cmocka group setup/teardown: a fresh directory under /tmp for the group's files, removed after. */
int tu_tmpdir_setup(void **state);
int tu_tmpdir_teardown(void **state);
/** Path of `name` in that directory (ring of 4 static buffers). */
const char *tu_tmp_path(const char *name);
/** Deterministic PRNG (xorshift64*), seedable. */
uint64_t tu_rand(uint64_t *state);
/** Uniform integer in [lo, hi]. */
long tu_rand_range(uint64_t *state, long lo, long hi);

/** Skip the current test if the shared test data is absent (prints "skipped: ..."). */
#define TU_REQUIRE_TESTDATA()                                                                           \
    do {                                                                                               \
        if (tu_testdata() == NULL) {                                                                   \
            print_message("skipped: shared test data not found (set TOCEX_TESTDATA)\n");               \
            skip();                                                                                    \
        }                                                                                              \
    } while (0)

#endif
