/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-mirror"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-mirror-json.h"
#include "co-couch.h"
#include "co-error.h"
#include "co-mirror-error.h"
#include "co-sync-error.h"

/*
 * The requests of CouchDB's replication protocol against one database.  The
 * address never carries the credentials: they go in an Authorization header,
 * which the HTTP client never logs, and messages name the server by its
 * address without them.  Every request of the protocol may be repeated (a
 * `_bulk_docs` with `new_edits: false` stores the same revisions twice as
 * once), so the client retries them after drops and server errors.
 */

struct _CoCouch
{
  GObject       parent_instance;

  CoHttpClient *client;
  char         *url;            /* the database's address, without credentials */
  char         *root;           /* the server's address */
  char         *authorization;  /* "Basic …", or NULL */
  gboolean      no_bulk_get;
  guint         requests;
};

G_DEFINE_FINAL_TYPE (CoCouch, co_couch, G_TYPE_OBJECT)

static void
co_couch_finalize (GObject *object)
{
  CoCouch *self = CO_COUCH (object);

  g_clear_object (&self->client);
  g_free (self->url);
  g_free (self->root);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  G_OBJECT_CLASS (co_couch_parent_class)->finalize (object);
}

static void
co_couch_class_init (CoCouchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_couch_finalize;
}

static void
co_couch_init (CoCouch *self)
{
}

static gboolean
set_bad_url (GError    **error,
             const char *reason)
{
  g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_BAD_URL,
               _("The CouchDB address is not usable: %s"), reason);
  return FALSE;
}

/* The database's and the server's addresses, without user info, query or
 * fragment; @out_user and @out_password take the user info, if any. */
static gboolean
split_url (const char  *url,
           char       **out_database,
           char       **out_root,
           char       **out_user,
           char       **out_password,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  char *slash;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    return set_bad_url (error, _("give it as http(s)://HOST[:PORT]/DATABASE"));
  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  slash = strrchr (path, '/');
  if (slash == NULL || slash[1] == '\0')
    return set_bad_url (error, _("it names no database (…/DATABASE at its end)"));
  base = g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
  *out_database = g_strconcat (base, path, NULL);
  *slash = '\0';
  *out_root = g_strconcat (base, path, "/", NULL);
  *out_user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
  *out_password = g_uri_unescape_string (g_uri_get_password (uri), NULL);
  return TRUE;
}

/**
 * co_couch_split_url:
 * @url: a database's address, perhaps with credentials in its user info
 * @out_user: (out) (optional) (nullable): the user name in it
 * @out_password: (out) (optional) (nullable): the password in it
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the address without the credentials,
 *   or %NULL with %CO_MIRROR_ERROR_BAD_URL
 */
char *
co_couch_split_url (const char  *url,
                    char       **out_user,
                    char       **out_password,
                    GError     **error)
{
  g_autofree char *database = NULL;
  g_autofree char *root = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  if (!split_url (url, &database, &root, &user, &password, error))
    return NULL;
  if (out_user != NULL)
    *out_user = g_steal_pointer (&user);
  if (out_password != NULL)
    *out_password = g_steal_pointer (&password);
  if (password != NULL)
    memset (password, 0, strlen (password));
  return g_steal_pointer (&database);
}

static char *
basic_authorization (const char *username,
                     const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", username, password ? password : "");
  g_autofree char *encoded = g_base64_encode ((const guchar *)pair, strlen (pair));

  memset (pair, 0, strlen (pair));
  return g_strconcat ("Basic ", encoded, NULL);
}

/**
 * co_couch_new:
 * @client: the HTTP client
 * @url: the database's address, http(s)://HOST[:PORT]/[PATH/]DATABASE; its
 *   user info, if any, is taken as the credentials
 * @username: (nullable): the user name, which wins over @url's
 * @password: (nullable): the password
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with
 *   %CO_MIRROR_ERROR_BAD_URL
 */
CoCouch *
co_couch_new (CoHttpClient  *client,
              const char    *url,
              const char    *username,
              const char    *password,
              GError       **error)
{
  g_autoptr(CoCouch) self = g_object_new (CO_TYPE_COUCH, NULL);
  g_autofree char *url_user = NULL;
  g_autofree char *url_password = NULL;

  g_return_val_if_fail (CO_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!split_url (url, &self->url, &self->root, &url_user, &url_password, error))
    return NULL;
  self->client = g_object_ref (client);
  if (username != NULL)
    self->authorization = basic_authorization (username, password);
  else if (url_user != NULL)
    self->authorization = basic_authorization (url_user, url_password);
  if (url_password != NULL)
    memset (url_password, 0, strlen (url_password));
  return g_steal_pointer (&self);
}

