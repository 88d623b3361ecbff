/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-draft-editor.h"
#include "co-error.h"
#include "co-ui-util.h"

/* The draft editor: the title and text, the platforms the post is for with
 * a tab each (CoPlatformTab), the linked vault items and Repurpose.  Typing
 * is kept by the library a moment after it stops, on Ctrl+S and when the
 * editor is left; the platforms and links are kept at once.  The library
 * decides what a draft may hold: a refused change is said in a toast and
 * the status line, and nothing of it is kept. */

#define SAVE_DELAY_MS 1500

struct _CoDraftEditor
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkWidget      *box;
  GtkLabel       *stage_label;
  GtkLabel       *status_label;
  GtkMenuButton  *repurpose_button;
  GtkLabel       *read_only_label;
  GtkEntry       *title_entry;
  GtkTextView    *body_view;
  GtkBox         *platform_box;
  GtkLabel       *no_platform_label;
  GtkNotebook    *notebook;
  CoDraftLinks   *links;

  /* Owned. */
  CoDrafts       *drafts;
  GSettings      *settings;
  CoDraft        *draft;        /* the draft as the library last gave it */
  GCancellable   *cancellable;
  GtkToggleButton *toggles[CO_N_PLATFORMS];
  CoPlatformTab  *tabs[CO_N_PLATFORMS];

  guint           save_source;
  gboolean        dirty;
  gboolean        syncing;      /* widgets are being set from the draft */
  gboolean        saving;
};

G_DEFINE_FINAL_TYPE (CoDraftEditor, co_draft_editor, GTK_TYPE_WIDGET)

static void reload (CoDraftEditor *self);

