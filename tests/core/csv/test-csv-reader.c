/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-csv.h"
#include "co-csv-reader.h"
#include "co-test-util.h"

/*
 * The CSV reader: RFC 4180 records, malformed ones reported by line and
 * skipped without losing the next, hostile input read without a crash, and
 * whatever co_csv_append_row() writes read back as it was (a property test;
 * the seed is printed, CO_PROPERTY_SEED=<seed> replays).
 */

#define N_ROUNDS 300

static GPtrArray *
parse (const char *text)
{
  return co_csv_parse (text, strlen (text));
}

static const CoCsvRecord *
record (GPtrArray *records,
        guint      i)
{
  g_assert_cmpuint (i, <, records->len);
  return records->pdata[i];
}

static void
assert_fields (const CoCsvRecord *rec,
               guint              line,
               const char *const *fields)
{
  g_assert_null (rec->problem);
  g_assert_cmpuint (rec->line, ==, line);
  g_assert_cmpuint (rec->n_fields, ==, g_strv_length ((char **)fields));
  for (guint i = 0; i < rec->n_fields; i++)
    g_assert_cmpstr (rec->fields[i], ==, fields[i]);
}

/* Quotes, doubled quotes, CRLF and LF, embedded newlines, empty fields, a
 * BOM, blank lines, no final newline. */
static void
test_grammar (void)
{
  g_autoptr(GPtrArray) records =
    parse ("\xEF\xBB\xBF" "a,b,c\r\n"
           "\"x, y\",\"say \"\"hi\"\"\",\r\n"
           "\r\n"
           "\"two\r\nlines\",\"line\nfeed\",plain\n"
           ",,\n"
           "\"\",last");
  const char *first[] = { "a", "b", "c", NULL };
  const char *second[] = { "x, y", "say \"hi\"", "", NULL };
  const char *third[] = { "two\r\nlines", "line\nfeed", "plain", NULL };
  const char *fourth[] = { "", "", "", NULL };
  const char *fifth[] = { "", "last", NULL };

  g_assert_cmpuint (records->len, ==, 5);
  assert_fields (record (records, 0), 1, first);
  assert_fields (record (records, 1), 2, second);
  /* The blank line 3 is left out; the record of lines 4–6 starts on 4. */
  assert_fields (record (records, 2), 4, third);
  assert_fields (record (records, 3), 7, fourth);
  assert_fields (record (records, 4), 8, fifth);
}

/* Each malformed record says why and on which line, and the records after
 * it are read as if it were not there. */
static void
test_malformed (void)
{
  g_autoptr(GPtrArray) records =
    parse ("h1,h2\n"
           "ok,1\n"
           "\"closed\"junk,2\n"
           "in\"side,3\n"
           "bare\rcr,4\n"
           "ok,5\n"
           "\"never closed,6\nok,7\n");

  g_assert_cmpuint (records->len, ==, 7);
  g_assert_null (record (records, 1)->problem);
  g_assert_cmpuint (record (records, 2)->line, ==, 3);
  g_assert_nonnull (strstr (record (records, 2)->problem, "closing quote of field 1"));
  g_assert_cmpuint (record (records, 3)->line, ==, 4);
  g_assert_nonnull (strstr (record (records, 3)->problem, "double quote"));
  g_assert_cmpuint (record (records, 4)->line, ==, 5);
  g_assert_nonnull (strstr (record (records, 4)->problem, "carriage return"));
  g_assert_null (record (records, 5)->problem);
  g_assert_cmpuint (record (records, 5)->line, ==, 6);
  g_assert_cmpstr (record (records, 5)->fields[1], ==, "5");
  /* An unclosed quote runs to the end of the text, and says where it opened. */
  g_assert_cmpuint (record (records, 6)->line, ==, 7);
  g_assert_nonnull (strstr (record (records, 6)->problem, "never closed"));
}

static void
test_unclosed (void)
{
  g_autoptr(GPtrArray) records = parse ("h\n\"open\nmore\n");

  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpuint (record (records, 1)->line, ==, 2);
  g_assert_cmpstr (record (records, 1)->problem, ==,
                   "the quote that opens field 1 on line 2 is never closed");
}

