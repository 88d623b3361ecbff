/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "co-pkce.h"

/*
 * Proof Key for Code Exchange (RFC 7636) and the OAuth state: random values
 * from the kernel's generator, written in base64url without padding.
 */

static char *
base64url (const guchar *data,
           gsize         length)
{
  char *text = g_base64_encode (data, length);

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  for (char *end = text + strlen (text); end > text && end[-1] == '='; end--)
    end[-1] = '\0';
  return text;
}

static char *
random_base64url (gsize n_bytes)
{
  guchar bytes[64];
  gsize got = 0;

  g_assert (n_bytes <= sizeof bytes);
  while (got < n_bytes)
    {
      ssize_t n = getrandom (bytes + got, n_bytes - got, 0);

      /* Only a signal interrupts getrandom() once the kernel's pool is ready. */
      if (n > 0)
        got += (gsize)n;
    }
  return base64url (bytes, n_bytes);
}

/**
 * co_pkce_new_verifier:
 *
 * Returns: (transfer full): a code verifier: 32 random bytes as 43 characters of
 *   base64url, as RFC 7636 §4.1 recommends
 */
char *
co_pkce_new_verifier (void)
{
  return random_base64url (32);
}

/**
 * co_pkce_challenge:
 * @verifier: a code verifier
 *
 * Returns: (transfer full): its S256 challenge: BASE64URL(SHA256(verifier))
 */
char *
co_pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *)verifier, (gssize)strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  return base64url (digest, length);
}

/**
 * co_oauth_new_state:
 *
 * Returns: (transfer full): a state value for one authorization request, which
 *   ties the answer that comes back to it (RFC 6749 §10.12)
 */
char *
co_oauth_new_state (void)
{
  return random_base64url (24);
}

/**
 * co_oauth_equal_secret:
 * @a: (nullable): a secret
 * @b: (nullable): another
 *
 * Compares in a time that does not depend on where they differ.
 *
 * Returns: %TRUE if both are set and equal
 */
gboolean
co_oauth_equal_secret (const char *a,
                       const char *b)
{
  gsize la, lb;
  guchar diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  la = strlen (a);
  lb = strlen (b);
  for (gsize i = 0; i < la; i++)
    diff |= (guchar)a[i] ^ (guchar)b[i < lb ? i : 0];
  return diff == 0 && la == lb;
}
