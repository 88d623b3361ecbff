/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "co-cli-exit.h"
#include "co-probe.h"
#include "co-test-cli.h"
#include "co-test-util.h"

/*
 * The drafts and schedule commands, run as a script would: the built
 * creatorops-cli against a library in a temporary folder.  Times are years
 * ahead (or behind) of any clock these tests run on.
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
  fixture->dir = co_test_make_temp_dir ("cli-drafts");
  fixture->data_dir = g_build_filename (fixture->dir, "library", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

/* Runs the CLI on the fixture's library, with @env ("NAME=value") if not
 * NULL; the arguments end with NULL. */
static CoCliRun *
run_env (Fixture    *fixture,
         const char *env,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static CoCliRun *
run_env (Fixture    *fixture,
         const char *env,
         const char *first,
         ...)
{
  CoCliOptions options = { fixture->data_dir, FALSE, NULL, env };
  CoCliRun *result;
  va_list list;

  va_start (list, first);
  result = co_test_cli_runv (&options, NULL, first, list);
  va_end (list);
  return result;
}

#define run(fixture, ...) run_env (fixture, NULL, __VA_ARGS__)

static JsonObject *
json_ok (CoCliRun *result)
{
  return json_node_get_object (co_test_cli_assert_json (result, CO_CLI_EXIT_OK));
}

/* A failure with --json: the exit code, the error's domain and code, and a
 * message that names @named. */
static void
assert_failed (CoCliRun   *result,
               int         exit,
               const char *domain,
               int         code,
               const char *named)
{
  JsonObject *error;

  co_test_cli_assert_exit (result, exit);
  g_test_message ("stderr: %s", result->err);
  if (domain == NULL)
    {
      g_assert_nonnull (strstr (result->err, named));
      return;
    }
  error = json_object_get_object_member (json_node_get_object (
                                           co_test_cli_assert_json (result, exit)), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, domain);
  g_assert_cmpint (json_object_get_int_member (error, "code"), ==, code);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), named));
  g_assert_nonnull (json_object_get_string_member (error, "suggestion"));
  co_test_cli_assert_error_names (result, named);
}

static gint64
new_draft (Fixture    *fixture,
           const char *title,
           const char *platform)
{
  g_autoptr(CoCliRun) result = run (fixture, "drafts", "new", "--title", title, "--body",
                                    "The body.", "--platform", platform, "--stage", "draft",
                                    "--json", NULL);

  return json_object_get_int_member (json_ok (result), "id");
}

/* Everything `drafts list` and `schedule list` say, to compare. */
static char *
library_state (Fixture *fixture)
{
  g_autoptr(CoCliRun) drafts = run (fixture, "drafts", "list", "--json", NULL);
  g_autoptr(CoCliRun) times = run (fixture, "schedule", "list", "--from", "2000-01-01", "--to",
                                   "2100-01-01", "--json", NULL);

  co_test_cli_assert_exit (drafts, CO_CLI_EXIT_OK);
  co_test_cli_assert_exit (times, CO_CLI_EXIT_OK);
  return g_strconcat (drafts->out, times->out, NULL);
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  const char *commands[][2] = {
    { "drafts", "new" }, { "drafts", "list" }, { "drafts", "show" }, { "drafts", "edit" },
    { "drafts", "move" }, { "drafts", "variant" }, { "drafts", "link" },
    { "drafts", "repurpose" }, { "drafts", "delete" }, { "schedule", "add" },
    { "schedule", "list" }, { "schedule", "move" }, { "schedule", "cancel" },
    { "schedule", "suggest" },
  };
  g_autoptr(CoCliRun) top = run (fixture, "--help", NULL);

  co_test_cli_assert_exit (top, CO_CLI_EXIT_OK);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", commands[i][0], commands[i][1]);
      g_autoptr(CoCliRun) one = run (fixture, commands[i][0], commands[i][1], "--help", NULL);

      g_assert_nonnull (strstr (top->out, line));
      co_test_cli_assert_exit (one, CO_CLI_EXIT_OK);
      g_assert_nonnull (strstr (one->out, "--json"));
      g_assert_nonnull (strstr (one->out, "Exit status"));
    }
}

