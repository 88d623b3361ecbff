/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "co-duration.h"
#include "co-waveform-private.h"
#include "co-waveform.h"

/* The waveform of an analysis: peaks from the zoom level that fits the
 * current zoom, the RMS envelope inside them, silences shaded, suggested
 * cuts tinted, markers and the playhead on top, a time ruler above.  It
 * only draws and reports: clicks and keys emit ::seek, and the owner moves
 * the playhead with co_waveform_set_position(). */

#define RULER_HEIGHT   20.0
#define BOTTOM_PADDING 4.0
#define CORNER_RADIUS  8.0
#define MARKER_DOT     7.0
#define ZOOM_STEP      1.5
#define SCROLL_PIXELS  40.0
#define STEP_SECONDS   1.0
#define FINE_SECONDS   0.1

struct _CoWaveform
{
  GtkWidget      parent_instance;

  CoAnalysis    *analysis;
  GArray        *markers;       /* double seconds, sorted */
  double         position;
  double         pps;
  gboolean       fit;
  GtkAdjustment *adjustment;
  double         pointer_x;
  double         drag_x;
};

G_DEFINE_FINAL_TYPE (CoWaveform, co_waveform, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ANALYSIS,
  PROP_POSITION,
  PROP_PIXELS_PER_SECOND,
  N_PROPS,
};

enum {
  SIGNAL_SEEK,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  GdkRGBA fg;
  GdkRGBA wave;
  GdkRGBA rms;
  GdkRGBA cut;
  GdkRGBA pause;
  GdkRGBA scene;
} Palette;

/* Geometry: plain functions, tested without a display. */

double
_co_waveform_time_to_x (double time,
                        double start,
                        double pps)
{
  return (time - start) * pps;
}

double
_co_waveform_x_to_time (double x,
                        double start,
                        double pps,
                        double duration)
{
  if (pps <= 0)
    return 0;
  return CLAMP (start + x / pps, 0, MAX (duration, 0));
}

/* The coarsest level that still has at least one bucket per pixel, so that
 * drawing reads few buckets yet never shows blocks wider than a pixel; when
 * zoomed in past the finest level, the finest. */
guint
_co_waveform_pick_level (const guint *bucket_ms,
                         guint        n_levels,
                         double       pps)
{
  double pixel_ms = pps > 0 ? 1000.0 / pps : G_MAXDOUBLE;
  guint level = 0;

  for (guint i = 0; i < n_levels; i++)
    if (bucket_ms[i] <= pixel_ms * (1 + 1e-9))
      level = i;
  return level;
}

double
_co_waveform_clamp_start (double start,
                          double pps,
                          double width,
                          double duration)
{
  double visible = pps > 0 ? width / pps : duration;

  return CLAMP (start, 0, MAX (0, duration - visible));
}

double
_co_waveform_clamp_pps (double pps,
                        double width,
                        double duration)
{
  double fit = duration > 0 && width > 0 ? width / duration : 1;

  return CLAMP (pps, fit, MAX (fit, CO_WAVEFORM_MAX_PPS));
}

/* Markers closer than half a millisecond to the position count as "here",
 * so that pressing the key again moves on instead of staying put. */
gboolean
_co_waveform_find_marker (const double *times,
                          gsize         n_times,
                          double        position,
                          int           direction,
                          double       *out_time)
{
  const double epsilon = 0.0005;

  if (direction > 0)
    {
      for (gsize i = 0; i < n_times; i++)
        if (times[i] > position + epsilon)
          {
            *out_time = times[i];
            return TRUE;
          }
    }
  else
    {
      for (gsize i = n_times; i > 0; i--)
        if (times[i - 1] < position - epsilon)
          {
            *out_time = times[i - 1];
            return TRUE;
          }
    }
  return FALSE;
}

double
_co_waveform_tick_interval (double pps,
                            double min_spacing)
{
  static const double steps[] = { 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60,
                                   120, 300, 600, 900, 1800, 3600 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * pps >= min_spacing)
      return steps[i];
  return steps[G_N_ELEMENTS (steps) - 1];
}

/* State helpers. */

static double
get_duration (CoWaveform *self)
{
  return self->analysis != NULL ? co_analysis_get_duration (self->analysis) : 0;
}

static double
get_start (CoWaveform *self)
{
  return gtk_adjustment_get_value (self->adjustment);
}

