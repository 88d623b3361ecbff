/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "co-error.h"
#include "co-http-client.h"
#include "co-job.h"
#include "co-media-mirror.h"
#include "co-media-server.h"
#include "co-mirror-controller.h"
#include "co-mirror-server.h"
#include "co-mirror-sync.h"
#include "co-sync-error.h"

/*
 * The app's side of the cloud mirror, without widgets: it syncs the library
 * with its CouchDB server, then its files with the S3 bucket if there is
 * one, in the background (when a server is set up and the network is
 * there) at start, every few minutes and a little after each
 * local change, and says how it went as properties the indicator and the
 * preferences bind to.  Between syncs it follows the server (continuous
 * mode): a `_changes` request with `feed=longpoll` since the checkpoint,
 * which the server answers when another library sent something, and a sync
 * then; when the server cannot be reached it tries again after a back-off
 * that doubles up to the period.  The blocking work (keyring, HTTP) runs in the
 * library's worker threads; dispose cancels it.  Nothing here logs the
 * credentials: they go from the setup straight to the keyring.
 */

/* Seconds between syncs while the app runs. */
#define PERIOD_S 300
/* Seconds of quiet after a local change before it is sent. */
#define DEBOUNCE_S 3
/* How long the server holds a follow request without a change. */
#define FOLLOW_TIMEOUT_MS 60000
/* The first back-off after a failed follow or sync; it doubles. */
#define BACKOFF_FIRST_S 5

struct _CoMirrorController
{
  GObject          parent_instance;

  /* Owned. */
  CoMirror        *mirror;
  CoHttpClient    *client;
  GCancellable    *cancellable;
  CoJob           *job;            /* the last sync's progress */
  guint            period_id;
  guint            debounce_id;
  CoCouch         *couch;          /* the server, as the last sync found it */
  GCancellable    *follow;         /* the follow request that runs, if any */
  guint            retry_id;
  guint            backoff_s;

  /* Borrowed, with handlers: the library's change signals and the network. */
  CoVault         *vault;
  CoDrafts        *drafts;
  GNetworkMonitor *monitor;
  gulong           vault_changed_id;
  gulong           drafts_changed_id;
  gulong           network_id;

  /* What it says. */
  CoMirrorState    state;
  char            *message;
  guint            n_conflicts;
  guint            n_syncs;        /* syncs that ended, well or not */
  gboolean         again;          /* sync again when this one ends */
  gboolean         following;      /* a follow request runs */
  gboolean         announcing;     /* its own "changed" emissions */
};

