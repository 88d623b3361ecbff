/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "co-draft-card.h"
#include "co-drafts-page.h"
#include "co-schedule.h"
#include "co-test-desk.h"
#include "co-test-util.h"
#include "co-window.h"

/* The Drafts section of the real window under Xvfb: the empty state, the
 * board (moves by drop, by the card's menu and by the keyboard, refusals
 * said in a toast), search and the platform filter; the editor (the live
 * counter, red past the limit with the overflow marked, the thread
 * preview, a platform's own text, linked vault items, repurposing, a
 * published draft that cannot change). */

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

/* Waits for a toast that says @text, and returns it. */
static const char *
wait_toast (Fixture    *fixture,
            const char *text)
{
  return co_test_desk_wait_toast (&fixture->desk, text, WAIT_MS);
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
  g_assert_cmpint (co_drafts_page_get_view (fixture->page), ==, CO_DRAFTS_VIEW_EMPTY);
  shot = co_test_desk_screenshot (&fixture->desk, "drafts-empty.png", WAIT_MS);
  id = co_drafts_page_new_draft (fixture->page);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (stage_of (fixture, id), ==, CO_DRAFT_STAGE_SAVED);
  wait_cards (fixture, CO_DRAFT_STAGE_SAVED, 1);
  g_assert_cmpint (co_drafts_page_get_view (fixture->page), ==, CO_DRAFTS_VIEW_EDITOR);
  co_drafts_page_show_board (fixture->page);
  g_assert_cmpint (co_drafts_page_get_view (fixture->page), ==, CO_DRAFTS_VIEW_BOARD);
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

/* The editor. */

static CoDraftEditor *
editor (Fixture *fixture)
{
  return co_drafts_page_get_editor (fixture->page);
}

static void
set_body (Fixture    *fixture,
          const char *text)
{
  gtk_text_buffer_set_text (co_draft_editor_get_body (editor (fixture)), text, -1);
}

static CoDraft *
load_draft (Fixture *fixture,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  CoDraft *draft = co_drafts_get (fixture->drafts, id, &error);

  g_assert_no_error (error);
  return draft;
}

/* Opens a new draft for X with a title, as a creator starts one. */
static gint64
start_x_draft (Fixture *fixture)
{
  gint64 id = co_drafts_page_new_draft (fixture->page);

  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (co_drafts_page_get_view (fixture->page), ==, CO_DRAFTS_VIEW_EDITOR);
  g_assert_cmpint (co_draft_editor_get_draft_id (editor (fixture)), ==, id);
  g_assert_null (co_draft_editor_get_tab (editor (fixture), CO_PLATFORM_X));
  g_assert_true (co_draft_editor_set_platform (editor (fixture), CO_PLATFORM_X, TRUE));
  g_assert_nonnull (co_draft_editor_get_tab (editor (fixture), CO_PLATFORM_X));
  gtk_editable_set_text (co_draft_editor_get_title (editor (fixture)), "Launch");
  return id;
}

static void
assert_counter (CoPlatformTab *tab,
                const char    *text,
                gboolean       red)
{
  GtkLabel *counter = co_platform_tab_get_counter (tab);

  g_assert_cmpstr (gtk_label_get_label (counter), ==, text);
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (counter), "error"), ==, red);
  g_assert_cmpint (co_platform_tab_get_over_limit (tab), ==, red);
}

static gboolean
is_saved (gpointer data)
{
  return !co_draft_editor_get_dirty (data);
}

