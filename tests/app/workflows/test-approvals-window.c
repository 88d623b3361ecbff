/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "co-approvals-window.h"
#include "co-test-desk.h"
#include "co-test-util.h"
#include "co-window.h"

/* The approvals inbox in the real window under Xvfb: gates listed, a
 * decision refused with the library's reason, approval and rejection. */

#define WAIT_MS 30000

typedef struct
{
  CoTestDesk  desk;
  CoDrafts   *drafts;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (co_test_desk_set_up (&fixture->desk))
    fixture->drafts = co_drafts_new (fixture->desk.store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->drafts != NULL)
    co_test_assert_finalized (g_steal_pointer (&fixture->drafts), WAIT_MS);
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
}

/* Two drafts waiting at the "review" gate, which only "bob" decides. */
static void
submit_two (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoWorkflowDef) def = co_workflow_def_new_from_json (
    "{\"name\": \"Review\", \"members\": [\"bob\"], \"stages\": [{\"name\": \"review\","
    " \"approvers\": [\"bob\"], \"timeout\": \"7d\"}]}", &error);
  const char *titles[] = { "Studio tour", "Gear list" };

  g_assert_cmpint (co_workflows_define (fixture->desk.store, def, &error), >, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      CoDraftNew spec = { CO_DRAFT_STAGE_SAVED, titles[i], "Text", NULL, 0, NULL, 0 };
      gint64 id = co_drafts_create (fixture->drafts, &spec, &error);

      g_assert_no_error (error);
      g_assert_cmpint (co_workflows_submit (fixture->drafts, "Review", id, &error), >, 0);
      g_assert_no_error (error);
    }
}

static CoApprovalsWindow *
find_inbox (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CO_IS_APPROVALS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return CO_APPROVALS_WINDOW (window);
    }
  return NULL;
}

static gboolean
inbox_shown (gpointer data)
{
  return find_inbox () != NULL;
}

static CoDraftStage
stage_of (Fixture *fixture,
          gint64   id)
{
  g_autoptr(CoDraft) draft = co_drafts_get (fixture->drafts, id, NULL);

  g_assert_nonnull (draft);
  return co_draft_get_stage (draft);
}

static gboolean
inbox_idle (gpointer data)
{
  return !co_approvals_window_get_busy (CO_APPROVALS_WINDOW (data));
}

/* Clicks and waits for the library's answer. */
static void
decide (CoApprovalsWindow  *inbox,
        CoWorkflowDecision  decision,
        const char         *comment)
{
  g_assert_true (co_approvals_window_decide (inbox, 0, decision, comment));
  g_assert_true (co_test_wait_until (inbox_idle, inbox, WAIT_MS));
}

static void
test_inbox (Fixture       *fixture,
            gconstpointer  data)
{
  CoApprovalsWindow *inbox;
  g_autofree char *shot = NULL;
  g_autoptr(GArray) history = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  co_test_desk_use_app_style ();
  submit_two (fixture);
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->desk.window), "approvals", NULL);
  g_assert_true (co_test_wait_until (inbox_shown, NULL, WAIT_MS));
  inbox = find_inbox ();
  g_assert_true (co_test_wait_until (inbox_idle, inbox, WAIT_MS));
  g_assert_cmpuint (co_approvals_window_get_n_rows (inbox), ==, 2);
  shot = co_test_desk_screenshot_window (&fixture->desk, GTK_WIDGET (inbox), "approvals.png",
                                         WAIT_MS);

  /* Someone who is not an approver: refused, nothing changes. */
  co_approvals_window_set_person (inbox, "mallory");
  decide (inbox, CO_WORKFLOW_APPROVE, NULL);
  g_assert_cmpuint (co_approvals_window_get_n_rows (inbox), ==, 2);
  /* A rejection without a comment: refused. */
  co_approvals_window_set_person (inbox, "bob");
  decide (inbox, CO_WORKFLOW_REJECT, "");
  g_assert_cmpuint (co_approvals_window_get_n_rows (inbox), ==, 2);

  decide (inbox, CO_WORKFLOW_APPROVE, "Looks good");
  g_assert_cmpuint (co_approvals_window_get_n_rows (inbox), ==, 1);
  g_assert_cmpint (stage_of (fixture, 1), ==, CO_DRAFT_STAGE_DRAFT);
  decide (inbox, CO_WORKFLOW_REJECT, "Too long");
  g_assert_cmpuint (co_approvals_window_get_n_rows (inbox), ==, 0);
  g_assert_cmpint (stage_of (fixture, 2), ==, CO_DRAFT_STAGE_SAVED);
  history = co_workflows_list_history (fixture->desk.store, 2, NULL);
  g_assert_cmpstr (g_array_index (history, CoWorkflowEvent, history->len - 1).comment, ==,
                   "Too long");
  g_assert_cmpstr (g_array_index (history, CoWorkflowEvent, history->len - 1).actor, ==, "bob");
  gtk_window_destroy (GTK_WINDOW (inbox));
}

int
main (int   argc,
      char *argv[])
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/workflows/inbox", Fixture, NULL, fixture_set_up, test_inbox,
              fixture_tear_down);
  return g_test_run ();
}
