/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "co-mirror-error.h"
#include "co-sync-error.h"
#include "mirror-fixture.h"

/*
 * The replication against a real PouchDB Server: a library's records go to
 * the server and come back in another library; a sync with nothing to do
 * costs one request each way; an interrupted sync resumes at its
 * checkpoints; conflicts are resolved on the server too; and bad input (a
 * server that is not CouchDB, a wrong password, a malformed document) is a
 * clear error that changes nothing here.
 */

static gint64
server_count (const char *db_url,
              const char *query)
{
  CoTestCouch *couch = co_test_couch_get ();
  const char *path = db_url + strlen (co_test_couch_get_url (couch));
  g_autofree char *full = g_strconcat (path, query, NULL);
  g_autoptr(JsonNode) answer = co_test_couch_request (couch, "GET", full, NULL, NULL, NULL);

  g_assert_nonnull (answer);
  return json_object_get_int_member (json_node_get_object (answer), "total_rows");
}

static void
fill (CoTestSide *side,
      guint       n_notes)
{
  for (guint i = 0; i < n_notes; i++)
    {
      g_autofree char *title = g_strdup_printf ("Note %u", i);

      co_test_side_add_note (side, title, i % 3 == 0 ? "travel" : NULL);
    }
}

/* Everything a library has arrives in another one, exactly. */
static void
test_round_trip (void)
{
  g_autofree char *db = new_database ("round-trip");
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;
  CoMirrorSyncReport report;
  gint64 draft;

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  b = co_test_side_new ("b");
  fill (a, 20);
  draft = co_test_side_add_draft (a, "Launch", 3);
  g_assert_true (co_drafts_set_variant (a->drafts, draft, CO_PLATFORM_X, NULL, "For X", &error));
  g_assert_no_error (error);
  co_test_side_schedule (a, draft, CO_PLATFORM_X, 60 * 24);

  report = sync_side (a, db);
  g_assert_cmpuint (report.pushed, ==, 22);
  g_assert_cmpint (server_count (db, "/_all_docs"), ==, 22);
  report = sync_side (b, db);
  g_assert_cmpuint (report.pulled, ==, 22);
  g_assert_cmpuint (report.pushed, ==, 0);
  state_a = co_test_side_state (a);
  state_b = co_test_side_state (b);
  g_assert_cmpstr (state_a, ==, state_b);
  g_assert_cmpint (co_test_side_count (b, "SELECT count (*) FROM schedule_entries"), ==, 1);

  /* And back: a change in b reaches a. */
  g_assert_true (co_vault_update_text (b->vault, 1, "Changed in b", NULL, &error));
  g_assert_no_error (error);
  sync_side (b, db);
  report = sync_side (a, db);
  g_assert_cmpuint (report.pulled, ==, 1);
  g_free (state_a);
  g_free (state_b);
  state_a = co_test_side_state (a);
  state_b = co_test_side_state (b);
  g_assert_cmpstr (state_a, ==, state_b);
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **)data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

/* The same through the _async call, on the main thread's loop. */
static void
test_async (void)
{
  g_autofree char *db = new_database ("async");
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoCouch) couch = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CoMirrorSyncReport report = { 0 };

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  fill (a, 4);
  couch = co_couch_new (client, db, NULL, NULL, &error);
  g_assert_no_error (error);
  co_mirror_sync_async (a->mirror, couch, NULL, NULL, NULL, synced_cb, &result);
  g_assert_true (co_test_wait_until (has_result, &result, 120000));
  g_assert_true (co_mirror_sync_finish (a->mirror, result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.pushed, ==, 4);
}

/* A sync with nothing to do asks for the pull's checkpoint and the changes
 * after it, and nothing more.  (The sync after the first push still reads
 * the library's own changes back from the server, as any replicator does.) */
static void
test_nothing_to_do (void)
{
  g_autofree char *db = new_database ("idle");
  g_autoptr(CoTestSide) a = NULL;
  CoMirrorSyncReport report;

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  fill (a, 5);
  sync_side (a, db);
  sync_side (a, db);
  report = sync_side (a, db);
  g_assert_cmpuint (report.pushed, ==, 0);
  g_assert_cmpuint (report.pulled, ==, 0);
  g_assert_cmpuint (report.requests, ==, 2);
}