/**
 * co_couch_get_url:
 * @self: a database
 *
 * Returns: its address, without credentials: what messages name it by
 */
const char *
co_couch_get_url (CoCouch *self)
{
  g_return_val_if_fail (CO_IS_COUCH (self), NULL);
  return self->url;
}

/**
 * co_couch_get_requests:
 * @self: a database
 *
 * Returns: how many requests were sent to it (the benchmarks count them)
 */
guint
co_couch_get_requests (CoCouch *self)
{
  g_return_val_if_fail (CO_IS_COUCH (self), 0);
  return g_atomic_int_get (&self->requests);
}

static const char *
member_string (JsonNode   *node,
               const char *name)
{
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node)
                                                                     : NULL;
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (member);
}

/* CouchDB's own words for a failure: "error (reason)". */
static char *
dup_reason (JsonNode *node,
            guint     status)
{
  const char *error = member_string (node, "error");
  const char *reason = member_string (node, "reason");

  if (error == NULL)
    return g_strdup_printf ("HTTP %u", status);
  return g_strdup_printf ("%s (%s)", error, reason != NULL ? reason : "");
}

typedef struct
{
  const char *method;
  const char *what;     /* the path after the database, for messages */
  const char *query;    /* (nullable) */
  JsonNode   *body;
  gint64      timeout;
} Call;

/* Attempts at a request whose answer was cut short (its JSON ends early). */
#define MAX_CUT_SHORT 3

/* One attempt: the response, or NULL with the error prefixed by the server. */
static CoHttpResponse *
send_once (CoCouch       *self,
           const Call    *call,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *url = g_strconcat (self->url, call->what[0] ? "/" : "", call->what,
                                      call->query ? "?" : "", call->query ? call->query : "", NULL);
  g_autoptr(CoHttpRequest) request = co_http_request_new (call->method, url);
  g_autoptr(GError) local_error = NULL;
  CoHttpResponse *response;

  co_http_request_set_header (request, "Accept", "application/json");
  if (self->authorization != NULL)
    co_http_request_set_header (request, "Authorization", self->authorization);
  if (call->body != NULL)
    co_http_request_set_json (request, call->body);
  co_http_request_set_idempotent (request, TRUE);
  if (call->timeout > 0)
    co_http_request_set_timeout (request, call->timeout);
  g_atomic_int_inc (&self->requests);
  response = co_http_client_send_sync (self->client, request, cancellable, &local_error);
  if (response == NULL && !co_error_is_cancelled (local_error))
    g_prefix_error (&local_error, _("Cannot reach the CouchDB server at %s: "), self->url);
  if (response == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return response;
}

static gboolean
says_json (CoHttpResponse *response)
{
  SoupMessageHeaders *headers = co_http_response_get_headers (response);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && strstr (type, "json") != NULL;
}

/* Sends @call; returns its JSON answer whatever the status.  A refused login
 * and an answer that is not JSON are errors here; an answer that says it is
 * JSON but ends early was cut short on the way, and the request (which may
 * always be repeated) goes again. */
static JsonNode *
send_call (CoCouch       *self,
           const Call    *call,
           guint         *out_status,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(CoHttpResponse) response = NULL;
  JsonNode *node = NULL;

  for (int attempt = 0; node == NULL && attempt < MAX_CUT_SHORT; attempt++)
    {
      g_clear_object (&response);
      response = send_once (self, call, cancellable, error);
      if (response == NULL)
        return NULL;
      node = co_http_response_parse_json (response, NULL);
      if (!says_json (response))
        break;
    }
  *out_status = co_http_response_get_status (response);
  if (*out_status == SOUP_STATUS_UNAUTHORIZED || *out_status == SOUP_STATUS_FORBIDDEN)
    {
      g_autofree char *reason = dup_reason (node, *out_status);

      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_UNAUTHORIZED,
                   _("The CouchDB server at %s refused the user name or password: %s"),
                   self->url, reason);
      g_clear_pointer (&node, json_node_unref);
      return NULL;
    }
  if (node == NULL && says_json (response))
    g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                 _("The CouchDB server at %s answered %s %s with JSON cut short, %d times"),
                 self->url, call->method, call->what, MAX_CUT_SHORT);
  else if (node == NULL)
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_COUCHDB,
                 _("The server at %s does not answer as CouchDB does: its answer to %s (HTTP %u) "
                   "is not JSON"), self->url, call->method, *out_status);
  return node;
}

