/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "co-platform.h"
#include "co-service-config.h"
#include "co-test-instagram.h"
#include "co-test-linkedin.h"
#include "co-test-llm.h"
#include "co-test-oauth.h"
#include "co-test-peer.h"
#include "co-test-x.h"
#include "co-test-youtube.h"

/*
 * creatorops-fake-platforms: the loopback fakes of the publishing tests as a
 * program of its own, so that publishing can be tried by hand without
 * accounts.  It starts X, LinkedIn, YouTube, Instagram, their sign-ins and a
 * language model on 127.0.0.1, prints the variables that point the app and
 * creatorops-cli at them, logs each request on standard error, and serves
 * until SIGINT or SIGTERM.  The fakes are the tests' own (tests/support); this
 * file only starts them.  Built with the tests, never installed.
 */

typedef enum
{
  SERVER_X,
  SERVER_LINKEDIN,
  SERVER_YOUTUBE,
  SERVER_INSTAGRAM,
  SERVER_OAUTH,
  SERVER_LLM,
  N_SERVERS,
} Server;

static const char * const server_names[N_SERVERS] = {
  "x", "linkedin", "youtube", "instagram", "oauth", "llm",
};

/* The server of each service of co-service-config.c, and the path under it.
 * A service added there must be added here (this assertion then fails). */
G_STATIC_ASSERT (CO_N_SERVICES == 10);
static const struct
{
  Server      server;
  const char *path;
} service_servers[CO_N_SERVICES] = {
  [CO_SERVICE_X] = { SERVER_X, "" },
  [CO_SERVICE_LINKEDIN] = { SERVER_LINKEDIN, "" },
  [CO_SERVICE_YOUTUBE] = { SERVER_YOUTUBE, "" },
  [CO_SERVICE_YOUTUBE_UPLOAD] = { SERVER_YOUTUBE, "/upload" },
  [CO_SERVICE_INSTAGRAM] = { SERVER_INSTAGRAM, "" },
  [CO_SERVICE_OAUTH_X] = { SERVER_OAUTH, "" },
  [CO_SERVICE_OAUTH_LINKEDIN] = { SERVER_OAUTH, "" },
  [CO_SERVICE_OAUTH_INSTAGRAM] = { SERVER_OAUTH, "" },
  [CO_SERVICE_OAUTH_YOUTUBE] = { SERVER_OAUTH, "" },
  [CO_SERVICE_LLM] = { SERVER_LLM, "" },
};

/* The fake accounts: what "accounts add-token" and "accounts connect" find. */
#define X_USER_ID           "1600000000000000001"
#define LINKEDIN_MEMBER_ID  "fake-member"
#define YOUTUBE_CHANNEL_ID  "UCfakechannel"
#define INSTAGRAM_USER_ID   "17841400000000001"
#define USERNAME            "fakecreator"
#define DISPLAY_NAME        "Fake Creator"

typedef struct
{
  CoTestServer    *servers[N_SERVERS];
  CoTestOAuth     *providers[CO_N_PLATFORMS];
  CoTestX         *x;
  CoTestLinkedIn  *linkedin;
  CoTestYouTube   *youtube;
  CoTestInstagram *instagram;
  CoTestLlm       *llm;
  char            *media_dir;   /* the media host's folder, removed at the end */
  GPtrArray       *names;       /* the variables printed, in order */
  GPtrArray       *values;
  GMainLoop       *loop;        /* runs until SIGINT or SIGTERM */
  guint            signal_ids[2];
} Fakes;

/* Each answered request, on standard error, so that one can see what the
 * app or the CLI asked. */
static void
log_request_cb (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  g_printerr ("%s: %s %s -> %u\n", (const char *)user_data,
              soup_server_message_get_method (message), path,
              soup_server_message_get_status (message));
}

static gboolean
start_servers (Fakes    *fakes,
               guint     port_base,
               GError  **error)
{
  for (guint i = 0; i < N_SERVERS; i++)
    {
      guint port = port_base != 0 ? port_base + i : 0;

      fakes->servers[i] = co_test_server_new_at (port, error);
      if (fakes->servers[i] == NULL)
        {
          g_prefix_error (error, "cannot serve %s at 127.0.0.1:%u: ", server_names[i], port);
          return FALSE;
        }
      co_test_server_set_finished_func (fakes->servers[i], log_request_cb,
                                        (gpointer)server_names[i]);
    }
  return TRUE;
}

