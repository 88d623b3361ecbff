/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>

#include "co-assets.h"
#include "co-store-error.h"
#include "co-cli-exit.h"
#include "co-error.h"
#include "co-test-cli.h"
#include "co-test-media.h"
#include "co-test-util.h"

/*
 * These tests run the built creatorops-cli (CO_CLI_PATH, set by meson) as a
 * child process against a library in a temporary folder, and check what a
 * script sees: the exit code, JSON on standard output, messages on standard
 * error.
 */

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = co_test_make_temp_dir ("cli");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

/* Starts the CLI on the fixture's library, or on @env_data_dir given in the
 * environment instead. */
static GSubprocess *
spawn (Fixture              *fixture,
       GSubprocessFlags      flags,
       const char * const   *args,
       const char           *env_data_dir)
{
  CoCliOptions options = { env_data_dir != NULL ? env_data_dir : fixture->data_dir,
                           env_data_dir != NULL, NULL, NULL };

  return co_test_cli_spawn (&options, flags, args);
}

/* Runs the CLI with the fixture's library; the arguments end with NULL. */
static CoCliRun *
cli_input (Fixture    *fixture,
           const char *input,
           const char *first,
           ...) G_GNUC_NULL_TERMINATED;

static CoCliRun *
cli_input (Fixture    *fixture,
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

static CoCliRun *
cli (Fixture    *fixture,
     const char *first,
     ...) G_GNUC_NULL_TERMINATED;

static CoCliRun *
cli (Fixture    *fixture,
     const char *first,
     ...)
{
  CoCliOptions options = { fixture->data_dir, FALSE, NULL, NULL };
  CoCliRun *run;
  va_list list;

  va_start (list, first);
  run = co_test_cli_runv (&options, NULL, first, list);
  va_end (list);
  return run;
}

static JsonObject *
assert_json_error (CoCliRun   *run,
                   int         expected,
                   const char *domain,
                   int         code)
{
  JsonNode *node = co_test_cli_assert_json (run, expected);
  JsonObject *error = json_object_get_object_member (json_node_get_object (node), "error");

  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, domain);
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (error, "message"));
  g_assert_nonnull (json_object_get_string_member (error, "suggestion"));
  return error;
}

static void
assert_item_fields (JsonObject *item)
{
  const char *fields[] = { "id", "type", "title", "mime", "size", "sha256", "width", "height",
                           "duration", "tags", "created_at", "imported_at", "trashed" };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (!json_object_has_member (item, fields[i]))
        g_error ("The item has no “%s” field", fields[i]);
    }
}

static gint64
add_note (Fixture    *fixture,
          const char *text,
          const char *tag)
{
  g_autoptr(CoCliRun) run = NULL;
  JsonObject *item;

  if (tag != NULL)
    run = cli (fixture, "vault", "note", text, "--tag", tag, "--json", NULL);
  else
    run = cli (fixture, "vault", "note", text, "--json", NULL);
  item = json_node_get_object (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));
  return json_object_get_int_member (item, "id");
}

static JsonArray *
list_json (CoCliRun *run)
{
  return json_node_get_array (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));
}

static gint64
array_id (JsonArray *array,
          guint      index)
{
  return json_object_get_int_member (json_array_get_object_element (array, index), "id");
}

/* Help and usage */

static void
test_help_top (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "--help", NULL);
  const int codes[] = { 0, 1, 2, 3, 4, 5, 6, 7, 130 };

  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (run->out, "vault import"));
  g_assert_nonnull (strstr (run->out, "assets verify"));
  g_assert_nonnull (strstr (run->out, "--data-dir"));
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %-5d", codes[i]);
      g_assert_nonnull (strstr (run->out, line));
    }
}

static void
test_help_commands (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *commands[][2] = {
    { "vault", "import" }, { "vault", "note" }, { "vault", "link" }, { "vault", "list" },
    { "vault", "search" }, { "vault", "show" }, { "vault", "tag" }, { "vault", "similar" },
    { "vault", "duplicates" }, { "vault", "trash" }, { "vault", "restore" },
    { "vault", "purge" }, { "vault", "exclude" }, { "vault", "recover" }, { "assets", "quota" },
    { "assets", "unreferenced" }, { "assets", "verify" }, { "assets", "refs" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CoCliRun) run = cli (fixture, commands[i][0], commands[i][1], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("creatorops-cli %s %s", commands[i][0],
                                                commands[i][1]);

      co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
      g_assert_nonnull (strstr (run->out, usage));
      g_assert_nonnull (strstr (run->out, "--json"));
      g_assert_nonnull (strstr (run->out, "Exit status"));
    }
  for (gsize i = 0; i < 2; i++)
    {
      g_autoptr(CoCliRun) run = cli (fixture, i == 0 ? "vault" : "assets", "--help", NULL);

      co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
      g_assert_nonnull (strstr (run->out, i == 0 ? "vault trash" : "assets quota"));
    }
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "--version", NULL);

  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (run->out, PACKAGE_VERSION));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  struct
  {
    const char *args[6];
    const char *named;
  } cases[] = {
    { { "frobnicate" }, "frobnicate" },
    { { "vault", "frobnicate" }, "frobnicate" },
    { { "vault" }, "Missing" },
    { { "vault", "list", "--bogus" }, "--bogus" },
    { { "vault", "list", "--type", "sculpture" }, "sculpture" },
    { { "vault", "list", "--sort", "colour" }, "colour" },
    { { "vault", "list", "--since", "2024-02-30" }, "2024-02-30" },
    { { "vault", "list", "--until", "yesterday" }, "yesterday" },
    { { "vault", "list", "--limit", "-1" }, "--limit" },
    { { "vault", "list", "--limit", "many" }, "many" },
    { { "vault", "show", "abc" }, "abc" },
    { { "vault", "show" }, "id" },
    { { "vault", "search" }, "search" },
    { { "vault", "tag", "1" }, "tags" },
    { { "vault", "trash", "1", "x2" }, "x2" },
    { { "vault", "link" }, "address" },
    { { "vault", "import" }, "files" },
    { { "assets", "quota", "--set", "lots" }, "lots" },
    { { "assets", "unreferenced", "--older-than", "-3" }, "-3" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(CoCliRun) run = NULL;

      process = spawn (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       cases[i].args, NULL);
      run = co_test_cli_finish (process, NULL);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, run->err);
      co_test_cli_assert_exit (run, CO_CLI_EXIT_USAGE);
      g_assert_nonnull (strstr (run->err, cases[i].named));
    }
  /* Nothing was created by commands that were refused. */
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_usage_json (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "show", "--json", "nope", NULL);

  assert_json_error (run, CO_CLI_EXIT_USAGE, "co-cli-error-quark", 0);
  g_assert_nonnull (strstr (run->err, "nope"));
}

