/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include "co-cli-exit.h"
#include "co-service-config.h"
#include "co-test-cli.h"
#include "co-test-peer.h"
#include "co-test-secrets.h"
#include "co-test-server.h"
#include "co-test-util.h"

/*
 * creatorops-fake-platforms (tests/support/co-fake-platforms.c) as a developer
 * uses it: started as its own process, its variables taken into the
 * environment, creatorops-cli pointed at it, and stopped with a signal.
 */

typedef struct
{
  char        *dir;
  char        *data_dir;
  char        *log_path;
  GSubprocess *runner;
  GStrv        names;    /* the variables the runner printed and the test set */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("fake-platforms");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
  fixture->log_path = g_build_filename (fixture->dir, "runner.log", NULL);
}

static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

/* A runner a failed test left running is asked to stop, so that it removes its
 * media folder, and killed only if it does not. */
static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->runner != NULL && !exited (fixture->runner))
    {
      g_subprocess_send_signal (fixture->runner, SIGTERM);
      if (!co_test_wait_until (exited, fixture->runner, 10000))
        g_subprocess_force_exit (fixture->runner);
    }
  for (guint i = 0; fixture->names != NULL && fixture->names[i] != NULL; i++)
    g_unsetenv (fixture->names[i]);
  g_clear_pointer (&fixture->names, g_strfreev);
  g_clear_object (&fixture->runner);
  g_free (fixture->log_path);
  g_free (fixture->data_dir);
  g_free (fixture->dir);
}

/* Starts the runner with @args, its standard error in the fixture's log. */
static void
start_runner (Fixture            *fixture,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, fixture->log_path);
  /* A failed assertion aborts the test without its tear-down: the runner then
   * dies with it, and its media folder is in the test's own folder. */
  g_subprocess_launcher_set_child_setup (launcher, co_test_peer_new_group, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", fixture->dir, TRUE);
  g_ptr_array_add (argv, (char *)CO_FAKE_PLATFORMS_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);
  fixture->runner = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata,
                                                  &error);
  g_assert_no_error (error);
}

/* The next line the runner printed, waited for at most 20 s. */
static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, co_test_async_ready_cb,
                                       &result);
  line = g_data_input_stream_read_line_finish_utf8 (stream, co_test_async_wait (&result, 20000),
                                                    NULL, &error);
  g_assert_no_error (error);
  return line;
}

static GDataInputStream *
runner_output (Fixture *fixture)
{
  return g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->runner));
}

/* Stops the runner as Ctrl+C or kill would, and checks it ended well and said so. */
static void
stop_runner (Fixture *fixture,
             int      signal_number)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  g_subprocess_send_signal (fixture->runner, signal_number);
  g_subprocess_wait_async (fixture->runner, NULL, co_test_async_ready_cb, &result);
  g_assert_true (g_subprocess_wait_finish (fixture->runner, co_test_async_wait (&result, 20000),
                                           &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->log_path, &log, NULL, NULL));
  if (!g_subprocess_get_if_exited (fixture->runner))
    g_test_message ("runner log:\n%s", log);
  g_assert_true (g_subprocess_get_if_exited (fixture->runner));
  g_assert_cmpint (g_subprocess_get_exit_status (fixture->runner), ==, 0);
  g_assert_nonnull (strstr (log, "creatorops-fake-platforms: stopped\n"));
}

/* Every variable the app and the CLI read for the services and client ids. */
static GPtrArray *
expected_names (void)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint s = 0; s < CO_N_SERVICES; s++)
    g_ptr_array_add (names, (char *)co_service_get_env_name (s));
  for (guint p = 0; p < CO_N_PLATFORMS; p++)
    g_ptr_array_add (names, (char *)co_client_id_get_env_name (p));
  g_ptr_array_add (names, (char *)CO_MEDIA_HOST_DIR_ENV);
  g_ptr_array_add (names, (char *)CO_MEDIA_HOST_URL_ENV);
  return names;
}

/* Takes the runner's JSON object into this process's environment, which the
 * CLIs it starts inherit, as `eval` would in a shell. */
