/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-loudness-group.h"

/* The Media page's loudness figures: EBU R128 integrated loudness, range
 * and true peak, clipped samples, and how much of the clip is silence. */

struct _CoLoudnessGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template children. */
  GtkLabel            *integrated_label;
  GtkLabel            *range_label;
  GtkLabel            *peak_label;
  GtkLabel            *clip_label;
  GtkLabel            *silences_label;
};

G_DEFINE_FINAL_TYPE (CoLoudnessGroup, co_loudness_group, ADW_TYPE_PREFERENCES_GROUP)

static char *
format_level (double      value,
              const char *unit)
{
  if (!isfinite (value))
    return g_strdup (value < 0 ? "−∞" : "—");
  return g_strdup_printf ("%.1f %s", value, unit);
}

static char *
describe_silences (const CoAnalysis *analysis)
{
  gsize n = 0;
  const CoInterval *silences = co_analysis_get_silences (analysis, &n);
  double total = 0;

  for (gsize i = 0; i < n; i++)
    total += silences[i].end - silences[i].start;
  return g_strdup_printf (ngettext ("%u silence · %.1f s", "%u silences · %.1f s", n),
                          (guint)n, total);
}

static void
co_loudness_group_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_LOUDNESS_GROUP);

  G_OBJECT_CLASS (co_loudness_group_parent_class)->dispose (object);
}

static void
co_loudness_group_class_init (CoLoudnessGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_loudness_group_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-loudness-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CoLoudnessGroup, integrated_label);
  gtk_widget_class_bind_template_child (widget_class, CoLoudnessGroup, range_label);
  gtk_widget_class_bind_template_child (widget_class, CoLoudnessGroup, peak_label);
  gtk_widget_class_bind_template_child (widget_class, CoLoudnessGroup, clip_label);
  gtk_widget_class_bind_template_child (widget_class, CoLoudnessGroup, silences_label);
}

static void
co_loudness_group_init (CoLoudnessGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_loudness_group_set_analysis:
 * @self: the group
 * @analysis: the analysis whose figures to show
 */
void
co_loudness_group_set_analysis (CoLoudnessGroup  *self,
                                const CoAnalysis *analysis)
{
  g_autofree char *integrated = NULL;
  g_autofree char *range = NULL;
  g_autofree char *peak = NULL;
  g_autofree char *clip = NULL;
  g_autofree char *silences = NULL;
  guint64 clips;

  g_return_if_fail (CO_IS_LOUDNESS_GROUP (self));
  g_return_if_fail (analysis != NULL);

  integrated = format_level (co_analysis_get_integrated_lufs (analysis), "LUFS");
  range = format_level (co_analysis_get_range_lu (analysis), "LU");
  peak = format_level (co_analysis_get_true_peak_dbtp (analysis), "dBTP");
  clips = co_analysis_get_clip_count (analysis);
  clip = clips > 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT, clips)
                   : g_strdup (C_("clipped samples", "None"));
  silences = describe_silences (analysis);
  gtk_label_set_label (self->integrated_label, integrated);
  gtk_label_set_label (self->range_label, range);
  gtk_label_set_label (self->peak_label, peak);
  gtk_label_set_label (self->clip_label, clip);
  gtk_label_set_label (self->silences_label, silences);
}

/**
 * co_loudness_group_get_text:
 * @self: the group
 * @what: "integrated", "range", "peak", "clip" or "silences"
 *
 * Returns: (nullable): the figure shown, as the row shows it
 */
const char *
co_loudness_group_get_text (CoLoudnessGroup *self,
                            const char      *what)
{
  GtkLabel *labels[] = { self->integrated_label, self->range_label, self->peak_label,
                         self->clip_label, self->silences_label };
  static const char *const names[] = { "integrated", "range", "peak", "clip", "silences" };

  g_return_val_if_fail (CO_IS_LOUDNESS_GROUP (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (what, names[i]) == 0)
      return gtk_label_get_label (labels[i]);
  return NULL;
}