static double
fit_pps (CoWaveform *self)
{
  return _co_waveform_clamp_pps (0, gtk_widget_get_width (GTK_WIDGET (self)),
                                 get_duration (self));
}

/* Sets the zoom and the first visible second, and tells the scroll bar. */
static void
update_view (CoWaveform *self,
             double      pps,
             double      start)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double duration = get_duration (self);
  double page;

  pps = self->fit ? fit_pps (self) : _co_waveform_clamp_pps (pps, width, duration);
  self->fit = self->fit || pps <= fit_pps (self) * (1 + 1e-9);
  page = width > 0 && pps > 0 ? MIN (width / pps, duration) : duration;
  gtk_adjustment_configure (self->adjustment,
                            _co_waveform_clamp_start (start, pps, width, duration),
                            0, duration, page * 0.1, page * 0.9, page);
  if (self->pps != pps)
    {
      self->pps = pps;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIXELS_PER_SECOND]);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_at (CoWaveform *self,
         double      factor,
         double      anchor_x)
{
  double duration = get_duration (self);
  double anchor_time, pps;

  if (duration <= 0)
    return;
  anchor_time = _co_waveform_x_to_time (anchor_x, get_start (self), self->pps, duration);
  pps = _co_waveform_clamp_pps (self->pps * factor, gtk_widget_get_width (GTK_WIDGET (self)),
                                duration);
  self->fit = FALSE;
  update_view (self, pps, anchor_time - anchor_x / pps);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
collect_markers (CoWaveform *self)
{
  const CoEditPoint *points;
  const CoScene *scenes;
  gsize n_points = 0, n_scenes = 0;

  g_array_set_size (self->markers, 0);
  if (self->analysis == NULL)
    return;
  points = co_analysis_get_edit_points (self->analysis, &n_points);
  scenes = co_analysis_get_scenes (self->analysis, &n_scenes);
  for (gsize i = 0; i < n_points; i++)
    g_array_append_val (self->markers, points[i].time);
  for (gsize i = 0; i < n_scenes; i++)
    g_array_append_val (self->markers, scenes[i].time);
  g_array_sort (self->markers, compare_doubles);
}

static void
emit_seek (CoWaveform *self,
           double      time)
{
  double duration = get_duration (self);

  if (duration <= 0)
    return;
  g_signal_emit (self, signals[SIGNAL_SEEK], 0, CLAMP (time, 0, duration));
}

static void
update_accessible (CoWaveform *self)
{
  g_autofree char *now = co_duration_format (MAX (self->position, 0), CO_DURATION_FORMAT_SHORT);
  g_autofree char *total = co_duration_format (get_duration (self), CO_DURATION_FORMAT_SHORT);
  /* Translators: the playhead position in the waveform, e.g. "0:12 of 1:30". */
  g_autofree char *text = g_strdup_printf (_("%s of %s"), now, total);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, get_duration (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->position,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Drawing. */

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const GdkRGBA   *fallback,
              GdkRGBA         *out)
{
  if (!gtk_style_context_lookup_color (context, name, out))
    *out = *fallback;
}

static void
get_palette (CoWaveform *self,
             Palette    *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, &palette->fg);
  lookup_color (context, "accent_color", &palette->fg, &palette->rms);
  palette->wave = palette->rms;
  palette->wave.alpha *= 0.45;
  lookup_color (context, "error_color", &palette->fg, &palette->cut);
  lookup_color (context, "warning_color", &palette->fg, &palette->pause);
  lookup_color (context, "purple_3", &palette->fg, &palette->scene);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

static void
fill_rect (GtkSnapshot   *snapshot,
           const GdkRGBA *color,
           double         x,
           double         y,
           double         width,
           double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
fill_round (GtkSnapshot   *snapshot,
            const GdkRGBA *color,
            double         x,
            double         y,
            double         width,
            double         height,
            double         radius)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height), radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  fill_rect (snapshot, color, x, y, width, height);
  gtk_snapshot_pop (snapshot);
}

/* The loudest RMS window inside [t0, t1), as a share of full scale. */
static double
rms_between (const float *rms,
             gsize        n_windows,
             double       t0,
             double       t1)
{
  gsize w0 = (gsize)MAX (0, floor (t0 / CO_ANALYSIS_WINDOW));
  gsize w1 = (gsize)MAX (0, ceil (t1 / CO_ANALYSIS_WINDOW));
  double loudest = 0;

  for (gsize w = w0; w < MIN (w1, n_windows); w++)
    loudest = MAX (loudest, rms[w]);
  return MIN (loudest, 1.0);
}

static void
draw_wave (CoWaveform    *self,
           GtkSnapshot   *snapshot,
           const Palette *palette,
           double         top,
           double         height)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint level = co_waveform_get_level (self), bucket_ms = 10;
  gsize n_buckets = 0, n_windows = 0;
  const gint16 *buckets = co_analysis_get_waveform (self->analysis, level, &bucket_ms, &n_buckets);
  const float *rms = co_analysis_get_rms (self->analysis, &n_windows);
  double bucket = bucket_ms / 1000.0, half = height / 2, mid = top + half;
  double start = get_start (self);

  for (int x = 0; x < width; x++)
    {
      double t0 = start + x / self->pps, t1 = t0 + 1 / self->pps;
      gsize b0 = (gsize)MAX (0, floor (t0 / bucket));
      gsize b1 = MIN ((gsize)MAX (0, ceil (t1 / bucket)), n_buckets);
      double low = 0, high = 0, level_rms;

      if (b0 >= n_buckets)
        break;
      for (gsize b = b0; b < MAX (b1, b0 + 1); b++)
        {
          low = MIN (low, buckets[2 * b] / 32768.0);
          high = MAX (high, buckets[2 * b + 1] / 32768.0);
        }
      fill_rect (snapshot, &palette->wave, x, mid - high * half,
                 1, MAX (1, (high - low) * half));
      level_rms = rms_between (rms, n_windows, t0, t1);
      if (level_rms > 0)
        fill_rect (snapshot, &palette->rms, x, mid - level_rms * half, 1, 2 * level_rms * half);
    }
}

