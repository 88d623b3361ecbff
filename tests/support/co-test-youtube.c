/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "co-test-youtube.h"

#define CHUNK_UNIT (256 * 1024)
#define UPLOAD_PATH "/upload/youtube/v3/videos"

typedef struct
{
  char       *id;
  gint64      size;
  GByteArray *data;
  JsonObject *resource;
  char       *video_id;  /* once complete */
} Session;

typedef struct
{
  char       *id;
  JsonObject *resource;
  GBytes     *bytes;
} Video;

struct _CoTestYouTube
{
  CoTestServer *server;
  CoTestOAuth  *provider;
  char         *channel_id;
  char         *title;
  guint         next_id;
  GHashTable   *sessions;   /* upload_id -> Session */
  GPtrArray    *videos;     /* Video, oldest first */
  guint         chunks;     /* chunk PUTs received */
  guint         interrupt;  /* the chunk PUT (1-based) that breaks, or 0 */
  gsize         keep;       /* what of it arrives */
  guint         quota;      /* requests still refused for the quota */
  gboolean      unverified;
  CoTestSlow    slow;
  GHashTable   *metrics;    /* video id -> CoTestCounts */
};

static void
session_free (Session *session)
{
  g_free (session->id);
  g_byte_array_unref (session->data);
  json_object_unref (session->resource);
  g_free (session->video_id);
  g_free (session);
}

static void
video_free (Video *video)
{
  g_free (video->id);
  json_object_unref (video->resource);
  g_bytes_unref (video->bytes);
  g_free (video);
}

/* Google's error body: {"error": {"code", "message", "errors": [{…reason}]}} */
static void
reply_error (SoupServerMessage *message,
             guint              status,
             const char        *domain,
             const char        *reason,
             const char        *text)
{
  g_autofree char *json = g_strdup_printf (
    "{\"error\": {\"code\": %u, \"message\": \"%s\", \"errors\": [{\"message\": \"%s\", "
    "\"domain\": \"%s\", \"reason\": \"%s\"}]}}", status, text, text, domain, reason);

  co_test_reply_json (message, status, json);
}

static gboolean
authorized (CoTestYouTube     *self,
            SoupServerMessage *message)
{
  if (!co_test_oauth_accepts (self->provider, co_test_get_bearer (message)))
    {
      reply_error (message, 401, "global", "authError", "Invalid Credentials");
      return FALSE;
    }
  if (self->quota > 0)
    {
      self->quota--;
      reply_error (message, 403, "youtube.quota", "quotaExceeded",
                   "The request cannot be completed because you have exceeded your quota.");
      return FALSE;
    }
  return TRUE;
}

static GHashTable *
read_query (SoupServerMessage *message)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));

  return query != NULL ? soup_form_decode (query) : g_hash_table_new (g_str_hash, g_str_equal);
}

static void
finish (CoTestYouTube     *self,
        SoupServerMessage *message,
        guint              status,
        const char        *json)
{
  co_test_reply_json (message, status, json);
  co_test_slow_hold (&self->slow, message);
}

/* GET /youtube/v3/channels?part=snippet&mine=true */
static void
channels_handler (CoTestServer      *server,
                  SoupServerMessage *message,
                  const char        *path,
                  gpointer           user_data)
{
  CoTestYouTube *self = user_data;
  g_autoptr(GHashTable) query = read_query (message);
  g_autofree char *json = NULL;

  if (!authorized (self, message))
    return;
  if (g_strcmp0 (g_hash_table_lookup (query, "mine"), "true") != 0 ||
      strstr (g_hash_table_lookup (query, "part") ?: "", "snippet") == NULL)
    {
      reply_error (message, 400, "youtube.parameter", "missingRequiredParameter",
                   "No filter selected.");
      return;
    }
  json = g_strdup_printf ("{\"kind\": \"youtube#channelListResponse\", \"items\": [{\"kind\": "
                          "\"youtube#channel\", \"id\": \"%s\", \"snippet\": {\"title\": "
                          "\"%s\"}}]}", self->channel_id, self->title);
  finish (self, message, 200, json);
}