/* The counter follows the text as it is typed, counted as X counts it. */
static void
test_counter (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *letters = g_strnfill (270, 'a');
  g_autofree char *long_text = NULL;
  g_autofree char *overflow = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(CoDraft) draft = NULL;
  CoPlatformTab *tab;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  id = start_x_draft (fixture);
  tab = co_draft_editor_get_tab (editor (fixture), CO_PLATFORM_X);
  assert_counter (tab, "0 / 280", FALSE);
  set_body (fixture, "Hello");
  assert_counter (tab, "5 / 280", FALSE);
  /* An address counts 23 whatever its length, CJK and emoji count 2. */
  set_body (fixture, "See https://example.com/a/very/long/path/to/the/launch/page");
  assert_counter (tab, "27 / 280", FALSE);
  set_body (fixture, "日本 👍🏽");
  assert_counter (tab, "7 / 280", FALSE);
  g_assert_cmpuint (co_platform_tab_get_n_parts (tab), ==, 1);

  /* 270 letters, a space and 15 more: 286, red, the last six marked. */
  long_text = g_strdup_printf ("%s %s", letters, "bbbbbbbbbcccccc");
  set_body (fixture, long_text);
  /* Not kept yet: the main loop has not run since the typing. */
  g_assert_true (co_draft_editor_get_dirty (editor (fixture)));
  assert_counter (tab, "286 / 280", TRUE);
  overflow = co_platform_tab_dup_overflow (tab);
  g_assert_cmpstr (overflow, ==, "cccccc");
  g_assert_nonnull (co_platform_tab_get_problem (tab));
  g_test_message ("Problem: %s", co_platform_tab_get_problem (tab));
  /* The preview splits it into a numbered thread. */
  g_assert_cmpuint (co_platform_tab_get_n_parts (tab), ==, 2);
  shot = co_test_desk_screenshot (&fixture->desk, "drafts-editor.png", WAIT_MS);

  /* Kept a moment after typing stops. */
  g_assert_true (co_test_wait_until (is_saved, editor (fixture), WAIT_MS));
  draft = load_draft (fixture, id);
  g_assert_cmpstr (co_draft_get_title (draft), ==, "Launch");
  g_assert_cmpstr (co_draft_get_body (draft), ==, long_text);
}

/* A platform's own text is kept as its variant; the others follow the draft. */
static void
test_own_text (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  CoPlatformTab *x, *linkedin;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  id = start_x_draft (fixture);
  g_assert_true (co_draft_editor_set_platform (editor (fixture), CO_PLATFORM_LINKEDIN, TRUE));
  x = co_draft_editor_get_tab (editor (fixture), CO_PLATFORM_X);
  linkedin = co_draft_editor_get_tab (editor (fixture), CO_PLATFORM_LINKEDIN);
  set_body (fixture, "We launch on Monday.");
  gtk_text_buffer_set_text (co_platform_tab_get_buffer (linkedin),
                            "We launch on Monday. Join the team: we are hiring.", -1);
  set_body (fixture, "We launch on Monday!");
  g_assert_cmpint (co_platform_tab_get_length (x), ==, 20);
  g_assert_cmpint (co_platform_tab_get_length (linkedin), ==, 50);
  g_assert_true (co_draft_editor_save (editor (fixture), &error));
  g_assert_no_error (error);
  draft = load_draft (fixture, id);
  g_assert_null (co_draft_variant_get_body_override (co_draft_get_variant (draft, CO_PLATFORM_X)));
  g_assert_cmpstr (co_draft_variant_get_body_override (co_draft_get_variant (draft,
                                                                             CO_PLATFORM_LINKEDIN)),
                   ==, "We launch on Monday. Join the team: we are hiring.");

  /* Removing a platform is kept at once. */
  g_assert_true (co_draft_editor_set_platform (editor (fixture), CO_PLATFORM_LINKEDIN, FALSE));
  g_assert_null (co_draft_editor_get_tab (editor (fixture), CO_PLATFORM_LINKEDIN));
  g_clear_object (&draft);
  draft = load_draft (fixture, id);
  g_assert_false (co_draft_has_platform (draft, CO_PLATFORM_LINKEDIN));
}