static void
draw_span (CoWaveform    *self,
           GtkSnapshot   *snapshot,
           const GdkRGBA *color,
           double         t0,
           double         t1,
           double         top,
           double         height)
{
  double x0 = _co_waveform_time_to_x (t0, get_start (self), self->pps);
  double x1 = _co_waveform_time_to_x (t1, get_start (self), self->pps);
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (x1 < 0 || x0 > width)
    return;
  x0 = MAX (x0, -1);
  x1 = MIN (x1, width + 1);
  fill_rect (snapshot, color, x0, top, MAX (1, x1 - x0), height);
}

static void
draw_silences (CoWaveform    *self,
               GtkSnapshot   *snapshot,
               const Palette *palette,
               double         top,
               double         height)
{
  gsize n = 0;
  const CoInterval *silences = co_analysis_get_silences (self->analysis, &n);
  GdkRGBA shade = with_alpha (&palette->fg, 0.09);

  for (gsize i = 0; i < n; i++)
    draw_span (self, snapshot, &shade, silences[i].start, silences[i].end, top, height);
}

static const GdkRGBA *
marker_color (const Palette   *palette,
              CoEditPointKind  kind)
{
  switch (kind)
    {
    case CO_EDIT_POINT_PAUSE:
      return &palette->pause;
    case CO_EDIT_POINT_SCENE:
      return &palette->scene;
    case CO_EDIT_POINT_CUT_OUT:
    case CO_EDIT_POINT_CUT_IN:
    default:
      return &palette->cut;
    }
}

/* Suggested cuts (from a cut-out to the next cut-in) are tinted; every edit
 * point gets a line with a dot on top, in its kind's colour. */
static void
draw_markers (CoWaveform    *self,
              GtkSnapshot   *snapshot,
              const Palette *palette,
              double         top,
              double         height)
{
  gsize n = 0;
  const CoEditPoint *points = co_analysis_get_edit_points (self->analysis, &n);
  GdkRGBA tint = with_alpha (&palette->cut, 0.14);
  double width = gtk_widget_get_width (GTK_WIDGET (self)), cut_out = -1;

  for (gsize i = 0; i < n; i++)
    {
      const GdkRGBA *color = marker_color (palette, points[i].kind);
      double x = _co_waveform_time_to_x (points[i].time, get_start (self), self->pps);

      if (points[i].kind == CO_EDIT_POINT_CUT_OUT)
        cut_out = points[i].time;
      else if (points[i].kind == CO_EDIT_POINT_CUT_IN && cut_out >= 0)
        {
          draw_span (self, snapshot, &tint, cut_out, points[i].time, top, height);
          cut_out = -1;
        }
      if (x < -MARKER_DOT || x > width + MARKER_DOT)
        continue;
      fill_rect (snapshot, color, round (x), top, 1, height);
      fill_round (snapshot, color, round (x) + 0.5 - MARKER_DOT / 2, top + 1,
                  MARKER_DOT, MARKER_DOT, MARKER_DOT / 2);
    }
}

