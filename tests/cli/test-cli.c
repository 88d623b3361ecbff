/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cli.h"
#include "co-export-error.h"
#include "co-file-error.h"
#include "co-media-error.h"
#include "co-speech-error.h"
#include "co-store-error.h"
#include "co-subtitle-error.h"
#include "co-sync-error.h"
#include "co-test-util.h"
#include "co-vault-error.h"

/* The helpers behind the command line: argument formats and the one table
 * that maps errors to exit codes. */

static void
test_parse_size (void)
{
  const struct
  {
    const char *text;
    gint64      bytes;
  } good[] = {
    { "1024", 1024 },
    { "50G", G_GINT64_CONSTANT (50) << 30 },
    { "50g", G_GINT64_CONSTANT (50) << 30 },
    { "1.5 GiB", (G_GINT64_CONSTANT (3) << 30) / 2 },
    { "700MB", G_GINT64_CONSTANT (700) << 20 },
    { "2T", G_GINT64_CONSTANT (2) << 40 },
    { "10K", 10240 },
    { "5B", 5 },
  };
  const char *bad[] = { "", "G", "-1", "1Q", "nan", "inf", " 5", "5 G B", "99999999999T" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 bytes = -1;

      g_assert_true (co_cli_parse_size (good[i].text, &bytes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (bytes, ==, good[i].bytes);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 bytes = -1;

      g_assert_false (co_cli_parse_size (bad[i], &bytes, &error));
      g_assert_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE);
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_assert_cmpint (co_cli_exit_for_error (error), ==, CO_CLI_EXIT_USAGE);
    }
}

static void
test_parse_date (void)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_local (2024, 5, 1, 0, 0, 0);
  const char *bad[] = { "2024-02-30", "2024-13-01", "yesterday", "2024-5-1", "", "2024-05-01T" };
  g_autoptr(GError) error = NULL;
  gint64 usec = 0;

  g_assert_true (co_cli_parse_date ("2024-05-01", &usec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (usec, ==, g_date_time_to_unix (midnight) * G_USEC_PER_SEC);

  g_assert_true (co_cli_parse_date ("2024-05-01T12:30:00Z", &usec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (usec, ==, G_GINT64_CONSTANT (1714566600) * G_USEC_PER_SEC);
  g_assert_true (co_cli_parse_date ("2024-05-01T14:30:00.250+02:00", &usec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (usec, ==, G_GINT64_CONSTANT (1714566600) * G_USEC_PER_SEC + 250000);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_assert_false (co_cli_parse_date (bad[i], &usec, &local_error));
      g_assert_error (local_error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE);
    }
}

static void
test_parse_id (void)
{
  const char *bad[] = { "0", "-3", "1e3", "abc", "", "#", "12x", "99999999999999999999" };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (co_cli_parse_id ("12", &id, &error));
  g_assert_cmpint (id, ==, 12);
  g_assert_true (co_cli_parse_id ("#7", &id, &error));
  g_assert_cmpint (id, ==, 7);
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_assert_false (co_cli_parse_id (bad[i], &id, &local_error));
      g_assert_error (local_error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE);
    }
}

static void
test_format_duration (void)
{
  const struct
  {
    double      seconds;
    const char *text;
  } cases[] = {
    { 0, "0:00:00" }, { 2.4, "0:00:02" }, { 59.6, "0:01:00" }, { 3661, "1:01:01" },
    { 36000 + 59 * 60 + 59, "10:59:59" }, { -1, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = co_cli_format_duration (cases[i].seconds);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_exit_codes (void)
{
  const struct
  {
    GQuark domain;
    int    code;
    int    exit;
  } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, CO_CLI_EXIT_CANCELLED },
    { G_IO_ERROR, G_IO_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
    { G_IO_ERROR, G_IO_ERROR_FAILED, CO_CLI_EXIT_FAILED },
    { G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION, CO_CLI_EXIT_USAGE },
    { G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, CO_CLI_EXIT_USAGE },
    { CO_CLI_ERROR, CO_CLI_ERROR_USAGE, CO_CLI_EXIT_USAGE },
    { CO_CLI_ERROR, CO_CLI_ERROR_DAMAGED, CO_CLI_EXIT_DATABASE },
    { CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT, CO_CLI_EXIT_DATABASE },
    { CO_STORE_ERROR, CO_STORE_ERROR_TOO_NEW, CO_CLI_EXIT_DATABASE },
    { CO_STORE_ERROR, CO_STORE_ERROR_BUSY, CO_CLI_EXIT_DATABASE },
    { CO_STORE_ERROR, CO_STORE_ERROR_IO, CO_CLI_EXIT_DATABASE },
    { CO_STORE_ERROR, CO_STORE_ERROR_QUOTA, CO_CLI_EXIT_QUOTA },
    { CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
    { CO_VAULT_ERROR, CO_VAULT_ERROR_INVALID, CO_CLI_EXIT_INVALID },
    { CO_VAULT_ERROR, CO_VAULT_ERROR_BAD_QUERY, CO_CLI_EXIT_INVALID },
    { CO_VAULT_ERROR, CO_VAULT_ERROR_WRONG_STATE, CO_CLI_EXIT_INVALID },
    { CO_MEDIA_ERROR, CO_MEDIA_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
    { CO_MEDIA_ERROR, CO_MEDIA_ERROR_UNSUPPORTED, CO_CLI_EXIT_INVALID },
    { CO_MEDIA_ERROR, CO_MEDIA_ERROR_TRUNCATED, CO_CLI_EXIT_INVALID },
    { CO_MEDIA_ERROR, CO_MEDIA_ERROR_CORRUPT, CO_CLI_EXIT_INVALID },
    { CO_MEDIA_ERROR, CO_MEDIA_ERROR_MISSING_PLUGIN, CO_CLI_EXIT_FAILED },
    { CO_MEDIA_ERROR, CO_MEDIA_ERROR_SPEECH_MODEL, CO_CLI_EXIT_FAILED },
    { CO_MEDIA_ERROR, CO_MEDIA_ERROR_TOO_MANY_PIXELS, CO_CLI_EXIT_INVALID },
    { CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE, CO_CLI_EXIT_FAILED },
    /* The domains and codes that moved keep the exit codes they had. */
    { CO_CLI_ERROR, CO_CLI_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
    { CO_CLI_ERROR, CO_CLI_ERROR_EXISTS, CO_CLI_EXIT_EXISTS },
    { CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
    { CO_FILE_ERROR, CO_FILE_ERROR_NOT_REGULAR, CO_CLI_EXIT_INVALID },
    { CO_FILE_ERROR, CO_FILE_ERROR_UNREADABLE, CO_CLI_EXIT_INVALID },
    { CO_FILE_ERROR, CO_FILE_ERROR_TOO_LARGE, CO_CLI_EXIT_INVALID },
    { CO_FILE_ERROR, CO_FILE_ERROR_NOT_TEXT, CO_CLI_EXIT_INVALID },
    { CO_SPEECH_ERROR, CO_SPEECH_ERROR_MODEL, CO_CLI_EXIT_FAILED },
    { CO_SPEECH_ERROR, CO_SPEECH_ERROR_UNAVAILABLE, CO_CLI_EXIT_FAILED },
    { CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_PARSE, CO_CLI_EXIT_INVALID },
    { CO_SUBTITLE_ERROR, CO_SUBTITLE_ERROR_DAMAGED, CO_CLI_EXIT_FAILED },
    { CO_EXPORT_ERROR, CO_EXPORT_ERROR_EXISTS, CO_CLI_EXIT_EXISTS },
    { CO_EXPORT_ERROR, CO_EXPORT_ERROR_IO, CO_CLI_EXIT_FAILED },
    { CO_EXPORT_ERROR, CO_EXPORT_ERROR_PARSE, CO_CLI_EXIT_INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");
      g_assert_cmpint (co_cli_exit_for_error (error), ==, cases[i].exit);
    }

  g_assert_cmpint (co_cli_batch_exit (3, 0, CO_CLI_EXIT_OK), ==, CO_CLI_EXIT_OK);
  g_assert_cmpint (co_cli_batch_exit (2, 1, CO_CLI_EXIT_INVALID), ==, CO_CLI_EXIT_PARTIAL);
  g_assert_cmpint (co_cli_batch_exit (0, 2, CO_CLI_EXIT_INVALID), ==, CO_CLI_EXIT_INVALID);
}

/* The help text is written from the enum, so every code appears in it. */
static void
test_exit_help (void)
{
  g_autofree char *help = co_cli_dup_exit_help ();
  const int codes[] = { CO_CLI_EXIT_OK, CO_CLI_EXIT_FAILED, CO_CLI_EXIT_USAGE,
                        CO_CLI_EXIT_NOT_FOUND, CO_CLI_EXIT_INVALID, CO_CLI_EXIT_DATABASE,
                        CO_CLI_EXIT_PARTIAL, CO_CLI_EXIT_QUOTA, CO_CLI_EXIT_CANCELLED };

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n  %-5d", codes[i]);
      g_assert_nonnull (strstr (help, line));
    }
}

/* Adds to @names every error quark a source file under @dir defines. */
static void
scan_quark_definitions (const char *dir,
                        GPtrArray  *names)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("(CO_DEFINE_ERROR_QUARK|G_DEFINE_QUARK) \\((co-[a-z-]+"
                                         "-error-quark),", 0, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          scan_quark_definitions (path, names);
          continue;
        }
      if (!g_str_has_suffix (name, ".c") || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match);
           g_match_info_next (match, NULL))
        {
          g_autofree char *macro = g_match_info_fetch (match, 1);
          char *quark = g_match_info_fetch (match, 2);

          g_test_message ("%s defines %s", path, quark);
          if (g_str_equal (macro, "G_DEFINE_QUARK"))
            g_error ("%s: define error domains with CO_DEFINE_ERROR_QUARK (co-error.h), "
                     "so that they are registered", path);
          g_ptr_array_add (names, quark);
        }
    }
}

/* Every domain defined in src/ is one the command line knows. */
static void
assert_all_domains_registered (void)
{
  g_autofree char *src = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "src", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  scan_quark_definitions (src, names);
  g_assert_cmpuint (names->len, >=, 10);
  for (guint i = 0; i < names->len; i++)
    {
      GQuark domain = g_quark_try_string (names->pdata[i]);

      if (domain == 0 || co_error_get_codes_type (domain) == G_TYPE_INVALID)
        g_error ("%s is defined but not registered: give it a rule in the exit table of "
                 "src/cli/co-cli.c and rows in src/core/errors/co-error.c",
                 (char *) names->pdata[i]);
    }
}

static void
assert_codes_covered (GQuark domain)
{
  GEnumClass *codes = g_type_class_peek (co_error_get_codes_type (domain));

  g_assert_nonnull (codes);
  for (guint i = 0; i < codes->n_values; i++)
    {
      const GEnumValue *value = &codes->values[i];
      g_autoptr(GError) error = g_error_new_literal (domain, value->value, "test");

      g_test_message ("%s → exit %d, %s", value->value_name, co_cli_exit_for_error (error),
                      co_error_get_suggestion (error));
      if (!co_cli_exit_rule_exists (error))
        g_error ("%s has no rule in the exit table of src/cli/co-cli.c", value->value_name);
      if (co_error_get_suggestion (error) == NULL)
        g_error ("%s has no row in src/core/errors/co-error.c", value->value_name);
    }
}

/* Every code of every domain maps to an exit code and a suggestion, and every
 * row of the suggestion table names a code that exists.  The domains come
 * from the registry they fill themselves, and their codes from their enums,
 * so a new code or domain without its row or rule fails here. */
static void
test_every_error (void)
{
  g_autoptr(GArray) cli_domains = co_cli_list_error_domains ();
  g_autoptr(GArray) domains = co_error_list_domains ();
  g_autoptr(GPtrArray) unknown = NULL;
  guint n_codes = 0;

  assert_all_domains_registered ();
  g_assert_cmpuint (domains->len, >=, 10);
  for (guint i = 0; i < domains->len; i++)
    {
      GQuark domain = g_array_index (domains, GQuark, i);
      GEnumClass *codes = g_type_class_peek (co_error_get_codes_type (domain));

      assert_codes_covered (domain);
      n_codes += codes->n_values;
    }
  g_test_message ("%u domains, %u codes", domains->len, n_codes);
  unknown = co_error_list_unknown_rows ();
  for (guint i = 0; i < unknown->len; i++)
    g_test_message ("row of an unknown code: %s", (char *) unknown->pdata[i]);
  g_assert_cmpuint (unknown->len, ==, 0);
}

/* Issue 11: file names with newlines or escape sequences reached the
 * terminal raw.  Control characters and bytes that are not UTF-8 are
 * written out; printable text is left alone. */
static void
test_escape (void)
{
  const struct
  {
    const char *text;
    const char *shown;
    const char *lines;
  } cases[] = {
    { "plain café.mp4", "plain café.mp4", "plain café.mp4" },
    { "two\nlines", "two\\nlines", "two\nlines" },
    { "tab\there\r", "tab\\there\\r", "tab\there\\r" },
    { "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m", "\\x1b[31mred\\x1b[0m" },
    { "bell\x07 del\x7f", "bell\\x07 del\\x7f", "bell\\x07 del\\x7f" },
    { "csi\xc2\x9b" "2J", "csi\\u009b2J", "csi\\u009b2J" },
    { "latin1 \xe9t\xe9", "latin1 \\xe9t\\xe9", "latin1 \\xe9t\\xe9" },
    { "back\\slash", "back\\slash", "back\\slash" },
    { "", "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = co_cli_escape (cases[i].text);
      g_autofree char *lines = co_cli_escape_lines (cases[i].text);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpstr (lines, ==, cases[i].lines);
    }
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/cli/util/parse-size", test_parse_size);
  g_test_add_func ("/cli/util/parse-date", test_parse_date);
  g_test_add_func ("/cli/util/parse-id", test_parse_id);
  g_test_add_func ("/cli/util/format-duration", test_format_duration);
  g_test_add_func ("/cli/util/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/util/every-error", test_every_error);
  g_test_add_func ("/cli/util/exit-help", test_exit_help);
  g_test_add_func ("/cli/util/escape", test_escape);

  return g_test_run ();
}