static void
test_new_show_list (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = new_draft (fixture, "Studio tour", "x");
  g_autoptr(CoCliRun) show = run (fixture, "drafts", "show", "1", "--json", NULL);
  g_autoptr(CoCliRun) text = run (fixture, "drafts", "show", "#1", NULL);
  g_autoptr(CoCliRun) all = run (fixture, "drafts", "list", "--json", NULL);
  g_autoptr(CoCliRun) saved = run (fixture, "drafts", "list", "--stage", "saved", "--json", NULL);
  g_autoptr(CoCliRun) found = run (fixture, "drafts", "list", "--search", "TOUR", "--platform",
                                   "x", "--json", NULL);
  JsonObject *draft = json_ok (show);
  JsonObject *history, *format, *variant;

  g_assert_cmpint (id, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (draft, "stage"), ==, "draft");
  variant = json_array_get_object_element (json_object_get_array_member (draft, "variants"), 0);
  g_assert_cmpstr (json_object_get_string_member (variant, "platform"), ==, "x");
  g_assert_true (json_object_get_boolean_member (variant, "valid"));
  history = json_array_get_object_element (json_object_get_array_member (draft, "history"), 0);
  g_assert_true (json_object_get_null_member (history, "from"));
  g_assert_cmpstr (json_object_get_string_member (history, "to"), ==, "draft");
  g_assert_nonnull (strstr (json_object_get_string_member (history, "actor"), "command line"));
  format = json_array_get_object_element (json_object_get_array_member (draft, "formats"), 0);
  g_assert_false (json_object_get_boolean_member (format, "has_video"));
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "Studio tour"));
  g_assert_nonnull (strstr (text->out, "X video:"));
  g_assert_cmpint (json_array_get_length (json_node_get_array (co_test_cli_assert_json (all, 0))),
                   ==, 1);
  g_assert_cmpint (json_array_get_length (json_node_get_array (co_test_cli_assert_json (saved,
                                                                                        0))),
                   ==, 0);
  g_assert_cmpint (json_array_get_length (json_node_get_array (co_test_cli_assert_json (found,
                                                                                        0))),
                   ==, 1);
}

/* Nothing a terminal would act on: no escape, no bell, no carriage return;
 * the lines and tabs of a body stay. */
static void
assert_no_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 && *p != '\n' && *p != '\t')
        g_error ("control character 0x%02x in the output: %s", (guchar)*p, text);
    }
}

/* Issue 11 (item 10): titles and bodies are text from outside, and text
 * output writes their control characters out; JSON keeps them as they are. */
static void
test_escaped_text (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *title = "evil\x1b[31m\nred";
  gint64 id = new_draft (fixture, title, "x");
  g_autoptr(CoCliRun) edit = run (fixture, "drafts", "edit", "1", "--body",
                                  "one\x1b[2J\ttwo\nthree\r", NULL);
  g_autoptr(CoCliRun) show = run (fixture, "drafts", "show", "1", NULL);
  g_autoptr(CoCliRun) list = run (fixture, "drafts", "list", NULL);
  g_autoptr(CoCliRun) json = run (fixture, "drafts", "show", "1", "--json", NULL);

  g_assert_cmpint (id, ==, 1);
  co_test_cli_assert_exit (edit, CO_CLI_EXIT_OK);
  co_test_cli_assert_exit (show, CO_CLI_EXIT_OK);
  assert_no_controls (edit->out);
  assert_no_controls (show->out);
  g_assert_nonnull (strstr (show->out, "evil\\x1b[31m\\nred\n"));
  /* A body keeps its lines and tabs. */
  g_assert_nonnull (strstr (show->out, "one\\x1b[2J\ttwo\nthree\\r\n"));
  co_test_cli_assert_exit (list, CO_CLI_EXIT_OK);
  assert_no_controls (list->out);
  g_assert_nonnull (strstr (list->out, "evil\\x1b[31m\\nred"));
  g_assert_cmpstr (json_object_get_string_member (json_ok (json), "title"), ==, title);
}

