/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-publish-controller.h"
#include "co-test-linkedin.h"
#include "co-test-oauth.h"
#include "co-test-server.h"
#include "co-test-x.h"

G_BEGIN_DECLS

/*
 * Shared by the publishing tests of the app: the fakes of X and LinkedIn and
 * their sign-ins on one loopback server, with the environment pointing the
 * app at them and POSTs refused on demand; accounts connected with minted
 * tokens; drafts; and posts scheduled for a time that has passed.
 */
typedef struct
{
  CoTestServer   *server;
  CoTestOAuth    *x_oauth;
  CoTestOAuth    *linkedin_oauth;
  CoTestX        *x;
  CoTestLinkedIn *linkedin;
  char           *x_user;
  char           *linkedin_user;
  const char     *refuse_path;   /* POST requests ending so are refused */
  guint           refuse_status; /* with this status */
  guint           refusals;      /* how many more */
} CoTestFakes;

/* A publishing of one platform under way: co_test_publish_start() fills it,
 * co_test_publish_finish() waits for it and co_test_publish_wait_clear()
 * frees what it got. */
typedef struct
{
  gboolean   done;
  GPtrArray *outcomes;
  GError    *error;
} CoTestPublishWait;

void   co_test_fakes_init     (CoTestFakes         *fakes);
void   co_test_fakes_clear    (CoTestFakes         *fakes,
                               guint                wait_ms);
void   co_test_fakes_refuse   (CoTestFakes         *fakes,
                               const char          *path,
                               guint                status,
                               guint                times);
void   co_test_add_token      (CoPublishController *publish,
                               CoPlatform           platform,
                               CoTestOAuth         *provider);
gint64 co_test_new_draft      (CoDrafts            *drafts,
                               const char          *body,
                               const CoPlatform    *platforms,
                               guint                n_platforms);
void   co_test_publish_start  (CoPublishController *publish,
                               gint64               draft_id,
                               CoPlatform           platform,
                               CoTestPublishWait   *wait);
CoPublishOutcome *co_test_publish_finish (CoTestPublishWait *wait);
void   co_test_publish_wait_clear (CoTestPublishWait *wait);
gint64 co_test_schedule_past  (CoStore             *store,
                               const char          *text,
                               gboolean             watched);

G_END_DECLS
