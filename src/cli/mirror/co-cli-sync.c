/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "co-cli-sync-private.h"
#include "co-cli-sync.h"
#include "co-media-mirror.h"
#include "co-media-server.h"
#include "co-mirror-server.h"
#include "co-mirror-sync.h"

/*
 * sync [--once], sync setup|status|conflicts|resolve: the cloud mirror of
 * the records.  The server is set up once (its address in the library's
 * settings, the credentials from standard input into the keyring), or named
 * by CREATOROPS_COUCHDB_URL; nothing here prints a password, and addresses
 * are printed without their user info.
 */

/* How long continuous sync waits for the server's next change before it
 * looks at the library's own again. */
#define CONTINUOUS_WAIT_MS 30000
/* After a failure a retry may mend (the network, a busy server), continuous
 * sync waits this long, then twice as long each time, up to the maximum. */
#define BACKOFF_FIRST_S 2
#define BACKOFF_MAX_S   60

static int sync_run    (CoCli *cli);
static int sync_setup  (CoCli *cli);
static int sync_status (CoCli *cli);

static const CoCliCommand sync_commands[] = {
  { "sync", NULL, NULL, N_("Sync the records with the CouchDB server and the media with the S3 bucket "
                            "(--once: one round)"),
    sync_run },
  { "sync", "setup", NULL, N_("Set up the CouchDB server (--couchdb URL/DATABASE) and the S3 "
                              "bucket (--s3 URL/BUCKET); credentials as JSON on standard "
                              "input"), sync_setup },
  { "sync", "status", NULL, N_("Show the server, the last sync and what waits to be sent"),
    sync_status },
  { "sync", "conflicts", NULL, N_("List the conflict copies: versions that lost to another "
                                  "library's"), co_cli_sync_conflicts },
  { "sync", "resolve", N_("ID"), N_("Keep one version of a conflict (--keep local|remote)"),
    co_cli_sync_resolve },
};

/**
 * co_cli_sync_get_commands:
 * @n_commands: (out): how many there are
 *
 * Returns: (transfer none) (array length=n_commands): the sync commands
 */
const CoCliCommand *
co_cli_sync_get_commands (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (sync_commands);
  return sync_commands;
}

gboolean
co_cli_sync_no_arguments (CoCli *cli,
                          int   *out_exit)
{
  guint n_args;
  const char **args = co_cli_get_args (cli, &n_args);

  if (n_args == 0)
    return TRUE;
  *out_exit = co_cli_usage (cli, _("Unexpected argument “%s”"), args[0]);
  return FALSE;
}

/**
 * co_cli_sync_open_mirror:
 * @cli: the state of the run
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Returns: (transfer full) (nullable): the library's mirror
 */
CoMirror *
co_cli_sync_open_mirror (CoCli *cli,
                         int   *out_exit)
{
  g_autoptr(GError) error = NULL;
  CoVault *vault = co_cli_open_vault (cli, out_exit);
  CoMirror *mirror;

  if (vault == NULL)
    return NULL;
  mirror = co_mirror_new (co_vault_get_store (vault), &error);
  if (mirror == NULL)
    *out_exit = co_cli_fail (cli, error);
  return mirror;
}