/* The resource of a videos.insert: a snippet with a title, and a status. */
static JsonObject *
read_resource (SoupServerMessage *message)
{
  g_autoptr(JsonNode) body = co_test_read_json (message);
  JsonObject *video = body != NULL && JSON_NODE_HOLDS_OBJECT (body)
                        ? json_node_get_object (body) : NULL;
  JsonNode *snippet = video != NULL ? json_object_get_member (video, "snippet") : NULL;

  if (snippet == NULL || !JSON_NODE_HOLDS_OBJECT (snippet) ||
      json_object_get_string_member_with_default (json_node_get_object (snippet), "title",
                                                  "")[0] == '\0' ||
      !json_object_has_member (video, "status"))
    return NULL;
  return json_object_ref (video);
}

/* POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status */
static void
start_session (CoTestYouTube     *self,
               SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *length = soup_message_headers_get_one (headers, "X-Upload-Content-Length");
  g_autoptr(GHashTable) query = read_query (message);
  g_autoptr(JsonObject) resource = read_resource (message);
  g_autofree char *location = NULL;
  Session *session;

  if (g_strcmp0 (g_hash_table_lookup (query, "uploadType"), "resumable") != 0 ||
      g_strcmp0 (g_hash_table_lookup (query, "part"), "snippet,status") != 0 ||
      length == NULL || g_ascii_strtoll (length, NULL, 10) <= 0 || resource == NULL)
    {
      reply_error (message, 400, "youtube.video", "invalidMetadata",
                   "The request metadata is invalid.");
      return;
    }
  session = g_new0 (Session, 1);
  session->id = g_strdup_printf ("AEnB2U%05u", ++self->next_id);
  session->size = g_ascii_strtoll (length, NULL, 10);
  session->data = g_byte_array_new ();
  session->resource = g_steal_pointer (&resource);
  g_hash_table_insert (self->sessions, session->id, session);
  location = g_strdup_printf ("%s" UPLOAD_PATH "?uploadType=resumable&upload_id=%s",
                              co_test_server_get_url (self->server), session->id);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Location",
                                location);
  finish (self, message, 200, "");
}

static void
insert_handler (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  CoTestYouTube *self = user_data;

  if (authorized (self, message))
    start_session (self, message);
}

/* Makes the video of a session whose bytes are all there. */
static Video *
make_video (CoTestYouTube *self,
            Session       *session)
{
  Video *video = g_new0 (Video, 1);
  JsonObject *status = json_object_get_object_member (session->resource, "status");

  video->id = g_strdup_printf ("dQw4w9WgX%02u", self->videos->len);
  video->resource = json_object_ref (session->resource);
  json_object_set_string_member (video->resource, "kind", "youtube#video");
  json_object_set_string_member (video->resource, "id", video->id);
  json_object_set_string_member (status, "uploadStatus", "uploaded");
  /* YouTube's default is public; an unverified project's uploads are private. */
  if (self->unverified)
    json_object_set_string_member (status, "privacyStatus", "private");
  else if (!json_object_has_member (status, "privacyStatus"))
    json_object_set_string_member (status, "privacyStatus", "public");
  video->bytes = g_bytes_new (session->data->data, session->data->len);
  session->video_id = g_strdup (video->id);
  g_ptr_array_add (self->videos, video);
  return video;
}

static Video *
find_video (CoTestYouTube *self,
            const char    *id)
{
  for (guint i = 0; id != NULL && i < self->videos->len; i++)
    if (g_str_equal (((Video *)g_ptr_array_index (self->videos, i))->id, id))
      return g_ptr_array_index (self->videos, i);
  return NULL;
}

/* 201 with the video, or 308 with what the session holds. */
static void
reply_progress (CoTestYouTube     *self,
                SoupServerMessage *message,
                Session           *session)
{
  g_autofree char *range = NULL;
  g_autofree char *json = NULL;

  if (session->video_id != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (
        json_node_alloc (), find_video (self, session->video_id)->resource);

      json = json_to_string (node, FALSE);
      finish (self, message, 201, json);
      return;
    }
  if (session->data->len > 0)
    {
      range = g_strdup_printf ("bytes=0-%u", session->data->len - 1);
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Range",
                                    range);
    }
  finish (self, message, 308, "");
}

