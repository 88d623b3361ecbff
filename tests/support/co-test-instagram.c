/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-instagram.h"

#define PREFIX "/v19.0/"

typedef struct
{
  char  *id;
  char  *media_type;
  char  *caption;
  char  *status_code;
  char  *error_status;
  guint  polls_left;
  char  *media_id;
  char  *path;          /* the file fetched for it */
} Container;

typedef struct
{
  char *id;
  char *caption;
  char *media_type;
  char *permalink;
} Media;

struct _CoTestInstagram
{
  CoTestServer *server;
  CoTestOAuth  *provider;
  char         *user_id;
  char         *username;
  GHashTable   *files;        /* URL -> path, under files_lock: the client puts files from a worker */
  GMutex        files_lock;
  char         *folder;       /* served under folder_url, when set */
  char         *folder_url;
  GHashTable   *containers;   /* id -> Container */
  GPtrArray    *media;        /* Media, oldest first */
  guint         next_id;
  guint         polls_in_progress;
  char         *error_status;
  guint         quota_used;
  guint         quota_total;
  guint         n_polls;
  guint         n_fetched;
  CoTestSlow    slow;
  GHashTable   *metrics;      /* media id -> CoTestCounts */
};

static void
container_free (Container *container)
{
  g_free (container->id);
  g_free (container->media_type);
  g_free (container->caption);
  g_free (container->status_code);
  g_free (container->error_status);
  g_free (container->media_id);
  g_free (container->path);
  g_free (container);
}

static void
media_free (Media *media)
{
  g_free (media->id);
  g_free (media->caption);
  g_free (media->media_type);
  g_free (media->permalink);
  g_free (media);
}

/* An error in the Graph API's shape. */
static void
reply_graph_error (SoupServerMessage *message,
                   guint              status,
                   int                code,
                   int                subcode,
                   const char        *text)
{
  g_autofree char *json = g_strdup_printf ("{\"error\": {\"message\": \"%s\", \"type\": "
                                           "\"OAuthException\", \"code\": %d, "
                                           "\"error_subcode\": %d, \"fbtrace_id\": "
                                           "\"AtestTrace\"}}", text, code, subcode);

  co_test_reply_json (message, status, json);
}

/* Meta's answer to an expired or revoked token: code 190, with 400. */
static gboolean
authorized (CoTestInstagram   *self,
            SoupServerMessage *message)
{
  if (co_test_oauth_accepts (self->provider, co_test_get_bearer (message)))
    return TRUE;
  reply_graph_error (message, 400, 190, 463,
                     "Error validating access token: Session has expired.");
  return FALSE;
}

static void
finish (CoTestInstagram   *self,
        SoupServerMessage *message,
        const char        *json)
{
  co_test_reply_json (message, 200, json);
  co_test_slow_hold (&self->slow, message);
}

static void
pages (CoTestInstagram   *self,
       SoupServerMessage *message)
{
  g_autofree char *json = g_strdup_printf (
    "{\"data\": [{\"id\": \"1044\"}, {\"instagram_business_account\": {\"id\": \"%s\", "
    "\"username\": \"%s\"}, \"id\": \"1045\"}], \"paging\": {}}", self->user_id,
    self->username);

  finish (self, message, json);
}

static char *
new_id (CoTestInstagram *self,
        const char      *prefix)
{
  return g_strdup_printf ("%s%08u", prefix, ++self->next_id);
}

/* A file of the served folder, fetched at its address: it must be there. */
static gboolean
in_folder (CoTestInstagram *self,
           const char      *url)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (self->folder_url == NULL || !g_str_has_prefix (url, self->folder_url) ||
      url[strlen (self->folder_url)] != '/')
    return FALSE;
  name = g_uri_unescape_string (url + strlen (self->folder_url) + 1, "/");
  if (name == NULL)
    return FALSE;
  path = g_build_filename (self->folder, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  g_hash_table_insert (self->files, g_strdup (url), g_steal_pointer (&path));
  return TRUE;
}

