/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "co-cli-exit.h"
#include "co-drafts.h"
#include "co-schedule.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"
#include "co-vault.h"

/* publish DRAFT against X's loopback fake, the CLI a child of this process. */

typedef struct
{
  CoTestPublishing  publishing;
  CoStore          *store;
  CoDrafts         *drafts;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  co_test_publishing_init (&fixture->publishing);
  fixture->store = co_test_publishing_open_store (&fixture->publishing);
  fixture->drafts = co_drafts_new (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_assert_finalized (fixture->drafts, 1000);
  co_test_assert_finalized (fixture->store, 1000);
  co_test_publishing_clear (&fixture->publishing);
}

static gint64
new_draft (Fixture          *fixture,
           const char       *body,
           const CoPlatform *platforms,
           guint             n_platforms)
{
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", body, platforms, n_platforms, NULL, 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static CoDraftStage
stage_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr(CoDraft) draft = co_drafts_get (fixture->drafts, id, NULL);

  g_assert_nonnull (draft);
  return co_draft_get_stage (draft);
}

static JsonObject *
platform_of (JsonNode   *root,
             const char *name)
{
  JsonArray *platforms = json_object_get_array_member (json_node_get_object (root), "platforms");

  for (guint i = 0; i < json_array_get_length (platforms); i++)
    {
      JsonObject *one = json_array_get_object_element (platforms, i);

      if (g_str_equal (json_object_get_string_member (one, "platform"), name))
        return one;
    }
  g_assert_not_reached ();
}

static void
test_publish_draft (Fixture       *fixture,
                    gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  const CoPlatform x[] = { CO_PLATFORM_X };
  const char *text = "Out now from the command line";
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) again = NULL;
  g_autofree char *id_text = NULL;
  JsonObject *posted;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  co_test_publishing_add_account (p);
  id = new_draft (fixture, text, x, 1);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  run = co_test_publishing_run (p, NULL, "publish", id_text, "--json", NULL);
  posted = platform_of (co_test_cli_assert_json (run, CO_CLI_EXIT_OK), "x");
  g_assert_cmpstr (json_object_get_string_member (posted, "status"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (posted, "post_id"), ==,
                   co_test_x_id_of (p->x, text));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (posted, "url"), "https://"));
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_PUBLISHED);

  /* Again: the summary, and no second post. */
  again = co_test_publishing_run (p, NULL, "publish", id_text, NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (again->out, "published, https://"));
  g_assert_cmpuint (co_test_x_count_text (p->x, text), ==, 1);
}

/* A draft linking a video: the CLI uploads the library's stored copy to X,
 * though the file it was imported from is gone. */
static void
test_publish_media (Fixture       *fixture,
                    gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  const CoPlatform x[] = { CO_PLATFORM_X };
  const char *text = "The clip, from the command line";
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(CoVault) vault = co_vault_new (fixture->store);
  g_autoptr(GBytes) uploaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = { CO_VAULT_TYPE_VIDEO, "video/mp4", "Clip", NULL, NULL, NULL,
                          "clip.mp4", "avc1", 1280, 720, 12.0, 0, NULL, FALSE, 0 };
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", text, x, 1, NULL, 1 };
  const char * const *media;
  gsize length = 0;
  gint64 item;

  if (co_test_skip_without_keyring ())
    return;
  co_test_publishing_add_account (p);
  contents = g_malloc (200 * 1024);
  for (gsize i = 0; i < 200 * 1024; i++)
    contents[i] = (char)(i * 7 + i / 13);
  path = co_test_write_file (p->dir, "clip.mp4", contents, 200 * 1024);
  item = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_cmpint (g_unlink (path), ==, 0);
  spec.item_ids = &item;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, co_drafts_create (fixture->drafts, &spec,
                                                                    &error));
  g_assert_no_error (error);
  run = co_test_publishing_run (p, NULL, "publish", id_text, NULL);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  media = co_test_x_post_media (p->x, co_test_x_id_of (p->x, text));
  g_assert_nonnull (media);
  g_assert_cmpuint (g_strv_length ((char **)media), ==, 1);
  uploaded = co_test_x_get_media (p->x, media[0]);
  g_assert_true (g_bytes_equal (uploaded, bytes));
}

/* Instagram fetches media from a public address: the command line puts the
 * draft's image in its media folder (CREATOROPS_MEDIA_HOST_DIR/_URL), as the
 * app does, and the post goes out once with that very file. */