/* Takes a 2xx answer that is an object (or an array, when @array); anything
 * else becomes the error. */
static JsonNode *
check_answer (CoCouch     *self,
              const Call  *call,
              JsonNode    *node,
              guint        status,
              gboolean     array,
              GError     **error)
{
  g_autofree char *reason = NULL;

  if (SOUP_STATUS_IS_SUCCESSFUL (status) &&
      (array ? JSON_NODE_HOLDS_ARRAY (node) : JSON_NODE_HOLDS_OBJECT (node)))
    return node;
  reason = dup_reason (node, status);
  json_node_unref (node);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_COUCHDB,
                 _("The server at %s does not answer as CouchDB does: its answer to %s %s has "
                   "the wrong shape"), self->url, call->method, call->what);
  else if (status >= 500)
    g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_HTTP,
                 _("The CouchDB server at %s failed %s %s with %u: %s"), self->url,
                 call->method, call->what, status, reason);
  else
    g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_REJECTED,
                 _("The CouchDB server at %s refused %s %s with %u: %s"), self->url,
                 call->method, call->what, status, reason);
  return NULL;
}

static JsonNode *
expect (CoCouch       *self,
        const Call    *call,
        gboolean       array,
        GCancellable  *cancellable,
        GError       **error)
{
  guint status = 0;
  JsonNode *node = send_call (self, call, &status, cancellable, error);

  return node != NULL ? check_answer (self, call, node, status, array, error) : NULL;
}

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* Whether the server's root says it is CouchDB (or PouchDB Server). */
static gboolean
root_is_couch (CoCouch       *self,
               GCancellable  *cancellable)
{
  g_autoptr(CoCouch) root = g_object_new (CO_TYPE_COUCH, NULL);
  Call call = { "GET", "", NULL, NULL, 0 };
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  root->client = g_object_ref (self->client);
  root->url = g_strndup (self->root, strlen (self->root) - 1);
  root->authorization = g_strdup (self->authorization);
  node = send_call (root, &call, &status, cancellable, NULL);
  g_atomic_int_add (&self->requests, co_couch_get_requests (root));
  return node != NULL && (member_string (node, "couchdb") != NULL ||
                          member_string (node, "express-pouchdb") != NULL);
}

static gboolean
create_database (CoCouch       *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Call call = { "PUT", "", NULL, NULL, 0 };
  guint status = 0;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *reason = NULL;

  if (!root_is_couch (self, cancellable))
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_COUCHDB,
                   _("The server at %s does not answer as CouchDB does: it has no database "
                     "there, and its root is not CouchDB's"), self->url);
      return FALSE;
    }
  node = send_call (self, &call, &status, cancellable, error);
  if (node == NULL)
    return FALSE;
  /* 412: made meanwhile by someone else, which is as good. */
  if (SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_PRECONDITION_FAILED)
    return TRUE;
  reason = dup_reason (node, status);
  g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NO_DATABASE,
               _("The database %s does not exist, and the server would not make it: %s"),
               self->url, reason);
  return FALSE;
}

/**
 * co_couch_open:
 * @self: a database
 * @create: make the database when it does not exist
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks that the address is a CouchDB database this account may use.
 *
 * Returns: %TRUE when it is; otherwise %FALSE with
 *   %CO_MIRROR_ERROR_NOT_COUCHDB, %CO_MIRROR_ERROR_UNAUTHORIZED,
 *   %CO_MIRROR_ERROR_NO_DATABASE or a network error
 */
