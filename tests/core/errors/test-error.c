/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "co-error.h"
#include "co-file-error.h"
#include "co-store-error.h"
#include "co-test-util.h"

/* The registry of error domains and the table of retry hints and
 * suggestions.  That every code of every domain has its row is checked in
 * tests/cli, where every layer is linked. */

typedef enum
{
  TEST_ERROR_ONE,
  TEST_ERROR_TWO,
} TestError;

static GType
test_error_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { TEST_ERROR_ONE, "TEST_ERROR_ONE", "one" },
    { TEST_ERROR_TWO, "TEST_ERROR_TWO", "two" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("TestError", values));
  return type;
}

CO_DEFINE_ERROR_QUARK (co-test-error-quark, test_error, test_error_get_type ())

static gboolean
contains (GArray *domains,
          GQuark  domain)
{
  for (guint i = 0; i < domains->len; i++)
    {
      if (g_array_index (domains, GQuark, i) == domain)
        return TRUE;
    }
  return FALSE;
}

/* A domain is registered by its first use, with the type of its codes. */
static void
test_register (void)
{
  GQuark domain = g_quark_try_string ("co-test-error-quark");
  GQuark store = co_store_error_quark ();
  GQuark file = co_file_error_quark ();
  g_autoptr(GArray) before = co_error_list_domains ();
  g_autoptr(GArray) after = NULL;

  g_assert_true (domain == 0 || !contains (before, domain));
  domain = test_error_quark ();
  g_assert_cmpstr (g_quark_to_string (domain), ==, "co-test-error-quark");
  g_assert_true (co_error_get_codes_type (domain) == test_error_get_type ());
  /* Registering twice changes nothing. */
  co_error_register_domain (domain, test_error_get_type ());
  after = co_error_list_domains ();
  g_assert_true (contains (after, domain));
  g_assert_true (contains (after, store));
  g_assert_true (contains (after, file));
  for (guint i = 1; i < after->len; i++)
    g_assert_cmpstr (g_quark_to_string (g_array_index (after, GQuark, i - 1)), <,
                     g_quark_to_string (g_array_index (after, GQuark, i)));
  g_assert_true (co_error_get_codes_type (g_quark_from_static_string ("nobody")) ==
                 G_TYPE_INVALID);
}

static void
test_suggestions (void)
{
  g_autoptr(GError) io = g_error_new_literal (CO_STORE_ERROR, CO_STORE_ERROR_IO, "x");
  g_autoptr(GError) corrupt = g_error_new_literal (CO_STORE_ERROR, CO_STORE_ERROR_CORRUPT, "x");
  g_autoptr(GError) missing = g_error_new_literal (CO_FILE_ERROR, CO_FILE_ERROR_NOT_FOUND, "x");
  g_autoptr(GError) no_code = g_error_new_literal (CO_STORE_ERROR, 999, "x");
  g_autoptr(GError) no_row = g_error_new_literal (test_error_quark (), TEST_ERROR_TWO, "x");
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

  g_assert_cmpstr (co_error_get_suggestion (io), ==, "Check the disk and try again.");
  g_assert_true (co_error_is_retryable (io));
  g_assert_nonnull (co_error_get_suggestion (corrupt));
  g_assert_false (co_error_is_retryable (corrupt));
  g_assert_cmpstr (co_error_get_suggestion (missing), ==, "Check the file name.");
  g_assert_null (co_error_get_suggestion (no_code));
  g_assert_false (co_error_is_retryable (no_code));
  g_assert_null (co_error_get_suggestion (no_row));
  g_assert_null (co_error_get_suggestion (timeout));
  g_assert_true (co_error_is_retryable (timeout));
  g_assert_true (co_error_is_cancelled (cancelled));
  g_assert_false (co_error_is_cancelled (timeout));
  g_assert_false (co_error_is_cancelled (NULL));
}

/* In core alone the rows of the layers above name codes nobody registered;
 * the rows of core's own domains all resolve. */
static void
test_unknown_rows (void)
{
  g_autoptr(GPtrArray) unknown = NULL;

  co_store_error_quark ();
  co_file_error_quark ();
  unknown = co_error_list_unknown_rows ();
  g_assert_cmpuint (unknown->len, >, 0);
  for (guint i = 0; i < unknown->len; i++)
    {
      g_assert_false (g_str_has_prefix (unknown->pdata[i], "CO_STORE_ERROR_"));
      g_assert_false (g_str_has_prefix (unknown->pdata[i], "CO_FILE_ERROR_"));
    }
}

int
main (int    argc,
      char **argv)
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/error/register", test_register);
  g_test_add_func ("/core/error/suggestions", test_suggestions);
  g_test_add_func ("/core/error/unknown-rows", test_unknown_rows);

  return g_test_run ();
}
