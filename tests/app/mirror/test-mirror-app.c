/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-couch.h"
#include "co-http-client.h"
#include "co-item-details.h"
#include "co-media-mirror.h"
#include "co-media-server.h"
#include "co-mirror-conflicts-window.h"
#include "co-mirror-preferences.h"
#include "co-mirror-sync.h"
#include "co-test-couch.h"
#include "co-test-desk.h"
#include "co-test-mirror.h"
#include "co-test-s3.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "co-vault-page.h"

/* The cloud mirror as a person meets it in the app: the server set up in
 * the Preferences (credentials into the keyring only), a record another
 * library sent arriving in the vault view, the indicator when the server
 * is gone, and a conflict resolved from its view; the server followed
 * while the app runs, and a file brought from the S3 bucket on demand.  The
 * servers are a real PouchDB Server and s3rver on loopback; the other
 * library syncs through them. */

#define WAIT_MS 60000

typedef struct
{
  CoTestDesk   desk;
  CoTestCouch *couch;        /* borrowed: the binary's server */
  char        *db_url;       /* a database of the test's own */
  char        *db;
  GtkWidget   *preferences;  /* the window the page is in */
  CoMirrorPreferences *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!co_test_desk_set_up (&fixture->desk))
    return;
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  fixture->couch = co_test_couch_get ();
  if (fixture->couch == NULL)
    return;
  fixture->db_url = co_test_couch_new_db (fixture->couch, "app");
  fixture->db = g_strdup (strrchr (fixture->db_url, '/') + 1);
}

static void
close_preferences (Fixture *fixture)
{
  if (fixture->preferences == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (fixture->preferences));
  fixture->preferences = NULL;
  fixture->page = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_preferences (fixture);
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
  g_free (fixture->db_url);
  g_free (fixture->db);
}

/* The test needs a display and the peer; without them it says why. */
static gboolean
skip (Fixture *fixture)
{
  if (co_test_desk_skip_without_display ())
    return TRUE;
  if (fixture->couch == NULL)
    {
      g_test_skip ("PouchDB Server is not installed (tools/test installs it)");
      return TRUE;
    }
  return FALSE;
}

static CoMirrorController *
controller (Fixture *fixture)
{
  CoMirrorController *mirror = co_window_get_mirror (fixture->desk.window);

  g_assert_nonnull (mirror);
  return mirror;
}

static void
open_preferences (Fixture *fixture)
{
  GtkWidget *page = co_mirror_preferences_new (controller (fixture));

  fixture->preferences = adw_preferences_window_new ();
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (fixture->preferences),
                              ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->preferences),
                                           ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (fixture->preferences));
  fixture->page = CO_MIRROR_PREFERENCES (page);
}

static gboolean
setup_ended (gpointer data)
{
  return !co_mirror_preferences_get_busy (data);
}

typedef struct
{
  CoMirrorController *mirror;
  guint               syncs;
} SyncWait;

static gboolean
sync_ended (gpointer data)
{
  SyncWait *wait = data;

  return co_mirror_controller_get_n_syncs (wait->mirror) >= wait->syncs &&
         co_mirror_controller_get_state (wait->mirror) != CO_MIRROR_STATE_SYNCING;
}

/* Waits until the controller ended a sync more than it had at @before. */
static void
wait_sync (Fixture *fixture,
           guint    before)
{
  SyncWait wait = { controller (fixture), before + 1 };

  g_assert_true (co_test_wait_until (sync_ended, &wait, WAIT_MS));
}

/* Types the server into the page and connects, as a person would. */
static void
connect_from_preferences (Fixture    *fixture,
                          const char *server,
                          const char *username,
                          const char *password)
{
  guint before = co_mirror_controller_get_n_syncs (controller (fixture));

  open_preferences (fixture);
  co_mirror_preferences_set_server (fixture->page, server, fixture->db, username, password);
  co_mirror_preferences_connect (fixture->page);
  g_assert_true (co_test_wait_until (setup_ended, fixture->page, WAIT_MS));
  g_assert_cmpstr (co_mirror_preferences_get_error (fixture->page), ==, NULL);
  wait_sync (fixture, before);
}

static char *
server_of (const char *db_url)
{
  return g_strndup (db_url, strrchr (db_url, '/') - db_url);
}

