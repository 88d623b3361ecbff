/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-duration.h"
#include "co-error.h"
#include "co-item-details.h"
#include "co-ui-util.h"

#define N_SIMILAR 6

struct _CoItemDetails
{
  GtkWidget         parent_instance;

  CoVault          *vault;
  CoThumbnailCache *cache;
  CoVaultItem      *item;
  GCancellable     *cancellable;
  gboolean          updating;

  GtkStack         *stack;
  GtkStack         *preview_stack;
  GtkPicture       *preview_picture;
  GtkImage         *preview_icon;
  AdwEntryRow      *title_row;
  GtkTextView      *notes_view;
  GtkFlowBox       *tags_box;
  GtkEntry         *tag_entry;
  AdwActionRow     *type_row;
  AdwActionRow     *size_row;
  AdwActionRow     *dimensions_row;
  AdwActionRow     *duration_row;
  AdwActionRow     *codecs_row;
  AdwActionRow     *created_row;
  AdwActionRow     *imported_row;
  AdwActionRow     *source_row;
  GtkSwitch        *exclude_switch;
  AdwPreferencesGroup *similar_group;
  GtkListBox       *similar_list;
  GtkLabel         *similar_empty;
  GtkButton        *media_button;
  GtkButton        *download_button;
  GtkButton        *trash_button;
  GtkButton        *restore_button;
};

G_DEFINE_FINAL_TYPE (CoItemDetails, co_item_details, GTK_TYPE_WIDGET)

static void
report_error (CoItemDetails *self,
              const GError  *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_warning ("%s", error->message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  gboolean has_value = value != NULL && value[0] != '\0';

  adw_action_row_set_subtitle (row, has_value ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), has_value);
}

static void
remove_tag_cb (GtkButton     *button,
               CoItemDetails *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "co-tag");
  const char *tags[] = { tag, NULL };
  g_autoptr(GError) error = NULL;

  if (!co_vault_remove_tags (self->vault, co_vault_item_get_id (self->item), tags, &error))
    report_error (self, error);
  co_item_details_reload (self);
}

static GtkWidget *
make_tag_chip (CoItemDetails *self,
               const char    *tag)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *button = gtk_button_new_from_icon_name ("window-close-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("Remove the tag “%s”"), tag);

  gtk_widget_add_css_class (box, "co-tag");
  gtk_box_append (GTK_BOX (box), gtk_label_new (tag));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "co-tag", g_strdup (tag), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_tag_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
fill_tags (CoItemDetails *self)
{
  const char * const *tags = co_vault_item_get_tags (self->item);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    gtk_flow_box_append (self->tags_box, make_tag_chip (self, tags[i]));
}

static void
fill_preview (CoItemDetails *self)
{
  const char *sha256 = co_vault_item_get_sha256 (self->item);
  GdkTexture *texture = NULL;

  if (sha256 != NULL && self->cache != NULL)
    texture = co_thumbnail_cache_lookup (self->cache, sha256);
  gtk_image_set_from_icon_name (self->preview_icon,
                                co_ui_type_icon_name (co_vault_item_get_item_type (self->item)));
  gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->preview_stack, texture ? "picture" : "icon");
}

static void
fill_properties (CoItemDetails *self)
{
  CoVaultItem *item = self->item;
  g_autofree char *size = NULL;
  g_autofree char *dimensions = NULL;
  g_autofree char *duration = co_duration_format (co_vault_item_get_duration (item),
                                                  CO_DURATION_FORMAT_SHORT);
  g_autofree char *created = co_ui_format_date (co_vault_item_get_created_at (item));
  g_autofree char *imported = co_ui_format_date (co_vault_item_get_imported_at (item));
  g_autofree char *type = NULL;

  if (co_vault_item_get_size (item) > 0)
    size = g_format_size_full (co_vault_item_get_size (item), G_FORMAT_SIZE_LONG_FORMAT);
  if (co_vault_item_get_width (item) > 0)
    dimensions = g_strdup_printf ("%d × %d", co_vault_item_get_width (item),
                                  co_vault_item_get_height (item));
  type = co_vault_item_get_mime (item) != NULL
         ? g_strdup_printf ("%s (%s)", co_ui_type_label (co_vault_item_get_item_type (item)),
                            co_vault_item_get_mime (item))
         : g_strdup (co_ui_type_label (co_vault_item_get_item_type (item)));

  set_row (self->type_row, type);
  set_row (self->size_row, size);
  set_row (self->dimensions_row, dimensions);
  set_row (self->duration_row, duration);
  set_row (self->codecs_row, co_vault_item_get_codecs (item));
  set_row (self->created_row, created);
  set_row (self->imported_row, imported);
  set_row (self->source_row, co_vault_item_get_source_url (item));
}

