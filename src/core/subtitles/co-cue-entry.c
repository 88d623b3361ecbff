/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cue-entry.h"
#include "co-cue-time.h"
#include "co-subtitle.h"

/* One row of a cue list as a person reviews it: the times as they are
 * edited, the lines, and what the QA check says about the cue, worked out
 * once per change of the list so that scrolling reads only strings. */

struct _CoCueEntry
{
  GObject  parent_instance;

  char    *times;
  char    *text;
  char    *problems;
};

G_DEFINE_FINAL_TYPE (CoCueEntry, co_cue_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMES,
  PROP_TEXT,
  PROP_PROBLEMS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Every rule the cue at @index breaks, one per line, or %NULL. */
static char *
describe_problems (GPtrArray *problems,
                   guint      index)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      CoCueProblem *problem = g_ptr_array_index (problems, i);

      if (problem->cue_index != index)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s (%s)", problem->message,
                              co_cue_rule_to_string (problem->rule));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
co_cue_entry_finalize (GObject *object)
{
  CoCueEntry *self = (CoCueEntry *)object;

  g_free (self->times);
  g_free (self->text);
  g_free (self->problems);

  G_OBJECT_CLASS (co_cue_entry_parent_class)->finalize (object);
}

static void
co_cue_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CoCueEntry *self = CO_CUE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TIMES:
      g_value_set_string (value, self->times);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_PROBLEMS:
      g_value_set_string (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_cue_entry_class_init (CoCueEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = co_cue_entry_finalize;
  object_class->get_property = co_cue_entry_get_property;

  properties[PROP_TIMES] =
    g_param_spec_string ("times", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEMS] =
    g_param_spec_string ("problems", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_cue_entry_init (CoCueEntry *self)
{
}

static CoCueEntry *
entry_new (const CoCue *cue,
           char        *problems)
{
  CoCueEntry *self = g_object_new (CO_TYPE_CUE_ENTRY, NULL);
  g_autofree char *start = co_cue_time_format (cue->start_us);
  g_autofree char *end = co_cue_time_format (cue->end_us);

  self->times = g_strdup_printf ("%s – %s", start, end);
  self->text = g_strdup (cue->text);
  self->problems = problems;
  return self;
}

/**
 * co_cue_entries_new:
 * @cues: (element-type CoCue): a cue list
 * @rules: the rules to check the cues against
 * @out_n_flagged: (out) (optional): how many cues break a rule
 *
 * Returns: (transfer container) (element-type CoCueEntry): one entry per cue,
 *   in order
 */
GPtrArray *
co_cue_entries_new (GPtrArray        *cues,
                    const CoCueRules *rules,
                    guint            *out_n_flagged)
{
  g_autoptr(GPtrArray) problems = NULL;
  GPtrArray *entries;
  guint n_flagged = 0;

  g_return_val_if_fail (cues != NULL && rules != NULL, NULL);

  problems = co_subtitle_check (cues, rules);
  entries = g_ptr_array_new_full (cues->len, g_object_unref);
  for (guint i = 0; i < cues->len; i++)
    {
      char *text = describe_problems (problems, i);

      n_flagged += text != NULL;
      g_ptr_array_add (entries, entry_new (g_ptr_array_index (cues, i), text));
    }
  if (out_n_flagged != NULL)
    *out_n_flagged = n_flagged;
  return entries;
}

/** co_cue_entry_get_times: @self: an entry  Returns: "H:MM:SS.mmm – H:MM:SS.mmm" */
const char *
co_cue_entry_get_times (CoCueEntry *self)
{
  g_return_val_if_fail (CO_IS_CUE_ENTRY (self), NULL);
  return self->times;
}

/** co_cue_entry_get_text: @self: an entry  Returns: the cue's lines */
const char *
co_cue_entry_get_text (CoCueEntry *self)
{
  g_return_val_if_fail (CO_IS_CUE_ENTRY (self), NULL);
  return self->text;
}

/**
 * co_cue_entry_get_problems:
 * @self: an entry
 *
 * Returns: (nullable): every rule the cue breaks, one per line with the
 *   rule's name, or %NULL when it needs no review
 */
const char *
co_cue_entry_get_problems (CoCueEntry *self)
{
  g_return_val_if_fail (CO_IS_CUE_ENTRY (self), NULL);
  return self->problems;
}
