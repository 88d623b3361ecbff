/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-metrics"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-instagram-client.h"
#include "co-instagram-private.h"
#include "co-linkedin-client.h"
#include "co-metrics-private.h"
#include "co-publish-call.h"
#include "co-sync-error.h"

/*
 * Each platform's engagement counts, as its documentation gives them:
 *
 * - X API v2: GET /2/tweets?ids=…&tweet.fields=public_metrics, up to 100
 *   posts; views are impression_count, comments reply_count, shares
 *   retweet_count plus quote_count.  Ids X no longer has come back under
 *   "errors" and are left out.
 * - YouTube Data API v3: GET /youtube/v3/videos?part=statistics&id=…, up to
 *   50 videos; the counts are strings; YouTube reports no shares.
 * - Instagram Graph API: GET /{ig-media-id}/insights?metric=views,likes,
 *   comments,shares, one media at a time, each metric's lifetime value.
 * - LinkedIn: GET /rest/socialActions/{post URN}, one post at a time, the
 *   likes and comments summaries; LinkedIn reports no views or shares of a
 *   member's post there.
 */

/* The posts' ids, joined with escaped commas for a query. */
static char *
join_ids (CoMetricsPost **posts,
          guint           n)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (ids, "%2C");
      g_string_append_uri_escaped (ids, posts[i]->post_id, NULL, FALSE);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static CoHttpRequest *
new_get (CoServiceConfig *config,
         CoService        service,
         const char      *path,
         const char      *bucket)
{
  g_autofree char *url = co_service_config_build_url (config, service, path);
  CoHttpRequest *request = co_http_request_new ("GET", url);

  co_http_request_set_bucket (request, bucket);
  return request;
}

static CoMetricsPost *
find_post (CoMetricsPost **posts,
           guint           n,
           const char     *id)
{
  for (guint i = 0; id != NULL && i < n; i++)
    if (g_str_equal (posts[i]->post_id, id))
      return posts[i];
  return NULL;
}

static gint64
count_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  gint64 value = 0;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    value = g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  return MAX (value, 0);
}

static JsonObject *
object_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The post that @item names by its "id", when @item has the object
 * @member, which it gives in @out_counts. */
static CoMetricsPost *
item_post (JsonObject     *item,
           CoMetricsPost **posts,
           guint           n,
           const char     *member,
           JsonObject    **out_counts)
{
  const char *id = json_object_get_string_member_with_default (item, "id", NULL);

  *out_counts = object_member (item, member);
  return *out_counts != NULL ? find_post (posts, n, id) : NULL;
}

/* X */

static CoHttpRequest *
x_build (CoServiceConfig  *config,
         CoMetricsPost   **posts,
         guint             n)
{
  g_autofree char *ids = join_ids (posts, n);
  g_autofree char *path = g_strconcat ("/2/tweets?ids=", ids, "&tweet.fields=public_metrics",
                                       NULL);

  return new_get (config, CO_SERVICE_X, path, "x");
}

static void
x_item (JsonObject     *item,
        CoMetricsPost **posts,
        guint           n)
{
  JsonObject *metrics;
  CoMetricsPost *post = item_post (item, posts, n, "public_metrics", &metrics);

  if (post == NULL)
    return;
  post->counts = (CoEngagement){ 1, count_member (metrics, "impression_count"),
                                 count_member (metrics, "like_count"),
                                 count_member (metrics, "reply_count"),
                                 count_member (metrics, "retweet_count") +
                                   count_member (metrics, "quote_count") };
}

/* YouTube */

static CoHttpRequest *
youtube_build (CoServiceConfig  *config,
               CoMetricsPost   **posts,
               guint             n)
{
  g_autofree char *ids = join_ids (posts, n);
  g_autofree char *path = g_strconcat ("/youtube/v3/videos?part=statistics&id=", ids, NULL);

  return new_get (config, CO_SERVICE_YOUTUBE, path, "youtube");
}

static void
youtube_item (JsonObject     *item,
              CoMetricsPost **posts,
              guint           n)
{
  JsonObject *statistics;
  CoMetricsPost *post = item_post (item, posts, n, "statistics", &statistics);

  if (post == NULL)
    return;
  post->counts = (CoEngagement){ 1, count_member (statistics, "viewCount"),
                                 count_member (statistics, "likeCount"),
                                 count_member (statistics, "commentCount"), 0 };
}

/* Instagram */

static CoHttpRequest *
instagram_build (CoServiceConfig  *config,
                 CoMetricsPost   **posts,
                 guint             n)
{
  g_autofree char *id = g_uri_escape_string (posts[0]->post_id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/" CO_INSTAGRAM_GRAPH_VERSION "/", id,
                                       "/insights?metric=views%2Clikes%2Ccomments%2Cshares",
                                       NULL);

  g_assert (n == 1);
  return new_get (config, CO_SERVICE_INSTAGRAM, path, "instagram");
}

