/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-x.h"

typedef struct
{
  char  *id;
  char  *text;
  char  *reply_to;
  GStrv  media;      /* media ids, or NULL */
} Post;

typedef struct
{
  char      *id;
  char      *type;
  char      *category;
  gint64     total;
  GPtrArray *segments;   /* GBytes or NULL, by segment_index */
  gboolean   finalized;
  guint      polls;      /* STATUS answers still "in_progress" */
  gboolean   fail;
  char      *state;      /* NULL (no processing), pending, in_progress, succeeded, failed */
} Media;

struct _CoTestX
{
  CoTestOAuth *provider;
  char        *user_id;
  char        *username;
  GPtrArray   *posts;      /* Post, oldest first */
  GHashTable  *counts;     /* text -> count */
  guint64      next_id;
  int          remaining;
  GHashTable  *media;      /* id -> Media */
  GHashTable  *metrics;    /* id -> CoTestCounts */
  guint        polls;      /* for the next media that X processes */
  gboolean     fail;
};

static void
media_free (Media *media)
{
  g_free (media->id);
  g_free (media->type);
  g_free (media->category);
  g_ptr_array_unref (media->segments);
  g_free (media->state);
  g_free (media);
}

static void
post_free (Post *post)
{
  g_strfreev (post->media);
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

/* media.media_ids: each must be uploaded, finalized and processed. */
static gboolean
read_media_ids (CoTestX    *self,
                JsonObject *object,
                Post       *post)
{
  JsonNode *media = json_object_get_member (object, "media");
  JsonArray *ids;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (media == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (media) ||
      !json_object_has_member (json_node_get_object (media), "media_ids"))
    return FALSE;
  ids = json_object_get_array_member (json_node_get_object (media), "media_ids");
  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      const char *id = json_array_get_string_element (ids, i);
      Media *found = id != NULL ? g_hash_table_lookup (self->media, id) : NULL;

      if (found == NULL || !found->finalized ||
          (found->state != NULL && !g_str_equal (found->state, "succeeded")))
        return FALSE;
      g_strv_builder_add (builder, id);
    }
  post->media = g_strv_builder_end (builder);
  return ids != NULL && json_array_get_length (ids) > 0 && json_array_get_length (ids) <= 4;
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
  if (!read_media_ids (self, object, post))
    {
      post_free (post);
      co_test_reply_json (message, 400, "{\"title\": \"Invalid Request\", \"detail\": "
                                        "\"One or more parameters to your request was invalid.\", "
                                        "\"errors\": [{\"message\": \"Your media IDs are "
                                        "invalid.\"}]}");
      return;
    }
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
/* A timeline's page, as X documents it: max_results 5 to 100 (10 when not
 * given), and the next_token of the page before as pagination_token. */
static gboolean
read_page (SoupServerMessage *message,
           guint             *out_first,
           guint             *out_max)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autoptr(GHashTable) form = query != NULL ? soup_form_decode (query) : NULL;
  const char *max = form != NULL ? g_hash_table_lookup (form, "max_results") : NULL;
  const char *token = form != NULL ? g_hash_table_lookup (form, "pagination_token") : NULL;
  guint64 value = 10, first = 0;

  if (max != NULL && (!g_ascii_string_to_unsigned (max, 10, 5, 100, &value, NULL)))
    return FALSE;
  if (token != NULL && (!g_str_has_prefix (token, "page") ||
                        !g_ascii_string_to_unsigned (token + 4, 10, 1, G_MAXUINT, &first, NULL)))
    return FALSE;
  *out_first = (guint)first;
  *out_max = (guint)value;
  return TRUE;
}

