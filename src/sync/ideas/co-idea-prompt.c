/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-llm"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "co-idea-prompt.h"

/*
 * What a language model is asked, and how its answer is read.
 *
 * The prompt is built from the same context as the offline generator's answer:
 * trends, the best posts, then the vault items, most relevant first.  Each
 * part is shortened to a fixed length, and parts are added until the budget is
 * spent: the model's context size, less room for the answer (about 200 tokens
 * an idea, at most half), counted at CO_IDEA_PROMPT_CHARS_PER_TOKEN characters
 * (bytes, to err short) a token.  The prompt is the model's input, not the
 * user's: it stays in English whatever the interface language.
 *
 * The model is asked for one JSON object per line.  The answer is read
 * tolerantly: code fences, list markers and chatter around the objects are
 * skipped, a JSON array of objects is taken too, strings stand for one-item
 * lists, and source ids the context does not hold are dropped.
 */

#define ANSWER_TOKENS_PER_IDEA 200
#define MAX_TRENDS             20
#define MAX_POSTS              5
#define POST_CHARS             280
#define TITLE_CHARS            120
#define NOTES_CHARS            300
#define TRANSCRIPT_CHARS       600

static const char system_format[] =
  "You suggest ideas for a video creator's next posts%s%s. Answer with exactly %u lines "
  "and nothing else. Each line is one JSON object with these members: \"title\" (one "
  "line), \"hook\" (the opening line of the post or video), \"outline\" (an array of 3 to "
  "6 short steps of the script), \"edits\" (an array of edit suggestions), \"hashtags\" "
  "(an array of hashtags, each starting with #) and \"sources\" (an array of the ids of "
  "the vault items the idea draws on). Draw on the vault items, trends and best posts "
  "given; use only the ids given.";

/**
 * co_idea_prompt_budget:
 * @context: what the ideas are drawn from
 * @context_tokens: the model's context size, in tokens
 *
 * Returns: how many bytes the system and user messages may take together
 */
gsize
co_idea_prompt_budget (const CoIdeaContext *context,
                       guint                context_tokens)
{
  guint tokens = MAX (context_tokens, CO_IDEA_PROMPT_MIN_TOKENS);
  guint answer = MIN (tokens / 2, context->count * ANSWER_TOKENS_PER_IDEA);

  return (gsize)(tokens - answer) * CO_IDEA_PROMPT_CHARS_PER_TOKEN;
}

/* Appends at most @max bytes of @text, cut after a whole character and, when
 * one is near, at a space; newlines become spaces so an item stays one line. */
static void
append_cut (GString    *out,
            const char *text,
            gsize       max)
{
  gsize start = out->len;
  const char *end;

  if (strlen (text) <= max)
    g_string_append (out, text);
  else
    {
      end = text + max;
      while (end > text && (*end & 0xC0) == 0x80)
        end--;
      for (const char *space = end; space > text && end - space < 40; space--)
        if (*space == ' ')
          {
            end = space;
            break;
          }
      g_string_append_len (out, text, end - text);
      g_string_append (out, "…");
    }
  for (gsize i = start; i < out->len; i++)
    if (out->str[i] == '\n' || out->str[i] == '\r')
      out->str[i] = ' ';
}

/* Adds @part when it fits in what is left of the budget; returns whether it did. */
static gboolean
add_part (GString    *user,
          const char *part,
          gsize       budget)
{
  if (user->len + strlen (part) > budget)
    return FALSE;
  g_string_append (user, part);
  return TRUE;
}

