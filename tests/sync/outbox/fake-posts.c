/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fake-posts.h"

/* The service */

struct _FakePosts
{
  GHashTable *delivered;   /* marker -> count */
  GHashTable *ids;         /* marker -> first id */
  GHashTable *keys;        /* idempotency key -> id */
  GPtrArray  *posts;       /* JSON objects as text, in order */
  guint       next_id;
  guint       total;
};

static char *
deliver (FakePosts  *self,
         const char *marker)
{
  char *id = g_strdup_printf ("p-%u", ++self->next_id);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->delivered, marker));

  g_hash_table_insert (self->delivered, g_strdup (marker), GUINT_TO_POINTER (count + 1));
  if (count == 0)
    g_hash_table_insert (self->ids, g_strdup (marker), g_strdup (id));
  g_ptr_array_add (self->posts, g_strdup_printf ("{\"id\": \"%s\", \"marker\": \"%s\"}", id,
                                                 marker));
  self->total++;
  return id;
}

static void
post_handler (CoTestServer      *server,
              SoupServerMessage *message,
              const char        *path,
              gpointer           user_data)
{
  FakePosts *self = user_data;
  g_autoptr(JsonNode) body = co_test_read_json (message);
  const char *key = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Idempotency-Key");
  const char *marker;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      co_test_reply_json (message, 400, "{\"error\": \"not json\"}");
      return;
    }
  marker = json_object_get_string_member (json_node_get_object (body), "marker");
  if (key != NULL && g_hash_table_contains (self->keys, key))
    id = g_strdup (g_hash_table_lookup (self->keys, key));
  else
    id = deliver (self, marker);
  if (key != NULL)
    g_hash_table_replace (self->keys, g_strdup (key), g_strdup (id));
  json = g_strdup_printf ("{\"id\": \"%s\"}", id);
  co_test_reply_json (message, 201, json);
}

static void
list_handler (CoTestServer      *server,
              SoupServerMessage *message,
              const char        *path,
              gpointer           user_data)
{
  FakePosts *self = user_data;
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < self->posts->len; i++)
    g_string_append_printf (json, "%s%s", i > 0 ? ", " : "",
                            (const char *)g_ptr_array_index (self->posts, i));
  g_string_append_c (json, ']');
  co_test_reply_json (message, 200, json->str);
}

FakePosts *
fake_posts_new (CoTestServer *server)
{
  FakePosts *self = g_new0 (FakePosts, 1);

  self->delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->posts = g_ptr_array_new_with_free_func (g_free);
  co_test_server_route (server, "POST", "/posts", post_handler, self);
  co_test_server_route (server, "GET", "/posts", list_handler, self);
  return self;
}

void
fake_posts_free (FakePosts *self)
{
  g_hash_table_unref (self->delivered);
  g_hash_table_unref (self->ids);
  g_hash_table_unref (self->keys);
  g_ptr_array_unref (self->posts);
  g_free (self);
}

guint
fake_posts_delivered (FakePosts  *self,
                      const char *marker)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->delivered, marker));
}

const char *
fake_posts_id_of (FakePosts  *self,
                  const char *marker)
{
  return g_hash_table_lookup (self->ids, marker);
}

guint
fake_posts_total (FakePosts *self)
{
  return self->total;
}

/* The handlers */

/* "fake.post": no key, looks its posts up.  Its subclass sends "fake.keyed" with
 * the operation's key and cannot look up. */
#define FAKE_TYPE_HANDLER (fake_handler_get_type ())
G_DECLARE_DERIVABLE_TYPE (FakeHandler, fake_handler, FAKE, HANDLER, GObject)

struct _FakeHandlerClass
{
  GObjectClass parent_class;
};

typedef struct
{
  CoHttpClient *client;
  char         *base_url;
} FakeHandlerPrivate;

static void fake_handler_iface_init (CoOutboxHandlerInterface *iface);

G_DEFINE_TYPE_WITH_CODE (FakeHandler, fake_handler, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (FakeHandler)
                         G_IMPLEMENT_INTERFACE (CO_TYPE_OUTBOX_HANDLER, fake_handler_iface_init))

#define FAKE_TYPE_KEYED_HANDLER (fake_keyed_handler_get_type ())
G_DECLARE_FINAL_TYPE (FakeKeyedHandler, fake_keyed_handler, FAKE, KEYED_HANDLER, FakeHandler)

struct _FakeKeyedHandler
{
  FakeHandler parent_instance;
};

static void fake_keyed_handler_iface_init (CoOutboxHandlerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeKeyedHandler, fake_keyed_handler, FAKE_TYPE_HANDLER,
                               G_IMPLEMENT_INTERFACE (CO_TYPE_OUTBOX_HANDLER,
                                                      fake_keyed_handler_iface_init))

static const char * const *
fake_handler_get_kinds (CoOutboxHandler *handler)
{
  static const char *const kinds[] = { "fake.post", NULL };

  return kinds;
}

static const char * const *
fake_keyed_handler_get_kinds (CoOutboxHandler *handler)
{
  static const char *const kinds[] = { "fake.keyed", NULL };

  return kinds;
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoHttpRequest *request = g_task_get_task_data (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonNode) json = NULL;
  GError *error = NULL;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || !co_http_response_check (response, &error) ||
      (json = co_http_response_parse_json (response, &error)) == NULL)
    {
      /* The server's wait, for the outbox's next attempt. */
      g_object_set_data (G_OBJECT (task), "retry-at",
                         g_memdup2 (&(gint64){ co_http_request_get_retry_at (request) },
                                    sizeof (gint64)));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         co_outbox_result_new (json_object_get_string_member (
                                                 json_node_get_object (json), "id"), NULL, NULL),
                         (GDestroyNotify)co_outbox_result_free);
}

