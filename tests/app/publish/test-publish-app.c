/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "co-accounts-page.h"
#include "co-network-indicator.h"
#include "co-outbox-window.h"
#include "co-publish-dialog.h"
#include "co-test-desk.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "publish-support.h"

/* Publishing as a person meets it in the app, against loopback fakes of X
 * and LinkedIn (and their sign-ins) that follow the platforms' documents:
 * an account connected from the Preferences through the browser, a draft
 * published from its dialog with a per-platform summary, one platform
 * refused and retried alone, the outbox's Retry and Discard, and the
 * background service sending a due post without a window. */

#define WAIT_MS 60000

typedef struct
{
  CoTestDesk   desk;
  CoTestFakes  fakes;
  GtkWidget   *shown;       /* a dialog or window the test opened */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!co_test_desk_set_up (&fixture->desk))
    return;
  co_test_desk_use_app_style ();
  co_test_fakes_init (&fixture->fakes);
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
}

static void
close_shown (Fixture *fixture)
{
  if (fixture->shown == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (fixture->shown));
  fixture->shown = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (!co_test_desk_has_display ())
    return;
  close_shown (fixture);
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
  co_test_fakes_clear (&fixture->fakes, WAIT_MS);
}

static CoPublishController *
controller (Fixture *fixture)
{
  CoPublishController *publish = co_window_get_publish (fixture->desk.window);

  g_assert_nonnull (publish);
  return publish;
}

static void
add_token (Fixture    *fixture,
           CoPlatform  platform)
{
  co_test_add_token (controller (fixture), platform,
                     platform == CO_PLATFORM_X ? fixture->fakes.x_oauth
                                               : fixture->fakes.linkedin_oauth);
}

static CoDraftStage
stage_of (CoDrafts *drafts,
          gint64    id)
{
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, id, NULL);

  g_assert_nonnull (draft);
  return co_draft_get_stage (draft);
}

/* The toplevel of @type the window opened, once it is shown. */
static gboolean
find_shown_cb (gpointer data)
{
  GType *type = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, *type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
open_from_window (Fixture    *fixture,
                  const char *action,
                  GVariant   *param,
                  GType       type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->desk.window),
                                                    action));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->desk.window), action, param);
  g_assert_true (co_test_wait_until (find_shown_cb, &type, WAIT_MS));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        fixture->shown = GTK_WIDGET (window);
    }
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->shown)) ==
                 GTK_WINDOW (fixture->desk.window));
  return fixture->shown;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not say “%s”", text, part);
}

typedef struct
{
  CoPublishController *publish;
  guint                passes;
} PassWait;

static gboolean
passed (gpointer data)
{
  PassWait *wait = data;

  return co_publish_controller_get_n_passes (wait->publish) > wait->passes;
}

/* Marks the platform's account "reconnect needed", as the account manager
 * does when a renewal is refused, and lets a pass over the outbox tell the
 * views. */
static void
mark_reconnect (Fixture    *fixture,
                CoPlatform  platform)
{
  g_autoptr(CoAccount) account = co_publish_controller_find_account (controller (fixture),
                                                                     platform);
  g_autoptr(CoAccountBook) book = co_account_book_new (fixture->desk.store);
  g_autoptr(GError) error = NULL;
  CoPublishController *publish = controller (fixture);
  PassWait wait = { publish, co_publish_controller_get_n_passes (publish) };

  g_assert_nonnull (account);
  g_assert_true (co_account_book_set_state (book, co_account_get_id (account),
                                            CO_ACCOUNT_RECONNECT, g_get_real_time (), &error));
  g_assert_no_error (error);
  co_publish_controller_send_now (controller (fixture));
  g_assert_true (co_test_wait_until (passed, &wait, WAIT_MS));
}

/* Accounts: connect through the browser. */

static gboolean
page_idle (gpointer data)
{
  return !co_accounts_page_get_busy (data);
}

static gboolean
uri_shown (gpointer data)
{
  return co_accounts_page_get_sign_in_uri (data) != NULL;
}

static CoAccountsPage *
open_accounts (Fixture *fixture)
{
  GtkWidget *page = co_accounts_page_new (controller (fixture));

  fixture->shown = adw_preferences_window_new ();
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (fixture->shown), ADW_PREFERENCES_PAGE (page));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->shown),
                                           ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (fixture->shown));
  return CO_ACCOUNTS_PAGE (page);
}

/* Connect signs in in the browser (this test plays it, from the address the
 * page shows), the page says who is connected, the token is in the keyring
 * and nowhere in the library, and Disconnect forgets it. */
