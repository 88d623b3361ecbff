/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-test-util.h"
#include "co-workflow-def.h"

/*
 * Workflow definitions: the JSON form, each reason a definition is refused,
 * and, as a property, that validation finds a cycle in exactly the random
 * graphs that have one (by a plain reachability check written here), and
 * names stages that do form one.
 */

static void
assert_refused (const char *json,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoWorkflowDef) def = co_workflow_def_new_from_json (json, &error);

  g_assert_null (def);
  g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID);
  if (strstr (error->message, reason) == NULL)
    g_error ("“%s” does not say “%s”", error->message, reason);
}

static void
test_json_round_trip (void)
{
  const char *json =
    "{\"name\": \"Sponsored video\", \"members\": [\"alice\", \"bob\"],"
    " \"stages\": [{\"name\": \"edit\"},"
    "  {\"name\": \"legal\", \"after\": [\"edit\"], \"approvers\": [\"bob\"], \"timeout\": \"48h\"},"
    "  {\"name\": \"brand\", \"after\": [\"edit\"], \"approvers\": [\"alice\", \"bob\"]},"
    "  {\"name\": \"final\", \"after\": [\"legal\", \"brand\"], \"approvers\": [\"alice\"],"
    "   \"timeout\": \"90m\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CoWorkflowDef) def = co_workflow_def_new_from_json (json, &error);
  g_autoptr(CoWorkflowDef) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  CoWorkflowStage *legal;

  g_assert_no_error (error);
  g_assert_cmpstr (def->name, ==, "Sponsored video");
  g_assert_cmpuint (def->stages->len, ==, 4);
  g_assert_cmpint (co_workflow_def_find_stage (def, "legal"), ==, 1);
  legal = g_ptr_array_index (def->stages, 1);
  g_assert_true (co_workflow_stage_is_gate (legal));
  g_assert_false (co_workflow_stage_is_gate (g_ptr_array_index (def->stages, 0)));
  g_assert_cmpint (legal->timeout, ==, 48 * 3600);
  g_assert_cmpint (((CoWorkflowStage *)g_ptr_array_index (def->stages, 3))->timeout, ==, 5400);
  text = co_workflow_def_to_json (def);
  again = co_workflow_def_new_from_json (text, &error);
  g_assert_no_error (error);
  text_again = co_workflow_def_to_json (again);
  g_assert_cmpstr (text, ==, text_again);
  g_assert_nonnull (strstr (text, "\"90m\""));
}

static void
test_refused (void)
{
  assert_refused ("{\"name\": \"Empty\", \"stages\": []}", "it has no stages");
  assert_refused ("{\"name\": \"Empty\"}", "it has no stages");
  assert_refused ("[1, 2]", "not a JSON object");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\", \"approvers\": [\"carol\"]}],"
                  " \"members\": [\"alice\"]}", "names “carol” as an approver");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\", \"after\": [\"b\"]}]}",
                  "stage “a” waits for “b”, which is not a stage of it");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\", \"after\": [\"b\"]},"
                  " {\"name\": \"b\", \"after\": [\"c\"]}, {\"name\": \"c\", \"after\": [\"a\"]}]}",
                  "cycle: “");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\", \"after\": [\"a\"]}]}",
                  "cycle: “a” → “a”");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
                  "two stages are named “a”");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\", \"aproovers\": []}]}",
                  "unknown key “aproovers”");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\", \"timeout\": \"2h\"}]}",
                  "has a timeout but no approvers");
  assert_refused ("{\"name\": \"X\", \"members\": [\"al\"], \"stages\": [{\"name\": \"a\","
                  " \"approvers\": [\"al\"], \"timeout\": \"2 weeks\"}]}", "“2 weeks” is not a timeout");
  assert_refused ("{\"name\": \" \", \"stages\": [{\"name\": \"a\"}]}", "give it a name");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": 7}]}", "it needs a “name”");
  assert_refused ("{\"name\": \"X\", \"stages\": [{\"name\": \"a\", \"after\": [3]}]}",
                  "must be a list of names");
  assert_refused ("{\"name\": \"X\", \"members\": [\"al\", \"al\"], \"stages\": [{\"name\": \"a\"}]}",
                  "“al” is named twice");
}

