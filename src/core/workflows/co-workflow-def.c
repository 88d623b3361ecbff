/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-workflows"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-json-read.h"
#include "co-workflow-def.h"

/*
 * A workflow's definition: its stages, what each waits for, who decides at
 * its gates.  Checked as a whole before anything is stored, so that a run
 * can always go from its first stages to its last: every name known, no
 * stage waiting (through others) for itself.
 */

/* The longest name of a workflow, a stage or a person, in characters. */
#define NAME_MAX_CHARS 100

static void
stage_free (gpointer data)
{
  CoWorkflowStage *stage = data;

  g_free (stage->name);
  g_strfreev (stage->after);
  g_strfreev (stage->approvers);
  g_free (stage);
}

/**
 * co_workflow_def_new:
 * @name: the workflow's name
 *
 * Returns: (transfer full): a definition with no members and no stages
 */
CoWorkflowDef *
co_workflow_def_new (const char *name)
{
  CoWorkflowDef *def = g_new0 (CoWorkflowDef, 1);

  def->name = g_strdup (name != NULL ? name : "");
  def->members = g_new0 (char *, 1);
  def->stages = g_ptr_array_new_with_free_func (stage_free);
  return def;
}

/**
 * co_workflow_def_free:
 * @def: (transfer full) (nullable): a definition
 */
void
co_workflow_def_free (CoWorkflowDef *def)
{
  if (def == NULL)
    return;
  g_free (def->name);
  g_strfreev (def->members);
  g_ptr_array_unref (def->stages);
  g_free (def);
}

/**
 * co_workflow_def_add_stage:
 * @def: a definition
 * @name: the stage's name
 * @after: (nullable) (array zero-terminated=1): the stages it waits for
 * @approvers: (nullable) (array zero-terminated=1): who decides, for a gate
 * @timeout: seconds a gate waits, or 0
 *
 * Appends a stage; nothing is checked until co_workflow_def_validate().
 *
 * Returns: (transfer none): the new stage
 */
CoWorkflowStage *
co_workflow_def_add_stage (CoWorkflowDef     *def,
                           const char        *name,
                           const char *const *after,
                           const char *const *approvers,
                           gint64             timeout)
{
  CoWorkflowStage *stage = g_new0 (CoWorkflowStage, 1);
  const char *const none[] = { NULL };

  g_return_val_if_fail (def != NULL, NULL);

  stage->name = g_strdup (name != NULL ? name : "");
  stage->after = g_strdupv ((char **)(after != NULL ? after : none));
  stage->approvers = g_strdupv ((char **)(approvers != NULL ? approvers : none));
  stage->timeout = timeout;
  g_ptr_array_add (def->stages, stage);
  return stage;
}

/**
 * co_workflow_stage_is_gate:
 * @stage: a stage
 *
 * Returns: whether the stage waits for an approver's decision
 */
gboolean
co_workflow_stage_is_gate (const CoWorkflowStage *stage)
{
  return stage->approvers != NULL && stage->approvers[0] != NULL;
}

/**
 * co_workflow_def_find_stage:
 * @def: a definition
 * @name: a stage's name
 *
 * Returns: the index of the first stage named @name, or -1
 */
int
co_workflow_def_find_stage (const CoWorkflowDef *def,
                            const char          *name)
{
  for (guint i = 0; i < def->stages->len; i++)
    if (g_strcmp0 (((CoWorkflowStage *)g_ptr_array_index (def->stages, i))->name, name) == 0)
      return i;
  return -1;
}

#define STAGE(def, i) ((CoWorkflowStage *)g_ptr_array_index ((def)->stages, (i)))

/* Walks back from @start, always to a dependency still in @left, until a
 * stage comes round again: the stages from its first visit on are a cycle,
 * each one after the next, so reversed they read in running order. */
static GArray *
walk_to_cycle (const CoWorkflowDef *def,
               const gboolean      *left,
               int                  start)
{
  g_autofree int *seen_at = g_new (int, def->stages->len);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *cycle = g_array_new (FALSE, FALSE, sizeof (int));
  int v = start;

  for (guint i = 0; i < def->stages->len; i++)
    seen_at[i] = -1;
  while (seen_at[v] < 0)
    {
      char **after = STAGE (def, v)->after;
      int next = -1;

      seen_at[v] = path->len;
      g_array_append_val (path, v);
      for (guint k = 0; after[k] != NULL && next < 0; k++)
        {
          int u = co_workflow_def_find_stage (def, after[k]);
          if (u >= 0 && left[u])
            next = u;
        }
      g_assert (next >= 0);
      v = next;
    }
  for (int k = path->len - 1; k >= seen_at[v]; k--)
    g_array_append_val (cycle, g_array_index (path, int, k));
  return cycle;
}

/**
 * co_workflow_def_find_cycle:
 * @def: a definition whose dependencies all name stages of it
 *
 * Looks for stages that wait, through each other, for themselves.  Takes
 * away every stage whose dependencies are all taken away already (Kahn's
 * order); whatever is left waits for something left, so walking back
 * through what is left comes round to a cycle.
 *
 * Returns: (transfer full) (nullable) (element-type int): the indices of
 *   the stages of one cycle, each a dependency of the next and the last one
 *   of the first; %NULL when there is no cycle
 */
