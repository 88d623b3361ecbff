/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-draft-format.h"
#include "co-draft.h"
#include "co-store.h"

G_BEGIN_DECLS

/**
 * CoClockFunc:
 * @user_data: the data given with the clock
 *
 * Tells the time; tests replace the real clock with one they move by hand.
 *
 * Returns: the current time in microseconds since 1970, UTC
 */
typedef gint64 (*CoClockFunc) (gpointer user_data);

/**
 * CoDraftNew:
 * @stage: %CO_DRAFT_STAGE_SAVED or %CO_DRAFT_STAGE_DRAFT (which needs a title
 *   and a body)
 * @title: (nullable): the title
 * @body: (nullable): the text
 * @platforms: (array length=n_platforms) (nullable): target platforms
 * @n_platforms: how many
 * @item_ids: (array length=n_items) (nullable): vault items to link
 * @n_items: how many
 *
 * What a new draft starts with.  Zero-initialise it for an empty Saved draft.
 * Everything is created in one transaction, or nothing is.
 */
typedef struct
{
  CoDraftStage      stage;
  const char       *title;
  const char       *body;
  const CoPlatform *platforms;
  guint             n_platforms;
  const gint64     *item_ids;
  guint             n_items;
} CoDraftNew;

/**
 * CoDraftSort:
 * @CO_DRAFT_SORT_UPDATED: most recently changed first (the board's order)
 * @CO_DRAFT_SORT_CREATED: newest first
 * @CO_DRAFT_SORT_TITLE: by title, A to Z, case-insensitive
 */
typedef enum
{
  CO_DRAFT_SORT_UPDATED,
  CO_DRAFT_SORT_CREATED,
  CO_DRAFT_SORT_TITLE,
} CoDraftSort;

/* A bit of CoDraftQuery.stages. */
#define CO_DRAFT_STAGE_MASK(stage) (1u << (stage))

/**
 * CoDraftQuery:
 * @stages: a mask of CO_DRAFT_STAGE_MASK() bits, or 0 for every stage
 * @by_platform: whether to keep only drafts that target @platform
 * @platform: the platform, when @by_platform is set
 * @search: (nullable): words that the title or the body must contain
 *   (as typed, case-insensitive for ASCII letters)
 * @sort: the order
 *
 * A filter over the drafts.  Zero-initialise it for "every draft, most
 * recently changed first".  Strings are borrowed.
 */
typedef struct
{
  guint        stages;
  gboolean     by_platform;
  CoPlatform   platform;
  const char  *search;
  CoDraftSort  sort;
} CoDraftQuery;

/**
 * CoDraftStageChange:
 * @from: the stage before, or -1 when the draft was created
 * @to: the stage after
 * @actor: who made the change (see co_drafts_set_actor())
 * @at: when (µs since 1970, UTC)
 */
typedef struct
{
  int           from;
  CoDraftStage  to;
  char         *actor;
  gint64        at;
} CoDraftStageChange;

void co_draft_stage_change_free (CoDraftStageChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoDraftStageChange, co_draft_stage_change_free)

#define CO_TYPE_DRAFTS (co_drafts_get_type ())
G_DECLARE_FINAL_TYPE (CoDrafts, co_drafts, CO, DRAFTS, GObject)

CoDrafts     *co_drafts_new                  (CoStore             *store);
CoStore      *co_drafts_get_store            (CoDrafts            *self);
const char   *co_drafts_get_actor            (CoDrafts            *self);
void          co_drafts_set_actor            (CoDrafts            *self,
                                              const char          *actor);
void          co_drafts_set_clock            (CoDrafts            *self,
                                              CoClockFunc          clock,
                                              gpointer             user_data,
                                              GDestroyNotify       destroy);
gint64        co_drafts_now                  (CoDrafts            *self);

gint64        co_drafts_create               (CoDrafts            *self,
                                              const CoDraftNew    *spec,
                                              GError             **error);
CoDraft      *co_drafts_get                  (CoDrafts            *self,
                                              gint64               id,
                                              GError             **error);
GPtrArray    *co_drafts_list                 (CoDrafts            *self,
                                              const CoDraftQuery  *query,
                                              guint                offset,
                                              guint                limit,
                                              GError             **error);
gint64        co_drafts_count                (CoDrafts            *self,
                                              const CoDraftQuery  *query,
                                              GError             **error);
GPtrArray    *co_drafts_list_history         (CoDrafts            *self,
                                              gint64               id,
                                              GError             **error);

gboolean      co_drafts_set_text             (CoDrafts            *self,
                                              gint64               id,
                                              const char          *title,
                                              const char          *body,
                                              GError             **error);
gboolean      co_drafts_set_variant          (CoDrafts            *self,
                                              gint64               id,
                                              CoPlatform           platform,
                                              const char          *title,
                                              const char          *body,
                                              GError             **error);
gboolean      co_drafts_remove_variant       (CoDrafts            *self,
                                              gint64               id,
                                              CoPlatform           platform,
                                              GError             **error);
gboolean      co_drafts_record_publication   (CoDrafts            *self,
                                              gint64               id,
                                              CoPlatform           platform,
                                              const char          *post_id,
                                              const char          *post_url,
                                              gint64               published_at,
                                              GError             **error);
gboolean      co_drafts_link_item            (CoDrafts            *self,
                                              gint64               id,
                                              gint64               item_id,
                                              GError             **error);
gboolean      co_drafts_unlink_item          (CoDrafts            *self,
                                              gint64               id,
                                              gint64               item_id,
                                              GError             **error);
gboolean      co_drafts_link_file            (CoDrafts            *self,
                                              gint64               id,
                                              const char          *sha256,
                                              GError             **error);
gboolean      co_drafts_check_digest         (gint64               id,
                                              const char          *sha256,
                                              GError             **error);
gboolean      co_drafts_unlink_file          (CoDrafts            *self,
                                              gint64               id,
                                              const char          *sha256,
                                              GError             **error);

gboolean      co_drafts_move                 (CoDrafts            *self,
                                              gint64               id,
                                              CoDraftStage         stage,
                                              GError             **error);
void          co_drafts_move_async           (CoDrafts            *self,
                                              gint64               id,
                                              CoDraftStage         stage,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      co_drafts_move_finish          (CoDrafts            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

gboolean      co_drafts_delete               (CoDrafts            *self,
                                              gint64               id,
                                              GError             **error);
void          co_drafts_delete_async         (CoDrafts            *self,
                                              gint64               id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      co_drafts_delete_finish        (CoDrafts            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

gint64        co_drafts_repurpose            (CoDrafts            *self,
                                              gint64               id,
                                              CoPlatform           platform,
                                              GError             **error);
void          co_drafts_repurpose_async      (CoDrafts            *self,
                                              gint64               id,
                                              CoPlatform           platform,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64        co_drafts_repurpose_finish     (CoDrafts            *self,
                                              GAsyncResult        *result,
                                              GError             **error);
CoFormatHint *co_drafts_get_format_hint      (CoDrafts            *self,
                                              gint64               id,
                                              CoPlatform           platform,
                                              GError             **error);

G_END_DECLS
