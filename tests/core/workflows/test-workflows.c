/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-workflows.h"
#include "drafts-fixture.h"

/*
 * Runs of drafts through workflows, on the fixture's clock: stages in the
 * order of their dependencies, gates and their approvers, rejection,
 * timeouts, completion, the inbox and the history.
 */

static const char review_json[] =
  "{\"name\": \"Sponsored video\", \"members\": [\"alice\", \"bob\", \"carol\"],"
  " \"stages\": [{\"name\": \"edit\"},"
  "  {\"name\": \"legal\", \"after\": [\"edit\"], \"approvers\": [\"bob\"], \"timeout\": \"1h\"},"
  "  {\"name\": \"brand\", \"after\": [\"edit\"], \"approvers\": [\"alice\", \"bob\"]},"
  "  {\"name\": \"final\", \"after\": [\"legal\", \"brand\"], \"approvers\": [\"alice\"]}]}";

static void
define_json (DraftsFixture *fx,
             const char    *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoWorkflowDef) def = co_workflow_def_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_cmpint (co_workflows_define (fx->base.store, def, &error), >, 0);
  g_assert_no_error (error);
}

/* A Draft with a time on X an hour ahead, so that approval can schedule it. */
static gint64
ready_draft (DraftsFixture *fx)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Sponsored unboxing", "Thanks to Acme.",
                         CO_PLATFORM_X);

  schedule_ok (fx, id, CO_PLATFORM_X, fx->now + 3 * G_TIME_SPAN_DAY);
  return id;
}

static CoDraftStage
stage_of (DraftsFixture *fx,
          gint64         id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = co_drafts_get (fx->drafts, id, &error);

  g_assert_no_error (error);
  return co_draft_get_stage (draft);
}

static void
decide_ok (DraftsFixture      *fx,
           gint64              id,
           const char         *stage,
           const char         *who,
           CoWorkflowDecision  decision,
           const char         *comment)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (co_workflows_decide (fx->drafts, id, stage, who, decision, comment, &error));
  g_assert_no_error (error);
}

static guint
count_waiting (DraftsFixture *fx,
               const char    *who)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) gates = co_workflows_list_waiting (fx->drafts, who, &error);

  g_assert_no_error (error);
  return gates->len;
}

/* The history's outcomes, with their stages, as "stage:outcome ...". */
static char *
history_text (DraftsFixture *fx,
              gint64         id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = co_workflows_list_history (fx->base.store, id, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      CoWorkflowEvent *event = &g_array_index (events, CoWorkflowEvent, i);
      g_string_append_printf (text, "%s%s:%s", i > 0 ? " " : "",
                              event->stage != NULL ? event->stage : "-", event->outcome);
    }
  return g_string_free (text, FALSE);
}

