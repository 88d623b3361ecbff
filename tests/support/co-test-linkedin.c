/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-linkedin.h"

typedef struct
{
  char      *urn;
  gboolean   video;
  gint64     size;
  GPtrArray *parts;      /* GBytes or NULL, one per part (one for an image) */
  GArray    *puts;       /* guint per part */
  char      *token;
  gboolean   finalized;
} Upload;

typedef struct
{
  char      *urn;
  char      *commentary;
  char      *content;    /* "media", "multiImage" or NULL */
  GPtrArray *media;      /* URNs */
} Post;

struct _CoTestLinkedIn
{
  CoTestServer *server;
  CoTestOAuth  *provider;
  char         *member_id;
  char         *name;
  gsize         part_size;
  guint         next_id;
  GHashTable   *uploads;   /* URN -> Upload */
  GPtrArray    *posts;     /* Post, oldest first */
  CoTestSlow    slow;
  GHashTable   *metrics;   /* post URN -> CoTestCounts */
};

static void
upload_free (Upload *upload)
{
  g_free (upload->urn);
  g_ptr_array_unref (upload->parts);
  g_array_unref (upload->puts);
  g_free (upload->token);
  g_free (upload);
}

static void
post_free (Post *post)
{
  g_free (post->urn);
  g_free (post->commentary);
  g_free (post->content);
  g_ptr_array_unref (post->media);
  g_free (post);
}

static void
reply_error (SoupServerMessage *message,
             guint              status,
             const char        *code,
             const char        *text)
{
  g_autofree char *json = g_strdup_printf ("{\"status\": %u, \"code\": \"%s\", \"message\": "
                                           "\"%s\"}", status, code, text);

  co_test_reply_json (message, status, json);
}

/* LinkedIn's answer to a missing, expired or revoked token. */
static gboolean
authorized (CoTestLinkedIn    *self,
            SoupServerMessage *message)
{
  if (co_test_oauth_accepts (self->provider, co_test_get_bearer (message)))
    return TRUE;
  co_test_reply_json (message, 401, "{\"status\": 401, \"serviceErrorCode\": 65600, "
                                    "\"code\": \"INVALID_ACCESS_TOKEN\", "
                                    "\"message\": \"Invalid access token\"}");
  return FALSE;
}

/* The versioned API's headers, as LinkedIn requires them. */
static gboolean
versioned (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *version = soup_message_headers_get_one (headers, "LinkedIn-Version");
  const char *protocol = soup_message_headers_get_one (headers, "X-Restli-Protocol-Version");
  g_autoptr(GRegex) yyyymm = g_regex_new ("^20[0-9]{2}(0[1-9]|1[0-2])$", 0, 0, NULL);

  if (version == NULL || !g_regex_match (yyyymm, version, 0, NULL))
    {
      reply_error (message, 426, "NONEXISTENT_VERSION", "Requested version is not active");
      return FALSE;
    }
  if (g_strcmp0 (protocol, "2.0.0") != 0)
    {
      reply_error (message, 400, "ILLEGAL_ARGUMENT", "Rest.li protocol 2.0.0 is required");
      return FALSE;
    }
  return TRUE;
}

static gboolean
rest_request (CoTestLinkedIn    *self,
              SoupServerMessage *message)
{
  return authorized (self, message) && versioned (message);
}

static char *
person_urn (CoTestLinkedIn *self)
{
  return g_strconcat ("urn:li:person:", self->member_id, NULL);
}

static GHashTable *
read_query (SoupServerMessage *message)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));

  return query != NULL ? soup_form_decode (query)
                       : g_hash_table_new (g_str_hash, g_str_equal);
}

static void
finish (CoTestLinkedIn    *self,
        SoupServerMessage *message,
        guint              status,
        const char        *json)
{
  co_test_reply_json (message, status, json);
  co_test_slow_hold (&self->slow, message);
}

static void
userinfo_handler (CoTestServer      *server,
                  SoupServerMessage *message,
                  const char        *path,
                  gpointer           user_data)
{
  CoTestLinkedIn *self = user_data;
  g_autofree char *json = NULL;

  if (!authorized (self, message))
    return;
  json = g_strdup_printf ("{\"sub\": \"%s\", \"name\": \"%s\", \"locale\": {\"country\": "
                          "\"US\", \"language\": \"en\"}}", self->member_id, self->name);
  finish (self, message, 200, json);
}

