/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-mirror-call.h"

CoMirrorCall *
_co_mirror_call_new (CoStore      *store,
                     CoHttpClient *client,
                     const char   *url,
                     const char   *sha256,
                     const char   *credentials)
{
  CoMirrorCall *call = g_new0 (CoMirrorCall, 1);

  call->store = g_object_ref (store);
  call->client = g_object_ref (client);
  call->url = g_strdup (url);
  call->sha256 = g_strdup (sha256);
  call->credentials = g_strdup (credentials);
  return call;
}

void
_co_mirror_call_free (gpointer data)
{
  CoMirrorCall *call = data;

  g_clear_object (&call->store);
  g_clear_object (&call->client);
  g_free (call->url);
  g_free (call->sha256);
  /* Not left in freed memory. */
  if (call->credentials != NULL)
    memset (call->credentials, 0, strlen (call->credentials));
  g_free (call->credentials);
  g_free (call);
}
