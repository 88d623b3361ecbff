/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-ui-util.h"
#include "co-vault-picker.h"

/* The vault as a searchable list inside the draft editor, to link items to
 * a draft: an item is activated (Enter, a click) or dragged onto the list
 * of linked items.  Rows come from the vault's paged model. */

struct _CoVaultPicker
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkWidget      *box;
  GtkSearchEntry *search_entry;
  GtkListView    *list_view;

  /* Owned: the vault, once set, and its items, once the picker is shown. */
  CoVault        *vault;
  CoVaultModel   *model;
};

G_DEFINE_FINAL_TYPE (CoVaultPicker, co_vault_picker, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ITEM_ACTIVATED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* Rows: an icon of the item's type and its title, and a drag source of the
 * item. */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  CoVaultItem *item = gtk_list_item_get_item (list_item);

  return item != NULL ? gdk_content_provider_new_typed (CO_TYPE_VAULT_ITEM, item) : NULL;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (source));
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  CoVaultItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);

  if (item == NULL)
    return;
  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                co_ui_type_icon_name (co_vault_item_get_item_type (item)));
  gtk_label_set_label (GTK_LABEL (label), co_vault_item_get_title (item));
}

/* The rows are made when the picker is first shown, not with the window:
 * the list counts the vault and binds a screenful of rows, work that held
 * back the window's first frame with a large vault (issue 17). */
static void
ensure_model (CoVaultPicker *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  if (self->model != NULL || self->vault == NULL)
    return;
  self->model = co_vault_model_new (self->vault);
  co_vault_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

/* Callbacks. */

static void
search_changed_cb (CoVaultPicker *self)
{
  if (self->model != NULL)
    co_vault_model_set_search (self->model,
                               gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
activate_cb (GtkListView   *list,
             guint          position,
             CoVaultPicker *self)
{
  co_vault_picker_activate (self, position);
}

/* GObject. */

static void
co_vault_picker_map (GtkWidget *widget)
{
  ensure_model (CO_VAULT_PICKER (widget));
  GTK_WIDGET_CLASS (co_vault_picker_parent_class)->map (widget);
}

static void
co_vault_picker_dispose (GObject *object)
{
  CoVaultPicker *self = (CoVaultPicker *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_VAULT_PICKER);
  g_clear_object (&self->model);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (co_vault_picker_parent_class)->dispose (object);
}

static void
co_vault_picker_class_init (CoVaultPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_vault_picker_dispose;
  widget_class->map = co_vault_picker_map;

  /* An item was chosen to be linked. */
  signals[SIGNAL_ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 1, CO_TYPE_VAULT_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-vault-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CoVaultPicker, box);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPicker, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-vault-picker");
}

static void
co_vault_picker_init (CoVaultPicker *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

/** co_vault_picker_set_vault: @self: a picker  @vault: the vault to pick from */
void
co_vault_picker_set_vault (CoVaultPicker *self,
                           CoVault       *vault)
{
  g_return_if_fail (CO_IS_VAULT_PICKER (self));
  g_return_if_fail (CO_IS_VAULT (vault));

  g_set_object (&self->vault, vault);
  g_clear_object (&self->model);
  gtk_list_view_set_model (self->list_view, NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_model (self);
}

/**
 * co_vault_picker_get_model:
 * @self: a picker
 *
 * Returns: (transfer none) (nullable): its items, made now if the picker
 *   has a vault and was not shown yet
 */
CoVaultModel *
co_vault_picker_get_model (CoVaultPicker *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PICKER (self), NULL);
  ensure_model (self);
  return self->model;
}

/** co_vault_picker_get_search: @self: a picker  Returns: (transfer none): its search entry */
GtkSearchEntry *
co_vault_picker_get_search (CoVaultPicker *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PICKER (self), NULL);
  return self->search_entry;
}

/**
 * co_vault_picker_activate:
 * @self: a picker
 * @position: a row
 *
 * Chooses the item at @position, as Enter or a click on it does.
 */
void
co_vault_picker_activate (CoVaultPicker *self,
                          guint          position)
{
  g_autoptr(CoVaultItem) item = NULL;

  g_return_if_fail (CO_IS_VAULT_PICKER (self));

  ensure_model (self);
  if (self->model != NULL)
    item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_ITEM_ACTIVATED], 0, item);
}