static void
test_define_list (DraftsFixture *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoWorkflowDef) def = co_workflow_def_new_from_json (review_json, &error);
  g_autoptr(CoWorkflowDef) bad = co_workflow_def_new ("Bad");
  g_autoptr(CoWorkflowDef) stored = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *before = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *ghost[] = { "ghost", NULL };

  g_assert_cmpint (co_workflows_define (fx->base.store, def, &error), >, 0);
  g_assert_cmpint (co_workflows_define (fx->base.store, def, &error), ==, 0);
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_EXISTS);
  g_clear_error (&error);
  co_workflow_def_add_stage (bad, "only", NULL, ghost, 0);
  g_assert_cmpint (co_workflows_define (fx->base.store, bad, &error), ==, 0);
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“ghost”"));
  g_clear_error (&error);

  all = co_workflows_list (fx->base.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  stored = co_workflows_get (fx->base.store, "Sponsored video", &error);
  g_assert_no_error (error);
  a = co_workflow_def_to_json (def);
  b = co_workflow_def_to_json (stored);
  g_assert_cmpstr (a, ==, b);
  g_assert_null (co_workflows_get (fx->base.store, "Nope", &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_FOUND);
}

static void
test_approve_all (DraftsFixture *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *history = NULL;
  gint64 id = ready_draft (fx);

  define_json (fx, review_json);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", id, &error), >, 0);
  g_assert_no_error (error);
  /* "edit" passed by itself; both gates after it wait. */
  g_assert_cmpuint (count_waiting (fx, NULL), ==, 2);
  g_assert_cmpuint (count_waiting (fx, "bob"), ==, 2);
  g_assert_cmpuint (count_waiting (fx, "alice"), ==, 1);
  g_assert_cmpuint (count_waiting (fx, "carol"), ==, 0);

  /* Two gates wait: which one must be said. */
  g_assert_false (co_workflows_decide (fx->drafts, id, NULL, "bob", CO_WORKFLOW_APPROVE, NULL,
                                       &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_WAITING);
  g_clear_error (&error);
  g_assert_false (co_workflows_decide (fx->drafts, id, "final", "alice", CO_WORKFLOW_APPROVE,
                                       NULL, &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_WAITING);
  g_clear_error (&error);
  g_assert_false (co_workflows_decide (fx->drafts, id, "legal", "alice", CO_WORKFLOW_APPROVE,
                                       NULL, &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_APPROVER);
  g_clear_error (&error);

  decide_ok (fx, id, "brand", "alice", CO_WORKFLOW_APPROVE, "Logo placement fine");
  decide_ok (fx, id, "legal", "bob", CO_WORKFLOW_APPROVE, NULL);
  g_assert_cmpint (stage_of (fx, id), ==, CO_DRAFT_STAGE_DRAFT);
  decide_ok (fx, id, NULL, "alice", CO_WORKFLOW_APPROVE, "Ship it");
  g_assert_cmpint (stage_of (fx, id), ==, CO_DRAFT_STAGE_SCHEDULED);
  g_assert_cmpuint (count_waiting (fx, NULL), ==, 0);
  history = history_text (fx, id);
  g_assert_cmpstr (history, ==, "-:submitted edit:passed legal:waiting brand:waiting "
                                "brand:approved legal:approved final:waiting final:approved "
                                "-:completed");
  g_assert_false (co_workflows_decide (fx->drafts, id, NULL, "alice", CO_WORKFLOW_APPROVE, NULL,
                                       &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_WAITING);
}

static void
test_reject (DraftsFixture *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  CoWorkflowEvent *last;
  gint64 id = ready_draft (fx);

  define_json (fx, review_json);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", id, &error), >, 0);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", id, &error), ==, 0);
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_ALREADY_RUNNING);
  g_clear_error (&error);
  /* Someone scheduled it by hand meanwhile; the rejection takes it back. */
  move_ok (fx, id, CO_DRAFT_STAGE_SCHEDULED);
  g_assert_false (co_workflows_decide (fx->drafts, id, "legal", "bob", CO_WORKFLOW_REJECT, "  ",
                                       &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID);
  g_clear_error (&error);
  fx->now += G_TIME_SPAN_MINUTE;
  decide_ok (fx, id, "legal", "bob", CO_WORKFLOW_REJECT, "The disclosure is missing");
  g_assert_cmpint (stage_of (fx, id), ==, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpuint (count_waiting (fx, NULL), ==, 0);
  events = co_workflows_list_history (fx->base.store, id, &error);
  last = &g_array_index (events, CoWorkflowEvent, events->len - 1);
  g_assert_cmpstr (last->outcome, ==, "rejected");
  g_assert_cmpstr (last->stage, ==, "legal");
  g_assert_cmpstr (last->actor, ==, "bob");
  g_assert_cmpstr (last->comment, ==, "The disclosure is missing");
  g_assert_cmpint (last->at, ==, fx->now);
  /* A new run may start now. */
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", id, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_timeout (DraftsFixture *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = NULL;
  gint64 id = ready_draft (fx);
  gint64 submitted = fx->now;

  define_json (fx, review_json);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", id, &error), >, 0);
  fx->now = submitted + G_TIME_SPAN_HOUR - 1;
  g_assert_cmpuint (co_workflows_check_timeouts (fx->drafts, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (count_waiting (fx, NULL), ==, 2);
  fx->now = submitted + G_TIME_SPAN_HOUR + 5 * G_TIME_SPAN_MINUTE;
  /* The inbox checks first, so the timed-out run is gone from it. */
  g_assert_cmpuint (count_waiting (fx, NULL), ==, 0);
  g_assert_cmpuint (co_workflows_check_timeouts (fx->drafts, &error), ==, 0);
  g_assert_false (co_workflows_decide (fx->drafts, id, "legal", "bob", CO_WORKFLOW_APPROVE, NULL,
                                       &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "“legal”"));
  events = co_workflows_list_history (fx->base.store, id, NULL);
  g_assert_cmpstr (g_array_index (events, CoWorkflowEvent, events->len - 1).outcome, ==,
                   "timed_out");
  g_assert_cmpstr (g_array_index (events, CoWorkflowEvent, events->len - 1).actor, ==,
                   CO_WORKFLOW_ACTOR);
  g_assert_cmpint (g_array_index (events, CoWorkflowEvent, events->len - 1).at, ==, fx->now);
  g_assert_cmpint (stage_of (fx, id), ==, CO_DRAFT_STAGE_DRAFT);
}

static void
test_no_gates (DraftsFixture *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *history = NULL;
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_SAVED, "Studio tour", "Walk through the studio.",
                         CO_PLATFORM_X);

  define_json (fx, "{\"name\": \"Checklist\", \"stages\": [{\"name\": \"b\", \"after\": [\"a\"]},"
                   " {\"name\": \"a\"}]}");
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Checklist", id, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (fx, id), ==, CO_DRAFT_STAGE_DRAFT);
  history = history_text (fx, id);
  /* "a" first although listed second: dependencies decide the order. */
  g_assert_cmpstr (history, ==, "-:submitted a:passed b:passed -:completed");
}

static void
test_refused_submissions (DraftsFixture *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 bare = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "No time yet", "Text.", CO_PLATFORM_X);
  gint64 scheduled = scheduled_draft (fx, CO_PLATFORM_X, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  define_json (fx, review_json);
  before = fingerprint (fx->base.store);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", bare, &error), ==, 0);
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "has no time"));
  g_clear_error (&error);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", scheduled, &error), ==, 0);
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_WRONG_STAGE);
  g_clear_error (&error);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Nope", bare, &error), ==, 0);
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", 9999, &error), ==, 0);
  g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (co_workflows_decide (fx->drafts, bare, NULL, "bob", CO_WORKFLOW_APPROVE, NULL,
                                       &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_NOT_WAITING);
  after = fingerprint (fx->base.store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM workflow_runs"), ==, 0);
}

/* The _async pairs the approvals inbox uses answer as the blocking calls
 * do, refusals included. */
static void
test_async (DraftsFixture *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) gates = NULL;
  gint64 id = ready_draft (fx);

  define_json (fx, review_json);
  g_assert_cmpint (co_workflows_submit (fx->drafts, "Sponsored video", id, &error), >, 0);
  g_assert_no_error (error);

  co_workflows_list_waiting_async (fx->drafts, "bob", NULL, co_test_async_ready_cb, &result);
  gates = co_workflows_list_waiting_finish (fx->drafts, co_test_async_wait (&result, 30000),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gates->len, ==, count_waiting (fx, "bob"));
  g_assert_cmpuint (gates->len, >, 0);
  /* The task holds the library until it is finalized, maybe in the worker. */
  co_test_assert_finalized (g_steal_pointer (&result), 30000);

  /* A rejection without a comment is refused with the reason. */
  co_workflows_decide_async (fx->drafts, id, "legal", "bob", CO_WORKFLOW_REJECT, NULL, NULL,
                             co_test_async_ready_cb, &result);
  g_assert_false (co_workflows_decide_finish (fx->drafts, co_test_async_wait (&result, 30000),
                                              &error));
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID);
  g_clear_error (&error);
  co_test_assert_finalized (g_steal_pointer (&result), 30000);

  fx->now += G_TIME_SPAN_MINUTE;
  co_workflows_decide_async (fx->drafts, id, "legal", "bob", CO_WORKFLOW_REJECT, "No disclosure",
                             NULL, co_test_async_ready_cb, &result);
  g_assert_true (co_workflows_decide_finish (fx->drafts, co_test_async_wait (&result, 30000),
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage_of (fx, id), ==, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpuint (count_waiting (fx, NULL), ==, 0);
  co_test_assert_finalized (g_steal_pointer (&result), 30000);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/workflow/define-list", test_define_list);
  DRAFTS_TEST ("/core/workflow/approve-all", test_approve_all);
  DRAFTS_TEST ("/core/workflow/reject", test_reject);
  DRAFTS_TEST ("/core/workflow/timeout", test_timeout);
  DRAFTS_TEST ("/core/workflow/no-gates", test_no_gates);
  DRAFTS_TEST ("/core/workflow/refused-submissions", test_refused_submissions);
  DRAFTS_TEST ("/core/workflow/async", test_async);
  return g_test_run ();
}