G_DEFINE_ENUM_TYPE (CoMirrorState, co_mirror_state,
                    G_DEFINE_ENUM_VALUE (CO_MIRROR_STATE_UNCONFIGURED, "unconfigured"),
                    G_DEFINE_ENUM_VALUE (CO_MIRROR_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (CO_MIRROR_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (CO_MIRROR_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (CO_MIRROR_STATE_ERROR, "error"))

G_DEFINE_FINAL_TYPE (CoMirrorController, co_mirror_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_LAST_SYNC,
  PROP_N_CONFLICTS,
  PROP_N_SYNCS,
  PROP_JOB,
  PROP_FOLLOWING,
  N_PROPS,
};

enum {
  SIGNAL_FAILED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* State. */

static void
set_state (CoMirrorController *self,
           CoMirrorState       state,
           const char         *message)
{
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
refresh_conflicts (CoMirrorController *self)
{
  g_autoptr(GError) error = NULL;
  gint64 conflicts = co_mirror_count_conflicts (self->mirror, &error);

  if (conflicts < 0)
    {
      g_message ("Cannot count the mirror's conflicts: %s", error->message);
      return;
    }
  if (self->n_conflicts == (guint)conflicts)
    return;
  self->n_conflicts = conflicts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

/* Tells the views that the library changed under them, without taking
 * that for a local change to send. */
static void
announce_changes (CoMirrorController *self)
{
  if (self->vault == NULL)
    return;
  self->announcing = TRUE;
  g_signal_emit_by_name (self->vault, "changed");
  if (self->drafts != NULL)
    g_signal_emit_by_name (self->drafts, "changed");
  self->announcing = FALSE;
}

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
}

/* Sync. */

static void sync_start   (CoMirrorController *self);
static void follow_start (CoMirrorController *self);
static void retry_later  (CoMirrorController *self);

static void
sync_ended (CoMirrorController *self,
            const GError       *error)
{
  co_job_finish (self->job, error);
  self->n_syncs++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SYNCS]);
  if (self->again)
    {
      self->again = FALSE;
      sync_start (self);
    }
}

static void
sync_failed (CoMirrorController *self,
             const GError       *error)
{
  g_autofree char *url = co_mirror_controller_dup_server_url (self);
  g_autofree char *text = NULL;

  set_state (self, is_unreachable (error) ? CO_MIRROR_STATE_OFFLINE : CO_MIRROR_STATE_ERROR,
             error->message);
  /* The sync layer's messages mostly name the server already. */
  if (url != NULL && strstr (error->message, url) != NULL)
    text = g_strdup (error->message);
  else
    text = g_strdup_printf (_("Cannot sync with %s: %s"), url ? url : _("the server"),
                            error->message);
  g_message ("%s", text);
  /* Once per outage: the tries after a back-off are the indicator's to show. */
  if (self->backoff_s == 0)
    g_signal_emit (self, signals[SIGNAL_FAILED], 0, text);
  sync_ended (self, error);
  if (self->state == CO_MIRROR_STATE_OFFLINE)
    retry_later (self);
}

/* A sync that stopped early: cancelled (said by its job only) or failed. */
static void
sync_stopped (CoMirrorController *self,
              const GError       *error)
{
  if (co_error_is_cancelled (error))
    co_job_finish (self->job, error);
  else
    sync_failed (self, error);
}

/* The files the records name go after the records. */
static void
media_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CoMirrorController) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!co_media_mirror_push_finish (CO_STORE (object), result, NULL, &error))
    {
      sync_stopped (self, error);
      return;
    }
  refresh_conflicts (self);
  set_state (self, CO_MIRROR_STATE_IDLE, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
  self->backoff_s = 0;
  sync_ended (self, NULL);
  if (self->state == CO_MIRROR_STATE_IDLE)
    follow_start (self);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CoMirrorController) self = user_data;
  g_autoptr(GError) error = NULL;
  CoMirrorSyncReport report = { 0 };

  if (!co_mirror_sync_finish (CO_MIRROR (object), result, &report, &error))
    {
      sync_stopped (self, error);
      return;
    }
  /* The views show what came even if the files fail to go. */
  if (report.pulled > 0)
    announce_changes (self);
  co_media_mirror_push_async (co_mirror_get_store (self->mirror), self->client,
                              self->cancellable, media_done_cb, g_object_ref (self));
}

/* Finds the server and its credentials in the keyring, in a worker. */
static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CoMirrorController) self = user_data;
  g_autoptr(CoCouch) couch = NULL;
  g_autoptr(GError) error = NULL;

  couch = co_mirror_server_connect_finish (result, &error);
  if (couch == NULL)
    {
      sync_stopped (self, error);
      return;
    }
  g_set_object (&self->couch, couch);
  co_mirror_sync_async (self->mirror, couch, co_job_progress_cb, self->job, self->cancellable,
                        sync_done_cb, g_object_ref (self));
}

static void
connect_start (CoMirrorController *self)
{
  co_mirror_server_connect_async (co_mirror_get_store (self->mirror), self->client,
                                  self->cancellable, connect_done_cb, g_object_ref (self));
}

/* Without a network, the monitor may still reach a server on this
 * computer or its own network. */
static void
reach_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CoMirrorController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) offline = NULL;

  if (g_network_monitor_can_reach_finish (G_NETWORK_MONITOR (object), result, &error))
    {
      connect_start (self);
      return;
    }
  if (co_error_is_cancelled (error))
    {
      co_job_finish (self->job, error);
      return;
    }
  /* Said by the indicator, not in a toast every few minutes. */
  g_set_error_literal (&offline, CO_SYNC_ERROR, CO_SYNC_ERROR_OFFLINE,
                       _("There is no network connection"));
  set_state (self, CO_MIRROR_STATE_OFFLINE, offline->message);
  sync_ended (self, offline);
  if (self->state != CO_MIRROR_STATE_SYNCING)
    retry_later (self);
}

