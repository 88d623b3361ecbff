/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-oauth.h"
#include "co-pkce.h"
#include "co-test-oauth.h"

typedef struct
{
  char *redirect_uri;
  char *challenge;
} Grant;

struct _CoTestOAuth
{
  CoTestServer        *server;
  char                *client_id;
  CoTestOAuthRotation  rotation;
  int                  expires_in;
  gboolean             deny;
  gboolean             code_refresh;
  gboolean             wrong_state;
  GHashTable          *codes;      /* code -> Grant */
  GHashTable          *access;     /* valid access tokens */
  GHashTable          *refresh;    /* valid refresh tokens */
  GHashTable          *grants;     /* grant_type -> count */
  GPtrArray           *issued;
  char                *last_refresh;
  SoupSession         *browser;
  gboolean             browsed;
  guint                n_browsing;
  guint                browsed_status;
};

static void
grant_free (Grant *grant)
{
  g_free (grant->redirect_uri);
  g_free (grant->challenge);
  g_free (grant);
}

static char *
random_token (CoTestOAuth *self,
              const char  *prefix)
{
  char *token = g_strdup_printf ("%s-%08x%08x%08x", prefix, g_random_int (), g_random_int (),
                                 g_random_int ());

  g_ptr_array_add (self->issued, g_strdup (token));
  return token;
}

static const char *
field (GHashTable *fields,
       const char *name)
{
  return fields != NULL ? g_hash_table_lookup (fields, name) : NULL;
}

static void
reply_oauth_error (SoupServerMessage *message,
                   guint              status,
                   const char        *error)
{
  g_autofree char *json = g_strdup_printf ("{\"error\": \"%s\", \"error_description\": "
                                           "\"the fake provider says %s\"}", error, error);

  co_test_reply_json (message, status, json);
}

/* Issues a token; a refresh token too unless @keep_refresh (the "keep" mode). */
static void
reply_token (CoTestOAuth       *self,
             SoupServerMessage *message,
             gboolean           with_refresh)
{
  g_autofree char *access = random_token (self, "at");
  g_autofree char *refresh = with_refresh ? random_token (self, "rt") : NULL;
  g_autofree char *json = NULL;

  g_hash_table_add (self->access, g_strdup (access));
  if (refresh != NULL)
    {
      g_hash_table_add (self->refresh, g_strdup (refresh));
      g_free (self->last_refresh);
      self->last_refresh = g_strdup (refresh);
    }
  json = g_strdup_printf ("{\"token_type\": \"bearer\", \"access_token\": \"%s\", "
                          "\"expires_in\": %d, \"scope\": \"tweet.read tweet.write\"%s%s%s}",
                          access, self->expires_in, refresh != NULL ? ", \"refresh_token\": \"" : "",
                          refresh != NULL ? refresh : "", refresh != NULL ? "\"" : "");
  co_test_reply_json (message, 200, json);
}

static void
authorize_handler (CoTestServer      *server,
                   SoupServerMessage *message,
                   const char        *path,
                   gpointer           user_data)
{
  CoTestOAuth *self = user_data;
  g_autoptr(GHashTable) query = soup_form_decode (
    g_uri_get_query (soup_server_message_get_uri (message)) ?: "");
  const char *redirect = field (query, "redirect_uri");
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  Grant *grant;

  if (g_strcmp0 (field (query, "client_id"), self->client_id) != 0 ||
      g_strcmp0 (field (query, "response_type"), "code") != 0 ||
      g_strcmp0 (field (query, "code_challenge_method"), "S256") != 0 ||
      field (query, "code_challenge") == NULL || field (query, "state") == NULL ||
      redirect == NULL || !g_str_has_prefix (redirect, "http://127.0.0.1:"))
    {
      reply_oauth_error (message, 400, "invalid_request");
      return;
    }
  code = random_token (self, "code");
  grant = g_new0 (Grant, 1);
  grant->redirect_uri = g_strdup (redirect);
  grant->challenge = g_strdup (field (query, "code_challenge"));
  g_hash_table_insert (self->codes, g_strdup (code), grant);
  if (self->deny)
    location = g_strdup_printf ("%s?error=access_denied&state=%s", redirect, field (query, "state"));
  else
    location = g_strdup_printf ("%s?code=%s&state=%s", redirect, code,
                                self->wrong_state ? "forged" : field (query, "state"));
  soup_server_message_set_redirect (message, 302, location);
}

static void
exchange_code (CoTestOAuth       *self,
               SoupServerMessage *message,
               GHashTable        *form)
{
  Grant *grant = g_hash_table_lookup (self->codes, field (form, "code") ?: "");
  g_autofree char *challenge = NULL;

  if (grant == NULL || field (form, "code_verifier") == NULL ||
      g_strcmp0 (grant->redirect_uri, field (form, "redirect_uri")) != 0)
    {
      reply_oauth_error (message, 400, "invalid_grant");
      return;
    }
  challenge = co_pkce_challenge (field (form, "code_verifier"));
  if (g_strcmp0 (challenge, grant->challenge) != 0)
    {
      reply_oauth_error (message, 400, "invalid_grant");
      return;
    }
  /* A code is good once. */
  g_hash_table_remove (self->codes, field (form, "code"));
  reply_token (self, message, self->code_refresh);
}

static void
refresh_token (CoTestOAuth       *self,
               SoupServerMessage *message,
               GHashTable        *form)
{
  const char *refresh = field (form, "refresh_token");

  if (refresh == NULL || !g_hash_table_contains (self->refresh, refresh))
    {
      reply_oauth_error (message, 400, "invalid_grant");
      return;
    }
  if (self->rotation == CO_TEST_OAUTH_ROTATE)
    g_hash_table_remove (self->refresh, refresh);
  reply_token (self, message, self->rotation == CO_TEST_OAUTH_ROTATE);
}

