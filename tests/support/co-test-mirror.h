/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-drafts.h"
#include "co-mirror.h"
#include "co-schedule.h"
#include "co-vault.h"

G_BEGIN_DECLS

/*
 * One library as the mirror tests use it: a data folder with its vault,
 * drafts, schedule and mirror, made and checked the way a person's edits
 * would, and its state in a form two libraries can be compared by.
 */
typedef struct
{
  char       *dir;
  CoStore    *store;
  CoVault    *vault;
  CoDrafts   *drafts;
  CoSchedule *schedule;
  CoMirror   *mirror;
} CoTestSide;

CoTestSide *co_test_side_new          (const char  *name);
CoTestSide *co_test_side_open         (const char  *dir);
void        co_test_side_free         (CoTestSide  *side);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoTestSide, co_test_side_free)
char       *co_test_side_state        (CoTestSide  *side);
gint64      co_test_side_count        (CoTestSide  *side,
                                       const char  *sql);
gint64      co_test_side_add_note     (CoTestSide  *side,
                                       const char  *title,
                                       const char  *tag);
char       *co_test_vault_add_file    (CoVault     *vault,
                                       const char  *dir,
                                       const char  *name,
                                       gsize        size,
                                       guint32      seed);
void        co_test_assert_file_sha256 (const char *path,
                                        gssize      size,
                                        const char *sha256);
char       *co_test_side_add_file     (CoTestSide  *side,
                                       const char  *name,
                                       gsize        size,
                                       guint32      seed);
gint64      co_test_side_add_draft    (CoTestSide  *side,
                                       const char  *title,
                                       gint64       item_id);
void        co_test_side_schedule     (CoTestSide  *side,
                                       gint64       draft_id,
                                       CoPlatform   platform,
                                       gint64       minutes_ahead);
char       *co_test_side_title        (CoTestSide  *side,
                                       const char  *doc_id);
gint64      co_test_side_local_id     (CoTestSide  *side,
                                       const char  *doc_id);
void        co_test_side_exchange     (CoTestSide  *from,
                                       CoTestSide  *to,
                                       gint64      *since);

G_END_DECLS
