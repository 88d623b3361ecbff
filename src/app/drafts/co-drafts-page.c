/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-draft-editor.h"
#include "co-drafts-page.h"
#include "co-ui-util.h"

/* The Drafts section: the board with its search and platform filter, an
 * empty state that says what drafts are for until there is one, and the
 * editor of one draft. */

struct _CoDraftsPage
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkStack       *stack;
  GtkSearchEntry *search_entry;
  GtkDropDown    *platform_dropdown;
  GtkStack       *board_stack;
  CoDraftBoard   *board;
  CoDraftEditor  *editor;

  /* Owned: the library, once set. */
  CoDrafts       *drafts;
  CoVault        *vault;

  CoDraftsView    view;
};

G_DEFINE_FINAL_TYPE (CoDraftsPage, co_drafts_page, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (CoDraftsView, co_drafts_view,
                    G_DEFINE_ENUM_VALUE (CO_DRAFTS_VIEW_EMPTY, "empty"),
                    G_DEFINE_ENUM_VALUE (CO_DRAFTS_VIEW_BOARD, "board"),
                    G_DEFINE_ENUM_VALUE (CO_DRAFTS_VIEW_EDITOR, "editor"))

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
set_view (CoDraftsPage *self,
          CoDraftsView  view)
{
  gtk_stack_set_visible_child_name (self->stack, view == CO_DRAFTS_VIEW_EDITOR ? "editor"
                                                                               : "board");
  if (view != CO_DRAFTS_VIEW_EDITOR)
    gtk_stack_set_visible_child_name (self->board_stack, view == CO_DRAFTS_VIEW_BOARD ? "board"
                                                                                     : "empty");
  if (self->view == view)
    return;
  self->view = view;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* The empty state shows until the library has a draft, whatever the filter. */
static CoDraftsView
board_view (CoDraftsPage *self)
{
  CoDraftQuery all = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n = self->drafts != NULL ? co_drafts_count (self->drafts, &all, &error) : 0;

  if (error != NULL)
    g_warning ("Cannot count the drafts: %s", error->message);
  return n > 0 ? CO_DRAFTS_VIEW_BOARD : CO_DRAFTS_VIEW_EMPTY;
}

static void
update_empty (CoDraftsPage *self)
{
  if (self->view != CO_DRAFTS_VIEW_EDITOR)
    set_view (self, board_view (self));
}

static void
drafts_changed_cb (CoDrafts     *drafts,
                   gint64        id,
                   CoDraftsPage *self)
{
  update_empty (self);
}

static void
filter_changed_cb (CoDraftsPage *self)
{
  CoPlatform platform;
  gboolean one = co_ui_platform_filter_get (self->platform_dropdown, &platform);

  co_draft_board_set_filter (self->board, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                             one ? &platform : NULL);
}

/* Actions. */

static void
new_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  co_drafts_page_new_draft (CO_DRAFTS_PAGE (widget));
}

static void
open_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  co_drafts_page_open (CO_DRAFTS_PAGE (widget), g_variant_get_int64 (param));
}

static void
show_board_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  co_drafts_page_show_board (CO_DRAFTS_PAGE (widget));
}

/* GObject. */

static void
co_drafts_page_dispose (GObject *object)
{
  CoDraftsPage *self = (CoDraftsPage *)object;

  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_data (self->drafts, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_DRAFTS_PAGE);
  g_clear_object (&self->drafts);
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (co_drafts_page_parent_class)->dispose (object);
}

static void
co_drafts_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_enum (value, CO_DRAFTS_PAGE (object)->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_drafts_page_class_init (CoDraftsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_drafts_page_dispose;
  object_class->get_property = co_drafts_page_get_property;

  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, CO_TYPE_DRAFTS_VIEW, CO_DRAFTS_VIEW_EMPTY,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CO_TYPE_DRAFT_BOARD);
  g_type_ensure (CO_TYPE_DRAFT_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-drafts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoDraftsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CoDraftsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CoDraftsPage, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoDraftsPage, board_stack);
  gtk_widget_class_bind_template_child (widget_class, CoDraftsPage, board);
  gtk_widget_class_bind_template_child (widget_class, CoDraftsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "drafts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "drafts.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "drafts.show-board", NULL, show_board_action);
  /* Every key here is listed in ui/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "drafts.new", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-drafts-page");
}

static void
co_drafts_page_init (CoDraftsPage *self)
{
  g_autoptr(GListModel) platforms = co_ui_platform_filter_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->platform_dropdown, platforms);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drafts.new", FALSE);
}

/**
 * co_drafts_page_set_library:
 * @self: the page
 * @drafts: the library's drafts
 * @vault: its vault, for the items a draft links
 * @settings: (nullable): the app's settings
 */
void
co_drafts_page_set_library (CoDraftsPage *self,
                            CoDrafts     *drafts,
                            CoVault      *vault,
                            GSettings    *settings)
{
  g_return_if_fail (CO_IS_DRAFTS_PAGE (self));
  g_return_if_fail (CO_IS_DRAFTS (drafts));
  g_return_if_fail (CO_IS_VAULT (vault));
  g_return_if_fail (self->drafts == NULL);

  self->drafts = g_object_ref (drafts);
  self->vault = g_object_ref (vault);
  g_signal_connect (drafts, "changed", G_CALLBACK (drafts_changed_cb), self);
  co_draft_board_set_drafts (self->board, drafts);
  co_draft_editor_set_library (self->editor, drafts, vault, settings);
  filter_changed_cb (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drafts.new", TRUE);
  update_empty (self);
}

/** co_drafts_page_get_drafts: @self: the page  Returns: (transfer none) (nullable): the drafts */
CoDrafts *
co_drafts_page_get_drafts (CoDraftsPage *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), NULL);
  return self->drafts;
}