static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  CoAccountsPage *page;
  g_autofree char *shot = NULL;

  if (co_test_desk_skip_without_display () || co_test_skip_without_keyring ())
    return;
  page = open_accounts (fixture);
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    g_assert_cmpstr (co_accounts_page_get_status (page, p), ==, "Not connected");

  gtk_widget_activate_action (GTK_WIDGET (page), "accounts.connect", "s", "x");
  g_assert_true (co_test_wait_until (uri_shown, page, WAIT_MS));
  g_assert_true (g_str_has_prefix (co_accounts_page_get_sign_in_uri (page),
                                   co_test_server_get_url (fixture->fakes.server)));
  shot = co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (fixture->shown),
                                         "publish-accounts-signing-in.png", WAIT_MS);
  co_test_oauth_browse (fixture->fakes.x_oauth, co_accounts_page_get_sign_in_uri (page));
  g_assert_true (co_test_wait_until (page_idle, page, WAIT_MS));
  g_assert_cmpstr (co_accounts_page_get_error (page), ==, NULL);
  g_assert_cmpstr (co_accounts_page_get_status (page, CO_PLATFORM_X), ==, "Connected as @creator");
  g_assert_cmpstr (co_accounts_page_get_status (page, CO_PLATFORM_LINKEDIN), ==, "Not connected");
  co_test_assert_no_secret_in_dir (fixture->desk.dir, co_test_oauth_get_issued (fixture->fakes.x_oauth));
  g_clear_pointer (&shot, g_free);
  shot = co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (fixture->shown),
                                         "publish-accounts.png", WAIT_MS);

  /* The platform refused a renewal: the page says to reconnect. */
  mark_reconnect (fixture, CO_PLATFORM_X);
  assert_contains (co_accounts_page_get_status (page, CO_PLATFORM_X), "Reconnect needed");

  gtk_widget_activate_action (GTK_WIDGET (page), "accounts.disconnect", "s", "x");
  g_assert_true (co_test_wait_until (page_idle, page, WAIT_MS));
  g_assert_cmpstr (co_accounts_page_get_status (page, CO_PLATFORM_X), ==, "Not connected");
}

/* A sign-in the provider refuses is said, with what to do, and nothing is connected. */
static void
test_accounts_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  CoAccountsPage *page;

  if (co_test_desk_skip_without_display () || co_test_skip_without_keyring ())
    return;
  page = open_accounts (fixture);
  co_test_oauth_set_deny (fixture->fakes.linkedin_oauth, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "accounts.connect", "s", "linkedin");
  g_assert_true (co_test_wait_until (uri_shown, page, WAIT_MS));
  co_test_oauth_browse (fixture->fakes.linkedin_oauth, co_accounts_page_get_sign_in_uri (page));
  g_assert_true (co_test_wait_until (page_idle, page, WAIT_MS));
  g_assert_nonnull (co_accounts_page_get_error (page));
  g_test_message ("Refused: %s", co_accounts_page_get_error (page));
  g_assert_cmpstr (co_accounts_page_get_status (page, CO_PLATFORM_LINKEDIN), ==, "Not connected");
}

/* The publish dialog. */

static gboolean
dialog_idle (gpointer data)
{
  return !co_publish_dialog_get_busy (data);
}

static void
publish_in (CoPublishDialog *dialog,
            const char      *action,
            const char      *platform)
{
  if (platform != NULL)
    gtk_widget_activate_action (GTK_WIDGET (dialog), action, "s", platform);
  else
    gtk_widget_activate_action (GTK_WIDGET (dialog), action, NULL);
  g_assert_true (co_publish_dialog_get_busy (dialog));
  g_assert_true (co_test_wait_until (dialog_idle, dialog, WAIT_MS));
}

/* Published on X and LinkedIn at once; LinkedIn refuses (403), its line says
 * why and what to do, and Retry sends it alone: every post goes out once. */
