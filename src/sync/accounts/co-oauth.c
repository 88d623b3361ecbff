/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-oauth-private.h"
#include "co-pkce.h"

/*
 * OAuth 2.0 for native apps (RFC 8252): the authorization code grant with PKCE
 * (RFC 7636, S256) and a loopback redirect to http://127.0.0.1:PORT/callback,
 * where a SoupServer listens on a port the system picks, for one answer whose
 * state must match.  Then the token requests of RFC 6749: the code for a token,
 * and a refresh token for a new one.  Nothing here logs a code, a verifier or
 * a token.
 */

typedef struct
{
  CoHttpClient    *client;
  CoServiceConfig *config;
  CoPlatform       platform;
  SoupServer      *server;
  char            *redirect_uri;
  char            *state;
  char            *verifier;
  char            *code;
  GError          *error;
  GCancellable    *deadline;
  GCancellable    *cancellable;
  gulong           cancel_handler;
  gboolean         answered;
} Flow;

typedef struct
{
  CoPlatform platform;
  gboolean   refreshing;
} TokenRequest;

static gboolean
stop_server_cb (gpointer data)
{
  soup_server_disconnect (data);
  return G_SOURCE_REMOVE;
}

/* The flow may end inside one of the server's own signals ("finished"): the
 * server goes at the next iteration, not under libsoup's feet. */
static void
stop_server_later (SoupServer *server)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, stop_server_cb, server, g_object_unref);
  g_source_set_static_name (source, "[co-oauth] stop loopback server");
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

static void
flow_free (Flow *flow)
{
  if (flow->cancel_handler != 0)
    g_cancellable_disconnect (flow->cancellable, flow->cancel_handler);
  g_clear_object (&flow->cancellable);
  if (flow->deadline != NULL)
    g_cancellable_cancel (flow->deadline);
  g_clear_object (&flow->deadline);
  if (flow->server != NULL)
    stop_server_later (g_steal_pointer (&flow->server));
  g_clear_object (&flow->client);
  g_clear_object (&flow->config);
  g_free (flow->redirect_uri);
  co_secret_free (flow->state);
  co_secret_free (flow->verifier);
  co_secret_free (flow->code);
  g_clear_error (&flow->error);
  g_free (flow);
}

/* Token requests */

static GError *
refused_error (CoHttpResponse *response,
               TokenRequest   *request)
{
  g_autoptr(GError) detail = NULL;
  const char *name = co_platform_display_name (request->platform);

  co_http_response_check (response, &detail);
  if (request->refreshing)
    return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_AUTH,
                        _("%s refused to renew the account's sign-in (%s); connect the "
                          "account again"), name,
                        detail->message);
  return g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH,
                      _("%s refused the sign-in code (%s)"), name, detail->message);
}

static void
token_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TokenRequest *request = g_task_get_task_data (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonNode) json = NULL;
  GError *error = NULL;
  CoToken *token;
  guint status;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  status = co_http_response_get_status (response);
  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_task_return_error (task, refused_error (response, request));
      return;
    }
  if (!co_http_response_check (response, &error) ||
      (json = co_http_response_parse_json (response, &error)) == NULL ||
      (token = co_token_new_from_response (
         json, co_clock_now (co_http_client_get_clock (CO_HTTP_CLIENT (object))), &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, token, (GDestroyNotify)co_token_free);
}

/* Posts @fields to the platform's token endpoint (RFC 6749 §4.1.3, §6). */
static void
request_token_async (CoHttpClient        *client,
                     CoServiceConfig     *config,
                     CoPlatform           platform,
                     GHashTable          *fields,
                     gboolean             refreshing,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  TokenRequest *request = g_new0 (TokenRequest, 1);
  g_autofree char *uri = co_oauth_dup_token_url (config, platform);
  g_autoptr(CoHttpRequest) http = co_http_request_new ("POST", uri);
  g_autofree char *bucket = g_strconcat ("oauth-", co_platform_to_string (platform), NULL);

  g_task_set_source_tag (task, request_token_async);
  request->platform = platform;
  request->refreshing = refreshing;
  g_task_set_task_data (task, request, g_free);
  co_http_request_set_form (http, fields);
  co_http_request_set_header (http, "Accept", "application/json");
  co_http_request_set_bucket (http, bucket);
  co_http_client_send_async (client, http, cancellable, token_sent_cb, task);
}

static CoToken *
request_token_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
check_client_id (CoServiceConfig  *config,
                 CoPlatform        platform,
                 GError          **error)
{
  if (co_service_config_get_client_id (config, platform) != NULL)
    return TRUE;
  g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG,
               _("No OAuth client id is set for %s: set %s, or the “%s” setting"),
               co_platform_display_name (platform), co_client_id_get_env_name (platform),
               co_client_id_get_settings_key (platform));
  return FALSE;
}

