/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-account-manager.h"
#include "co-cli.h"
#include "co-instagram-client.h"
#include "co-linkedin-client.h"
#include "co-metrics-puller.h"
#include "co-outbox-sender.h"
#include "co-publisher.h"
#include "co-x-client.h"
#include "co-youtube-client.h"

G_BEGIN_DECLS

/**
 * CoCliNetwork:
 * @config: the service addresses and client ids: defaults, then the settings,
 *   then the environment
 * @client: the run's one HTTP client
 * @accounts: the accounts, with each platform client that can identify one
 * @outbox: the outbox
 * @sender: sends it, with a handler per platform client
 * @x: X's client
 * @linkedin: LinkedIn's client
 * @instagram: Instagram's client
 * @youtube: YouTube's client
 * @schedule: the calendar and its drafts
 * @publisher: publishes drafts through @sender
 * @puller: pulls the published posts' metrics
 *
 * What the commands that reach the network (accounts, outbox, publish,
 * scheduler, metrics) share.
 */
typedef struct
{
  CoServiceConfig  *config;
  CoHttpClient     *client;
  CoAccountManager *accounts;
  CoOutbox         *outbox;
  CoOutboxSender   *sender;
  CoXClient        *x;
  CoLinkedInClient  *linkedin;
  CoInstagramClient *instagram;
  CoYouTubeClient   *youtube;
  CoSchedule        *schedule;
  CoPublisher       *publisher;
  CoMetricsPuller   *puller;
} CoCliNetwork;

CoCliNetwork *co_cli_network_open (CoCli        *cli,
                                   int          *out_exit);
void          co_cli_network_free (CoCliNetwork *network);
char         *co_cli_network_dup_setting (const char *key);
int           co_cli_network_get_int_setting (const char *key,
                                              int         fallback);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCliNetwork, co_cli_network_free)

G_END_DECLS