/* What the library refuses is said, and not kept. */
static void
test_save_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  id = make_draft (fixture, CO_DRAFT_STAGE_DRAFT, "Teaser", "Soon.", CO_PLATFORM_X);
  g_assert_true (co_drafts_page_open (fixture->page, id));
  gtk_editable_set_text (co_draft_editor_get_title (editor (fixture)), " ");
  g_assert_false (co_draft_editor_save (editor (fixture), &error));
  g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE);
  wait_toast (fixture, "title is empty");
  draft = load_draft (fixture, id);
  g_assert_cmpstr (co_draft_get_title (draft), ==, "Teaser");
  g_assert_true (co_draft_editor_get_dirty (editor (fixture)));
  gtk_editable_set_text (co_draft_editor_get_title (editor (fixture)), "Teaser 2");
  g_clear_error (&error);
  g_assert_true (co_draft_editor_save (editor (fixture), &error));
  g_assert_no_error (error);
}

static gboolean
picker_has_item (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (co_vault_picker_get_model (data))) == 1;
}

static gboolean
has_links (gpointer data)
{
  return co_draft_links_get_n_items (data) == 1;
}

static gboolean
has_no_links (gpointer data)
{
  return co_draft_links_get_n_items (data) == 0;
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  CoDraftLinks *links;
  gint64 id, note;
  guint n;

  if (co_test_desk_skip_without_display ())
    return;
  note = co_vault_add_note (fixture->desk.vault, "Hook ideas", "Start with the result.", NULL,
                            &error);
  g_assert_no_error (error);
  id = make_draft (fixture, CO_DRAFT_STAGE_SAVED, "Hooks", "Three hooks.", CO_PLATFORM_X);
  g_assert_true (co_drafts_page_open (fixture->page, id));
  links = co_draft_editor_get_links (editor (fixture));
  g_assert_cmpuint (co_draft_links_get_n_items (links), ==, 0);

  /* Enter on the vault list's first item links it. */
  g_assert_true (co_test_wait_until (picker_has_item, co_draft_links_get_picker (links), WAIT_MS));
  co_vault_picker_activate (co_draft_links_get_picker (links), 0);
  g_assert_true (co_test_wait_until (has_links, links, WAIT_MS));
  draft = load_draft (fixture, id);
  g_assert_cmpint (co_draft_get_item_ids (draft, &n)[0], ==, note);

  g_assert_true (co_draft_links_unlink (links, note));
  g_assert_true (co_test_wait_until (has_no_links, links, WAIT_MS));

  /* A vault item dropped on the list is linked as well. */
  item = co_vault_get (fixture->desk.vault, note, &error);
  g_value_init (&value, CO_TYPE_VAULT_ITEM);
  g_value_set_object (&value, item);
  g_assert_true (co_draft_links_drop (links, &value));
  g_assert_true (co_test_wait_until (has_links, links, WAIT_MS));
}

static gboolean
shows_other_draft (gpointer data)
{
  Fixture *fixture = data;
  gint64 id = co_draft_editor_get_draft_id (editor (fixture));

  return id != GPOINTER_TO_INT (g_object_get_data (G_OBJECT (fixture->page), "co-first"));
}

static void
test_repurpose (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CoDraft) copy = NULL;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  id = make_draft (fixture, CO_DRAFT_STAGE_DRAFT, "Launch", "We ship #today.", CO_PLATFORM_X);
  g_assert_true (co_drafts_page_open (fixture->page, id));
  g_object_set_data (G_OBJECT (fixture->page), "co-first", GINT_TO_POINTER (id));
  co_draft_editor_repurpose (editor (fixture), CO_PLATFORM_LINKEDIN);
  g_assert_true (co_test_wait_until (shows_other_draft, fixture, WAIT_MS));
  copy = load_draft (fixture, co_draft_editor_get_draft_id (editor (fixture)));
  g_assert_cmpint (co_draft_get_stage (copy), ==, CO_DRAFT_STAGE_SAVED);
  g_assert_cmpint (co_draft_get_origin_id (copy), ==, id);
  g_assert_true (co_draft_has_platform (copy, CO_PLATFORM_LINKEDIN));
  g_assert_nonnull (co_draft_editor_get_tab (editor (fixture), CO_PLATFORM_LINKEDIN));
  wait_toast (fixture, "Repurposed");
}