static void
create_container (CoTestInstagram   *self,
                  SoupServerMessage *message)
{
  g_autoptr(GHashTable) form = co_test_read_form (message);
  const char *type = g_hash_table_lookup (form, "media_type");
  const char *url = g_hash_table_lookup (form, g_strcmp0 (type, "REELS") == 0 ? "video_url"
                                                                               : "image_url");
  Container *container;
  g_autofree char *json = NULL;
  g_autofree char *file = NULL;

  if (url != NULL)
    {
      g_mutex_lock (&self->files_lock);
      if (g_hash_table_contains (self->files, url) || in_folder (self, url))
        file = g_strdup (g_hash_table_lookup (self->files, url));
      g_mutex_unlock (&self->files_lock);
    }
  if (file == NULL)
    {
      reply_graph_error (message, 400, 9004, 2207052,
                         "The media could not be fetched from this URI.");
      return;
    }
  self->n_fetched++;
  container = g_new0 (Container, 1);
  container->id = new_id (self, "1790");
  container->media_type = g_strdup (type != NULL ? type : "IMAGE");
  container->caption = g_strdup (g_hash_table_lookup (form, "caption"));
  container->path = g_steal_pointer (&file);
  container->polls_left = self->polls_in_progress;
  container->error_status = g_strdup (self->error_status);
  container->status_code = g_strdup ("IN_PROGRESS");
  g_hash_table_insert (self->containers, container->id, container);
  json = g_strdup_printf ("{\"id\": \"%s\"}", container->id);
  finish (self, message, json);
}

/* IN_PROGRESS while polls are left, then FINISHED or ERROR. */
static void
container_status (CoTestInstagram   *self,
                  SoupServerMessage *message,
                  Container         *container)
{
  g_autofree char *json = NULL;

  self->n_polls++;
  if (g_str_equal (container->status_code, "IN_PROGRESS") && container->polls_left > 0)
    container->polls_left--;
  else if (g_str_equal (container->status_code, "IN_PROGRESS"))
    {
      g_free (container->status_code);
      container->status_code = g_strdup (container->error_status != NULL ? "ERROR" : "FINISHED");
    }
  json = g_strdup_printf ("{\"status_code\": \"%s\", \"status\": \"%s\", \"id\": \"%s\"}",
                          container->status_code,
                          g_str_equal (container->status_code, "ERROR")
                            ? container->error_status : container->status_code,
                          container->id);
  finish (self, message, json);
}

static Media *
find_media (CoTestInstagram *self,
            const char      *id,
            const char      *caption)
{
  for (guint i = 0; i < self->media->len; i++)
    {
      Media *media = g_ptr_array_index (self->media, i);

      if (g_strcmp0 (media->id, id) == 0 || g_strcmp0 (media->caption, caption) == 0)
        return media;
    }
  return NULL;
}

static void
node (CoTestInstagram   *self,
      SoupServerMessage *message,
      const char        *id)
{
  Container *container = g_hash_table_lookup (self->containers, id);
  Media *media = find_media (self, id, NULL);
  g_autofree char *json = NULL;

  if (container != NULL)
    {
      container_status (self, message, container);
      return;
    }
  if (media == NULL)
    {
      reply_graph_error (message, 400, 100, 33, "Unsupported get request.");
      return;
    }
  json = g_strdup_printf ("{\"id\": \"%s\", \"permalink\": \"%s\"}", media->id,
                          media->permalink);
  finish (self, message, json);
}

static void
publishing_limit (CoTestInstagram   *self,
                  SoupServerMessage *message)
{
  g_autofree char *json = g_strdup_printf ("{\"data\": [{\"quota_usage\": %u, \"config\": "
                                           "{\"quota_total\": %u, \"quota_duration\": 86400}}]}",
                                           self->quota_used, self->quota_total);

  finish (self, message, json);
}

static void
add_media (CoTestInstagram *self,
           Container       *container)
{
  Media *media = g_new0 (Media, 1);

  media->id = new_id (self, "1791");
  media->caption = g_strdup (container->caption);
  media->media_type = g_strdup (container->media_type);
  media->permalink = g_strdup_printf ("https://www.instagram.com/p/Ct%s/", media->id);
  g_ptr_array_add (self->media, media);
  container->media_id = g_strdup (media->id);
  g_free (container->status_code);
  container->status_code = g_strdup ("PUBLISHED");
  self->quota_used++;
}

static void
publish (CoTestInstagram   *self,
         SoupServerMessage *message)
{
  g_autoptr(GHashTable) form = co_test_read_form (message);
  Container *container = g_hash_table_lookup (self->containers,
                                              g_hash_table_lookup (form, "creation_id"));
  g_autofree char *json = NULL;

  if (container == NULL || !g_str_equal (container->status_code, "FINISHED"))
    {
      reply_graph_error (message, 400, 9007, 2207027,
                         "Media ID is not available. The media is not ready for publishing.");
      return;
    }
  if (self->quota_used >= self->quota_total)
    {
      reply_graph_error (message, 400, 9, 2207042,
                         "You reached maximum number of posts allowed in a day.");
      return;
    }
  add_media (self, container);
  json = g_strdup_printf ("{\"id\": \"%s\"}", container->media_id);
  finish (self, message, json);
}