/* Sends and receives what @side has, through the server. */
static void
sync_side (CoTestSide *side,
           const char *db_url)
{
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  CoMirrorSyncReport report;

  couch = co_couch_new (client, db_url, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (co_couch_open (couch, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (co_mirror_sync_once (side->mirror, couch, NULL, NULL, &report, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
indicator_shows (gpointer data)
{
  Fixture *fixture = data;
  CoMirrorIndicator *indicator = co_window_get_mirror_indicator (fixture->desk.window);
  const char *icon = g_object_get_data (G_OBJECT (indicator), "co-test-icon");

  return gtk_widget_get_visible (GTK_WIDGET (indicator)) &&
         g_strcmp0 (co_mirror_indicator_get_icon_name (indicator), icon) == 0;
}

static void
assert_indicator (Fixture    *fixture,
                  const char *icon)
{
  CoMirrorIndicator *indicator = co_window_get_mirror_indicator (fixture->desk.window);

  g_object_set_data_full (G_OBJECT (indicator), "co-test-icon", g_strdup (icon), g_free);
  if (!co_test_wait_until (indicator_shows, fixture, WAIT_MS))
    g_error ("The indicator shows %s (“%s”), not %s",
             co_mirror_indicator_get_icon_name (indicator),
             co_mirror_indicator_get_tooltip (indicator), icon);
  /* Its popover opens on what it says. */
  co_mirror_indicator_popup (indicator);
  co_mirror_indicator_popdown (indicator);
}

/* Set up from the Preferences against a server that wants a password: it
 * is kept in the keyring, and nowhere in the library. */
static void
test_setup (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoTestCouch) private = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new ();
  g_autofree char *db_url = NULL;
  g_autofree char *server = NULL;
  g_autofree char *shown = NULL;
  const char *password = "mirror-app-pass-8f2c";

  if (skip (fixture) || co_test_skip_without_keyring ())
    return;
  private = co_test_couch_new_private ();
  g_assert_nonnull (private);
  co_test_couch_add_admin (private, "editor", password);
  db_url = co_test_couch_new_db (private, "app");
  server = server_of (db_url);
  g_free (fixture->db);
  fixture->db = g_strdup (strrchr (db_url, '/') + 1);

  /* A wrong password is refused, and nothing is kept. */
  open_preferences (fixture);
  co_mirror_preferences_set_server (fixture->page, server, fixture->db, "editor", "wrong");
  co_mirror_preferences_connect (fixture->page);
  g_assert_true (co_test_wait_until (setup_ended, fixture->page, WAIT_MS));
  g_assert_nonnull (co_mirror_preferences_get_error (fixture->page));
  g_test_message ("Refused: %s", co_mirror_preferences_get_error (fixture->page));
  g_assert_null (co_mirror_controller_dup_server_url (controller (fixture)));
  close_preferences (fixture);

  connect_from_preferences (fixture, server, "editor", password);
  shown = co_mirror_controller_dup_server_url (controller (fixture));
  g_assert_cmpstr (shown, ==, db_url);
  g_assert_cmpint (co_mirror_controller_get_state (controller (fixture)), ==,
                   CO_MIRROR_STATE_IDLE);
  g_assert_cmpint (co_mirror_controller_get_last_sync (controller (fixture)), >, 0);
  assert_indicator (fixture, "emblem-ok-symbolic");
  close_preferences (fixture);
  g_ptr_array_add (secrets, (gpointer) password);
  co_test_assert_no_secret_in_dir (fixture->desk.dir, secrets);
  co_test_forget_token ("couchdb", db_url);
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} ItemsWait;

static gboolean
vault_shows (gpointer data)
{
  ItemsWait *wait = data;
  guint n = 0;

  g_object_get (co_window_get_vault_page (wait->fixture->desk.window), "n-items", &n, NULL);
  return n == wait->n;
}

/* A note another library sent arrives in the vault view. */
static void
test_pull_into_vault (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CoTestSide) other = NULL;
  g_autofree char *server = NULL;
  ItemsWait wait = { fixture, 1 };

  if (skip (fixture))
    return;
  other = co_test_side_new ("other");
  co_test_side_add_note (other, "Storyboard from the laptop", NULL);
  sync_side (other, fixture->db_url);
  g_assert_true (co_test_wait_until (vault_shows, &(ItemsWait){ fixture, 0 }, WAIT_MS));

  server = server_of (fixture->db_url);
  connect_from_preferences (fixture, server, NULL, NULL);
  g_assert_true (co_test_wait_until (vault_shows, &wait, WAIT_MS));
  g_assert_cmpint (co_mirror_controller_get_state (controller (fixture)), ==,
                   CO_MIRROR_STATE_IDLE);
  /* The sync's progress went to its end, and the indicator's bar with it. */
  g_assert_true (co_job_is_finished (co_mirror_controller_get_job (controller (fixture))));
  g_assert_cmpfloat (co_mirror_indicator_get_fraction (
                       co_window_get_mirror_indicator (fixture->desk.window)), ==, 1.0);
}

/* The server goes away: the indicator says offline, and a toast names the
 * server and the reason. */
static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoTestCouch) private = NULL;
  g_autofree char *db_url = NULL;
  g_autofree char *server = NULL;
  guint before;

  if (skip (fixture))
    return;
  private = co_test_couch_new_private ();
  g_assert_nonnull (private);
  db_url = co_test_couch_new_db (private, "app");
  server = server_of (db_url);
  g_free (fixture->db);
  fixture->db = g_strdup (strrchr (db_url, '/') + 1);
  connect_from_preferences (fixture, server, NULL, NULL);
  assert_indicator (fixture, "emblem-ok-symbolic");

  g_clear_pointer (&private, co_test_couch_free);
  before = co_mirror_controller_get_n_syncs (controller (fixture));
  co_mirror_controller_sync_now (controller (fixture));
  wait_sync (fixture, before);
  g_test_message ("Offline: %s", co_mirror_controller_get_message (controller (fixture)));
  g_assert_cmpint (co_mirror_controller_get_state (controller (fixture)), ==,
                   CO_MIRROR_STATE_OFFLINE);
  assert_indicator (fixture, "network-offline-symbolic");
  co_test_desk_wait_toast (&fixture->desk, db_url, WAIT_MS);
}

static gboolean
server_has_docs (gpointer data)
{
  Fixture *fixture = data;
  const char *path = fixture->db_url + strlen (co_test_couch_get_url (fixture->couch));
  g_autofree char *query = g_strconcat (path, "/_all_docs", NULL);
  g_autoptr(JsonNode) answer = co_test_couch_request (fixture->couch, "GET", query, NULL, NULL,
                                                      NULL);

  g_assert_nonnull (answer);
  return json_object_get_int_member (json_node_get_object (answer), "total_rows") > 0;
}

/* A note added in the app reaches the server a little later, with no
 * Sync Now: the controller follows the library's changes. */
static void
test_local_change_sent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;

  if (skip (fixture))
    return;
  server = server_of (fixture->db_url);
  connect_from_preferences (fixture, server, NULL, NULL);
  g_assert_false (server_has_docs (fixture));
  co_vault_add_note (fixture->desk.vault, "Thumbnail ideas", "Bold red title", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (co_test_wait_until (server_has_docs, fixture, WAIT_MS));
}

static gboolean
following (gpointer data)
{
  return co_mirror_controller_get_following (data);
}

static gboolean
not_following (gpointer data)
{
  return !co_mirror_controller_get_following (data);
}

static void
count_failed_cb (CoMirrorController *mirror,
                 const char         *text,
                 guint              *n_failed)
{
  (*n_failed)++;
}

/* A bound well under the five minutes between periodic syncs: what
 * arrives within it came by following the server. */
#define FOLLOW_WAIT_MS 30000

/* While the app runs it follows the server: a note another library sends
 * arrives in the vault view with no Sync Now and long before the next
 * periodic sync; it keeps following after, and stopping ends the follow
 * without an error. */
static void
test_follow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(CoTestSide) other = NULL;
  g_autofree char *server = NULL;
  CoMirrorController *mirror;
  guint n_failed = 0;

  if (skip (fixture))
    return;
  server = server_of (fixture->db_url);
  connect_from_preferences (fixture, server, NULL, NULL);
  mirror = controller (fixture);
  g_signal_connect (mirror, "failed", G_CALLBACK (count_failed_cb), &n_failed);
  g_assert_true (co_test_wait_until (following, mirror, WAIT_MS));

  other = co_test_side_new ("other");
  co_test_side_add_note (other, "Sent while the app ran", NULL);
  sync_side (other, fixture->db_url);
  g_assert_true (co_test_wait_until (vault_shows, &(ItemsWait){ fixture, 1 }, FOLLOW_WAIT_MS));
  co_test_side_add_note (other, "And another", NULL);
  sync_side (other, fixture->db_url);
  g_assert_true (co_test_wait_until (vault_shows, &(ItemsWait){ fixture, 2 }, FOLLOW_WAIT_MS));
  g_assert_true (co_test_wait_until (following, mirror, WAIT_MS));

  co_mirror_controller_stop (mirror);
  g_assert_true (co_test_wait_until (not_following, mirror, WAIT_MS));
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpint (co_mirror_controller_get_state (mirror), ==, CO_MIRROR_STATE_IDLE);
  g_signal_handlers_disconnect_by_func (mirror, count_failed_cb, &n_failed);
}

/* The id (and position in the vault view) of the item with the file
 * @sha256. */
static gint64
item_with_file (Fixture    *fixture,
                const char *sha256,
                guint      *out_position)
{
  CoVaultPage *page = co_window_get_vault_page (fixture->desk.window);
  GListModel *model = G_LIST_MODEL (co_vault_page_get_model (page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CoVaultItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (co_vault_item_get_sha256 (item), sha256) != 0)
        continue;
      if (out_position != NULL)
        *out_position = i;
      return co_vault_item_get_id (item);
    }
  g_error ("No item in the vault view has the file %s", sha256);
}

/* The Download button of the details pane, with the item at @position in
 * it. */
static GtkWidget *
download_button (Fixture *fixture,
                 guint    position)
{
  CoVaultPage *page = co_window_get_vault_page (fixture->desk.window);
  GtkWidget *details;

  co_vault_page_select (page, position);
  co_vault_page_show_details (page, TRUE);
  details = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), CO_TYPE_VAULT_PAGE,
                                                       "details"));
  g_assert_true (CO_IS_ITEM_DETAILS (details));
  return GTK_WIDGET (gtk_widget_get_template_child (details, CO_TYPE_ITEM_DETAILS,
                                                    "download_button"));
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static gboolean
file_stored (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Pushes @side's files to the bucket at @url. */
static void
push_media (CoTestSide *side,
            const char *url)
{
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoS3) s3 = co_s3_new (client, url, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (co_media_mirror_push (s3, side->store, CO_MEDIA_MIRROR_PART_SIZE, NULL, NULL,
                                       NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A video another library sent arrives without its file; Download in its
 * details brings the file from the S3 bucket, checked against its digest,
 * and the button goes.  A damaged object is refused, with a toast. */
static void
test_download (Fixture       *fixture,
               gconstpointer  data)
{
  CoTestS3 *s3 = NULL;
  g_autoptr(CoTestSide) other = NULL;
  g_autofree char *server = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *object = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  guint position = 0;
  gsize length;

  if (skip (fixture) || (s3 = co_test_s3_get ()) == NULL)
    return;
  bucket = co_test_s3_new_bucket (s3, "app");
  url = g_strdup_printf ("http://%s:%s@%s/%s", CO_TEST_S3_KEY, CO_TEST_S3_KEY,
                         co_test_s3_get_url (s3) + strlen ("http://"), bucket);
  other = co_test_side_new ("other");
  sha256 = co_test_side_add_file (other, "clip.mp4", 200 * 1024, 11);
  damaged = co_test_side_add_file (other, "damaged.mp4", 1000, 12);
  sync_side (other, fixture->db_url);
  push_media (other, url);
  g_setenv (CO_MEDIA_S3_ENV, url, TRUE);

  server = server_of (fixture->db_url);
  connect_from_preferences (fixture, server, NULL, NULL);
  g_assert_true (co_test_wait_until (vault_shows, &(ItemsWait){ fixture, 2 }, WAIT_MS));

  /* The damaged one first: its object in the bucket no longer matches. */
  key = co_media_mirror_key (damaged);
  object = co_test_s3_object_path (s3, bucket, key);
  g_assert_true (g_file_get_contents (object, &stored, &length, &error));
  g_assert_no_error (error);
  stored[10] ^= 0x40;
  g_assert_true (g_file_set_contents (object, stored, length, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_free);
  gtk_widget_activate_action (GTK_WIDGET (fixture->desk.window), "win.mirror-download", "x",
                              item_with_file (fixture, damaged, NULL));
  co_test_desk_wait_toast (&fixture->desk, key, WAIT_MS);
  path = co_store_dup_blob_path (co_vault_get_store (fixture->desk.vault), damaged);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&path, g_free);

  /* The good one, from the button of its details. */
  path = co_store_dup_blob_path (co_vault_get_store (fixture->desk.vault), sha256);
  item_with_file (fixture, sha256, &position);
  button = download_button (fixture, position);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (co_test_wait_until (file_stored, path, WAIT_MS));
  co_test_assert_file_sha256 (path, 200 * 1024, sha256);
  g_assert_true (co_test_wait_until (widget_hidden, button, WAIT_MS));
  g_unsetenv (CO_MEDIA_S3_ENV);
}

typedef struct
{
  CoMirrorIndicator *indicator;
  gulong             job_id;
  guint              n_partial;   /* fractions seen strictly between 0 and 1 (the
                                   * job coalesces its notifications: a few) */
  gboolean           icon_wrong;  /* a fraction came while the icon said otherwise */
} ProgressSeen;

static void
fraction_cb (CoJob        *job,
             GParamSpec   *pspec,
             ProgressSeen *seen)
{
  double fraction = co_mirror_indicator_get_fraction (seen->indicator);

  if (fraction <= 0.0 || fraction >= 1.0)
    return;
  seen->n_partial++;
  seen->icon_wrong |= g_strcmp0 (co_mirror_indicator_get_icon_name (seen->indicator),
                                 "emblem-synchronizing-symbolic") != 0;
}

static void
job_cb (CoMirrorController *mirror,
        GParamSpec         *pspec,
        ProgressSeen       *seen)
{
  CoJob *job = co_mirror_controller_get_job (mirror);

  if (job != NULL)
    g_signal_connect (job, "notify::fraction", G_CALLBACK (fraction_cb), seen);
}

/* A sync with much to send: while it runs the indicator shows the turning
 * arrows and a bar that moves through the sync, then the check mark with a
 * full bar. */
static void
test_syncing_progress (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *server = NULL;
  g_autoptr(GError) error = NULL;
  CoMirrorController *mirror;
  ProgressSeen seen = { 0 };
  guint before;

  if (skip (fixture))
    return;
  for (int i = 0; i < 1200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Shot list %d", i);

      co_vault_add_note (fixture->desk.vault, title, "Wide, then close", NULL, &error);
      g_assert_no_error (error);
    }
  server = server_of (fixture->db_url);
  mirror = controller (fixture);
  seen.indicator = co_window_get_mirror_indicator (fixture->desk.window);
  seen.job_id = g_signal_connect (mirror, "notify::job", G_CALLBACK (job_cb), &seen);
  before = co_mirror_controller_get_n_syncs (mirror);
  connect_from_preferences (fixture, server, NULL, NULL);
  g_signal_handler_disconnect (mirror, seen.job_id);
  if (co_mirror_controller_get_job (mirror) != NULL)
    g_signal_handlers_disconnect_by_data (co_mirror_controller_get_job (mirror), &seen);
  g_assert_cmpuint (co_mirror_controller_get_n_syncs (mirror), >, before);
  g_assert_true (server_has_docs (fixture));
  g_test_message ("%u fractions between 0 and 1 shown", seen.n_partial);
  g_assert_cmpuint (seen.n_partial, >=, 1);
  g_assert_false (seen.icon_wrong);
  assert_indicator (fixture, "emblem-ok-symbolic");
  g_assert_cmpfloat (co_mirror_indicator_get_fraction (seen.indicator), ==, 1.0);
}

/* The database is closed to everyone but a member: the sync fails for a
 * reason the network does not explain, and the indicator shows the error
 * sign (not "offline"), with a toast naming the database. */
static void
test_sync_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoTestCouch) private = NULL;
  g_autofree char *db_url = NULL;
  g_autofree char *server = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;
  guint before;

  if (skip (fixture))
    return;
  private = co_test_couch_new_private ();
  g_assert_nonnull (private);
  db_url = co_test_couch_new_db (private, "app");
  server = server_of (db_url);
  g_free (fixture->db);
  fixture->db = g_strdup (strrchr (db_url, '/') + 1);
  connect_from_preferences (fixture, server, NULL, NULL);
  assert_indicator (fixture, "emblem-ok-symbolic");

  co_test_couch_add_admin (private, "editor", "editor-pass-31");
  path = g_strdup_printf ("/%s/_security", fixture->db);
  answer = co_test_couch_request (private, "PUT", path,
                                  "{\"members\": {\"names\": [\"editor\"]}}",
                                  "editor:editor-pass-31", &status);
  g_assert_cmpuint (status, ==, 200);
  before = co_mirror_controller_get_n_syncs (controller (fixture));
  co_mirror_controller_sync_now (controller (fixture));
  wait_sync (fixture, before);
  g_test_message ("Error: %s", co_mirror_controller_get_message (controller (fixture)));
  g_assert_cmpint (co_mirror_controller_get_state (controller (fixture)), ==,
                   CO_MIRROR_STATE_ERROR);
  assert_indicator (fixture, "dialog-error-symbolic");
  co_test_desk_wait_toast (&fixture->desk, db_url, WAIT_MS);
}

/* The media bucket set up from the Preferences: one that does not exist is
 * refused and nothing is kept; the right one is kept, its secret in the
 * keyring only.  The next sync sends the library's files to it. */
static void
test_bucket_setup (Fixture       *fixture,
                   gconstpointer  data)
{
  CoTestS3 *s3 = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new ();
  g_autofree char *bucket = NULL;
  g_autofree char *url = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *server = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *key = NULL;
  g_autofree char *object = NULL;
  const char *secret = "bucket-secret-5e1d";

  if (skip (fixture) || co_test_skip_without_keyring () || (s3 = co_test_s3_get ()) == NULL)
    return;
  bucket = co_test_s3_new_bucket (s3, "prefs");
  url = g_strdup_printf ("%s/%s", co_test_s3_get_url (s3), bucket);
  missing = g_strdup_printf ("%s/no-such-bucket", co_test_s3_get_url (s3));
  open_preferences (fixture);

  co_mirror_preferences_set_bucket (fixture->page, missing, CO_TEST_S3_KEY, secret);
  co_mirror_preferences_connect_bucket (fixture->page);
  g_assert_true (co_test_wait_until (setup_ended, fixture->page, WAIT_MS));
  g_test_message ("Refused: %s", co_mirror_preferences_get_error (fixture->page));
  g_assert_nonnull (strstr (co_mirror_preferences_get_error (fixture->page), missing));
  g_assert_null (co_mirror_controller_dup_bucket_url (controller (fixture)));

  co_mirror_preferences_set_bucket (fixture->page, url, CO_TEST_S3_KEY, secret);
  co_mirror_preferences_connect_bucket (fixture->page);
  g_assert_true (co_test_wait_until (setup_ended, fixture->page, WAIT_MS));
  g_assert_null (co_mirror_preferences_get_error (fixture->page));
  kept = co_mirror_controller_dup_bucket_url (controller (fixture));
  g_assert_cmpstr (kept, ==, url);
  close_preferences (fixture);

  sha256 = co_test_vault_add_file (fixture->desk.vault, fixture->desk.dir, "take-3.mp4",
                                   300 * 1024, 13);
  key = co_media_mirror_key (sha256);
  object = co_test_s3_object_path (s3, bucket, key);
  g_assert_false (g_file_test (object, G_FILE_TEST_EXISTS));
  server = server_of (fixture->db_url);
  connect_from_preferences (fixture, server, NULL, NULL);
  g_assert_cmpint (co_mirror_controller_get_state (controller (fixture)), ==,
                   CO_MIRROR_STATE_IDLE);
  co_test_assert_file_sha256 (object, 300 * 1024, sha256);
  close_preferences (fixture);
  g_ptr_array_add (secrets, (gpointer) secret);
  co_test_assert_no_secret_in_dir (fixture->desk.dir, secrets);
  co_test_forget_token ("s3", url);
}

static gboolean
conflicts_counted (gpointer data)
{
  return co_mirror_controller_get_n_conflicts (data) > 0;
}

static CoMirrorConflictsWindow *
find_conflicts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CO_IS_MIRROR_CONFLICTS_WINDOW (window))
        return CO_MIRROR_CONFLICTS_WINDOW (window);
    }
  return NULL;
}