static void
test_publish_and_retry (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *text = "Launch day: the new video is out";
  CoPlatform platforms[] = { CO_PLATFORM_X, CO_PLATFORM_LINKEDIN };
  CoDrafts *drafts;
  CoPublishDialog *dialog;
  const CoPublishOutcome *x, *linkedin;
  g_autofree char *shot = NULL;
  gint64 id;

  if (co_test_desk_skip_without_display () || co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_X);
  add_token (fixture, CO_PLATFORM_LINKEDIN);
  drafts = co_publish_controller_get_drafts (controller (fixture));
  id = co_test_new_draft (drafts, text, platforms, G_N_ELEMENTS (platforms));
  dialog = CO_PUBLISH_DIALOG (open_from_window (fixture, "publish-draft", g_variant_new_int64 (id),
                                                CO_TYPE_PUBLISH_DIALOG));
  g_assert_true (co_publish_dialog_get_selected (dialog, CO_PLATFORM_X));
  g_assert_true (co_publish_dialog_get_selected (dialog, CO_PLATFORM_LINKEDIN));
  g_assert_false (co_publish_dialog_get_youtube_note (dialog));

  co_test_fakes_refuse (&fixture->fakes, "/rest/posts", 403, 1);
  publish_in (dialog, "publish.publish", NULL);
  g_assert_cmpstr (co_publish_dialog_get_error (dialog), ==, NULL);
  x = co_publish_dialog_get_outcome (dialog, CO_PLATFORM_X);
  linkedin = co_publish_dialog_get_outcome (dialog, CO_PLATFORM_LINKEDIN);
  g_assert_cmpint (x->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpstr (x->post_id, ==, co_test_x_id_of (fixture->fakes.x, text));
  assert_contains (co_publish_dialog_get_summary (dialog, CO_PLATFORM_X), x->post_id);
  assert_contains (co_publish_dialog_get_summary (dialog, CO_PLATFORM_X), x->post_url);
  g_assert_cmpint (linkedin->status, ==, CO_PUBLISH_FAILED);
  g_assert_nonnull (linkedin->error);
  assert_contains (co_publish_dialog_get_summary (dialog, CO_PLATFORM_LINKEDIN),
                   linkedin->error->message);
  g_test_message ("LinkedIn: %s", co_publish_dialog_get_summary (dialog, CO_PLATFORM_LINKEDIN));
  co_test_desk_wait_toast (&fixture->desk, "Published on X", WAIT_MS);
  g_assert_cmpint (stage_of (drafts, id), ==, CO_DRAFT_STAGE_SCHEDULED);
  shot = co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (dialog),
                                         "publish-summary-failed.png", WAIT_MS);

  publish_in (dialog, "publish.retry", "linkedin");
  linkedin = co_publish_dialog_get_outcome (dialog, CO_PLATFORM_LINKEDIN);
  g_assert_cmpint (linkedin->status, ==, CO_PUBLISH_DONE);
  g_assert_cmpstr (linkedin->post_id, ==, co_test_linkedin_post_urn (fixture->fakes.linkedin, text));
  co_test_desk_wait_toast (&fixture->desk, "Published on LinkedIn", WAIT_MS);
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, text), ==, 1);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->fakes.linkedin, text), ==, 1);
  g_assert_cmpint (stage_of (drafts, id), ==, CO_DRAFT_STAGE_PUBLISHED);
  g_clear_pointer (&shot, g_free);
  shot = co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (dialog),
                                         "publish-summary.png", WAIT_MS);
}

/* A platform without an account cannot be chosen, says why, and a YouTube
 * target brings the note that unverified API projects upload privately. */
static void
test_dialog_targets (Fixture       *fixture,
                     gconstpointer  data)
{
  CoPlatform platforms[] = { CO_PLATFORM_X, CO_PLATFORM_YOUTUBE };
  CoPublishDialog *dialog;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  id = co_test_new_draft (co_publish_controller_get_drafts (controller (fixture)), "A short teaser",
                  platforms, G_N_ELEMENTS (platforms));
  dialog = CO_PUBLISH_DIALOG (open_from_window (fixture, "publish-draft", g_variant_new_int64 (id),
                                                CO_TYPE_PUBLISH_DIALOG));
  g_assert_true (co_publish_dialog_get_youtube_note (dialog));
  g_assert_false (co_publish_dialog_get_selected (dialog, CO_PLATFORM_X));
  g_assert_false (co_publish_dialog_get_selected (dialog, CO_PLATFORM_YOUTUBE));
  /* Nothing chosen: refused before any request, saying what to do. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.publish", NULL);
  g_assert_false (co_publish_dialog_get_busy (dialog));
  assert_contains (co_publish_dialog_get_error (dialog), "connected account");
  g_assert_cmpuint (co_test_server_count (fixture->fakes.server, "POST", "/2/tweets"), ==, 0);
  g_free (co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (dialog),
                                          "publish-targets.png", WAIT_MS));
}

/* LinkedIn is out of service (503): the post waits in the outbox, the
 * summary says so, and so does the header bar's indicator; nothing is posted. */
static void
test_dialog_waiting (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *text = "Posted when LinkedIn is back";
  CoPlatform platform = CO_PLATFORM_LINKEDIN;
  CoNetworkIndicator *indicator = co_window_get_network_indicator (fixture->desk.window);
  CoPublishDialog *dialog;
  gint64 id;

  if (co_test_desk_skip_without_display () || co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_LINKEDIN);
  id = co_test_new_draft (co_publish_controller_get_drafts (controller (fixture)), text,
                          &platform, 1);
  dialog = CO_PUBLISH_DIALOG (open_from_window (fixture, "publish-draft", g_variant_new_int64 (id),
                                                CO_TYPE_PUBLISH_DIALOG));
  co_test_fakes_refuse (&fixture->fakes, "/rest/posts", 503, 100);
  publish_in (dialog, "publish.publish", NULL);
  g_assert_cmpint (co_publish_dialog_get_outcome (dialog, CO_PLATFORM_LINKEDIN)->status, ==,
                   CO_PUBLISH_WAITING);
  assert_contains (co_publish_dialog_get_summary (dialog, CO_PLATFORM_LINKEDIN),
                   "Waiting in the outbox");
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->fakes.linkedin, text), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  assert_contains (co_network_indicator_get_tooltip (indicator), "1 post waits");
}