/* A page of the media edge, as the Graph API's cursor paging has it: limit
 * (25 when not given, at most 100) and the after cursor of the page before.
 * The cursors are opaque to the client; here they are the index in the
 * newest-first list. */
static gboolean
read_media_page (SoupServerMessage *message,
                 guint             *out_first,
                 guint             *out_limit)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autoptr(GHashTable) form = query != NULL ? soup_form_decode (query) : NULL;
  const char *limit = form != NULL ? g_hash_table_lookup (form, "limit") : NULL;
  const char *after = form != NULL ? g_hash_table_lookup (form, "after") : NULL;
  guint64 size = 25, first = 0;

  if (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, 100, &size, NULL))
    return FALSE;
  if (after != NULL && (!g_str_has_prefix (after, "QVFI") ||
                        !g_ascii_string_to_unsigned (after + 4, 10, 1, G_MAXUINT, &first, NULL)))
    return FALSE;
  *out_first = (guint)first;
  *out_limit = (guint)size;
  return TRUE;
}

/* GET /{ig-user-id}/media: newest first, a page at a time; paging.next (and
 * the after cursor) only while older media remain. */
static void
list_media (CoTestInstagram   *self,
            SoupServerMessage *message)
{
  g_autoptr(GString) json = g_string_new ("{\"data\": [");
  guint first, limit, end;

  if (!read_media_page (message, &first, &limit))
    {
      reply_graph_error (message, 400, 100, 0, "Invalid parameter: limit or after");
      return;
    }
  end = MIN ((guint64)first + limit, self->media->len);
  for (guint i = first; i < end; i++)
    {
      Media *media = g_ptr_array_index (self->media, self->media->len - 1 - i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *item = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, media->id);
      json_builder_set_member_name (builder, "caption");
      json_builder_add_string_value (builder, media->caption);
      json_builder_set_member_name (builder, "permalink");
      json_builder_add_string_value (builder, media->permalink);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      item = json_to_string (root, FALSE);
      g_string_append_printf (json, "%s%s", i > first ? ", " : "", item);
    }
  g_string_append (json, "], \"paging\": {");
  if (first < end)
    g_string_append_printf (json, "\"cursors\": {\"before\": \"QVFI%u\", "
                            "\"after\": \"QVFI%u\"}", first, end);
  if (end < self->media->len)
    g_string_append_printf (json, ", \"next\": \"%s" PREFIX "%s/media?limit=%u&after=QVFI%u\"",
                            co_test_server_get_url (self->server), self->user_id, limit, end);
  g_string_append (json, "}}");
  finish (self, message, json->str);
}

/* The edges of the Instagram user. */
static void
user_edge (CoTestInstagram   *self,
           SoupServerMessage *message,
           const char        *edge)
{
  gboolean post = g_str_equal (soup_server_message_get_method (message), "POST");

  if (post && g_str_equal (edge, "media"))
    create_container (self, message);
  else if (post && g_str_equal (edge, "media_publish"))
    publish (self, message);
  else if (!post && g_str_equal (edge, "media"))
    list_media (self, message);
  else if (!post && g_str_equal (edge, "content_publishing_limit"))
    publishing_limit (self, message);
  else
    reply_graph_error (message, 400, 100, 0, "Unknown path components");
}

/* GET /{ig-media-id}/insights?metric=…: each metric asked for, lifetime, as
 * Meta words it; an unknown metric is error 100. */