/**
 * co_oauth_refresh_async:
 * @client: the HTTP client
 * @config: the service addresses and client ids
 * @platform: the platform
 * @refresh_token: the refresh token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Asks for a new access token.  The request is sent once: a refresh token that
 * rotates may already be spent when no answer comes back.
 */
void
co_oauth_refresh_async (CoHttpClient        *client,
                        CoServiceConfig     *config,
                        CoPlatform           platform,
                        const char          *refresh_token,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  g_return_if_fail (CO_IS_HTTP_CLIENT (client) && CO_IS_SERVICE_CONFIG (config));
  g_return_if_fail (refresh_token != NULL);

  if (!check_client_id (config, platform, &error))
    {
      g_task_report_error (NULL, callback, user_data, request_token_async, error);
      return;
    }
  g_hash_table_insert (fields, "grant_type", "refresh_token");
  g_hash_table_insert (fields, "refresh_token", (char *)refresh_token);
  g_hash_table_insert (fields, "client_id",
                       (char *)co_service_config_get_client_id (config, platform));
  request_token_async (client, config, platform, fields, TRUE, cancellable, callback, user_data);
}

/**
 * co_oauth_refresh_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new token (without a refresh token
 *   when the provider kept the old one); or %NULL with %CO_SYNC_ERROR_AUTH when
 *   the provider refused (the account must be connected again), or a transient
 *   error (%CO_SYNC_ERROR_OFFLINE, %CO_SYNC_ERROR_HTTP…) that says nothing about
 *   the token
 */
CoToken *
co_oauth_refresh_finish (GAsyncResult  *result,
                         GError       **error)
{
  return request_token_finish (result, error);
}

/* The authorization flow */

static void
exchanged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CoToken *token = request_token_finish (result, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify)co_token_free);
}

static void
exchange_code (GTask *task)
{
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (fields, "grant_type", "authorization_code");
  g_hash_table_insert (fields, "code", flow->code);
  g_hash_table_insert (fields, "redirect_uri", flow->redirect_uri);
  g_hash_table_insert (fields, "client_id",
                       (char *)co_service_config_get_client_id (flow->config, flow->platform));
  g_hash_table_insert (fields, "code_verifier", flow->verifier);
  request_token_async (flow->client, flow->config, flow->platform, fields, FALSE,
                       g_task_get_cancellable (task), exchanged_cb, g_object_ref (task));
}

/* Once the page went back to the browser: on with the code, or stop. */
static void
page_sent_cb (SoupServerMessage *message,
              gpointer           user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);

  g_signal_handlers_disconnect_by_data (message, task);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (flow->error != NULL)
    g_task_return_error (task, g_steal_pointer (&flow->error));
  else
    exchange_code (task);
}

static void
reply_page (SoupServerMessage *message,
            guint              status,
            const char        *text)
{
  g_autofree char *page = g_markup_printf_escaped (
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>CreatorOps</title></head>"
    "<body><p>%s</p></body></html>", text);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY, page,
                                    strlen (page));
  /* One answer is all this server gives: no connection is kept open to it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");
}

/* Reads the redirect: a code with our state, or the reason there is none. */
static void
read_answer (Flow       *flow,
             GHashTable *query)
{
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *refusal = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  const char *name = co_platform_display_name (flow->platform);

  if (!co_oauth_equal_secret (state, flow->state))
    flow->error = g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH,
                               _("The answer from the browser does not belong to this "
                                 "sign-in to %s (its state differs); it was ignored"), name);
  else if (refusal != NULL)
    flow->error = g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH,
                               _("%s did not allow the sign-in: %s"), name, refusal);
  else if (code == NULL || code[0] == '\0')
    flow->error = g_error_new (CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH,
                               _("%s sent the browser back without a sign-in code"), name);
  else
    flow->code = g_strdup (code);
}

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  /* Cancelling the browser's deadline below may drop the last other reference. */
  g_autoptr(GTask) task = g_object_ref (user_data);
  Flow *flow = g_task_get_task_data (task);

  if (g_strcmp0 (path, "/callback") != 0 || flow->answered)
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  flow->answered = TRUE;
  g_cancellable_cancel (flow->deadline);
  read_answer (flow, query);
  if (flow->error != NULL)
    reply_page (message, SOUP_STATUS_BAD_REQUEST, flow->error->message);
  else
    reply_page (message, SOUP_STATUS_OK,
                _("CreatorOps received the sign-in. You can close this page."));
  g_signal_connect (message, "finished", G_CALLBACK (page_sent_cb), g_object_ref (task));
}