/* The initializeUploadRequest of a body, when its owner is the member. */
static JsonObject *
read_initialize (CoTestLinkedIn    *self,
                 SoupServerMessage *message,
                 JsonNode          *body)
{
  g_autoptr(GHashTable) query = read_query (message);
  g_autofree char *owner = person_urn (self);
  JsonObject *request;

  if (g_strcmp0 (g_hash_table_lookup (query, "action"), "initializeUpload") != 0)
    return NULL;
  request = body != NULL && JSON_NODE_HOLDS_OBJECT (body)
              ? json_object_get_object_member (json_node_get_object (body),
                                               "initializeUploadRequest") : NULL;
  if (request == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (request, "owner", NULL), owner) != 0)
    return NULL;
  return request;
}

static Upload *
add_upload (CoTestLinkedIn *self,
            gboolean        video,
            gint64          size,
            guint           n_parts)
{
  Upload *upload = g_new0 (Upload, 1);
  guint zero = 0;

  upload->urn = g_strdup_printf ("urn:li:%s:C4D%05u", video ? "video" : "image", ++self->next_id);
  upload->video = video;
  upload->size = size;
  upload->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_ptr_array_set_size (upload->parts, n_parts);
  upload->puts = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < n_parts; i++)
    g_array_append_val (upload->puts, zero);
  upload->token = video ? g_strdup_printf ("upload-%u", self->next_id) : NULL;
  g_hash_table_insert (self->uploads, upload->urn, upload);
  return upload;
}

static char *
part_url (CoTestLinkedIn *self,
          Upload         *upload,
          guint           part)
{
  return g_strdup_printf ("%s/dms-uploads/%s/%u", co_test_server_get_url (self->server),
                          upload->urn, part);
}

static void
images_handler (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  CoTestLinkedIn *self = user_data;
  g_autoptr(JsonNode) body = co_test_read_json (message);
  g_autofree char *url = NULL;
  g_autofree char *json = NULL;
  Upload *upload;

  if (!rest_request (self, message))
    return;
  if (read_initialize (self, message, body) == NULL)
    {
      reply_error (message, 400, "ILLEGAL_ARGUMENT", "initializeUpload needs the owner");
      return;
    }
  upload = add_upload (self, FALSE, -1, 1);
  url = part_url (self, upload, 0);
  json = g_strdup_printf ("{\"value\": {\"uploadUrlExpiresAt\": %" G_GINT64_FORMAT ", "
                          "\"uploadUrl\": \"%s\", \"image\": \"%s\"}}",
                          g_get_real_time () / 1000 + 3600000, url, upload->urn);
  finish (self, message, 200, json);
}

