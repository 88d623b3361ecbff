/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-draft-error.h"
#include "co-draft-stage.h"

G_DEFINE_ENUM_TYPE (CoDraftStage, co_draft_stage,
                    G_DEFINE_ENUM_VALUE (CO_DRAFT_STAGE_SAVED, "saved"),
                    G_DEFINE_ENUM_VALUE (CO_DRAFT_STAGE_DRAFT, "draft"),
                    G_DEFINE_ENUM_VALUE (CO_DRAFT_STAGE_SCHEDULED, "scheduled"),
                    G_DEFINE_ENUM_VALUE (CO_DRAFT_STAGE_PUBLISHED, "published"))

static const char *const stage_names[CO_N_DRAFT_STAGES] = {
  "saved", "draft", "scheduled", "published",
};

static const char *const stage_display[CO_N_DRAFT_STAGES] = {
  N_("Saved"), N_("Draft"), N_("Scheduled"), N_("Published"),
};

/**
 * co_draft_stage_to_string:
 * @stage: a #CoDraftStage
 *
 * Returns: the stage's stable name, as stored and as the CLI takes it
 */
const char *
co_draft_stage_to_string (CoDraftStage stage)
{
  g_return_val_if_fail (stage < CO_N_DRAFT_STAGES, NULL);
  return stage_names[stage];
}

/**
 * co_draft_stage_display_name:
 * @stage: a #CoDraftStage
 *
 * Returns: the stage's name for people, translated
 */
const char *
co_draft_stage_display_name (CoDraftStage stage)
{
  g_return_val_if_fail (stage < CO_N_DRAFT_STAGES, NULL);
  return _(stage_display[stage]);
}

/**
 * co_draft_stage_from_string:
 * @name: a stage name such as "draft", in any case
 * @out_stage: (out): where the stage goes
 * @error: return location for %CO_DRAFT_ERROR_INVALID naming @name
 *
 * Returns: %TRUE when @name is a stage
 */
gboolean
co_draft_stage_from_string (const char    *name,
                            CoDraftStage  *out_stage,
                            GError       **error)
{
  g_return_val_if_fail (out_stage != NULL, FALSE);

  for (int i = 0; name != NULL && i < CO_N_DRAFT_STAGES; i++)
    if (g_ascii_strcasecmp (name, stage_names[i]) == 0)
      {
        *out_stage = i;
        return TRUE;
      }
  g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
               _("“%s” is not a draft stage (saved, draft, scheduled, published)"),
               name != NULL ? name : "");
  return FALSE;
}

/**
 * co_draft_stage_check_move:
 * @draft_id: the draft, for the message
 * @from: its stage
 * @to: the stage asked for
 * @error: return location for %CO_DRAFT_ERROR_MOVE_REFUSED with the reason
 *
 * Checks the move against the rule alone (one step forward, or Scheduled back
 * to Draft); what the target stage requires of the draft is checked by
 * co_drafts_move().  A board uses this to know where a card may be dropped.
 *
 * Returns: %TRUE when the rule allows the move
 */
gboolean
co_draft_stage_check_move (gint64         draft_id,
                           CoDraftStage   from,
                           CoDraftStage   to,
                           GError       **error)
{
  const char *reason;

  g_return_val_if_fail (from < CO_N_DRAFT_STAGES && to < CO_N_DRAFT_STAGES, FALSE);

  if (to == from + 1 || (from == CO_DRAFT_STAGE_SCHEDULED && to == CO_DRAFT_STAGE_DRAFT))
    return TRUE;
  if (from == to)
    reason = _("it is already there");
  else if (from == CO_DRAFT_STAGE_PUBLISHED)
    reason = _("a published draft is read-only");
  else if (to > from)
    reason = _("a draft moves forward one stage at a time");
  else
    reason = _("only a scheduled draft can go back, and only to Draft");
  g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_MOVE_REFUSED,
               _("Draft %lld cannot move from %s to %s: %s"), (long long)draft_id,
               co_draft_stage_display_name (from), co_draft_stage_display_name (to), reason);
  return FALSE;
}
