/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-retime-popover.h"

/* The Re-time button of the subtitles panel: shift every cue, move two
 * times to where they belong, or conform to another frame rate.  It only
 * reads what was typed (core/subtitles parses it, as for the command
 * line); its Re-time button runs the panel's subtitles.retime action. */

struct _CoRetimePopover
{
  GtkPopover    parent_instance;

  /* Template children. */
  GtkStack     *stack;
  AdwEntryRow  *shift_row;
  AdwEntryRow  *from_a_row;
  AdwEntryRow  *to_a_row;
  AdwEntryRow  *from_b_row;
  AdwEntryRow  *to_b_row;
  AdwComboRow  *from_rate_row;
  AdwComboRow  *to_rate_row;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (CoRetimePopover, co_retime_popover, GTK_TYPE_POPOVER)

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* The rate a combo row shows, as it is written ("23.976"). */
static const char *
rate_of (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : "";
}

static void
changed_cb (CoRetimePopover *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
co_retime_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_RETIME_POPOVER);

  G_OBJECT_CLASS (co_retime_popover_parent_class)->dispose (object);
}

static void
co_retime_popover_class_init (CoRetimePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_retime_popover_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-retime-popover.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoRetimePopover, name)
  BIND (stack);
  BIND (shift_row);
  BIND (from_a_row);
  BIND (to_a_row);
  BIND (from_b_row);
  BIND (to_b_row);
  BIND (from_rate_row);
  BIND (to_rate_row);
  BIND (error_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
co_retime_popover_init (CoRetimePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_retime_popover_read:
 * @self: the popover
 * @retime: (out caller-allocates): the re-timing of the page shown
 * @error: return location for a #GError naming the time or rate at fault
 *
 * Returns: %TRUE when what was typed is a re-timing
 */
gboolean
co_retime_popover_read (CoRetimePopover   *self,
                        CoSubtitleRetime  *retime,
                        GError           **error)
{
  const char *page;

  g_return_val_if_fail (CO_IS_RETIME_POPOVER (self), FALSE);
  g_return_val_if_fail (retime != NULL, FALSE);

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "map") == 0)
    return co_subtitle_retime_parse_map (retime, text_of (self->from_a_row),
                                         text_of (self->to_a_row), text_of (self->from_b_row),
                                         text_of (self->to_b_row), error);
  if (g_strcmp0 (page, "conform") == 0)
    return co_subtitle_retime_parse_conform (retime, rate_of (self->from_rate_row),
                                             rate_of (self->to_rate_row), error);
  return co_subtitle_retime_parse_shift (retime, text_of (self->shift_row), error);
}

/**
 * co_retime_popover_show_error:
 * @self: the popover
 * @error: (nullable): what went wrong, shown under the fields; %NULL hides it
 */
void
co_retime_popover_show_error (CoRetimePopover *self,
                              const GError    *error)
{
  g_return_if_fail (CO_IS_RETIME_POPOVER (self));

  gtk_label_set_label (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}