/* The outbox. */

/* Publishes a draft that the platform refuses (403 on @path); returns its
 * operation.  Each platform's posts are five minutes apart at least, so
 * each draft goes to a platform of its own. */
static gint64
publish_refused (Fixture    *fixture,
                 CoPlatform  platform,
                 const char *path,
                 const char *text)
{
  CoDrafts *drafts = co_publish_controller_get_drafts (controller (fixture));
  gint64 draft = co_test_new_draft (drafts, text, &platform, 1);
  CoTestPublishWait wait;
  CoPublishOutcome *outcome;
  gint64 id;

  co_test_fakes_refuse (&fixture->fakes, path, 403, 1);
  co_test_publish_start (controller (fixture), draft, platform, &wait);
  outcome = co_test_publish_finish (&wait);
  g_assert_cmpint (outcome->status, ==, CO_PUBLISH_FAILED);
  id = outcome->operation_id;
  co_test_publish_wait_clear (&wait);
  return id;
}

static gboolean
outbox_empty (gpointer data)
{
  return co_outbox_window_get_n_rows (data) == 0;
}

static CoOutboxState
operation_state (Fixture *fixture,
                 gint64   id)
{
  g_autoptr(CoOutbox) outbox = co_outbox_new (fixture->desk.store);
  g_autoptr(CoOutboxOperation) op = co_outbox_get (outbox, id, NULL);

  g_assert_nonnull (op);
  return co_outbox_operation_get_state (op);
}

/* A failed post shows in the Outbox with its error and in the header bar's
 * indicator; Retry sends it once, Discard gives another up for good. */
static void
test_outbox (Fixture       *fixture,
             gconstpointer  data)
{
  CoNetworkIndicator *indicator = co_window_get_network_indicator (fixture->desk.window);
  CoOutboxWindow *outbox;
  gint64 first, second;

  if (co_test_desk_skip_without_display () || co_test_skip_without_keyring ())
    return;
  add_token (fixture, CO_PLATFORM_LINKEDIN);
  add_token (fixture, CO_PLATFORM_X);
  first = publish_refused (fixture, CO_PLATFORM_LINKEDIN, "/rest/posts", "First try of the week");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  g_assert_cmpstr (co_network_indicator_get_icon_name (indicator), ==,
                   co_publish_controller_get_online (controller (fixture))
                     ? "dialog-warning-symbolic" : "network-offline-symbolic");
  assert_contains (co_network_indicator_get_tooltip (indicator), "1 failed");

  outbox = CO_OUTBOX_WINDOW (open_from_window (fixture, "outbox", NULL, CO_TYPE_OUTBOX_WINDOW));
  g_assert_cmpuint (co_outbox_window_get_n_rows (outbox), ==, 1);
  assert_contains (co_outbox_window_get_row_text (outbox, first), "Failed after 1 attempt");
  g_free (co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (outbox),
                                          "publish-outbox.png", WAIT_MS));
  gtk_widget_activate_action (GTK_WIDGET (outbox), "outbox.retry", "x", first);
  g_assert_true (co_test_wait_until (outbox_empty, outbox, WAIT_MS));
  co_test_desk_wait_toast (&fixture->desk, "Published on LinkedIn", WAIT_MS);
  g_assert_cmpint (operation_state (fixture, first), ==, CO_OUTBOX_DONE);
  g_assert_cmpuint (co_test_linkedin_count_commentary (fixture->fakes.linkedin,
                                                       "First try of the week"), ==, 1);

  second = publish_refused (fixture, CO_PLATFORM_X, "/2/tweets", "Second try of the week");
  g_assert_cmpuint (co_outbox_window_get_n_rows (outbox), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (outbox), "outbox.discard", "x", second);
  g_assert_cmpuint (co_outbox_window_get_n_rows (outbox), ==, 0);
  g_assert_cmpint (operation_state (fixture, second), ==, CO_OUTBOX_DISCARDED);
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, "Second try of the week"), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)) &&
                  co_publish_controller_get_online (controller (fixture)));
  /* Discarding twice is refused, naming the operation. */
  gtk_widget_activate_action (GTK_WIDGET (outbox), "outbox.discard", "x", second);
  g_assert_nonnull (co_outbox_window_get_error (outbox));
  g_test_message ("Refused: %s", co_outbox_window_get_error (outbox));
}

