/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-ideas"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "co-idea-offline-private.h"
#include "co-platform.h"

/*
 * One offline suggestion, made from templates and the context alone: no
 * clock, no random numbers, so the same context always gives the same
 * ideas.  Suggestion i draws on source i (wrapping round), with an angle
 * that moves on each time the sources wrap, so a source is never given the
 * same angle twice until every angle was used.  The edits say only what
 * the vault knows: whether a transcript exists, how long the item runs,
 * what kind of item it is.
 */

/* How much of a transcript or note a quotation in the outline shows. */
#define QUOTE_MAX_CHARS 120
/* The longest topic a title or hook quotes, in characters; the longest
 * title template adds about 40. */
#define TOPIC_MAX_CHARS 100
/* X plays videos of up to 2:20 for most accounts. */
#define X_VIDEO_MAX_SECONDS 140.0

typedef struct
{
  const char *title;
  const char *hook;
} Angle;

/* Each has one %s: the topic. */
static const Angle angles[] = {
  { N_("What nobody tells you about %s"),
    N_("Nobody told me this about %s, so I am telling you.") },
  { N_("%s in 60 seconds"), N_("Here is %s in one minute, no filler.") },
  { N_("I tried %s so you don't have to"), N_("I spent a week on %s. Here is what happened.") },
  { N_("3 mistakes I made with %s"), N_("I got %s wrong three times before it worked.") },
  { N_("Behind the scenes: %s"),
    N_("You have seen the result. This is how %s really came together.") },
  { N_("%s, before and after"), N_("Same %s, two versions: watch the difference.") },
};

/* g_strv_builder_take() is newer than GLib 2.74. */
static void
builder_take (GStrvBuilder *builder,
              char         *line)
{
  g_strv_builder_add (builder, line);
  g_free (line);
}

/* @text (taken) cut to @max characters, the last of them "…" when cut. */
static char *
shorten (char  *text,
         glong  max)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= max)
    return text;
  head = g_strndup (text, g_utf8_offset_to_pointer (text, max - 1) - text);
  g_free (text);
  return g_strconcat (head, "…", NULL);
}

/* The first sentence of @text, at most QUOTE_MAX_CHARS characters, or NULL. */
static char *
first_sentence (const char *text)
{
  g_autofree char *line = NULL;
  const char *end;

  if (text == NULL || *text == '\0')
    return NULL;
  end = strpbrk (text, ".!?\n");
  line = g_strstrip (end != NULL ? g_strndup (text, end - text) : g_strdup (text));
  if (*line == '\0')
    return NULL;
  return shorten (g_steal_pointer (&line), QUOTE_MAX_CHARS);
}

static char *
format_duration (double seconds)
{
  int whole = (int)(seconds + 0.5);

  return g_strdup_printf ("%d:%02d", whole / 60, whole % 60);
}

static const CoIdeaSource *
source_at (const CoIdeaContext *context,
           guint                index)
{
  if (context->sources->len == 0)
    return NULL;
  return g_ptr_array_index (context->sources, index % context->sources->len);
}

static const char *
trend_at (const CoIdeaContext *context,
          guint                index)
{
  if (context->trends->len == 0)
    return NULL;
  return g_ptr_array_index (context->trends, index % context->trends->len);
}

static const char *
topic_of (const CoIdeaContext *context,
          guint                index)
{
  const CoIdeaSource *source = source_at (context, index);
  const char *trend = trend_at (context, index);

  if (source != NULL && source->title != NULL && *source->title != '\0')
    return source->title;
  if (trend != NULL)
    return trend;
  return _("your latest project");
}

static void
add_quote_step (GStrvBuilder       *steps,
                const CoIdeaSource *source)
{
  g_autofree char *said = source != NULL ? first_sentence (source->transcript) : NULL;
  g_autofree char *noted = source != NULL ? first_sentence (source->notes) : NULL;

  if (said != NULL)
    builder_take (steps, g_strdup_printf (_("Set the scene with what you said: “%s”"),
                                                 said));
  else if (noted != NULL)
    builder_take (steps, g_strdup_printf (_("Start from your note: “%s”"), noted));
}

static void
add_tags_step (GStrvBuilder       *steps,
               const CoIdeaSource *source)
{
  g_autofree char *tags = NULL;
  char *some[4] = { NULL };

  if (source == NULL || source->tags[0] == NULL)
    return;
  for (guint i = 0; i < 3 && source->tags[i] != NULL; i++)
    some[i] = source->tags[i];
  tags = g_strjoinv (", ", some);
  builder_take (steps, g_strdup_printf (_("Cover what it is about: %s"), tags));
}

static GStrv
make_outline (const CoIdeaContext *context,
              guint                index,
              const char          *hook)
{
  g_autoptr(GStrvBuilder) steps = g_strv_builder_new ();
  const CoIdeaSource *source = source_at (context, index);
  const char *trend = trend_at (context, index);
  g_autofree char *best = context->top_posts->len > 0
                          ? first_sentence (g_ptr_array_index (context->top_posts, 0)) : NULL;

  builder_take (steps, g_strdup_printf (_("Hook: %s"), hook));
  add_quote_step (steps, source);
  add_tags_step (steps, source);
  if (trend != NULL)
    builder_take (steps, g_strdup_printf (_("Tie it to what is trending: %s"), trend));
  if (best != NULL)
    builder_take (steps, g_strdup_printf (_("Borrow the shape of your best post: “%s”"),
                                                 best));
  g_strv_builder_add (steps, _("Close with one question for the comments"));
  return g_strv_builder_end (steps);
}