gboolean
co_couch_open (CoCouch       *self,
               gboolean       create,
               GCancellable  *cancellable,
               GError       **error)
{
  Call call = { "GET", "", NULL, NULL, 0 };
  guint status = 0;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (CO_IS_COUCH (self), FALSE);

  node = send_call (self, &call, &status, cancellable, error);
  if (node == NULL)
    return FALSE;
  if (status == SOUP_STATUS_NOT_FOUND && member_string (node, "error") != NULL)
    {
      if (create)
        return create_database (self, cancellable, error);
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NO_DATABASE,
                   _("The database %s does not exist"), self->url);
      return FALSE;
    }
  if (status == SOUP_STATUS_OK && JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "update_seq") &&
      member_string (node, "db_name") != NULL)
    return TRUE;
  g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_COUCHDB,
               _("The server at %s does not answer as CouchDB does: it describes no database "
                 "there (HTTP %u)"), self->url, status);
  return FALSE;
}

static char *
local_path (const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat ("_local/", escaped, NULL);
}

/**
 * co_couch_get_local:
 * @self: a database
 * @id: a `_local` document's id, without `_local/`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the document, or %NULL without an
 *   error when there is none
 */
JsonObject *
co_couch_get_local (CoCouch       *self,
                    const char    *id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *path = local_path (id);
  Call call = { "GET", path, NULL, NULL, 0 };
  guint status = 0;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (CO_IS_COUCH (self), NULL);

  node = send_call (self, &call, &status, cancellable, error);
  if (node == NULL || status == SOUP_STATUS_NOT_FOUND)
    return NULL;
  node = check_answer (self, &call, g_steal_pointer (&node), status, FALSE, error);
  return node != NULL ? json_object_ref (json_node_get_object (node)) : NULL;
}

/* The revision the server has of a _local document now, or NULL. */
static char *
dup_local_rev (CoCouch       *self,
               const char    *id,
               GCancellable  *cancellable)
{
  g_autoptr(JsonObject) current = co_couch_get_local (self, id, cancellable, NULL);

  return current != NULL
         ? g_strdup (co_mirror_json_string (current, "_rev")) : NULL;
}

/**
 * co_couch_put_local:
 * @self: a database
 * @id: a `_local` document's id, without `_local/`
 * @doc: the document, with the `_rev` it replaces when it exists
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a `_local` document.  When the server has another revision of it
 * than @doc says (it was written meanwhile, or the server lost it), it is
 * written over that one: `_local` documents are this library's alone.
 *
 * Returns: (transfer full) (nullable): the revision the server gave it
 */
char *
co_couch_put_local (CoCouch       *self,
                    const char    *id,
                    JsonObject    *doc,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *path = local_path (id);
  g_autoptr(JsonNode) body = json_node_init_object (json_node_alloc (), doc);
  Call call = { "PUT", path, NULL, body, 0 };
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;
  const char *rev;

  g_return_val_if_fail (CO_IS_COUCH (self), NULL);

  answer = send_call (self, &call, &status, cancellable, error);
  /* A retry after a lost answer, or someone else, wrote it meanwhile. */
  for (int attempt = 0; answer != NULL && attempt < MAX_CUT_SHORT &&
       (status == SOUP_STATUS_CONFLICT || status == SOUP_STATUS_NOT_FOUND); attempt++)
    {
      g_autofree char *current = dup_local_rev (self, id, cancellable);

      if (current != NULL)
        json_object_set_string_member (doc, "_rev", current);
      else
        json_object_remove_member (doc, "_rev");
      g_clear_pointer (&answer, json_node_unref);
      answer = send_call (self, &call, &status, cancellable, error);
    }
  if (answer == NULL)
    return NULL;
  answer = check_answer (self, &call, g_steal_pointer (&answer), status, FALSE, error);
  if (answer == NULL)
    return NULL;
  rev = member_string (answer, "rev");
  return g_strdup (rev != NULL ? rev : "0-1");
}

static char *
since_text (JsonNode *since)
{
  g_autofree char *text = NULL;

  if (since == NULL || JSON_NODE_HOLDS_NULL (since))
    return g_strdup ("0");
  if (JSON_NODE_HOLDS_VALUE (since) && json_node_get_value_type (since) == G_TYPE_STRING)
    return g_uri_escape_string (json_node_get_string (since), NULL, FALSE);
  text = json_to_string (since, FALSE);
  return g_uri_escape_string (text, NULL, FALSE);
}

