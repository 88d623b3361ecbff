/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-http-client.h"
#include "co-store.h"

G_BEGIN_DECLS

/* What an _async() of the mirror hands its worker (co_task_run_async()):
 * the library and the HTTP client, held until the answer, and the strings
 * the call needs, copied.  The credentials hold a secret and are wiped when
 * the call is freed. */
typedef struct
{
  CoStore      *store;
  CoHttpClient *client;
  char         *url;           /* (nullable) */
  char         *sha256;        /* (nullable) */
  char         *credentials;   /* (nullable) */
} CoMirrorCall;

CoMirrorCall *_co_mirror_call_new  (CoStore      *store,
                                    CoHttpClient *client,
                                    const char   *url,
                                    const char   *sha256,
                                    const char   *credentials);
void          _co_mirror_call_free (gpointer      call);

G_END_DECLS