static void
add_length_edits (GStrvBuilder        *edits,
                  const CoIdeaContext *context,
                  double               duration)
{
  g_autofree char *runs = format_duration (duration);

  if (g_strcmp0 (context->platform, "youtube") == 0 && duration > CO_PLATFORM_SHORT_MAX_SECONDS)
    builder_take (edits, g_strdup_printf (_("It runs %s: cut it to 3:00 or less to post it "
                                                   "as a Short"), runs));
  else if (g_strcmp0 (context->platform, "x") == 0 && duration > X_VIDEO_MAX_SECONDS)
    builder_take (edits, g_strdup_printf (_("It runs %s: X plays 2:20 for most accounts, "
                                                   "so cut it or link the full video"), runs));
  else if (duration > 60)
    builder_take (edits, g_strdup_printf (_("It runs %s: make the point land in the "
                                                   "first 3 seconds"), runs));
}

static GStrv
make_edits (const CoIdeaContext *context,
            guint                index)
{
  g_autoptr(GStrvBuilder) edits = g_strv_builder_new ();
  const CoIdeaSource *source = source_at (context, index);
  gboolean timed = source != NULL && (g_strcmp0 (source->type, "video") == 0 ||
                                      g_strcmp0 (source->type, "audio") == 0);

  if (source == NULL)
    g_strv_builder_add (edits, _("Pick a clip from the vault to show while you talk"));
  else if (timed)
    {
      if (source->duration > 0)
        add_length_edits (edits, context, source->duration);
      g_strv_builder_add (edits, *source->transcript != '\0'
                          ? _("Add subtitles from the transcript you already have")
                          : _("There is no transcript yet: make subtitles from speech first"));
      g_strv_builder_add (edits, _("Run silence detection and cut the long pauses"));
    }
  else if (g_strcmp0 (source->type, "image") == 0)
    g_strv_builder_add (edits, _("Use the image as the cover or the first frame"));
  else
    g_strv_builder_add (edits, _("Put the key line of the note on screen as text"));
  return g_strv_builder_end (edits);
}

static GStrv
make_hashtags (const CoIdeaContext *context,
               guint                index,
               int                  instagram_limit)
{
  const CoIdeaSource *source = source_at (context, index);
  const char *trend = trend_at (context, index);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  /* The words of the item, not of the template, suggest hashtags. */
  g_autofree char *text = g_strjoin (" ", topic_of (context, index),
                                     source != NULL ? source->notes : "", NULL);
  CoPlatform platform = CO_PLATFORM_YOUTUBE;
  GStrv hashtags;

  for (guint i = 0; source != NULL && source->tags[i] != NULL; i++)
    g_ptr_array_add (tags, source->tags[i]);
  if (trend != NULL)
    g_ptr_array_add (tags, (char *)trend);
  g_ptr_array_add (tags, NULL);
  /* The context's platform was checked when it was built; NULL means any,
   * which gets YouTube's (and LinkedIn's) custom of three. */
  if (context->platform != NULL)
    co_platform_from_string (context->platform, &platform, NULL);
  hashtags = co_platform_suggest_hashtags (platform, text, (const char * const *)tags->pdata,
                                           platform == CO_PLATFORM_INSTAGRAM ? instagram_limit : 0,
                                           NULL);
  return hashtags != NULL ? hashtags : g_new0 (char *, 1);
}

/**
 * _co_idea_offline_compose:
 * @context: what the idea draws on
 * @index: which of the context's ideas, from 0
 * @instagram_limit: Instagram's hashtag limit setting, or 0 for its default
 *
 * Returns: (transfer full): the @index-th offline suggestion for @context
 */
CoIdeaSuggestion *
_co_idea_offline_compose (const CoIdeaContext *context,
                          guint                index,
                          int                  instagram_limit)
{
  CoIdeaSuggestion *suggestion = co_idea_suggestion_new ();
  const CoIdeaSource *source = source_at (context, index);
  guint n_sources = MAX (context->sources->len, 1);
  const Angle *angle = &angles[(index % n_sources + index / n_sources) % G_N_ELEMENTS (angles)];
  /* Short enough that the title can be kept as an idea. */
  g_autofree char *topic = shorten (g_strdup (topic_of (context, index)), TOPIC_MAX_CHARS);

  suggestion->title = g_strdup_printf (_(angle->title), topic);
  suggestion->hook = g_strdup_printf (_(angle->hook), topic);
  suggestion->outline = make_outline (context, index, suggestion->hook);
  suggestion->edits = make_edits (context, index);
  suggestion->hashtags = make_hashtags (context, index, instagram_limit);
  if (source != NULL)
    g_array_append_val (suggestion->source_ids, source->item_id);
  return suggestion;
}