static void
print_report (CoCli                     *cli,
              const char                *url,
              const CoMirrorSyncReport  *report,
              CoS3                      *s3,
              const CoMediaMirrorReport *media)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!cli->json)
    {
      g_print (_("Synced with %s: %u received, %u sent.\n"), url, report->pulled, report->pushed);
      if (s3 != NULL)
        g_print (_("Media with %s: %u files sent, %u already there, %u fetched.\n"),
                 co_s3_get_url (s3), media->pushed, media->present, media->fetched);
      if (s3 != NULL && media->missing > 0)
        g_print (g_dngettext (NULL, "%u file is in neither this library nor the bucket yet.\n",
                              "%u files are in neither this library nor the bucket yet.\n",
                              media->missing), media->missing);
      if (report->conflicts > 0)
        g_print (g_dngettext (NULL, "%u conflict: “creatorops-cli sync conflicts” lists it.\n",
                              "%u conflicts: “creatorops-cli sync conflicts” lists them.\n",
                              report->conflicts), report->conflicts);
      if (report->waiting > 0)
        g_print (_("%u documents wait for records they refer to.\n"), report->waiting);
      return;
    }
  root = co_cli_json_take_object (json_object_new ());
  object = json_node_get_object (root);
  json_object_set_string_member (object, "server", url);
  json_object_set_int_member (object, "received", report->pulled);
  json_object_set_int_member (object, "sent", report->pushed);
  json_object_set_int_member (object, "conflicts", report->conflicts);
  json_object_set_int_member (object, "waiting", report->waiting);
  json_object_set_int_member (object, "requests", report->requests);
  if (s3 != NULL)
    {
      JsonObject *files = json_object_new ();

      json_object_set_string_member (files, "bucket", co_s3_get_url (s3));
      json_object_set_int_member (files, "sent", media->pushed);
      json_object_set_int_member (files, "present", media->present);
      json_object_set_int_member (files, "fetched", media->fetched);
      json_object_set_int_member (files, "bytes_sent", media->bytes_sent);
      json_object_set_int_member (files, "missing", media->missing);
      json_object_set_object_member (object, "media", files);
    }
  co_cli_print_json (root);
}

/* What ends a back-off: its timeout, in the waiting thread, or Ctrl+C,
 * in whichever thread cancels. */
typedef struct
{
  GMainContext *context;
  gint          woken;
} Wake;

static gboolean
timeout_cb (gpointer data)
{
  Wake *wake = data;

  g_atomic_int_set (&wake->woken, 1);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      data)
{
  Wake *wake = data;

  g_atomic_int_set (&wake->woken, 1);
  g_main_context_wakeup (wake->context);
}

/* Waits the next back-off; FALSE when Ctrl+C came meanwhile.  Ctrl+C is
 * heard through g_cancellable_connect(), not a GCancellableSource: once,
 * under LeakSanitizer, the source of a back-off that Ctrl+C ended (from
 * another thread) was reported as never freed, and nothing here needs a
 * source. */
static gboolean
back_off (guint        *seconds,
          GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = NULL;
  Wake wake = { context, 0 };
  gulong handler;

  *seconds = *seconds == 0 ? BACKOFF_FIRST_S : MIN (*seconds * 2, BACKOFF_MAX_S);
  timeout = g_timeout_source_new_seconds (*seconds);
  g_source_set_callback (timeout, timeout_cb, &wake, NULL);
  g_source_attach (timeout, context);
  /* Called at once if Ctrl+C came already. */
  handler = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), &wake, NULL);
  while (!g_atomic_int_get (&wake.woken))
    g_main_context_iteration (context, TRUE);
  /* Waits for a callback running in another thread to return. */
  g_cancellable_disconnect (cancellable, handler);
  g_source_destroy (timeout);
  return !g_cancellable_is_cancelled (cancellable);
}

/* One round: the records, then the files they name. */
static gboolean
sync_round (CoCli     *cli,
            CoMirror  *mirror,
            CoCouch   *couch,
            CoS3      *s3,
            GError   **error)
{
  GCancellable *cancellable = co_cli_get_cancellable (cli);
  CoMirrorSyncReport report;
  CoMediaMirrorReport media = { 0 };
  CoStore *store = co_mirror_get_store (mirror);

  if (!co_mirror_sync_once (mirror, couch, co_cli_progress_cb, cli, &report, cancellable, error))
    return FALSE;
  if (s3 != NULL &&
      (!co_media_mirror_push (s3, store, CO_MEDIA_MIRROR_PART_SIZE, co_cli_progress_cb, cli,
                              &media, cancellable, error) ||
       !co_media_mirror_fetch (s3, store, &media, cancellable, error)))
    return FALSE;
  co_cli_clear_progress (cli);
  print_report (cli, co_couch_get_url (couch), &report, s3, &media);
  return TRUE;
}

/* Syncs once, then (unless @once) again after each change on the server,
 * until Ctrl+C; continuous sync outlasts the network's failures, said on
 * standard error, with a back-off. */