static void
take_variables (Fixture    *fixture,
                JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value = json_object_get_string_member (object, l->data);

      g_assert_nonnull (value);
      g_assert_true (g_setenv (l->data, value, TRUE));
      g_strv_builder_add (names, l->data);
    }
  fixture->names = g_strv_builder_end (names);
}

/* Reads the runner's --json line into the environment, and checks it names
 * every service, the client ids, the media host and a token for X. */
static void
read_json_variables (Fixture *fixture)
{
  g_autoptr(GDataInputStream) stream = runner_output (fixture);
  g_autofree char *line = read_line (stream);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) wanted = expected_names ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  g_assert_nonnull (line);
  root = json_from_string (line, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);
  for (guint i = 0; i < wanted->len; i++)
    g_assert_true (json_object_has_member (object, g_ptr_array_index (wanted, i)));
  g_assert_true (json_object_has_member (object, "CREATOROPS_FAKE_TOKEN_X"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object,
                                                                  "CREATOROPS_API_BASE_X"),
                                   "http://127.0.0.1:"));
  take_variables (fixture, object);
}

static CoCliRun *
run_cli (Fixture    *fixture,
         const char *input,
         const char *first,
         ...)
{
  CoCliOptions options = { fixture->data_dir, FALSE, NULL, NULL };
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = co_test_cli_runv (&options, input, first, list);
  va_end (list);
  return run;
}

static gint64
int_member (CoCliRun   *run,
            const char *name)
{
  return json_object_get_int_member (json_node_get_object (co_test_cli_assert_json (run, 0)),
                                     name);
}

/* The fake's own account of what was posted: X's timeline of @user_id. */
static JsonArray *
x_timeline (const char *user_id)
{
  g_autofree char *url = g_strdup_printf ("%s/2/users/%s/tweets",
                                          g_getenv ("CREATOROPS_API_BASE_X"), user_id);
  g_autoptr(JsonNode) token = json_from_string (g_getenv ("CREATOROPS_FAKE_TOKEN_X"), NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", json_object_get_string_member (
                                           json_node_get_object (token), "access_token"), NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                bearer);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    co_test_async_ready_cb, &result);
  body = soup_session_send_and_read_finish (session, co_test_async_wait (&result, 20000), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  return json_array_ref (json_object_get_array_member (json_node_get_object (root), "data"));
}

/* The CLI's answer for X in `publish --json`. */
static JsonObject *
published_on_x (CoCliRun *run)
{
  JsonArray *platforms = json_object_get_array_member (
    json_node_get_object (co_test_cli_assert_json (run, CO_CLI_EXIT_OK)), "platforms");

  g_assert_cmpuint (json_array_get_length (platforms), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (platforms, 0),
                                                  "platform"), ==, "x");
  return json_array_get_object_element (platforms, 0);
}

/* The runner started as a developer would, a token for X added with the CLI
 * and a draft published through it: the fake's timeline has the post, the
 * log the request, and SIGTERM ends the runner with status 0. */
static void
test_publish_x (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--json", "--seed-token", NULL };
  const char *text = "Tried by hand, without an account";
  g_autoptr(CoCliRun) added = NULL;
  g_autoptr(CoCliRun) draft = NULL;
  g_autoptr(CoCliRun) published = NULL;
  g_autoptr(JsonArray) timeline = NULL;
  g_autofree char *draft_id = NULL;
  g_autofree char *log = NULL;
  JsonObject *posted;

  if (co_test_skip_without_keyring ())
    return;
  start_runner (fixture, args);
  read_json_variables (fixture);
  added = run_cli (fixture, g_getenv ("CREATOROPS_FAKE_TOKEN_X"), "accounts", "add-token",
                   "--platform", "x", "--json", NULL);
  co_test_cli_assert_json (added, CO_CLI_EXIT_OK);
  draft = run_cli (fixture, NULL, "drafts", "new", "--stage", "draft", "--title", "Launch",
                   "--body", text, "--platform", "x", "--json", NULL);
  draft_id = g_strdup_printf ("%" G_GINT64_FORMAT, int_member (draft, "id"));
  published = run_cli (fixture, NULL, "publish", draft_id, "--json", NULL);
  posted = published_on_x (published);
  g_assert_cmpstr (json_object_get_string_member (posted, "status"), ==, "done");

  timeline = x_timeline (json_object_get_string_member (
    json_node_get_object (added->json), "remote_id"));
  g_assert_cmpuint (json_array_get_length (timeline), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timeline, 0),
                                                  "text"), ==, text);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (timeline, 0),
                                                  "id"), ==,
                   json_object_get_string_member (posted, "post_id"));
  co_test_forget_token ("x", json_object_get_string_member (json_node_get_object (added->json),
                                                            "remote_id"));
  stop_runner (fixture, SIGTERM);
  g_assert_true (g_file_get_contents (fixture->log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "x: POST /2/tweets -> 201\n"));
  g_assert_false (g_file_test (g_getenv (CO_MEDIA_HOST_DIR_ENV), G_FILE_TEST_EXISTS));
}