static char *
instructions_json (CoTestLinkedIn *self,
                   Upload         *upload)
{
  g_autoptr(GString) json = g_string_new ("[");

  for (guint i = 0; i < upload->parts->len; i++)
    {
      g_autofree char *url = part_url (self, upload, i);
      gint64 first = (gint64)i * self->part_size;
      gint64 last = MIN (first + (gint64)self->part_size, upload->size) - 1;

      g_string_append_printf (json, "%s{\"uploadUrl\": \"%s\", \"firstByte\": %" G_GINT64_FORMAT
                              ", \"lastByte\": %" G_GINT64_FORMAT "}", i > 0 ? ", " : "", url,
                              first, last);
    }
  g_string_append (json, "]");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
video_initialize (CoTestLinkedIn    *self,
                  SoupServerMessage *message,
                  JsonObject        *request)
{
  gint64 size = json_object_get_int_member_with_default (request, "fileSizeBytes", 0);
  g_autofree char *parts = NULL;
  g_autofree char *json = NULL;
  Upload *upload;

  if (size <= 0)
    {
      reply_error (message, 400, "ILLEGAL_ARGUMENT", "fileSizeBytes is required");
      return;
    }
  upload = add_upload (self, TRUE, size, (guint)((size + self->part_size - 1) / self->part_size));
  parts = instructions_json (self, upload);
  json = g_strdup_printf ("{\"value\": {\"uploadUrlsExpireAt\": %" G_GINT64_FORMAT ", "
                          "\"video\": \"%s\", \"uploadInstructions\": %s, "
                          "\"uploadToken\": \"%s\"}}", g_get_real_time () / 1000 + 3600000,
                          upload->urn, parts, upload->token);
  finish (self, message, 200, json);
}

static gboolean
etags_match (Upload    *upload,
             JsonArray *etags)
{
  if (etags == NULL || json_array_get_length (etags) != upload->parts->len)
    return FALSE;
  for (guint i = 0; i < upload->parts->len; i++)
    {
      g_autofree char *wanted = g_strdup_printf ("\"%s-%u\"", upload->urn, i);

      if (g_ptr_array_index (upload->parts, i) == NULL ||
          g_strcmp0 (json_array_get_string_element (etags, i), wanted) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
video_finalize (CoTestLinkedIn    *self,
                SoupServerMessage *message,
                JsonNode          *body)
{
  JsonObject *request = body != NULL && JSON_NODE_HOLDS_OBJECT (body)
                          ? json_object_get_object_member (json_node_get_object (body),
                                                           "finalizeUploadRequest") : NULL;
  Upload *upload = request != NULL ? g_hash_table_lookup (
    self->uploads, json_object_get_string_member_with_default (request, "video", "")) : NULL;

  if (upload == NULL || !upload->video ||
      g_strcmp0 (json_object_get_string_member_with_default (request, "uploadToken", NULL),
                 upload->token) != 0)
    {
      reply_error (message, 404, "NOT_FOUND", "No such video upload");
      return;
    }
  if (!etags_match (upload, json_object_get_array_member (request, "uploadedPartIds")))
    {
      reply_error (message, 400, "ILLEGAL_ARGUMENT", "uploadedPartIds do not match the parts");
      return;
    }
  upload->finalized = TRUE;
  finish (self, message, 200, "{}");
}

static void
videos_handler (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  CoTestLinkedIn *self = user_data;
  g_autoptr(JsonNode) body = co_test_read_json (message);
  g_autoptr(GHashTable) query = read_query (message);
  JsonObject *request;

  if (!rest_request (self, message))
    return;
  if (g_strcmp0 (g_hash_table_lookup (query, "action"), "finalizeUpload") == 0)
    video_finalize (self, message, body);
  else if ((request = read_initialize (self, message, body)) != NULL)
    video_initialize (self, message, request);
  else
    reply_error (message, 400, "ILLEGAL_ARGUMENT", "Unknown action or owner");
}

/* PUT /dms-uploads/URN/PART: an image's bytes (with the token) or a video's part. */
static void
upload_handler (CoTestServer      *server,
                SoupServerMessage *message,
                const char        *path,
                gpointer           user_data)
{
  CoTestLinkedIn *self = user_data;
  g_auto(GStrv) parts = g_strsplit (path + strlen ("/dms-uploads/"), "/", 2);
  Upload *upload = parts[0] != NULL ? g_hash_table_lookup (self->uploads, parts[0]) : NULL;
  guint part = parts[0] != NULL && parts[1] != NULL ? (guint)g_ascii_strtoull (parts[1], NULL, 10)
                                                    : G_MAXUINT;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *etag = NULL;

  if (upload == NULL || part >= upload->parts->len)
    {
      reply_error (message, 404, "NOT_FOUND", "No such upload");
      return;
    }
  if (!upload->video && !authorized (self, message))
    return;
  bytes = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_array_index (upload->puts, guint, part)++;
  g_clear_pointer (&g_ptr_array_index (upload->parts, part), g_bytes_unref);
  g_ptr_array_index (upload->parts, part) = g_bytes_ref (bytes);
  etag = g_strdup_printf ("\"%s-%u\"", upload->urn, part);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "ETag",
                                etag);
  finish (self, message, upload->video ? 200 : 201, "{}");
}

/* An uploaded image, or a finalized video, of the member. */
static gboolean
media_ready (CoTestLinkedIn *self,
             const char     *urn)
{
  Upload *upload = urn != NULL ? g_hash_table_lookup (self->uploads, urn) : NULL;

  if (upload == NULL)
    return FALSE;
  return upload->video ? upload->finalized : g_ptr_array_index (upload->parts, 0) != NULL;
}

/* The post's content: its media's URNs, or NULL when one is not ready. */
static GPtrArray *
read_content (CoTestLinkedIn *self,
              JsonObject     *post,
              char          **out_kind)
{
  JsonObject *content = json_object_has_member (post, "content")
                          ? json_object_get_object_member (post, "content") : NULL;
  GPtrArray *media = g_ptr_array_new_with_free_func (g_free);
  JsonArray *images = NULL;

  if (content != NULL && json_object_has_member (content, "media"))
    {
      *out_kind = g_strdup ("media");
      g_ptr_array_add (media, g_strdup (json_object_get_string_member (
                                          json_object_get_object_member (content, "media"), "id")));
    }
  else if (content != NULL && json_object_has_member (content, "multiImage"))
    {
      *out_kind = g_strdup ("multiImage");
      images = json_object_get_array_member (json_object_get_object_member (content,
                                                                            "multiImage"),
                                             "images");
    }
  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    g_ptr_array_add (media, g_strdup (json_object_get_string_member (
                                        json_array_get_object_element (images, i), "id")));
  for (guint i = 0; i < media->len; i++)
    if (!media_ready (self, g_ptr_array_index (media, i)))
      {
        g_ptr_array_unref (media);
        return NULL;
      }
  return media;
}

static gboolean
valid_post (CoTestLinkedIn *self,
            JsonObject     *post)
{
  g_autofree char *author = person_urn (self);
  JsonObject *distribution = json_object_has_member (post, "distribution")
                               ? json_object_get_object_member (post, "distribution") : NULL;

  return g_strcmp0 (json_object_get_string_member_with_default (post, "author", NULL),
                    author) == 0 &&
         json_object_get_string_member_with_default (post, "commentary", NULL) != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (post, "lifecycleState", NULL),
                    "PUBLISHED") == 0 &&
         json_object_get_string_member_with_default (post, "visibility", NULL) != NULL &&
         distribution != NULL && json_object_has_member (distribution, "feedDistribution");
}

static void
create_post (CoTestLinkedIn    *self,
             SoupServerMessage *message,
             JsonObject        *object)
{
  Post *post = g_new0 (Post, 1);

  post->media = read_content (self, object, &post->content);
  if (post->media == NULL)
    {
      post_free (post);
      reply_error (message, 400, "ILLEGAL_ARGUMENT", "The post's media is not ready");
      return;
    }
  post->urn = g_strdup_printf ("urn:li:share:7%06u", ++self->next_id);
  post->commentary = g_strdup (json_object_get_string_member (object, "commentary"));
  g_ptr_array_add (self->posts, post);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "x-restli-id", post->urn);
  /* 201 Created, with an empty body. */
  soup_server_message_set_status (message, 201, NULL);
  co_test_slow_hold (&self->slow, message);
}

static char *
post_json (Post *post)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, post->urn);
  json_builder_set_member_name (builder, "commentary");
  json_builder_add_string_value (builder, post->commentary);
  json_builder_set_member_name (builder, "lifecycleState");
  json_builder_add_string_value (builder, "PUBLISHED");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The posts finder's page, as LinkedIn documents its paging: start (0 when
 * not given) and count (10 when not given, at most 100). */