/* Notes and links */

static void
test_note (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) text = NULL;
  JsonObject *item;
  JsonArray *tags;

  run = cli (fixture, "vault", "note", "Film", "the", "sunrise", "--tag", "ideas", "--tag",
             "#morning", "--title", "Sunrise", "--json", NULL);
  item = json_node_get_object (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));
  assert_item_fields (item);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "note");
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Sunrise");
  g_assert_cmpstr (json_object_get_string_member (item, "body"), ==, "Film the sunrise");
  g_assert_false (json_object_get_boolean_member (item, "trashed"));
  tags = json_object_get_array_member (item, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);

  text = cli (fixture, "vault", "note", "Second thought", NULL);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "Second thought"));
  g_assert_cmpstr (text->err, ==, "");
}

static void
test_note_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CoCliRun) empty = cli (fixture, "vault", "note", "   ", NULL);
  g_autoptr(CoCliRun) tag = cli (fixture, "vault", "note", "ok", "--tag", "a,b", NULL);

  co_test_cli_assert_exit (empty, CO_CLI_EXIT_INVALID);
  g_assert_nonnull (strstr (empty->err, "note"));
  co_test_cli_assert_exit (tag, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (tag, "a,b");
}

static void
test_note_stdin (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CoCliRun) run = cli_input (fixture, "Typed into a pipe\nsecond line\n",
                                       "vault", "note", "-", "--json", NULL);
  JsonObject *item = json_node_get_object (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));

  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Typed into a pipe");
}

/* Issue 11: a 30 MB note from standard input was accepted, and a NUL byte
 * cut a note short without a word.  Both are refused, with the reason, and
 * nothing is saved. */
static void
test_note_stdin_limits (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *args[] = { "vault", "note", "-", "--json", NULL };
  g_autofree char *huge = g_strnfill (30 * 1024 * 1024, 'a');
  g_autoptr(CoCliRun) big = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CoCliRun) nul = NULL;
  g_autoptr(CoCliRun) list = NULL;
  GOutputStream *input;
  JsonObject *error;

  /* The CLI stops reading at the limit: writing the rest must fail with
   * EPIPE here rather than kill the test.  co_test_cli_finish() closes the
   * input. */
  signal (SIGPIPE, SIG_IGN);
  process = spawn (fixture, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, args, NULL);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (process), huge, strlen (huge), NULL,
                             NULL, NULL);
  big = co_test_cli_finish (process, NULL);
  g_clear_object (&process);
  co_test_cli_assert_exit (big, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (big, "standard input");
  g_assert_nonnull (strstr (big->err, "MiB"));

  process = spawn (fixture, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, args, NULL);
  input = g_subprocess_get_stdin_pipe (process);
  g_assert_true (g_output_stream_write_all (input, "first line\nsec\0ond line\n", 24, NULL,
                                            NULL, NULL));
  nul = co_test_cli_finish (process, NULL);
  error = json_object_get_object_member (json_node_get_object (
                                           co_test_cli_assert_json (nul, CO_CLI_EXIT_INVALID)),
                                         "error");
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, "co-file-error-quark");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "line 2"));

  list = cli (fixture, "vault", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (list)), ==, 0);
}

static gboolean
catches_sigint (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (process));
  g_autofree char *status = NULL;
  const char *line;
  guint64 mask;

  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (line = strstr (status, "SigCgt:")) == NULL)
    return FALSE;
  mask = g_ascii_strtoull (line + strlen ("SigCgt:"), NULL, 16);
  return (mask & (G_GUINT64_CONSTANT (1) << (SIGINT - 1))) != 0;
}

/* Ctrl+C while the CLI waits for input: it stops cleanly with 130, says
 * nothing alarming and stores nothing. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  const char *args[] = { "vault", "note", "-", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) list = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  process = spawn (fixture, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, args, NULL);
  /* Signal only once the handler is installed, else SIGINT would kill it. */
  while (!catches_sigint (process) && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_true (catches_sigint (process));
  g_subprocess_send_signal (process, SIGINT);
  /* Keep standard input open until the child is gone: end of input must not
   * race with the signal. */
  g_subprocess_wait (process, NULL, NULL);

  run = co_test_cli_finish (process, NULL);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_CANCELLED);
  g_assert_cmpstr (run->out, ==, "");
  list = cli (fixture, "vault", "list", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (list)), ==, 0);
}