/* `bytes FIRST-LAST/SIZE`, or `bytes *\/SIZE` (then *first is -1). */
static gboolean
parse_content_range (const char *header,
                     gint64     *first,
                     gint64     *last,
                     gint64     *size)
{
  const char *slash = header != NULL ? strchr (header, '/') : NULL;

  if (slash == NULL || !g_str_has_prefix (header, "bytes "))
    return FALSE;
  *size = g_ascii_strtoll (slash + 1, NULL, 10);
  if (g_str_has_prefix (header, "bytes */"))
    {
      *first = *last = -1;
      return TRUE;
    }
  return sscanf (header, "bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, first, last) == 2;
}

/* A chunk must start where the session is, and all but the last are whole units. */
static gboolean
valid_chunk (Session *session,
             gint64   first,
             gint64   last,
             gsize    length)
{
  return first == (gint64)session->data->len && last >= first && last < session->size &&
         (gsize)(last - first + 1) == length &&
         (last + 1 == session->size || length % CHUNK_UNIT == 0);
}

static void
receive_chunk (CoTestYouTube     *self,
               SoupServerMessage *message,
               Session           *session,
               gint64             first,
               gint64             last)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (
    soup_server_message_get_request_body (message));

  if (!valid_chunk (session, first, last, g_bytes_get_size (bytes)))
    {
      reply_error (message, 400, "global", "badContent", "Invalid Content-Range.");
      return;
    }
  if (++self->chunks == self->interrupt)
    {
      /* Part of the chunk arrived, then the connection broke. */
      g_byte_array_append (session->data, g_bytes_get_data (bytes, NULL),
                           MIN (self->keep, g_bytes_get_size (bytes)));
      if ((gint64)session->data->len == session->size)
        make_video (self, session);
      co_test_server_drop (message);
      return;
    }
  g_byte_array_append (session->data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if ((gint64)session->data->len == session->size)
    make_video (self, session);
  reply_progress (self, message, session);
}

/* PUT /upload/youtube/v3/videos?upload_id=… */
static void
session_handler (CoTestServer      *server,
                 SoupServerMessage *message,
                 const char        *path,
                 gpointer           user_data)
{
  CoTestYouTube *self = user_data;
  g_autoptr(GHashTable) query = read_query (message);
  const char *id = g_hash_table_lookup (query, "upload_id");
  Session *session = id != NULL ? g_hash_table_lookup (self->sessions, id) : NULL;
  const char *range = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Content-Range");
  gint64 first = 0, last = 0, size = 0;

  if (!authorized (self, message))
    return;
  if (session == NULL)
    {
      reply_error (message, 404, "global", "notFound", "Upload session not found.");
      return;
    }
  if (!parse_content_range (range, &first, &last, &size) || size != session->size)
    {
      reply_error (message, 400, "global", "badContent", "Invalid Content-Range.");
      return;
    }
  if (first < 0 || session->video_id != NULL)
    reply_progress (self, message, session);
  else
    receive_chunk (self, message, session, first, last);
}

/**
 * co_test_youtube_new:
 * @server: the server to add the routes to
 * @provider: the sign-in whose tokens are accepted
 * @channel_id: the account's channel
 * @title: the channel's title
 *
 * Returns: (transfer full): the fake
 */
/* One item of videos.list?part=statistics: Google gives the counts as strings. */
static void
add_statistics (JsonBuilder        *builder,
                const char         *id,
                const CoTestCounts *counts)
{
  const char *names[] = { "viewCount", "likeCount", "favoriteCount", "commentCount" };
  gint64 values[] = { counts->views, counts->likes, 0, counts->comments };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "youtube#video");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "statistics");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, values[i]);

      json_builder_set_member_name (builder, names[i]);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* GET /youtube/v3/videos?part=statistics&id=…: at most 50 ids; a video
 * YouTube does not know is left out of "items". */
static void
videos_handler (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  CoTestYouTube *self = user_data;
  g_auto(GStrv) ids = co_test_query_list (message, "id");
  g_auto(GStrv) parts = co_test_query_list (message, "part");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  guint n = 0;

  if (!authorized (self, message))
    return;
  if (ids == NULL || g_strv_length (ids) > 50 || parts == NULL ||
      !g_strv_contains ((const char * const *)parts, "statistics"))
    {
      reply_error (message, 400, "youtube.parameter", "missingRequiredParameter",
                   "No filter selected. Expected one of: id, myRating, chart");
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "youtube#videoListResponse");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    if (co_test_metrics_get (self->metrics, ids[i]) != NULL)
      {
        add_statistics (builder, ids[i], co_test_metrics_get (self->metrics, ids[i]));
        n++;
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pageInfo");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totalResults");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "resultsPerPage");
  json_builder_add_int_value (builder, n);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  finish (self, message, 200, json);
}