static gboolean
read_paging (GHashTable *query,
             guint      *out_start,
             guint      *out_count)
{
  const char *start = g_hash_table_lookup (query, "start");
  const char *count = g_hash_table_lookup (query, "count");
  guint64 first = 0, size = 10;

  if (start != NULL && !g_ascii_string_to_unsigned (start, 10, 0, G_MAXUINT, &first, NULL))
    return FALSE;
  if (count != NULL && !g_ascii_string_to_unsigned (count, 10, 1, 100, &size, NULL))
    return FALSE;
  *out_start = (guint)first;
  *out_count = (guint)size;
  return TRUE;
}

/* The posts finder: the author's posts, newest first, a page at a time, with
 * a "next" link in paging.links while older posts remain. */
static void
find_posts (CoTestLinkedIn    *self,
            SoupServerMessage *message)
{
  g_autoptr(GHashTable) query = read_query (message);
  g_autofree char *author = person_urn (self);
  g_autoptr(GString) json = g_string_new ("{\"elements\": [");
  const char *method = soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "X-RestLi-Method");
  guint start, count, end, total;

  if (g_strcmp0 (g_hash_table_lookup (query, "q"), "author") != 0 ||
      g_strcmp0 (method, "FINDER") != 0)
    {
      reply_error (message, 400, "ILLEGAL_ARGUMENT", "The posts finder needs q=author");
      return;
    }
  if (!read_paging (query, &start, &count))
    {
      reply_error (message, 400, "ILLEGAL_ARGUMENT", "start must be 0 or more, count 1 to 100");
      return;
    }
  total = g_strcmp0 (g_hash_table_lookup (query, "author"), author) == 0 ? self->posts->len : 0;
  end = MIN ((guint64)start + count, total);
  for (guint i = start; i < end; i++)
    {
      g_autofree char *post = post_json (g_ptr_array_index (self->posts, total - 1 - i));

      g_string_append_printf (json, "%s%s", i > start ? ", " : "", post);
    }
  g_string_append_printf (json, "], \"paging\": {\"start\": %u, \"count\": %u, "
                          "\"total\": %u, \"links\": [", start, count, total);
  if (end < total)
    {
      g_autofree char *author_query = soup_form_encode ("author", author, NULL);

      g_string_append_printf (json, "{\"rel\": \"next\", \"type\": \"application/json\", "
                              "\"href\": \"/rest/posts?%s&q=author&start=%u&count=%u\"}",
                              author_query, end, count);
    }
  g_string_append (json, "]}}");
  finish (self, message, 200, json->str);
}