static void
test_link (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CoCliRun) run = NULL;
  g_autoptr(CoCliRun) bad = NULL;
  g_autoptr(CoCliRun) bad_json = NULL;
  JsonObject *item;

  run = cli (fixture, "vault", "link", "https://example.org/lighting", "--title", "Lighting",
             "--notes", "three-point", "--tag", "howto", "--json", NULL);
  item = json_node_get_object (co_test_cli_assert_json (run, CO_CLI_EXIT_OK));
  assert_item_fields (item);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "link");
  g_assert_cmpstr (json_object_get_string_member (item, "source_url"), ==,
                   "https://example.org/lighting");
  g_assert_cmpstr (json_object_get_string_member (item, "notes"), ==, "three-point");

  bad = cli (fixture, "vault", "link", "ftp//nowhere", NULL);
  co_test_cli_assert_exit (bad, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (bad, "ftp//nowhere");
  g_assert_cmpstr (bad->out, ==, "");

  bad_json = cli (fixture, "vault", "link", "ftp//nowhere", "--json", NULL);
  assert_json_error (bad_json, CO_CLI_EXIT_INVALID, "co-vault-error-quark", 1);
  co_test_cli_assert_error_names (bad_json, "ftp//nowhere");
}

/* Browsing */

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 a = add_note (fixture, "Banana bread recipe", "food");
  gint64 b = add_note (fixture, "Apple pie recipe", "food");
  gint64 c = add_note (fixture, "Camera settings", NULL);
  g_autoptr(CoCliRun) all = cli (fixture, "vault", "list", "--json", NULL);
  g_autoptr(CoCliRun) tagged = cli (fixture, "vault", "list", "--tag", "food", "--json", NULL);
  g_autoptr(CoCliRun) named = cli (fixture, "vault", "list", "--sort", "name", "--json", NULL);
  g_autoptr(CoCliRun) page = cli (fixture, "vault", "list", "--limit", "1", "--offset", "1",
                                  "--json", NULL);
  g_autoptr(CoCliRun) links = cli (fixture, "vault", "list", "--type", "link", "--json", NULL);
  g_autoptr(CoCliRun) future = cli (fixture, "vault", "list", "--since", "2999-01-01", "--json",
                                    NULL);
  g_autoptr(CoCliRun) before = cli (fixture, "vault", "list", "--until", "2999-01-01T00:00:00Z",
                                    "--json", NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "vault", "list", NULL);

  g_assert_cmpuint (json_array_get_length (list_json (all)), ==, 3);
  g_assert_cmpint (array_id (list_json (all), 0), ==, c);
  assert_item_fields (json_array_get_object_element (list_json (all), 0));
  g_assert_cmpuint (json_array_get_length (list_json (tagged)), ==, 2);
  g_assert_cmpint (array_id (list_json (named), 0), ==, b);
  g_assert_cmpint (array_id (list_json (named), 1), ==, a);
  g_assert_cmpuint (json_array_get_length (list_json (page)), ==, 1);
  g_assert_cmpint (array_id (list_json (page), 0), ==, b);
  g_assert_cmpuint (json_array_get_length (list_json (links)), ==, 0);
  g_assert_cmpuint (json_array_get_length (list_json (future)), ==, 0);
  g_assert_cmpuint (json_array_get_length (list_json (before)), ==, 3);

  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_true (g_str_has_prefix (text->out, "ID"));
  g_assert_nonnull (strstr (text->out, "Apple pie recipe"));
  g_assert_nonnull (strstr (text->out, "food"));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 id = add_note (fixture, "Drone footage over the harbour", NULL);
  g_autoptr(CoCliRun) hit = NULL;
  g_autoptr(CoCliRun) miss = NULL;
  g_autoptr(CoCliRun) empty = NULL;

  add_note (fixture, "Interview questions", NULL);
  hit = cli (fixture, "vault", "search", "harb*", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (hit)), ==, 1);
  g_assert_cmpint (array_id (list_json (hit), 0), ==, id);
  miss = cli (fixture, "vault", "search", "volcano", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (miss)), ==, 0);

  empty = cli (fixture, "vault", "search", "***", NULL);
  co_test_cli_assert_exit (empty, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (empty, "***");
}

static void
test_show (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 id = add_note (fixture, "A note to show", "shown");
  g_autofree char *arg = g_strdup_printf ("%lld", (long long)id);
  g_autoptr(CoCliRun) json = cli (fixture, "vault", "show", arg, "--json", NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "vault", "show", arg, NULL);
  g_autoptr(CoCliRun) missing = cli (fixture, "vault", "show", "4242", NULL);
  g_autoptr(CoCliRun) missing_json = cli (fixture, "vault", "show", "4242", "--json", NULL);
  JsonObject *item = json_node_get_object (co_test_cli_assert_json (json, CO_CLI_EXIT_OK));

  assert_item_fields (item);
  g_assert_cmpint (json_object_get_int_member (item, "id"), ==, id);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "A note to show"));
  g_assert_nonnull (strstr (text->out, "shown"));

  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (missing, "4242");
  assert_json_error (missing_json, CO_CLI_EXIT_NOT_FOUND, "co-vault-error-quark", 0);
}

static JsonArray *
item_tags (CoCliRun *run)
{
  JsonNode *node = co_test_cli_assert_json (run, CO_CLI_EXIT_OK);

  return json_object_get_array_member (json_node_get_object (node), "tags");
}

