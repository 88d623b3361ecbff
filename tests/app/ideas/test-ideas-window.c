/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "co-drafts.h"
#include "co-ideas-window.h"
#include "co-ideas.h"
#include "co-test-desk.h"
#include "co-test-util.h"
#include "co-window.h"

/* The Ideas view under Xvfb: Generate streams the ideas in, says the
 * offline generator answered and why, flags a stored idea's near
 * duplicate with the reason, and Make a Draft saves a draft; the
 * controller alone, without a display, cancels quietly. */

#define WAIT_MS 30000

static const char *const drone_tags[] = { "drone", "lake", NULL };

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

static CoIdeasWindow *
find_view (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CO_IS_IDEAS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return CO_IDEAS_WINDOW (window);
    }
  return NULL;
}

static gboolean
view_shown (gpointer data)
{
  return find_view () != NULL;
}

static gboolean
rows_shown (gpointer view)
{
  return co_ideas_window_get_n_rows (view) > 0;
}

static gboolean
draft_made (gpointer view)
{
  return co_ideas_window_get_last_draft (view) > 0;
}

static gboolean
state_is (gpointer controller)
{
  CoIdeasState state = co_ideas_controller_get_state (controller);

  return state == CO_IDEAS_STATE_DONE || state == CO_IDEAS_STATE_FAILED;
}

static void
fill_library (CoTestDesk *desk)
{
  g_autoptr(GError) error = NULL;

  co_vault_add_note (desk->vault, "Drone shots over the lake", "Fly low at sunrise.", drone_tags,
                     &error);
  g_assert_no_error (error);
  /* A stored idea the first suggestion repeats word for word. */
  co_ideas_add (desk->store, "What nobody tells you about Drone shots over the lake",
                "Hook: Nobody told me this about Drone shots over the lake, so I am telling you.",
                &error);
  g_assert_no_error (error);
}

static void
assert_draft_saved (CoStore *store,
                    gint64   id)
{
  g_autoptr(CoDrafts) drafts = co_drafts_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, id, &error);
  guint n_items = 0;

  g_assert_no_error (error);
  g_assert_cmpint (co_draft_get_stage (draft), ==, CO_DRAFT_STAGE_SAVED);
  co_draft_get_item_ids (draft, &n_items);
  g_assert_cmpuint (n_items, ==, 1);
}

static void
test_view (Fixture       *fixture,
           gconstpointer  data)
{
  CoIdeasWindow *view;
  GtkWidget *badge, *button;
  g_autofree char *shot = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  co_test_desk_use_app_style ();
  fill_library (&fixture->desk);
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->desk.window), "ideas", NULL);
  g_assert_true (co_test_wait_until (view_shown, NULL, WAIT_MS));
  view = find_view ();
  g_assert_cmpuint (co_ideas_window_get_n_rows (view), ==, 0);

  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (view), CO_TYPE_IDEAS_WINDOW,
                                                        "generate_button"), "clicked");
  g_assert_true (co_test_wait_until (rows_shown, view, WAIT_MS));
  g_assert_cmpuint (co_ideas_window_get_n_rows (view), ==, 5);
  g_assert_nonnull (strstr (co_ideas_window_get_streamed (view), "Hook: "));
  g_assert_true (g_str_has_prefix (co_ideas_window_get_status (view),
                                   "Made by the offline generator: "));
  badge = co_ideas_window_get_badge (view, 0);
  g_assert_nonnull (badge);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (badge),
                            "shares 100 % of its words with idea"));
  g_assert_null (co_ideas_window_get_badge (view, 1));

  shot = co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (view), "ideas.png", WAIT_MS);
  button = co_ideas_window_get_draft_button (view, 1);
  /* A button's activation clicks it a moment later, as a key press would. */
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (co_test_wait_until (draft_made, view, WAIT_MS));
  assert_draft_saved (fixture->desk.store, co_ideas_window_get_last_draft (view));
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_window_destroy (GTK_WINDOW (view));
}

/* Without a display: a cancelled request goes back to idle with no error,
 * and the next one finishes. */
static void
test_controller_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CoIdeasController) controller = co_ideas_controller_new (fixture->desk.store, 0);

  fill_library (&fixture->desk);
  co_ideas_controller_generate (controller, "x", 3);
  g_assert_cmpint (co_ideas_controller_get_state (controller), ==, CO_IDEAS_STATE_RUNNING);
  co_ideas_controller_cancel (controller);
  g_assert_cmpint (co_ideas_controller_get_state (controller), ==, CO_IDEAS_STATE_IDLE);
  co_ideas_controller_generate (controller, "myspace", 3);
  g_assert_true (co_test_wait_until (state_is, controller, WAIT_MS));
  g_assert_cmpint (co_ideas_controller_get_state (controller), ==, CO_IDEAS_STATE_FAILED);
  g_assert_nonnull (strstr (co_ideas_controller_get_error (controller), "myspace"));
  co_ideas_controller_generate (controller, "x", 3);
  g_assert_true (co_test_wait_until (state_is, controller, WAIT_MS));
  g_assert_cmpint (co_ideas_controller_get_state (controller), ==, CO_IDEAS_STATE_DONE);
  g_assert_cmpuint (co_ideas_controller_get_result (controller)->suggestions->len, ==, 3);
  g_assert_cmpstr (co_ideas_controller_get_generator (controller), ==, "offline");
  g_assert_null (co_ideas_controller_get_error (controller));
}

int
main (int   argc,
      char *argv[])
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/ideas/view", Fixture, NULL, fixture_set_up, test_view, fixture_tear_down);
  g_test_add ("/app/ideas/controller-cancel", Fixture, NULL, fixture_set_up,
              test_controller_cancel, fixture_tear_down);
  return g_test_run ();
}