static char *
client_id_of (CoPlatform platform)
{
  return g_strconcat ("fake-client-", co_platform_to_string (platform), NULL);
}

/* The platforms, their sign-ins on one server, the language model, and a
 * folder the Instagram fake takes media from, as Instagram fetches them
 * from a public web server. */
static gboolean
start_fakes (Fakes    *fakes,
             guint     port_base,
             GError  **error)
{
  if (!start_servers (fakes, port_base, error))
    return FALSE;
  for (guint p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_autofree char *client_id = client_id_of (p);

      fakes->providers[p] = co_test_oauth_new (fakes->servers[SERVER_OAUTH], p, client_id);
    }
  fakes->x = co_test_x_new (fakes->servers[SERVER_X], fakes->providers[CO_PLATFORM_X],
                            X_USER_ID, USERNAME);
  fakes->linkedin = co_test_linkedin_new (fakes->servers[SERVER_LINKEDIN],
                                          fakes->providers[CO_PLATFORM_LINKEDIN],
                                          LINKEDIN_MEMBER_ID, DISPLAY_NAME);
  fakes->youtube = co_test_youtube_new (fakes->servers[SERVER_YOUTUBE],
                                        fakes->providers[CO_PLATFORM_YOUTUBE],
                                        YOUTUBE_CHANNEL_ID, DISPLAY_NAME);
  fakes->instagram = co_test_instagram_new (fakes->servers[SERVER_INSTAGRAM],
                                            fakes->providers[CO_PLATFORM_INSTAGRAM],
                                            INSTAGRAM_USER_ID, USERNAME);
  fakes->llm = co_test_llm_new (fakes->servers[SERVER_LLM]);
  fakes->media_dir = g_dir_make_tmp ("creatorops-fake-media-XXXXXX", error);
  return fakes->media_dir != NULL;
}

static void
add_variable (Fakes      *fakes,
              const char *name,
              char       *value)
{
  g_ptr_array_add (fakes->names, g_strdup (name));
  g_ptr_array_add (fakes->values, value);
}

/* CREATOROPS_FAKE_TOKEN_X…: a token JSON for "accounts add-token" per platform. */
static void
add_tokens (Fakes *fakes)
{
  for (guint p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_autofree char *upper = g_ascii_strup (co_platform_to_string (p), -1);
      g_autofree char *name = g_strconcat ("CREATOROPS_FAKE_TOKEN_", upper, NULL);

      add_variable (fakes, name, co_test_oauth_mint (fakes->providers[p], 7200));
    }
}

/* The variables co_service_config_apply_environment() reads, all of them. */
static void
collect_variables (Fakes    *fakes,
                   gboolean  seed_tokens)
{
  const char *media_url;

  fakes->names = g_ptr_array_new_with_free_func (g_free);
  fakes->values = g_ptr_array_new_with_free_func (g_free);
  for (guint s = 0; s < CO_N_SERVICES; s++)
    add_variable (fakes, co_service_get_env_name (s),
                  g_strconcat (co_test_server_get_url (fakes->servers[service_servers[s].server]),
                               service_servers[s].path, NULL));
  for (guint p = 0; p < CO_N_PLATFORMS; p++)
    add_variable (fakes, co_client_id_get_env_name (p), client_id_of (p));
  media_url = co_test_instagram_serve_folder (fakes->instagram, fakes->media_dir);
  add_variable (fakes, CO_MEDIA_HOST_DIR_ENV, g_strdup (fakes->media_dir));
  add_variable (fakes, CO_MEDIA_HOST_URL_ENV, g_strdup (media_url));
  if (seed_tokens)
    add_tokens (fakes);
}

static void
print_shell (Fakes *fakes)
{
  for (guint i = 0; i < fakes->names->len; i++)
    {
      g_autofree char *quoted = g_shell_quote (g_ptr_array_index (fakes->values, i));

      printf ("export %s=%s\n", (const char *)g_ptr_array_index (fakes->names, i), quoted);
    }
  /* A comment, so that the whole output can be given to eval; tools/fake-platforms
   * waits for it. */
  printf ("# creatorops-fake-platforms serving (process %d); Ctrl+C or kill %d stops it\n",
          (int)getpid (), (int)getpid ());
}

static void
print_json (Fakes *fakes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < fakes->names->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (fakes->names, i));
      json_builder_add_string_value (builder, g_ptr_array_index (fakes->values, i));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  printf ("%s\n", text);
}