static void
test_tag (Fixture       *fixture,
          gconstpointer  data)
{
  gint64 id = add_note (fixture, "Tag me", NULL);
  g_autofree char *arg = g_strdup_printf ("%lld", (long long)id);
  g_autoptr(CoCliRun) add = cli (fixture, "vault", "tag", arg, "blue", "green", "--json", NULL);
  g_autoptr(CoCliRun) remove = cli (fixture, "vault", "tag", arg, "blue", "--remove", "--json",
                                    NULL);
  g_autoptr(CoCliRun) bad = cli (fixture, "vault", "tag", arg, "  ", NULL);
  g_autoptr(CoCliRun) missing = cli (fixture, "vault", "tag", "999", "x", NULL);
  JsonArray *tags;

  g_assert_cmpuint (json_array_get_length (item_tags (add)), ==, 2);
  tags = item_tags (remove);
  g_assert_cmpuint (json_array_get_length (tags), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "green");
  co_test_cli_assert_exit (bad, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (missing, "999");
}

static void
test_similar_and_duplicates (Fixture       *fixture,
                             gconstpointer  data)
{
  gint64 a = add_note (fixture, "Shoot a timelapse of the city skyline at night", "city");
  gint64 b = add_note (fixture, "Shoot a timelapse of the city skyline at dusk", "city");
  g_autofree char *arg = g_strdup_printf ("%lld", (long long)a);
  g_autoptr(CoCliRun) similar = NULL;
  g_autoptr(CoCliRun) dups = NULL;
  g_autoptr(CoCliRun) text = NULL;
  g_autoptr(CoCliRun) bad = NULL;
  g_autoptr(CoCliRun) missing = NULL;
  JsonObject *match;

  add_note (fixture, "Buy coffee filters", NULL);
  similar = cli (fixture, "vault", "similar", arg, "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (similar)), >=, 1);
  match = json_array_get_object_element (list_json (similar), 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (match, "item"),
                                               "id"), ==, b);

  dups = cli (fixture, "vault", "duplicates", arg, "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (dups)), ==, 1);
  match = json_array_get_object_element (list_json (dups), 0);
  g_assert_cmpfloat (json_object_get_double_member (match, "score"), >, 0.5);
  g_assert_cmpstr (json_object_get_string_member (match, "reason"), !=, "");
  text = cli (fixture, "vault", "duplicates", arg, NULL);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "REASON"));

  bad = cli (fixture, "vault", "duplicates", arg, "--threshold", "2", NULL);
  co_test_cli_assert_exit (bad, CO_CLI_EXIT_INVALID);
  missing = cli (fixture, "vault", "similar", "31337", NULL);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
}

/* Trash */

static void
test_trash_restore (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = add_note (fixture, "Disposable", NULL);
  g_autofree char *arg = g_strdup_printf ("%lld", (long long)id);
  g_autoptr(CoCliRun) trash = cli (fixture, "vault", "trash", arg, "--json", NULL);
  g_autoptr(CoCliRun) visible = cli (fixture, "vault", "list", "--json", NULL);
  g_autoptr(CoCliRun) trashed = cli (fixture, "vault", "list", "--trashed", "--json", NULL);
  g_autoptr(CoCliRun) again = cli (fixture, "vault", "trash", arg, NULL);
  g_autoptr(CoCliRun) restore = cli (fixture, "vault", "restore", arg, NULL);
  g_autoptr(CoCliRun) not_trashed = cli (fixture, "vault", "restore", arg, NULL);
  g_autoptr(CoCliRun) missing = cli (fixture, "vault", "trash", "777", NULL);
  JsonObject *result = json_array_get_object_element (list_json (trash), 0);

  g_assert_true (json_object_get_boolean_member (result, "trashed"));
  g_assert_cmpuint (json_array_get_length (list_json (visible)), ==, 0);
  g_assert_cmpuint (json_array_get_length (list_json (trashed)), ==, 1);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_exit (restore, CO_CLI_EXIT_OK);
  co_test_cli_assert_exit (not_trashed, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (not_trashed, arg);
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
}

/* One good and one unknown id: the good one is done, the batch says 6. */
static void
test_trash_batch (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 id = add_note (fixture, "Batch victim", NULL);
  g_autofree char *arg = g_strdup_printf ("%lld", (long long)id);
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "trash", arg, "555", "--json", NULL);
  g_autoptr(CoCliRun) trashed = cli (fixture, "vault", "list", "--trashed", "--json", NULL);
  JsonArray *results = json_node_get_array (co_test_cli_assert_json (run, CO_CLI_EXIT_PARTIAL));

  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  g_assert_true (json_object_has_member (json_array_get_object_element (results, 1), "error"));
  co_test_cli_assert_error_names (run, "555");
  g_assert_cmpint (array_id (list_json (trashed), 0), ==, id);
}

static void
test_purge (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 id = add_note (fixture, "Gone for good", NULL);
  g_autofree char *arg = g_strdup_printf ("%lld", (long long)id);
  g_autoptr(CoCliRun) trash = cli (fixture, "vault", "trash", arg, NULL);
  g_autoptr(CoCliRun) purge = cli (fixture, "vault", "purge", "--json", NULL);
  g_autoptr(CoCliRun) show = cli (fixture, "vault", "show", arg, NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "vault", "purge", NULL);
  JsonObject *report;

  co_test_cli_assert_exit (trash, CO_CLI_EXIT_OK);
  report = json_node_get_object (co_test_cli_assert_json (purge, CO_CLI_EXIT_OK));
  g_assert_cmpint (json_object_get_int_member (report, "items"), ==, 1);
  co_test_cli_assert_exit (show, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "Purged 0 items"));
}

