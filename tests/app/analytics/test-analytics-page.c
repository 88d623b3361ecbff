/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "co-analytics-page.h"
#include "co-chart-layout.h"
#include "co-test-desk.h"
#include "co-test-util.h"
#include "analytics-fixture.h"

/* The Analytics section in the real window under Xvfb, on metrics written
 * through the core: charts drawn in their series' colours where the values
 * are (and drawn again, differently, for other data), the value under the
 * pointer, the charts in words and as tables, PNG, SVG and CSV exports, a
 * refused range, and the empty state. */

#define WAIT_MS 30000

/* The colours of X's and YouTube's series (co_chart_platform_color()). */
static const guint8 x_rgb[3] = { 0x1c, 0x71, 0xd8 };
static const guint8 youtube_rgb[3] = { 0xc0, 0x1c, 0x28 };

typedef struct
{
  CoTestDesk       desk;
  CoAnalyticsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  co_test_desk_set_up (&fx->desk);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  co_test_desk_tear_down (&fx->desk, WAIT_MS);
}

static gboolean
not_loading (gpointer data)
{
  return co_analytics_controller_get_state (data) != CO_ANALYTICS_STATE_LOADING;
}

/* Charts shown get their size on the next frame. */
static gboolean
page_laid_out (gpointer data)
{
  CoAnalyticsPage *page = data;

  if (g_str_equal (co_analytics_page_get_shown (page), "charts"))
    for (CoAnalyticsChart c = 0; c < CO_ANALYTICS_N_CHARTS; c++)
      {
        GtkWidget *chart = GTK_WIDGET (co_chart_card_get_chart (co_analytics_page_get_card (page,
                                                                                           c)));

        if (!gtk_widget_get_mapped (chart) || gtk_widget_get_width (chart) <= 0)
          return FALSE;
      }
  return TRUE;
}

/* The window on the section, showing the last 7 days before "today". */
static void
open_section (Fixture *fx)
{
  CoAnalyticsController *controller;

  co_test_desk_use_app_style ();
  co_test_desk_open_window (&fx->desk, WAIT_MS);
  co_window_show_section (fx->desk.window, "analytics");
  fx->page = co_window_get_analytics_page (fx->desk.window);
  controller = co_analytics_page_get_controller (fx->page);
  g_assert_nonnull (controller);
  co_analytics_controller_set_clock (controller, analytics_now, NULL);
  co_analytics_page_choose_days (fx->page, 7);
  g_assert_cmpint (co_analytics_controller_get_days (controller), ==, 7);
  g_assert_true (co_test_wait_until (not_loading, controller, WAIT_MS));
  g_assert_true (co_test_wait_until (page_laid_out, fx->page, WAIT_MS));
}

static CoChart *
get_chart (Fixture          *fx,
           CoAnalyticsChart  chart)
{
  return co_chart_card_get_chart (co_analytics_page_get_card (fx->page, chart));
}

/* The chart as the window's renderer draws it. */
static GdkTexture *
render (GtkWidget *widget)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || width <= 0 || height <= 0)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
near (const guint8 *pixel,
      const guint8  rgb[3])
{
  return ABS (pixel[0] - rgb[0]) < 24 && ABS (pixel[1] - rgb[1]) < 24 &&
         ABS (pixel[2] - rgb[2]) < 24;
}

/* Pixels as R, G, B, A bytes (gdk_texture_download() writes B, G, R, A). */
typedef struct
{
  int     width;
  int     height;
  guint8 *rgba;
} Pixels;