static JsonObject *
entry_json (CoCliRun *result)
{
  return json_ok (result);
}

/* A week of posts from the command line: new, target, schedule, publish,
 * then read-only, and repurposed. */
static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 id = new_draft (fixture, "Launch", "x");
  g_autoptr(CoCliRun) variant = run (fixture, "drafts", "variant", "1", "linkedin", "--body",
                                     "Long form for LinkedIn.", "--json", NULL);
  g_autoptr(CoCliRun) on_x = run (fixture, "schedule", "add", "1", "--platform", "x", "--at",
                                  "2035-06-01T09:00:00+02:00", "--json", NULL);
  g_autoptr(CoCliRun) on_linkedin = run (fixture, "schedule", "add", "1", "--platform",
                                         "linkedin", "--at", "2035-06-01 09:00", "--tz",
                                         "America/New_York", "--json", NULL);
  g_autoptr(CoCliRun) scheduled = run (fixture, "drafts", "move", "1", "scheduled", "--json",
                                       NULL);
  g_autoptr(CoCliRun) cancel = run (fixture, "schedule", "cancel", "1", "--platform", "x",
                                    "--json", NULL);
  JsonObject *entry;

  g_assert_cmpint (id, ==, 1);
  co_test_cli_assert_exit (variant, CO_CLI_EXIT_OK);
  entry = entry_json (on_x);
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2035-06-01T07:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (entry, "reading"), ==, "exact");
  entry = entry_json (on_linkedin);
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2035-06-01T13:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (entry, "local"), ==,
                   "2035-06-01T09:00:00-04:00");
  g_assert_cmpstr (json_object_get_string_member (entry, "zone"), ==, "America/New_York");
  g_assert_cmpstr (json_object_get_string_member (json_ok (scheduled), "stage"), ==, "scheduled");
  assert_failed (cancel, CO_CLI_EXIT_INVALID, "co-schedule-error-quark", 6, "Scheduled");
}

static void
publish (Fixture *fixture)
{
  const char *platforms[] = { "x", "linkedin" };

  for (gsize i = 0; i < G_N_ELEMENTS (platforms); i++)
    {
      g_autoptr(CoCliRun) posted = run (fixture, "drafts", "variant", "1", platforms[i],
                                        "--post-id", "77", "--post-url", "https://example.com/77",
                                        "--published-at", "2035-06-01 09:01", "--tz",
                                        "Europe/Berlin", NULL);
      co_test_cli_assert_exit (posted, CO_CLI_EXIT_OK);
    }
}

static void
test_published (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  test_lifecycle (fixture, data);
  publish (fixture);
  {
    g_autoptr(CoCliRun) published = run (fixture, "drafts", "move", "1", "published", "--json",
                                         NULL);
    JsonObject *draft = json_ok (published);

    g_assert_cmpstr (json_object_get_string_member (draft, "stage"), ==, "published");
    g_assert_true (json_object_get_boolean_member (draft, "read_only"));
  }
  before = library_state (fixture);
  {
    g_autoptr(CoCliRun) edit = run (fixture, "drafts", "edit", "1", "--title", "Changed",
                                    "--json", NULL);
    g_autoptr(CoCliRun) remove = run (fixture, "drafts", "delete", "1", "--json", NULL);
    g_autoptr(CoCliRun) again = run (fixture, "schedule", "move", "1", "--platform", "x", "--at",
                                     "2036-01-01T10:00Z", "--json", NULL);

    assert_failed (edit, CO_CLI_EXIT_INVALID, "co-draft-error-quark", 4, "published");
    assert_failed (remove, CO_CLI_EXIT_INVALID, "co-draft-error-quark", 4, "published");
    assert_failed (again, CO_CLI_EXIT_INVALID, "co-draft-error-quark", 4, "published");
  }
  after = library_state (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_repurpose (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoCliRun) copy = NULL;
  g_autoptr(CoCliRun) month = NULL;
  JsonObject *result;

  test_lifecycle (fixture, data);
  copy = run (fixture, "drafts", "repurpose", "1", "youtube", "--json", NULL);
  result = json_ok (copy);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "draft"),
                                                  "stage"), ==, "saved");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result, "draft"),
                                               "origin_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result,
                                                                                 "format"),
                                                  "platform"), ==, "youtube");
  month = run (fixture, "schedule", "list", "--month", "2035-06", "--json", NULL);
  g_assert_cmpint (json_array_get_length (json_node_get_array (co_test_cli_assert_json (month,
                                                                                        0))),
                   ==, 2);
}

