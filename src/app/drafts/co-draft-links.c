/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-draft-links.h"
#include "co-ui-util.h"

/* The vault items a draft links, in the draft editor: a list with a button
 * to unlink each, and the vault list below it to link more, by Enter, a
 * click or a drag onto the list.  Links are kept by the library at once;
 * the editor shows the draft again when the library says it changed. */

struct _CoDraftLinks
{
  GtkWidget        parent_instance;

  /* Template children. */
  GtkWidget       *box;
  GtkToggleButton *add_button;
  GtkListBox      *list;
  GtkRevealer     *picker_revealer;
  CoVaultPicker   *picker;

  /* Owned: the library, once set. */
  CoDrafts        *drafts;
  CoVault         *vault;

  gint64           draft_id;
  guint            n_items;
};

G_DEFINE_FINAL_TYPE (CoDraftLinks, co_draft_links, GTK_TYPE_WIDGET)

static void
unlink_clicked_cb (GtkButton    *button,
                   CoDraftLinks *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "co-item-id");

  co_draft_links_unlink (self, *id);
}

static GtkWidget *
make_row (CoDraftLinks *self,
          CoVaultItem  *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (
    co_ui_type_icon_name (co_vault_item_get_item_type (item)));
  GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *subtitle = co_ui_describe_item (item);
  g_autofree char *name = NULL;
  gint64 *id = g_new (gint64, 1);

  *id = co_vault_item_get_id (item);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), co_vault_item_get_title (item));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: a button's tooltip and accessible name; %s is a vault item's title. */
  name = g_strdup_printf (_("Unlink “%s”"), co_vault_item_get_title (item));
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "co-item-id", id, g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (unlink_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_rows (CoDraftLinks *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  self->n_items = 0;
}

/* Callbacks. */

static void
item_activated_cb (CoVaultPicker *picker,
                   CoVaultItem   *item,
                   CoDraftLinks  *self)
{
  co_draft_links_link (self, co_vault_item_get_id (item));
}

static void
add_toggled_cb (CoDraftLinks *self)
{
  if (gtk_toggle_button_get_active (self->add_button))
    gtk_widget_grab_focus (GTK_WIDGET (co_vault_picker_get_search (self->picker)));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CoDraftLinks  *self)
{
  return co_draft_links_drop (self, value);
}

/* GObject. */

static void
co_draft_links_dispose (GObject *object)
{
  CoDraftLinks *self = (CoDraftLinks *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_DRAFT_LINKS);
  g_clear_object (&self->drafts);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (co_draft_links_parent_class)->dispose (object);
}

static void
co_draft_links_class_init (CoDraftLinksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_draft_links_dispose;

  g_type_ensure (CO_TYPE_VAULT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-draft-links.ui");
  gtk_widget_class_bind_template_child (widget_class, CoDraftLinks, box);
  gtk_widget_class_bind_template_child (widget_class, CoDraftLinks, add_button);
  gtk_widget_class_bind_template_child (widget_class, CoDraftLinks, list);
  gtk_widget_class_bind_template_child (widget_class, CoDraftLinks, picker_revealer);
  gtk_widget_class_bind_template_child (widget_class, CoDraftLinks, picker);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-draft-links");
}

static void
co_draft_links_init (CoDraftLinks *self)
{
  GtkDropTarget *target = gtk_drop_target_new (CO_TYPE_VAULT_ITEM, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), GTK_EVENT_CONTROLLER (target));
  g_signal_connect_swapped (self->add_button, "toggled", G_CALLBACK (add_toggled_cb), self);
}

/**
 * co_draft_links_set_library:
 * @self: the list
 * @drafts: the library's drafts
 * @vault: its vault
 */
void
co_draft_links_set_library (CoDraftLinks *self,
                            CoDrafts     *drafts,
                            CoVault      *vault)
{
  g_return_if_fail (CO_IS_DRAFT_LINKS (self));
  g_return_if_fail (CO_IS_DRAFTS (drafts));
  g_return_if_fail (CO_IS_VAULT (vault));

  g_set_object (&self->drafts, drafts);
  g_set_object (&self->vault, vault);
  co_vault_picker_set_vault (self->picker, vault);
}

/**
 * co_draft_links_show:
 * @self: the list
 * @draft: (nullable): the draft whose links to show
 */
void
co_draft_links_show (CoDraftLinks *self,
                     CoDraft      *draft)
{
  const gint64 *ids;
  guint n = 0;

  g_return_if_fail (CO_IS_DRAFT_LINKS (self));

  clear_rows (self);
  self->draft_id = draft != NULL ? co_draft_get_id (draft) : 0;
  if (draft == NULL || self->vault == NULL)
    return;
  ids = co_draft_get_item_ids (draft, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CoVaultItem) item = co_vault_get (self->vault, ids[i], &error);

      if (item == NULL)
        {
          g_warning ("Cannot show vault item %lld: %s", (long long)ids[i], error->message);
          continue;
        }
      gtk_list_box_append (self->list, make_row (self, item));
      self->n_items++;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), !co_draft_get_read_only (draft));
}

/**
 * co_draft_links_link:
 * @self: the list
 * @item_id: a vault item
 *
 * Links the item to the shown draft; a toast says why when it cannot be.
 *
 * Returns: %TRUE if it is linked
 */
gboolean
co_draft_links_link (CoDraftLinks *self,
                     gint64        item_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CO_IS_DRAFT_LINKS (self), FALSE);

  if (self->drafts == NULL || self->draft_id == 0)
    return FALSE;
  if (co_drafts_link_item (self->drafts, self->draft_id, item_id, &error))
    return TRUE;
  co_ui_toast (GTK_WIDGET (self), error->message);
  return FALSE;
}

/**
 * co_draft_links_unlink:
 * @self: the list
 * @item_id: a linked vault item
 *
 * Returns: %TRUE if the item is no longer linked; a toast says why otherwise
 */
gboolean
co_draft_links_unlink (CoDraftLinks *self,
                       gint64        item_id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CO_IS_DRAFT_LINKS (self), FALSE);

  if (self->drafts == NULL || self->draft_id == 0)
    return FALSE;
  if (co_drafts_unlink_item (self->drafts, self->draft_id, item_id, &error))
    return TRUE;
  co_ui_toast (GTK_WIDGET (self), error->message);
  return FALSE;
}

/** co_draft_links_get_n_items: @self: the list  Returns: how many items it shows */
guint
co_draft_links_get_n_items (CoDraftLinks *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_LINKS (self), 0);
  return self->n_items;
}

/** co_draft_links_get_picker: @self: the list  Returns: (transfer none): the vault list */
CoVaultPicker *
co_draft_links_get_picker (CoDraftLinks *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_LINKS (self), NULL);
  return self->picker;
}

/**
 * co_draft_links_drop:
 * @self: the list
 * @value: what was dropped on it: a #CoVaultItem
 *
 * What the list's drop target calls; tests call it too.
 *
 * Returns: %TRUE if the value was a vault item and is now linked
 */
gboolean
co_draft_links_drop (CoDraftLinks *self,
                     const GValue *value)
{
  CoVaultItem *item;

  g_return_val_if_fail (CO_IS_DRAFT_LINKS (self), FALSE);

  if (!G_VALUE_HOLDS (value, CO_TYPE_VAULT_ITEM) || (item = g_value_get_object (value)) == NULL)
    return FALSE;
  return co_draft_links_link (self, co_vault_item_get_id (item));
}