static void
sync_start (CoMirrorController *self)
{
  g_autofree char *url = co_mirror_controller_dup_server_url (self);
  g_autoptr(GSocketConnectable) address = NULL;

  if (url == NULL)
    {
      set_state (self, CO_MIRROR_STATE_UNCONFIGURED, NULL);
      return;
    }
  /* The sync reads what the follow waits for; it follows again after. */
  if (self->follow != NULL)
    g_cancellable_cancel (self->follow);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  /* The job lives until the sync ends: a new one starts only after. */
  g_clear_object (&self->job);
  self->job = co_job_new ("mirror-sync", _("Syncing the records"));
  co_job_start (self->job);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
  set_state (self, CO_MIRROR_STATE_SYNCING, NULL);
  if (!g_network_monitor_get_network_available (self->monitor))
    address = g_network_address_parse_uri (url, 80, NULL);
  /* An address the monitor cannot read is tried all the same. */
  if (address == NULL)
    {
      connect_start (self);
      return;
    }
  g_network_monitor_can_reach_async (self->monitor, address, self->cancellable, reach_done_cb,
                                     g_object_ref (self));
}

/* Following the server between syncs. */

static void
set_following (CoMirrorController *self,
               gboolean            following)
{
  if (self->following == following)
    return;
  self->following = following;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

static gboolean
retry_cb (gpointer data)
{
  CoMirrorController *self = data;

  self->retry_id = 0;
  co_mirror_controller_sync_now (self);
  return G_SOURCE_REMOVE;
}

/* Syncs again after a back-off: 5 s, then twice as long each time, up to
 * the period. */
static void
retry_later (CoMirrorController *self)
{
  if (g_cancellable_is_cancelled (self->cancellable) || self->retry_id != 0)
    return;
  self->backoff_s = self->backoff_s == 0 ? BACKOFF_FIRST_S : MIN (self->backoff_s * 2, PERIOD_S);
  self->retry_id = g_timeout_add_seconds (self->backoff_s, retry_cb, self);
}

static void
follow_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CoMirrorController) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  if (!co_mirror_sync_wait_remote_finish (CO_MIRROR (object), result, &changed, &error) &&
      co_error_is_cancelled (error))
    {
      /* Stopped, or a sync took over; that one follows again. */
      if (g_task_get_cancellable (G_TASK (result)) == self->follow)
        set_following (self, FALSE);
      return;
    }
  set_following (self, FALSE);
  if (error != NULL)
    {
      g_debug ("Cannot follow the server: %s", error->message);
      if (is_unreachable (error))
        set_state (self, CO_MIRROR_STATE_OFFLINE, error->message);
      retry_later (self);
    }
  else if (changed)
    co_mirror_controller_sync_now (self);
  else
    follow_start (self);
}