typedef struct
{
  const char *args[12];
  int         exit;
  const char *domain;
  int         code;
  const char *named;
} BadCase;

/* Bad input gets a clear error that names it, and changes nothing. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *not_utf8 = co_test_write_file (fixture->dir, "body.txt", "caf\xc3 au lait",
                                                  -1);
  g_autofree char *nul = co_test_write_file (fixture->dir, "nul.txt", "first\nsec\0ond\n", 13);
  g_autofree char *huge_text = g_strnfill (CO_PROBE_MAX_NOTE_SIZE + 1, 'a');
  g_autofree char *huge = co_test_write_file (fixture->dir, "huge.txt", huge_text, -1);
  g_autofree char *folder = g_build_filename (fixture->dir, "bodies", NULL);
  g_autofree char *fifo = g_build_filename (fixture->dir, "live.txt", NULL);
  /* Issue 11: bodies are read as notes are, through the bounded reader: a
   * pipe must not hang the command, nor a NUL byte cut the text short. */
  const BadCase cases[] = {
    { { "drafts", "new", "--title", "T", "--body-file", nul }, 4, "co-file-error-quark", 4,
      "line 2 holds a NUL byte" },
    { { "drafts", "new", "--title", "T", "--body-file", huge }, 4, "co-file-error-quark", 2,
      "huge.txt" },
    { { "drafts", "edit", "1", "--body-file", folder }, 4, "co-file-error-quark", 1,
      "is a folder" },
    { { "drafts", "edit", "1", "--body-file", fifo }, 4, "co-file-error-quark", 1, "is a pipe" },
    { { "drafts", "new", "--platform", "myspace" }, 4, "co-platform-error-quark", 0, "myspace" },
    { { "schedule", "add", "1", "--platform", "tiktok", "--at", "2035-01-01T00:00Z" }, 4,
      "co-platform-error-quark", 0, "tiktok" },
    { { "drafts", "new", "--stage", "draft", "--title", "", "--body", "b" }, 4,
      "co-draft-error-quark", 3, "title" },
    { { "drafts", "edit", "1", "--body", "  " }, 4, "co-draft-error-quark", 3, "body is empty" },
    { { "drafts", "new", "--title", "T", "--body-file", not_utf8 }, 4, "co-file-error-quark", 4,
      "UTF-8" },
    { { "drafts", "edit", "1", "--title", "caf\xc3" }, 4, "co-draft-error-quark", 1, "draft 1" },
    { { "schedule", "add", "1", "--platform", "x", "--at", "2035-03-25 02:30", "--tz",
        "Europe/Berlin" }, 4, "co-schedule-error-quark", 3, "2035-03-25 02:30" },
    { { "schedule", "add", "1", "--platform", "x", "--at", "2020-01-01T00:00Z" }, 4,
      "co-schedule-error-quark", 4, "past" },
    { { "schedule", "add", "1", "--platform", "x", "--at", "soon" }, 2,
      "co-schedule-error-quark", 1, "soon" },
    { { "schedule", "add", "1", "--platform", "x", "--at", "2035-01-01 10:00", "--tz",
        "Mars/Base" }, 4, "co-schedule-error-quark", 2, "Mars/Base" },
    { { "schedule", "add", "1", "--platform", "linkedin", "--at", "2035-01-01T10:00Z" }, 4,
      "co-schedule-error-quark", 7, "LinkedIn" },
    { { "drafts", "show", "999" }, 3, "co-draft-error-quark", 0, "999" },
    { { "drafts", "move", "999", "draft" }, 3, "co-draft-error-quark", 0, "999" },
    { { "schedule", "add", "999", "--platform", "x", "--at", "2035-01-01T10:00Z" }, 3,
      "co-draft-error-quark", 0, "999" },
    { { "schedule", "cancel", "1", "--platform", "x" }, 3, "co-schedule-error-quark", 0, "X" },
    { { "drafts", "move", "1", "published" }, 4, "co-draft-error-quark", 2, "one stage" },
    { { "drafts", "move", "1", "scheduled" }, 4, "co-draft-error-quark", 3, "X has no time" },
    { { "drafts", "move", "1", "archived" }, 4, "co-draft-error-quark", 1, "archived" },
    { { "drafts", "link", "1", "--file", "xyz" }, 4, "co-draft-error-quark", 1, "xyz" },
  };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_errno (g_mkdir (folder, 0700));
  g_assert_no_errno (mkfifo (fifo, 0600));
  new_draft (fixture, "Post", "x");
  before = library_state (fixture);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      CoCliOptions options = { fixture->data_dir, FALSE, NULL, NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(CoCliRun) result = NULL;

      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer)cases[i].args[a]);
      g_ptr_array_add (args, "--json");
      g_ptr_array_add (args, NULL);
      process = co_test_cli_spawn (&options, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                   (const char * const *)args->pdata);
      result = co_test_cli_finish (process, NULL);
      g_test_message ("case %zu", i);
      assert_failed (result, cases[i].exit, cases[i].domain, cases[i].code, cases[i].named);
    }
  after = library_state (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const char *cases[][8] = {
    { "drafts", "move", "1" }, { "drafts", "show" }, { "drafts", "show", "abc" },
    { "drafts", "show", "1", "2" }, { "drafts", "edit", "1" }, { "drafts", "link", "1" },
    { "drafts", "new", "extra" }, { "drafts", "list", "--sort", "size" },
    { "schedule", "add", "1", "--platform", "x" }, { "schedule", "add", "1", "--at", "x" },
    { "schedule", "list", "--month", "2035-13" }, { "schedule", "suggest", "--count", "0",
                                                     "--platform", "x" },
    { "drafts", "variant", "1", "x", "--remove", "--body" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CoCliOptions options = { fixture->data_dir, FALSE, NULL, NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(CoCliRun) result = NULL;

      process = co_test_cli_spawn (&options, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE, cases[i]);
      result = co_test_cli_finish (process, NULL);
      g_test_message ("case %zu: %s", i, result->err);
      co_test_cli_assert_exit (result, CO_CLI_EXIT_USAGE);
      g_assert_nonnull (strstr (result->err, "--help"));
    }
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CoCliRun) note = run (fixture, "vault", "note", "Film", "the", "sunrise", "--json",
                                  NULL);
  g_autofree char *note_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JsonArray *items;

  new_draft (fixture, "Sunrise", "instagram");
  note_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (json_ok (note),
                                                                              "id"));
  before = library_state (fixture);
  {
    g_autoptr(CoCliRun) bad = run (fixture, "drafts", "link", "1", "--item", note_id, "--item",
                                   "9999", "--json", NULL);
    assert_failed (bad, CO_CLI_EXIT_NOT_FOUND, "co-vault-error-quark", 0, "9999");
  }
  after = library_state (fixture);
  g_assert_cmpstr (before, ==, after);
  {
    g_autoptr(CoCliRun) linked = run (fixture, "drafts", "link", "1", "--item", note_id, "--json",
                                      NULL);
    g_autoptr(CoCliRun) unlinked = run (fixture, "drafts", "link", "1", "--item", note_id,
                                        "--remove", "--json", NULL);

    items = json_object_get_array_member (json_ok (linked), "items");
    g_assert_cmpint (json_array_get_length (items), ==, 1);
    items = json_object_get_array_member (json_ok (unlinked), "items");
    g_assert_cmpint (json_array_get_length (items), ==, 0);
  }
}

