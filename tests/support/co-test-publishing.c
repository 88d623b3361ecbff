/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-secrets.h"
#include "co-test-publishing.h"
#include "co-test-secrets.h"
#include "co-test-util.h"

/* Points the CLI's @platform at the test's server, signed in with @client_id. */
static void
point_at_server (CoTestPublishing *self,
                 const char       *platform,
                 const char       *client_id)
{
  g_autofree char *upper = g_ascii_strup (platform, -1);
  g_autofree char *api = g_strconcat ("CREATOROPS_API_BASE_", upper, NULL);
  g_autofree char *oauth = g_strconcat ("CREATOROPS_API_BASE_OAUTH_", upper, NULL);
  g_autofree char *client = g_strconcat ("CREATOROPS_OAUTH_CLIENT_ID_", upper, NULL);

  g_setenv (api, co_test_server_get_url (self->server), TRUE);
  g_setenv (oauth, co_test_server_get_url (self->server), TRUE);
  g_setenv (client, client_id, TRUE);
}

/* Sets up the fakes and points the CLIs this test starts at them. */
void
co_test_publishing_init (CoTestPublishing *self)
{
  self->dir = co_test_make_temp_dir ("publishing");
  self->data_dir = g_build_filename (self->dir, "library", NULL);
  self->server = co_test_server_new ();
  self->provider = co_test_oauth_new (self->server, CO_PLATFORM_X, "client-x");
  self->user_id = g_strdup_printf ("%u", g_random_int ());
  self->x = co_test_x_new (self->server, self->provider, self->user_id, "creator");
  point_at_server (self, "x", "client-x");
}

/* Adds LinkedIn, YouTube and Instagram, on the same server as X. */
void
co_test_publishing_add_platforms (CoTestPublishing *self)
{
  g_autofree char *upload = g_strconcat (co_test_server_get_url (self->server), "/upload", NULL);

  self->linkedin_provider = co_test_oauth_new (self->server, CO_PLATFORM_LINKEDIN,
                                               "client-linkedin");
  self->linkedin_id = g_strdup_printf ("m%u", g_random_int ());
  self->linkedin = co_test_linkedin_new (self->server, self->linkedin_provider, self->linkedin_id,
                                         "Creator");
  point_at_server (self, "linkedin", "client-linkedin");
  self->youtube_provider = co_test_oauth_new (self->server, CO_PLATFORM_YOUTUBE,
                                              "client-youtube");
  self->youtube = co_test_youtube_new (self->server, self->youtube_provider,
                                       CO_TEST_PUBLISHING_CHANNEL, "Channel");
  point_at_server (self, "youtube", "client-youtube");
  g_setenv ("CREATOROPS_API_BASE_YOUTUBE_UPLOAD", upload, TRUE);
  /* Instagram fetches media from the CLI's media folder, which the fake
   * serves as a web server would. */
  self->instagram_provider = co_test_oauth_new (self->server, CO_PLATFORM_INSTAGRAM,
                                                "client-instagram");
  self->instagram_id = g_strdup_printf ("17841%u", g_random_int ());
  self->instagram = co_test_instagram_new (self->server, self->instagram_provider,
                                           self->instagram_id, "creator");
  point_at_server (self, "instagram", "client-instagram");
  self->media_folder = g_build_filename (self->dir, "public-media", NULL);
  g_setenv ("CREATOROPS_MEDIA_HOST_DIR", self->media_folder, TRUE);
  g_setenv ("CREATOROPS_MEDIA_HOST_URL",
            co_test_instagram_serve_folder (self->instagram, self->media_folder), TRUE);
}

/* The library the CLI runs on, opened in this process too (transfer full). */
CoStore *
co_test_publishing_open_store (CoTestPublishing *self)
{
  g_autoptr(GError) error = NULL;
  CoStore *store = co_store_new (self->data_dir, NULL, &error);

  g_assert_no_error (error);
  return store;
}

/* Forgets the test's token in the shared keyring and stops the fakes. */
void
co_test_publishing_clear (CoTestPublishing *self)
{
  co_test_forget_token ("x", self->user_id);
  if (self->linkedin != NULL)
    {
      co_test_forget_token ("linkedin", self->linkedin_id);
      co_test_forget_token ("youtube", CO_TEST_PUBLISHING_CHANNEL);
      co_test_forget_token ("instagram", self->instagram_id);
    }
  g_unsetenv ("CREATOROPS_MEDIA_HOST_DIR");
  g_unsetenv ("CREATOROPS_MEDIA_HOST_URL");
  g_clear_pointer (&self->instagram, co_test_instagram_free);
  g_clear_pointer (&self->instagram_provider, co_test_oauth_free);
  g_clear_pointer (&self->instagram_id, g_free);
  g_clear_pointer (&self->media_folder, g_free);
  g_clear_pointer (&self->linkedin, co_test_linkedin_free);
  g_clear_pointer (&self->linkedin_provider, co_test_oauth_free);
  g_clear_pointer (&self->linkedin_id, g_free);
  g_clear_pointer (&self->youtube, co_test_youtube_free);
  g_clear_pointer (&self->youtube_provider, co_test_oauth_free);
  g_clear_pointer (&self->x, co_test_x_free);
  g_clear_pointer (&self->provider, co_test_oauth_free);
  co_test_assert_finalized (g_steal_pointer (&self->server), 2000);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->dir, g_free);
}

