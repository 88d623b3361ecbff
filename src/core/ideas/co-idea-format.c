/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-ideas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-idea-format.h"

/*
 * A suggestion as text: what the offline generator streams, what the
 * command line prints, and the notes of an idea saved from a suggestion.
 * Saved notes end with one line that names the vault items the idea drew
 * on ("Vault items: 3, 7"), so that refining the idea later links them to
 * the draft.  The line's marker is not translated: it is read back.
 */

#define SOURCES_MARKER "Vault items: "

static void
append_list (GString            *out,
             const char         *heading,
             const char * const *lines,
             gboolean            numbered)
{
  if (lines == NULL || lines[0] == NULL)
    return;
  g_string_append_printf (out, "%s\n", heading);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (numbered)
        g_string_append_printf (out, "  %u. %s\n", i + 1, lines[i]);
      else
        g_string_append_printf (out, "  - %s\n", lines[i]);
    }
}

/* Everything but the title and the sources. */
static void
append_body (GString                *out,
             const CoIdeaSuggestion *suggestion)
{
  g_autofree char *hashtags = NULL;

  g_string_append_printf (out, _("Hook: %s\n"), suggestion->hook != NULL ? suggestion->hook : "");
  append_list (out, _("Outline:"), (const char * const *)suggestion->outline, TRUE);
  append_list (out, _("Edits:"), (const char * const *)suggestion->edits, FALSE);
  if (suggestion->hashtags != NULL && suggestion->hashtags[0] != NULL)
    {
      hashtags = g_strjoinv (" ", suggestion->hashtags);
      g_string_append_printf (out, _("Hashtags: %s\n"), hashtags);
    }
}

/**
 * co_idea_suggestion_to_text:
 * @suggestion: a suggestion
 *
 * Returns: (transfer full): the suggestion as lines of text: its title,
 *   hook, outline, edits and hashtags
 */
char *
co_idea_suggestion_to_text (const CoIdeaSuggestion *suggestion)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (suggestion != NULL, NULL);

  g_string_append_printf (out, "%s\n", suggestion->title != NULL ? suggestion->title : "");
  append_body (out, suggestion);
  return g_string_free (out, FALSE);
}

/**
 * co_idea_suggestion_to_notes:
 * @suggestion: a suggestion
 *
 * Returns: (transfer full): the notes of an idea saved from @suggestion:
 *   everything but the title, and a last line naming its vault items, read
 *   back by co_idea_notes_get_source_ids()
 */
char *
co_idea_suggestion_to_notes (const CoIdeaSuggestion *suggestion)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (suggestion != NULL, NULL);

  append_body (out, suggestion);
  for (guint i = 0; i < suggestion->source_ids->len; i++)
    g_string_append_printf (out, "%s%lld", i == 0 ? SOURCES_MARKER : ", ",
                            (long long)g_array_index (suggestion->source_ids, gint64, i));
  if (suggestion->source_ids->len > 0)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* The start of the sources line in @notes, or NULL. */
static const char *
find_sources_line (const char *notes)
{
  const char *found = NULL;
  const char *p = notes;

  while (p != NULL && *p != '\0')
    {
      if (g_str_has_prefix (p, SOURCES_MARKER))
        found = p;
      p = strchr (p, '\n');
      p = p != NULL ? p + 1 : NULL;
    }
  return found;
}

/**
 * co_idea_notes_get_source_ids:
 * @notes: (nullable): an idea's notes
 *
 * Returns: (transfer full) (element-type gint64): the vault items named by
 *   the last sources line of @notes, possibly none
 */
GArray *
co_idea_notes_get_source_ids (const char *notes)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *line = find_sources_line (notes);
  const char *p = line != NULL ? line + strlen (SOURCES_MARKER) : NULL;

  while (p != NULL && g_ascii_isdigit (*p))
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (p, &end, 10);

      if (id > 0)
        g_array_append_val (ids, id);
      p = g_str_has_prefix (end, ", ") ? end + 2 : NULL;
    }
  return ids;
}

/**
 * co_idea_notes_strip_sources:
 * @notes: (nullable): an idea's notes
 *
 * Returns: (transfer full): @notes without its sources line and the space
 *   around it
 */
char *
co_idea_notes_strip_sources (const char *notes)
{
  const char *line = find_sources_line (notes);
  g_autofree char *kept = NULL;

  if (notes == NULL)
    return g_strdup ("");
  kept = line != NULL ? g_strndup (notes, line - notes) : g_strdup (notes);
  return g_strdup (g_strstrip (kept));
}
