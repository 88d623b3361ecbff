/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-draft-card.h"
#include "co-ui-util.h"

/* One draft on the board: its title, the start of its text, the platforms
 * it is for and when it next goes out.  The card is a drag source of its
 * draft, and its menu moves it with the board's "board.move-to" action, so
 * the mouse, the menu and the keyboard take the same path. */

#define EXCERPT_CHARS 160

struct _CoDraftCard
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkMenuButton  *move_button;
  GtkLabel       *excerpt_label;
  GtkBox         *platform_box;
  GtkLabel       *when_label;

  /* Owned: the draft shown, an immutable snapshot. */
  CoDraft        *draft;
};

G_DEFINE_FINAL_TYPE (CoDraftCard, co_draft_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DRAFT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *
display_title (CoDraft *draft)
{
  const char *title = co_draft_get_title (draft);

  return title != NULL && title[0] != '\0' ? title : _("Untitled draft");
}

static char *
make_excerpt (const char *body)
{
  g_autofree char *start = NULL;

  if (body == NULL)
    return g_strdup ("");
  start = g_utf8_substring (body, 0, MIN (EXCERPT_CHARS, g_utf8_strlen (body, -1)));
  return g_strdelimit (g_steal_pointer (&start), "\n\t", ' ');
}

/* The earliest time any platform of @draft is scheduled for, or 0. */
static gint64
next_post (CoDraft *draft)
{
  GListModel *variants = co_draft_get_variants (draft);
  gint64 next = 0;

  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);
      gint64 at = co_draft_variant_get_scheduled_at (variant);

      if (at > 0 && (next == 0 || at < next))
        next = at;
    }
  return next;
}

static void
show_platforms (CoDraftCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->platform_box))) != NULL)
    gtk_box_remove (self->platform_box, child);
  for (CoPlatform p = 0; p < CO_N_PLATFORMS; p++)
    {
      g_autofree char *css = NULL;
      GtkWidget *chip;

      if (!co_draft_has_platform (self->draft, p))
        continue;
      chip = gtk_label_new (co_platform_display_name (p));
      css = g_strdup_printf ("co-platform-%s", co_platform_to_string (p));
      gtk_widget_add_css_class (chip, "co-platform-chip");
      gtk_widget_add_css_class (chip, css);
      gtk_box_append (self->platform_box, chip);
    }
}

static void
show_when (CoDraftCard *self)
{
  gint64 next = next_post (self->draft);
  g_autofree char *date = co_ui_format_date (next > 0 ? next
                                                      : co_draft_get_updated_at (self->draft));
  g_autofree char *text = NULL;

  /* Translators: %s is a date and time on a draft's card. */
  text = g_strdup_printf (next > 0 ? _("Next post %s") : _("Changed %s"), date ? date : "");
  gtk_label_set_label (self->when_label, text);
}

/* The card's menu offers every other stage; the board says why a move it
 * does not allow is refused. */
static GMenuModel *
make_move_menu (CoDraft *draft)
{
  GMenu *menu = g_menu_new ();

  for (CoDraftStage stage = 0; stage < CO_N_DRAFT_STAGES; stage++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (stage == co_draft_get_stage (draft))
        continue;
      /* Translators: an item of a draft card's menu; %s is a stage such as "Scheduled". */
      label = g_strdup_printf (_("Move to %s"), co_draft_stage_display_name (stage));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "board.move-to",
                                               g_variant_new ("(xs)", co_draft_get_id (draft),
                                                              co_draft_stage_to_string (stage)));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
update_accessible (CoDraftCard *self)
{
  g_autofree char *label = NULL;
  g_autofree char *move = NULL;

  /* Translators: how a screen reader names a card: the draft's title, then its stage. */
  label = g_strdup_printf (_("%s, %s"), display_title (self->draft),
                           co_draft_stage_display_name (co_draft_get_stage (self->draft)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_label (self->excerpt_label), -1);
  /* Translators: the accessible name of a card's menu button; %s is the draft's title. */
  move = g_strdup_printf (_("Move “%s” to another stage"), display_title (self->draft));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->move_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, move, -1);
}

static void
show_draft (CoDraftCard *self)
{
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *excerpt = NULL;

  gtk_widget_set_visible (self->box, self->draft != NULL);
  if (self->draft == NULL)
    return;
  gtk_label_set_label (self->title_label, display_title (self->draft));
  excerpt = make_excerpt (co_draft_get_body (self->draft));
  gtk_label_set_label (self->excerpt_label, excerpt);
  gtk_widget_set_visible (GTK_WIDGET (self->excerpt_label), excerpt[0] != '\0');
  show_platforms (self);
  show_when (self);
  menu = make_move_menu (self->draft);
  gtk_menu_button_set_menu_model (self->move_button, menu);
  update_accessible (self);
}

/* Drag and drop: the card carries its draft. */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 CoDraftCard   *self)
{
  if (self->draft == NULL || co_draft_get_read_only (self->draft))
    return NULL;
  return gdk_content_provider_new_typed (CO_TYPE_DRAFT, self->draft);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               CoDraftCard   *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 16, 16);
}

/* GObject. */

static void
co_draft_card_dispose (GObject *object)
{
  CoDraftCard *self = (CoDraftCard *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_DRAFT_CARD);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (co_draft_card_parent_class)->dispose (object);
}

static void
co_draft_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CoDraftCard *self = CO_DRAFT_CARD (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CoDraftCard *self = CO_DRAFT_CARD (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      co_draft_card_set_draft (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_card_class_init (CoDraftCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_draft_card_dispose;
  object_class->get_property = co_draft_card_get_property;
  object_class->set_property = co_draft_card_set_property;

  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, CO_TYPE_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-draft-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CoDraftCard, box);
  gtk_widget_class_bind_template_child (widget_class, CoDraftCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CoDraftCard, move_button);
  gtk_widget_class_bind_template_child (widget_class, CoDraftCard, excerpt_label);
  gtk_widget_class_bind_template_child (widget_class, CoDraftCard, platform_box);
  gtk_widget_class_bind_template_child (widget_class, CoDraftCard, when_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-draft-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
co_draft_card_init (CoDraftCard *self)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
  show_draft (self);
}

/** co_draft_card_new: Returns: (transfer floating): an empty card */
GtkWidget *
co_draft_card_new (void)
{
  return g_object_new (CO_TYPE_DRAFT_CARD, NULL);
}

/** co_draft_card_get_draft: @self: a card  Returns: (transfer none) (nullable): its draft */
CoDraft *
co_draft_card_get_draft (CoDraftCard *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_CARD (self), NULL);
  return self->draft;
}

/**
 * co_draft_card_set_draft:
 * @self: a card
 * @draft: (nullable): the draft to show
 */
void
co_draft_card_set_draft (CoDraftCard *self,
                         CoDraft     *draft)
{
  g_return_if_fail (CO_IS_DRAFT_CARD (self));
  g_return_if_fail (draft == NULL || CO_IS_DRAFT (draft));

  if (!g_set_object (&self->draft, draft))
    return;
  show_draft (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}
