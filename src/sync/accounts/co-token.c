/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-account.h"
#include "co-error.h"
#include "co-sync-error.h"
#include "co-token.h"

/* Longest lifetime taken from a provider: ten years. */
#define LONGEST_LIFETIME (G_GINT64_CONSTANT (315360000))

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_integer (JsonObject *object,
             const char *name,
             gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;
  guint64 parsed;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out_value = json_node_get_int (node);
      return TRUE;
    }
  /* Some providers send numbers as strings. */
  text = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
    return FALSE;
  *out_value = (gint64)parsed;
  return TRUE;
}

/* "scope" is a space-separated string (RFC 6749 §3.3), or a comma-separated one
 * (Facebook); "scopes" may be an array. */
static char **
read_scopes (JsonObject *object)
{
  const char *text = get_string (object, "scope");
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (text, " ,", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_strv_builder_add (builder, parts[i]);
      return g_strv_builder_end (builder);
    }
  if (!json_object_has_member (object, "scopes") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "scopes")))
    return NULL;
  array = json_object_get_array_member (object, "scopes");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/* "expires_at" as Unix seconds or ISO 8601, else "expires_in" seconds from @now. */
static gint64
read_expiry (JsonObject *object,
             gint64      now)
{
  const char *text = get_string (object, "expires_at");
  gint64 seconds;

  if (text != NULL && text[strspn (text, "0123456789")] != '\0')
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

      return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : -1;
    }
  if (get_integer (object, "expires_at", &seconds))
    return seconds > 0 && seconds < LONGEST_LIFETIME * 10 ? seconds * G_USEC_PER_SEC : -1;
  if (get_integer (object, "expires_in", &seconds))
    return seconds >= 0 ? now + MIN (seconds, LONGEST_LIFETIME) * G_USEC_PER_SEC : -1;
  /* There, but not a number: an error, not "never expires". */
  if (json_object_has_member (object, "expires_at") || json_object_has_member (object, "expires_in"))
    return -1;
  return 0;
}

static CoToken *
token_from_object (JsonObject  *object,
                   gint64       now,
                   GError     **error)
{
  const char *access = get_string (object, "access_token");
  g_autoptr(CoToken) token = NULL;

  if (access == NULL || access[0] == '\0')
    {
      g_set_error_literal (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID,
                           _("The token has no “access_token”"));
      return NULL;
    }
  token = g_new0 (CoToken, 1);
  token->access_token = g_strdup (access);
  token->refresh_token = g_strdup (get_string (object, "refresh_token"));
  if (token->refresh_token != NULL && token->refresh_token[0] == '\0')
    g_clear_pointer (&token->refresh_token, g_free);
  token->token_type = g_strdup (get_string (object, "token_type"));
  token->scopes = read_scopes (object);
  token->expires_at = read_expiry (object, now);
  if (token->expires_at < 0)
    {
      g_set_error_literal (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID,
                           _("The token's “expires_in” or “expires_at” is not a time"));
      return NULL;
    }
  return g_steal_pointer (&token);
}

/**
 * co_token_new_from_response:
 * @node: a token endpoint's answer (RFC 6749 §5.1)
 * @now: when it came (µs since 1970, UTC), which "expires_in" counts from
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the token, or %NULL with
 *   %CO_SYNC_ERROR_PROTOCOL when the answer is not a token
 */
CoToken *
co_token_new_from_response (JsonNode  *node,
                            gint64     now,
                            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  CoToken *token;

  g_return_val_if_fail (node != NULL, NULL);

  token = JSON_NODE_HOLDS_OBJECT (node)
            ? token_from_object (json_node_get_object (node), now, &local_error) : NULL;
  if (token == NULL)
    g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                 _("The sign-in service answered without a usable token: %s"),
                 local_error != NULL ? local_error->message : _("not a JSON object"));
  return token;
}

/**
 * co_token_new_from_json:
 * @text: a token as JSON: "access_token", and optionally "refresh_token",
 *   "expires_at" (Unix seconds or ISO 8601) or "expires_in" (seconds from @now),
 *   "scope" or "scopes", "token_type"
 * @now: the time (µs since 1970, UTC)
 * @error: return location for a #GError
 *
 * Reads a token as kept in the keyring or given by a script.
 *
 * Returns: (transfer full) (nullable): the token, or %NULL with
 *   %CO_ACCOUNT_ERROR_INVALID saying what is wrong (never quoting the token)
 */