static char *
describe_source (const CoIdeaSource *source)
{
  GString *out = g_string_new (NULL);
  g_autofree char *tags = g_strjoinv (", ", source->tags);

  g_string_append_printf (out, "- [id %" G_GINT64_FORMAT "] ", source->item_id);
  append_cut (out, source->title != NULL ? source->title : "", TITLE_CHARS);
  if (tags[0] != '\0')
    {
      g_string_append (out, " — tags: ");
      append_cut (out, tags, TITLE_CHARS);
    }
  if (source->notes != NULL && source->notes[0] != '\0')
    {
      g_string_append (out, " — notes: ");
      append_cut (out, source->notes, NOTES_CHARS);
    }
  if (source->transcript != NULL && source->transcript[0] != '\0')
    {
      g_string_append (out, " — says: ");
      append_cut (out, source->transcript, TRANSCRIPT_CHARS);
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* One section: its heading, then as many of its lines as fit. */
static void
add_section (GString    *user,
             const char *heading,
             GPtrArray  *lines,
             gsize       budget)
{
  g_autofree char *head = g_strdup_printf ("\n%s:\n", heading);

  if (lines->len == 0 || !add_part (user, head, budget))
    return;
  for (guint i = 0; i < lines->len; i++)
    if (!add_part (user, g_ptr_array_index (lines, i), budget))
      return;
}

static GPtrArray *
list_lines (GPtrArray *texts,
            guint      max,
            gsize      chars)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < texts->len && i < max; i++)
    {
      GString *line = g_string_new ("- ");

      append_cut (line, g_ptr_array_index (texts, i), chars);
      g_string_append_c (line, '\n');
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  return lines;
}

/**
 * co_idea_prompt_build:
 * @context: what the ideas are drawn from
 * @context_tokens: the model's context size, in tokens
 * @system: (out) (transfer full): the system message
 * @user: (out) (transfer full): the user message
 *
 * Builds the messages, together no longer than co_idea_prompt_budget().
 */
void
co_idea_prompt_build (const CoIdeaContext  *context,
                      guint                 context_tokens,
                      char                **system,
                      char                **user)
{
  gsize budget = co_idea_prompt_budget (context, context_tokens);
  g_autoptr(GPtrArray) trends = list_lines (context->trends, MAX_TRENDS, TITLE_CHARS);
  g_autoptr(GPtrArray) posts = list_lines (context->top_posts, MAX_POSTS, POST_CHARS);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ask = NULL;
  GString *out;

  g_return_if_fail (context != NULL && system != NULL && user != NULL);

  *system = g_strdup_printf (system_format, context->platform != NULL ? " on " : "",
                             context->platform != NULL ? context->platform : "", context->count);
  budget = budget > strlen (*system) ? budget - strlen (*system) : 0;
  for (guint i = 0; i < context->sources->len; i++)
    g_ptr_array_add (sources, describe_source (g_ptr_array_index (context->sources, i)));
  out = g_string_new (NULL);
  ask = g_strdup_printf ("Suggest %u ideas.\n", context->count);
  add_part (out, ask, budget);
  add_section (out, "Current trends, strongest first", trends, budget);
  add_section (out, "The creator's best posts, best first", posts, budget);
  add_section (out, "Vault items, most relevant first", sources, budget);
  *user = g_string_free (out, FALSE);
}

static gboolean
context_has_source (const CoIdeaContext *context,
                    gint64               id)
{
  for (guint i = 0; i < context->sources->len; i++)
    if (((CoIdeaSource *)g_ptr_array_index (context->sources, i))->item_id == id)
      return TRUE;
  return FALSE;
}

/* A list member: an array of strings, or one string for a list of one. */
static char **
dup_list (JsonObject *object,
          const char *name,
          gboolean    hashtags)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (out, g_strstrip (g_strdup (json_node_get_string (element))));
    }
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_ptr_array_add (out, g_strstrip (g_strdup (json_node_get_string (node))));
  for (guint i = 0; hashtags && i < out->len; i++)
    {
      char *tag = g_ptr_array_index (out, i);
      g_auto(GStrv) words = g_strsplit (tag[0] == '#' ? tag + 1 : tag, " ", -1);
      g_autofree char *joined = g_strjoinv ("", words);

      out->pdata[i] = g_strconcat ("#", joined, NULL);
      g_free (tag);
    }
  g_ptr_array_add (out, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static void
add_source_ids (CoIdeaSuggestion    *suggestion,
                JsonObject          *object,
                const CoIdeaContext *context)
{
  JsonNode *node = json_object_get_member (object, "sources");
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 id = 0;

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
        id = json_node_get_int (element);
      else if (JSON_NODE_HOLDS_VALUE (element) &&
               json_node_get_value_type (element) == G_TYPE_STRING)
        id = g_ascii_strtoll (json_node_get_string (element), NULL, 10);
      if (id > 0 && context_has_source (context, id))
        g_array_append_val (suggestion->source_ids, id);
    }
}

static CoIdeaSuggestion *
suggestion_from_object (JsonObject          *object,
                        const CoIdeaContext *context)
{
  g_autoptr(CoIdeaSuggestion) suggestion = NULL;
  const char *member = json_object_get_string_member_with_default (object, "title", NULL);
  g_autofree char *title = member != NULL ? g_strstrip (g_strdup (member)) : NULL;

  if (title == NULL || title[0] == '\0')
    return NULL;
  suggestion = co_idea_suggestion_new ();
  suggestion->title = g_steal_pointer (&title);
  suggestion->hook = g_strstrip (g_strdup (json_object_get_string_member_with_default (object,
                                                                                      "hook",
                                                                                      "")));
  suggestion->outline = dup_list (object, "outline", FALSE);
  suggestion->edits = dup_list (object, "edits", FALSE);
  suggestion->hashtags = dup_list (object, "hashtags", TRUE);
  add_source_ids (suggestion, object, context);
  return g_steal_pointer (&suggestion);
}

static void
add_from_node (GPtrArray           *out,
               JsonNode            *node,
               const CoIdeaContext *context)
{
  CoIdeaSuggestion *suggestion;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_from_node (out, json_array_get_element (array, i), context);
      return;
    }
  if (out->len >= context->count || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  suggestion = suggestion_from_object (json_node_get_object (node), context);
  if (suggestion != NULL)
    g_ptr_array_add (out, suggestion);
}

/* Parses @text as JSON and adds what it holds; returns whether it was JSON. */
static gboolean
add_from_text (GPtrArray           *out,
               const char          *text,
               gssize               length,
               const CoIdeaContext *context)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, length, NULL))
    return FALSE;
  add_from_node (out, json_parser_get_root (parser), context);
  return TRUE;
}

/**
 * co_idea_prompt_parse:
 * @answer: the model's whole answer
 * @context: the context it was asked with
 *
 * Returns: (transfer full) (element-type CoIdeaSuggestion): the ideas read
 *   from @answer, at most the number asked for; empty when none could be read
 */
GPtrArray *
co_idea_prompt_parse (const char          *answer,
                      const CoIdeaContext *context)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)co_idea_suggestion_free);
  g_auto(GStrv) lines = NULL;
  const char *open;
  const char *close;

  g_return_val_if_fail (answer != NULL && context != NULL, out);

  lines = g_strsplit (answer, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *brace = strchr (lines[i], '{');

      if (brace != NULL)
        add_from_text (out, brace, -1, context);
    }
  open = strchr (answer, '[');
  close = strrchr (answer, ']');
  if (out->len == 0 && open != NULL && close != NULL && close > open)
    add_from_text (out, open, close - open + 1, context);
  return out;
}