static void
test_publish_instagram (Fixture       *fixture,
                        gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  const CoPlatform instagram[] = { CO_PLATFORM_INSTAGRAM };
  const char *text = "The photo, from the command line";
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *fetched = NULL;
  g_autofree char *id_text = NULL;
  g_autoptr(CoVault) vault = co_vault_new (fixture->store);
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = { CO_VAULT_TYPE_IMAGE, "image/jpeg", "Photo", NULL, NULL, NULL,
                          "photo.jpg", NULL, 1080, 1350, 0.0, 0, NULL, FALSE, 0 };
  CoDraftNew spec = { CO_DRAFT_STAGE_DRAFT, "Launch", text, instagram, 1, NULL, 1 };
  gsize fetched_length = 0;
  gint64 item;

  if (co_test_skip_without_keyring ())
    return;
  co_test_publishing_add_platforms (p);
  co_test_publishing_add_account_on (p, CO_PLATFORM_INSTAGRAM);
  contents = g_malloc (40 * 1024);
  for (gsize i = 0; i < 40 * 1024; i++)
    contents[i] = (char)(i * 5 + i / 17);
  path = co_test_write_file (p->dir, "photo.jpg", contents, 40 * 1024);
  item = co_vault_import_file (vault, path, &meta, NULL, NULL, &error);
  g_assert_no_error (error);
  spec.item_ids = &item;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, co_drafts_create (fixture->drafts, &spec,
                                                                    &error));
  g_assert_no_error (error);
  run = co_test_publishing_run (p, NULL, "publish", id_text, NULL);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_cmpuint (co_test_instagram_n_media (p->instagram), ==, 1);
  g_assert_cmpuint (co_test_instagram_n_fetched (p->instagram), ==, 1);
  g_assert_cmpuint (co_test_instagram_count_caption (p->instagram, text), ==, 1);
  g_assert_true (g_str_has_prefix (co_test_instagram_fetched_path (p->instagram, text),
                                   p->media_folder));
  g_assert_true (g_file_get_contents (co_test_instagram_fetched_path (p->instagram, text),
                                      &fetched, &fetched_length, NULL));
  g_assert_cmpmem (fetched, fetched_length, contents, 40 * 1024);
}

/* X goes out; LinkedIn has no account: the run says so, with what to do, and
 * exits with the partial code.  Publishing to LinkedIn alone again tries only
 * LinkedIn. */