static void
draw_label (CoWaveform    *self,
            GtkSnapshot   *snapshot,
            const GdkRGBA *color,
            double         x,
            const char    *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 3));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

static void
draw_ruler (CoWaveform    *self,
            GtkSnapshot   *snapshot,
            const Palette *palette)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)), start = get_start (self);
  double interval = _co_waveform_tick_interval (self->pps, 90);
  double minor = interval / 5, end = start + width / self->pps;
  GdkRGBA tick = with_alpha (&palette->fg, 0.35), label = with_alpha (&palette->fg, 0.6);
  GdkRGBA band = with_alpha (&palette->fg, 0.04);

  fill_rect (snapshot, &band, 0, 0, width, RULER_HEIGHT);
  fill_rect (snapshot, &tick, 0, RULER_HEIGHT - 1, width, 1);
  if (minor * self->pps >= 8)
    for (double t = ceil (start / minor) * minor; t <= end; t += minor)
      fill_rect (snapshot, &tick, round (_co_waveform_time_to_x (t, start, self->pps)),
                 RULER_HEIGHT - 4, 1, 4);
  for (double t = ceil (start / interval) * interval; t <= end; t += interval)
    {
      double x = round (_co_waveform_time_to_x (t, start, self->pps));
      g_autofree char *text = co_duration_format (MAX (t, 0), interval < 1
                                                              ? CO_DURATION_FORMAT_MILLIS
                                                              : CO_DURATION_FORMAT_SHORT);

      fill_rect (snapshot, &tick, x, RULER_HEIGHT - 8, 1, 8);
      /* A label cut by the right edge reads as a wrong time: leave it out. */
      if (x + 4 + strlen (text) * 7 < width)
        draw_label (self, snapshot, &label, x + 4, text);
    }
}

static void
draw_playhead (CoWaveform    *self,
               GtkSnapshot   *snapshot,
               const Palette *palette)
{
  double x = round (_co_waveform_time_to_x (self->position, get_start (self), self->pps));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (x < -6 || x > gtk_widget_get_width (GTK_WIDGET (self)) + 6)
    return;
  fill_rect (snapshot, &palette->fg, x - 1, 0, 2, height);
  fill_round (snapshot, &palette->fg, x - 6, 1, 12, 9, 3);
}

static void
co_waveform_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  CoWaveform *self = CO_WAVEFORM (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double top = RULER_HEIGHT, wave_height = height - RULER_HEIGHT - BOTTOM_PADDING;
  GskRoundedRect clip;
  Palette palette;

  get_palette (self, &palette);
  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                   CORNER_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  if (self->analysis == NULL || get_duration (self) <= 0 || self->pps <= 0)
    {
      GdkRGBA line = with_alpha (&palette.fg, 0.15);

      fill_rect (snapshot, &line, 0, round (top + wave_height / 2), width, 1);
      gtk_snapshot_pop (snapshot);
      return;
    }
  draw_silences (self, snapshot, &palette, top, wave_height);
  draw_wave (self, snapshot, &palette, top, wave_height);
  draw_markers (self, snapshot, &palette, top, wave_height);
  draw_ruler (self, snapshot, &palette);
  draw_playhead (self, snapshot, &palette);
  gtk_snapshot_pop (snapshot);
}

/* Input. */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CoWaveform     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_x = x;
  emit_seek (self, _co_waveform_x_to_time (x, get_start (self), self->pps, get_duration (self)));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                CoWaveform     *self)
{
  double x = self->drag_x + offset_x;

  emit_seek (self, _co_waveform_x_to_time (x, get_start (self), self->pps, get_duration (self)));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CoWaveform               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->analysis == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      zoom_at (self, pow (1.15, -dy), self->pointer_x >= 0 ? self->pointer_x : width / 2);
      return TRUE;
    }
  /* Fully zoomed out there is nothing to scroll: let the page have the wheel. */
  if (self->fit)
    return FALSE;
  update_view (self, self->pps, get_start (self) + (dx != 0 ? dx : dy) * SCROLL_PIXELS / self->pps);
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CoWaveform               *self)
{
  self->pointer_x = x;
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CoWaveform               *self)
{
  self->pointer_x = -1;
}

