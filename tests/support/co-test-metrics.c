/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-test-metrics.h"

/** co_test_metrics_new: Returns: (transfer full): a table of post id → #CoTestCounts */
GHashTable *
co_test_metrics_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Gives @post_id these counts, replacing any it had. */
void
co_test_metrics_set (GHashTable *metrics,
                     const char *post_id,
                     gint64      views,
                     gint64      likes,
                     gint64      comments,
                     gint64      shares)
{
  CoTestCounts *counts = g_new (CoTestCounts, 1);

  *counts = (CoTestCounts){ views, likes, comments, shares };
  g_hash_table_replace (metrics, g_strdup (post_id), counts);
}

/* Returns: (nullable): the counts of @post_id, or %NULL for a post the platform does not know */
const CoTestCounts *
co_test_metrics_get (GHashTable *metrics,
                     const char *post_id)
{
  return post_id != NULL ? g_hash_table_lookup (metrics, post_id) : NULL;
}

/* The comma-separated values of the query parameter @name, or %NULL when
 * it is missing or empty. */
char **
co_test_query_list (SoupServerMessage *message,
                    const char        *name)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (message));
  g_autoptr(GHashTable) params = NULL;
  const char *value;

  if (query == NULL)
    return NULL;
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  value = params != NULL ? g_hash_table_lookup (params, name) : NULL;
  if (value == NULL || value[0] == '\0')
    return NULL;
  return g_strsplit (value, ",", -1);
}