/* Asks the server to answer when it has a change the library has not. */
static void
follow_start (CoMirrorController *self)
{
  if (self->couch == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_clear_object (&self->follow);
  self->follow = g_cancellable_new ();
  set_following (self, TRUE);
  co_mirror_sync_wait_remote_async (self->mirror, self->couch, FOLLOW_TIMEOUT_MS, self->follow,
                                    follow_done_cb, g_object_ref (self));
}

/* Triggers. */

static gboolean
period_cb (gpointer data)
{
  co_mirror_controller_sync_now (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
debounce_cb (gpointer data)
{
  CoMirrorController *self = data;

  self->debounce_id = 0;
  co_mirror_controller_sync_now (self);
  return G_SOURCE_REMOVE;
}

static void
local_change_cb (CoMirrorController *self)
{
  if (self->announcing || self->state == CO_MIRROR_STATE_UNCONFIGURED)
    return;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add_seconds (DEBOUNCE_S, debounce_cb, self);
}

static void
network_changed_cb (GNetworkMonitor    *monitor,
                    gboolean            available,
                    CoMirrorController *self)
{
  /* Back online, sync; gone, find out whether the server is still in reach. */
  if (self->state == CO_MIRROR_STATE_SYNCING || self->state == CO_MIRROR_STATE_UNCONFIGURED)
    return;
  if (!available || self->state == CO_MIRROR_STATE_OFFLINE)
    co_mirror_controller_sync_now (self);
}

static gboolean
first_sync_cb (gpointer data)
{
  co_mirror_controller_sync_now (data);
  return G_SOURCE_REMOVE;
}

/* GObject. */

static void
co_mirror_controller_dispose (GObject *object)
{
  CoMirrorController *self = (CoMirrorController *)object;

  co_mirror_controller_stop (self);
  g_clear_object (&self->mirror);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  g_clear_object (&self->couch);
  g_clear_object (&self->follow);

  G_OBJECT_CLASS (co_mirror_controller_parent_class)->dispose (object);
}

static void
co_mirror_controller_finalize (GObject *object)
{
  CoMirrorController *self = (CoMirrorController *)object;

  g_free (self->message);

  G_OBJECT_CLASS (co_mirror_controller_parent_class)->finalize (object);
}

static void
co_mirror_controller_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CoMirrorController *self = CO_MIRROR_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, co_mirror_controller_get_last_sync (self));
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    case PROP_N_SYNCS:
      g_value_set_uint (value, self->n_syncs);
      break;
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_mirror_controller_class_init (CoMirrorControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = co_mirror_controller_dispose;
  object_class->finalize = co_mirror_controller_finalize;
  object_class->get_property = co_mirror_controller_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CO_TYPE_MIRROR_STATE,
                                              CO_MIRROR_STATE_UNCONFIGURED, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0,
                                                   flags);
  properties[PROP_N_CONFLICTS] = g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                                                    flags);
  properties[PROP_N_SYNCS] = g_param_spec_uint ("n-syncs", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_JOB] = g_param_spec_object ("job", NULL, NULL, CO_TYPE_JOB, flags);
  properties[PROP_FOLLOWING] = g_param_spec_boolean ("following", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoMirrorController::failed:
   * @text: what failed, naming the server and the reason
   *
   * Emitted when a sync fails (never when it is cancelled).
   */
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
co_mirror_controller_init (CoMirrorController *self)
{
  self->cancellable = g_cancellable_new ();
  self->client = co_http_client_new (NULL);
  self->monitor = g_network_monitor_get_default ();
}

/* Public API. */

/**
 * co_mirror_controller_new:
 * @vault: the open library
 * @drafts: (nullable): its drafts, whose changes are synced too
 * @error: return location for a #GError
 *
 * Starts following the library: a first sync runs from an idle when a
 * server is set up.
 *
 * Returns: (transfer full) (nullable): the controller
 */
CoMirrorController *
co_mirror_controller_new (CoVault   *vault,
                          CoDrafts  *drafts,
                          GError   **error)
{
  g_autoptr(CoMirrorController) self = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (CO_IS_VAULT (vault), NULL);

  self = g_object_new (CO_TYPE_MIRROR_CONTROLLER, NULL);
  self->mirror = co_mirror_new (co_vault_get_store (vault), error);
  if (self->mirror == NULL)
    return NULL;
  self->vault = vault;
  self->drafts = drafts;
  self->vault_changed_id = g_signal_connect_swapped (vault, "changed",
                                                     G_CALLBACK (local_change_cb), self);
  if (drafts != NULL)
    self->drafts_changed_id = g_signal_connect_swapped (drafts, "changed",
                                                        G_CALLBACK (local_change_cb), self);
  self->network_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (network_changed_cb), self);
  self->period_id = g_timeout_add_seconds (PERIOD_S, period_cb, self);
  refresh_conflicts (self);
  url = co_mirror_controller_dup_server_url (self);
  if (url != NULL)
    {
      self->state = CO_MIRROR_STATE_IDLE;
      g_idle_add_full (G_PRIORITY_LOW, first_sync_cb, g_object_ref (self), g_object_unref);
    }
  return g_steal_pointer (&self);
}

/** co_mirror_controller_get_mirror: @self: a controller  Returns: (transfer none): its mirror */
CoMirror *
co_mirror_controller_get_mirror (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), NULL);
  return self->mirror;
}

/** co_mirror_controller_get_state: @self: a controller  Returns: what the mirror does */
CoMirrorState
co_mirror_controller_get_state (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), CO_MIRROR_STATE_UNCONFIGURED);
  return self->state;
}

/**
 * co_mirror_controller_get_message:
 * @self: a controller
 *
 * Returns: (nullable): why the last sync failed or cannot run
 */
const char *
co_mirror_controller_get_message (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), NULL);
  return self->message;
}

/**
 * co_mirror_controller_dup_server_url:
 * @self: a controller
 *
 * Returns: (transfer full) (nullable): the database's address, without
 *   credentials, or %NULL when none is set up
 */
char *
co_mirror_controller_dup_server_url (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), NULL);
  return co_mirror_server_dup_url (co_mirror_get_store (self->mirror), NULL);
}

/**
 * co_mirror_controller_get_last_sync:
 * @self: a controller
 *
 * Returns: when the last sync ended (µs since 1970, UTC), or 0 for never
 */
gint64
co_mirror_controller_get_last_sync (CoMirrorController *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), 0);
  text = co_store_dup_setting (co_mirror_get_store (self->mirror), CO_MIRROR_LAST_SYNC_KEY);
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/** co_mirror_controller_get_n_conflicts: @self: a controller  Returns: conflict copies */
guint
co_mirror_controller_get_n_conflicts (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), 0);
  return self->n_conflicts;
}