GArray *
co_workflow_def_find_cycle (const CoWorkflowDef *def)
{
  guint n = def->stages->len;
  g_autofree gboolean *left = g_new (gboolean, n);
  guint n_left = n;
  gboolean progress = TRUE;

  for (guint i = 0; i < n; i++)
    left[i] = TRUE;
  while (progress)
    {
      progress = FALSE;
      for (guint i = 0; i < n; i++)
        {
          gboolean ready = left[i];
          char **after = STAGE (def, i)->after;

          for (guint k = 0; ready && after[k] != NULL; k++)
            {
              int u = co_workflow_def_find_stage (def, after[k]);
              ready = u < 0 || !left[u];
            }
          if (ready)
            {
              left[i] = FALSE;
              n_left--;
              progress = TRUE;
            }
        }
    }
  for (guint i = 0; n_left > 0 && i < n; i++)
    if (left[i])
      return walk_to_cycle (def, left, i);
  return NULL;
}

static gboolean
invalid (GError     **error,
         const char  *workflow,
         const char  *reason)
{
  g_set_error (error, CO_WORKFLOW_ERROR, CO_WORKFLOW_ERROR_INVALID,
               _("Workflow “%s” is not valid: %s"), workflow, reason);
  return FALSE;
}

static gboolean
check_name (const char *name)
{
  g_autofree char *stripped = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  stripped = g_strstrip (g_strdup (name));
  return stripped[0] != '\0' && strcmp (stripped, name) == 0 &&
         g_utf8_strlen (name, -1) <= NAME_MAX_CHARS && strpbrk (name, "\r\n\t") == NULL;
}

static char *
check_members (const CoWorkflowDef *def)
{
  for (guint i = 0; def->members[i] != NULL; i++)
    {
      if (!check_name (def->members[i]))
        return g_strdup_printf (_("“%s” is not a name for a person: write 1 to %d characters, "
                                  "no spaces around them"), def->members[i], NAME_MAX_CHARS);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (def->members[i], def->members[j]))
          return g_strdup_printf (_("“%s” is named twice as a member"), def->members[i]);
    }
  return NULL;
}

static char *
check_stage (const CoWorkflowDef   *def,
             guint                  index,
             const CoWorkflowStage *stage)
{
  if (!check_name (stage->name))
    return g_strdup_printf (_("stage %u has no usable name (1 to %d characters, no spaces "
                              "around them)"), index + 1, NAME_MAX_CHARS);
  if (co_workflow_def_find_stage (def, stage->name) != (int)index)
    return g_strdup_printf (_("two stages are named “%s”"), stage->name);
  for (guint k = 0; stage->after[k] != NULL; k++)
    if (co_workflow_def_find_stage (def, stage->after[k]) < 0)
      return g_strdup_printf (_("stage “%s” waits for “%s”, which is not a stage of it"),
                              stage->name, stage->after[k]);
  for (guint k = 0; stage->approvers[k] != NULL; k++)
    if (!g_strv_contains ((const char *const *)def->members, stage->approvers[k]))
      return g_strdup_printf (_("stage “%s” names “%s” as an approver, who is not a member "
                                "of the workflow"), stage->name, stage->approvers[k]);
  if (stage->timeout < 0 || (stage->timeout > 0 && !co_workflow_stage_is_gate (stage)))
    return g_strdup_printf (_("stage “%s” has a timeout but no approvers; only a gate "
                              "waits"), stage->name);
  return NULL;
}

static char *
describe_cycle (const CoWorkflowDef *def,
                GArray              *cycle)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint k = 0; k <= cycle->len; k++)
    {
      int i = g_array_index (cycle, int, k % cycle->len);

      if (k > 0)
        g_string_append (names, " → ");
      g_string_append_printf (names, "“%s”", STAGE (def, i)->name);
    }
  return g_strdup_printf (_("its stages wait for each other in a cycle: %s"), names->str);
}

/**
 * co_workflow_def_validate:
 * @def: a definition
 * @error: return location for a #GError
 *
 * Checks that @def can run: it has a name and stages; names are unique;
 * every dependency is a stage of it and every approver a member; only
 * gates have timeouts; and no stage waits for itself through others.
 *
 * Returns: %TRUE when it can, else %FALSE with %CO_WORKFLOW_ERROR_INVALID,
 *   whose message gives the reason (for a cycle, the stages in it)
 */
gboolean
co_workflow_def_validate (const CoWorkflowDef  *def,
                          GError              **error)
{
  g_autofree char *reason = NULL;
  g_autoptr(GArray) cycle = NULL;

  g_return_val_if_fail (def != NULL, FALSE);

  if (!check_name (def->name))
    return invalid (error, def->name,
                    _("give it a name of 1 to 100 characters, with no spaces around it"));
  if (def->stages->len == 0)
    return invalid (error, def->name, _("it has no stages"));
  reason = check_members (def);
  for (guint i = 0; reason == NULL && i < def->stages->len; i++)
    reason = check_stage (def, i, STAGE (def, i));
  if (reason == NULL && (cycle = co_workflow_def_find_cycle (def)) != NULL)
    reason = describe_cycle (def, cycle);
  if (reason != NULL)
    return invalid (error, def->name, reason);
  return TRUE;
}