/* A conflict exits 4 and gives the nearest free times as JSON too. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CoCliRun) first = NULL;
  g_autoptr(CoCliRun) second = NULL;
  JsonArray *suggestions;
  const char *expected[] = { "2035-06-01T12:05:00Z", "2035-06-01T11:55:00Z",
                             "2035-06-01T12:10:00Z" };

  new_draft (fixture, "A", "x");
  new_draft (fixture, "B", "x");
  first = run (fixture, "schedule", "add", "1", "--platform", "x", "--at", "2035-06-01T12:00Z",
               NULL);
  co_test_cli_assert_exit (first, CO_CLI_EXIT_OK);
  second = run (fixture, "schedule", "add", "2", "--platform", "x", "--at",
                "2035-06-01T14:02+02:00", "--json", NULL);
  assert_failed (second, CO_CLI_EXIT_INVALID, "co-schedule-error-quark", 5, "draft 1");
  suggestions = json_object_get_array_member (json_node_get_object (second->json), "suggestions");
  g_assert_cmpint (json_array_get_length (suggestions), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (suggestions,
                                                                                   i), "at"),
                     ==, expected[i]);
}

/* The hour Berlin repeats on 28 October 2035, read either way. */
static void
test_repeated_hour (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CoCliRun) first = NULL;
  g_autoptr(CoCliRun) second = NULL;
  g_autoptr(CoCliRun) local = NULL;
  JsonObject *entry;

  new_draft (fixture, "A", "x");
  new_draft (fixture, "B", "x");
  new_draft (fixture, "C", "instagram");
  first = run (fixture, "schedule", "add", "1", "--platform", "x", "--at", "2035-10-28 02:30",
               "--tz", "Europe/Berlin", "--json", NULL);
  second = run (fixture, "schedule", "add", "2", "--platform", "x", "--at", "2035-10-28 02:30",
                "--tz", "Europe/Berlin", "--later", "--json", NULL);
  entry = json_ok (first);
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2035-10-28T00:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (entry, "reading"), ==, "earlier");
  g_assert_nonnull (strstr (json_object_get_string_member (entry, "note"), "took the first"));
  entry = json_ok (second);
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2035-10-28T01:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (entry, "reading"), ==, "later");
  /* Without --tz, local time is the zone of the environment. */
  local = run_env (fixture, "TZ=Asia/Tokyo", "schedule", "add", "3", "--platform", "instagram",
                   "--at", "2035-10-28 09:00", "--json", NULL);
  entry = json_ok (local);
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2035-10-28T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (entry, "local"), ==,
                   "2035-10-28T09:00:00+09:00");
}

