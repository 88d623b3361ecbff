/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-accounts-page.h"
#include "co-error.h"

/*
 * The Accounts page of the preferences: each platform with its account's
 * state (connected, reconnect needed, not connected) and Connect, Reconnect
 * and Disconnect.  Connecting signs in in the browser, opened with
 * gtk_show_uri(); the address is shown as well, for when no browser opens.
 * The token goes from the sign-in to the keyring through the controller and
 * never passes through this page.
 */

struct _CoAccountsPage
{
  AdwPreferencesPage   parent_instance;

  /* Template children. */
  AdwPreferencesGroup *accounts_group;
  AdwPreferencesGroup *sign_in_group;
  AdwActionRow        *sign_in_row;
  GtkSpinner          *spinner;
  GtkLabel            *uri_label;
  GtkLabel            *sign_in_help;

  /* Made here, one per platform. */
  AdwActionRow        *rows[CO_N_PLATFORMS];
  GtkButton           *connect_buttons[CO_N_PLATFORMS];
  GtkButton           *disconnect_buttons[CO_N_PLATFORMS];

  /* Owned. */
  CoPublishController *controller;
  GCancellable        *cancellable;   /* the sign-in that runs */
  gulong               changed_id;
  char                *uri;
  char                *error;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CoAccountsPage, co_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

/* Helpers. */

static void
show_toast (CoAccountsPage *self,
            const char     *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static char *
status_text (CoAccount *account)
{
  if (account == NULL)
    return g_strdup (_("Not connected"));
  if (co_account_get_state (account) == CO_ACCOUNT_RECONNECT)
    /* Translators: %s is the account's name on the platform. */
    return g_strdup_printf (_("Reconnect needed: the platform no longer accepts the sign-in of %s"),
                            co_account_get_display_name (account));
  /* Translators: %s is the account's name on the platform. */
  return g_strdup_printf (_("Connected as %s"), co_account_get_display_name (account));
}

static void
update (CoAccountsPage *self)
{
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_autoptr(CoAccount) account = co_publish_controller_find_account (self->controller, p);
      g_autofree char *status = status_text (account);

      adw_action_row_set_subtitle (self->rows[p], status);
      gtk_button_set_label (self->connect_buttons[p],
                            account != NULL ? _("_Reconnect") : _("_Connect"));
      gtk_widget_set_visible (GTK_WIDGET (self->connect_buttons[p]),
                              account == NULL ||
                              co_account_get_state (account) == CO_ACCOUNT_RECONNECT);
      gtk_widget_set_visible (GTK_WIDGET (self->disconnect_buttons[p]), account != NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->rows[p]), !self->busy);
    }
}

static void
set_error (CoAccountsPage *self,
           const GError   *error)
{
  g_clear_pointer (&self->error, g_free);
  if (error == NULL)
    return;
  self->error = co_publish_controller_dup_error_text (error);
  show_toast (self, self->error);
}

static void
set_busy (CoAccountsPage *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_group), busy);
  if (!busy)
    {
      g_clear_pointer (&self->uri, g_free);
      gtk_label_set_label (self->uri_label, "");
      g_clear_object (&self->cancellable);
    }
  update (self);
}

static GtkWidget *
add_button (AdwActionRow *row,
            const char   *label,
            const char   *action,
            CoPlatform    platform)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", co_platform_to_string (platform));
  adw_action_row_add_suffix (row, button);
  return button;
}

static void
make_rows (CoAccountsPage *self)
{
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

      /* Account names come from the platforms: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), co_platform_display_name (p));
      self->connect_buttons[p] = GTK_BUTTON (add_button (row, _("_Connect"), "accounts.connect",
                                                         p));
      self->disconnect_buttons[p] = GTK_BUTTON (add_button (row, _("_Disconnect"),
                                                            "accounts.disconnect", p));
      adw_preferences_group_add (self->accounts_group, GTK_WIDGET (row));
      self->rows[p] = row;
    }
}

/* Callbacks. */

static void
shown_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CoAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) ||
      co_error_is_cancelled (error))
    return;
  /* No browser: the address on the page is the way in. */
  text = g_strdup_printf (_("No browser could be opened (%s). Open the address above in one; "
                            "this page waits until you come back."), error->message);
  gtk_label_set_label (self->sign_in_help, text);
}

static void
open_uri_cb (const char *uri,
             gpointer    user_data)
{
  CoAccountsPage *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_free (self->uri);
  self->uri = g_strdup (uri);
  gtk_label_set_label (self->uri_label, uri);
  if (GTK_IS_WINDOW (root))
    gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, self->cancellable, shown_cb,
                       g_object_ref (self));
}