static void
pixels_clear (Pixels *pixels)
{
  g_free (pixels->rgba);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static gboolean
download (GtkWidget *widget,
          Pixels    *out)
{
  g_autoptr(GdkTexture) texture = render (widget);

  if (texture == NULL)
    return FALSE;
  out->width = gdk_texture_get_width (texture);
  out->height = gdk_texture_get_height (texture);
  out->rgba = g_malloc (out->width * out->height * 4);
  gdk_texture_download (texture, out->rgba, out->width * 4);
  for (int i = 0; i < out->width * out->height; i++)
    {
      guint8 blue = out->rgba[4 * i];

      out->rgba[4 * i] = out->rgba[4 * i + 2];
      out->rgba[4 * i + 2] = blue;
    }
  return TRUE;
}

static guint
count_near (const Pixels *pixels,
            const guint8  rgb[3])
{
  guint n = 0;

  for (int i = 0; i < pixels->width * pixels->height; i++)
    n += near (pixels->rgba + 4 * i, rgb);
  return n;
}

/* The mark of a value, laid out at the chart's size. */
static gboolean
find_point (CoChart         *chart,
            int              series,
            guint            index,
            graphene_point_t *out_centre)
{
  g_autoptr(GArray) marks = co_chart_layout (co_chart_get_data (chart),
                                             gtk_widget_get_width (GTK_WIDGET (chart)),
                                             gtk_widget_get_height (GTK_WIDGET (chart)));

  for (guint i = 0; i < marks->len; i++)
    {
      const CoChartMark *mark = &g_array_index (marks, CoChartMark, i);

      if (mark->series == series && mark->index == index)
        {
          graphene_point_init (out_centre, mark->x + mark->w / 2, mark->y + mark->h / 2);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
only_youtube_drawn (gpointer data)
{
  g_auto (Pixels) pixels = { 0 };

  return download (data, &pixels) && count_near (&pixels, x_rgb) == 0 &&
         count_near (&pixels, youtube_rgb) > 0;
}

/* The views chart: both platforms' colours drawn, X's where its peak is,
 * and only YouTube's once the filter says YouTube. */
static void
test_charts_drawn (Fixture       *fx,
                   gconstpointer  data)
{
  CoPlatform youtube = CO_PLATFORM_YOUTUBE;
  CoChart *chart;
  graphene_point_t peak;
  g_auto (Pixels) pixels = { 0 };
  g_autofree char *shot = NULL;
  guint n_youtube;

  if (co_test_desk_skip_without_display ())
    return;
  plant_metrics (fx->desk.store);
  open_section (fx);
  g_assert_cmpstr (co_analytics_page_get_shown (fx->page), ==, "charts");
  g_assert_cmpstr (co_analytics_page_get_figure (fx->page, CO_ANALYTICS_FIGURE_VIEWS, FALSE), ==,
                   "1500");
  g_assert_cmpstr (co_analytics_page_get_figure (fx->page, CO_ANALYTICS_FIGURE_VIEWS, TRUE), ==,
                   "+200 % on the previous 7 days");
  shot = co_test_desk_screenshot (&fx->desk, "analytics.png", WAIT_MS);

  chart = get_chart (fx, CO_ANALYTICS_CHART_VIEWS);
  g_assert_true (download (GTK_WIDGET (chart), &pixels));
  g_assert_cmpuint (count_near (&pixels, x_rgb), >, 50);
  n_youtube = count_near (&pixels, youtube_rgb);
  g_assert_cmpuint (n_youtube, >, 50);
  /* X's 600 views on 03-09, the sixth day: a dot of X's colour right there. */
  g_assert_true (find_point (chart, 0, 5, &peak));
  g_assert_true (near (pixels.rgba + 4 * ((int)peak.y * pixels.width + (int)peak.x), x_rgb));

  /* Each chart draws something in its own colours. */
  for (CoAnalyticsChart c = CO_ANALYTICS_CHART_ENGAGEMENT; c < CO_ANALYTICS_N_CHARTS; c++)
    {
      g_auto (Pixels) other = { 0 };
      const CoChartSeries *series = co_chart_data_get_series (co_chart_get_data (get_chart (fx, c)),
                                                              0);
      guint8 rgb[3] = { series->color.red * 255 + 0.5, series->color.green * 255 + 0.5,
                        series->color.blue * 255 + 0.5 };

      g_assert_true (download (GTK_WIDGET (get_chart (fx, c)), &other));
      g_assert_cmpuint (count_near (&other, rgb), >, 20);
    }

  co_analytics_page_choose_platform (fx->page, &youtube);
  g_assert_true (co_test_wait_until (only_youtube_drawn, chart, WAIT_MS));
}

static GtkEventController *
find_motion (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return controller;
    }
  g_error ("The chart follows no pointer");
}

/* The pointer over a known point shows its value; away from it, nothing;
 * the arrow keys step through the values. */
static void
test_hover (Fixture       *fx,
            gconstpointer  data)
{
  CoChart *views, *heat;
  graphene_point_t point;

  if (co_test_desk_skip_without_display ())
    return;
  plant_metrics (fx->desk.store);
  open_section (fx);
  views = get_chart (fx, CO_ANALYTICS_CHART_VIEWS);
  g_assert_true (find_point (views, 0, 5, &point));
  g_signal_emit_by_name (find_motion (GTK_WIDGET (views)), "motion", point.x, point.y);
  g_assert_cmpstr (co_chart_get_hover_text (views), ==, "X, 2027-03-09: 600 views");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (views)), ==,
                   "X, 2027-03-09: 600 views");
  g_signal_emit_by_name (find_motion (GTK_WIDGET (views)), "motion", 1.0, 1.0);
  g_assert_null (co_chart_get_hover_text (views));

  /* From the keyboard: the first value, the last, and back to the first. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (views)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (views), "chart.next", NULL));
  g_assert_cmpstr (co_chart_get_hover_text (views), ==, "X, 2027-03-04: 0 views");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (views), "chart.previous", NULL));
  g_assert_cmpstr (co_chart_get_hover_text (views), ==, "YouTube, 2027-03-10: 0 views");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (views), "chart.next", NULL));
  g_assert_cmpstr (co_chart_get_hover_text (views), ==, "X, 2027-03-04: 0 views");

  heat = get_chart (fx, CO_ANALYTICS_CHART_HEAT_MAP);
  g_assert_true (find_point (heat, 0, 9, &point));
  g_signal_emit_by_name (find_motion (GTK_WIDGET (heat)), "motion", point.x, point.y);
  g_assert_cmpstr (co_chart_get_hover_text (heat), ==, "Mon 09:00: 1000 views");
}

/* The charts in words name the numbers; the table shows them too. */
static void
test_text_alternative (Fixture       *fx,
                       gconstpointer  data)
{
  CoChartCard *card;
  GtkWidget *cell;

  if (co_test_desk_skip_without_display ())
    return;
  plant_metrics (fx->desk.store);
  open_section (fx);
  card = co_analytics_page_get_card (fx->page, CO_ANALYTICS_CHART_VIEWS);
  g_assert_cmpstr (co_chart_get_description (co_chart_card_get_chart (card)), ==,
                   "Views over time. X: 1200 views in all, the most on 2027-03-09 (600 views). "
                   "YouTube: 300 views in all, the most on 2027-03-09 (200 views).");
  g_assert_nonnull (strstr (co_chart_get_description (get_chart (fx, CO_ANALYTICS_CHART_TOP_POSTS)),
                            "1. X · x-1, 1000 views"));
  g_assert_nonnull (strstr (co_chart_get_description (get_chart (fx, CO_ANALYTICS_CHART_HEAT_MAP)),
                            "Mon 09:00 (1000 views)"));

  g_assert_false (co_chart_card_get_table_shown (card));
  co_chart_card_set_table_shown (card, TRUE);
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (co_chart_card_get_chart (card))));
  cell = gtk_grid_get_child_at (GTK_GRID (co_chart_card_get_table (card)), 0, 6);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "2027-03-09");
  cell = gtk_grid_get_child_at (GTK_GRID (co_chart_card_get_table (card)), 1, 6);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (cell)), ==, "600 views");
  co_chart_card_set_table_shown (card, FALSE);
}

