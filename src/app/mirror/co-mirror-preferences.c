/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "co-error.h"
#include "co-mirror-preferences.h"

/*
 * The Cloud Mirror page of the preferences: the CouchDB server's address,
 * database and credentials, and the S3 bucket for the media with its keys
 * (the password and the secret go to the keyring through the controller
 * and are cleared from the dialog once kept), Sync Now, and what the last
 * sync did.
 */

struct _CoMirrorPreferences
{
  AdwPreferencesPage  parent_instance;

  /* Template children. */
  AdwEntryRow        *url_row;
  AdwEntryRow        *database_row;
  AdwEntryRow        *username_row;
  AdwEntryRow        *password_row;
  AdwActionRow       *connect_row;
  GtkSpinner         *connect_spinner;
  GtkButton          *connect_button;
  AdwEntryRow        *bucket_row;
  AdwEntryRow        *access_key_row;
  AdwPasswordEntryRow *secret_key_row;
  AdwActionRow       *bucket_connect_row;
  GtkSpinner         *bucket_spinner;
  GtkButton          *bucket_button;
  AdwActionRow       *status_row;
  GtkButton          *sync_button;
  AdwActionRow       *last_row;

  /* Owned. */
  CoMirrorController *controller;
  GCancellable       *cancellable;
  gulong              state_id;
  gulong              last_id;
  char               *error;       /* why the last setup failed */
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (CoMirrorPreferences, co_mirror_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* Helpers. */

static void
show_toast (CoMirrorPreferences *self,
            const char          *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
set_busy (CoMirrorPreferences *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->connect_spinner, busy);
  gtk_spinner_set_spinning (self->bucket_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bucket_button), !busy);
}

/* Says how a setup ended on @row; on success the secret's row is cleared
 * (the keyring has it now; the dialog keeps no copy). */
static void
setup_ended (CoMirrorPreferences *self,
             AdwActionRow        *row,
             GtkEditable         *secret,
             const GError        *error,
             const char          *done_text)
{
  const char *text = error != NULL ? error->message : done_text;

  set_busy (self, FALSE);
  g_free (self->error);
  self->error = error != NULL ? g_strdup (error->message) : NULL;
  if (error == NULL)
    gtk_editable_set_text (secret, "");
  adw_action_row_set_subtitle (row, text);
  show_toast (self, text);
}

/* Splits the kept address at its last slash into server and database. */
static void
show_server (CoMirrorPreferences *self)
{
  g_autofree char *url = co_mirror_controller_dup_server_url (self->controller);
  char *slash = url != NULL ? strrchr (url, '/') : NULL;

  if (slash == NULL)
    return;
  *slash = '\0';
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), slash + 1);
}

static char *
dup_entered_url (CoMirrorPreferences *self)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (
                                          GTK_EDITABLE (self->url_row))));
  g_autofree char *database = g_strstrip (g_strdup (gtk_editable_get_text (
                                            GTK_EDITABLE (self->database_row))));
  gsize len = strlen (server);

  while (len > 0 && server[len - 1] == '/')
    server[--len] = '\0';
  if (len == 0 || database[0] == '\0')
    return NULL;
  return g_strdup_printf ("%s/%s", server, database);
}

/* Callbacks. */

static void
state_changed_cb (CoMirrorPreferences *self)
{
  g_autofree char *summary = co_mirror_controller_dup_summary (self->controller);
  g_autofree char *last = co_mirror_controller_dup_last_sync_text (self->controller);
  CoMirrorState state = co_mirror_controller_get_state (self->controller);

  adw_action_row_set_subtitle (self->status_row, summary);
  adw_action_row_set_subtitle (self->last_row, last);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button),
                            state != CO_MIRROR_STATE_UNCONFIGURED &&
                            state != CO_MIRROR_STATE_SYNCING);
}

static void
setup_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CoMirrorPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  if (!co_mirror_controller_setup_finish (CO_MIRROR_CONTROLLER (object), result, &error) &&
      co_error_is_cancelled (error))
    return;
  url = co_mirror_controller_dup_server_url (self->controller);
  text = g_strdup_printf (_("Connected to %s"), url);
  setup_ended (self, self->connect_row, GTK_EDITABLE (self->password_row), error, text);
}

static void
setup_media_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CoMirrorPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;

  if (!co_mirror_controller_setup_media_finish (CO_MIRROR_CONTROLLER (object), result, &error) &&
      co_error_is_cancelled (error))
    return;
  url = co_mirror_controller_dup_bucket_url (self->controller);
  text = g_strdup_printf (_("Media go to %s"), url);
  setup_ended (self, self->bucket_connect_row, GTK_EDITABLE (self->secret_key_row), error, text);
}

static void
bucket_clicked_cb (CoMirrorPreferences *self)
{
  co_mirror_preferences_connect_bucket (self);
}

static void
connect_clicked_cb (CoMirrorPreferences *self)
{
  co_mirror_preferences_connect (self);
}

static void
sync_clicked_cb (CoMirrorPreferences *self)
{
  co_mirror_controller_sync_now (self->controller);
}

/* GObject. */

static void
co_mirror_preferences_dispose (GObject *object)
{
  CoMirrorPreferences *self = (CoMirrorPreferences *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->controller != NULL)
    {
      g_clear_signal_handler (&self->state_id, self->controller);
      g_clear_signal_handler (&self->last_id, self->controller);
    }
  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_MIRROR_PREFERENCES);

  G_OBJECT_CLASS (co_mirror_preferences_parent_class)->dispose (object);
}