static char *
dup_body (CoDraftEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_status (CoDraftEditor *self,
            const char    *text)
{
  gtk_label_set_label (self->status_label, text);
}

static void
refuse (CoDraftEditor *self,
        const GError  *error)
{
  /* Translators: the editor's status line when the library refused a change. */
  g_autofree char *status = g_strdup_printf (_("Not saved: %s"), error->message);

  set_status (self, status);
  co_ui_toast (GTK_WIDGET (self), error->message);
}

/* Saving. */

static gboolean
save_timeout_cb (gpointer data)
{
  CoDraftEditor *self = data;

  self->save_source = 0;
  co_draft_editor_save (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
mark_dirty (CoDraftEditor *self)
{
  /* A published draft cannot be typed into; nothing waits to be kept. */
  if (self->syncing || self->draft == NULL || co_draft_get_read_only (self->draft))
    return;
  self->dirty = TRUE;
  set_status (self, _("Unsaved changes"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static gboolean
variant_changed (CoDraftEditor *self,
                 CoPlatformTab *tab,
                 const char    *title,
                 const char    *text)
{
  CoDraftVariant *variant = co_draft_get_variant (self->draft, co_platform_tab_get_platform (tab));

  return variant == NULL ||
         g_strcmp0 (title, co_draft_variant_get_title_override (variant)) != 0 ||
         g_strcmp0 (text, co_draft_variant_get_body_override (variant)) != 0;
}

static gboolean
save_variants (CoDraftEditor  *self,
               GError        **error)
{
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (self->tabs[p] == NULL)
        continue;
      title = co_platform_tab_dup_title_override (self->tabs[p]);
      text = co_platform_tab_dup_text_override (self->tabs[p]);
      if (variant_changed (self, self->tabs[p], title, text) &&
          !co_drafts_set_variant (self->drafts, co_draft_get_id (self->draft), p, title, text,
                                  error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_text (CoDraftEditor  *self,
           GError        **error)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  g_autofree char *body = dup_body (self);

  if (g_strcmp0 (title, co_draft_get_title (self->draft)) == 0 &&
      g_strcmp0 (body, co_draft_get_body (self->draft)) == 0)
    return TRUE;
  return co_drafts_set_text (self->drafts, co_draft_get_id (self->draft), title, body, error);
}

/* Keeps the title, the text and the platforms' own texts; the draft is
 * read again by the caller. */
static gboolean
keep_typing (CoDraftEditor  *self,
             GError        **error)
{
  gboolean ok;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->saving = TRUE;
  ok = save_text (self, error) && save_variants (self, error);
  self->saving = FALSE;
  if (ok)
    self->dirty = FALSE;
  return ok;
}

/* The platforms. */

static void
add_tab (CoDraftEditor *self,
         CoPlatform     platform)
{
  int limit = self->settings != NULL
              ? g_settings_get_int (self->settings, "instagram-hashtag-limit") : 0;
  GtkWidget *tab = co_platform_tab_new (platform, limit);
  int position = 0;

  for (CoPlatform p = 0; p < platform; p++)
    position += self->tabs[p] != NULL;
  self->tabs[platform] = CO_PLATFORM_TAB (tab);
  g_signal_connect_swapped (tab, "changed", G_CALLBACK (mark_dirty), self);
  gtk_notebook_insert_page (self->notebook, tab,
                            gtk_label_new (co_platform_display_name (platform)), position);
}

static void
remove_tab (CoDraftEditor *self,
            CoPlatform     platform)
{
  int page = gtk_notebook_page_num (self->notebook, GTK_WIDGET (self->tabs[platform]));

  self->tabs[platform] = NULL;
  gtk_notebook_remove_page (self->notebook, page);
}

static void
show_format_hint (CoDraftEditor *self,
                  CoPlatform     platform)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoFormatHint) hint = co_drafts_get_format_hint (self->drafts,
                                                            co_draft_get_id (self->draft),
                                                            platform, &error);

  co_platform_tab_set_format_hint (self->tabs[platform], hint != NULL ? hint->summary : NULL);
}

/* Gives each target platform a tab, loaded from the draft unless the
 * person is typing in it. */
static void
sync_tabs (CoDraftEditor *self)
{
  g_autofree char *body = dup_body (self);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  gboolean any = FALSE;

  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      gboolean target = co_draft_has_platform (self->draft, p);
      gboolean is_new = target && self->tabs[p] == NULL;

      gtk_toggle_button_set_active (self->toggles[p], target);
      if (!target && self->tabs[p] != NULL)
        remove_tab (self, p);
      if (is_new)
        add_tab (self, p);
      if (!target)
        continue;
      any = TRUE;
      if (is_new || !self->dirty)
        co_platform_tab_load (self->tabs[p], co_draft_get_variant (self->draft, p), title, body);
      co_platform_tab_set_read_only (self->tabs[p], co_draft_get_read_only (self->draft));
      show_format_hint (self, p);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notebook), any);
  gtk_widget_set_visible (GTK_WIDGET (self->no_platform_label), !any);
}

static void
toggle_cb (GtkToggleButton *toggle,
           CoDraftEditor   *self)
{
  CoPlatform platform = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "co-platform"));

  if (self->syncing || self->draft == NULL)
    return;
  if (!co_draft_editor_set_platform (self, platform, gtk_toggle_button_get_active (toggle)))
    {
      /* The library said no: show what it keeps. */
      self->syncing = TRUE;
      gtk_toggle_button_set_active (toggle, co_draft_has_platform (self->draft, platform));
      self->syncing = FALSE;
    }
}

static void
make_toggles (CoDraftEditor *self)
{
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (co_platform_display_name (p));
      g_autofree char *name = NULL;

      /* Translators: a toggle's accessible name; %s is a platform such as "X". */
      name = g_strdup_printf (_("Post on %s"), co_platform_display_name (p));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_widget_set_tooltip_text (toggle, name);
      g_object_set_data (G_OBJECT (toggle), "co-platform", GUINT_TO_POINTER (p));
      g_signal_connect (toggle, "toggled", G_CALLBACK (toggle_cb), self);
      gtk_box_append (self->platform_box, toggle);
      self->toggles[p] = GTK_TOGGLE_BUTTON (toggle);
    }
}

/* Showing the draft. */

static void
sync_text (CoDraftEditor *self)
{
  const char *title = co_draft_get_title (self->draft);
  const char *body = co_draft_get_body (self->draft);
  g_autofree char *current = dup_body (self);

  if (self->dirty)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)), title ? title : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title ? title : "");
  if (g_strcmp0 (current, body ? body : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body ? body : "", -1);
}

static void
show_state (CoDraftEditor *self)
{
  gboolean read_only = co_draft_get_read_only (self->draft);

  gtk_label_set_label (self->stage_label,
                       co_draft_stage_display_name (co_draft_get_stage (self->draft)));
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_label), read_only);
  gtk_editable_set_editable (GTK_EDITABLE (self->title_entry), !read_only);
  gtk_text_view_set_editable (self->body_view, !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->platform_box), !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", !read_only);
  if (!self->dirty)
    set_status (self, read_only ? _("Read-only") : _("All changes saved"));
}

static void
show_draft (CoDraftEditor *self)
{
  self->syncing = TRUE;
  sync_text (self);
  show_state (self);
  sync_tabs (self);
  self->syncing = FALSE;
  co_draft_links_show (self->links, self->draft);
}

static void
reload (CoDraftEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;

  if (self->draft == NULL)
    return;
  draft = co_drafts_get (self->drafts, co_draft_get_id (self->draft), &error);
  if (draft == NULL)
    {
      /* Deleted elsewhere, from the command line for one: back to the board. */
      co_ui_toast (GTK_WIDGET (self), error->message);
      g_clear_object (&self->draft);
      gtk_widget_activate_action (GTK_WIDGET (self), "drafts.show-board", NULL);
      return;
    }
  g_set_object (&self->draft, draft);
  show_draft (self);
}