static void
timeline_handler (CoTestServer      *server,
                  SoupServerMessage *message,
                  const char        *path,
                  gpointer           user_data)
{
  CoTestX *self = user_data;
  g_autofree char *wanted = g_strdup_printf ("/2/users/%s/tweets", self->user_id);
  g_autoptr(GString) json = g_string_new ("{");
  guint first, max, end;

  if (!authorized (self, message))
    return;
  if (!g_str_equal (path, wanted))
    {
      co_test_reply_json (message, 404, "{\"title\": \"Not Found Error\"}");
      return;
    }
  if (!read_page (message, &first, &max))
    {
      co_test_reply_json (message, 400, "{\"title\": \"Invalid Request\", \"detail\": "
                          "\"max_results must be 5 to 100, pagination_token one X gave\"}");
      return;
    }
  /* Newest first, a page at a time; next_token while older posts remain. */
  end = MIN (first + max, self->posts->len);
  if (first < end)
    g_string_append (json, "\"data\": [");
  for (guint i = first; i < end; i++)
    {
      g_autofree char *post = post_to_json (g_ptr_array_index (self->posts,
                                                               self->posts->len - 1 - i));

      g_string_append_printf (json, "%s%s", i > first ? ", " : "", post);
    }
  g_string_append_printf (json, "%s\"meta\": {\"result_count\": %u", first < end ? "], " : "",
                          end - first);
  if (end < self->posts->len)
    g_string_append_printf (json, ", \"next_token\": \"page%u\"", end);
  g_string_append (json, "}}");
  co_test_reply_json (message, 200, json->str);
  add_rate_headers (self, message);
}

/* Media upload: POST /2/media/upload (INIT, APPEND, FINALIZE), GET … STATUS */

static void
reply_media_error (SoupServerMessage *message,
                   guint              status,
                   const char        *text)
{
  g_autofree char *json = g_strdup_printf ("{\"title\": \"Invalid Request\", \"detail\": \"%s\", "
                                           "\"errors\": [{\"message\": \"%s\"}]}", text, text);

  co_test_reply_json (message, status, json);
}

/* {"data": {"id", "media_key", "expires_after_secs"[, "size", "processing_info"]}} */
static void
reply_media (CoTestX           *self,
             SoupServerMessage *message,
             Media             *media)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_append_printf (json, "{\"data\": {\"id\": \"%s\", \"media_key\": \"%s_%s\", "
                          "\"expires_after_secs\": 86400, \"size\": %" G_GINT64_FORMAT,
                          media->id, g_str_has_prefix (media->type, "video/") ? "7" : "3",
                          media->id, media->total);
  if (media->state != NULL)
    g_string_append_printf (json, ", \"processing_info\": {\"state\": \"%s\"", media->state);
  if (media->state != NULL && !g_str_equal (media->state, "succeeded") &&
      !g_str_equal (media->state, "failed"))
    g_string_append (json, ", \"check_after_secs\": 5, \"progress_percent\": 40");
  if (g_strcmp0 (media->state, "failed") == 0)
    g_string_append (json, ", \"error\": {\"code\": 1, \"name\": \"InvalidMedia\", "
                           "\"message\": \"Unsupported video format\"}");
  if (media->state != NULL)
    g_string_append (json, "}");
  g_string_append (json, "}}");
  co_test_reply_json (message, 200, json->str);
  add_rate_headers (self, message);
}

static void
media_init (CoTestX           *self,
            SoupServerMessage *message,
            GHashTable        *form)
{
  static const char *const categories[] = { "tweet_image", "tweet_gif", "tweet_video", NULL };
  const char *total = g_hash_table_lookup (form, "total_bytes");
  const char *type = g_hash_table_lookup (form, "media_type");
  const char *category = g_hash_table_lookup (form, "media_category");
  Media *media;

  if (total == NULL || g_ascii_strtoll (total, NULL, 10) <= 0 || type == NULL ||
      (category != NULL && !g_strv_contains (categories, category)))
    {
      reply_media_error (message, 400, "total_bytes and media_type are required");
      return;
    }
  media = g_new0 (Media, 1);
  media->id = g_strdup_printf ("%" G_GUINT64_FORMAT, ++self->next_id);
  media->type = g_strdup (type);
  media->category = g_strdup (category);
  media->total = g_ascii_strtoll (total, NULL, 10);
  media->segments = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_hash_table_insert (self->media, media->id, media);
  reply_media (self, message, media);
}