/* A NUL byte inside the length, and more fields than allowed. */
static void
test_limits (void)
{
  static const char with_nul[] = "a,b\x00" "c\nd,e\n";
  g_autoptr(GPtrArray) nul = co_csv_parse (with_nul, sizeof with_nul - 1);
  g_autoptr(GString) wide = g_string_new (NULL);
  g_autoptr(GPtrArray) too_wide = NULL;

  g_assert_cmpuint (nul->len, ==, 2);
  g_assert_nonnull (strstr (record (nul, 0)->problem, "NUL"));
  g_assert_null (record (nul, 1)->problem);
  for (int i = 0; i < CO_CSV_MAX_FIELDS + 5; i++)
    g_string_append (wide, "x,");
  g_string_append (wide, "\nnext\n");
  too_wide = co_csv_parse (wide->str, wide->len);
  g_assert_cmpuint (too_wide->len, ==, 2);
  g_assert_cmpuint (record (too_wide, 0)->n_fields, ==, CO_CSV_MAX_FIELDS);
  g_assert_nonnull (strstr (record (too_wide, 0)->problem, "more than"));
  g_assert_cmpstr (record (too_wide, 1)->fields[0], ==, "next");
}

/* Columns are found by name, in any case and order; a missing required
 * one names the file and the column. */
static void
test_columns (void)
{
  g_autoptr(GPtrArray) records = parse (" Score ,NAME,extra\n");
  g_autoptr(GPtrArray) empty = parse ("");
  const char *names[] = { "name", "score", "observed_at" };
  const char *more[] = { "name", "kind" };
  g_autoptr(GError) error = NULL;
  int columns[3];

  g_assert_true (co_csv_find_columns (records->pdata[0], "t.csv", names, 3, 2, columns, &error));
  g_assert_no_error (error);
  g_assert_cmpint (columns[0], ==, 1);
  g_assert_cmpint (columns[1], ==, 0);
  g_assert_cmpint (columns[2], ==, -1);
  g_assert_cmpstr (co_csv_record_get (records->pdata[0], columns[2]), ==, "");
  g_assert_false (co_csv_find_columns (records->pdata[0], "t.csv", more, 2, 2, columns, &error));
  g_assert_error (error, CO_CSV_ERROR, CO_CSV_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "t.csv"));
  g_assert_nonnull (strstr (error->message, "kind"));
  g_clear_error (&error);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_false (co_csv_find_columns (NULL, "e.csv", names, 3, 2, columns, &error));
  g_assert_error (error, CO_CSV_ERROR, CO_CSV_ERROR_NO_HEADER);
}

static char *
random_field (GRand *rand)
{
  static const char *const pieces[] = { "a", "b", " ", ",", "\"", "\r", "\n", "ü", "€", "\t" };
  GString *field = g_string_new (NULL);
  int length = g_rand_int_range (rand, 0, 8);

  for (int i = 0; i < length; i++)
    g_string_append (field, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (field, FALSE);
}

/* Property: what the writer writes, the reader reads back field for field. */
static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (int round = 0; round < N_ROUNDS; round++)
    {
      int n_records = g_rand_int_range (rand, 1, 6);
      g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) records = NULL;

      for (int r = 0; r < n_records; r++)
        {
          int n_fields = g_rand_int_range (rand, 2, 5);
          char **fields = g_new0 (char *, n_fields + 1);

          for (int f = 0; f < n_fields; f++)
            fields[f] = random_field (rand);
          co_csv_append_row (text, (const char *const *)fields, n_fields);
          g_ptr_array_add (written, fields);
        }
      records = co_csv_parse (text->str, text->len);
      g_assert_cmpuint (records->len, ==, written->len);
      for (guint r = 0; r < records->len; r++)
        assert_fields (records->pdata[r], ((CoCsvRecord *)records->pdata[r])->line,
                       written->pdata[r]);
    }
}

/* Property: random bytes from CSV's alphabet never crash the reader, lines
 * only go forward, and every record has at least one field. */
static void
test_hostile (void)
{
  static const char bytes[] = ",\"\r\na\x00";
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (int round = 0; round < N_ROUNDS; round++)
    {
      int length = g_rand_int_range (rand, 0, 64);
      g_autofree char *text = g_malloc (length + 1);
      g_autoptr(GPtrArray) records = NULL;
      guint line = 0, n_lines = 1;

      for (int i = 0; i < length; i++)
        {
          text[i] = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
          n_lines += text[i] == '\n';
        }
      records = co_csv_parse (text, length);
      for (guint r = 0; r < records->len; r++)
        {
          const CoCsvRecord *rec = records->pdata[r];

          g_assert_cmpuint (rec->line, >, line);
          g_assert_cmpuint (rec->line, <=, n_lines);
          g_assert_cmpuint (rec->n_fields, >=, 1);
          line = rec->line;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/csv/read/grammar", test_grammar);
  g_test_add_func ("/core/csv/read/malformed", test_malformed);
  g_test_add_func ("/core/csv/read/unclosed", test_unclosed);
  g_test_add_func ("/core/csv/read/limits", test_limits);
  g_test_add_func ("/core/csv/read/columns", test_columns);
  g_test_add_func ("/core/csv/read/round-trip", test_round_trip);
  g_test_add_func ("/core/csv/read/hostile", test_hostile);
  return g_test_run ();
}