static gboolean
conflicts_window_shown (gpointer data)
{
  return find_conflicts_window () != NULL;
}

static char *
item_title (Fixture *fixture,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = co_vault_get (fixture->desk.vault, id, &error);

  g_assert_no_error (error);
  return g_strdup (co_vault_item_get_title (item));
}

/* Both libraries retitle one note; the app keeps the other's title as a
 * conflict copy, and Keep Remote in the conflicts view restores it. */
static void
test_conflict_resolved (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CoTestSide) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *title = NULL;
  CoMirrorConflictsWindow *conflicts;
  gint64 other_id, id;
  guint before;

  if (skip (fixture))
    return;
  other = co_test_side_new ("other");
  other_id = co_test_side_add_note (other, "Plan", NULL);
  sync_side (other, fixture->db_url);
  server = server_of (fixture->db_url);
  connect_from_preferences (fixture, server, NULL, NULL);
  close_preferences (fixture);
  g_assert_true (co_test_wait_until (vault_shows, &(ItemsWait){ fixture, 1 }, WAIT_MS));
  /* The desk's library was empty: the note is its first item. */
  id = 1;

  g_assert_true (co_vault_update_text (other->vault, other_id, "Plan from the laptop", NULL,
                                       &error));
  g_assert_no_error (error);
  sync_side (other, fixture->db_url);
  g_assert_true (co_vault_update_text (fixture->desk.vault, id, "Plan from the desk", NULL,
                                       &error));
  g_assert_no_error (error);
  before = co_mirror_controller_get_n_syncs (controller (fixture));
  co_mirror_controller_sync_now (controller (fixture));
  wait_sync (fixture, before);
  g_assert_true (co_test_wait_until (conflicts_counted, controller (fixture), WAIT_MS));
  assert_indicator (fixture, "dialog-warning-symbolic");

  /* Reached from the indicator's popover. */
  co_mirror_indicator_popup (co_window_get_mirror_indicator (fixture->desk.window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->desk.window), "mirror-conflicts",
                                  NULL);
  g_assert_true (co_test_wait_until (conflicts_window_shown, NULL, WAIT_MS));
  conflicts = find_conflicts_window ();
  g_assert_cmpuint (co_mirror_conflicts_window_get_n_rows (conflicts), ==, 1);
  g_assert_true (co_mirror_conflicts_window_keep (conflicts, 0, CO_MIRROR_KEEP_REMOTE));
  g_assert_cmpuint (co_mirror_conflicts_window_get_n_rows (conflicts), ==, 0);
  g_assert_cmpuint (co_mirror_controller_get_n_conflicts (controller (fixture)), ==, 0);
  title = item_title (fixture, id);
  g_assert_cmpstr (title, ==, "Plan from the laptop");
  gtk_window_destroy (GTK_WINDOW (conflicts));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* No system proxy between the app and the loopback server. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_unsetenv ("CREATOROPS_COUCHDB_URL");
  g_unsetenv (CO_MEDIA_S3_ENV);
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/mirror/setup", Fixture, NULL, fixture_set_up, test_setup, fixture_tear_down);
  g_test_add ("/app/mirror/pull-into-vault", Fixture, NULL, fixture_set_up, test_pull_into_vault,
              fixture_tear_down);
  g_test_add ("/app/mirror/local-change-sent", Fixture, NULL, fixture_set_up,
              test_local_change_sent, fixture_tear_down);
  g_test_add ("/app/mirror/follow", Fixture, NULL, fixture_set_up, test_follow,
              fixture_tear_down);
  g_test_add ("/app/mirror/download", Fixture, NULL, fixture_set_up, test_download,
              fixture_tear_down);
  g_test_add ("/app/mirror/syncing-progress", Fixture, NULL, fixture_set_up,
              test_syncing_progress, fixture_tear_down);
  g_test_add ("/app/mirror/sync-error", Fixture, NULL, fixture_set_up, test_sync_error,
              fixture_tear_down);
  g_test_add ("/app/mirror/bucket-setup", Fixture, NULL, fixture_set_up, test_bucket_setup,
              fixture_tear_down);
  g_test_add ("/app/mirror/offline", Fixture, NULL, fixture_set_up, test_offline,
              fixture_tear_down);
  g_test_add ("/app/mirror/conflict-resolved", Fixture, NULL, fixture_set_up,
              test_conflict_resolved, fixture_tear_down);

  status = g_test_run ();
  co_test_couch_stop ();
  co_test_s3_stop ();
  return status;
}