/* Imports text files as notes and returns their stored files' paths. */
static GPtrArray *
import_texts (Fixture *fixture,
              guint    n)
{
  GPtrArray *blobs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("take-%u.txt", i);
      g_autofree char *text = g_strdup_printf ("Take %u\nthe only copy\n", i);
      g_autofree char *path = co_test_write_file (fixture->dir, name, text, -1);
      g_autoptr(CoCliRun) run = cli (fixture, "vault", "import", path, "--json", NULL);
      JsonObject *result = json_array_get_object_element (list_json (run), 0);
      g_autoptr(CoCliRun) show = NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             json_object_get_int_member (result, "id"));
      g_autofree char *sha = NULL;

      show = cli (fixture, "vault", "show", id, "--json", NULL);
      sha = g_strdup (json_object_get_string_member (
        json_node_get_object (co_test_cli_assert_json (show, CO_CLI_EXIT_OK)), "sha256"));
      g_ptr_array_add (blobs, g_strdup_printf ("%s/blobs/%.2s/%s", fixture->data_dir, sha, sha));
    }
  return blobs;
}

static void
remove_database (Fixture *fixture)
{
  for (const char *const *end = (const char *const[]) { "", "-wal", "-shm", NULL }; *end; end++)
    {
      g_autofree char *path = g_strconcat (fixture->data_dir, "/creatorops.db", *end, NULL);
      g_unlink (path);
    }
}

/* The reproducer of issue 11: with the database gone, purge used to start
 * a new library and delete every stored file.  Now every command refuses
 * and says what to do, and vault recover brings the files back. */
static void
test_lost_database (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) blobs = import_texts (fixture, 3);
  g_autoptr(CoCliRun) purge = NULL;
  g_autoptr(CoCliRun) list = NULL;
  g_autoptr(CoCliRun) recover = NULL;
  g_autoptr(CoCliRun) listed = NULL;
  JsonObject *report;

  remove_database (fixture);
  purge = cli (fixture, "vault", "purge", "--json", NULL);
  assert_json_error (purge, CO_CLI_EXIT_DATABASE, "co-store-error-quark",
                     CO_STORE_ERROR_NO_DATABASE);
  g_assert_nonnull (strstr (purge->err, "vault recover"));
  list = cli (fixture, "vault", "list", NULL);
  co_test_cli_assert_exit (list, CO_CLI_EXIT_DATABASE);
  for (guint i = 0; i < blobs->len; i++)
    g_assert_true (g_file_test (g_ptr_array_index (blobs, i), G_FILE_TEST_IS_REGULAR));

  recover = cli (fixture, "vault", "recover", "--json", NULL);
  report = json_node_get_object (co_test_cli_assert_json (recover, CO_CLI_EXIT_OK));
  g_assert_cmpint (json_object_get_int_member (report, "found"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "recovered")),
                    ==, 3);
  listed = cli (fixture, "vault", "list", "--tag", "recovered", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (listed)), ==, 3);
}

/* Files that cannot be recorded are reported, kept, and make the batch
 * partial. */
static void
test_recover_partial (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) blobs = import_texts (fixture, 1);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "\x01\x02 noise", -1);
  g_autofree char *folder = g_strdup_printf ("%s/blobs/%.2s", fixture->data_dir, sha);
  g_autofree char *noise = NULL;
  g_autoptr(CoCliRun) recover = NULL;

  remove_database (fixture);
  g_assert_no_errno (g_mkdir_with_parents (folder, 0700));
  noise = co_test_write_file (folder, sha, "\x01\x02 noise", -1);
  recover = cli (fixture, "vault", "recover", NULL);
  co_test_cli_assert_exit (recover, CO_CLI_EXIT_PARTIAL);
  g_assert_nonnull (strstr (recover->out, "1 recovered"));
  g_assert_nonnull (strstr (recover->err, sha));
  g_assert_true (g_file_test (noise, G_FILE_TEST_IS_REGULAR));
}

static void
test_exclude (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 id = add_note (fixture, "Not an idea", NULL);
  g_autofree char *arg = g_strdup_printf ("%lld", (long long)id);
  g_autoptr(CoCliRun) exclude = cli (fixture, "vault", "exclude", arg, "--json", NULL);
  g_autoptr(CoCliRun) undo = cli (fixture, "vault", "exclude", arg, "--undo", "--json", NULL);
  g_autoptr(CoCliRun) missing = cli (fixture, "vault", "exclude", "888", NULL);

  g_assert_true (json_object_get_boolean_member (
    json_node_get_object (co_test_cli_assert_json (exclude, CO_CLI_EXIT_OK)), "excluded"));
  g_assert_false (json_object_get_boolean_member (
    json_node_get_object (co_test_cli_assert_json (undo, CO_CLI_EXIT_OK)), "excluded"));
  co_test_cli_assert_exit (missing, CO_CLI_EXIT_NOT_FOUND);
}

/* Import */