static void
fill_text (CoItemDetails *self)
{
  const char *notes = co_vault_item_get_notes (self->item);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), co_vault_item_get_title (self->item));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ? notes : "", -1);
  gtk_switch_set_active (self->exclude_switch, co_vault_item_get_excluded (self->item));
  self->updating = FALSE;
}

/* An item a mirror brought names a file that may not be here yet. */
static gboolean
file_is_missing (CoItemDetails *self)
{
  const char *sha256 = co_vault_item_get_sha256 (self->item);
  g_autofree char *path = NULL;

  if (sha256 == NULL)
    return FALSE;
  path = co_store_dup_blob_path (co_vault_get_store (self->vault), sha256);
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
fill_buttons (CoItemDetails *self)
{
  gboolean trashed = co_vault_item_get_trashed (self->item);
  CoVaultType type = co_vault_item_get_item_type (self->item);

  gtk_widget_set_visible (GTK_WIDGET (self->media_button), !trashed
                          && (type == CO_VAULT_TYPE_VIDEO || type == CO_VAULT_TYPE_AUDIO));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->media_button), "x",
                                    co_vault_item_get_id (self->item));
  gtk_widget_set_visible (GTK_WIDGET (self->download_button), !trashed && file_is_missing (self));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->download_button), "x",
                                    co_vault_item_get_id (self->item));
  gtk_widget_set_visible (GTK_WIDGET (self->trash_button), !trashed);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), trashed);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->restore_button), "x",
                                    co_vault_item_get_id (self->item));
}

/* Similar items: computed in a worker thread, since it compares the item with
 * every other one in the vault. */

static void
similar_row_activated_cb (AdwActionRow  *row,
                          CoItemDetails *self)
{
  CoVaultItem *item = g_object_get_data (G_OBJECT (row), "co-item");

  co_item_details_set_item (self, item);
}

static GtkWidget *
make_similar_row (CoItemDetails *self,
                  CoVaultMatch  *match)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (
    co_ui_type_icon_name (co_vault_item_get_item_type (match->item)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), co_vault_item_get_title (match->item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), match->reason);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "co-item", g_object_ref (match->item), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (similar_row_activated_cb), self);
  return row;
}

static void
similar_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  CoItemDetails *self;

  matches = co_vault_similar_finish (CO_VAULT (object), result, &error);
  if (co_error_is_cancelled (error))
    return;
  self = CO_ITEM_DETAILS (user_data);
  if (matches == NULL)
    {
      gtk_label_set_label (self->similar_empty, error->message);
      return;
    }
  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (self->similar_list, make_similar_row (self, g_ptr_array_index (matches, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->similar_list), matches->len > 0);
  gtk_label_set_label (self->similar_empty, matches->len > 0 ? "" : _("Nothing similar yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->similar_empty), matches->len == 0);
}

static void
fill_similar (CoItemDetails *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->similar_list))) != NULL)
    gtk_list_box_remove (self->similar_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->similar_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->similar_empty), TRUE);
  gtk_label_set_label (self->similar_empty, _("Looking for similar items…"));

  co_vault_similar_async (self->vault, co_vault_item_get_id (self->item), N_SIMILAR,
                          self->cancellable, similar_done_cb, self);
}

static void
fill (CoItemDetails *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_stack_set_visible_child_name (self->stack, self->item ? "item" : "empty");
  if (self->item == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  fill_preview (self);
  fill_text (self);
  fill_tags (self);
  fill_properties (self);
  fill_buttons (self);
  fill_similar (self);
}

/* Edits are single-row writes, quick enough for the main thread. */

static void
title_apply_cb (AdwEntryRow   *row,
                CoItemDetails *self)
{
  g_autoptr(GError) error = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->item == NULL)
    return;
  if (!co_vault_update_text (self->vault, co_vault_item_get_id (self->item), title, NULL, &error))
    report_error (self, error);
  co_item_details_reload (self);
}