/* Reads `export NAME=VALUE` lines up to the runner's closing comment. */
static GHashTable *
read_exports (Fixture *fixture)
{
  g_autoptr(GDataInputStream) stream = runner_output (fixture);
  GHashTable *exports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  char *line;

  while ((line = read_line (stream)) != NULL && !g_str_has_prefix (line, "# "))
    {
      g_auto(GStrv) pair = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_str_has_prefix (line, "export "));
      pair = g_strsplit (line + strlen ("export "), "=", 2);
      g_assert_nonnull (pair[1]);
      g_hash_table_insert (exports, g_strdup (pair[0]), g_shell_unquote (pair[1], &error));
      g_assert_no_error (error);
      g_free (line);
    }
  g_assert_nonnull (line);
  g_free (line);
  return exports;
}

/* Without --json: shell lines a shell can eval, the same variables, no token
 * unless asked; and Ctrl+C (SIGINT) stops it. */
static void
test_exports (Fixture       *fixture,
              gconstpointer  data)
{
  const char *args[] = { NULL };
  g_autoptr(GHashTable) exports = NULL;
  g_autoptr(GPtrArray) wanted = expected_names ();
  g_autofree char *upload = NULL;
  const char *media_dir;

  start_runner (fixture, args);
  exports = read_exports (fixture);
  g_assert_cmpuint (g_hash_table_size (exports), ==, wanted->len);
  for (guint i = 0; i < wanted->len; i++)
    g_assert_true (g_hash_table_contains (exports, g_ptr_array_index (wanted, i)));
  upload = g_strconcat (g_hash_table_lookup (exports, "CREATOROPS_API_BASE_YOUTUBE"), "/upload",
                        NULL);
  g_assert_cmpstr (g_hash_table_lookup (exports, "CREATOROPS_API_BASE_YOUTUBE_UPLOAD"), ==, upload);
  media_dir = g_hash_table_lookup (exports, CO_MEDIA_HOST_DIR_ENV);
  g_assert_true (g_file_test (media_dir, G_FILE_TEST_IS_DIR));
  /* What the app would put there for Instagram, removed when the runner stops. */
  g_free (co_test_write_file (media_dir, "post.jpg", "jpeg", -1));
  stop_runner (fixture, SIGINT);
  g_assert_false (g_file_test (media_dir, G_FILE_TEST_EXISTS));
}

/* A bad option or an unusable port: a message naming it, and no fakes. */
static void
test_bad_options (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { CO_FAKE_PLATFORMS_PATH, "--port-base", "65534", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "--port-base 65534 is out of range"));
  g_assert_cmpstr (out, ==, "");
}

int
main (int    argc,
      char **argv)
{
  co_test_network_init (&argc, &argv);
  g_test_add ("/cli/fake-platforms/publish-x", Fixture, NULL, fixture_set_up, test_publish_x,
              fixture_tear_down);
  g_test_add ("/cli/fake-platforms/exports", Fixture, NULL, fixture_set_up, test_exports,
              fixture_tear_down);
  g_test_add ("/cli/fake-platforms/bad-options", Fixture, NULL, fixture_set_up,
              test_bad_options, fixture_tear_down);
  return g_test_run ();
}
