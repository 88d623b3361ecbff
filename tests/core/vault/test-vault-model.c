/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-vault-error.h"
#include "co-vault-model.h"
#include "vault-fixture.h"

/* Mirrors MAX_PAGES in co-vault-model.c: the most pages the model keeps. */
#define MODEL_MAX_PAGES 8
#define N_NOTES 1000

typedef struct
{
  guint n_items_changed;
  guint n_notify;
  guint last_removed;
  guint last_added;
} ModelEvents;

static void
items_changed_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  ModelEvents *events)
{
  events->n_items_changed++;
  events->last_removed = removed;
  events->last_added = added;
}

static void
notify_cb (GObject     *object,
           GParamSpec  *pspec,
           ModelEvents *events)
{
  events->n_notify++;
}

static void
fill_notes (VaultFixture *fx,
            guint         n)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (fx->store);
  g_autoptr(GError) error = NULL;

  /* One transaction for all: each note alone would wait for a disk flush. */
  g_assert_true (_co_store_begin (fx->store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("Note %u %s", i, i % 10 == 0 ? "drone" : "plain");
      const char *tags[] = { i % 3 == 0 ? "third" : "other", NULL };

      g_assert_cmpint (co_vault_add_note (fx->vault, NULL, body, tags, &error), >, 0);
    }
  g_assert_true (_co_store_commit (fx->store, &error));
  g_assert_no_error (error);
}