/**
 * co_couch_changes:
 * @self: a database
 * @since: (nullable): the sequence to start after (a number or CouchDB's
 *   opaque string), or %NULL for the beginning
 * @limit: at most this many changes
 * @longpoll_ms: when positive, wait up to this long for a change if there is
 *   none (`feed=longpoll`)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the answer of `_changes` with
 *   `style=all_docs`: `results` (each with `id` and the leaf revisions in
 *   `changes`) and `last_seq`
 */
JsonObject *
co_couch_changes (CoCouch       *self,
                  JsonNode      *since,
                  guint          limit,
                  gint64         longpoll_ms,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *from = since_text (since);
  g_autofree char *query = NULL;
  Call call = { "GET", "_changes", NULL, NULL, 0 };
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;

  g_return_val_if_fail (CO_IS_COUCH (self), NULL);

  if (longpoll_ms > 0)
    query = g_strdup_printf ("style=all_docs&since=%s&limit=%u&feed=longpoll"
                             "&timeout=%" G_GINT64_FORMAT, from, limit, longpoll_ms);
  else
    query = g_strdup_printf ("style=all_docs&since=%s&limit=%u", from, limit);
  call.query = query;
  call.timeout = longpoll_ms > 0 ? (longpoll_ms + 30000) * 1000 : 0;
  answer = expect (self, &call, FALSE, cancellable, error);
  if (answer == NULL)
    return NULL;
  object = json_node_get_object (answer);
  if (!json_object_has_member (object, "last_seq") ||
      co_mirror_json_array (object, "results") == NULL)
    {
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_NOT_COUCHDB,
                   _("The server at %s does not answer as CouchDB does: its _changes have no "
                     "results or last_seq"), self->url);
      return NULL;
    }
  return json_object_ref (object);
}

/**
 * co_couch_revs_diff:
 * @self: a database
 * @revs: document ids, each with an array of revisions
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): which of them the server lacks:
 *   `{id: {"missing": […]}}`
 */
JsonObject *
co_couch_revs_diff (CoCouch       *self,
                    JsonObject    *revs,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(JsonNode) body = json_node_init_object (json_node_alloc (), revs);
  Call call = { "POST", "_revs_diff", NULL, body, 0 };
  g_autoptr(JsonNode) answer = NULL;

  g_return_val_if_fail (CO_IS_COUCH (self), NULL);

  answer = expect (self, &call, FALSE, cancellable, error);
  return answer != NULL ? json_object_ref (json_node_get_object (answer)) : NULL;
}

/* The documents in an answer of _bulk_get or open_revs: {"ok": doc} entries;
 * revisions the server no longer has are left out. */
static void
add_found (JsonArray *entries,
           GPtrArray *docs)
{
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonNode *entry = json_array_get_element (entries, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
      JsonNode *doc = object != NULL ? json_object_get_member (object, "ok") : NULL;

      if (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc))
        g_ptr_array_add (docs, json_node_copy (doc));
    }
}

static JsonNode *
bulk_get_body (JsonObject *missing)
{
  JsonArray *wanted = json_array_new ();
  JsonObject *body = json_object_new ();
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, missing);
  while (json_object_iter_next_ordered (&iter, &id, &node))
    {
      JsonArray *revs = co_mirror_json_array (json_node_get_object (node), "missing");

      for (guint i = 0; i < json_array_get_length (revs); i++)
        {
          JsonObject *one = json_object_new ();

          json_object_set_string_member (one, "id", id);
          json_object_set_string_member (one, "rev", json_array_get_string_element (revs, i));
          json_array_add_object_element (wanted, one);
        }
    }
  json_object_set_array_member (body, "docs", wanted);
  return take_object (body);
}

/* _bulk_get (CouchDB 2.0 and later, PouchDB Server); FALSE with no error when
 * the server has none. */
static gboolean
fetch_bulk (CoCouch       *self,
            JsonObject    *missing,
            GPtrArray     *docs,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonNode) body = bulk_get_body (missing);
  Call call = { "POST", "_bulk_get", "revs=true", body, 0 };
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;
  guint status = 0;

  answer = send_call (self, &call, &status, cancellable, error);
  if (answer == NULL)
    return FALSE;
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
      status == SOUP_STATUS_BAD_REQUEST)
    {
      self->no_bulk_get = TRUE;
      return FALSE;
    }
  answer = check_answer (self, &call, g_steal_pointer (&answer), status, FALSE, error);
  if (answer == NULL)
    return FALSE;
  results = co_mirror_json_array (json_node_get_object (answer), "results");
  for (guint i = 0; results != NULL && i < json_array_get_length (results); i++)
    {
      JsonObject *result = co_mirror_json_element (results, i);

      add_found (result ? co_mirror_json_array (result, "docs") : NULL, docs);
    }
  return TRUE;
}