static void
posts_handler (CoTestServer      *server,
               SoupServerMessage *message,
               const char        *path,
               gpointer           user_data)
{
  CoTestLinkedIn *self = user_data;
  g_autoptr(JsonNode) body = NULL;

  if (!rest_request (self, message))
    return;
  if (g_str_equal (soup_server_message_get_method (message), "GET"))
    {
      find_posts (self, message);
      return;
    }
  body = co_test_read_json (message);
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      !valid_post (self, json_node_get_object (body)))
    {
      reply_error (message, 422, "UNPROCESSABLE_ENTITY", "The post is not valid");
      return;
    }
  create_post (self, message, json_node_get_object (body));
}

/* GET /rest/socialActions/{encoded post URN}: the likes and comments
 * summaries; LinkedIn counts no views or shares there. */
static void
social_actions_handler (CoTestServer      *server,
                        SoupServerMessage *message,
                        const char        *path,
                        gpointer           user_data)
{
  CoTestLinkedIn *self = user_data;
  g_autofree char *urn = g_uri_unescape_string (path + strlen ("/rest/socialActions/"), NULL);
  const CoTestCounts *counts = co_test_metrics_get (self->metrics, urn);
  g_autofree char *json = NULL;

  if (!rest_request (self, message))
    return;
  if (counts == NULL)
    {
      reply_error (message, 404, "NOT_FOUND", "Not Found");
      return;
    }
  json = g_strdup_printf ("{\"target\": \"%s\", \"likesSummary\": {\"totalLikes\": %"
                          G_GINT64_FORMAT ", \"likedByCurrentUser\": false}, "
                          "\"commentsSummary\": {\"aggregatedTotalComments\": %" G_GINT64_FORMAT
                          ", \"totalFirstLevelComments\": %" G_GINT64_FORMAT "}}",
                          urn, counts->likes, counts->comments, counts->comments);
  co_test_reply_json (message, 200, json);
}

CoTestLinkedIn *
co_test_linkedin_new (CoTestServer *server,
                      CoTestOAuth  *provider,
                      const char   *member_id,
                      const char   *name)
{
  CoTestLinkedIn *self = g_new0 (CoTestLinkedIn, 1);

  self->server = server;
  self->provider = provider;
  self->member_id = g_strdup (member_id);
  self->name = g_strdup (name);
  self->part_size = 4 * 1024 * 1024;
  self->uploads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify)upload_free);
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify)post_free);
  co_test_slow_init (&self->slow);
  co_test_server_route (server, "GET", "/v2/userinfo", userinfo_handler, self);
  co_test_server_route (server, "POST", "/rest/images", images_handler, self);
  co_test_server_route (server, "POST", "/rest/videos", videos_handler, self);
  co_test_server_route (server, NULL, "/rest/posts", posts_handler, self);
  co_test_server_route (server, "PUT", "/dms-uploads/", upload_handler, self);
  co_test_server_route (server, "GET", "/rest/socialActions/", social_actions_handler, self);
  self->metrics = co_test_metrics_new ();
  return self;
}