static void
media_append (CoTestX           *self,
              SoupServerMessage *message)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (
                                                        message));
  /* soup_form_decode_multipart() takes it. */
  SoupMultipart *multipart = soup_multipart_new_from_message (
    soup_server_message_get_request_headers (message), body);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GBytes) file = NULL;
  Media *media;
  guint index;

  form = multipart != NULL ? soup_form_decode_multipart (multipart, "media", NULL, NULL, &file)
                           : NULL;
  media = form != NULL ? g_hash_table_lookup (self->media,
                                              g_hash_table_lookup (form, "media_id") ?: "") : NULL;
  if (media == NULL || file == NULL || media->finalized ||
      g_strcmp0 (g_hash_table_lookup (form, "command"), "APPEND") != 0 ||
      g_hash_table_lookup (form, "segment_index") == NULL)
    {
      reply_media_error (message, 400, "media_id, segment_index and media are required");
      return;
    }
  index = (guint)g_ascii_strtoull (g_hash_table_lookup (form, "segment_index"), NULL, 10);
  if (index >= media->segments->len)
    g_ptr_array_set_size (media->segments, index + 1);
  g_clear_pointer (&g_ptr_array_index (media->segments, index), g_bytes_unref);
  g_ptr_array_index (media->segments, index) = g_bytes_ref (file);
  soup_server_message_set_status (message, 204, NULL);
  add_rate_headers (self, message);
}

/* All the segments, in order, or NULL when one is missing. */
static GBytes *
assemble (Media *media)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();

  for (guint i = 0; i < media->segments->len; i++)
    {
      GBytes *segment = g_ptr_array_index (media->segments, i);

      if (segment == NULL)
        return NULL;
      g_byte_array_append (all, g_bytes_get_data (segment, NULL), g_bytes_get_size (segment));
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static void
media_finalize (CoTestX           *self,
                SoupServerMessage *message,
                GHashTable        *form)
{
  Media *media = g_hash_table_lookup (self->media, g_hash_table_lookup (form, "media_id") ?: "");
  g_autoptr(GBytes) all = media != NULL ? assemble (media) : NULL;

  if (media == NULL)
    {
      reply_media_error (message, 400, "Invalid media_id");
      return;
    }
  if (all == NULL || (gint64)g_bytes_get_size (all) != media->total)
    {
      reply_media_error (message, 400, "Segments do not add up to provided total file size.");
      return;
    }
  if (!media->finalized && (g_str_has_prefix (media->type, "video/") ||
                            g_str_equal (media->type, "image/gif")))
    {
      media->state = g_strdup ("pending");
      media->polls = self->polls;
      media->fail = self->fail;
    }
  media->finalized = TRUE;
  reply_media (self, message, media);
}

static void
media_post_handler (CoTestServer      *server,
                    SoupServerMessage *message,
                    const char        *path,
                    gpointer           user_data)
{
  CoTestX *self = user_data;
  const char *type = soup_message_headers_get_content_type (
    soup_server_message_get_request_headers (message), NULL);
  g_autoptr(GHashTable) form = NULL;
  const char *command;

  if (!authorized (self, message))
    return;
  if (g_strcmp0 (type, SOUP_FORM_MIME_TYPE_MULTIPART) == 0)
    {
      media_append (self, message);
      return;
    }
  form = co_test_read_form (message);
  command = form != NULL ? g_hash_table_lookup (form, "command") : NULL;
  if (g_strcmp0 (command, "INIT") == 0)
    media_init (self, message, form);
  else if (g_strcmp0 (command, "FINALIZE") == 0)
    media_finalize (self, message, form);
  else
    reply_media_error (message, 400, "command must be INIT, APPEND or FINALIZE");
}

static void
media_status_handler (CoTestServer      *server,
                      SoupServerMessage *message,
                      const char        *path,
                      gpointer           user_data)
{
  CoTestX *self = user_data;
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autoptr(GHashTable) form = query != NULL ? soup_form_decode (query) : NULL;
  Media *media = form != NULL ? g_hash_table_lookup (self->media,
                                                     g_hash_table_lookup (form, "media_id") ?: "")
                              : NULL;

  if (!authorized (self, message))
    return;
  if (media == NULL || g_strcmp0 (g_hash_table_lookup (form, "command"), "STATUS") != 0 ||
      media->state == NULL)
    {
      reply_media_error (message, 400, "Invalid media_id or command");
      return;
    }
  if (g_str_equal (media->state, "pending") || g_str_equal (media->state, "in_progress"))
    {
      g_free (media->state);
      media->state = g_strdup (media->polls > 0 ? "in_progress"
                                                : media->fail ? "failed" : "succeeded");
      media->polls -= media->polls > 0;
    }
  reply_media (self, message, media);
}

/* One post of GET /2/tweets?ids=…&tweet.fields=public_metrics. */
static void
add_public_metrics (JsonBuilder        *builder,
                    const char         *id,
                    const CoTestCounts *counts)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "public_metrics");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "retweet_count");
  json_builder_add_int_value (builder, counts->shares);
  json_builder_set_member_name (builder, "reply_count");
  json_builder_add_int_value (builder, counts->comments);
  json_builder_set_member_name (builder, "like_count");
  json_builder_add_int_value (builder, counts->likes);
  json_builder_set_member_name (builder, "quote_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "bookmark_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "impression_count");
  json_builder_add_int_value (builder, counts->views);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* X's partial error for an id it does not find: the post is left out of "data". */