/* A sync cut short resumes at its last checkpoint, on both sides. */
static void
test_resume (void)
{
  g_autofree char *db = new_database ("resume");
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_auto(SyncRun) run;
  CoMirrorSyncReport report;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  b = co_test_side_new ("b");
  fill (a, 2 * CO_MIRROR_SYNC_BATCH + 100);

  sync_side_run (a, db, CO_MIRROR_SYNC_BATCH, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (server_count (db, "/_all_docs"), ==, CO_MIRROR_SYNC_BATCH);
  report = sync_side (a, db);
  g_assert_cmpuint (report.pushed, ==, CO_MIRROR_SYNC_BATCH + 100);
  g_assert_cmpint (server_count (db, "/_all_docs"), ==, 2 * CO_MIRROR_SYNC_BATCH + 100);

  sync_run_clear (&run);
  sync_side_run (b, db, CO_MIRROR_SYNC_BATCH, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (co_test_side_count (b, "SELECT count (*) FROM vault_items"), ==,
                   CO_MIRROR_SYNC_BATCH);
  report = sync_side (b, db);
  g_assert_cmpuint (report.pulled, ==, CO_MIRROR_SYNC_BATCH + 100);
  state_a = co_test_side_state (a);
  state_b = co_test_side_state (b);
  g_assert_cmpstr (state_a, ==, state_b);
}

/* A server that lost the database (made again empty) gets everything again,
 * what the library received from it included. */
static void
test_server_lost (void)
{
  g_autofree char *db = new_database ("lost");
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_autoptr(JsonNode) dropped = NULL;
  CoMirrorSyncReport report;
  const char *path;
  guint status = 0;

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  b = co_test_side_new ("b");
  fill (a, 5);
  fill (b, 3);
  sync_side (a, db);
  sync_side (b, db);
  path = db + strlen (co_test_couch_get_url (co_test_couch_get ()));
  dropped = co_test_couch_request (co_test_couch_get (), "DELETE", path, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  report = sync_side (b, db);
  g_assert_cmpuint (report.pushed, ==, 8);
  g_assert_cmpint (server_count (db, "/_all_docs"), ==, 8);
  report = sync_side (a, db);
  g_assert_cmpuint (report.pulled, ==, 3);
}

/* The losing revision of a conflict is closed on the server too, so that the
 * server's document has no conflicts left. */
static void
test_conflict_on_server (void)
{
  g_autofree char *db = new_database ("conflict");
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  b = co_test_side_new ("b");
  id = co_mirror_dup_record_id (a->mirror, "vault_item", co_test_side_add_note (a, "One", NULL));
  sync_side (a, db);
  sync_side (b, db);
  g_assert_true (co_vault_update_text (a->vault, co_test_side_local_id (a, id), "A's", NULL,
                                       &error));
  g_assert_true (co_vault_update_text (b->vault, co_test_side_local_id (b, id), "B's", NULL,
                                       &error));
  g_assert_no_error (error);
  sync_side (a, db);
  sync_side (b, db);
  sync_side (a, db);

  path = g_strdup_printf ("%s/%s?conflicts=true", db + strlen (co_test_couch_get_url (
                                                          co_test_couch_get ())), id);
  doc = co_test_couch_request (co_test_couch_get (), "GET", path, NULL, NULL, NULL);
  g_assert_nonnull (doc);
  g_assert_false (json_object_has_member (json_node_get_object (doc), "_conflicts"));
  state_a = co_test_side_state (a);
  state_b = co_test_side_state (b);
  g_assert_cmpstr (state_a, ==, state_b);
  g_assert_cmpint (co_test_side_count (a, "SELECT count (*) FROM mirror_conflicts"), ==, 1);
  g_assert_cmpint (co_test_side_count (b, "SELECT count (*) FROM mirror_conflicts"), ==, 1);
}

/* Bad input changes nothing here: what the library had stays, and the next
 * good sync starts from where the last good one ended. */
static void
assert_failed_unchanged (CoTestSide *side,
                         const char *url,
                         GQuark      domain,
                         int         code,
                         const char *named)
{
  g_autofree char *before = co_test_side_state (side);
  g_autofree char *after = NULL;
  gint64 checkpoints = co_test_side_count (side, "SELECT count (*) FROM mirror_checkpoints");
  g_auto(SyncRun) run;

  sync_side_run (side, url, 0, &run);
  g_assert_false (run.ok);
  g_assert_error (run.error, domain, code);
  g_test_message ("%s", run.error->message);
  g_assert_nonnull (strstr (run.error->message, named));
  g_assert_null (strstr (run.error->message, "s3cret"));
  g_assert_null (strstr (run.error->message, "wrong-password"));
  after = co_test_side_state (side);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (co_test_side_count (side, "SELECT count (*) FROM mirror_checkpoints"), ==,
                   checkpoints);
}

static void
html_cb (CoTestServer      *server,
         SoupServerMessage *message,
         const char        *path,
         gpointer           data)
{
  static const char page[] = "<html><body>Welcome to my blog</body></html>";

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, page,
                                    strlen (page));
}

static void
test_not_couchdb (void)
{
  g_autoptr(CoTestServer) web = co_test_server_new ();
  g_autoptr(CoTestSide) a = co_test_side_new ("a");
  g_autofree char *url = g_strdup_printf ("%s/blog", co_test_server_get_url (web));

  co_test_server_route (web, NULL, "/", html_cb, NULL);
  fill (a, 3);
  assert_failed_unchanged (a, url, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_COUCHDB, url);
}

static void
test_wrong_password (void)
{
  g_autoptr(CoTestCouch) couch = co_test_couch_new_private ();
  g_autofree char *db = couch != NULL ? co_test_couch_new_db (couch, "private") : NULL;
  g_autoptr(CoTestSide) a = NULL;
  g_autofree char *name = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *anonymous = NULL;
  g_autofree char *right = NULL;

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  fill (a, 3);
  name = g_path_get_basename (db);
  co_test_couch_restrict (couch, name, "alice", "s3cret");
  wrong = g_strdup_printf ("http://alice:wrong-password@%s", db + strlen ("http://"));
  assert_failed_unchanged (a, wrong, CO_MIRROR_ERROR, CO_MIRROR_ERROR_UNAUTHORIZED, db);
  anonymous = g_strdup (db);
  assert_failed_unchanged (a, anonymous, CO_MIRROR_ERROR, CO_MIRROR_ERROR_UNAUTHORIZED, db);
  right = g_strdup_printf ("http://alice:s3cret@%s", db + strlen ("http://"));
  g_assert_cmpuint (sync_side (a, right).pushed, ==, 3);
}

/* A document on the server that does not match its type: the error names
 * it, and nothing of its batch is written. */
static void
test_malformed_document (void)
{
  g_autofree char *db = new_database ("malformed");
  CoTestCouch *couch = co_test_couch_get ();
  g_autoptr(CoTestSide) a = NULL;
  g_autoptr(CoTestSide) b = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) put = NULL;
  guint status = 0;

  if (db == NULL)
    return;
  a = co_test_side_new ("a");
  b = co_test_side_new ("b");
  fill (a, 3);
  sync_side (a, db);
  path = g_strdup_printf ("%s/vault:0123456789abcdef", db + strlen (co_test_couch_get_url (couch)));
  put = co_test_couch_request (couch, "PUT", path,
                               "{\"type\": \"vault_item\", \"schema\": 1, \"modified_at\": 1,"
                               " \"modified_by\": \"someone\", \"title\": [\"not\", \"text\"]}",
                               NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  assert_failed_unchanged (b, db, CO_MIRROR_ERROR, CO_MIRROR_ERROR_INVALID_DOCUMENT,
                           "vault:0123456789abcdef");
  g_assert_cmpint (co_test_side_count (b, "SELECT count (*) FROM vault_items"), ==, 0);
}

static void
test_unreachable (void)
{
  g_autoptr(CoTestServer) gone = co_test_server_new ();
  g_autofree char *url = g_strdup_printf ("%s/db", co_test_server_get_url (gone));
  g_autoptr(CoTestSide) a = co_test_side_new ("a");

  g_clear_object (&gone);
  fill (a, 2);
  assert_failed_unchanged (a, url, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE, url);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  co_test_network_init (&argc, &argv);

  g_test_add_func ("/sync/mirror/round-trip", test_round_trip);
  g_test_add_func ("/sync/mirror/nothing-to-do", test_nothing_to_do);
  g_test_add_func ("/sync/mirror/async", test_async);
  g_test_add_func ("/sync/mirror/resume", test_resume);
  g_test_add_func ("/sync/mirror/conflict-on-server", test_conflict_on_server);
  g_test_add_func ("/sync/mirror/server-lost", test_server_lost);
  g_test_add_func ("/sync/mirror/bad/not-couchdb", test_not_couchdb);
  g_test_add_func ("/sync/mirror/bad/wrong-password", test_wrong_password);
  g_test_add_func ("/sync/mirror/bad/malformed-document", test_malformed_document);
  g_test_add_func ("/sync/mirror/bad/unreachable", test_unreachable);

  status = g_test_run ();
  co_test_couch_stop ();
  return status;
}