static void
co_mirror_preferences_finalize (GObject *object)
{
  CoMirrorPreferences *self = (CoMirrorPreferences *)object;

  g_free (self->error);

  G_OBJECT_CLASS (co_mirror_preferences_parent_class)->finalize (object);
}

static void
co_mirror_preferences_class_init (CoMirrorPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_mirror_preferences_dispose;
  object_class->finalize = co_mirror_preferences_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-mirror-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, database_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, username_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, connect_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, connect_button);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, bucket_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, secret_key_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, bucket_connect_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, bucket_spinner);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, bucket_button);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, status_row);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, sync_button);
  gtk_widget_class_bind_template_child (widget_class, CoMirrorPreferences, last_row);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, bucket_clicked_cb);
}

static void
co_mirror_preferences_init (CoMirrorPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API. */

/**
 * co_mirror_preferences_new:
 * @controller: the window's mirror
 *
 * Returns: (transfer floating): the Cloud Mirror page
 */
GtkWidget *
co_mirror_preferences_new (CoMirrorController *controller)
{
  CoMirrorPreferences *self;
  g_autofree char *bucket = NULL;

  g_return_val_if_fail (CO_IS_MIRROR_CONTROLLER (controller), NULL);

  self = g_object_new (CO_TYPE_MIRROR_PREFERENCES, NULL);
  self->controller = g_object_ref (controller);
  self->state_id = g_signal_connect_swapped (controller, "notify::state",
                                             G_CALLBACK (state_changed_cb), self);
  self->last_id = g_signal_connect_swapped (controller, "notify::last-sync",
                                            G_CALLBACK (state_changed_cb), self);
  show_server (self);
  bucket = co_mirror_controller_dup_bucket_url (controller);
  if (bucket != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->bucket_row), bucket);
  state_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * co_mirror_preferences_set_server:
 * @self: the page
 * @url: the server's address
 * @database: the database
 * @username: (nullable): the user name
 * @password: (nullable): the password
 *
 * Fills the rows as a person would type them (for tests).
 */
void
co_mirror_preferences_set_server (CoMirrorPreferences *self,
                                  const char          *url,
                                  const char          *database,
                                  const char          *username,
                                  const char          *password)
{
  g_return_if_fail (CO_IS_MIRROR_PREFERENCES (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database ? database : "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
}

/**
 * co_mirror_preferences_connect:
 * @self: the page
 *
 * Checks and keeps the server entered, as the Connect button does.
 */
void
co_mirror_preferences_connect (CoMirrorPreferences *self)
{
  g_autofree char *url = NULL;
  const char *username;

  g_return_if_fail (CO_IS_MIRROR_PREFERENCES (self));

  if (self->busy)
    return;
  url = dup_entered_url (self);
  if (url == NULL)
    {
      show_toast (self, _("Enter the server’s address and the database’s name"));
      return;
    }
  username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->connect_row, _("Connecting…"));
  co_mirror_controller_setup_async (self->controller, url, username,
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                    self->cancellable, setup_done_cb, g_object_ref (self));
}

/**
 * co_mirror_preferences_set_bucket:
 * @self: the page
 * @url: the bucket's address
 * @access_key: the access key id
 * @secret_key: the secret access key
 *
 * Fills the media rows as a person would type them (for tests).
 */
void
co_mirror_preferences_set_bucket (CoMirrorPreferences *self,
                                  const char          *url,
                                  const char          *access_key,
                                  const char          *secret_key)
{
  g_return_if_fail (CO_IS_MIRROR_PREFERENCES (self));

  gtk_editable_set_text (GTK_EDITABLE (self->bucket_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->access_key_row), access_key ? access_key : "");
  gtk_editable_set_text (GTK_EDITABLE (self->secret_key_row), secret_key ? secret_key : "");
}

/**
 * co_mirror_preferences_connect_bucket:
 * @self: the page
 *
 * Checks and keeps the bucket entered, as its Connect button does.
 */
void
co_mirror_preferences_connect_bucket (CoMirrorPreferences *self)
{
  g_autofree char *url = NULL;
  const char *access_key;
  const char *secret_key;

  g_return_if_fail (CO_IS_MIRROR_PREFERENCES (self));

  if (self->busy)
    return;
  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->bucket_row))));
  access_key = gtk_editable_get_text (GTK_EDITABLE (self->access_key_row));
  secret_key = gtk_editable_get_text (GTK_EDITABLE (self->secret_key_row));
  if (url[0] == '\0' || access_key[0] == '\0' || secret_key[0] == '\0')
    {
      show_toast (self, _("Enter the bucket’s address, the access key and the secret"));
      return;
    }
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->bucket_connect_row, _("Connecting…"));
  co_mirror_controller_setup_media_async (self->controller, url, access_key, secret_key,
                                          self->cancellable, setup_media_done_cb,
                                          g_object_ref (self));
}

/** co_mirror_preferences_get_busy: @self: the page  Returns: whether a setup runs */
gboolean
co_mirror_preferences_get_busy (CoMirrorPreferences *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_PREFERENCES (self), FALSE);
  return self->busy;
}

/**
 * co_mirror_preferences_get_error:
 * @self: the page
 *
 * Returns: (nullable): why the last setup failed
 */
const char *
co_mirror_preferences_get_error (CoMirrorPreferences *self)
{
  g_return_val_if_fail (CO_IS_MIRROR_PREFERENCES (self), NULL);
  return self->error;
}