static JsonObject *
import_result (CoCliRun *run,
               guint     index)
{
  return json_array_get_object_element (json_node_get_array (run->json), index);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, "frame.png", 160, 120,
                                                  CO_TEST_PATTERN_GRADIENT);
  g_autofree char *txt = co_test_media_write_text (fixture->dir, "idea.txt",
                                                   "A story about lighthouses\nmore\n");
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "import", png, txt, "--tag", "mood",
                                 "--source-url", "https://example.org/a", "--json", NULL);
  g_autoptr(CoCliRun) show = NULL;
  g_autoptr(CoCliRun) again = NULL;
  g_autofree char *arg = NULL;
  JsonObject *item;
  gint64 id;

  co_test_cli_assert_json (run, CO_CLI_EXIT_OK);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run->json)), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (import_result (run, 0), "file"), ==, png);
  g_assert_false (json_object_get_boolean_member (import_result (run, 0), "duplicate"));
  g_assert_false (json_object_has_member (import_result (run, 0), "error"));
  id = json_object_get_int_member (import_result (run, 0), "id");

  arg = g_strdup_printf ("%lld", (long long)id);
  show = cli (fixture, "vault", "show", arg, "--json", NULL);
  item = json_node_get_object (co_test_cli_assert_json (show, CO_CLI_EXIT_OK));
  assert_item_fields (item);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "image");
  g_assert_cmpint (json_object_get_int_member (item, "width"), ==, 160);
  g_assert_cmpint (json_object_get_int_member (item, "height"), ==, 120);
  g_assert_cmpuint (strlen (json_object_get_string_member (item, "sha256")), ==, 64);
  g_assert_cmpstr (json_object_get_string_member (item, "source_url"), ==,
                   "https://example.org/a");

  again = cli (fixture, "vault", "import", png, NULL);
  co_test_cli_assert_exit (again, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (again->out, "already in the vault"));
  g_assert_nonnull (strstr (again->out, arg));
}

/* A batch with bad files: the good one is imported, each bad one is named
 * with its reason, the JSON lists every file, and the exit code is 6. */
static void
test_import_batch (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, "good.png", 160, 120,
                                                  CO_TEST_PATTERN_CHECKER);
  g_autofree char *noise = co_test_media_write_random (fixture->dir, "noise.mp4", 4096, 7);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.png", NULL);
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "import", noise, png, missing, "--json", NULL);
  g_autoptr(CoCliRun) list = cli (fixture, "vault", "list", "--json", NULL);
  JsonObject *error;

  co_test_cli_assert_json (run, CO_CLI_EXIT_PARTIAL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run->json)), ==, 3);
  error = json_object_get_object_member (import_result (run, 0), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, "co-media-error-quark");
  g_assert_nonnull (json_object_get_string_member (error, "suggestion"));
  g_assert_true (json_object_get_null_member (import_result (run, 0), "id"));
  g_assert_cmpint (json_object_get_int_member (import_result (run, 1), "id"), >, 0);
  g_assert_nonnull (json_object_get_object_member (import_result (run, 2), "error"));
  co_test_cli_assert_error_names (run, "noise.mp4");
  co_test_cli_assert_error_names (run, "missing.png");

  g_assert_cmpuint (json_array_get_length (list_json (list)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     list_json (list), 0), "type"), ==, "image");
}

static void
test_import_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *empty = co_test_media_write_empty (fixture->dir, "empty.png");
  g_autofree char *folder = co_test_media_make_dir (fixture->dir, "folder");
  g_autofree char *missing = g_build_filename (fixture->dir, "nope.wav", NULL);
  g_autoptr(CoCliRun) run_empty = cli (fixture, "vault", "import", empty, NULL);
  g_autoptr(CoCliRun) run_folder = cli (fixture, "vault", "import", folder, NULL);
  g_autoptr(CoCliRun) run_missing = cli (fixture, "vault", "import", missing, NULL);
  g_autoptr(CoCliRun) run_both = cli (fixture, "vault", "import", empty, folder, NULL);

  co_test_cli_assert_exit (run_empty, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (run_empty, "empty.png");
  co_test_cli_assert_exit (run_folder, CO_CLI_EXIT_INVALID);
  co_test_cli_assert_error_names (run_folder, "folder");
  co_test_cli_assert_exit (run_missing, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (run_missing, "nope.wav");
  /* Everything failed: the batch exits as its first failure did. */
  co_test_cli_assert_exit (run_both, CO_CLI_EXIT_INVALID);
}

static void
test_import_audio_duration (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *wav = co_test_media_write_audio (fixture->dir, "tone.wav", CO_TEST_AUDIO_WAV,
                                                    2.0);
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "import", wav, NULL);
  g_autoptr(CoCliRun) list = cli (fixture, "vault", "list", "--json", NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "vault", "list", "--sort", "duration", NULL);
  JsonObject *item;

  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  item = json_array_get_object_element (list_json (list), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "type"), ==, "audio");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (item, "duration"), 2.0, 0.1);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "0:00:02"));
}

static void
test_import_quota (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, "big.png", 160, 120,
                                                  CO_TEST_PATTERN_NOISE);
  g_autoptr(CoCliRun) set = cli (fixture, "assets", "quota", "--set", "100", NULL);
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "import", png, NULL);
  g_autoptr(CoCliRun) list = cli (fixture, "vault", "list", "--json", NULL);

  co_test_cli_assert_exit (set, CO_CLI_EXIT_OK);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_QUOTA);
  co_test_cli_assert_error_names (run, "quota");
  g_assert_cmpuint (json_array_get_length (list_json (list)), ==, 0);
}

/* Assets */