CoTestYouTube *
co_test_youtube_new (CoTestServer *server,
                     CoTestOAuth  *provider,
                     const char   *channel_id,
                     const char   *title)
{
  CoTestYouTube *self = g_new0 (CoTestYouTube, 1);

  self->server = server;
  self->provider = provider;
  self->channel_id = g_strdup (channel_id);
  self->title = g_strdup (title);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify)session_free);
  self->videos = g_ptr_array_new_with_free_func ((GDestroyNotify)video_free);
  co_test_slow_init (&self->slow);
  co_test_server_route (server, "GET", "/youtube/v3/channels", channels_handler, self);
  co_test_server_route (server, "GET", "/youtube/v3/videos", videos_handler, self);
  self->metrics = co_test_metrics_new ();
  co_test_server_route (server, "POST", UPLOAD_PATH, insert_handler, self);
  co_test_server_route (server, "PUT", UPLOAD_PATH, session_handler, self);
  return self;
}

void
co_test_youtube_free (CoTestYouTube *self)
{
  co_test_slow_clear (&self->slow);
  g_hash_table_unref (self->sessions);
  g_ptr_array_unref (self->videos);
  g_hash_table_unref (self->metrics);
  g_free (self->channel_id);
  g_free (self->title);
  g_free (self);
}

CoTestSlow *
co_test_youtube_get_slow (CoTestYouTube *self)
{
  return &self->slow;
}

/* The @chunk-th chunk PUT (from 1) keeps only its first @keep bytes, then its
 * connection breaks without an answer. */
void
co_test_youtube_interrupt_chunk (CoTestYouTube *self,
                                 guint          chunk,
                                 gsize          keep)
{
  self->interrupt = self->chunks + chunk;
  self->keep = keep;
}

/* The next @requests authorized requests are refused: the quota is used up. */
void
co_test_youtube_set_quota_exceeded (CoTestYouTube *self,
                                    guint          requests)
{
  self->quota = requests;
}

/* An unverified API project: every video is made private. */
void
co_test_youtube_set_unverified (CoTestYouTube *self,
                                gboolean       unverified)
{
  self->unverified = unverified;
}

/* Every session ends, as after a week: they answer 404. */
void
co_test_youtube_expire_sessions (CoTestYouTube *self)
{
  g_hash_table_remove_all (self->sessions);
}

guint
co_test_youtube_n_videos (CoTestYouTube *self)
{
  return self->videos->len;
}

guint
co_test_youtube_n_sessions (CoTestYouTube *self)
{
  return self->next_id;
}

/* The videos made with @title: "exactly once" is one. */
guint
co_test_youtube_count_title (CoTestYouTube *self,
                             const char    *title)
{
  guint n = 0;

  for (guint i = 0; i < self->videos->len; i++)
    {
      Video *video = g_ptr_array_index (self->videos, i);
      JsonObject *snippet = json_object_get_object_member (video->resource, "snippet");

      n += g_strcmp0 (json_object_get_string_member (snippet, "title"), title) == 0;
    }
  return n;
}

/* Returns: (transfer none) (nullable): the video's resource */
JsonObject *
co_test_youtube_get_video (CoTestYouTube *self,
                           const char    *video_id)
{
  Video *video = find_video (self, video_id);

  return video != NULL ? video->resource : NULL;
}

/* Returns: (transfer full) (nullable): the video's bytes */
GBytes *
co_test_youtube_get_bytes (CoTestYouTube *self,
                           const char    *video_id)
{
  Video *video = find_video (self, video_id);

  return video != NULL ? g_bytes_ref (video->bytes) : NULL;
}

guint
co_test_youtube_count_chunks (CoTestYouTube *self)
{
  return self->chunks;
}

/**
 * co_test_youtube_get_metrics:
 * @self: the fake
 *
 * Returns: (transfer none): the videos' counts (co-test-metrics.h) that
 *   videos.list reports as statistics; YouTube has no count of shares
 */
GHashTable *
co_test_youtube_get_metrics (CoTestYouTube *self)
{
  return self->metrics;
}
