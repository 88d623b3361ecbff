/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "co-draft-card.h"
#include "co-drafts-page.h"
#include "co-test-desk.h"
#include "co-test-util.h"
#include "co-window.h"

/* The Drafts section of the real window under Xvfb: the empty state, the
 * board (moves by drop, by the card's menu and by the keyboard, refusals
 * said in a toast), search and the platform filter. */

#define WAIT_MS 30000

typedef struct
{
  CoTestDesk    desk;
  CoDraftsPage *page;
  CoDrafts     *drafts;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!co_test_desk_set_up (&fixture->desk))
    return;
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  co_window_show_section (fixture->desk.window, "drafts");
  fixture->page = co_window_get_drafts_page (fixture->desk.window);
  fixture->drafts = co_drafts_page_get_drafts (fixture->page);
  g_assert_nonnull (fixture->drafts);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
}

static gint64
make_draft (Fixture      *fixture,
            CoDraftStage  stage,
            const char   *title,
            const char   *body,
            CoPlatform    platform)
{
  g_autoptr(GError) error = NULL;
  CoDraftNew spec = { stage, title, body, &platform, 1, NULL, 0 };
  gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

  g_assert_no_error (error);
  return id;
}

static CoDraftColumn *
column (Fixture      *fixture,
        CoDraftStage  stage)
{
  return co_draft_board_get_column (co_drafts_page_get_board (fixture->page), stage);
}

typedef struct
{
  CoDraftColumn *column;
  guint          n;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (G_LIST_MODEL (co_draft_column_get_model (wait->column)))
         == wait->n;
}

/* Waits until the column of @stage shows @n cards. */
static void
wait_cards (Fixture      *fixture,
            CoDraftStage  stage,
            guint         n)
{
  CountWait wait = { column (fixture, stage), n };

  if (!co_test_wait_until (has_count, &wait, WAIT_MS))
    g_error ("The %s column did not show %u cards", co_draft_stage_to_string (stage), n);
}

typedef struct
{
  CoWindow   *window;
  const char *text;
} ToastWait;

static gboolean
has_toast (gpointer data)
{
  ToastWait *wait = data;
  const char *toast = co_window_get_last_toast (wait->window);

  return toast != NULL && strstr (toast, wait->text) != NULL;
}

/* Waits for a toast that says @text, and returns it. */
static const char *
wait_toast (Fixture    *fixture,
            const char *text)
{
  ToastWait wait = { fixture->desk.window, text };

  if (!co_test_wait_until (has_toast, &wait, WAIT_MS))
    g_error ("No toast said “%s”; the last one was “%s”", text,
             co_window_get_last_toast (fixture->desk.window));
  g_test_message ("Toast: %s", co_window_get_last_toast (fixture->desk.window));
  return co_window_get_last_toast (fixture->desk.window);
}

static CoDraftStage
stage_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = co_drafts_get (fixture->drafts, id, &error);

  g_assert_no_error (error);
  return co_draft_get_stage (draft);
}

/* What a drop of @id on @stage's column does: the column's own drop target
 * is given the draft, as GTK gives it at the end of a drag. */
static void
drop_on (Fixture      *fixture,
         gint64        id,
         CoDraftStage  stage)
{
  GtkWidget *target_column = GTK_WIDGET (column (fixture, stage));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (target_column);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = co_drafts_get (fixture->drafts, id, &error);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean taken = FALSE;

  g_assert_no_error (error);
  g_value_init (&value, CO_TYPE_DRAFT);
  g_value_set_object (&value, draft);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &taken);
    }
  g_assert_true (taken);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *shot = NULL;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  g_assert_cmpstr (co_drafts_page_get_view (fixture->page), ==, "empty");
  shot = co_test_desk_screenshot (&fixture->desk, "drafts-empty.png", WAIT_MS);
  id = co_drafts_page_new_draft (fixture->page);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_SAVED);
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 1);
  g_assert_cmpstr (co_drafts_page_get_view (fixture->page), !=, "empty");
}