static gint64
import_png (Fixture     *fixture,
            const char  *name,
            char       **out_sha256)
{
  g_autofree char *png = co_test_media_write_png (fixture->dir, name, 160, 120,
                                                  CO_TEST_PATTERN_CIRCLES);
  g_autoptr(CoCliRun) run = cli (fixture, "vault", "import", png, "--json", NULL);
  g_autoptr(CoCliRun) show = NULL;
  g_autofree char *arg = NULL;
  gint64 id;

  co_test_cli_assert_json (run, CO_CLI_EXIT_OK);
  id = json_object_get_int_member (import_result (run, 0), "id");
  arg = g_strdup_printf ("%lld", (long long)id);
  show = cli (fixture, "vault", "show", arg, "--json", NULL);
  *out_sha256 = g_strdup (json_object_get_string_member (
    json_node_get_object (co_test_cli_assert_json (show, CO_CLI_EXIT_OK)), "sha256"));
  return id;
}

static void
test_assets_quota (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CoCliRun) show = cli (fixture, "assets", "quota", "--json", NULL);
  g_autoptr(CoCliRun) set = cli (fixture, "assets", "quota", "--set", "1.5G", "--json", NULL);
  g_autoptr(CoCliRun) text = cli (fixture, "assets", "quota", NULL);
  g_autoptr(CoCliRun) zero = cli (fixture, "assets", "quota", "--set", "0", NULL);
  JsonObject *report = json_node_get_object (co_test_cli_assert_json (show, CO_CLI_EXIT_OK));

  g_assert_cmpint (json_object_get_int_member (report, "limit"), ==,
                   G_GINT64_CONSTANT (50) << 30);
  g_assert_cmpint (json_object_get_int_member (report, "used"), ==, 0);
  g_assert_false (json_object_get_boolean_member (report, "warning"));
  g_assert_nonnull (json_object_get_array_member (report, "suggestions"));
  report = json_node_get_object (co_test_cli_assert_json (set, CO_CLI_EXIT_OK));
  g_assert_cmpint (json_object_get_int_member (report, "limit"), ==,
                   (G_GINT64_CONSTANT (3) << 30) / 2);
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "1.5"));
  g_assert_nonnull (strstr (text->out, "GiB"));
  co_test_cli_assert_exit (zero, CO_CLI_EXIT_INVALID);
}

static void
test_assets_refs (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *sha256 = NULL;
  gint64 id = import_png (fixture, "ref.png", &sha256);
  g_autoptr(CoCliRun) refs = cli (fixture, "assets", "refs", sha256, "--json", NULL);
  g_autoptr(CoCliRun) unknown = cli (fixture, "assets", "refs", "0123abcd", NULL);
  JsonObject *ref;

  g_assert_cmpuint (json_array_get_length (list_json (refs)), ==, 1);
  ref = json_array_get_object_element (list_json (refs), 0);
  g_assert_cmpstr (json_object_get_string_member (ref, "owner_kind"), ==, "vault");
  g_assert_cmpint (json_object_get_int_member (ref, "owner_id"), ==, id);
  co_test_cli_assert_exit (unknown, CO_CLI_EXIT_NOT_FOUND);
  co_test_cli_assert_error_names (unknown, "0123abcd");
}

static void
test_assets_unreferenced (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *sha256 = NULL;
  gint64 id = import_png (fixture, "orphan.png", &sha256);
  g_autoptr(CoCliRun) recent = NULL;
  g_autoptr(CoCliRun) all = NULL;
  g_autoptr(GError) error = NULL;
  CoStore *store;

  /* Drop the item's reference directly, as a purged draft would. */
  store = co_store_new (fixture->data_dir, NULL, &error);
  g_assert_no_error (error);
  co_assets_remove_refs_of (store, "vault", id, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  recent = cli (fixture, "assets", "unreferenced", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (recent)), ==, 0);
  all = cli (fixture, "assets", "unreferenced", "--older-than", "0", "--json", NULL);
  g_assert_cmpuint (json_array_get_length (list_json (all)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     list_json (all), 0), "sha256"), ==, sha256);
}

static void
test_assets_verify (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *sha256 = NULL;
  g_autoptr(CoCliRun) good = NULL;
  g_autoptr(CoCliRun) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *blob = NULL;
  JsonObject *report;
  CoStore *store;

  import_png (fixture, "verify.png", &sha256);
  good = cli (fixture, "assets", "verify", "--json", NULL);
  report = json_node_get_object (co_test_cli_assert_json (good, CO_CLI_EXIT_OK));
  g_assert_cmpint (json_object_get_int_member (report, "checked"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "problems")),
                    ==, 0);

  store = co_store_new (fixture->data_dir, NULL, &error);
  g_assert_no_error (error);
  blob = co_store_dup_blob_path (store, sha256);
  g_assert_finalize_object (store);
  g_file_set_contents (blob, "tampered", -1, &error);
  g_assert_no_error (error);

  bad = cli (fixture, "assets", "verify", "--json", NULL);
  report = json_node_get_object (co_test_cli_assert_json (bad, CO_CLI_EXIT_DATABASE));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "problems")),
                    ==, 1);
  co_test_cli_assert_error_names (bad, blob);
}

/* The library */