static void
instagram_item (JsonObject     *item,
                CoMetricsPost **posts,
                guint           n)
{
  const char *name = json_object_get_string_member_with_default (item, "name", "");
  JsonNode *values = json_object_get_member (item, "values");
  JsonNode *first;
  gint64 value;

  if (values == NULL || !JSON_NODE_HOLDS_ARRAY (values) ||
      json_array_get_length (json_node_get_array (values)) == 0)
    return;
  first = json_array_get_element (json_node_get_array (values), 0);
  value = JSON_NODE_HOLDS_OBJECT (first) ? count_member (json_node_get_object (first), "value")
                                         : 0;
  posts[0]->counts.n_posts = 1;
  if (g_str_equal (name, "views"))
    posts[0]->counts.views = value;
  else if (g_str_equal (name, "likes"))
    posts[0]->counts.likes = value;
  else if (g_str_equal (name, "comments"))
    posts[0]->counts.comments = value;
  else if (g_str_equal (name, "shares"))
    posts[0]->counts.shares = value;
}

/* LinkedIn */

static CoHttpRequest *
linkedin_build (CoServiceConfig  *config,
                CoMetricsPost   **posts,
                guint             n)
{
  g_autofree char *urn = g_uri_escape_string (posts[0]->post_id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/rest/socialActions/", urn, NULL);
  CoHttpRequest *request = new_get (config, CO_SERVICE_LINKEDIN, path, "linkedin");

  g_assert (n == 1);
  co_http_request_set_header (request, "LinkedIn-Version", CO_LINKEDIN_VERSION);
  co_http_request_set_header (request, "X-Restli-Protocol-Version", "2.0.0");
  return request;
}

/* A post LinkedIn no longer has reads as no counts. */
static JsonObject *
linkedin_parse (CoHttpResponse  *response,
                GError         **error)
{
  if (co_http_response_get_status (response) == SOUP_STATUS_NOT_FOUND)
    return json_object_new ();
  return co_publish_parse_object (response, error);
}

static void
linkedin_item (JsonObject     *item,
               CoMetricsPost **posts,
               guint           n)
{
  JsonObject *likes = object_member (item, "likesSummary");
  JsonObject *comments = object_member (item, "commentsSummary");

  if (likes == NULL && comments == NULL)
    return;
  posts[0]->counts = (CoEngagement){ 1, 0, count_member (likes, "totalLikes"),
                                     count_member (comments, "aggregatedTotalComments"), 0 };
}

static const CoMetricsRoute routes[CO_N_PLATFORMS] = {
  [CO_PLATFORM_X] = { 100, x_build, co_publish_parse_object, "data", x_item },
  [CO_PLATFORM_YOUTUBE] = { 50, youtube_build, co_publish_parse_object, "items", youtube_item },
  [CO_PLATFORM_INSTAGRAM] = { 1, instagram_build, _co_instagram_parse, "data", instagram_item },
  [CO_PLATFORM_LINKEDIN] = { 1, linkedin_build, linkedin_parse, NULL, linkedin_item },
};

/* Returns: (nullable): how the metrics of @platform's posts are asked for */
const CoMetricsRoute *
_co_metrics_route (CoPlatform platform)
{
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  return routes[platform].build != NULL ? &routes[platform] : NULL;
}

/**
 * _co_metrics_route_read:
 * @route: a platform's route
 * @response: the platform's answer
 * @posts: (array length=n): the posts asked about
 * @n: their number
 * @error: return location for a #GError
 *
 * Reads the answer into the posts' counts: each object of the route's list
 * (or the answer itself) goes to the route's item function.  A post the
 * platform does not know keeps @n_posts 0.
 *
 * Returns: %TRUE on success, else %FALSE with the status's %CO_SYNC_ERROR
 *   or %CO_SYNC_ERROR_PROTOCOL
 */
gboolean
_co_metrics_route_read (const CoMetricsRoute  *route,
                        CoHttpResponse        *response,
                        CoMetricsPost        **posts,
                        guint                  n,
                        GError               **error)
{
  g_autoptr(JsonObject) object = route->parse (response, error);
  JsonNode *node;
  JsonArray *items;

  if (object == NULL)
    return FALSE;
  if (route->list == NULL)
    {
      route->item (object, posts, n);
      return TRUE;
    }
  if ((node = json_object_get_member (object, route->list)) == NULL)
    return TRUE;   /* None of the posts is known. */
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *display = co_http_request_dup_display (
        co_http_response_get_request (response));

      g_set_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_PROTOCOL,
                   _("The answer to %s has no list of “%s”"), display, route->list);
      return FALSE;
    }
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, i)))
      route->item (json_array_get_object_element (items, i), posts, n);
  return TRUE;
}