static void
insights (CoTestInstagram   *self,
          SoupServerMessage *message,
          const char        *id)
{
  static const char *const known[] = { "views", "likes", "comments", "shares", NULL };
  const CoTestCounts *counts = co_test_metrics_get (self->metrics, id);
  g_auto(GStrv) asked = co_test_query_list (message, "metric");
  g_autoptr(GString) json = g_string_new ("{\"data\": [");

  if (counts == NULL)
    {
      reply_graph_error (message, 400, 100, 33, "Unsupported get request.");
      return;
    }
  for (guint i = 0; asked != NULL && asked[i] != NULL; i++)
    if (!g_strv_contains (known, asked[i]))
      {
        reply_graph_error (message, 400, 100, 2108006,
                           "(#100) metric[0] must be one of the following values: views, "
                           "likes, comments, shares");
        return;
      }
  for (guint i = 0; asked != NULL && asked[i] != NULL; i++)
    {
      gint64 value = g_str_equal (asked[i], "views")   ? counts->views
                     : g_str_equal (asked[i], "likes") ? counts->likes
                     : g_str_equal (asked[i], "comments") ? counts->comments
                                                          : counts->shares;

      g_string_append_printf (json, "%s{\"name\": \"%s\", \"period\": \"lifetime\", "
                              "\"values\": [{\"value\": %" G_GINT64_FORMAT "}], "
                              "\"id\": \"%s/insights/%s/lifetime\"}",
                              i > 0 ? ", " : "", asked[i], value, id, asked[i]);
    }
  g_string_append (json, "]}");
  finish (self, message, json->str);
}

static void
graph_handler (CoTestServer      *server,
               SoupServerMessage *message,
               const char        *path,
               gpointer           user_data)
{
  CoTestInstagram *self = user_data;
  g_auto(GStrv) parts = g_strsplit (path + strlen (PREFIX), "/", 3);

  if (!authorized (self, message))
    return;
  if (g_strcmp0 (parts[0], "me") == 0 && g_strcmp0 (parts[1], "accounts") == 0)
    pages (self, message);
  else if (g_strcmp0 (parts[0], self->user_id) == 0 && parts[1] != NULL)
    user_edge (self, message, parts[1]);
  else if (parts[0] != NULL && parts[1] == NULL)
    node (self, message, parts[0]);
  else if (parts[0] != NULL && g_strcmp0 (parts[1], "insights") == 0 && parts[2] == NULL &&
           g_str_equal (soup_server_message_get_method (message), "GET"))
    insights (self, message, parts[0]);
  else
    reply_graph_error (message, 400, 100, 0, "Unknown path components");
}

/* The files Instagram fetches, served as a public web server would. */
static void
file_handler (CoTestServer      *server,
              SoupServerMessage *message,
              const char        *path,
              gpointer           user_data)
{
  CoTestInstagram *self = user_data;
  g_autofree char *url = g_strconcat (co_test_server_get_url (server), path, NULL);
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_mutex_lock (&self->files_lock);
  file = g_strdup (g_hash_table_lookup (self->files, url));
  g_mutex_unlock (&self->files_lock);
  if (file == NULL || !g_file_get_contents (file, &contents, &length, NULL))
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&contents), length);
}

CoTestInstagram *
co_test_instagram_new (CoTestServer *server,
                       CoTestOAuth  *provider,
                       const char   *user_id,
                       const char   *username)
{
  CoTestInstagram *self = g_new0 (CoTestInstagram, 1);

  self->server = server;
  self->provider = provider;
  self->user_id = g_strdup (user_id);
  self->username = g_strdup (username);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->files_lock);
  self->containers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify)container_free);
  self->media = g_ptr_array_new_with_free_func ((GDestroyNotify)media_free);
  self->quota_total = 100;
  self->metrics = co_test_metrics_new ();
  co_test_slow_init (&self->slow);
  co_test_server_route (server, NULL, PREFIX, graph_handler, self);
  co_test_server_route (server, "GET", "/public-media/", file_handler, self);
  return self;
}

void
co_test_instagram_free (CoTestInstagram *self)
{
  co_test_slow_clear (&self->slow);
  g_free (self->user_id);
  g_free (self->username);
  g_free (self->error_status);
  g_hash_table_unref (self->files);
  g_mutex_clear (&self->files_lock);
  g_free (self->folder);
  g_free (self->folder_url);
  g_hash_table_unref (self->containers);
  g_ptr_array_unref (self->media);
  g_hash_table_unref (self->metrics);
  g_free (self);
}

/**
 * co_test_instagram_serve_folder:
 * @self: the fake
 * @folder: a folder, as a web server would publish it
 *
 * Containers may then name any file of @folder at the returned address
 * followed by "/" and the file's name; a name not in @folder cannot be
 * fetched.
 *
 * Returns: (transfer none): the folder's public address
 */
const char *
co_test_instagram_serve_folder (CoTestInstagram *self,
                                const char      *folder)
{
  g_free (self->folder);
  self->folder = g_strdup (folder);
  g_free (self->folder_url);
  self->folder_url = g_strdup_printf ("%s/public-folder", co_test_server_get_url (self->server));
  return self->folder_url;
}