static gint64
fixed_clock (gpointer data)
{
  return *(gint64 *)data;
}

/* A published draft shows as read-only, and a change is refused by the library. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  static gint64 now;
  g_autoptr(CoSchedule) schedule = NULL;
  g_autoptr(CoScheduleEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = NULL;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;
  now = G_GINT64_CONSTANT (1800000000) * G_USEC_PER_SEC;
  co_drafts_set_clock (fixture->drafts, fixed_clock, &now, NULL);
  schedule = co_schedule_new (fixture->drafts);
  id = make_draft (fixture, CO_DRAFT_STAGE_DRAFT, "Out", "It went out.", CO_PLATFORM_X);
  entry = co_schedule_add (schedule, id, CO_PLATFORM_X, now + G_TIME_SPAN_HOUR, "UTC", &error);
  g_assert_no_error (error);
  g_assert_true (co_drafts_move (fixture->drafts, id, CO_DRAFT_STAGE_SCHEDULED, &error));
  now += 2 * G_TIME_SPAN_HOUR;
  g_assert_true (co_drafts_record_publication (fixture->drafts, id, CO_PLATFORM_X, "1",
                                               "https://x.com/i/1", now - G_TIME_SPAN_HOUR,
                                               &error));
  g_assert_true (co_drafts_move (fixture->drafts, id, CO_DRAFT_STAGE_PUBLISHED, &error));
  g_assert_no_error (error);

  g_assert_true (co_drafts_page_open (fixture->page, id));
  g_assert_false (gtk_editable_get_editable (co_draft_editor_get_title (editor (fixture))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (co_draft_editor_get_links (editor (fixture)))));
  /* Nothing the editor does changes it: not a platform... */
  g_assert_false (co_draft_editor_set_platform (editor (fixture), CO_PLATFORM_LINKEDIN, TRUE));
  wait_toast (fixture, "read-only");
  /* ...nor text put in by a program, which the editor does not take as typing. */
  gtk_editable_set_text (co_draft_editor_get_title (editor (fixture)), "Changed");
  g_assert_false (co_draft_editor_get_dirty (editor (fixture)));
  g_assert_true (co_draft_editor_save (editor (fixture), &error));
  draft = load_draft (fixture, id);
  g_assert_cmpstr (co_draft_get_title (draft), ==, "Out");
  g_assert_false (co_draft_has_platform (draft, CO_PLATFORM_LINKEDIN));
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);
  co_test_desk_use_app_style ();

  g_test_add ("/app/drafts/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/app/drafts/board/move-drop", Fixture, NULL, fixture_set_up, test_move_drop,
              fixture_tear_down);
  g_test_add ("/app/drafts/board/move-keyboard", Fixture, NULL, fixture_set_up,
              test_move_keyboard, fixture_tear_down);
  g_test_add ("/app/drafts/board/filter", Fixture, NULL, fixture_set_up, test_filter,
              fixture_tear_down);

  g_test_add ("/app/drafts/editor/counter", Fixture, NULL, fixture_set_up, test_counter,
              fixture_tear_down);
  g_test_add ("/app/drafts/editor/own-text", Fixture, NULL, fixture_set_up, test_own_text,
              fixture_tear_down);
  g_test_add ("/app/drafts/editor/save-refused", Fixture, NULL, fixture_set_up,
              test_save_refused, fixture_tear_down);
  g_test_add ("/app/drafts/editor/links", Fixture, NULL, fixture_set_up, test_links,
              fixture_tear_down);
  g_test_add ("/app/drafts/editor/repurpose", Fixture, NULL, fixture_set_up, test_repurpose,
              fixture_tear_down);
  g_test_add ("/app/drafts/editor/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);

  return g_test_run ();
}