static void
test_move_drop (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 id;
  g_autofree char *shot = NULL;
  const char *toast;

  if (co_test_desk_skip_without_display ())
    return;
  id = make_draft (fixture, CO_DRAFT_STAGE_SAVED, "Launch teaser", "Soon.", CO_PLATFORM_X);
  make_draft (fixture, CO_DRAFT_STAGE_DRAFT, "Behind the scenes", "How we film.",
              CO_PLATFORM_LINKEDIN);
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 1);
  wait_cards (fixture, CO_DRAFT_STAGE_DRAFT, 1);
  shot = co_test_desk_screenshot (&fixture->desk, "drafts-board.png", WAIT_MS);

  drop_on (fixture, id, CO_DRAFT_STAGE_DRAFT);
  wait_cards (fixture, CO_DRAFT_STAGE_DRAFT, 2);
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 0);
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_DRAFT);

  /* Skipping a stage is refused, with the library's reason, and nothing moves. */
  drop_on (fixture, id, CO_DRAFT_STAGE_PUBLISHED);
  toast = wait_toast (fixture, "cannot move from Draft to Published");
  g_assert_nonnull (strstr (toast, "one stage at a time"));
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_DRAFT);

  /* So is Scheduled without a time, saying what is missing. */
  drop_on (fixture, id, CO_DRAFT_STAGE_SCHEDULED);
  wait_toast (fixture, "X has no time");
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpuint (co_draft_board_get_moving (co_drafts_page_get_board (fixture->page)), ==, 0);
}

/* The card's menu and the keyboard use the board's action. */
static void
test_move_keyboard (Fixture       *fixture,
                    gconstpointer  data)
{
  CoDraftBoard *board = co_drafts_page_get_board (fixture->page);
  gint64 untitled, id;

  if (co_test_desk_skip_without_display ())
    return;
  untitled = make_draft (fixture, CO_DRAFT_STAGE_SAVED, NULL, NULL, CO_PLATFORM_X);
  id = make_draft (fixture, CO_DRAFT_STAGE_SAVED, "Tips", "Three tips.", CO_PLATFORM_X);
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 2);

  /* The menu's "Move to Draft" item. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-to", "(xs)",
                                             untitled, "draft"));
  wait_toast (fixture, "title is empty");
  g_assert_cmpint (stage_of (fixture, untitled), ==, CO_DRAFT_STAGE_SAVED);

  /* Alt+Right on the focused card. */
  g_assert_true (co_drafts_page_focus_draft (fixture->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-next", NULL));
  wait_cards (fixture, CO_DRAFT_STAGE_DRAFT, 1);
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_DRAFT);
  wait_toast (fixture, "Moved to Draft");

  /* Alt+Left from Draft is refused: only Scheduled goes back. */
  g_assert_true (co_drafts_page_focus_draft (fixture->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.move-back", NULL));
  wait_toast (fixture, "only a scheduled draft can go back");
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_DRAFT);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  GtkDropDown *platforms;

  if (co_test_desk_skip_without_display ())
    return;
  make_draft (fixture, CO_DRAFT_STAGE_SAVED, "Studio tour", "Cameras and lights.", CO_PLATFORM_X);
  make_draft (fixture, CO_DRAFT_STAGE_SAVED, "Hiring", "We are hiring an editor.",
              CO_PLATFORM_LINKEDIN);
  make_draft (fixture, CO_DRAFT_STAGE_DRAFT, "Lights", "Our favourite lights.",
              CO_PLATFORM_INSTAGRAM);
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 2);

  gtk_editable_set_text (GTK_EDITABLE (co_drafts_page_get_search (fixture->page)), "lights");
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 1);
  wait_cards (fixture, CO_DRAFT_STAGE_DRAFT, 1);
  gtk_editable_set_text (GTK_EDITABLE (co_drafts_page_get_search (fixture->page)), "");
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 2);

  platforms = co_drafts_page_get_platforms (fixture->page);
  gtk_drop_down_set_selected (platforms, 1 + CO_PLATFORM_LINKEDIN);
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 1);
  wait_cards (fixture, CO_DRAFT_STAGE_DRAFT, 0);
  gtk_drop_down_set_selected (platforms, 0);
  wait_cards (fixture, CO_DRAFT_STAGE_DRAFT, 1);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/drafts/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/app/drafts/board/move-drop", Fixture, NULL, fixture_set_up, test_move_drop,
              fixture_tear_down);
  g_test_add ("/app/drafts/board/move-keyboard", Fixture, NULL, fixture_set_up,
              test_move_keyboard, fixture_tear_down);
  g_test_add ("/app/drafts/board/filter", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);

  return g_test_run ();
}
