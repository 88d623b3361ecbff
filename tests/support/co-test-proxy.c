/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-test-proxy.h"

typedef struct
{
  SoupSession *session;
  char        *target;    /* the peer's address, http://HOST:PORT */
} Proxy;

static void
proxy_free (Proxy *proxy)
{
  g_clear_object (&proxy->session);
  g_free (proxy->target);
  g_free (proxy);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    data)
{
  /* The body's length and the connection are this hop's own. */
  if (g_ascii_strcasecmp (name, "Content-Length") == 0 ||
      g_ascii_strcasecmp (name, "Connection") == 0 ||
      g_ascii_strcasecmp (name, "Keep-Alive") == 0 || g_ascii_strcasecmp (name, "Date") == 0)
    return;
  soup_message_headers_append (data, name, value);
}

static void
forward_cb (CoTestServer      *server,
            SoupServerMessage *message,
            const char        *path,
            gpointer           data)
{
  Proxy *proxy = data;
  GUri *uri = soup_server_message_get_uri (message);
  const char *query = g_uri_get_query (uri);
  g_autofree char *url = g_strconcat (proxy->target, g_uri_get_path (uri), query ? "?" : "",
                                      query ? query : "", NULL);
  g_autoptr(SoupMessage) request = soup_message_new (soup_server_message_get_method (message),
                                                     url);
  SoupMessageHeaders *in = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (message);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (request);
  soup_message_headers_foreach (in, copy_header_cb, soup_message_get_request_headers (request));
  if (g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (request, soup_message_headers_get_content_type (in,
                                                                                          NULL),
                                              body);
  answer = soup_session_send_and_read (proxy->session, request, NULL, &error);
  soup_server_message_set_status (message, soup_message_get_status (request), NULL);
  soup_message_headers_foreach (soup_message_get_response_headers (request), copy_header_cb, out);
  /* libsoup sets these from the body it is given. */
  soup_message_headers_remove (out, "Content-Type");
  soup_message_headers_remove (out, "Transfer-Encoding");
  soup_message_headers_remove (out, "Content-Encoding");
  soup_message_headers_replace (out, "Connection", "close");
  soup_server_message_set_response (message,
                                    soup_message_headers_get_content_type (
                                      soup_message_get_response_headers (request), NULL),
                                    SOUP_MEMORY_COPY, g_bytes_get_data (answer, NULL),
                                    g_bytes_get_size (answer));
  /* Said, so that the client need not wait for the connection to close. */
  soup_message_headers_set_content_length (out, g_bytes_get_size (answer));
}

/**
 * co_test_proxy_new:
 * @target: the peer's address (http://HOST:PORT, no path)
 *
 * Returns: (transfer full): a proxy on a free loopback port, served by the
 *   calling thread's main context
 */
CoTestServer *
co_test_proxy_new (const char *target)
{
  CoTestServer *server = co_test_server_new ();
  Proxy *proxy = g_new0 (Proxy, 1);

  proxy->session = soup_session_new ();
  proxy->target = g_strdup (target);
  while (g_str_has_suffix (proxy->target, "/"))
    proxy->target[strlen (proxy->target) - 1] = '\0';
  co_test_server_route (server, NULL, "/", forward_cb, proxy);
  g_object_set_data_full (G_OBJECT (server), "co-test-proxy", proxy, (GDestroyNotify)proxy_free);
  return server;
}

/**
 * co_test_proxy_rewrite:
 * @proxy: a proxy
 * @url: an address on the proxy's peer
 *
 * Returns: (transfer full): the same address through the proxy
 */
char *
co_test_proxy_rewrite (CoTestServer *proxy,
                       const char   *url)
{
  Proxy *data = g_object_get_data (G_OBJECT (proxy), "co-test-proxy");

  g_assert_true (g_str_has_prefix (url, data->target));
  return g_strconcat (co_test_server_get_url (proxy), url + strlen (data->target), NULL);
}