void
co_test_linkedin_free (CoTestLinkedIn *self)
{
  co_test_slow_clear (&self->slow);
  g_free (self->member_id);
  g_free (self->name);
  g_hash_table_unref (self->uploads);
  g_ptr_array_unref (self->posts);
  g_hash_table_unref (self->metrics);
  g_free (self);
}

/* Video parts of @part_size bytes (LinkedIn's are 4 MiB), so tests use small files. */
void
co_test_linkedin_set_part_size (CoTestLinkedIn *self,
                                gsize           part_size)
{
  self->part_size = part_size;
}

CoTestSlow *
co_test_linkedin_get_slow (CoTestLinkedIn *self)
{
  return &self->slow;
}

/**
 * co_test_linkedin_add_post:
 * @self: the fake
 * @commentary: the post's text
 *
 * Adds a text post made elsewhere (on LinkedIn's site), newer than every
 * post so far: it comes first in the posts finder.
 */
void
co_test_linkedin_add_post (CoTestLinkedIn *self,
                           const char     *commentary)
{
  Post *post = g_new0 (Post, 1);

  post->urn = g_strdup_printf ("urn:li:share:7%06u", ++self->next_id);
  post->commentary = g_strdup (commentary);
  post->media = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->posts, post);
}

guint
co_test_linkedin_n_posts (CoTestLinkedIn *self)
{
  return self->posts->len;
}

static Post *
find_post (CoTestLinkedIn *self,
           const char     *commentary,
           const char     *urn)
{
  for (guint i = 0; i < self->posts->len; i++)
    {
      Post *post = g_ptr_array_index (self->posts, i);

      if (g_strcmp0 (post->commentary, commentary) == 0 || g_strcmp0 (post->urn, urn) == 0)
        return post;
    }
  return NULL;
}

/* How many posts have exactly @commentary (as LinkedIn received it). */
guint
co_test_linkedin_count_commentary (CoTestLinkedIn *self,
                                   const char     *commentary)
{
  guint n = 0;

  for (guint i = 0; i < self->posts->len; i++)
    n += g_str_equal (((Post *)g_ptr_array_index (self->posts, i))->commentary, commentary);
  return n;
}

/* The URN of the first post with @commentary, or NULL. */
const char *
co_test_linkedin_post_urn (CoTestLinkedIn *self,
                           const char     *commentary)
{
  Post *post = find_post (self, commentary, NULL);

  return post != NULL ? post->urn : NULL;
}

/* The URNs of post @urn's media, in order. */
GPtrArray *
co_test_linkedin_post_media (CoTestLinkedIn *self,
                             const char     *urn)
{
  Post *post = find_post (self, NULL, urn);

  g_assert_nonnull (post);
  return post->media;
}

/* "media", "multiImage", or NULL for a text post. */
const char *
co_test_linkedin_post_content (CoTestLinkedIn *self,
                               const char     *urn)
{
  Post *post = find_post (self, NULL, urn);

  g_assert_nonnull (post);
  return post->content;
}

/* The bytes an upload received, parts joined; NULL while a part is missing. */
GBytes *
co_test_linkedin_get_upload (CoTestLinkedIn *self,
                             const char     *urn)
{
  Upload *upload = g_hash_table_lookup (self->uploads, urn);
  g_autoptr(GByteArray) all = g_byte_array_new ();

  g_assert_nonnull (upload);
  for (guint i = 0; i < upload->parts->len; i++)
    {
      GBytes *part = g_ptr_array_index (upload->parts, i);

      if (part == NULL)
        return NULL;
      g_byte_array_append (all, g_bytes_get_data (part, NULL), g_bytes_get_size (part));
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

/* How many PUTs part @part of upload @urn received. */
guint
co_test_linkedin_count_part_puts (CoTestLinkedIn *self,
                                  const char     *urn,
                                  guint           part)
{
  Upload *upload = g_hash_table_lookup (self->uploads, urn);

  g_assert_nonnull (upload);
  return g_array_index (upload->puts, guint, part);
}

/**
 * co_test_linkedin_get_metrics:
 * @self: the fake
 *
 * Returns: (transfer none): the posts' counts (co-test-metrics.h), by URN,
 *   whose likes and comments GET /rest/socialActions/{urn} reports
 */
GHashTable *
co_test_linkedin_get_metrics (CoTestLinkedIn *self)
{
  return self->metrics;
}