static void
test_paging (VaultFixture  *fx,
             gconstpointer  data)
{
  g_autoptr(CoVaultModel) model = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;

  fill_notes (fx, N_NOTES);
  model = co_vault_model_new (fx->vault);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_NOTES);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CO_TYPE_VAULT_ITEM);
  g_assert_cmpuint (co_vault_model_get_n_loaded_pages (model), ==, 0);

  expected = co_vault_list (fx->vault, NULL, 0, N_NOTES, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_NOTES; i++)
    {
      g_autoptr(CoVaultItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (item);
      g_assert_cmpint (co_vault_item_get_id (item), ==,
                       co_vault_item_get_id (g_ptr_array_index (expected, i)));
      g_assert_cmpuint (co_vault_model_get_n_loaded_pages (model), <=, MODEL_MAX_PAGES);
    }
  /* Random access back and forth across page boundaries. */
  for (guint k = 0; k < 200; k++)
    {
      guint i = (k * 7919u + (k % 2 ? 119 : 120)) % N_NOTES;
      g_autoptr(CoVaultItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (co_vault_item_get_id (item), ==,
                       co_vault_item_get_id (g_ptr_array_index (expected, i)));
      g_assert_cmpuint (co_vault_model_get_n_loaded_pages (model), <=, MODEL_MAX_PAGES);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_NOTES));
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_refresh_on_change (VaultFixture  *fx,
                        gconstpointer  data)
{
  g_autoptr(CoVaultModel) model = NULL;
  ModelEvents events = { 0 };
  g_autoptr(CoVaultItem) first = NULL;
  gint64 newest;

  fill_notes (fx, 10);
  model = co_vault_model_new (fx->vault);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &events);
  g_signal_connect (model, "notify::n-items", G_CALLBACK (notify_cb), &events);

  add_note (fx, NULL, "one more");
  newest = add_note (fx, NULL, "and another");
  /* The refresh waits for the main loop, and several changes make one. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (events.n_items_changed, ==, 1);
  g_assert_cmpuint (events.last_removed, ==, 10);
  g_assert_cmpuint (events.last_added, ==, 12);
  g_assert_cmpuint (events.n_notify, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 12);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (co_vault_item_get_id (first), ==, newest);

  g_assert_finalize_object (g_steal_pointer (&model));
}

static gpointer
add_note_thread (gpointer data)
{
  VaultFixture *fx = data;

  g_assert_cmpint (co_vault_add_note (fx->vault, NULL, "from a worker", NULL, NULL), >, 0);
  return NULL;
}

static void
test_refresh_from_thread (VaultFixture  *fx,
                          gconstpointer  data)
{
  g_autoptr(CoVaultModel) model = co_vault_model_new (fx->vault);
  ModelEvents events = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &events);
  g_thread_join (g_thread_new ("writer", add_note_thread, fx));
  g_assert_cmpuint (events.n_items_changed, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (events.n_items_changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static void
test_dispose_pending (VaultFixture  *fx,
                      gconstpointer  data)
{
  g_autoptr(CoVaultModel) model = co_vault_model_new (fx->vault);

  /* A refresh still queued when the model goes away must not run. */
  add_note (fx, NULL, "pending refresh");
  g_assert_finalize_object (g_steal_pointer (&model));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
n_items (CoVaultModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
test_setters (VaultFixture  *fx,
              gconstpointer  data)
{
  g_autoptr(CoVaultModel) model = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  ModelEvents events = { 0 };
  gint64 best, link;
  g_autoptr(GError) error = NULL;

  fill_notes (fx, 60);
  best = add_note (fx, "Drone drone drone", "drone");
  link = co_vault_add_link (fx->vault, "https://example.com/drone", "Drone link", NULL, NULL, &error);
  g_assert_no_error (error);
  model = co_vault_model_new (fx->vault);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &events);
  g_assert_cmpuint (n_items (model), ==, 62);

  co_vault_model_set_search (model, "  drone ");
  g_assert_cmpstr (co_vault_model_get_search (model), ==, "drone");
  g_assert_cmpuint (n_items (model), ==, 8);
  g_assert_cmpuint (events.n_items_changed, ==, 1);
  co_vault_model_set_search (model, "drone");
  g_assert_cmpuint (events.n_items_changed, ==, 1);
  /* Searching orders by relevance unless an order was chosen. */
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (co_vault_item_get_id (item), ==, best);
  g_clear_object (&item);

  co_vault_model_set_sort (model, CO_VAULT_SORT_NEWEST);
  g_assert_cmpint (co_vault_model_get_sort (model), ==, CO_VAULT_SORT_NEWEST);
  item = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (co_vault_item_get_id (item), ==, link);
  g_clear_object (&item);

  /* Results follow typing: every word of two letters finds the words it
   * begins, and while typing so does a first letter, which a finished
   * search takes as a whole word. */
  co_vault_model_set_search (model, "dro");
  g_assert_cmpuint (n_items (model), ==, 8);
  g_assert_true (co_vault_model_get_error (model) == NULL);
  co_vault_model_set_search (model, "d");
  g_assert_cmpuint (n_items (model), ==, 8);
  {
    CoVaultQuery exact = { .search = "d" };
    g_assert_cmpint (co_vault_count (fx->vault, &exact, &error), ==, 0);
    g_assert_no_error (error);
  }
  co_vault_model_set_search (model, "drone");

  co_vault_model_set_filter_type (model, CO_VAULT_TYPE_LINK);
  g_assert_cmpint (co_vault_model_get_filter_type (model), ==, CO_VAULT_TYPE_LINK);
  g_assert_cmpuint (n_items (model), ==, 1);
  co_vault_model_set_filter_type (model, CO_VAULT_TYPE_ANY);
  co_vault_model_set_search (model, NULL);
  g_assert_null (co_vault_model_get_search (model));
  g_assert_cmpuint (n_items (model), ==, 62);

  co_vault_model_set_tag (model, "third");
  g_assert_cmpstr (co_vault_model_get_tag (model), ==, "third");
  g_assert_cmpuint (n_items (model), ==, 20);
  co_vault_model_set_tag (model, NULL);

  g_assert_true (co_vault_trash (fx->vault, best, NULL));
  co_vault_model_refresh (model);
  g_assert_cmpuint (n_items (model), ==, 61);
  co_vault_model_set_trash (model, CO_VAULT_TRASH_ONLY);
  g_assert_cmpint (co_vault_model_get_trash (model), ==, CO_VAULT_TRASH_ONLY);
  g_assert_cmpuint (n_items (model), ==, 1);
  co_vault_model_set_trash (model, CO_VAULT_TRASH_INCLUDE);
  g_assert_cmpuint (n_items (model), ==, 62);

  /* A search with no words empties the list and says why. */
  g_assert_null (co_vault_model_get_error (model));
  co_vault_model_set_search (model, "(((");
  g_assert_cmpuint (n_items (model), ==, 0);
  g_assert_error ((GError *)co_vault_model_get_error (model), CO_VAULT_ERROR,
                  CO_VAULT_ERROR_BAD_QUERY);
  co_vault_model_set_search (model, "   ");
  g_assert_null (co_vault_model_get_error (model));
  g_assert_cmpuint (n_items (model), ==, 62);
  g_assert_true (co_vault_model_get_vault (model) == fx->vault);
  g_assert_finalize_object (g_steal_pointer (&model));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  VAULT_TEST ("/core/vault-model/paging", test_paging);
  VAULT_TEST ("/core/vault-model/refresh/on-change", test_refresh_on_change);
  VAULT_TEST ("/core/vault-model/refresh/from-thread", test_refresh_from_thread);
  VAULT_TEST ("/core/vault-model/refresh/dispose-pending", test_dispose_pending);
  VAULT_TEST ("/core/vault-model/setters", test_setters);

  return g_test_run ();
}
