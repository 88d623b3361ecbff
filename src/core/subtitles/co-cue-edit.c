/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-cue-edit.h"
#include "co-cue-time.h"
#include "co-export-error.h"
#include "co-subtitle.h"

/* A person's edit of one cue: the times and lines as typed, checked, and
 * applied to a copy of the list so that nothing changes when they are
 * wrong. */

static gboolean
check_edit (const char  *start,
            const char  *end,
            const char  *text,
            gint64      *start_us,
            gint64      *end_us,
            GError     **error)
{
  if (!co_cue_time_parse (start, start_us, error) || !co_cue_time_parse (end, end_us, error))
    return FALSE;
  if (*end_us <= *start_us)
    {
      g_set_error (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                   _("The cue must end after it starts (%s is not after %s)"), end, start);
      return FALSE;
    }
  if (text[strspn (text, " \t\n")] == '\0')
    {
      g_set_error_literal (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                           _("The cue has no text"));
      return FALSE;
    }
  return TRUE;
}

/**
 * co_cue_list_edit:
 * @cues: (element-type CoCue): a cue list
 * @index: the cue edited
 * @start: its start as typed, H:MM:SS.mmm
 * @end: its end as typed
 * @text: its lines, separated by newlines
 * @error: return location for a #GError
 *
 * Applies an edit of one cue.  The edited cue counts as checked by a
 * person: its confidence becomes 1 and it is no longer flagged.  Blank
 * space around the lines is dropped.
 *
 * Returns: (transfer full) (element-type CoCue): a new list with the edit,
 *   or %NULL with %CO_EXPORT_ERROR_PARSE for a time that is not one, or
 *   %CO_EXPORT_ERROR_INVALID for no such cue, an end not after the start or
 *   no text
 */
GPtrArray *
co_cue_list_edit (GPtrArray   *cues,
                  guint        index,
                  const char  *start,
                  const char  *end,
                  const char  *text,
                  GError     **error)
{
  g_autoptr(GPtrArray) edited = NULL;
  gint64 start_us = 0, end_us = 0;
  CoCue *cue;

  g_return_val_if_fail (cues != NULL, NULL);
  g_return_val_if_fail (start != NULL && end != NULL && text != NULL, NULL);

  if (index >= cues->len)
    {
      g_set_error_literal (error, CO_EXPORT_ERROR, CO_EXPORT_ERROR_INVALID,
                           _("No cue is being edited"));
      return NULL;
    }
  if (!check_edit (start, end, text, &start_us, &end_us, error))
    return NULL;
  edited = co_cue_list_copy (cues);
  cue = g_ptr_array_index (edited, index);
  g_free (cue->text);
  cue->text = g_strstrip (g_strdup (text));
  cue->start_us = start_us;
  cue->end_us = end_us;
  cue->confidence = 1;
  cue->flagged = FALSE;
  return g_steal_pointer (&edited);
}
