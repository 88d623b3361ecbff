/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-duration.h"
#include "co-ui-util.h"
#include "co-vault-cell.h"

struct _CoVaultCell
{
  GtkWidget         parent_instance;

  CoThumbnailCache *cache;
  CoVaultItem      *item;
  GCancellable     *cancellable;

  GtkWidget        *box;
  GtkStack         *thumb_stack;
  GtkImage         *type_icon;
  GtkPicture       *picture;
  GtkLabel         *text_label;
  GtkLabel         *badge;
  GtkImage         *kind_icon;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
};

G_DEFINE_FINAL_TYPE (CoVaultCell, co_vault_cell, GTK_TYPE_WIDGET)

/* Notes show the start of their text instead of an icon, the way a
 * notes app shows a page.  An icon is set only where it shows: the
 * thumbnail's stack measures its hidden pages too, and looking up an icon
 * for each of the cells the grid binds before the first frame was time
 * taken from it (issue 17). */
static void
show_icon (CoVaultCell *self)
{
  CoVaultType type = co_vault_item_get_item_type (self->item);
  const char *body = co_vault_item_get_body (self->item);
  gboolean is_note = type == CO_VAULT_TYPE_NOTE && body != NULL && body[0] != '\0';

  gtk_label_set_label (self->text_label, is_note ? body : "");
  if (is_note)
    gtk_image_clear (self->type_icon);
  else
    gtk_image_set_from_icon_name (self->type_icon, co_ui_type_icon_name (type));
  gtk_stack_set_visible_child_name (self->thumb_stack, is_note ? "text" : "icon");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_icon), FALSE);
}

static void
show_texture (CoVaultCell *self,
              GdkTexture  *texture)
{
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_image_set_from_icon_name (self->kind_icon,
                                co_ui_type_icon_name (co_vault_item_get_item_type (self->item)));
  gtk_stack_set_visible_child_name (self->thumb_stack, "picture");
  gtk_widget_set_visible (GTK_WIDGET (self->kind_icon), TRUE);
}

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  CoVaultCell *self;

  texture = co_thumbnail_cache_load_finish (CO_THUMBNAIL_CACHE (object), result, &error);
  /* A cancelled load belongs to a cell that was rebound or destroyed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CO_VAULT_CELL (user_data);
  if (texture != NULL)
    show_texture (self, texture);
}

static void
load_thumbnail (CoVaultCell *self)
{
  const char *sha256 = co_vault_item_get_sha256 (self->item);
  GdkTexture *cached;

  show_icon (self);
  if (sha256 == NULL || !co_vault_type_is_visual (co_vault_item_get_item_type (self->item)))
    return;

  cached = co_thumbnail_cache_lookup (self->cache, sha256);
  if (cached != NULL)
    {
      show_texture (self, cached);
      return;
    }
  self->cancellable = g_cancellable_new ();
  co_thumbnail_cache_load_async (self->cache, sha256, self->cancellable,
                                 thumbnail_loaded_cb, self);
}

static void
update_labels (CoVaultCell *self)
{
  g_autofree char *subtitle = co_ui_describe_item (self->item);
  g_autofree char *duration = co_duration_format (co_vault_item_get_duration (self->item),
                                                  CO_DURATION_FORMAT_SHORT);
  const char *title = co_vault_item_get_title (self->item);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->badge, duration);
  gtk_widget_set_visible (GTK_WIDGET (self->badge), duration != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
}

/* The title is the tooltip, asked for when the pointer rests on the cell:
 * a tooltip text set on every bind asked the display server where the
 * pointer was, once per cell, before the first frame (issue 17). */
static gboolean
co_vault_cell_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  CoVaultCell *self = CO_VAULT_CELL (widget);

  if (self->item == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, co_vault_item_get_title (self->item));
  return TRUE;
}

static void
co_vault_cell_dispose (GObject *object)
{
  CoVaultCell *self = (CoVaultCell *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->item);
  g_clear_object (&self->cache);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_VAULT_CELL);

  G_OBJECT_CLASS (co_vault_cell_parent_class)->dispose (object);
}

static void
co_vault_cell_class_init (CoVaultCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_vault_cell_dispose;
  widget_class->query_tooltip = co_vault_cell_query_tooltip;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-vault-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, box);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, thumb_stack);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, type_icon);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, picture);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, text_label);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, badge);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoVaultCell, subtitle_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-vault-cell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
co_vault_cell_init (CoVaultCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
co_vault_cell_new (CoThumbnailCache *cache)
{
  CoVaultCell *self = g_object_new (CO_TYPE_VAULT_CELL, NULL);

  self->cache = g_object_ref (cache);
  return GTK_WIDGET (self);
}

/** co_vault_cell_get_item: @self: a cell  Returns: (transfer none) (nullable): its item */
CoVaultItem *
co_vault_cell_get_item (CoVaultCell *self)
{
  g_return_val_if_fail (CO_IS_VAULT_CELL (self), NULL);
  return self->item;
}

/**
 * co_vault_cell_set_item:
 * @self: a cell
 * @item: (nullable): the item to show
 *
 * Shows @item's title at once and its thumbnail when it has been read;
 * a load still running for the previous item is cancelled.
 */
void
co_vault_cell_set_item (CoVaultCell *self,
                        CoVaultItem *item)
{
  g_return_if_fail (CO_IS_VAULT_CELL (self));

  if (self->item == item)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->item, item);
  gtk_picture_set_paintable (self->picture, NULL);
  if (item == NULL)
    return;
  update_labels (self);
  load_thumbnail (self);
}