static void
browser_timeout_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);

  if (flow->answered)
    return;
  if (!co_clock_sleep_finish (CO_CLOCK (object), result, NULL))
    {
      /* Not answered and not timed out: the caller cancelled. */
      g_task_return_error_if_cancelled (task);
      return;
    }
  flow->answered = TRUE;
  g_task_return_new_error (task, CO_SYNC_ERROR, CO_SYNC_ERROR_OAUTH,
                           _("No answer came back from the browser for the sign-in to %s"),
                           co_platform_display_name (flow->platform));
}

static gboolean
listen_loopback (Flow    *flow,
                 GTask   *task,
                 GError **error)
{
  GSList *uris;

  flow->server = soup_server_new ("server-header", "CreatorOps", NULL);
  soup_server_add_handler (flow->server, NULL, redirect_cb, task, NULL);
  if (!soup_server_listen_local (flow->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;
  uris = soup_server_get_uris (flow->server);
  flow->redirect_uri = g_strdup_printf ("http://127.0.0.1:%d/callback",
                                        g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return TRUE;
}

static char *
build_authorize_uri (Flow *flow)
{
  const CoOAuthProvider *provider = _co_oauth_get_provider (flow->platform);
  g_autofree char *endpoint = _co_oauth_dup_authorize_url (flow->config, flow->platform);
  g_autofree char *challenge = co_pkce_challenge (flow->verifier);
  g_autofree char *query = soup_form_encode (
    "response_type", "code",
    "client_id", co_service_config_get_client_id (flow->config, flow->platform),
    "redirect_uri", flow->redirect_uri,
    "scope", provider->scopes,
    "state", flow->state,
    "code_challenge", challenge,
    "code_challenge_method", "S256",
    NULL);

  return g_strconcat (endpoint, "?", query, provider->extra_query != NULL ? "&" : "",
                      provider->extra_query != NULL ? provider->extra_query : "", NULL);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     GCancellable *deadline)
{
  g_cancellable_cancel (deadline);
}

/**
 * co_oauth_authorize_async:
 * @client: the HTTP client
 * @config: the service addresses and client ids
 * @platform: the platform to sign in to
 * @open_func: shows the authorization page to the user
 * @open_data: passed to @open_func
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Signs in: listens on 127.0.0.1 at a random port, has @open_func show the
 * authorization page, waits (up to %CO_OAUTH_BROWSER_TIMEOUT) for the browser to
 * come back with a code and the same state, and exchanges the code, with its
 * PKCE verifier, for a token.
 */
void
co_oauth_authorize_async (CoHttpClient        *client,
                          CoServiceConfig     *config,
                          CoPlatform           platform,
                          CoOAuthOpenFunc      open_func,
                          gpointer             open_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *uri = NULL;
  GError *error = NULL;
  Flow *flow;

  g_return_if_fail (CO_IS_HTTP_CLIENT (client) && CO_IS_SERVICE_CONFIG (config));
  g_return_if_fail (open_func != NULL);

  g_task_set_source_tag (task, co_oauth_authorize_async);
  flow = g_new0 (Flow, 1);
  flow->client = g_object_ref (client);
  flow->config = g_object_ref (config);
  flow->platform = platform;
  flow->state = co_oauth_new_state ();
  flow->verifier = co_pkce_new_verifier ();
  flow->deadline = g_cancellable_new ();
  g_task_set_task_data (task, flow, (GDestroyNotify)flow_free);
  if (!check_client_id (config, platform, &error) || !listen_loopback (flow, task, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (cancellable != NULL)
    flow->cancellable = g_object_ref (cancellable);
  if (cancellable != NULL)
    flow->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                  g_object_ref (flow->deadline), g_object_unref);
  co_clock_sleep_async (co_http_client_get_clock (client), CO_OAUTH_BROWSER_TIMEOUT,
                        CO_CLOCK_DEADLINE, flow->deadline, browser_timeout_cb,
                        g_object_ref (task));
  uri = build_authorize_uri (flow);
  open_func (uri, open_data);
}

/**
 * co_oauth_authorize_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the token; or %NULL with
 *   %CO_SYNC_ERROR_OAUTH (refused, a state that does not match, no answer),
 *   %CO_SYNC_ERROR_CONFIG (no client id) or a network error
 */
CoToken *
co_oauth_authorize_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