static void
token_handler (CoTestServer      *server,
               SoupServerMessage *message,
               const char        *path,
               gpointer           user_data)
{
  CoTestOAuth *self = user_data;
  g_autoptr(GHashTable) form = co_test_read_form (message);
  const char *grant_type = field (form, "grant_type");
  guint count;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->grants, grant_type ?: ""));
  g_hash_table_insert (self->grants, g_strdup (grant_type ?: ""), GUINT_TO_POINTER (count + 1));
  if (g_strcmp0 (field (form, "client_id"), self->client_id) != 0)
    reply_oauth_error (message, 401, "invalid_client");
  else if (g_strcmp0 (grant_type, "authorization_code") == 0)
    exchange_code (self, message, form);
  else if (g_strcmp0 (grant_type, "refresh_token") == 0)
    refresh_token (self, message, form);
  else
    reply_oauth_error (message, 400, "unsupported_grant_type");
}

/* The provider of @platform, answering for @client_id, on @server. */
CoTestOAuth *
co_test_oauth_new (CoTestServer *server,
                   CoPlatform    platform,
                   const char   *client_id)
{
  CoTestOAuth *self = g_new0 (CoTestOAuth, 1);

  self->server = g_object_ref (server);
  self->client_id = g_strdup (client_id);
  self->expires_in = 3600;
  self->code_refresh = TRUE;
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)grant_free);
  self->access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->issued = g_ptr_array_new_with_free_func (g_free);
  co_test_server_route (server, "GET", co_oauth_get_authorize_path (platform), authorize_handler,
                        self);
  co_test_server_route (server, "POST", co_oauth_get_token_path (platform), token_handler, self);
  return self;
}

void
co_test_oauth_free (CoTestOAuth *self)
{
  if (self->browser != NULL)
    soup_session_abort (self->browser);
  /* The aborted pages still call back, with this provider. */
  while (self->n_browsing > 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&self->browser);
  g_clear_object (&self->server);
  g_free (self->client_id);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->access);
  g_hash_table_unref (self->refresh);
  g_hash_table_unref (self->grants);
  g_ptr_array_unref (self->issued);
  g_free (self->last_refresh);
  g_free (self);
}

void
co_test_oauth_set_rotation (CoTestOAuth         *self,
                            CoTestOAuthRotation  rotation)
{
  self->rotation = rotation;
}

void
co_test_oauth_set_expires_in (CoTestOAuth *self,
                              int          seconds)
{
  self->expires_in = seconds;
}

/* Whether a code gives a refresh token (Google gives one only the first time). */
void
co_test_oauth_set_code_refresh (CoTestOAuth *self,
                                gboolean     with_refresh)
{
  self->code_refresh = with_refresh;
}

/* The user refuses in the browser: the redirect carries error=access_denied. */
void
co_test_oauth_set_deny (CoTestOAuth *self,
                        gboolean     deny)
{
  self->deny = deny;
}

/* The redirect carries a state other than the one asked with. */
void
co_test_oauth_set_wrong_state (CoTestOAuth *self,
                               gboolean     wrong_state)
{
  self->wrong_state = wrong_state;
}

/* Issues a token without a sign-in, as JSON for "accounts add-token". */
char *
co_test_oauth_mint (CoTestOAuth *self,
                    int          expires_in)
{
  g_autofree char *access = random_token (self, "at");
  g_autofree char *refresh = random_token (self, "rt");

  g_hash_table_add (self->access, g_strdup (access));
  g_hash_table_add (self->refresh, g_strdup (refresh));
  return g_strdup_printf ("{\"access_token\": \"%s\", \"refresh_token\": \"%s\", "
                          "\"expires_in\": %d, \"scope\": \"tweet.read tweet.write\"}",
                          access, refresh, expires_in);
}

/* Every refresh token stops working: the next refresh gets invalid_grant. */
void
co_test_oauth_revoke_refresh (CoTestOAuth *self)
{
  g_hash_table_remove_all (self->refresh);
}

/* Every access token stops working: the API fakes answer 401. */
void
co_test_oauth_revoke_access (CoTestOAuth *self)
{
  g_hash_table_remove_all (self->access);
}

gboolean
co_test_oauth_accepts (CoTestOAuth *self,
                       const char  *access_token)
{
  return access_token != NULL && g_hash_table_contains (self->access, access_token);
}

guint
co_test_oauth_count_grants (CoTestOAuth *self,
                            const char  *grant_type)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->grants, grant_type));
}

/* Every code and token this provider gave out. */
GPtrArray *
co_test_oauth_get_issued (CoTestOAuth *self)
{
  return self->issued;
}

const char *
co_test_oauth_get_last_refresh (CoTestOAuth *self)
{
  return self->last_refresh;
}

static void
browsed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CoTestOAuth *self = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  self->browsed_status = message != NULL ? soup_message_get_status (message) : 0;
  self->browsed = TRUE;
  self->n_browsing--;
}

/* Plays the browser: opens @authorize_uri and follows the redirect to the app's
 * loopback server, without waiting. */
void
co_test_oauth_browse (CoTestOAuth *self,
                      const char  *authorize_uri)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", authorize_uri);

  g_assert_nonnull (message);
  if (self->browser == NULL)
    self->browser = soup_session_new ();
  self->browsed = FALSE;
  self->n_browsing++;
  soup_session_send_and_read_async (self->browser, message, G_PRIORITY_DEFAULT, NULL, browsed_cb,
                                    self);
}

/* Whether the browser has its last page, and its status. */
gboolean
co_test_oauth_browsed (CoTestOAuth *self,
                       guint       *out_status)
{
  if (out_status != NULL)
    *out_status = self->browsed_status;
  return self->browsed;
}