/* The background service. */

/* A library of its own for the service, with the X account connected and a
 * post due on X. */
static gint64
prepare_library (const char  *library,
                 CoTestOAuth *provider,
                 const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = co_store_new (library, NULL, &error);
  g_autoptr(CoDrafts) drafts = co_drafts_new (store);
  g_autoptr(CoPublishController) publish = NULL;

  g_assert_no_error (error);
  publish = co_publish_controller_new (store, drafts, NULL, &error);
  g_assert_no_error (error);
  co_test_add_token (publish, CO_PLATFORM_X, provider);
  co_publish_controller_stop (publish);
  return co_test_schedule_past (store, text, TRUE);
}

static gboolean
posted (gpointer data)
{
  return co_test_x_n_posts (data) > 0;
}

static gboolean
draft_published (gpointer data)
{
  const gint64 *id = g_object_get_data (data, "co-test-draft");

  return stage_of (data, *id) == CO_DRAFT_STAGE_PUBLISHED;
}

static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

/* Starts `creatorops --gapplication-service --data-dir LIBRARY`.  Under
 * AddressSanitizer a whole GTK process reports fontconfig's and GIO
 * modules' process-long caches as leaks; memory errors still abort. */
static GSubprocess *
start_service (const char  *library,
               GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  const char *asan = g_getenv ("ASAN_OPTIONS");

  if (asan != NULL)
    {
      g_autofree char *options = g_strconcat (asan, ":detect_leaks=0", NULL);

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }
  return g_subprocess_launcher_spawn (launcher, error, g_getenv ("CREATOROPS_APP"),
                                      "--gapplication-service", "--data-dir", library, NULL);
}

/* `creatorops --gapplication-service` sends a due post without a window,
 * once, and stops cleanly on SIGTERM. */
static void
test_service (Fixture       *fixture,
              gconstpointer  data)
{
  const char *text = "Scheduled while the app was closed";
  g_autofree char *library = NULL;
  g_autoptr(GSubprocess) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  gint64 id;

  if (co_test_desk_skip_without_display () || co_test_skip_without_keyring ())
    return;
  library = co_test_make_temp_dir ("service");
  id = prepare_library (library, fixture->fakes.x_oauth, text);
  service = start_service (library, &error);
  g_assert_no_error (error);
  g_assert_true (co_test_wait_until (posted, fixture->fakes.x, WAIT_MS));
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, text), ==, 1);
  /* The service records the post on the draft, which is then Published. */
  store = co_store_new (library, NULL, &error);
  g_assert_no_error (error);
  drafts = co_drafts_new (store);
  g_object_set_data (G_OBJECT (drafts), "co-test-draft", &id);
  g_assert_true (co_test_wait_until (draft_published, drafts, WAIT_MS));

  g_subprocess_send_signal (service, SIGTERM);
  g_assert_true (co_test_wait_until (exited, service, WAIT_MS));
  g_assert_true (g_subprocess_get_if_exited (service));
  g_assert_cmpint (g_subprocess_get_exit_status (service), ==, 0);
  g_assert_cmpuint (co_test_x_count_text (fixture->fakes.x, text), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  co_test_desk_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/app/publish/accounts/connect", test_accounts);
  ADD ("/app/publish/accounts/refused", test_accounts_refused);
  ADD ("/app/publish/dialog/publish-and-retry", test_publish_and_retry);
  ADD ("/app/publish/dialog/targets", test_dialog_targets);
  ADD ("/app/publish/dialog/waiting", test_dialog_waiting);
  ADD ("/app/publish/outbox/retry-discard", test_outbox);
  ADD ("/app/publish/service/sends-due", test_service);
#undef ADD

  return g_test_run ();
}