static void
notes_leave_cb (GtkEventControllerFocus *controller,
                CoItemDetails           *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *notes = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  if (self->item == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (notes, co_vault_item_get_notes (self->item) ?: "") == 0)
    return;
  if (!co_vault_update_text (self->vault, co_vault_item_get_id (self->item), NULL, notes, &error))
    report_error (self, error);
}

static void
tag_activate_cb (GtkEntry      *entry,
                 CoItemDetails *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  const char *tags[] = { text, NULL };
  g_autoptr(GError) error = NULL;

  if (self->item == NULL || text[0] == '\0')
    return;
  if (!co_vault_add_tags (self->vault, co_vault_item_get_id (self->item), tags, &error))
    {
      report_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  co_item_details_reload (self);
}

static void
exclude_active_cb (GtkSwitch     *sw,
                   GParamSpec    *pspec,
                   CoItemDetails *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->item == NULL)
    return;
  if (!co_vault_set_excluded (self->vault, co_vault_item_get_id (self->item),
                              gtk_switch_get_active (sw), &error))
    report_error (self, error);
}

static void
co_item_details_dispose (GObject *object)
{
  CoItemDetails *self = (CoItemDetails *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->item);
  g_clear_object (&self->vault);
  g_clear_object (&self->cache);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_ITEM_DETAILS);

  G_OBJECT_CLASS (co_item_details_parent_class)->dispose (object);
}

static void
co_item_details_class_init (CoItemDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_item_details_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-item-details.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoItemDetails, name)
  BIND (stack);
  BIND (preview_stack);
  BIND (preview_picture);
  BIND (preview_icon);
  BIND (download_button);
  BIND (title_row);
  BIND (notes_view);
  BIND (tags_box);
  BIND (tag_entry);
  BIND (type_row);
  BIND (size_row);
  BIND (dimensions_row);
  BIND (duration_row);
  BIND (codecs_row);
  BIND (created_row);
  BIND (imported_row);
  BIND (source_row);
  BIND (exclude_switch);
  BIND (similar_group);
  BIND (similar_list);
  BIND (similar_empty);
  BIND (media_button);
  BIND (trash_button);
  BIND (restore_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, title_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, exclude_active_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-item-details");
}

static void
co_item_details_init (CoItemDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_item_details_set_vault:
 * @self: the details pane
 * @vault: the vault the items come from
 * @cache: the grid's thumbnail cache, for the preview
 */
void
co_item_details_set_vault (CoItemDetails    *self,
                           CoVault          *vault,
                           CoThumbnailCache *cache)
{
  g_return_if_fail (CO_IS_ITEM_DETAILS (self));

  g_set_object (&self->vault, vault);
  g_set_object (&self->cache, cache);
  co_item_details_set_item (self, NULL);
}

/** co_item_details_get_item: @self: the pane  Returns: (transfer none) (nullable): its item */
CoVaultItem *
co_item_details_get_item (CoItemDetails *self)
{
  g_return_val_if_fail (CO_IS_ITEM_DETAILS (self), NULL);
  return self->item;
}

/**
 * co_item_details_set_item:
 * @self: the details pane
 * @item: (nullable): the item to show
 */
void
co_item_details_set_item (CoItemDetails *self,
                          CoVaultItem   *item)
{
  g_return_if_fail (CO_IS_ITEM_DETAILS (self));

  if (self->item == item)
    return;
  g_set_object (&self->item, item);
  fill (self);
}

/**
 * co_item_details_reload:
 * @self: the details pane
 *
 * Reads the shown item again after it was edited; clears the pane if it is gone.
 */
void
co_item_details_reload (CoItemDetails *self)
{
  g_autoptr(CoVaultItem) fresh = NULL;

  g_return_if_fail (CO_IS_ITEM_DETAILS (self));

  if (self->item == NULL)
    return;
  /* A missing item is not an error here: it was purged, so the pane empties. */
  fresh = co_vault_get (self->vault, co_vault_item_get_id (self->item), NULL);
  g_set_object (&self->item, fresh);
  fill (self);
}