/**
 * co_mirror_controller_get_job:
 * @self: a controller
 *
 * Returns: (transfer none) (nullable): the progress of the sync that runs
 *   or ran last
 */
CoJob *
co_mirror_controller_get_job (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), NULL);
  return self->job;
}

/**
 * co_mirror_controller_get_following:
 * @self: a controller
 *
 * Returns: whether it waits for the server's next change (continuous mode)
 */
gboolean
co_mirror_controller_get_following (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), FALSE);
  return self->following;
}

/** co_mirror_controller_get_n_syncs: @self: a controller  Returns: syncs that ended */
guint
co_mirror_controller_get_n_syncs (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), 0);
  return self->n_syncs;
}

/**
 * co_mirror_controller_sync_now:
 * @self: a controller
 *
 * Syncs now, or once more after the sync that runs.
 */
void
co_mirror_controller_sync_now (CoMirrorController *self)
{
  g_return_if_fail (CO_IS_MIRROR_CONTROLLER (self));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (self->state == CO_MIRROR_STATE_SYNCING)
    {
      self->again = TRUE;
      return;
    }
  sync_start (self);
}

/* Media on demand. */

static void
download_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CoMirrorController) self = user_data;
  g_autoptr(GError) error = NULL;

  if (co_media_mirror_download_finish (CO_STORE (object), result, &error))
    {
      /* The views show the file now that it is here. */
      announce_changes (self);
      return;
    }
  if (co_error_is_cancelled (error))
    return;
  g_message ("%s", error->message);
  g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
}

/**
 * co_mirror_controller_download:
 * @self: a controller
 * @sha256: the digest of a file a mirrored record names
 *
 * Brings the file from the library's S3 bucket in the background; it is
 * kept only if its content has the digest.  On success the views are told
 * the library changed; a failure is said with #CoMirrorController::failed.
 */
void
co_mirror_controller_download (CoMirrorController *self,
                               const char         *sha256)
{
  g_return_if_fail (CO_IS_MIRROR_CONTROLLER (self));
  g_return_if_fail (sha256 != NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  co_media_mirror_download_async (co_mirror_get_store (self->mirror), self->client, sha256,
                                  self->cancellable, download_done_cb, g_object_ref (self));
}

/* Setup. */

static void
setup_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (co_mirror_server_setup_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
credentials_json (const char *username,
                  const char *password)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (username == NULL || username[0] == '\0')
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password ? password : "");
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

/**
 * co_mirror_controller_setup_async:
 * @self: a controller
 * @url: the database's address, http(s)://HOST[:PORT]/DATABASE
 * @username: (nullable): the user name, or %NULL for none
 * @password: (nullable): the password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server was checked and kept, or not
 * @user_data: for @callback
 *
 * Checks the server (co_mirror_server_setup_async()), then keeps its address in the library and
 * the credentials in the keyring (co_mirror_server_setup()).
 */
void
co_mirror_controller_setup_async (CoMirrorController  *self,
                                  const char          *url,
                                  const char          *username,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  g_autofree char *credentials = NULL;

  g_return_if_fail (CO_IS_MIRROR_CONTROLLER (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_mirror_controller_setup_async);
  credentials = credentials_json (username, password);
  co_mirror_server_setup_async (co_mirror_get_store (self->mirror), self->client, url,
                                credentials, cancellable, setup_done_cb, task);
  if (credentials != NULL)
    memset (credentials, 0, strlen (credentials));
}

/**
 * co_mirror_controller_setup_finish:
 * @self: a controller
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * On success the first sync with the new server starts.
 *
 * Returns: %TRUE when the server was set up
 */
gboolean
co_mirror_controller_setup_finish (CoMirrorController  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        co_mirror_controller_setup_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (self->state == CO_MIRROR_STATE_UNCONFIGURED)
    set_state (self, CO_MIRROR_STATE_IDLE, NULL);
  co_mirror_controller_sync_now (self);
  return TRUE;
}

static void
setup_media_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (co_media_server_setup_finish (CO_STORE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static char *
keys_json (const char *access_key,
           const char *secret_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "s3");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_key_id");
  json_builder_add_string_value (builder, access_key);
  json_builder_set_member_name (builder, "secret_access_key");
  json_builder_add_string_value (builder, secret_key);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  return json_to_string (node, FALSE);
}

/**
 * co_mirror_controller_setup_media_async:
 * @self: a controller
 * @url: the bucket's address, http(s)://HOST[:PORT]/BUCKET
 * @access_key: the access key id
 * @secret_key: the secret access key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the bucket was checked and kept, or not
 * @user_data: for @callback
 *
 * Checks the bucket, then keeps its address in the library and the keys in
 * the keyring (co_media_server_setup_async()); files download from it.
 */
void
co_mirror_controller_setup_media_async (CoMirrorController  *self,
                                        const char          *url,
                                        const char          *access_key,
                                        const char          *secret_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  g_autofree char *keys = NULL;

  g_return_if_fail (CO_IS_MIRROR_CONTROLLER (self));
  g_return_if_fail (url != NULL && access_key != NULL && secret_key != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_mirror_controller_setup_media_async);
  keys = keys_json (access_key, secret_key);
  co_media_server_setup_async (co_mirror_get_store (self->mirror), self->client, url, keys,
                               cancellable, setup_media_done_cb, task);
  memset (keys, 0, strlen (keys));
}

/**
 * co_mirror_controller_setup_media_finish:
 * @self: a controller
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the bucket was set up
 */
gboolean
co_mirror_controller_setup_media_finish (CoMirrorController  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        co_mirror_controller_setup_media_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * co_mirror_controller_dup_bucket_url:
 * @self: a controller
 *
 * Returns: (transfer full) (nullable): the S3 bucket's address, without
 *   keys, or %NULL when none is set up
 */
char *
co_mirror_controller_dup_bucket_url (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), NULL);
  return co_media_server_dup_url (co_mirror_get_store (self->mirror), NULL);
}

/**
 * co_mirror_controller_resolve:
 * @self: a controller
 * @id: the conflict's id
 * @keep: which version to keep
 * @error: return location for a #GError
 *
 * Keeps one version of a conflict as `sync resolve` does; the next sync
 * (started soon) sends it.
 *
 * Returns: %TRUE on success
 */
gboolean
co_mirror_controller_resolve (CoMirrorController  *self,
                              const char          *id,
                              CoMirrorKeep         keep,
                              GError             **error)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!co_mirror_resolve (self->mirror, id, keep, error))
    return FALSE;
  refresh_conflicts (self);
  announce_changes (self);
  local_change_cb (self);
  return TRUE;
}

