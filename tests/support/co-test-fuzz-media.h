/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-test-fuzz.h"
#include "co-vault.h"

G_BEGIN_DECLS

/*
 * The media layer's fuzz targets (see co-test-fuzz.h for the contract):
 * mutated media files and notes through the importer (type detection, the
 * probe with its completeness check, thumbnails, notes), and damaged kept
 * results (analyses, their waveforms, subtitles) through their readers and
 * on into a timeline and every export.
 */

extern const CoTestFuzzCase co_test_fuzz_import_cases[];
extern const gsize          co_test_fuzz_n_import_cases;
extern const CoTestFuzzCase co_test_fuzz_kept_cases[];
extern const gsize          co_test_fuzz_n_kept_cases;

GPtrArray *co_test_fuzz_media_corpus (const char          *dir);
void       co_test_fuzz_import       (CoVault             *vault,
                                      GPtrArray           *corpus,
                                      const char          *dir,
                                      const CoTestFuzzRun *run);
void       co_test_fuzz_kept         (CoStore             *store,
                                      const char          *media_path,
                                      const CoTestFuzzRun *run);
void       co_test_fuzz_kept_clean   (CoStore             *store,
                                      const char          *media_path);

G_END_DECLS