static void
add_not_found (JsonBuilder *builder,
               const char  *id)
{
  g_autofree char *detail = g_strdup_printf ("Could not find tweet with ids: [%s].", id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "value");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, "Not Found Error");
  json_builder_set_member_name (builder, "resource_type");
  json_builder_add_string_value (builder, "tweet");
  json_builder_set_member_name (builder, "parameter");
  json_builder_add_string_value (builder, "ids");
  json_builder_set_member_name (builder, "resource_id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
}

/* GET /2/tweets?ids=…: up to 100 ids; public_metrics only when tweet.fields
 * asks for them; ids X does not know come back under "errors". */
static void
lookup_handler (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  CoTestX *self = user_data;
  g_auto(GStrv) ids = co_test_query_list (message, "ids");
  g_auto(GStrv) fields = co_test_query_list (message, "tweet.fields");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (!authorized (self, message))
    return;
  if (!g_str_equal (path, "/2/tweets") || ids == NULL || g_strv_length (ids) > 100 ||
      fields == NULL || !g_strv_contains ((const char * const *)fields, "public_metrics"))
    {
      co_test_reply_json (message, 400, "{\"title\": \"Invalid Request\", \"detail\": "
                                        "\"One or more parameters to your request was invalid.\"}");
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    if (co_test_metrics_get (self->metrics, ids[i]) != NULL)
      add_public_metrics (builder, ids[i], co_test_metrics_get (self->metrics, ids[i]));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    if (co_test_metrics_get (self->metrics, ids[i]) == NULL)
      add_not_found (builder, ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  co_test_reply_json (message, 200, json);
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
  co_test_server_route (server, "GET", "/2/tweets", lookup_handler, self);
  self->metrics = co_test_metrics_new ();
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)media_free);
  co_test_server_route (server, "POST", "/2/media/upload", media_post_handler, self);
  co_test_server_route (server, "GET", "/2/media/upload", media_status_handler, self);
  return self;
}

void
co_test_x_free (CoTestX *self)
{
  g_free (self->user_id);
  g_free (self->username);
  g_ptr_array_unref (self->posts);
  g_hash_table_unref (self->counts);
  g_hash_table_unref (self->media);
  g_hash_table_unref (self->metrics);
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

/* The next media X processes (videos, GIFs) answers STATUS "in_progress"
 * @polls times, then "succeeded", or "failed" when @fail. */
void
co_test_x_set_processing (CoTestX  *self,
                          guint     polls,
                          gboolean  fail)
{
  self->polls = polls;
  self->fail = fail;
}

/* The media ids post @id carries, or NULL. */
const char * const *
co_test_x_post_media (CoTestX    *self,
                      const char *id)
{
  for (guint i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      if (g_str_equal (post->id, id))
        return (const char * const *)post->media;
    }
  return NULL;
}

/* Returns: (transfer full) (nullable): the bytes of media @id, its segments in order */
GBytes *
co_test_x_get_media (CoTestX    *self,
                     const char *id)
{
  Media *media = g_hash_table_lookup (self->media, id);

  return media != NULL ? assemble (media) : NULL;
}

/* How many media ids INIT gave. */
guint
co_test_x_n_media (CoTestX *self)
{
  return g_hash_table_size (self->media);
}

/**
 * co_test_x_get_metrics:
 * @self: the fake
 *
 * Returns: (transfer none): the posts' counts (co-test-metrics.h) that
 *   GET /2/tweets reports as public_metrics; shares are retweets
 */
GHashTable *
co_test_x_get_metrics (CoTestX *self)
{
  return self->metrics;
}