static void
test_database_corrupt (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->data_dir, "creatorops.db", NULL);
  g_autofree char *png = co_test_media_write_png (fixture->dir, "x.png", 160, 120,
                                                  CO_TEST_PATTERN_STRIPES);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(CoCliRun) list = NULL;
  g_autoptr(CoCliRun) json = NULL;
  g_autoptr(CoCliRun) import = NULL;
  g_autoptr(GError) error = NULL;
  char garbage[4096];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char)g_test_rand_int_range (0, 256);
  memcpy (garbage, "SQLite format 3", 16);
  g_assert_no_errno (g_mkdir_with_parents (fixture->data_dir, 0700));
  g_file_set_contents (db, garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  g_file_get_contents (db, &before, &before_len, NULL);

  list = cli (fixture, "vault", "list", NULL);
  co_test_cli_assert_exit (list, CO_CLI_EXIT_DATABASE);
  co_test_cli_assert_error_names (list, db);
  json = cli (fixture, "vault", "list", "--json", NULL);
  assert_json_error (json, CO_CLI_EXIT_DATABASE, "co-store-error-quark", 1);
  import = cli (fixture, "vault", "import", png, NULL);
  co_test_cli_assert_exit (import, CO_CLI_EXIT_DATABASE);

  g_file_get_contents (db, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_database_env (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *env_dir = g_build_filename (fixture->dir, "from-env", NULL);
  g_autofree char *db = g_build_filename (env_dir, "creatorops.db", NULL);
  const char *args[] = { "vault", "note", "Stored where the environment says", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CoCliRun) run = NULL;

  process = spawn (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                   args, env_dir);
  run = co_test_cli_finish (process, NULL);
  co_test_cli_assert_exit (run, CO_CLI_EXIT_OK);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

/* Scripts write the shared options before the command as often as after. */
static void
test_common_options_first (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *decoy = g_build_filename (fixture->dir, "decoy", NULL);
  const char *args[] = { "--json", "--data-dir", fixture->data_dir, "vault", "note",
                         "Lead with the result", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CoCliRun) first = NULL;
  g_autoptr(CoCliRun) listed = NULL;

  /* The environment names another library: the option must win. */
  process = spawn (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                   args, decoy);
  first = co_test_cli_finish (process, NULL);
  co_test_cli_assert_exit (first, CO_CLI_EXIT_OK);
  g_assert_true (g_str_has_prefix (g_strstrip (first->out), "{"));
  g_assert_false (g_file_test (decoy, G_FILE_TEST_EXISTS));

  listed = cli (fixture, "vault", "list", NULL);
  co_test_cli_assert_exit (listed, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (listed->out, "Lead with the result"));
}

/* Options without a command say that a command is missing and list them,
 * whatever options come first (it once said "Unknown command “--data-dir”"). */
static void
test_no_command (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *data_dir_arg = g_strconcat ("--data-dir=", fixture->data_dir, NULL);
  const char *cases[][4] = {
    { NULL }, { "--json", NULL }, { "--data-dir", fixture->data_dir, NULL },
    { data_dir_arg, NULL }, { "--json", "--data-dir", fixture->data_dir, NULL },
    { "--data-dir", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(CoCliRun) run = NULL;

      process = spawn (fixture, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       cases[i], fixture->data_dir);
      run = co_test_cli_finish (process, NULL);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, run->err);
      co_test_cli_assert_exit (run, CO_CLI_EXIT_USAGE);
      g_assert_true (g_str_has_prefix (run->err, "creatorops-cli: No command given\n"));
      g_assert_nonnull (strstr (run->err, "Usage:"));
      g_assert_nonnull (strstr (run->err, "vault import"));
      g_assert_null (strstr (run->err, "Unknown"));
      g_assert_cmpstr (run->out, ==, "");
    }
  g_assert_false (g_file_test (fixture->data_dir, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/help/top", test_help_top);
  ADD ("/cli/help/commands", test_help_commands);
  ADD ("/cli/help/version", test_version);
  ADD ("/cli/usage/errors", test_usage_errors);
  ADD ("/cli/usage/json", test_usage_json);
  ADD ("/cli/usage/common-options-first", test_common_options_first);
  ADD ("/cli/usage/no-command", test_no_command);
  ADD ("/cli/vault/note", test_note);
  ADD ("/cli/vault/note/errors", test_note_errors);
  ADD ("/cli/vault/note/stdin", test_note_stdin);
  ADD ("/cli/vault/note/stdin-limits", test_note_stdin_limits);
  ADD ("/cli/vault/note/cancel", test_cancel);
  ADD ("/cli/vault/link", test_link);
  ADD ("/cli/vault/list", test_list);
  ADD ("/cli/vault/search", test_search);
  ADD ("/cli/vault/show", test_show);
  ADD ("/cli/vault/tag", test_tag);
  ADD ("/cli/vault/similar-duplicates", test_similar_and_duplicates);
  ADD ("/cli/vault/trash-restore", test_trash_restore);
  ADD ("/cli/vault/trash-batch", test_trash_batch);
  ADD ("/cli/vault/purge", test_purge);
  ADD ("/cli/vault/exclude", test_exclude);
  ADD ("/cli/vault/lost-database", test_lost_database);
  ADD ("/cli/vault/recover-partial", test_recover_partial);
  ADD ("/cli/vault/import", test_import);
  ADD ("/cli/vault/import/batch", test_import_batch);
  ADD ("/cli/vault/import/errors", test_import_errors);
  ADD ("/cli/vault/import/audio-duration", test_import_audio_duration);
  ADD ("/cli/vault/import/quota", test_import_quota);
  ADD ("/cli/assets/quota", test_assets_quota);
  ADD ("/cli/assets/refs", test_assets_refs);
  ADD ("/cli/assets/unreferenced", test_assets_unreferenced);
  ADD ("/cli/assets/verify", test_assets_verify);
  ADD ("/cli/database/corrupt", test_database_corrupt);
  ADD ("/cli/database/env", test_database_env);

#undef ADD

  return g_test_run ();
}
