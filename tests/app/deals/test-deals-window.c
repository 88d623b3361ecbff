/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "co-deals-window.h"
#include "co-test-desk.h"
#include "co-test-util.h"
#include "co-window.h"

/* The deals view under Xvfb: deals with their payments in their currency's
 * decimals, and what is due, overdue marked. */

#define WAIT_MS 30000

typedef struct
{
  CoTestDesk desk;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  co_test_desk_set_up (&fixture->desk);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
}

static CoDealsWindow *
find_view (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CO_IS_DEALS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return CO_DEALS_WINDOW (window);
    }
  return NULL;
}

static gboolean
view_shown (gpointer data)
{
  return find_view () != NULL;
}

static gboolean
view_loaded (gpointer data)
{
  return co_deals_window_get_loaded (CO_DEALS_WINDOW (data));
}

static void
add_deals (CoStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 acme = co_deals_add (store, "Acme", "Review", 150000, "USD", &error);
  gint64 kuwait = co_deals_add (store, "Gulf Air", "Travel vlog", 1500, "KWD", &error);

  co_deals_add_milestone (store, acme, "Upfront", 50000, now - G_TIME_SPAN_DAY, NULL, &error);
  co_deals_add_deliverable (store, kuwait, "Main video", 0, now + 2 * G_TIME_SPAN_DAY, &error);
  co_deals_add_deliverable (store, kuwait, "Later", 0, now + 30 * G_TIME_SPAN_DAY, &error);
  g_assert_no_error (error);
}

static void
test_view (Fixture       *fixture,
           gconstpointer  data)
{
  CoDealsWindow *view;
  g_autofree char *shot = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  co_test_desk_use_app_style ();
  add_deals (fixture->desk.store);
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  /* Listed on start: the overdue payment and the video due in two days. */
  co_test_desk_wait_toast (&fixture->desk,
                           "2 deal items are due this week: “Upfront” (overdue), “Main video”",
                           WAIT_MS);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->desk.window), "deals", NULL);
  g_assert_true (co_test_wait_until (view_shown, NULL, WAIT_MS));
  view = find_view ();
  g_assert_true (co_test_wait_until (view_loaded, view, WAIT_MS));
  g_assert_cmpuint (co_deals_window_get_n_deals (view), ==, 2);
  g_assert_cmpuint (co_deals_window_get_n_due (view), ==, 2);
  g_assert_nonnull (strstr (co_deals_window_get_row_text (view, TRUE, 0), "overdue"));
  g_assert_null (strstr (co_deals_window_get_row_text (view, TRUE, 1), "overdue"));
  g_assert_true (g_str_has_prefix (co_deals_window_get_row_text (view, FALSE, 0),
                                   "1500.00 USD · paid 0.00 · pending 500.00"));
  g_assert_true (g_str_has_prefix (co_deals_window_get_row_text (view, FALSE, 1),
                                   "1.500 KWD"));
  g_assert_null (co_deals_window_get_row_text (view, FALSE, 2));
  shot = co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (view), "deals.png", WAIT_MS);
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GtkWidget) view = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  view = g_object_ref_sink (co_deals_window_new (fixture->desk.store, g_get_real_time ()));
  g_assert_true (co_test_wait_until (view_loaded, view, WAIT_MS));
  g_assert_cmpuint (co_deals_window_get_n_deals (CO_DEALS_WINDOW (view)), ==, 0);
  g_assert_cmpuint (co_deals_window_get_n_due (CO_DEALS_WINDOW (view)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (view));
}

int
main (int   argc,
      char *argv[])
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/deals/view", Fixture, NULL, fixture_set_up, test_view, fixture_tear_down);
  g_test_add ("/app/deals/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  return g_test_run ();
}