static int
sync_loop (CoCli    *cli,
           CoMirror *mirror,
           CoCouch  *couch,
           CoS3     *s3,
           gboolean  once)
{
  GCancellable *cancellable = co_cli_get_cancellable (cli);
  guint backoff = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;

      /* The time running out on a follow is not an error: it syncs again. */
      if (sync_round (cli, mirror, couch, s3, &error) &&
          (once || co_mirror_sync_wait_remote (mirror, couch, CONTINUOUS_WAIT_MS, cancellable,
                                               &error) || error == NULL))
        {
          if (once)
            return CO_CLI_EXIT_OK;
          backoff = 0;
          continue;
        }
      if (once || !co_error_is_retryable (error))
        return co_cli_fail (cli, error);
      co_cli_clear_progress (cli);
      co_cli_report (cli, error);
      if (!back_off (&backoff, cancellable))
        return CO_CLI_EXIT_CANCELLED;
    }
}

static int
sync_run (CoCli *cli)
{
  gboolean once = FALSE;
  const GOptionEntry entries[] = {
    { "once", 0, 0, G_OPTION_ARG_NONE, &once,
      N_("Sync once and stop (else keep following the server's changes until Ctrl+C)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoMirror) mirror = NULL;
  g_autoptr(CoMirrorServer) server = NULL;
  g_autoptr(CoHttpClient) client = NULL;
  g_autoptr(CoCouch) couch = NULL;
  g_autoptr(CoS3) s3 = NULL;
  g_autoptr(GError) error = NULL;
  int exit;

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_sync_no_arguments (cli, &exit) ||
      (mirror = co_cli_sync_open_mirror (cli, &exit)) == NULL)
    return exit;
  server = co_mirror_server_load (co_mirror_get_store (mirror), co_cli_get_cancellable (cli),
                                  &error);
  client = co_http_client_new (NULL);
  couch = server != NULL ? co_mirror_server_connect (server, client, &error) : NULL;
  if (couch == NULL)
    return co_cli_fail (cli, error);
  s3 = co_media_server_open (co_mirror_get_store (mirror), client, co_cli_get_cancellable (cli),
                             &error);
  if (s3 == NULL && error != NULL)
    return co_cli_fail (cli, error);
  return sync_loop (cli, mirror, couch, s3, once);
}

/* The credentials from standard input, unless it is a terminal (then the
 * address's user info, if any, is all there is). */
static gboolean
read_credentials (CoCli   *cli,
                  char   **out_text,
                  GError **error)
{
  *out_text = NULL;
  if (isatty (STDIN_FILENO))
    return TRUE;
  *out_text = co_cli_read_stdin (cli, error);
  return *out_text != NULL;
}

static void
wipe (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static int
sync_setup (CoCli *cli)
{
  g_autofree char *url = NULL;
  g_autofree char *s3_url = NULL;
  const GOptionEntry entries[] = {
    { "couchdb", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The database: http(s)://HOST[:PORT]/DATABASE"), N_("URL") },
    { "s3", 0, 0, G_OPTION_ARG_STRING, &s3_url,
      N_("The bucket for the media: http(s)://HOST[:PORT]/BUCKET (keys in the credentials' "
         "\"s3\" member: access_key_id, secret_access_key, region)"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(CoHttpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *bucket = NULL;
  char *credentials = NULL;
  CoVault *vault;
  gboolean ok;
  int exit;

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_sync_no_arguments (cli, &exit))
    return exit;
  if (url == NULL)
    return co_cli_usage (cli, _("Missing --couchdb: the database to mirror to"));
  if ((vault = co_cli_open_vault (cli, &exit)) == NULL)
    return exit;
  if (!read_credentials (cli, &credentials, &error))
    return co_cli_fail (cli, error);
  client = co_http_client_new (NULL);
  /* The database, then the bucket: a bucket refused leaves the database set up. */
  ok = co_mirror_server_setup (co_vault_get_store (vault), client, url, credentials,
                               co_cli_get_cancellable (cli), &error) &&
       (s3_url == NULL ||
        co_media_server_setup (co_vault_get_store (vault), client, s3_url, credentials,
                               co_cli_get_cancellable (cli), &error));
  wipe (credentials);
  if (!ok)
    return co_cli_fail (cli, error);
  shown = co_mirror_server_dup_url (co_vault_get_store (vault), NULL);
  bucket = co_media_server_dup_url (co_vault_get_store (vault), NULL);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

      json_object_set_string_member (json_node_get_object (root), "server", shown);
      if (bucket != NULL)
        json_object_set_string_member (json_node_get_object (root), "bucket", bucket);
      co_cli_print_json (root);
    }
  else
    g_print (_("The library's records now sync with %s.\n"), shown);
  if (!cli->json && bucket != NULL)
    g_print (_("Its media now go to %s.\n"), bucket);
  return CO_CLI_EXIT_OK;
}

typedef struct
{
  char           *url;
  gboolean        from_environment;
  gint64          last_sync;
  CoMirrorStatus  counts;
} Status;

static void
status_clear (Status *status)
{
  g_free (status->url);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Status, status_clear)

static gboolean
read_status (CoMirror  *mirror,
             Status    *status,
             GError   **error)
{
  CoStore *store = co_mirror_get_store (mirror);
  g_autofree char *last = co_store_dup_setting (store, CO_MIRROR_LAST_SYNC_KEY);
  g_autoptr(CoHttpClient) client = co_http_client_new (NULL);
  g_autoptr(CoCouch) couch = NULL;
  gint64 since = 0;

  status->url = co_mirror_server_dup_url (store, &status->from_environment);
  status->last_sync = last != NULL ? g_ascii_strtoll (last, NULL, 10) : 0;
  /* Only the address names the replication: nothing is sent. */
  couch = status->url != NULL ? co_couch_new (client, status->url, NULL, NULL, NULL) : NULL;
  if (couch != NULL)
    g_free (co_mirror_sync_dup_push_since (mirror, couch, &since));
  return co_mirror_get_status (mirror, since, &status->counts, error);
}

static void
print_status (CoCli  *cli,
              Status *status)
{
  g_autofree char *when = co_cli_format_time (status->last_sync);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!cli->json)
    {
      g_print (_("Server: %s\n"), status->url ? status->url : _("none set up"));
      g_print (_("Last sync: %s\n"), status->last_sync ? when : _("never"));
      g_print (_("Records: %lld, changed since the last sync: %lld\n"),
               (long long)status->counts.records, (long long)status->counts.changed);
      g_print (_("Conflicts: %lld\n"), (long long)status->counts.conflicts);
      if (status->counts.waiting > 0)
        g_print (_("Waiting for records they refer to: %lld\n"),
                 (long long)status->counts.waiting);
      return;
    }
  root = co_cli_json_take_object (json_object_new ());
  object = json_node_get_object (root);
  if (status->url != NULL)
    json_object_set_string_member (object, "server", status->url);
  else
    json_object_set_null_member (object, "server");
  json_object_set_boolean_member (object, "from_environment", status->from_environment);
  if (status->last_sync != 0)
    json_object_set_int_member (object, "last_sync", status->last_sync);
  else
    json_object_set_null_member (object, "last_sync");
  json_object_set_int_member (object, "records", status->counts.records);
  json_object_set_int_member (object, "changed", status->counts.changed);
  json_object_set_int_member (object, "conflicts", status->counts.conflicts);
  json_object_set_int_member (object, "waiting", status->counts.waiting);
  co_cli_print_json (root);
}

static int
sync_status (CoCli *cli)
{
  g_autoptr(CoMirror) mirror = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Status) status = { 0 };
  int exit;

  if (!co_cli_parse (cli, NULL, &exit) || !co_cli_sync_no_arguments (cli, &exit) ||
      (mirror = co_cli_sync_open_mirror (cli, &exit)) == NULL)
    return exit;
  if (!read_status (mirror, &status, &error))
    return co_cli_fail (cli, error);
  print_status (cli, &status);
  return CO_CLI_EXIT_OK;
}