static void
test_partial (Fixture       *fixture,
              gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  const CoPlatform both[] = { CO_PLATFORM_X, CO_PLATFORM_LINKEDIN };
  const char *text = "Half of it goes out";
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) retried = NULL;
  g_autofree char *id_text = NULL;
  JsonObject *failed;
  JsonNode *root;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  co_test_publishing_add_account (p);
  id = new_draft (fixture, text, both, 2);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  run = co_test_publishing_run (p, NULL, "publish", id_text, "--json", NULL);
  root = co_test_cli_assert_json (run, CO_CLI_EXIT_PARTIAL);
  g_assert_cmpstr (json_object_get_string_member (platform_of (root, "x"), "status"), ==, "done");
  failed = platform_of (root, "linkedin");
  g_assert_cmpstr (json_object_get_string_member (failed, "status"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (failed, "error"),
                            "accounts connect --platform linkedin"));
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_SCHEDULED);

  retried = co_test_publishing_run (p, NULL, "publish", id_text, "--platform", "linkedin", NULL);
  co_test_cli_assert_exit (retried, CO_CLI_EXIT_PARTIAL);
  g_assert_nonnull (strstr (retried->out, "LinkedIn: failed"));
  g_assert_null (strstr (retried->out, "on X"));
  g_assert_cmpuint (co_test_x_count_text (p->x, text), ==, 1);
  g_assert_cmpuint (co_test_x_n_posts (p->x), ==, 1);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  const CoPlatform x[] = { CO_PLATFORM_X };
  g_autoptr(CoCliRun) missing = NULL;
  g_autoptr(CoCliRun) not_id = NULL;
  g_autoptr(CoCliRun) none = NULL;
  g_autoptr(CoCliRun) unknown = NULL;
  g_autoptr(CoCliRun) untargeted = NULL;
  g_autofree char *id_text = NULL;

  missing = co_test_publishing_run (p, NULL, "publish", "4711", NULL);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (missing, "4711");
  not_id = co_test_publishing_run (p, NULL, "publish", "first-post", NULL);
  g_assert_cmpint (not_id->status, !=, CO_CLI_EXIT_OK);
  co_test_cli_assert_error_names (not_id, "first-post");
  none = co_test_publishing_run (p, NULL, "publish", NULL);
  co_test_cli_assert_exit (none, CO_CLI_EXIT_USAGE);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, new_draft (fixture, "Only for X", x, 1));
  unknown = co_test_publishing_run (p, NULL, "publish", id_text, "--platform", "myspace", NULL);
  co_test_cli_assert_exit (unknown, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (unknown, "myspace");
  untargeted = co_test_publishing_run (p, NULL, "publish", id_text, "--platform", "youtube",
                                       "--json", NULL);
  co_test_cli_assert_exit (untargeted, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (untargeted, "YouTube");
  g_assert_cmpuint (co_test_server_count (p->server, NULL, "/2/tweets"), ==, 0);
}

#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static gint64
two_hours_ago_cb (gpointer user_data)
{
  return g_get_real_time () - 2 * HOUR;
}

/* A post that came due an hour ago, while no CreatorOps ran: asked about by
 * default, sent with --missed send, and then no longer due. */
static void
test_scheduler (Fixture       *fixture,
                gconstpointer  data)
{
  CoTestPublishing *p = &fixture->publishing;
  const CoPlatform x[] = { CO_PLATFORM_X };
  const char *text = "Due an hour ago";
  g_autoptr(CoSchedule) schedule = co_schedule_new (fixture->drafts);
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(CoCliRun) asked = NULL, sent = NULL, idle = NULL, bad = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *posts;
  JsonObject *post;
  gint64 id;

  if (co_test_skip_without_keyring ())
    return;
  co_test_publishing_add_account (p);
  id = new_draft (fixture, text, x, 1);
  co_drafts_set_clock (fixture->drafts, two_hours_ago_cb, NULL, NULL);
  entry = co_schedule_add (schedule, id, CO_PLATFORM_X, two_hours_ago_cb (NULL) + HOUR, "UTC",
                           &error);
  g_assert_no_error (error);
  g_assert_true (co_drafts_move (fixture->drafts, id, CO_DRAFT_STAGE_SCHEDULED, &error));
  g_assert_no_error (error);

  asked = co_test_publishing_run (p, NULL, "scheduler", "run", "--once", "--missed", "ask",
                                  "--json", NULL);
  posts = json_node_get_array (co_test_cli_assert_json (asked, CO_CLI_EXIT_PARTIAL));
  g_assert_cmpuint (json_array_get_length (posts), ==, 1);
  post = json_array_get_object_element (posts, 0);
  g_assert_cmpint (json_object_get_int_member (post, "draft"), ==, id);
  g_assert_true (json_object_get_boolean_member (post, "missed"));
  g_assert_cmpstr (json_object_get_string_member (post, "action"), ==, "asked");
  g_assert_cmpuint (co_test_x_n_posts (p->x), ==, 0);

  sent = co_test_publishing_run (p, NULL, "scheduler", "run", "--once", "--missed", "send",
                                 "--json", NULL);
  posts = json_node_get_array (co_test_cli_assert_json (sent, CO_CLI_EXIT_OK));
  post = json_array_get_object_element (posts, 0);
  g_assert_cmpstr (json_object_get_string_member (post, "action"), ==, "sent");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (post, "outcome"),
                                                  "status"), ==, "done");
  g_assert_cmpuint (co_test_x_count_text (p->x, text), ==, 1);
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_PUBLISHED);

  idle = co_test_publishing_run (p, NULL, "scheduler", "run", "--once", NULL);
  co_test_cli_assert_exit (idle, CO_CLI_EXIT_OK);
  g_assert_cmpuint (co_test_x_n_posts (p->x), ==, 1);
  bad = co_test_publishing_run (p, NULL, "scheduler", "run", "--once", "--missed", "later", NULL);
  co_test_cli_assert_exit (bad, CO_CLI_EXIT_USAGE);
  co_test_cli_assert_error_names (bad, "later");
}

int
main (int   argc,
      char *argv[])
{
  co_test_network_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/cli/publish/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("draft", test_publish_draft);
  ADD ("media", test_publish_media);
  ADD ("instagram-media", test_publish_instagram);
  ADD ("partial", test_partial);
  ADD ("bad-input", test_bad_input);
  ADD ("scheduler", test_scheduler);
#undef ADD

  return g_test_run ();
}
