/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-money.h"
#include "co-test-util.h"

/* Money in minor units: exponents, exact reading and writing, splitting. */

static void
test_exponents (void)
{
  g_assert_cmpint (co_currency_exponent ("JPY"), ==, 0);
  g_assert_cmpint (co_currency_exponent ("KRW"), ==, 0);
  g_assert_cmpint (co_currency_exponent ("USD"), ==, 2);
  g_assert_cmpint (co_currency_exponent ("EUR"), ==, 2);
  g_assert_cmpint (co_currency_exponent ("AED"), ==, 2);
  g_assert_cmpint (co_currency_exponent ("ZWL"), ==, 2);
  g_assert_cmpint (co_currency_exponent ("KWD"), ==, 3);
  g_assert_cmpint (co_currency_exponent ("BHD"), ==, 3);
  g_assert_cmpint (co_currency_exponent ("CLF"), ==, 4);
  /* Not currencies: lower case, fragments of the list, made up. */
  g_assert_cmpint (co_currency_exponent ("usd"), ==, -1);
  g_assert_cmpint (co_currency_exponent ("SD "), ==, -1);
  g_assert_cmpint (co_currency_exponent ("D A"), ==, -1);
  g_assert_cmpint (co_currency_exponent ("XXQ"), ==, -1);
  g_assert_cmpint (co_currency_exponent ("USDX"), ==, -1);
  g_assert_cmpint (co_currency_exponent (""), ==, -1);
  g_assert_cmpint (co_currency_exponent (NULL), ==, -1);
}

static void
test_parse (void)
{
  const struct { const char *text, *currency; gint64 minor; } good[] = {
    { "1499.99", "USD", 149999 }, { "1499.9", "USD", 149990 }, { "1499", "USD", 149900 },
    { "0.01", "USD", 1 }, { "0", "EUR", 0 }, { "500", "JPY", 500 }, { "1.5", "KWD", 1500 },
    { "1.005", "KWD", 1005 }, { "007", "USD", 700 },
    { "9999999999999999.99", "USD", G_GINT64_CONSTANT (999999999999999999) },
    { "999999999999999999", "JPY", G_GINT64_CONSTANT (999999999999999999) },
  };
  const struct { const char *text, *currency, *reason; } bad[] = {
    { "-5", "USD", "negative" }, { "1.999", "USD", "USD has 2 decimals" },
    { "12.5", "JPY", "JPY has no decimals" }, { "1.0001", "KWD", "KWD has 3 decimals" },
    { "10000000000000000", "USD", "too large" }, { "1000000000000000000", "JPY", "too large" },
    { "99999999999999999999999", "JPY", "too large" }, { "1,000", "USD", "digits" },
    { "1.", "USD", "digits" }, { ".5", "USD", "digits" }, { "", "USD", "digits" },
    { "1e3", "USD", "digits" }, { "+1", "USD", "digits" }, { " 1", "USD", "digits" },
    { "1.2.3", "USD", "digits" }, { "0x10", "USD", "digits" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_assert_true (co_money_parse (good[i].text, good[i].currency, &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, good[i].minor);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_assert_false (co_money_parse (bad[i].text, bad[i].currency, &minor, &error));
      g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_BAD_AMOUNT);
      if (strstr (error->message, bad[i].reason) == NULL)
        g_error ("“%s”: “%s” does not say “%s”", bad[i].text, error->message, bad[i].reason);
      g_assert_cmpint (minor, ==, -1);
    }
  {
    g_autoptr(GError) error = NULL;
    gint64 minor = -1;

    g_assert_false (co_money_parse ("10", "ABC", &minor, &error));
    g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_UNKNOWN_CURRENCY);
    g_assert_nonnull (strstr (error->message, "“ABC”"));
  }
}

static void
test_format (void)
{
  const struct { gint64 minor; const char *currency, *text; } cases[] = {
    { 149999, "USD", "1499.99" }, { 5, "USD", "0.05" }, { 0, "USD", "0.00" },
    { 500, "JPY", "500" }, { 1500, "KWD", "1.500" }, { 7, "CLF", "0.0007" },
    { G_GINT64_CONSTANT (999999999999999999), "USD", "9999999999999999.99" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = co_money_format (cases[i].minor, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_add (void)
{
  g_autoptr(GError) error = NULL;
  gint64 sum = 0;

  g_assert_true (co_money_add (CO_MONEY_MAX - 1, 1, &sum, &error));
  g_assert_cmpint (sum, ==, CO_MONEY_MAX);
  g_assert_false (co_money_add (CO_MONEY_MAX, 1, &sum, &error));
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_BAD_AMOUNT);
}

/* Any amount in any of these currencies reads back as it was written, and
 * splits into parts that add up to it and differ by at most one unit. */
static void
test_property (void)
{
  static const char *const currencies[] = { "JPY", "USD", "EUR", "KWD", "BHD", "CLF", "ISK" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());

  for (int run = 0; run < 5000; run++)
    {
      const char *currency = currencies[g_rand_int_range (rand, 0, G_N_ELEMENTS (currencies))];
      /* Small amounts often, as large as allowed sometimes. */
      gint64 minor = run % 3 == 0 ? g_rand_int_range (rand, 0, 1000)
                                  : (gint64)(g_rand_double (rand) * (double)CO_MONEY_MAX);
      guint n = g_rand_int_range (rand, 1, 50);
      g_autofree gint64 *parts = g_new (gint64, n);
      g_autofree char *text = NULL;
      gint64 back = -1, sum = 0, low = G_MAXINT64, high = 0;

      minor = CLAMP (minor, 0, CO_MONEY_MAX);
      text = co_money_format (minor, currency);
      if (!co_money_parse (text, currency, &back, NULL) || back != minor)
        g_error ("run %d: %" G_GINT64_FORMAT " %s written “%s” read back as %" G_GINT64_FORMAT,
                 run, minor, currency, text, back);
      co_money_split (minor, n, parts);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (co_money_add (sum, parts[i], &sum, NULL));
          low = MIN (low, parts[i]);
          high = MAX (high, parts[i]);
        }
      g_assert_cmpint (sum, ==, minor);
      g_assert_cmpint (high - low, <=, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/deals/money/exponents", test_exponents);
  g_test_add_func ("/core/deals/money/parse", test_parse);
  g_test_add_func ("/core/deals/money/format", test_format);
  g_test_add_func ("/core/deals/money/add", test_add);
  g_test_add_func ("/core/deals/money/property", test_property);
  return g_test_run ();
}