/**
 * co_mirror_controller_stop:
 * @self: a controller
 *
 * Cancels the sync that runs and starts no other; the window calls it when
 * it closes.
 */
void
co_mirror_controller_stop (CoMirrorController *self)
{
  g_return_if_fail (CO_IS_MIRROR_CONTROLLER (self));

  g_cancellable_cancel (self->cancellable);
  if (self->follow != NULL)
    g_cancellable_cancel (self->follow);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->period_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_signal_handler (&self->network_id, self->monitor);
  if (self->vault != NULL)
    g_clear_signal_handler (&self->vault_changed_id, self->vault);
  if (self->drafts != NULL)
    g_clear_signal_handler (&self->drafts_changed_id, self->drafts);
  self->vault = NULL;
  self->drafts = NULL;
}

/**
 * co_mirror_controller_dup_summary:
 * @self: a controller
 *
 * Returns: (transfer full): what the mirror does, in a sentence
 */
char *
co_mirror_controller_dup_summary (CoMirrorController *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (self), NULL);

  switch (self->state)
    {
    case CO_MIRROR_STATE_UNCONFIGURED:
      return g_strdup (_("No server is set up"));
    case CO_MIRROR_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case CO_MIRROR_STATE_OFFLINE:
      return g_strdup_printf (_("Offline: %s"), self->message ? self->message : "");
    case CO_MIRROR_STATE_ERROR:
      return g_strdup_printf (_("Sync failed: %s"), self->message ? self->message : "");
    case CO_MIRROR_STATE_IDLE:
    default:
      return g_strdup (_("Up to date"));
    }
}

/**
 * co_mirror_controller_dup_last_sync_text:
 * @self: a controller
 *
 * Returns: (transfer full): when the last sync ended, in local time, or "Never"
 */
char *
co_mirror_controller_dup_last_sync_text (CoMirrorController *self)
{
  gint64 last = co_mirror_controller_get_last_sync (self);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (last <= 0)
    return g_strdup (_("Never"));
  utc = g_date_time_new_from_unix_utc (last / G_USEC_PER_SEC);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  return local != NULL ? g_date_time_format (local, "%x %X") : g_strdup (_("Never"));
}