CoToken *
co_token_new_from_json (const char  *text,
                        gint64       now,
                        GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  node = json_from_string (text, &local_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      /* json-glib's message may quote the text, which holds a secret. */
      g_set_error_literal (error, CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID,
                           _("The token is not a JSON object"));
      return NULL;
    }
  return token_from_object (json_node_get_object (node), now, error);
}

/**
 * co_token_to_json:
 * @token: a token
 *
 * Returns: (transfer full): the token as JSON, for the keyring only; expiry as
 *   "expires_at" in Unix seconds
 */
char *
co_token_to_json (const CoToken *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (token != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, token->access_token);
  if (token->refresh_token != NULL)
    {
      json_builder_set_member_name (builder, "refresh_token");
      json_builder_add_string_value (builder, token->refresh_token);
    }
  if (token->expires_at > 0)
    {
      json_builder_set_member_name (builder, "expires_at");
      json_builder_add_int_value (builder, token->expires_at / G_USEC_PER_SEC);
    }
  json_builder_set_member_name (builder, "scopes");
  json_builder_begin_array (builder);
  for (guint i = 0; token->scopes != NULL && token->scopes[i] != NULL; i++)
    json_builder_add_string_value (builder, token->scopes[i]);
  json_builder_end_array (builder);
  if (token->token_type != NULL)
    {
      json_builder_set_member_name (builder, "token_type");
      json_builder_add_string_value (builder, token->token_type);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/** co_token_copy: @token: a token  Returns: (transfer full): a copy */
CoToken *
co_token_copy (const CoToken *token)
{
  CoToken *copy;

  g_return_val_if_fail (token != NULL, NULL);

  copy = g_new0 (CoToken, 1);
  copy->access_token = g_strdup (token->access_token);
  copy->refresh_token = g_strdup (token->refresh_token);
  copy->expires_at = token->expires_at;
  copy->scopes = g_strdupv (token->scopes);
  copy->token_type = g_strdup (token->token_type);
  return copy;
}

/**
 * co_token_free:
 * @token: (transfer full) (nullable): a token
 *
 * Wipes the token's secrets and frees it.
 */
void
co_token_free (CoToken *token)
{
  if (token == NULL)
    return;
  co_secret_free (token->access_token);
  co_secret_free (token->refresh_token);
  g_strfreev (token->scopes);
  g_free (token->token_type);
  g_free (token);
}

/**
 * co_token_keep_refresh:
 * @fresh: a token just received
 * @old: (nullable): the token it replaces
 *
 * A provider that does not rotate refresh tokens sends none with a renewed or
 * re-granted token: the old one stays valid and is kept, as are the scopes if the
 * answer did not repeat them.
 */
void
co_token_keep_refresh (CoToken       *fresh,
                       const CoToken *old)
{
  g_return_if_fail (fresh != NULL);

  if (old == NULL)
    return;
  if (fresh->refresh_token == NULL)
    fresh->refresh_token = g_strdup (old->refresh_token);
  if (fresh->scopes == NULL)
    fresh->scopes = g_strdupv (old->scopes);
}

/**
 * co_token_needs_refresh:
 * @token: a token
 * @now: the time (µs since 1970, UTC)
 *
 * Returns: %TRUE when the token expires within %CO_TOKEN_REFRESH_MARGIN and can be
 *   renewed
 */
gboolean
co_token_needs_refresh (const CoToken *token,
                        gint64         now)
{
  g_return_val_if_fail (token != NULL, FALSE);
  return token->refresh_token != NULL && token->expires_at > 0 &&
         token->expires_at - CO_TOKEN_REFRESH_MARGIN <= now;
}

/**
 * co_token_is_expired:
 * @token: a token
 * @now: the time (µs since 1970, UTC)
 *
 * Returns: %TRUE when the token's expiry is known and past
 */
gboolean
co_token_is_expired (const CoToken *token,
                     gint64         now)
{
  g_return_val_if_fail (token != NULL, FALSE);
  return token->expires_at > 0 && token->expires_at <= now;
}

/**
 * co_token_dup_scope_text:
 * @token: a token
 *
 * Returns: (transfer full): the scopes, space-separated (not secret)
 */
char *
co_token_dup_scope_text (const CoToken *token)
{
  g_return_val_if_fail (token != NULL, NULL);
  return token->scopes != NULL ? g_strjoinv (" ", token->scopes) : g_strdup ("");
}

/**
 * co_secret_free:
 * @secret: (transfer full) (nullable): a string that holds a secret
 *
 * Overwrites @secret with zeros, then frees it.
 */
void
co_secret_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}