static void
test_suggest (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CoCliRun) result = run (fixture, "schedule", "suggest", "--platform", "instagram",
                                    "--tz", "Asia/Tokyo", "--count", "3", "--json", NULL);
  g_autoptr(CoCliRun) text = run (fixture, "schedule", "suggest", "--platform", "x", NULL);
  JsonObject *object = json_ok (result);
  JsonArray *suggestions = json_object_get_array_member (object, "suggestions");

  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "defaults");
  g_assert_cmpint (json_array_get_length (suggestions), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (g_str_has_suffix (json_object_get_string_member (
                                       json_array_get_object_element (suggestions, i), "local"),
                                     "+09:00"));
  co_test_cli_assert_exit (text, CO_CLI_EXIT_OK);
  g_assert_nonnull (strstr (text->out, "default times"));
}

#define CLI_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  CLI_TEST ("/cli/drafts/help", test_help);
  CLI_TEST ("/cli/drafts/new-show-list", test_new_show_list);
  CLI_TEST ("/cli/drafts/lifecycle", test_lifecycle);
  CLI_TEST ("/cli/drafts/published", test_published);
  CLI_TEST ("/cli/drafts/repurpose", test_repurpose);
  CLI_TEST ("/cli/drafts/bad-input", test_bad_input);
  CLI_TEST ("/cli/drafts/usage", test_usage);
  CLI_TEST ("/cli/drafts/links", test_links);
  CLI_TEST ("/cli/drafts/escaped-text", test_escaped_text);
  CLI_TEST ("/cli/schedule/conflict", test_conflict);
  CLI_TEST ("/cli/schedule/repeated-hour", test_repeated_hour);
  CLI_TEST ("/cli/schedule/suggest", test_suggest);

  return g_test_run ();
}