/**
 * co_test_instagram_fetched_path:
 * @self: the fake
 * @caption: a caption
 *
 * Returns: (transfer none) (nullable): the file the container of @caption was
 *   made from, as the fake found it at its address
 */
const char *
co_test_instagram_fetched_path (CoTestInstagram *self,
                                const char      *caption)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->containers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Container *container = value;

      if (g_strcmp0 (container->caption, caption) == 0)
        return container->path;
    }
  return NULL;
}

/* Serves @path at a public address of the fake, which it returns. */
char *
co_test_instagram_serve_file (CoTestInstagram *self,
                              const char      *path)
{
  g_autofree char *name = g_path_get_basename (path);
  char *url;

  g_mutex_lock (&self->files_lock);
  url = g_strdup_printf ("%s/public-media/%u/%s", co_test_server_get_url (self->server),
                         g_hash_table_size (self->files), name);
  g_hash_table_insert (self->files, g_strdup (url), g_strdup (path));
  g_mutex_unlock (&self->files_lock);
  return url;
}

/* The next containers stay IN_PROGRESS for @polls_in_progress polls, then end
 * FINISHED, or ERROR with @error_status when given. */
void
co_test_instagram_set_processing (CoTestInstagram *self,
                                  guint            polls_in_progress,
                                  const char      *error_status)
{
  self->polls_in_progress = polls_in_progress;
  g_free (self->error_status);
  self->error_status = g_strdup (error_status);
}

void
co_test_instagram_set_quota (CoTestInstagram *self,
                             guint            used,
                             guint            total)
{
  self->quota_used = used;
  self->quota_total = total;
}

CoTestSlow *
co_test_instagram_get_slow (CoTestInstagram *self)
{
  return &self->slow;
}

/* How many media were published with exactly @caption. */
guint
co_test_instagram_count_caption (CoTestInstagram *self,
                                 const char      *caption)
{
  guint n = 0;

  for (guint i = 0; i < self->media->len; i++)
    n += g_strcmp0 (((Media *)g_ptr_array_index (self->media, i))->caption, caption) == 0;
  return n;
}

/**
 * co_test_instagram_add_media:
 * @self: the fake
 * @caption: the media's caption
 *
 * Adds an image published elsewhere (in Instagram's app), newer than every
 * media so far: it comes first in GET /{ig-user-id}/media.
 */
void
co_test_instagram_add_media (CoTestInstagram *self,
                             const char      *caption)
{
  Media *media = g_new0 (Media, 1);

  media->id = new_id (self, "1791");
  media->caption = g_strdup (caption);
  media->media_type = g_strdup ("IMAGE");
  media->permalink = g_strdup_printf ("https://www.instagram.com/p/Ct%s/", media->id);
  g_ptr_array_add (self->media, media);
}

/* How many media were published, whatever their captions. */
guint
co_test_instagram_n_media (CoTestInstagram *self)
{
  return self->media->len;
}

/* Whether @id is a media container (not a published media, nor unknown). */
gboolean
co_test_instagram_is_container (CoTestInstagram *self,
                                const char      *id)
{
  return g_hash_table_contains (self->containers, id);
}

guint
co_test_instagram_n_containers (CoTestInstagram *self)
{
  return g_hash_table_size (self->containers);
}

/* How many times a container's status was asked. */
guint
co_test_instagram_n_status_polls (CoTestInstagram *self)
{
  return self->n_polls;
}

/* How many containers were made from a file the fake serves. */
guint
co_test_instagram_n_fetched (CoTestInstagram *self)
{
  return self->n_fetched;
}

const char *
co_test_instagram_media_id (CoTestInstagram *self,
                            const char      *caption)
{
  Media *media = find_media (self, NULL, caption);

  return media != NULL ? media->id : NULL;
}

const char *
co_test_instagram_media_type (CoTestInstagram *self,
                              const char      *caption)
{
  Media *media = find_media (self, NULL, caption);

  return media != NULL ? media->media_type : NULL;
}

/**
 * co_test_instagram_get_metrics:
 * @self: the fake
 *
 * Returns: (transfer none): the media's counts (co-test-metrics.h) that
 *   GET /{ig-media-id}/insights reports
 */
GHashTable *
co_test_instagram_get_metrics (CoTestInstagram *self)
{
  return self->metrics;
}
