/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-ideas-window.h"

/*
 * The Ideas view: pick a platform, press Generate, and the suggestions
 * stream in as text; then each is a row with its hook, a badge when it
 * nearly repeats a stored idea (the reason in its tooltip and accessible
 * description), and a button that makes it a Saved draft.  The line above
 * says which generator answered and, when it was the offline one, why.
 * The work is the controller's (co-ideas-controller.c).
 */

#define IDEA_COUNT 5

/* The drop-down's entries, in its order; NULL is "any platform". */
static const char *const platform_names[] = { NULL, "x", "linkedin", "instagram", "youtube" };

struct _CoIdeasWindow
{
  AdwWindow          parent_instance;

  /* Template children. */
  AdwToastOverlay   *toast_overlay;
  GtkDropDown       *platform_drop_down;
  GtkButton         *generate_button;
  GtkLabel          *status_label;
  GtkLabel          *stream_label;
  GtkListBox        *suggestions_list;

  /* Owned. */
  CoIdeasController *controller;
  GPtrArray         *rows;
  GPtrArray         *badges;
  GPtrArray         *buttons;
  gint64             last_draft;
};

G_DEFINE_FINAL_TYPE (CoIdeasWindow, co_ideas_window, ADW_TYPE_WINDOW)

static void
clear_rows (CoIdeasWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->suggestions_list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->badges, 0);
  g_ptr_array_set_size (self->buttons, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), FALSE);
}

static void
make_draft_cb (GtkButton     *button,
               CoIdeasWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  id = co_ideas_controller_refine (self->controller, index, &error);
  if (id == 0)
    message = g_strdup (error->message);
  else
    {
      self->last_draft = id;
      message = g_strdup_printf (_("Saved as draft %lld"), (long long)id);
      gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static GtkWidget *
make_badge (const CoIdeaSuggestion *suggestion)
{
  GtkWidget *badge = gtk_label_new (_("Near Duplicate"));

  gtk_widget_add_css_class (badge, "warning");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, suggestion->duplicate_reason);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  suggestion->duplicate_reason, -1);
  return badge;
}

static void
add_row (CoIdeasWindow          *self,
         const CoIdeaSuggestion *suggestion,
         guint                   index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Make a _Draft"));
  g_autofree char *hashtags = g_strjoinv (" ", suggestion->hashtags);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", suggestion->hook, hashtags);
  g_autofree char *label = g_strdup_printf (_("Make a draft of “%s”"), suggestion->title);
  GtkWidget *badge = suggestion->duplicate_reason != NULL ? make_badge (suggestion) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), suggestion->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (make_draft_cb), self);
  if (badge != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (self->suggestions_list, row);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->badges, badge);
  g_ptr_array_add (self->buttons, button);
}

static void
show_result (CoIdeasWindow *self)
{
  const CoIdeaResult *result = co_ideas_controller_get_result (self->controller);
  g_autofree char *status = NULL;

  if (result->fallback_reason != NULL)
    status = g_strdup_printf (_("Made by the %s generator: %s."), result->generator,
                              result->fallback_reason);
  else
    status = g_strdup_printf (_("Made by the %s generator."), result->generator);
  gtk_label_set_text (self->status_label, status);
  for (guint i = 0; i < result->suggestions->len; i++)
    add_row (self, g_ptr_array_index (result->suggestions, i), i);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), result->suggestions->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->stream_label), FALSE);
}

static void
state_changed_cb (CoIdeasController *controller,
                  GParamSpec        *pspec,
                  CoIdeasWindow     *self)
{
  CoIdeasState state = co_ideas_controller_get_state (controller);

  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), state != CO_IDEAS_STATE_RUNNING);
  if (state == CO_IDEAS_STATE_RUNNING)
    {
      clear_rows (self);
      gtk_label_set_text (self->status_label, _("Making ideas…"));
      gtk_widget_set_visible (GTK_WIDGET (self->stream_label), TRUE);
    }
  else if (state == CO_IDEAS_STATE_DONE)
    show_result (self);
  else if (state == CO_IDEAS_STATE_FAILED)
    {
      gtk_label_set_text (self->status_label, co_ideas_controller_get_error (controller));
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (co_ideas_controller_get_error (controller)));
    }
}

static void
text_changed_cb (CoIdeasController *controller,
                 GParamSpec        *pspec,
                 CoIdeasWindow     *self)
{
  gtk_label_set_text (self->stream_label, co_ideas_controller_get_text (controller));
}

