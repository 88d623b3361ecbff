/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-draft-card.h"
#include "co-draft-column.h"

/* One column of the board: the drafts of one stage, as cards over a
 * CoDraftModel that reads them from the library a page at a time.  A card
 * dropped here asks the board to move its draft ("board.move-to"); a card
 * activated asks the page to open it ("drafts.open"). */

struct _CoDraftColumn
{
  GtkWidget     parent_instance;

  /* Template children. */
  GtkWidget    *box;
  GtkLabel     *title_label;
  GtkLabel     *count_label;
  GtkStack     *content_stack;
  GtkListView  *list_view;
  GtkLabel     *empty_label;

  CoDraftStage  stage;
  /* Owned: the drafts of this stage, once the library is set. */
  CoDraftModel *model;
};

G_DEFINE_FINAL_TYPE (CoDraftColumn, co_draft_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STAGE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* What an empty column says: how a draft gets here. */
static const char *
stage_hint (CoDraftStage stage)
{
  switch (stage)
    {
    case CO_DRAFT_STAGE_SAVED:
      return _("Nothing saved. New drafts start here.");
    case CO_DRAFT_STAGE_DRAFT:
      return _("Move a saved draft here once it has a title and text.");
    case CO_DRAFT_STAGE_SCHEDULED:
      return _("Move a draft here once every platform has a time in the calendar.");
    case CO_DRAFT_STAGE_PUBLISHED:
    default:
      return _("Posts that went out show here.");
    }
}

static gboolean
is_filtered (CoDraftColumn *self)
{
  return co_draft_model_get_search (self->model) != NULL ||
         co_draft_model_get_platform (self->model, NULL);
}

static void
count_changed_cb (CoDraftColumn *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *count = g_strdup_printf ("%u", n);

  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->content_stack, n > 0 ? "list" : "empty");
  gtk_label_set_label (self->empty_label,
                       self->model != NULL && is_filtered (self)
                       ? _("No drafts here match the search and the platform.")
                       : stage_hint (self->stage));
}

/* Cards. */

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_list_item_set_child (item, co_draft_card_new ());
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  co_draft_card_set_draft (CO_DRAFT_CARD (gtk_list_item_get_child (item)),
                           gtk_list_item_get_item (item));
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  co_draft_card_set_draft (CO_DRAFT_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
activate_cb (GtkListView   *list,
             guint          position,
             CoDraftColumn *self)
{
  g_autoptr(CoDraft) draft = NULL;

  if (self->model == NULL)
    return;
  draft = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (draft != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "drafts.open", "x", co_draft_get_id (draft));
}

/* Every drop is taken, so that a move the rules refuse is answered with
 * the reason instead of the card silently sliding back. */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CoDraftColumn *self)
{
  CoDraft *draft = g_value_get_object (value);

  if (draft == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "board.move-to", "(xs)", co_draft_get_id (draft),
                              co_draft_stage_to_string (self->stage));
  return TRUE;
}

/* GObject. */

static void
co_draft_column_dispose (GObject *object)
{
  CoDraftColumn *self = (CoDraftColumn *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_DRAFT_COLUMN);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (co_draft_column_parent_class)->dispose (object);
}

static void
co_draft_column_constructed (GObject *object)
{
  CoDraftColumn *self = (CoDraftColumn *)object;
  g_autofree char *label = NULL;

  G_OBJECT_CLASS (co_draft_column_parent_class)->constructed (object);

  gtk_label_set_label (self->title_label, co_draft_stage_display_name (self->stage));
  /* Translators: the accessible name of a board column; %s is a stage such as "Draft". */
  label = g_strdup_printf (_("Drafts in %s"), co_draft_stage_display_name (self->stage));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  count_changed_cb (self);
}

static void
co_draft_column_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_enum (value, CO_DRAFT_COLUMN (object)->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_column_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STAGE:
      CO_DRAFT_COLUMN (object)->stage = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_column_class_init (CoDraftColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_draft_column_dispose;
  object_class->constructed = co_draft_column_constructed;
  object_class->get_property = co_draft_column_get_property;
  object_class->set_property = co_draft_column_set_property;

  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, CO_TYPE_DRAFT_STAGE, CO_DRAFT_STAGE_SAVED,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-draft-column.ui");
  gtk_widget_class_bind_template_child (widget_class, CoDraftColumn, box);
  gtk_widget_class_bind_template_child (widget_class, CoDraftColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoDraftColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, CoDraftColumn, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CoDraftColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, CoDraftColumn, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-draft-column");
}

static void
co_draft_column_init (CoDraftColumn *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target = gtk_drop_target_new (CO_TYPE_DRAFT, GDK_ACTION_MOVE);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/** co_draft_column_get_stage: @self: a column  Returns: the stage it shows */
CoDraftStage
co_draft_column_get_stage (CoDraftColumn *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_COLUMN (self), CO_DRAFT_STAGE_SAVED);
  return self->stage;
}

/**
 * co_draft_column_set_drafts:
 * @self: a column
 * @drafts: the library's drafts
 *
 * Shows the drafts of the column's stage, most recently changed first.
 */
void
co_draft_column_set_drafts (CoDraftColumn *self,
                            CoDrafts      *drafts)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (CO_IS_DRAFT_COLUMN (self));
  g_return_if_fail (CO_IS_DRAFTS (drafts));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->model = co_draft_model_new_for_stage (drafts, self->stage);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (count_changed_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  count_changed_cb (self);
}

/** co_draft_column_get_model: @self: a column  Returns: (transfer none) (nullable): its drafts */
CoDraftModel *
co_draft_column_get_model (CoDraftColumn *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_COLUMN (self), NULL);
  return self->model;
}

/** co_draft_column_get_list_view: @self: a column  Returns: (transfer none): its list */
GtkListView *
co_draft_column_get_list_view (CoDraftColumn *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_COLUMN (self), NULL);
  return self->list_view;
}

/**
 * co_draft_column_set_filter:
 * @self: a column
 * @search: (nullable): words the title or text must contain
 * @platform: (nullable): the platform drafts must target, or %NULL for all
 */
void
co_draft_column_set_filter (CoDraftColumn    *self,
                            const char       *search,
                            const CoPlatform *platform)
{
  g_return_if_fail (CO_IS_DRAFT_COLUMN (self));

  if (self->model == NULL)
    return;
  co_draft_model_set_search (self->model, search);
  co_draft_model_set_platform (self->model, platform);
  count_changed_cb (self);
}

/**
 * co_draft_column_focus_draft:
 * @self: a column
 * @id: a draft
 *
 * Gives the keyboard focus to the card of draft @id, if the column shows it.
 *
 * Returns: %TRUE if the card has the focus
 */
gboolean
co_draft_column_focus_draft (CoDraftColumn *self,
                             gint64         id)
{
  g_return_val_if_fail (CO_IS_DRAFT_COLUMN (self), FALSE);

  /* The list's rows are its children, each with a card as its child. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);
      CoDraft *draft = CO_IS_DRAFT_CARD (card) ? co_draft_card_get_draft (CO_DRAFT_CARD (card))
                                               : NULL;

      if (draft != NULL && co_draft_get_id (draft) == id)
        return gtk_widget_grab_focus (row);
    }
  return FALSE;
}
