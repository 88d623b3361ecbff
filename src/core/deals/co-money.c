/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-deals"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-money.h"

/*
 * Money as integers of minor units (cents, fils, yen), never as floating
 * point: 19.99 USD is 1999, 1.500 KWD is 1500, 500 JPY is 500.  How many
 * decimals a currency has is its ISO 4217 exponent.  Text is read exactly,
 * digit by digit; an amount with more decimals than its currency has is
 * refused rather than rounded, so nothing is lost on the way in.
 */

/* ISO 4217 currencies whose exponent is not 2. */
static const struct
{
  char code[4];
  int  exponent;
} odd_exponents[] = {
  { "BHD", 3 }, { "BIF", 0 }, { "CLF", 4 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 },
  { "IQD", 3 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KMF", 0 }, { "KRW", 0 },
  { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 }, { "PYG", 0 }, { "RWF", 0 }, { "TND", 3 },
  { "UGX", 0 }, { "UYI", 0 }, { "UYW", 4 }, { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 },
  { "XOF", 0 }, { "XPF", 0 },
};

/* ISO 4217 currencies with two decimals, in order. */
static const char two_decimals[] =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP "
  "BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD "
  "FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD "
  "KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD "
  "NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP "
  "SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED "
  "VES WST XCD YER ZAR ZMW ZWL";

/**
 * co_currency_exponent:
 * @code: (nullable): an ISO 4217 code such as “USD”, in capitals
 *
 * Returns: how many decimals the currency has (0 for JPY, 2 for USD, 3 for
 *   KWD), or -1 for a code that is not a currency
 */
int
co_currency_exponent (const char *code)
{
  const char *found;

  if (code == NULL || strlen (code) != 3 || !g_ascii_isupper (code[0]) ||
      !g_ascii_isupper (code[1]) || !g_ascii_isupper (code[2]))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (odd_exponents); i++)
    if (strcmp (odd_exponents[i].code, code) == 0)
      return odd_exponents[i].exponent;
  found = strstr (two_decimals, code);
  return found != NULL && (found - two_decimals) % 4 == 0 ? 2 : -1;
}

/**
 * co_currency_check:
 * @code: (nullable): a currency code
 * @error: return location for a #GError
 *
 * Returns: %TRUE for an ISO 4217 code, else %FALSE with
 *   %CO_DEAL_ERROR_UNKNOWN_CURRENCY naming @code
 */
gboolean
co_currency_check (const char  *code,
                   GError     **error)
{
  if (co_currency_exponent (code) >= 0)
    return TRUE;
  g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_UNKNOWN_CURRENCY,
               _("“%s” is not an ISO 4217 currency code (such as USD, EUR or JPY, in capitals)"),
               code != NULL ? code : "");
  return FALSE;
}

static gboolean
bad_amount (GError     **error,
            const char  *text,
            const char  *currency,
            const char  *reason)
{
  g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_BAD_AMOUNT,
               _("“%s” is not an amount of %s: %s"), text, currency, reason);
  return FALSE;
}

/* Appends @n digits to @value, refusing to pass CO_MONEY_MAX. */
static gboolean
add_digits (gint64      *value,
            const char  *digits,
            gsize        n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (*value > (CO_MONEY_MAX - (digits[i] - '0')) / 10)
        return FALSE;
      *value = *value * 10 + (digits[i] - '0');
    }
  return TRUE;
}

/**
 * co_money_parse:
 * @text: an amount such as “1499.99”, “1499.9” or “1499” (no sign, no
 *   thousands separators; a point before the decimals)
 * @currency: its ISO 4217 code
 * @out_minor: (out): the amount in minor units
 * @error: return location for a #GError
 *
 * Reads an amount exactly.
 *
 * Returns: %TRUE on success, else %FALSE with
 *   %CO_DEAL_ERROR_UNKNOWN_CURRENCY or %CO_DEAL_ERROR_BAD_AMOUNT, which
 *   names @text and the reason: negative, more decimals than @currency
 *   has, not a number, or above %CO_MONEY_MAX minor units
 */
gboolean
co_money_parse (const char  *text,
                const char  *currency,
                gint64      *out_minor,
                GError     **error)
{
  int exponent = co_currency_exponent (currency);
  const char *point;
  gsize n_int, n_frac;
  gint64 value = 0;

  g_return_val_if_fail (text != NULL && out_minor != NULL, FALSE);

  if (!co_currency_check (currency, error))
    return FALSE;
  if (text[0] == '-')
    return bad_amount (error, text, currency, _("an amount cannot be negative"));
  point = strchr (text, '.');
  n_int = point != NULL ? (gsize)(point - text) : strlen (text);
  n_frac = point != NULL ? strlen (point + 1) : 0;
  if (n_int == 0 || strspn (text, "0123456789") != n_int ||
      (point != NULL && (n_frac == 0 || strspn (point + 1, "0123456789") != n_frac)))
    return bad_amount (error, text, currency, _("write digits, with a point before the decimals"));
  if ((int)n_frac > exponent)
    {
      g_autofree char *reason = exponent == 0
        ? g_strdup_printf (_("%s has no decimals"), currency)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has %d decimal",
                                        "%s has %d decimals", exponent), currency, exponent);
      return bad_amount (error, text, currency, reason);
    }
  if (!add_digits (&value, text, n_int) || (point != NULL && !add_digits (&value, point + 1, n_frac)) ||
      !add_digits (&value, "0000", exponent - n_frac))
    return bad_amount (error, text, currency, _("it is too large"));
  *out_minor = value;
  return TRUE;
}

/**
 * co_money_format:
 * @minor: an amount in minor units, from 0 to %CO_MONEY_MAX
 * @currency: its ISO 4217 code
 *
 * Returns: (transfer full): the amount as co_money_parse() reads it, with
 *   all of the currency's decimals (“1499.90”, “1500”, “1.500”)
 */
char *
co_money_format (gint64      minor,
                 const char *currency)
{
  int exponent = co_currency_exponent (currency);
  gint64 scale = 1;

  g_return_val_if_fail (exponent >= 0 && minor >= 0, NULL);

  for (int i = 0; i < exponent; i++)
    scale *= 10;
  if (exponent == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, minor / scale, exponent,
                          minor % scale);
}

/**
 * co_money_add:
 * @a: an amount in minor units
 * @b: another, in the same currency
 * @out_sum: (out): @a + @b
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %CO_DEAL_ERROR_BAD_AMOUNT when the sum is
 *   above %CO_MONEY_MAX
 */
gboolean
co_money_add (gint64   a,
              gint64   b,
              gint64  *out_sum,
              GError **error)
{
  if (a > CO_MONEY_MAX - b)
    {
      g_set_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_BAD_AMOUNT,
                   _("The amounts add up to more than CreatorOps can count"));
      return FALSE;
    }
  *out_sum = a + b;
  return TRUE;
}

/**
 * co_money_split:
 * @total: an amount in minor units, at least 0
 * @n_parts: how many parts, at least 1
 * @out_parts: (array length=n_parts) (out caller-allocates): the parts
 *
 * Splits @total into parts that differ by at most one minor unit and add
 * up to @total exactly: the first parts take the units left over.
 */
void
co_money_split (gint64  total,
                guint   n_parts,
                gint64 *out_parts)
{
  g_return_if_fail (total >= 0 && n_parts > 0 && out_parts != NULL);

  for (guint i = 0; i < n_parts; i++)
    out_parts[i] = total / n_parts + ((gint64)i < total % n_parts ? 1 : 0);
}
