/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-store.h"
#include "co-test-cli.h"
#include "co-test-oauth.h"
#include "co-test-instagram.h"
#include "co-test-linkedin.h"
#include "co-test-server.h"
#include "co-test-x.h"
#include "co-test-youtube.h"

G_BEGIN_DECLS

/*
 * The command-line tests of publishing: a library, X and its sign-in as fakes
 * in this process, and the environment that points creatorops-cli at them
 * (CREATOROPS_API_BASE_X, _OAUTH_X, CREATOROPS_OAUTH_CLIENT_ID_X).  The CLI
 * runs as a child while this process serves its requests, so every wait
 * iterates the main context.  co_test_publishing_add_platforms() puts LinkedIn,
 * YouTube and Instagram and their sign-ins on the same server (their paths are
 * their own) and points the CLI at them too, with a media folder the Instagram
 * fake serves as the CLI's media host.
 */
typedef struct
{
  char         *dir;
  char         *data_dir;
  CoTestServer *server;
  CoTestOAuth  *provider;
  CoTestX      *x;
  char         *user_id;
  /* After co_test_publishing_add_platforms(): */
  CoTestOAuth    *linkedin_provider;
  CoTestLinkedIn *linkedin;
  char           *linkedin_id;
  CoTestOAuth    *youtube_provider;
  CoTestYouTube  *youtube;
  CoTestOAuth     *instagram_provider;
  CoTestInstagram *instagram;
  char            *instagram_id;
  char            *media_folder;   /* the CLI's media host, served by the Instagram fake */
} CoTestPublishing;

#define CO_TEST_PUBLISHING_CHANNEL "UCcrashtest"

void         co_test_publishing_init        (CoTestPublishing    *self);
void         co_test_publishing_clear       (CoTestPublishing    *self);
CoStore     *co_test_publishing_open_store  (CoTestPublishing    *self);
GSubprocess *co_test_publishing_spawn       (CoTestPublishing    *self,
                                             const char          *stderr_path,
                                             gboolean             with_stdin,
                                             const char * const  *args);
CoCliRun    *co_test_publishing_finish      (CoTestPublishing    *self,
                                             GSubprocess         *process,
                                             const char          *input,
                                             const char          *stderr_path);
CoCliRun    *co_test_publishing_run         (CoTestPublishing    *self,
                                             const char          *input,
                                             const char          *first,
                                             ...) G_GNUC_NULL_TERMINATED;
void         co_test_publishing_add_platforms (CoTestPublishing  *self);
gint64       co_test_publishing_add_account (CoTestPublishing    *self);
gint64       co_test_publishing_add_account_on (CoTestPublishing *self,
                                             CoPlatform           platform);
CoCliRun    *co_test_publishing_connect     (CoTestPublishing    *self);

G_END_DECLS