static void
adjustment_changed_cb (GtkAdjustment *adjustment,
                       CoWaveform    *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keyboard actions. */

static void
step_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  CoWaveform *self = CO_WAVEFORM (widget);

  emit_seek (self, self->position + g_variant_get_double (param));
}

static void
marker_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  CoWaveform *self = CO_WAVEFORM (widget);
  double time;

  if (_co_waveform_find_marker ((const double *)self->markers->data, self->markers->len,
                                self->position, g_variant_get_int32 (param), &time))
    emit_seek (self, time);
  else
    gtk_widget_error_bell (widget);
}

static void
edge_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  CoWaveform *self = CO_WAVEFORM (widget);

  emit_seek (self, g_str_equal (name, "waveform.end") ? get_duration (self) : 0);
}

/* GObject and GtkWidget. */

static void
co_waveform_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 180;
}

static void
co_waveform_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  CoWaveform *self = CO_WAVEFORM (widget);

  update_view (self, self->pps, get_start (self));
}

static void
co_waveform_dispose (GObject *object)
{
  CoWaveform *self = (CoWaveform *)object;

  if (self->adjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->adjustment, self);
  g_clear_object (&self->adjustment);
  g_clear_pointer (&self->analysis, co_analysis_unref);

  G_OBJECT_CLASS (co_waveform_parent_class)->dispose (object);
}

static void
co_waveform_finalize (GObject *object)
{
  CoWaveform *self = (CoWaveform *)object;

  g_clear_pointer (&self->markers, g_array_unref);

  G_OBJECT_CLASS (co_waveform_parent_class)->finalize (object);
}