static void
stop_fakes (Fakes *fakes)
{
  g_clear_pointer (&fakes->llm, co_test_llm_free);
  g_clear_pointer (&fakes->instagram, co_test_instagram_free);
  g_clear_pointer (&fakes->youtube, co_test_youtube_free);
  g_clear_pointer (&fakes->linkedin, co_test_linkedin_free);
  g_clear_pointer (&fakes->x, co_test_x_free);
  for (guint p = 0; p < CO_N_PLATFORMS; p++)
    g_clear_pointer (&fakes->providers[p], co_test_oauth_free);
  for (guint i = 0; i < N_SERVERS; i++)
    g_clear_object (&fakes->servers[i]);
  if (fakes->media_dir != NULL)
    co_test_peer_remove_dir (fakes->media_dir);
  g_clear_pointer (&fakes->media_dir, g_free);
  g_clear_pointer (&fakes->names, g_ptr_array_unref);
  g_clear_pointer (&fakes->values, g_ptr_array_unref);
  g_clear_handle_id (&fakes->signal_ids[0], g_source_remove);
  g_clear_handle_id (&fakes->signal_ids[1], g_source_remove);
  g_clear_pointer (&fakes->loop, g_main_loop_unref);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

/* Before anything is printed: whoever read the variables may stop the runner
 * at once, and it must still clean up. */
static void
catch_signals (Fakes *fakes)
{
  fakes->loop = g_main_loop_new (NULL, FALSE);
  fakes->signal_ids[0] = g_unix_signal_add (SIGINT, quit_cb, fakes->loop);
  fakes->signal_ids[1] = g_unix_signal_add (SIGTERM, quit_cb, fakes->loop);
}

static const char summary[] =
  "Serves fakes of X, LinkedIn, YouTube (and its uploads), Instagram, their sign-ins\n"
  "and an OpenAI-compatible language model on 127.0.0.1, and prints the variables that\n"
  "point creatorops and creatorops-cli at them:\n"
  "  export CREATOROPS_API_BASE_X=http://127.0.0.1:PORT\n"
  "  …\n"
  "Every request is logged on standard error.  Ctrl+C (SIGINT) or SIGTERM stops it.\n"
  "The fakes keep what they are sent in memory only; their tokens are fake.";

static gboolean
parse_options (int       *argc,
               char    ***argv,
               int       *port_base,
               gboolean  *json,
               gboolean  *seed_tokens,
               GError   **error)
{
  GOptionEntry entries[] = {
    { "port-base", 0, 0, G_OPTION_ARG_INT, port_base,
      "Listen on ports N to N+5 (x, linkedin, youtube, instagram, sign-in, model) "
      "instead of ports the system picks", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, json, "Print the variables as one JSON object", NULL },
    { "seed-token", 0, 0, G_OPTION_ARG_NONE, seed_tokens,
      "Also print CREATOROPS_FAKE_TOKEN_X…: a token JSON per platform for "
      "“creatorops-cli accounts add-token”", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "unexpected argument “%s”",
                   (*argv)[1]);
      return FALSE;
    }
  if (*port_base < 0 || *port_base > 65536 - N_SERVERS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--port-base %d is out of range: it must be 1 to %d, as ports N to N+%d "
                   "are used (or 0 for ports the system picks)",
                   *port_base, 65536 - N_SERVERS, N_SERVERS - 1);
      return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  Fakes fakes = { 0 };
  int port_base = 0;
  gboolean json = FALSE;
  gboolean seed_tokens = FALSE;

  setlocale (LC_ALL, "");
  if (!parse_options (&argc, &argv, &port_base, &json, &seed_tokens, &error))
    {
      g_printerr ("creatorops-fake-platforms: %s (see --help)\n", error->message);
      return 2;
    }
  catch_signals (&fakes);
  if (!start_fakes (&fakes, port_base, &error))
    {
      g_printerr ("creatorops-fake-platforms: %s\n", error->message);
      stop_fakes (&fakes);
      return 1;
    }
  collect_variables (&fakes, seed_tokens);
  if (json)
    print_json (&fakes);
  else
    print_shell (&fakes);
  fflush (stdout);
  g_main_loop_run (fakes.loop);
  stop_fakes (&fakes);
  g_printerr ("creatorops-fake-platforms: stopped\n");
  return 0;
}
