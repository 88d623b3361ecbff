/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "drafts-fixture.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_signals;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_signals++;
}

static void
make_drafts (DraftsFixture *fx,
             guint          n,
             CoDraftStage   stage,
             CoPlatform     platform)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Post %u", i);

      fx->now += G_TIME_SPAN_SECOND;
      new_draft (fx, stage, title, "body", platform);
    }
}

/* A board column reads pages as it is scrolled and keeps a few. */
static void
test_paging (DraftsFixture *fx,
             gconstpointer  data)
{
  g_autoptr(CoDraftModel) model = NULL;
  g_autoptr(CoDraft) first = NULL;
  g_autoptr(CoDraft) last = NULL;

  sql_exec (fx->base.store, "PRAGMA synchronous = OFF");
  make_drafts (fx, 420, CO_DRAFT_STAGE_DRAFT, CO_PLATFORM_X);
  make_drafts (fx, 5, CO_DRAFT_STAGE_SAVED, CO_PLATFORM_X);
  model = co_draft_model_new_for_stage (fx->drafts, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 420);
  g_assert_cmpint (g_list_model_get_item_type (G_LIST_MODEL (model)), ==, CO_TYPE_DRAFT);
  g_assert_cmpint (co_draft_model_get_n_loaded_pages (model), ==, 0);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (co_draft_get_title (first), ==, "Post 419");
  for (guint i = 0; i < 420; i++)
    {
      g_autoptr(CoDraft) draft = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (co_draft_get_stage (draft), ==, CO_DRAFT_STAGE_DRAFT);
      g_assert_cmpint (co_draft_model_get_n_loaded_pages (model), <=, 6);
    }
  last = g_list_model_get_item (G_LIST_MODEL (model), 419);
  g_assert_cmpstr (co_draft_get_title (last), ==, "Post 0");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 420));
}

static void
test_filters (DraftsFixture *fx,
              gconstpointer  data)
{
  g_autoptr(CoDraftModel) model = co_draft_model_new (fx->drafts, NULL);
  CoPlatform linkedin = CO_PLATFORM_LINKEDIN;
  CoPlatform found;
  Changes changes = { 0 };

  make_drafts (fx, 3, CO_DRAFT_STAGE_SAVED, CO_PLATFORM_X);
  make_drafts (fx, 2, CO_DRAFT_STAGE_DRAFT, CO_PLATFORM_LINKEDIN);
  co_draft_model_refresh (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);

  co_draft_model_set_platform (model, &linkedin);
  g_assert_true (co_draft_model_get_platform (model, &found));
  g_assert_cmpint (found, ==, CO_PLATFORM_LINKEDIN);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpint (changes.removed, ==, 5);
  g_assert_cmpint (changes.added, ==, 2);
  co_draft_model_set_platform (model, NULL);
  co_draft_model_set_stages (model, CO_DRAFT_STAGE_MASK (CO_DRAFT_STAGE_SAVED));
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  co_draft_model_set_search (model, "  post 1 ");
  g_assert_cmpstr (co_draft_model_get_search (model), ==, "post 1");
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  co_draft_model_set_search (model, "   ");
  g_assert_null (co_draft_model_get_search (model));
  co_draft_model_set_sort (model, CO_DRAFT_SORT_TITLE);
  g_assert_cmpint (co_draft_model_get_sort (model), ==, CO_DRAFT_SORT_TITLE);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_null (co_draft_model_get_error (model));
}

static gboolean
has_n_items (gpointer data)
{
  gpointer *args = data;

  return g_list_model_get_n_items (args[0]) == GPOINTER_TO_UINT (args[1]);
}

/* Moving a card refreshes both columns once the main loop is idle. */
static void
test_follows_changes (DraftsFixture *fx,
                      gconstpointer  data)
{
  g_autoptr(CoDraftModel) saved = co_draft_model_new_for_stage (fx->drafts,
                                                                CO_DRAFT_STAGE_SAVED);
  g_autoptr(CoDraftModel) drafts = co_draft_model_new_for_stage (fx->drafts,
                                                                 CO_DRAFT_STAGE_DRAFT);
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_SAVED, "Card", "text", CO_PLATFORM_X);
  gpointer saved_one[] = { saved, GUINT_TO_POINTER (1) };
  gpointer saved_none[] = { saved, GUINT_TO_POINTER (0) };
  gpointer drafts_one[] = { drafts, GUINT_TO_POINTER (1) };

  g_assert_true (co_test_wait_until (has_n_items, saved_one, 5000));
  move_ok (fx, id, CO_DRAFT_STAGE_DRAFT);
  g_assert_true (co_test_wait_until (has_n_items, saved_none, 5000));
  g_assert_true (co_test_wait_until (has_n_items, drafts_one, 5000));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/drafts/model/paging", test_paging);
  DRAFTS_TEST ("/core/drafts/model/filters", test_filters);
  DRAFTS_TEST ("/core/drafts/model/follows-changes", test_follows_changes);

  return g_test_run ();
}