/* Callbacks. */

static void
text_changed_cb (CoDraftEditor *self)
{
  g_autofree char *body = dup_body (self);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

  /* The tabs follow the text as it is typed, and count it at once. */
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    if (self->tabs[p] != NULL)
      co_platform_tab_set_base (self->tabs[p], title, body);
  mark_dirty (self);
}

static void
drafts_changed_cb (CoDrafts      *drafts,
                   gint64         id,
                   CoDraftEditor *self)
{
  if (self->draft != NULL && id == co_draft_get_id (self->draft) && !self->saving)
    reload (self);
}

static void
repurpose_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CoDraftEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = co_drafts_repurpose_finish (CO_DRAFTS (object), result, &error);

  if (co_error_is_cancelled (error))
    return;
  if (id == 0)
    {
      co_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  co_ui_toast (GTK_WIDGET (self), _("Repurposed into a new Saved draft, shown here"));
  gtk_widget_activate_action (GTK_WIDGET (self), "drafts.open", "x", id);
}

/* Actions. */

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  co_draft_editor_save (CO_DRAFT_EDITOR (widget), NULL);
}

static void
repurpose_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  g_autoptr(GError) error = NULL;
  CoPlatform platform;

  if (co_platform_from_string (g_variant_get_string (param, NULL), &platform, &error))
    co_draft_editor_repurpose (CO_DRAFT_EDITOR (widget), platform);
  else
    g_critical ("%s", error->message);
}

/* Publishing is the window's: what is typed is kept first. */
static void
publish_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  CoDraftEditor *self = CO_DRAFT_EDITOR (widget);

  if (self->draft == NULL || !co_draft_editor_save (self, NULL))
    return;
  gtk_widget_activate_action (widget, "win.publish-draft", "x", co_draft_get_id (self->draft));
}

static GMenuModel *
make_repurpose_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_autoptr(GMenuItem) item = NULL;
      /* Translators: an item of the Repurpose menu; %s is a platform such as "LinkedIn". */
      g_autofree char *label = g_strdup_printf (_("For %s"), co_platform_display_name (p));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "editor.repurpose",
                                               g_variant_new_string (co_platform_to_string (p)));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

/* GObject. */

static void
co_draft_editor_dispose (GObject *object)
{
  CoDraftEditor *self = (CoDraftEditor *)object;
  g_autoptr(GError) error = NULL;

  /* Typing not kept yet is kept now: the window is closing. */
  if (self->dirty && self->draft != NULL && !keep_typing (self, &error))
    g_warning ("Cannot keep the changes to draft %lld: %s",
               (long long)co_draft_get_id (self->draft), error->message);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_data (self->drafts, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_DRAFT_EDITOR);
  g_clear_object (&self->drafts);
  g_clear_object (&self->settings);
  g_clear_object (&self->draft);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (co_draft_editor_parent_class)->dispose (object);
}

static void
co_draft_editor_class_init (CoDraftEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_draft_editor_dispose;

  g_type_ensure (CO_TYPE_DRAFT_LINKS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-draft-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoDraftEditor, name)
  BIND (box);
  BIND (stage_label);
  BIND (status_label);
  BIND (repurpose_button);
  BIND (read_only_label);
  BIND (title_entry);
  BIND (body_view);
  BIND (platform_box);
  BIND (no_platform_label);
  BIND (notebook);
  BIND (links);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.repurpose", "s", repurpose_action);
  gtk_widget_class_install_action (widget_class, "editor.publish", NULL, publish_action);
  /* Every key here is listed in ui/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "drafts.show-board", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-draft-editor");
}

static void
co_draft_editor_init (CoDraftEditor *self)
{
  g_autoptr(GMenuModel) menu = make_repurpose_menu ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  make_toggles (self);
  gtk_menu_button_set_menu_model (self->repurpose_button, menu);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (text_changed_cb), self);
}

/**
 * co_draft_editor_set_library:
 * @self: the editor
 * @drafts: the library's drafts
 * @vault: its vault
 * @settings: (nullable): the app's settings (the Instagram hashtag limit)
 */
void
co_draft_editor_set_library (CoDraftEditor *self,
                             CoDrafts      *drafts,
                             CoVault       *vault,
                             GSettings     *settings)
{
  g_return_if_fail (CO_IS_DRAFT_EDITOR (self));
  g_return_if_fail (CO_IS_DRAFTS (drafts));
  g_return_if_fail (self->drafts == NULL);

  self->drafts = g_object_ref (drafts);
  g_set_object (&self->settings, settings);
  g_signal_connect (drafts, "changed", G_CALLBACK (drafts_changed_cb), self);
  co_draft_links_set_library (self->links, drafts, vault);
}

/**
 * co_draft_editor_load:
 * @self: the editor
 * @id: a draft
 * @error: return location for a #GError
 *
 * Keeps what was typed into the draft shown before, then shows @id.
 *
 * Returns: %TRUE if the draft is shown
 */
gboolean
co_draft_editor_load (CoDraftEditor  *self,
                      gint64          id,
                      GError        **error)
{
  g_autoptr(CoDraft) draft = NULL;

  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), FALSE);
  g_return_val_if_fail (self->drafts != NULL, FALSE);

  if (self->dirty)
    co_draft_editor_save (self, NULL);
  draft = co_drafts_get (self->drafts, id, error);
  if (draft == NULL)
    return FALSE;
  g_set_object (&self->draft, draft);
  self->dirty = FALSE;
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    if (self->tabs[p] != NULL)
      remove_tab (self, p);
  show_draft (self);
  return TRUE;
}