static void
check_xml (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  static const GMarkupParser parser = { 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_markup_parse_context_parse (context, text, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

/* How often the SVG paints in @platform's colour; cairo writes colours in
 * per cent of their float components: rgb(10.980392%,44.313726%,84.705883%). */
static guint
count_color (const char *path,
             CoPlatform  platform)
{
  g_autofree char *text = NULL;
  g_autofree char *color = NULL;
  GdkRGBA rgba;
  guint n = 0;

  co_chart_platform_color (platform, &rgba);
  color = g_strdup_printf ("rgb(%f%%,%f%%,%f%%)", rgba.red * 100.0, rgba.green * 100.0,
                           rgba.blue * 100.0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (const char *at = strstr (text, color); at != NULL; at = strstr (at + 1, color))
    n++;
  return n;
}

/* PNG and SVG of a chart, and CSV of the view. */
static void
test_export (Fixture       *fx,
             gconstpointer  data)
{
  CoChartCard *card;
  g_autofree char *png = NULL, *svg = NULL, *csv = NULL, *text = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *pixels;
  guint n_x = 0;

  if (co_test_desk_skip_without_display ())
    return;
  plant_metrics (fx->desk.store);
  open_section (fx);
  card = co_analytics_page_get_card (fx->page, CO_ANALYTICS_CHART_VIEWS);
  png = g_build_filename (fx->desk.media_dir, "views.png", NULL);
  g_assert_true (co_chart_card_export (card, CO_CHART_FORMAT_PNG, png, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, CO_CHART_EXPORT_WIDTH);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, CO_CHART_EXPORT_HEIGHT);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf); x++)
      n_x += near (pixels + y * gdk_pixbuf_get_rowstride (pixbuf)
                   + x * gdk_pixbuf_get_n_channels (pixbuf), x_rgb);
  g_assert_cmpuint (n_x, >, 50);

  /* Every chart exports; CO_TEST_SCREENSHOT_DIR keeps them for a person to look at. */
  for (CoAnalyticsChart c = 0; c < CO_ANALYTICS_N_CHARTS; c++)
    {
      const char *dir = g_getenv ("CO_TEST_SCREENSHOT_DIR");
      g_autofree char *name = g_strdup_printf ("analytics-chart-%d.png", c);
      g_autofree char *path = g_build_filename (dir != NULL && dir[0] != '\0' ? dir
                                                : fx->desk.media_dir, name, NULL);
      g_autoptr(GdkPixbuf) chart = NULL;

      g_assert_true (co_chart_card_export (co_analytics_page_get_card (fx->page, c),
                                           CO_CHART_FORMAT_PNG, path, &error));
      chart = gdk_pixbuf_new_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (chart), ==, CO_CHART_EXPORT_WIDTH);
    }

  svg = g_build_filename (fx->desk.media_dir, "views.svg", NULL);
  g_assert_true (co_chart_card_export (card, CO_CHART_FORMAT_SVG, svg, &error));
  g_assert_no_error (error);
  check_xml (svg);
  /* Seven dots, six segments and a legend key of each line. */
  g_assert_cmpuint (count_color (svg, CO_PLATFORM_X), ==, 14);
  g_assert_cmpuint (count_color (svg, CO_PLATFORM_YOUTUBE), ==, 14);
  g_assert_cmpuint (count_color (svg, CO_PLATFORM_LINKEDIN), ==, 0);

  g_assert_false (co_chart_card_export (card, CO_CHART_FORMAT_SVG, "/nonexistent/views.svg",
                                        &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/views.svg"));
  g_clear_error (&error);

  csv = g_build_filename (fx->desk.media_dir, "posts.csv", NULL);
  g_assert_true (co_analytics_page_export_csv (fx->page, CO_ANALYTICS_CSV_POSTS, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "yt-1"));
}

/* A range typed wrong is refused with the reason, shown under the choices. */
static void
test_invalid_range (Fixture       *fx,
                    gconstpointer  data)
{
  const char *reason;

  if (co_test_desk_skip_without_display ())
    return;
  plant_metrics (fx->desk.store);
  open_section (fx);
  g_assert_null (co_analytics_page_get_range_error (fx->page));
  co_analytics_page_choose_custom (fx->page, "2027-03-10", "2027-03-01");
  reason = co_analytics_page_get_range_error (fx->page);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "2027-03-01"));
  g_assert_nonnull (strstr (reason, "before"));
  co_analytics_page_choose_custom (fx->page, "March", "2027-03-01");
  g_assert_nonnull (strstr (co_analytics_page_get_range_error (fx->page),
                            "“March” is not a date"));
  co_analytics_page_choose_custom (fx->page, "2027-03-08", "2027-03-09");
  g_assert_null (co_analytics_page_get_range_error (fx->page));
  g_assert_true (co_test_wait_until (not_loading, co_analytics_page_get_controller (fx->page),
                                     WAIT_MS));
  g_assert_cmpstr (co_analytics_page_get_figure (fx->page, CO_ANALYTICS_FIGURE_POSTS, FALSE), ==,
                   "2");
}

static AdwStatusPage *
find_status_page (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found;

      if (ADW_IS_STATUS_PAGE (child) && gtk_widget_get_mapped (child))
        return ADW_STATUS_PAGE (child);
      if ((found = find_status_page (child)) != NULL)
        return found;
    }
  return NULL;
}

/* No metrics: the section says where they come from. */
static void
test_empty (Fixture       *fx,
            gconstpointer  data)
{
  AdwStatusPage *status;
  g_autofree char *shot = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  open_section (fx);
  g_assert_cmpstr (co_analytics_page_get_shown (fx->page), ==, "empty");
  status = find_status_page (GTK_WIDGET (fx->page));
  g_assert_nonnull (status);
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "publishes"));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "metrics import"));
  shot = co_test_desk_screenshot (&fx->desk, "analytics-empty.png", WAIT_MS);
}

#define TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* The section's days and hours are local: the fixture's are UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  co_test_desk_init (&argc, &argv);

  TEST ("/app/analytics/page/charts-drawn", test_charts_drawn);
  TEST ("/app/analytics/page/hover", test_hover);
  TEST ("/app/analytics/page/text-alternative", test_text_alternative);
  TEST ("/app/analytics/page/export", test_export);
  TEST ("/app/analytics/page/invalid-range", test_invalid_range);
  TEST ("/app/analytics/page/empty", test_empty);

  return g_test_run ();
}