/* Starts creatorops-cli ARGS… --data-dir LIBRARY; standard error goes to
 * @stderr_path when given, so that the test can read it while the CLI runs. */
GSubprocess *
co_test_publishing_spawn (CoTestPublishing   *self,
                          const char         *stderr_path,
                          gboolean            with_stdin,
                          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  GSubprocess *process;

  if (stderr_path == NULL)
    flags |= G_SUBPROCESS_FLAGS_STDERR_PIPE;
  if (with_stdin)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (stderr_path != NULL)
    g_subprocess_launcher_set_stderr_file_path (launcher, stderr_path);
  g_ptr_array_add (argv, (char *)CO_CLI_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, (char *)"--data-dir");
  g_ptr_array_add (argv, self->data_dir);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communicated;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communicated *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &c->out, &c->err,
                                        &c->error);
  c->done = TRUE;
}

static gboolean
exited (gpointer data)
{
  return g_subprocess_get_identifier (data) == NULL;
}

/* Serves the CLI until it ends, then collects what it wrote. */
CoCliRun *
co_test_publishing_finish (CoTestPublishing *self,
                           GSubprocess      *process,
                           const char       *input,
                           const char       *stderr_path)
{
  CoCliRun *run = g_new0 (CoCliRun, 1);
  Communicated c = { 0 };

  g_subprocess_communicate_utf8_async (process, input, NULL, communicated_cb, &c);
  co_test_wait_flag (&c.done, 60000);
  g_assert_no_error (c.error);
  g_assert_true (co_test_wait_until (exited, process, 10000));
  g_subprocess_wait (process, NULL, NULL);
  run->out = c.out;
  run->err = c.err;
  if (stderr_path != NULL)
    g_file_get_contents (stderr_path, &run->err, NULL, NULL);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                     : -g_subprocess_get_term_sig (process);
  return run;
}

/* Runs creatorops-cli FIRST… to its end, with @input on standard input. */
CoCliRun *
co_test_publishing_run (CoTestPublishing *self,
                        const char       *input,
                        const char       *first,
                        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list list;

  va_start (list, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  process = co_test_publishing_spawn (self, NULL, input != NULL,
                                      (const char * const *)args->pdata);
  return co_test_publishing_finish (self, process, input, NULL);
}

/* Connects an account on @platform with a minted token; returns its id. */
gint64
co_test_publishing_add_account_on (CoTestPublishing *self,
                                   CoPlatform        platform)
{
  CoTestOAuth *provider = platform == CO_PLATFORM_LINKEDIN    ? self->linkedin_provider
                          : platform == CO_PLATFORM_YOUTUBE   ? self->youtube_provider
                          : platform == CO_PLATFORM_INSTAGRAM ? self->instagram_provider
                                                              : self->provider;
  g_autofree char *token = NULL;
  g_autoptr(CoCliRun) run = NULL;
  JsonNode *json;

  g_assert_nonnull (provider);
  token = co_test_oauth_mint (provider, 7200);
  run = co_test_publishing_run (self, token, "accounts", "add-token", "--platform",
                                co_platform_to_string (platform), "--json", NULL);
  json = co_test_cli_assert_json (run, 0);
  return json_object_get_int_member (json_node_get_object (json), "id");
}

/* Connects the fake X account with a minted token; returns its id. */
gint64
co_test_publishing_add_account (CoTestPublishing *self)
{
  return co_test_publishing_add_account_on (self, CO_PLATFORM_X);
}

typedef struct
{
  const char *path;
  char       *uri;
} Printed;

/* The sign-in address, once the CLI has printed it on its standard error. */
static gboolean
uri_printed (gpointer data)
{
  Printed *printed = data;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (printed->uri != NULL)
    return TRUE;
  if (!g_file_get_contents (printed->path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (g_str_has_prefix (lines[i], "  http"))
      {
        printed->uri = g_strdup (lines[i] + 2);
        return TRUE;
      }
  return FALSE;
}

/* `accounts connect --platform x --json`, with this test as the user's browser. */
CoCliRun *
co_test_publishing_connect (CoTestPublishing *self)
{
  const char *args[] = { "accounts", "connect", "--platform", "x", "--json", NULL };
  g_autofree char *err_path = g_build_filename (self->dir, "connect.err", NULL);
  g_autoptr(GSubprocess) process = NULL;
  Printed printed = { err_path, NULL };

  process = co_test_publishing_spawn (self, err_path, FALSE, args);
  g_assert_true (co_test_wait_until (uri_printed, &printed, 20000));
  co_test_oauth_browse (self->provider, printed.uri);
  g_free (printed.uri);
  return co_test_publishing_finish (self, process, NULL, err_path);
}
