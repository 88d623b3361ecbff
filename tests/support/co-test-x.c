/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-x.h"

typedef struct
{
  char *id;
  char *text;
  char *reply_to;
} Post;

struct _CoTestX
{
  CoTestOAuth *provider;
  char        *user_id;
  char        *username;
  GPtrArray   *posts;      /* Post, oldest first */
  GHashTable  *counts;     /* text -> count */
  guint64      next_id;
  int          remaining;
};

static void
post_free (Post *post)
{
  g_free (post->id);
  g_free (post->text);
  g_free (post->reply_to);
  g_free (post);
}

static void
add_rate_headers (CoTestX           *self,
                  SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *remaining = g_strdup_printf ("%d", MAX (--self->remaining, 1));
  g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            g_get_real_time () / G_USEC_PER_SEC + 900);

  soup_message_headers_replace (headers, "x-rate-limit-limit", "300");
  soup_message_headers_replace (headers, "x-rate-limit-remaining", remaining);
  soup_message_headers_replace (headers, "x-rate-limit-reset", reset);
}

/* X's answer to a missing or refused token. */
static gboolean
authorized (CoTestX           *self,
            SoupServerMessage *message)
{
  if (co_test_oauth_accepts (self->provider, co_test_get_bearer (message)))
    return TRUE;
  co_test_reply_json (message, 401, "{\"title\": \"Unauthorized\", \"type\": \"about:blank\","
                                    " \"status\": 401, \"detail\": \"Unauthorized\"}");
  return FALSE;
}

static void
me_handler (CoTestServer      *server,
            SoupServerMessage *message,
            const char        *path,
            gpointer           user_data)
{
  CoTestX *self = user_data;
  g_autofree char *json = NULL;

  if (!authorized (self, message))
    return;
  json = g_strdup_printf ("{\"data\": {\"id\": \"%s\", \"name\": \"Test Creator\", "
                          "\"username\": \"%s\"}}", self->user_id, self->username);
  co_test_reply_json (message, 200, json);
  add_rate_headers (self, message);
}

static char *
post_to_json (Post *post)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, post->id);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, post->text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* X wraps every link in its t.co shortener; the text it gives back differs. */
static char *
shorten_links (const char *text)
{
  g_autoptr(GRegex) links = g_regex_new ("https?://\\S+", 0, 0, NULL);

  return g_regex_replace_literal (links, text, -1, 0, "https://t.co/AbCdEf123", 0, NULL);
}

static void
tweet_handler (CoTestServer      *server,
               SoupServerMessage *message,
               const char        *path,
               gpointer           user_data)
{
  CoTestX *self = user_data;
  g_autoptr(JsonNode) body = co_test_read_json (message);
  JsonObject *object = body != NULL && JSON_NODE_HOLDS_OBJECT (body)
                         ? json_node_get_object (body) : NULL;
  const char *text = object != NULL ? json_object_get_string_member_with_default (object, "text",
                                                                                  NULL) : NULL;
  Post *post;
  g_autofree char *json = NULL;
  g_autofree char *answer = NULL;

  if (!authorized (self, message))
    return;
  if (text == NULL || text[0] == '\0')
    {
      co_test_reply_json (message, 400, "{\"title\": \"Invalid Request\", \"detail\": "
                                        "\"text is required\"}");
      return;
    }
  post = g_new0 (Post, 1);
  post->id = g_strdup_printf ("%" G_GUINT64_FORMAT, ++self->next_id);
  post->text = shorten_links (text);
  if (json_object_has_member (object, "reply"))
    post->reply_to = g_strdup (json_object_get_string_member (
      json_object_get_object_member (object, "reply"), "in_reply_to_tweet_id"));
  g_ptr_array_add (self->posts, post);
  /* Counted by the text as sent, before X rewrote its links. */
  g_hash_table_insert (self->counts, g_strdup (text),
                       GUINT_TO_POINTER (co_test_x_count_text (self, text) + 1));
  json = post_to_json (post);
  answer = g_strdup_printf ("{\"data\": %s}", json);
  co_test_reply_json (message, 201, answer);
  add_rate_headers (self, message);
}

/* GET /2/users/:id/tweets: newest first, "data" left out when there are none. */
static void
timeline_handler (CoTestServer      *server,
                  SoupServerMessage *message,
                  const char        *path,
                  gpointer           user_data)
{
  CoTestX *self = user_data;
  g_autofree char *wanted = g_strdup_printf ("/2/users/%s/tweets", self->user_id);
  g_autoptr(GString) json = g_string_new ("{");

  if (!authorized (self, message))
    return;
  if (!g_str_equal (path, wanted))
    {
      co_test_reply_json (message, 404, "{\"title\": \"Not Found Error\"}");
      return;
    }
  if (self->posts->len > 0)
    g_string_append (json, "\"data\": [");
  for (guint i = self->posts->len; i > 0; i--)
    {
      g_autofree char *post = post_to_json (g_ptr_array_index (self->posts, i - 1));

      g_string_append_printf (json, "%s%s", i < self->posts->len ? ", " : "", post);
    }
  g_string_append_printf (json, "%s\"meta\": {\"result_count\": %u}}",
                          self->posts->len > 0 ? "], " : "", self->posts->len);
  co_test_reply_json (message, 200, json->str);
  add_rate_headers (self, message);
}

CoTestX *
co_test_x_new (CoTestServer *server,
               CoTestOAuth  *provider,
               const char   *user_id,
               const char   *username)
{
  CoTestX *self = g_new0 (CoTestX, 1);

  self->provider = provider;
  self->user_id = g_strdup (user_id);
  self->username = g_strdup (username);
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify)post_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->next_id = G_GUINT64_CONSTANT (1790000000000000000);
  self->remaining = 300;
  co_test_server_route (server, "GET", "/2/users/me", me_handler, self);
  co_test_server_route (server, "GET", "/2/users/", timeline_handler, self);
  co_test_server_route (server, "POST", "/2/tweets", tweet_handler, self);
  return self;
}

void
co_test_x_free (CoTestX *self)
{
  g_free (self->user_id);
  g_free (self->username);
  g_ptr_array_unref (self->posts);
  g_hash_table_unref (self->counts);
  g_free (self);
}

/* How many posts have exactly @text. */
guint
co_test_x_count_text (CoTestX    *self,
                      const char *text)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, text));
}

/* The id of the first post with @text (as sent), or NULL. */
const char *
co_test_x_id_of (CoTestX    *self,
                 const char *text)
{
  g_autofree char *shown = shorten_links (text);

  for (guint i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      if (g_str_equal (post->text, shown))
        return post->id;
    }
  return NULL;
}

/* The post that post @id answers, or NULL. */
const char *
co_test_x_reply_to (CoTestX    *self,
                    const char *id)
{
  for (guint i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      if (g_str_equal (post->id, id))
        return post->reply_to;
    }
  return NULL;
}

guint
co_test_x_n_posts (CoTestX *self)
{
  return self->posts->len;
}
