/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-drafts.h"
#include "co-outbox.h"
#include "co-publish-log.h"
#include "co-store-private.h"
#include "co-test-util.h"

/* The migration that made the publish log.  The lead may renumber it at
 * merge: this is the one line to change then. */
#define PUBLISH_SCHEMA_VERSION 15

/* A draft and an outbox operation to record against. */
static gint64
add_operation (CoStore *store)
{
  g_autoptr(CoOutbox) outbox = co_outbox_new (store);
  g_autoptr(CoOutboxOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  CoOutboxRequest request = { "test.post", "{}", NULL, NULL, 0, 0, 0, 0 };

  operation = co_outbox_enqueue (outbox, &request, 1, &error);
  g_assert_no_error (error);
  return co_outbox_operation_get_id (operation);
}

static gint64
add_draft (CoStore *store)
{
  g_autoptr(CoDrafts) drafts = co_drafts_new (store);
  CoPlatform platforms[] = { CO_PLATFORM_X };
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Title", "Body", platforms, 1, NULL, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

/* The newest record wins; a draft never sent has none; a platform's list of
 * posts holds only those the server has. */
static void
test_find (void)
{
  g_autoptr(CoStore) store = co_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) done = NULL;
  gint64 draft = add_draft (store);
  gint64 first = add_operation (store);
  gint64 second = add_operation (store);
  gint64 found = -1;

  g_assert_true (co_publish_log_find (store, draft, CO_PLATFORM_X, &found, &error));
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, 0);
  g_assert_true (co_publish_log_add (store, draft, CO_PLATFORM_X, 0, first, 10, &error));
  g_assert_true (co_publish_log_add (store, draft, CO_PLATFORM_X, 0, second, 20, &error));
  g_assert_no_error (error);
  g_assert_true (co_publish_log_find (store, draft, CO_PLATFORM_X, &found, &error));
  g_assert_cmpint (found, ==, second);
  g_assert_true (co_publish_log_find (store, draft, CO_PLATFORM_LINKEDIN, &found, &error));
  g_assert_cmpint (found, ==, 0);
  done = co_publish_log_published (store, CO_PLATFORM_X, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->len, ==, 0);
  g_assert_true (_co_store_exec (store, "UPDATE outbox SET state = 'done'", &error));
  g_clear_pointer (&done, g_array_unref);
  done = co_publish_log_published (store, CO_PLATFORM_X, &error);
  g_assert_cmpuint (done->len, ==, 1);
  g_assert_cmpint (g_array_index (done, CoPublishLogEntry, 0).operation_id, ==, second);
  g_assert_cmpint (g_array_index (done, CoPublishLogEntry, 0).draft_id, ==, draft);
}

/* A library from before the publish log opens, keeps its drafts, and records. */
static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("publish-upgrade");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) old = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autofree char *report = NULL;
  gint64 found = 0;

  old = _co_store_new_at_version (dir, PUBLISH_SCHEMA_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_true (_co_store_exec (old, "INSERT INTO drafts (id, stage, title, body, created_at,"
                                      " updated_at, stage_changed_at)"
                                      " VALUES (4, 'draft', 'Kept', 'From before', 1, 1, 1)",
                                 &error));
  g_assert_no_error (error);
  g_assert_false (_co_store_exec (old, "SELECT 1 FROM publish_log", NULL));
  g_clear_object (&old);

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), >=, PUBLISH_SCHEMA_VERSION);
  g_assert_true (co_publish_log_add (store, 4, CO_PLATFORM_X, 0, add_operation (store), 5,
                                     &error));
  g_assert_no_error (error);
  g_assert_true (co_publish_log_find (store, 4, CO_PLATFORM_X, &found, &error));
  g_assert_cmpint (found, >, 0);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/publish/log/find", test_find);
  g_test_add_func ("/core/publish/log/upgrade", test_upgrade);

  return g_test_run ();
}