static void
account_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CoAccountsPage) self = user_data;
  g_autoptr(CoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  account = co_publish_controller_account_finish (CO_PUBLISH_CONTROLLER (object), result, &error);
  if (self->controller == NULL)
    return;
  set_busy (self, FALSE);
  if (account == NULL)
    {
      if (!co_error_is_cancelled (error))
        set_error (self, error);
      return;
    }
  set_error (self, NULL);
  text = co_account_get_state (account) == CO_ACCOUNT_DISCONNECTED
    /* Translators: a toast; the platform, then the account's name. */
    ? g_strdup_printf (_("Disconnected the %s account %s"),
                       co_platform_display_name (co_account_get_platform (account)),
                       co_account_get_display_name (account))
    : g_strdup_printf (_("Connected the %s account %s"),
                       co_platform_display_name (co_account_get_platform (account)),
                       co_account_get_display_name (account));
  show_toast (self, text);
}

static gboolean
parse_platform (GVariant   *param,
                CoPlatform *out_platform)
{
  g_autoptr(GError) error = NULL;

  if (co_platform_from_string (g_variant_get_string (param, NULL), out_platform, &error))
    return TRUE;
  g_critical ("%s", error->message);
  return FALSE;
}

static void
connect_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CoAccountsPage *self = CO_ACCOUNTS_PAGE (widget);
  CoPlatform platform;

  if (self->busy || !parse_platform (param, &platform))
    return;
  self->cancellable = g_cancellable_new ();
  gtk_label_set_label (self->sign_in_help,
                       _("If no browser opened, open the address above in one; this page waits "
                         "until you come back."));
  set_busy (self, TRUE);
  co_publish_controller_connect_async (self->controller, platform, open_uri_cb, self,
                                       self->cancellable, account_done_cb, g_object_ref (self));
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  CoAccountsPage *self = CO_ACCOUNTS_PAGE (widget);
  g_autoptr(CoAccount) account = NULL;
  CoPlatform platform;

  if (self->busy || !parse_platform (param, &platform))
    return;
  account = co_publish_controller_find_account (self->controller, platform);
  if (account == NULL)
    return;
  self->busy = TRUE;
  update (self);
  co_publish_controller_disconnect_async (self->controller, co_account_get_id (account), NULL,
                                          account_done_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CoAccountsPage *self = CO_ACCOUNTS_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* GObject. */

static void
co_accounts_page_dispose (GObject *object)
{
  CoAccountsPage *self = (CoAccountsPage *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->controller != NULL)
    g_clear_signal_handler (&self->changed_id, self->controller);
  g_clear_object (&self->controller);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_ACCOUNTS_PAGE);

  G_OBJECT_CLASS (co_accounts_page_parent_class)->dispose (object);
}

static void
co_accounts_page_finalize (GObject *object)
{
  CoAccountsPage *self = (CoAccountsPage *)object;

  g_free (self->uri);
  g_free (self->error);

  G_OBJECT_CLASS (co_accounts_page_parent_class)->finalize (object);
}

static void
co_accounts_page_class_init (CoAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_accounts_page_dispose;
  object_class->finalize = co_accounts_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-accounts-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoAccountsPage, name)
  BIND (accounts_group);
  BIND (sign_in_group);
  BIND (sign_in_row);
  BIND (spinner);
  BIND (uri_label);
  BIND (sign_in_help);
#undef BIND
  gtk_widget_class_install_action (widget_class, "accounts.connect", "s", connect_action);
  gtk_widget_class_install_action (widget_class, "accounts.disconnect", "s", disconnect_action);
  gtk_widget_class_install_action (widget_class, "accounts.cancel", NULL, cancel_action);
}

static void
co_accounts_page_init (CoAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  make_rows (self);
}

/**
 * co_accounts_page_new:
 * @controller: the library's publishing
 *
 * Returns: (transfer full): the Accounts page, for the preferences window
 */
GtkWidget *
co_accounts_page_new (CoPublishController *controller)
{
  CoAccountsPage *self;

  g_return_val_if_fail (CO_IS_PUBLISH_CONTROLLER (controller), NULL);

  self = g_object_new (CO_TYPE_ACCOUNTS_PAGE, NULL);
  self->controller = g_object_ref (controller);
  self->changed_id = g_signal_connect_swapped (controller, "changed", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

/**
 * co_accounts_page_get_status:
 * @self: the page
 * @platform: a platform
 *
 * Returns: the platform's account state as the page shows it
 */
const char *
co_accounts_page_get_status (CoAccountsPage *self,
                             CoPlatform      platform)
{
  g_return_val_if_fail (CO_IS_ACCOUNTS_PAGE (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return adw_action_row_get_subtitle (self->rows[platform]);
}

/**
 * co_accounts_page_get_sign_in_uri:
 * @self: the page
 *
 * Returns: (nullable): the sign-in address shown while a sign-in runs
 */
const char *
co_accounts_page_get_sign_in_uri (CoAccountsPage *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNTS_PAGE (self), NULL);
  return self->uri;
}

/**
 * co_accounts_page_get_error:
 * @self: the page
 *
 * Returns: (nullable): why the last connect or disconnect failed, with what to do
 */
const char *
co_accounts_page_get_error (CoAccountsPage *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNTS_PAGE (self), NULL);
  return self->error;
}

/** co_accounts_page_get_busy: @self: the page  Returns: whether a sign-in or disconnect runs */
gboolean
co_accounts_page_get_busy (CoAccountsPage *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNTS_PAGE (self), FALSE);
  return self->busy;
}