/** co_drafts_page_get_board: @self: the page  Returns: (transfer none): the board */
CoDraftBoard *
co_drafts_page_get_board (CoDraftsPage *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), NULL);
  return self->board;
}

/** co_drafts_page_get_search: @self: the page  Returns: (transfer none): the search entry */
GtkSearchEntry *
co_drafts_page_get_search (CoDraftsPage *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), NULL);
  return self->search_entry;
}

/**
 * co_drafts_page_get_platforms:
 * @self: the page
 *
 * Returns: (transfer none): the platform filter: 0 for all, then one
 *   position per #CoPlatform, in order
 */
GtkDropDown *
co_drafts_page_get_platforms (CoDraftsPage *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), NULL);
  return self->platform_dropdown;
}

/** co_drafts_page_get_view: @self: the page  Returns: what the page shows */
CoDraftsView
co_drafts_page_get_view (CoDraftsPage *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), CO_DRAFTS_VIEW_EMPTY);
  return self->view;
}

/**
 * co_drafts_page_new_draft:
 * @self: the page
 *
 * Starts a new, empty Saved draft and opens it in the editor.
 *
 * Returns: its id, or 0 when it could not be made (a toast says why)
 */
gint64
co_drafts_page_new_draft (CoDraftsPage *self)
{
  CoDraftNew spec = { .stage = CO_DRAFT_STAGE_SAVED };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), 0);

  if (self->drafts == NULL)
    return 0;
  id = co_drafts_create (self->drafts, &spec, &error);
  if (id == 0)
    {
      co_ui_toast (GTK_WIDGET (self), error->message);
      return 0;
    }
  if (co_drafts_page_open (self, id))
    gtk_widget_grab_focus (GTK_WIDGET (co_draft_editor_get_title (self->editor)));
  return id;
}

/**
 * co_drafts_page_open:
 * @self: the page
 * @id: a draft
 *
 * Shows the draft in the editor; a toast says why when it cannot be.
 *
 * Returns: %TRUE if the editor shows it
 */
gboolean
co_drafts_page_open (CoDraftsPage *self,
                     gint64        id)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), FALSE);

  if (self->drafts == NULL)
    return FALSE;
  if (!co_draft_editor_load (self->editor, id, &error))
    {
      co_ui_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }
  set_view (self, CO_DRAFTS_VIEW_EDITOR);
  return TRUE;
}

/**
 * co_drafts_page_show_board:
 * @self: the page
 *
 * Keeps what was typed in the editor and shows the board again, with the
 * focus on the card of the draft that was open.
 */
void
co_drafts_page_show_board (CoDraftsPage *self)
{
  gint64 id;

  g_return_if_fail (CO_IS_DRAFTS_PAGE (self));

  id = co_draft_editor_get_draft_id (self->editor);
  co_draft_editor_save (self->editor, NULL);
  set_view (self, board_view (self));
  if (id != 0)
    co_drafts_page_focus_draft (self, id);
}

/** co_drafts_page_get_editor: @self: the page  Returns: (transfer none): the draft editor */
CoDraftEditor *
co_drafts_page_get_editor (CoDraftsPage *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), NULL);
  return self->editor;
}

/**
 * co_drafts_page_focus_draft:
 * @self: the page
 * @id: a draft
 *
 * Gives the keyboard focus to the draft's card on the board.
 *
 * Returns: %TRUE if the board shows the card and it has the focus
 */
gboolean
co_drafts_page_focus_draft (CoDraftsPage *self,
                            gint64        id)
{
  g_return_val_if_fail (CO_IS_DRAFTS_PAGE (self), FALSE);

  for (CoDraftStage stage = 0; stage < CO_N_DRAFT_STAGES; stage++)
    if (co_draft_column_focus_draft (co_draft_board_get_column (self->board, stage), id))
      return TRUE;
  return FALSE;
}