static void
generate_cb (GtkButton     *button,
             CoIdeasWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->platform_drop_down);

  co_ideas_controller_generate (self->controller,
                                selected < G_N_ELEMENTS (platform_names)
                                ? platform_names[selected] : NULL, IDEA_COUNT);
}

static void
co_ideas_window_dispose (GObject *object)
{
  CoIdeasWindow *self = (CoIdeasWindow *)object;

  if (self->controller != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->controller, self);
      co_ideas_controller_cancel (self->controller);
    }
  g_clear_object (&self->controller);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->badges, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_IDEAS_WINDOW);

  G_OBJECT_CLASS (co_ideas_window_parent_class)->dispose (object);
}

static void
co_ideas_window_class_init (CoIdeasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_ideas_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/"
                                               "co-ideas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CoIdeasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CoIdeasWindow, platform_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CoIdeasWindow, generate_button);
  gtk_widget_class_bind_template_child (widget_class, CoIdeasWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CoIdeasWindow, stream_label);
  gtk_widget_class_bind_template_child (widget_class, CoIdeasWindow, suggestions_list);
  gtk_widget_class_bind_template_callback (widget_class, generate_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
co_ideas_window_init (CoIdeasWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->badges = g_ptr_array_new ();
  self->buttons = g_ptr_array_new ();
}

/**
 * co_ideas_window_new:
 * @store: the library
 * @hashtag_limit: Instagram's hashtag limit setting, or 0 for its default
 *
 * Returns: (transfer floating): the Ideas view, with nothing asked yet
 */
GtkWidget *
co_ideas_window_new (CoStore *store,
                     int      hashtag_limit)
{
  CoIdeasWindow *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_IDEAS_WINDOW, NULL);
  self->controller = co_ideas_controller_new (store, hashtag_limit);
  g_signal_connect (self->controller, "notify::state", G_CALLBACK (state_changed_cb), self);
  g_signal_connect (self->controller, "notify::text", G_CALLBACK (text_changed_cb), self);
  return GTK_WIDGET (self);
}

/** co_ideas_window_get_controller: @self: the view  Returns: (transfer none): its controller */
CoIdeasController *
co_ideas_window_get_controller (CoIdeasWindow *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), NULL);
  return self->controller;
}

/** co_ideas_window_get_n_rows: @self: the view  Returns: suggestions shown */
guint
co_ideas_window_get_n_rows (CoIdeasWindow *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), 0);
  return self->rows->len;
}

static GtkWidget *
nth (GPtrArray *widgets,
     guint      index)
{
  return index < widgets->len ? g_ptr_array_index (widgets, index) : NULL;
}

/** co_ideas_window_get_row: @self: the view @index: a row  Returns: (transfer none) (nullable): it */
GtkWidget *
co_ideas_window_get_row (CoIdeasWindow *self,
                         guint          index)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), NULL);
  return nth (self->rows, index);
}

/**
 * co_ideas_window_get_badge:
 * @self: the view
 * @index: a row
 *
 * Returns: (transfer none) (nullable): the row's near-duplicate badge, if it has one
 */
GtkWidget *
co_ideas_window_get_badge (CoIdeasWindow *self,
                           guint          index)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), NULL);
  return nth (self->badges, index);
}

/**
 * co_ideas_window_get_draft_button:
 * @self: the view
 * @index: a row
 *
 * Returns: (transfer none) (nullable): the row's Make a Draft button
 */
GtkWidget *
co_ideas_window_get_draft_button (CoIdeasWindow *self,
                                  guint          index)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), NULL);
  return nth (self->buttons, index);
}

/** co_ideas_window_get_status: @self: the view  Returns: who answered, and why */
const char *
co_ideas_window_get_status (CoIdeasWindow *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/** co_ideas_window_get_streamed: @self: the view  Returns: the text streamed so far */
const char *
co_ideas_window_get_streamed (CoIdeasWindow *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), NULL);
  return gtk_label_get_text (self->stream_label);
}

/** co_ideas_window_get_last_draft: @self: the view  Returns: the last draft made, or 0 */
gint64
co_ideas_window_get_last_draft (CoIdeasWindow *self)
{
  g_return_val_if_fail (CO_IS_IDEAS_WINDOW (self), 0);
  return self->last_draft;
}