static void
fake_handler_send_async (CoOutboxHandler     *handler,
                         CoOutbox            *outbox,
                         CoOutboxOperation   *operation,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  FakeHandlerPrivate *priv = fake_handler_get_instance_private (FAKE_HANDLER (handler));
  GTask *task = g_task_new (handler, cancellable, callback, user_data);
  g_autofree char *uri = g_strconcat (priv->base_url, "/posts", NULL);
  CoHttpRequest *request = co_http_request_new ("POST", uri);
  g_autofree char *body = g_strdup_printf ("{\"marker\": \"%s\"}",
                                           co_outbox_operation_get_marker (operation));
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  co_http_request_set_body (request, "application/json", bytes);
  if (g_str_equal (co_outbox_operation_get_kind (operation), "fake.keyed"))
    co_http_request_set_idempotency_key (request, "Idempotency-Key",
                                         co_outbox_operation_get_key (operation));
  g_task_set_task_data (task, request, g_object_unref);
  co_http_client_send_async (priv->client, request, cancellable, posted_cb, task);
}

static CoOutboxResult *
fake_handler_send_finish (CoOutboxHandler  *handler,
                          GAsyncResult     *result,
                          gint64           *out_retry_at,
                          GError          **error)
{
  gint64 *retry_at = g_object_get_data (G_OBJECT (result), "retry-at");

  *out_retry_at = retry_at != NULL ? *retry_at : 0;
  g_free (retry_at);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoOutbox *outbox = g_object_get_data (G_OBJECT (task), "outbox");
  CoOutboxOperation *operation = g_task_get_task_data (task);
  g_autoptr(CoHttpResponse) response = NULL;
  g_autoptr(JsonNode) json = NULL;
  GError *error = NULL;
  JsonArray *posts;

  response = co_http_client_send_finish (CO_HTTP_CLIENT (object), result, &error);
  if (response == NULL || !co_http_response_check (response, &error) ||
      (json = co_http_response_parse_json (response, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  posts = json_node_get_array (json);
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonObject *post = json_array_get_object_element (posts, i);
      const char *id = json_object_get_string_member (post, "id");

      if (g_strcmp0 (json_object_get_string_member (post, "marker"),
                     co_outbox_operation_get_marker (operation)) == 0 &&
          !co_outbox_is_remote_claimed (outbox, 0, id, co_outbox_operation_get_id (operation)))
        {
          g_task_return_pointer (task, co_outbox_result_new (id, NULL, NULL),
                                 (GDestroyNotify)co_outbox_result_free);
          return;
        }
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
fake_handler_lookup_async (CoOutboxHandler     *handler,
                           CoOutbox            *outbox,
                           CoOutboxOperation   *operation,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  FakeHandlerPrivate *priv = fake_handler_get_instance_private (FAKE_HANDLER (handler));
  GTask *task = g_task_new (handler, cancellable, callback, user_data);
  g_autofree char *uri = g_strconcat (priv->base_url, "/posts", NULL);
  g_autoptr(CoHttpRequest) request = co_http_request_new ("GET", uri);

  g_task_set_task_data (task, g_object_ref (operation), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "outbox", g_object_ref (outbox), g_object_unref);
  co_http_client_send_async (priv->client, request, cancellable, listed_cb, task);
}

static CoOutboxResult *
fake_handler_lookup_finish (CoOutboxHandler  *handler,
                            GAsyncResult     *result,
                            GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_handler_finalize (GObject *object)
{
  FakeHandlerPrivate *priv = fake_handler_get_instance_private (FAKE_HANDLER (object));

  g_clear_object (&priv->client);
  g_free (priv->base_url);
  G_OBJECT_CLASS (fake_handler_parent_class)->finalize (object);
}

static void
fake_handler_iface_init (CoOutboxHandlerInterface *iface)
{
  iface->get_kinds = fake_handler_get_kinds;
  iface->send_async = fake_handler_send_async;
  iface->send_finish = fake_handler_send_finish;
  iface->lookup_async = fake_handler_lookup_async;
  iface->lookup_finish = fake_handler_lookup_finish;
}

static void
fake_handler_class_init (FakeHandlerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_handler_finalize;
}

static void
fake_handler_init (FakeHandler *self)
{
}

static void
fake_keyed_handler_iface_init (CoOutboxHandlerInterface *iface)
{
  iface->get_kinds = fake_keyed_handler_get_kinds;
  iface->send_async = fake_handler_send_async;
  iface->send_finish = fake_handler_send_finish;
  iface->lookup_async = NULL;
  iface->lookup_finish = NULL;
}

static void
fake_keyed_handler_class_init (FakeKeyedHandlerClass *klass)
{
}

static void
fake_keyed_handler_init (FakeKeyedHandler *self)
{
}

CoOutboxHandler *
fake_handler_new (CoHttpClient *client,
                  const char   *base_url,
                  gboolean      keyed)
{
  FakeHandler *self = g_object_new (keyed ? FAKE_TYPE_KEYED_HANDLER : FAKE_TYPE_HANDLER, NULL);
  FakeHandlerPrivate *priv = fake_handler_get_instance_private (self);

  priv->client = g_object_ref (client);
  priv->base_url = g_strdup (base_url);
  return CO_OUTBOX_HANDLER (self);
}
