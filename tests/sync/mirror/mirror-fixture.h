/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the mirror's sync test binaries: libraries (co-test-mirror.h)
 * synced with a real PouchDB Server (co-test-couch.h) in a worker thread,
 * while the main thread runs the loop a loopback server may need. */

#include <stdio.h>
#include <string.h>

#include "co-mirror-sync.h"
#include "co-store-private.h"
#include "co-test-couch.h"
#include "co-test-mirror.h"
#include "co-test-server.h"
#include "co-test-util.h"

typedef struct
{
  CoMirror           *mirror;
  CoCouch            *couch;
  GCancellable       *cancellable;
  guint               cancel_after;    /* cancel once this many were sent or received */
  CoMirrorSyncReport  report;
  GError             *error;
  gboolean            ok;
  gboolean            done;
} SyncRun;

static inline void
cancel_progress_cb (double      fraction,
                    const char *message,
                    gpointer    data)
{
  SyncRun *run = data;
  unsigned n = 0;

  /* "Received N changes" and "Sent N of M changed records". */
  if (run->cancel_after > 0 && message != NULL &&
      (sscanf (message, "Received %u", &n) == 1 || sscanf (message, "Sent %u", &n) == 1) &&
      n >= run->cancel_after)
    g_cancellable_cancel (run->cancellable);
}

static inline gpointer
sync_thread (gpointer data)
{
  SyncRun *run = data;

  run->ok = co_mirror_sync_once (run->mirror, run->couch, cancel_progress_cb, run, &run->report,
                                 run->cancellable, &run->error);
  g_atomic_int_set (&run->done, TRUE);
  return NULL;
}

static inline gboolean
run_done (gpointer data)
{
  return g_atomic_int_get (&((SyncRun *)data)->done);
}

/* Syncs @side with the database at @url (credentials in its user info, if
 * any) through @client; the run keeps the outcome.  @cancel_after: 0, or
 * cancel the sync once that many documents went one way. */
static inline void
sync_side_run_with (CoTestSide   *side,
                    const char   *url,
                    CoHttpClient *client,
                    guint         cancel_after,
                    SyncRun      *run)
{
  g_autoptr(GError) error = NULL;
  GThread *thread;

  memset (run, 0, sizeof *run);
  run->mirror = side->mirror;
  run->couch = co_couch_new (client, url, NULL, NULL, &error);
  g_assert_no_error (error);
  run->cancellable = g_cancellable_new ();
  run->cancel_after = cancel_after;
  thread = g_thread_new ("sync", sync_thread, run);
  g_assert_true (co_test_wait_until (run_done, run, 600000));
  g_thread_join (thread);
  g_clear_object (&run->couch);
  g_clear_object (&run->cancellable);
}

static inline void
sync_side_run (CoTestSide *side,
               const char *url,
               guint       cancel_after,
               SyncRun    *run)
{
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);

  sync_side_run_with (side, url, client, cancel_after, run);
}

static inline void
sync_run_clear (SyncRun *run)
{
  g_clear_error (&run->error);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncRun, sync_run_clear)

/* Syncs and asserts it worked; returns the report. */
static inline CoMirrorSyncReport
sync_side (CoTestSide *side,
           const char *url)
{
  g_auto(SyncRun) run;

  sync_side_run (side, url, 0, &run);
  /* With CO_TEST_COUCH_LOG set, the server's log shows what it made of it. */
  if (run.error != NULL)
    co_test_couch_stop ();
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  return run.report;
}

/* The test's PouchDB Server, or NULL after the test was marked failed or
 * skipped (not installed). */
static inline char *
new_database (const char *prefix)
{
  CoTestCouch *couch = co_test_couch_get ();

  return couch != NULL ? co_test_couch_new_db (couch, prefix) : NULL;
}