/** co_draft_editor_get_draft_id: @self: the editor  Returns: the draft shown, or 0 */
gint64
co_draft_editor_get_draft_id (CoDraftEditor *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), 0);
  return self->draft != NULL ? co_draft_get_id (self->draft) : 0;
}

/**
 * co_draft_editor_save:
 * @self: the editor
 * @error: (nullable): return location for a #GError, or %NULL when the
 *   toast and the status line are enough
 *
 * Keeps the title, the text and each platform's own text.  What the library
 * refuses is said in a toast and the status line.
 *
 * Returns: %TRUE if everything typed is kept
 */
gboolean
co_draft_editor_save (CoDraftEditor  *self,
                      GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), FALSE);

  if (!self->dirty || self->draft == NULL)
    return TRUE;
  if (!keep_typing (self, &local_error))
    {
      refuse (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  reload (self);
  return TRUE;
}

/** co_draft_editor_get_dirty: @self: the editor  Returns: whether typing waits to be kept */
gboolean
co_draft_editor_get_dirty (CoDraftEditor *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), FALSE);
  return self->dirty;
}

/**
 * co_draft_editor_set_platform:
 * @self: the editor
 * @platform: a platform
 * @target: whether the draft is for it
 *
 * Adds or removes a platform, after keeping what was typed; a toast says
 * why when the library refuses.
 *
 * Returns: %TRUE if the draft now targets @platform exactly when @target
 */
gboolean
co_draft_editor_set_platform (CoDraftEditor *self,
                              CoPlatform     platform,
                              gboolean       target)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), FALSE);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, FALSE);

  if (self->draft == NULL || !co_draft_editor_save (self, NULL))
    return FALSE;
  if (co_draft_has_platform (self->draft, platform) == target)
    return TRUE;
  id = co_draft_get_id (self->draft);
  ok = target ? co_drafts_set_variant (self->drafts, id, platform, NULL, NULL, &error)
              : co_drafts_remove_variant (self->drafts, id, platform, &error);
  if (!ok)
    refuse (self, error);
  return ok;
}

/**
 * co_draft_editor_repurpose:
 * @self: the editor
 * @platform: the platform of the new draft
 *
 * Copies the shown draft into a new Saved draft for @platform, with its
 * text adapted, and shows the copy.
 */
void
co_draft_editor_repurpose (CoDraftEditor *self,
                           CoPlatform     platform)
{
  g_return_if_fail (CO_IS_DRAFT_EDITOR (self));

  if (self->draft == NULL || !co_draft_editor_save (self, NULL))
    return;
  co_drafts_repurpose_async (self->drafts, co_draft_get_id (self->draft), platform,
                             self->cancellable, repurpose_done_cb, g_object_ref (self));
}

/**
 * co_draft_editor_get_tab:
 * @self: the editor
 * @platform: a platform
 *
 * Returns: (transfer none) (nullable): the platform's tab, if the draft targets it
 */
CoPlatformTab *
co_draft_editor_get_tab (CoDraftEditor *self,
                         CoPlatform     platform)
{
  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return self->tabs[platform];
}

/** co_draft_editor_get_title: @self: the editor  Returns: (transfer none): the title entry */
GtkEditable *
co_draft_editor_get_title (CoDraftEditor *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), NULL);
  return GTK_EDITABLE (self->title_entry);
}

/** co_draft_editor_get_body: @self: the editor  Returns: (transfer none): the text's buffer */
GtkTextBuffer *
co_draft_editor_get_body (CoDraftEditor *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), NULL);
  return gtk_text_view_get_buffer (self->body_view);
}

/** co_draft_editor_get_links: @self: the editor  Returns: (transfer none): the linked items */
CoDraftLinks *
co_draft_editor_get_links (CoDraftEditor *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_EDITOR (self), NULL);
  return self->links;
}
