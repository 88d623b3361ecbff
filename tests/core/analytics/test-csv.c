/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-csv.h"
#include "co-test-util.h"

static char *
row (const char *const *fields,
     gsize              n_fields)
{
  GString *out = g_string_new (NULL);

  co_csv_append_row (out, fields, n_fields);
  return g_string_free (out, FALSE);
}

/* Only the fields that need quotes get them (RFC 4180, 2.5–2.7). */
static void
test_quoting (void)
{
  static const struct
  {
    const char *field;
    const char *written;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\r\nlines", "\"two\r\nlines\"" },
    { "line\nfeed", "\"line\nfeed\"" },
    { " padded", "\" padded\"" },
    { "padded ", "\"padded \"" },
    { "in side", "in side" },
    { "Grüße 👋", "Grüße 👋" },
    { "=1+1", "=1+1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      co_csv_append_field (out, cases[i].field);
      g_assert_cmpstr (out->str, ==, cases[i].written);
    }
}

/* Records end with CRLF; NULL is an empty field; no fields is an empty line. */
static void
test_rows (void)
{
  const char *fields[] = { "x", NULL, "a,b", "" };
  g_autofree char *four = row (fields, G_N_ELEMENTS (fields));
  g_autofree char *none = row (NULL, 0);

  g_assert_cmpstr (four, ==, "x,,\"a,b\",\r\n");
  g_assert_cmpstr (none, ==, "\r\n");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_test_add_func ("/core/csv/quoting", test_quoting);
  g_test_add_func ("/core/csv/rows", test_rows);
  return g_test_run ();
}