static void
co_waveform_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CoWaveform *self = CO_WAVEFORM (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      g_value_set_boxed (value, self->analysis);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_PIXELS_PER_SECOND:
      g_value_set_double (value, self->pps);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_waveform_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CoWaveform *self = CO_WAVEFORM (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      co_waveform_set_analysis (self, g_value_get_boxed (value));
      break;
    case PROP_POSITION:
      co_waveform_set_position (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_keys (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "waveform.step", "d", step_action);
  gtk_widget_class_install_action (widget_class, "waveform.marker", "i", marker_action);
  gtk_widget_class_install_action (widget_class, "waveform.start", NULL, edge_action);
  gtk_widget_class_install_action (widget_class, "waveform.end", NULL, edge_action);

  /* Every key here is listed in ui/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0,
                                       "waveform.step", "d", -STEP_SECONDS);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0,
                                       "waveform.step", "d", STEP_SECONDS);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK,
                                       "waveform.step", "d", -FINE_SECONDS);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK,
                                       "waveform.step", "d", FINE_SECONDS);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0,
                                       "waveform.marker", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0,
                                       "waveform.marker", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0,
                                       "waveform.marker", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0,
                                       "waveform.marker", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "waveform.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "waveform.end", NULL);
}

static void
co_waveform_class_init (CoWaveformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_waveform_dispose;
  object_class->finalize = co_waveform_finalize;
  object_class->get_property = co_waveform_get_property;
  object_class->set_property = co_waveform_set_property;
  widget_class->snapshot = co_waveform_snapshot;
  widget_class->measure = co_waveform_measure;
  widget_class->size_allocate = co_waveform_size_allocate;

  properties[PROP_ANALYSIS] =
    g_param_spec_boxed ("analysis", NULL, NULL, CO_TYPE_ANALYSIS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIXELS_PER_SECOND] =
    g_param_spec_double ("pixels-per-second", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoWaveform::seek:
   * @self: the waveform
   * @time: where the user wants the playhead, in seconds
   *
   * Emitted on a click or drag and on the navigation keys.  The waveform
   * does not move its playhead itself: its owner seeks the media and then
   * calls co_waveform_set_position().
   */
  signals[SIGNAL_SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  install_keys (widget_class);
  gtk_widget_class_set_css_name (widget_class, "waveform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
co_waveform_init (CoWaveform *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->markers = g_array_new (FALSE, FALSE, sizeof (double));
  self->fit = TRUE;
  self->pointer_x = -1;
  self->adjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  g_signal_connect (self->adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "text");

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Left and Right move the playhead, Page Up and Page Down "
                                    "jump to the previous or next marker"),
                                  -1);
  update_accessible (self);
}

/** co_waveform_new: Returns: (transfer full): a new, empty waveform */
GtkWidget *
co_waveform_new (void)
{
  return g_object_new (CO_TYPE_WAVEFORM, NULL);
}

/** co_waveform_get_analysis: @self: a waveform  Returns: (transfer none) (nullable): what it shows */
CoAnalysis *
co_waveform_get_analysis (CoWaveform *self)
{
  g_return_val_if_fail (CO_IS_WAVEFORM (self), NULL);
  return self->analysis;
}

/**
 * co_waveform_set_analysis:
 * @self: a waveform
 * @analysis: (nullable): the analysis to draw
 *
 * Shows @analysis zoomed to fit, with the playhead at the start.
 */
void
co_waveform_set_analysis (CoWaveform *self,
                          CoAnalysis *analysis)
{
  g_return_if_fail (CO_IS_WAVEFORM (self));

  if (self->analysis == analysis)
    return;
  g_clear_pointer (&self->analysis, co_analysis_unref);
  self->analysis = analysis != NULL ? co_analysis_ref (analysis) : NULL;
  collect_markers (self);
  self->fit = TRUE;
  self->position = 0;
  update_view (self, 0, 0);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/** co_waveform_get_position: @self: a waveform  Returns: the playhead, in seconds */
double
co_waveform_get_position (CoWaveform *self)
{
  g_return_val_if_fail (CO_IS_WAVEFORM (self), 0);
  return self->position;
}

/**
 * co_waveform_set_position:
 * @self: a waveform
 * @position: the playhead, in seconds
 *
 * Moves the playhead, and scrolls to it when it leaves the visible part.
 */
void
co_waveform_set_position (CoWaveform *self,
                          double      position)
{
  double x, width;

  g_return_if_fail (CO_IS_WAVEFORM (self));

  position = CLAMP (position, 0, MAX (get_duration (self), 0));
  if (self->position == position)
    return;
  self->position = position;
  width = gtk_widget_get_width (GTK_WIDGET (self));
  x = _co_waveform_time_to_x (position, get_start (self), self->pps);
  if (!self->fit && self->pps > 0 && (x < 0 || x > width))
    update_view (self, self->pps, position - width * 0.1 / self->pps);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/** co_waveform_get_pixels_per_second: @self: a waveform  Returns: the zoom */
double
co_waveform_get_pixels_per_second (CoWaveform *self)
{
  g_return_val_if_fail (CO_IS_WAVEFORM (self), 0);
  return self->pps;
}

/**
 * co_waveform_zoom:
 * @self: a waveform
 * @factor: above 1 zooms in, below 1 zooms out
 *
 * Zooms around the playhead when it is visible, else around the middle.
 */
void
co_waveform_zoom (CoWaveform *self,
                  double      factor)
{
  double width, x;

  g_return_if_fail (CO_IS_WAVEFORM (self));
  g_return_if_fail (factor > 0);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  x = _co_waveform_time_to_x (self->position, get_start (self), self->pps);
  zoom_at (self, factor, x >= 0 && x <= width ? x : width / 2);
}

/** co_waveform_zoom_to_fit: @self: a waveform  Shows the whole duration. */
void
co_waveform_zoom_to_fit (CoWaveform *self)
{
  g_return_if_fail (CO_IS_WAVEFORM (self));

  self->fit = TRUE;
  update_view (self, 0, 0);
}

/**
 * co_waveform_get_adjustment:
 * @self: a waveform
 *
 * Returns: (transfer none): the visible range, in seconds, for a scroll bar
 */
GtkAdjustment *
co_waveform_get_adjustment (CoWaveform *self)
{
  g_return_val_if_fail (CO_IS_WAVEFORM (self), NULL);
  return self->adjustment;
}

/** co_waveform_get_level: @self: a waveform  Returns: the zoom level of the analysis drawn now */
guint
co_waveform_get_level (CoWaveform *self)
{
  guint bucket_ms[8];
  guint n;

  g_return_val_if_fail (CO_IS_WAVEFORM (self), 0);

  if (self->analysis == NULL)
    return 0;
  n = MIN (co_analysis_get_n_zoom_levels (self->analysis), G_N_ELEMENTS (bucket_ms));
  for (guint i = 0; i < n; i++)
    {
      gsize n_buckets;

      co_analysis_get_waveform (self->analysis, i, &bucket_ms[i], &n_buckets);
    }
  return _co_waveform_pick_level (bucket_ms, n, self->pps);
}