static void
test_timeouts (void)
{
  const char *good[] = { "1m", "90m", "48h", "7d", "366d" };
  const gint64 seconds[] = { 60, 5400, 172800, 604800, 366 * 86400 };
  const char *bad[] = { "", "h", "0h", "-1h", "1.5h", "367d", "10", "1w", " 1h", "1hh" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *back = NULL;
      gint64 value = 0;

      g_assert_true (co_workflow_parse_timeout (good[i], &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, seconds[i]);
      back = co_workflow_format_timeout (value);
      g_assert_true (co_workflow_parse_timeout (back, &value, &error));
      g_assert_cmpint (value, ==, seconds[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = 0;

      g_assert_false (co_workflow_parse_timeout (bad[i], &value, &error));
      g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID);
    }
}

/* The independent check: with edges dependency → stage as an adjacency
 * matrix, some stage reaches itself by a path of one or more edges. */
static gboolean
has_cycle (const gboolean *edge,
           int             n)
{
  for (int start = 0; start < n; start++)
    {
      g_autofree gboolean *seen = g_new0 (gboolean, n);
      g_autofree int *queue = g_new (int, n);
      int head = 0, tail = 0;

      for (int v = 0; v < n; v++)
        if (edge[start * n + v] && !seen[v])
          seen[v] = TRUE, queue[tail++] = v;
      while (head < tail)
        {
          int u = queue[head++];

          if (u == start)
            return TRUE;
          for (int v = 0; v < n; v++)
            if (edge[u * n + v] && !seen[v])
              seen[v] = TRUE, queue[tail++] = v;
        }
    }
  return FALSE;
}

static CoWorkflowDef *
random_graph (GRand    *rand,
              gboolean *edge,
              int       n)
{
  CoWorkflowDef *def = co_workflow_def_new ("random");
  /* Sparse to dense, so that both answers come up often. */
  double density = g_rand_double_range (rand, 0.0, 3.0 / n);

  for (int v = 0; v < n; v++)
    {
      g_autoptr(GStrvBuilder) after = g_strv_builder_new ();
      g_autofree char *name = g_strdup_printf ("s%d", v);
      g_auto(GStrv) names = NULL;

      for (int u = 0; u < n; u++)
        {
          edge[u * n + v] = g_rand_double (rand) < density;
          if (edge[u * n + v])
            {
              g_autofree char *dep = g_strdup_printf ("s%d", u);
              g_strv_builder_add (after, dep);
            }
        }
      names = g_strv_builder_end (after);
      co_workflow_def_add_stage (def, name, (const char *const *)names, NULL, 0);
    }
  return def;
}

static void
assert_is_cycle (const CoWorkflowDef *def,
                 GArray              *cycle,
                 const gboolean      *edge,
                 int                  n)
{
  g_assert_cmpuint (cycle->len, >=, 1);
  for (guint k = 0; k < cycle->len; k++)
    {
      int u = g_array_index (cycle, int, k);
      int v = g_array_index (cycle, int, (k + 1) % cycle->len);

      g_assert_true (edge[u * n + v]);
    }
}

static void
test_cycles_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  guint n_cyclic = 0;

  for (int run = 0; run < 1500; run++)
    {
      int n = g_rand_int_range (rand, 1, 13);
      g_autofree gboolean *edge = g_new0 (gboolean, n * n);
      g_autoptr(CoWorkflowDef) def = random_graph (rand, edge, n);
      g_autoptr(GArray) cycle = co_workflow_def_find_cycle (def);
      g_autoptr(GError) error = NULL;
      gboolean expected = has_cycle (edge, n);
      gboolean valid = co_workflow_def_validate (def, &error);

      if (expected != (cycle != NULL) || valid == expected)
        g_error ("graph %d (%d stages): reachability says %s, find_cycle %s, validate %s", run, n,
                 expected ? "cycle" : "none", cycle != NULL ? "cycle" : "none",
                 valid ? "valid" : error->message);
      n_cyclic += expected;
      if (cycle == NULL)
        continue;
      assert_is_cycle (def, cycle, edge, n);
      g_assert_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "cycle"));
    }
  /* Both kinds of graph came up often enough to mean something. */
  g_assert_cmpuint (n_cyclic, >, 200);
  g_assert_cmpuint (n_cyclic, <, 1300);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/workflow/def/json-round-trip", test_json_round_trip);
  g_test_add_func ("/core/workflow/def/refused", test_refused);
  g_test_add_func ("/core/workflow/def/timeouts", test_timeouts);
  g_test_add_func ("/core/workflow/def/cycles-property", test_cycles_property);
  return g_test_run ();
}
