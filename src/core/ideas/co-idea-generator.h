/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a generator is given: the same for every implementation, built from
 * the store by co_idea_context_build() (co-idea-context.h), so an offline
 * answer and a model's prompt draw on the same material. */

/**
 * CoIdeaSource:
 * @item_id: the vault item
 * @title: its title
 * @tags: its tags (%NULL-terminated, never %NULL)
 * @notes: its notes, or ""
 * @transcript: the start of its transcript (bounded), or ""
 * @type: what it is ("video", "audio", "image", "note", "link"), or ""
 * @duration: its length in seconds, or a negative number when it has none
 */
typedef struct
{
  gint64   item_id;
  char    *title;
  char   **tags;
  char    *notes;
  char    *transcript;
  char    *type;
  double   duration;
} CoIdeaSource;

/**
 * CoIdeaContext:
 * @platform: the target platform ("x", "linkedin", "youtube", "instagram"),
 *   or %NULL for any
 * @count: how many ideas are wanted (1–20)
 * @sources: (element-type CoIdeaSource): vault items, never trashed or
 *   excluded ones, most relevant first
 * @trends: (element-type utf8): current trend names (topics or hashtags),
 *   highest score first
 * @top_posts: (element-type utf8): the texts of the creator's
 *   best-performing posts, best first
 */
typedef struct
{
  char      *platform;
  guint      count;
  GPtrArray *sources;
  GPtrArray *trends;
  GPtrArray *top_posts;
} CoIdeaContext;

/**
 * CoIdeaSuggestion:
 * @title: one line
 * @hook: the opening line of the post or video
 * @outline: (array zero-terminated=1): the script outline, one step each
 * @edits: (array zero-terminated=1): edit suggestions
 * @hashtags: (array zero-terminated=1): hashtags, with their '#'
 * @source_ids: (element-type gint64): the vault items it draws on
 * @duplicate_of: the id of a stored idea it nearly repeats, or 0
 * @duplicate_reason: why it was flagged as a near duplicate, or %NULL
 */
typedef struct
{
  char    *title;
  char    *hook;
  char   **outline;
  char   **edits;
  char   **hashtags;
  GArray  *source_ids;
  gint64   duplicate_of;
  char    *duplicate_reason;
} CoIdeaSuggestion;

/**
 * CoIdeaResult:
 * @generator: who answered: "offline", or "model:<model name>"
 * @fallback_reason: when a model was asked for but the offline generator
 *   answered, why (no endpoint, no network, a timeout, an error);
 *   otherwise %NULL
 * @suggestions: (element-type CoIdeaSuggestion)
 */
typedef struct
{
  char      *generator;
  char      *fallback_reason;
  GPtrArray *suggestions;
} CoIdeaResult;

/**
 * CoIdeaPartialFunc:
 * @text: the next piece of text as it arrives (a model's token, or an
 *   offline suggestion's lines), never %NULL
 * @user_data: closure
 *
 * Called on the thread-default main context of the _async() call, in
 * order, before the result is ready.
 */
typedef void (*CoIdeaPartialFunc) (const char *text,
                                   gpointer    user_data);

#define CO_TYPE_IDEA_GENERATOR (co_idea_generator_get_type ())
G_DECLARE_INTERFACE (CoIdeaGenerator, co_idea_generator, CO, IDEA_GENERATOR, GObject)

struct _CoIdeaGeneratorInterface
{
  GTypeInterface parent_iface;

  void           (*generate_async)  (CoIdeaGenerator     *self,
                                     const CoIdeaContext *context,
                                     CoIdeaPartialFunc    partial,
                                     gpointer             partial_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
  CoIdeaResult * (*generate_finish) (CoIdeaGenerator     *self,
                                     GAsyncResult        *result,
                                     GError             **error);
};

/* @context is copied by the implementation if it needs it after return;
 * @partial may be %NULL.  Cancellation returns G_IO_ERROR_CANCELLED. */
void          co_idea_generator_generate_async  (CoIdeaGenerator     *self,
                                                 const CoIdeaContext *context,
                                                 CoIdeaPartialFunc    partial,
                                                 gpointer             partial_data,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CoIdeaResult *co_idea_generator_generate_finish (CoIdeaGenerator     *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void              co_idea_source_free     (CoIdeaSource     *source);
CoIdeaContext    *co_idea_context_new     (const char       *platform,
                                           guint             count);
CoIdeaContext    *co_idea_context_copy    (const CoIdeaContext *context);
void              co_idea_context_free    (CoIdeaContext    *context);
CoIdeaSuggestion *co_idea_suggestion_new  (void);
void              co_idea_suggestion_free (CoIdeaSuggestion *suggestion);
CoIdeaResult     *co_idea_result_new      (const char       *generator);
void              co_idea_result_free     (CoIdeaResult     *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoIdeaContext, co_idea_context_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoIdeaSuggestion, co_idea_suggestion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoIdeaResult, co_idea_result_free)

G_END_DECLS