/* One document's revisions with their history: GET with open_revs. */
static gboolean
fetch_open_revs (CoCouch       *self,
                 const char    *id,
                 JsonArray     *revs,
                 GPtrArray     *docs,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(JsonNode) list = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *list_text = NULL;
  g_autofree char *escaped_list = NULL;
  g_autofree char *escaped_id = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *query = NULL;
  g_autoptr(JsonNode) answer = NULL;
  Call call = { "GET", escaped_id, NULL, NULL, 0 };

  json_node_set_array (list, revs);
  list_text = json_to_string (list, FALSE);
  escaped_list = g_uri_escape_string (list_text, NULL, FALSE);
  /* latest=true: a revision replaced since _changes named it comes as its
   * newest descendant.  (PouchDB Server stops on an unknown revision with
   * it, so only revisions the server named are asked for.) */
  query = g_strconcat ("revs=true&latest=true&open_revs=", escaped_list, NULL);
  call.query = query;
  answer = expect (self, &call, TRUE, cancellable, error);
  if (answer == NULL)
    return FALSE;
  add_found (json_node_get_array (answer), docs);
  return TRUE;
}

/**
 * co_couch_fetch:
 * @self: a database
 * @missing: what to fetch, as `_revs_diff` answers: `{id: {"missing": […]}}`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches revisions with their history (`_revisions`): with one `_bulk_get`,
 * or one `open_revs` request per document where the server has no
 * `_bulk_get`.
 *
 * Returns: (transfer container) (element-type JsonNode) (nullable): the
 *   documents the server still had
 */
GPtrArray *
co_couch_fetch (CoCouch       *self,
                JsonObject    *missing,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autoptr(GError) local_error = NULL;
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  g_return_val_if_fail (CO_IS_COUCH (self), NULL);

  if (json_object_get_size (missing) == 0)
    return g_steal_pointer (&docs);
  if (!self->no_bulk_get && fetch_bulk (self, missing, docs, cancellable, &local_error))
    return g_steal_pointer (&docs);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  json_object_iter_init_ordered (&iter, missing);
  while (json_object_iter_next_ordered (&iter, &id, &node))
    {
      JsonArray *revs = co_mirror_json_array (json_node_get_object (node), "missing");

      if (!fetch_open_revs (self, id, revs, docs, cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&docs);
}

/**
 * co_couch_bulk_docs:
 * @self: a database
 * @docs: (element-type JsonNode): revisions with their history
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stores the revisions as they are (`new_edits: false`): the server adds
 * them to each document's tree, whatever its current revision.
 *
 * Returns: %TRUE when the server took all of them; otherwise
 *   %CO_MIRROR_ERROR_REJECTED naming the first it refused
 */
gboolean
co_couch_bulk_docs (CoCouch       *self,
                    GPtrArray     *docs,
                    GCancellable  *cancellable,
                    GError       **error)
{
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  Call call = { "POST", "_bulk_docs", NULL, NULL, 0 };
  JsonArray *results;

  g_return_val_if_fail (CO_IS_COUCH (self), FALSE);

  for (guint i = 0; i < docs->len; i++)
    json_array_add_element (array, json_node_ref (g_ptr_array_index (docs, i)));
  json_object_set_array_member (object, "docs", array);
  json_object_set_boolean_member (object, "new_edits", FALSE);
  body = take_object (object);
  call.body = body;
  answer = expect (self, &call, TRUE, cancellable, error);
  if (answer == NULL)
    return FALSE;
  results = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *result = json_array_get_element (results, i);
      g_autofree char *reason = NULL;

      if (member_string (result, "error") == NULL)
        continue;
      reason = dup_reason (result, 0);
      g_set_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_REJECTED,
                   _("The CouchDB server at %s refused the document “%s”: %s"), self->url,
                   member_string (result, "id") ? member_string (result, "id") : "?", reason);
      return FALSE;
    }
  return TRUE;
}
