/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-drafts.h"
#include "co-idea-duplicates.h"
#include "co-ideas-refine.h"
#include "co-ideas.h"
#include "co-platform.h"
#include "idea-fixture.h"

#define WAIT_MS 10000

static const char *const drone_tags[] = { "drone", "lake", "sunrise", NULL };
static const char *const many_tags[] = { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
                                         "golf", "hotel", "india", "juliett", NULL };

typedef struct
{
  GString  *pieces;
  guint     n_pieces;
  gboolean  done;
  guint     pieces_at_done;
} Stream;

static void
partial_cb (const char *text,
            gpointer    data)
{
  Stream *stream = data;

  g_assert_false (stream->done);
  g_string_append (stream->pieces, text);
  stream->n_pieces++;
}

/* Runs @generator on @context to its end; NULL with @error on failure. */
static CoIdeaResult *
generate (CoIdeaGenerator      *generator,
          const CoIdeaContext  *context,
          GCancellable         *cancellable,
          gboolean              cancel_at_once,
          Stream               *stream,
          GError              **error)
{
  g_autoptr(GAsyncResult) async = NULL;
  CoIdeaResult *result;

  co_idea_generator_generate_async (generator, context, stream ? partial_cb : NULL, stream,
                                    cancellable, co_test_async_ready_cb, &async);
  if (cancel_at_once)
    g_cancellable_cancel (cancellable);
  co_test_async_wait (&async, WAIT_MS);
  result = co_idea_generator_generate_finish (generator, async, error);
  if (stream != NULL)
    {
      stream->done = TRUE;
      stream->pieces_at_done = stream->n_pieces;
    }
  return result;
}

static void
fill_library (VaultFixture *fx)
{
  gint64 video;

  add_tagged_note (fx, "Drone shots over the lake", "Fly low at sunrise. Wind is calm then.",
                   drone_tags);
  add_tagged_note (fx, "Studio lighting on a budget", "Two lamps and a sheet.", NULL);
  video = add_tagged_note (fx, "Cooking pasta live", "Video.", NULL);
  make_video (fx, video, 250, "today we cook pasta with lemon and you will love it");
  put_trend (fx->store, CO_PLATFORM_YOUTUBE, "sunrise", 50, g_get_real_time ());
  put_trend (fx->store, CO_PLATFORM_YOUTUBE, "budget", 20, g_get_real_time ());
}

/* The same inputs give the same ideas, word for word. */
static void
test_deterministic (VaultFixture  *fx,
                    gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaContext) copy = NULL;
  g_autoptr(CoIdeaResult) first = NULL;
  g_autoptr(CoIdeaResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;

  fill_library (fx);
  context = build_context (fx, "youtube", 7);
  copy = co_idea_context_copy (context);
  first = generate (generator, context, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  second = generate (generator, copy, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->generator, ==, "offline");
  g_assert_null (first->fallback_reason);
  g_assert_cmpuint (first->suggestions->len, ==, 7);
  first_text = result_text (first);
  second_text = result_text (second);
  g_assert_cmpstr (first_text, ==, second_text);
  /* Not one template seven times: the titles differ. */
  for (guint i = 1; i < first->suggestions->len; i++)
    g_assert_cmpstr (((CoIdeaSuggestion *)g_ptr_array_index (first->suggestions, 0))->title, !=,
                     ((CoIdeaSuggestion *)g_ptr_array_index (first->suggestions, i))->title);
}

/* Trashed and excluded items never feed an idea. */
static void
test_no_trashed (VaultFixture  *fx,
                 gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 kept, trashed, excluded;

  kept = add_tagged_note (fx, "Kept note about kayaks", "Paddle.", NULL);
  trashed = add_tagged_note (fx, "Trashed secret plan", "Never use.", NULL);
  excluded = add_tagged_note (fx, "Excluded private diary", "Private.", NULL);
  g_assert_true (co_vault_trash (fx->vault, trashed, &error));
  g_assert_true (co_vault_set_excluded (fx->vault, excluded, TRUE, &error));
  g_assert_no_error (error);

  context = build_context (fx, NULL, 6);
  result = generate (generator, context, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  text = result_text (result);
  g_assert_nonnull (strstr (text, "kayaks"));
  g_assert_null (strstr (text, "Trashed"));
  g_assert_null (strstr (text, "Excluded"));
  for (guint i = 0; i < result->suggestions->len; i++)
    {
      CoIdeaSuggestion *s = g_ptr_array_index (result->suggestions, i);

      g_assert_cmpuint (s->source_ids->len, ==, 1);
      g_assert_cmpint (g_array_index (s->source_ids, gint64, 0), ==, kept);
    }
}

static guint
max_hashtags (const CoIdeaResult *result,
              guint              *out_min)
{
  guint most = 0, least = G_MAXUINT;

  for (guint i = 0; i < result->suggestions->len; i++)
    {
      CoIdeaSuggestion *s = g_ptr_array_index (result->suggestions, i);
      guint n = g_strv_length (s->hashtags);

      most = MAX (most, n);
      least = MIN (least, n);
      for (guint j = 0; j < n; j++)
        g_assert_true (s->hashtags[j][0] == '#');
    }
  *out_min = least;
  return most;
}

/* Each platform's custom (and Instagram's setting) bounds the hashtags. */
static void
test_hashtag_limit (VaultFixture  *fx,
                    gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  struct { const char *platform; int setting; guint limit; } cases[] = {
    { "instagram", 0, CO_PLATFORM_INSTAGRAM_HASHTAGS_DEFAULT },
    { "instagram", 2, 2 },
    { "x", 0, 2 },
    { "linkedin", 0, 3 },
  };

  add_tagged_note (fx, "Alphabet soup", "Every letter.", many_tags);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CoIdeaContext) context = build_context (fx, cases[i].platform, 3);
      g_autoptr(CoIdeaResult) result = NULL;
      g_autoptr(GError) error = NULL;
      guint least;

      co_idea_generator_offline_set_hashtag_limit (CO_IDEA_GENERATOR_OFFLINE (generator),
                                                   cases[i].setting);
      result = generate (generator, context, NULL, FALSE, NULL, &error);
      g_assert_no_error (error);
      /* Ten tags are on offer, so every suggestion fills its allowance. */
      g_assert_cmpuint (max_hashtags (result, &least), ==, cases[i].limit);
      g_assert_cmpuint (least, ==, cases[i].limit);
    }
}

/* Cancelling gives G_IO_ERROR_CANCELLED and no more text. */
static void
test_cancel (VaultFixture  *fx,
             gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Stream stream = { g_string_new (NULL) };

  fill_library (fx);
  context = build_context (fx, NULL, 20);
  g_cancellable_cancel (before);
  result = generate (generator, context, before, FALSE, &stream, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (stream.n_pieces, ==, 0);

  g_clear_error (&error);
  stream.done = FALSE;
  result = generate (generator, context, during, TRUE, &stream, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpuint (stream.n_pieces, ==, 0);
  g_string_free (stream.pieces, TRUE);
}

/* Each suggestion's text arrives before the result, in order. */
static void
test_partial_first (VaultFixture  *fx,
                    gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  Stream stream = { g_string_new (NULL) };

  fill_library (fx);
  context = build_context (fx, "youtube", 5);
  result = generate (generator, context, NULL, FALSE, &stream, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stream.pieces_at_done, ==, 5);
  for (guint i = 0; i < result->suggestions->len; i++)
    {
      g_autofree char *text = co_idea_suggestion_to_text (g_ptr_array_index (result->suggestions,
                                                                             i));
      g_string_append_printf (expected, "%s\n", text);
    }
  g_assert_cmpstr (stream.pieces->str, ==, expected->str);
  g_string_free (stream.pieces, TRUE);
}

/* Edits say what the vault knows: length against the platform, transcript. */
static void
test_edits (VaultFixture  *fx,
            gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[2];
  g_autofree char *video_edits = NULL;
  g_autofree char *note_edits = NULL;

  ids[0] = add_tagged_note (fx, "Cooking pasta live", "Video.", NULL);
  make_video (fx, ids[0], 250, "today we cook pasta with lemon");
  ids[1] = add_tagged_note (fx, "Gear list", "Camera and lens.", NULL);
  context = co_idea_context_build (fx->store, "youtube", ids, 2, 2, &error);
  g_assert_no_error (error);
  result = generate (generator, context, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  video_edits = g_strjoinv ("|", ((CoIdeaSuggestion *)g_ptr_array_index (result->suggestions,
                                                                         0))->edits);
  note_edits = g_strjoinv ("|", ((CoIdeaSuggestion *)g_ptr_array_index (result->suggestions,
                                                                        1))->edits);
  g_assert_nonnull (strstr (video_edits, "It runs 4:10"));
  g_assert_nonnull (strstr (video_edits, "Short"));
  g_assert_nonnull (strstr (video_edits, "subtitles from the transcript"));
  g_assert_null (strstr (note_edits, "subtitles"));
  g_assert_null (strstr (note_edits, "runs"));
}

static CoIdeaSuggestion *
suggestion_at (CoIdeaResult *result,
               guint         index)
{
  return g_ptr_array_index (result->suggestions, index);
}

/* A suggestion that repeats a stored idea, or an earlier suggestion, is
 * flagged with the reason; the others are not. */
static void
test_duplicates (VaultFixture  *fx,
                 gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 idea;

  add_tagged_note (fx, "Drone shots over the lake", "Fly low.", drone_tags);
  /* One source, eight ideas: the six angles wrap, so the seventh repeats
   * the first's angle on the same source. */
  context = build_context (fx, NULL, 8);
  result = generate (generator, context, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (co_ideas_flag_duplicates (fx->store, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 6; i++)
    g_assert_null (suggestion_at (result, i)->duplicate_reason);
  g_assert_cmpint (suggestion_at (result, 6)->duplicate_of, ==, 0);
  g_assert_nonnull (strstr (suggestion_at (result, 6)->duplicate_reason, "suggestion 1 “"));

  idea = co_ideas_save_suggestion (fx->store, suggestion_at (result, 2), &error);
  g_assert_no_error (error);
  g_assert_true (co_ideas_flag_duplicates (fx->store, result, &error));
  g_assert_cmpint (suggestion_at (result, 2)->duplicate_of, ==, idea);
  expected = g_strdup_printf ("shares 100 %% of its words with idea %" G_GINT64_FORMAT " “%s”",
                              idea, suggestion_at (result, 2)->title);
  g_assert_cmpstr (suggestion_at (result, 2)->duplicate_reason, ==, expected);
  g_assert_cmpint (suggestion_at (result, 1)->duplicate_of, ==, 0);
  g_assert_null (suggestion_at (result, 1)->duplicate_reason);
}

static void
assert_draft (CoStore      *store,
              gint64        draft_id,
              const char   *title,
              const gint64 *items,
              guint         n_items)
{
  g_autoptr(CoDrafts) drafts = co_drafts_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) draft = co_drafts_get (drafts, draft_id, &error);
  const gint64 *linked;
  guint n_linked = 0;

  g_assert_no_error (error);
  g_assert_cmpint (co_draft_get_stage (draft), ==, CO_DRAFT_STAGE_SAVED);
  g_assert_cmpstr (co_draft_get_title (draft), ==, title);
  g_assert_true (g_str_has_prefix (co_draft_get_body (draft), "Hook: "));
  g_assert_null (strstr (co_draft_get_body (draft), "Vault items:"));
  linked = co_draft_get_item_ids (draft, &n_linked);
  g_assert_cmpuint (n_linked, ==, n_items);
  for (guint i = 0; i < n_items; i++)
    g_assert_cmpint (linked[i], ==, items[i]);
}

/* Refining a suggestion, or a stored idea, makes a Saved draft linked to
 * its sources; trashed sources are left out. */
static void
test_refine (VaultFixture  *fx,
             gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[2], draft, idea;

  ids[0] = add_tagged_note (fx, "Drone shots over the lake", "Fly low.", drone_tags);
  ids[1] = add_tagged_note (fx, "Gear list", "Camera.", NULL);
  context = co_idea_context_build (fx->store, "instagram", ids, 2, 2, &error);
  g_assert_no_error (error);
  result = generate (generator, context, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);

  draft = co_ideas_refine_suggestion (fx->store, suggestion_at (result, 0), "instagram", &error);
  g_assert_no_error (error);
  assert_draft (fx->store, draft, suggestion_at (result, 0)->title, &ids[0], 1);

  idea = co_ideas_save_suggestion (fx->store, suggestion_at (result, 1), &error);
  g_assert_no_error (error);
  draft = co_ideas_refine (fx->store, idea, NULL, &error);
  g_assert_no_error (error);
  assert_draft (fx->store, draft, suggestion_at (result, 1)->title, &ids[1], 1);

  g_assert_true (co_vault_trash (fx->vault, ids[1], &error));
  draft = co_ideas_refine (fx->store, idea, NULL, &error);
  g_assert_no_error (error);
  assert_draft (fx->store, draft, suggestion_at (result, 1)->title, NULL, 0);

  g_assert_cmpint (co_ideas_refine (fx->store, idea + 100, NULL, &error), ==, 0);
  g_assert_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (co_ideas_refine (fx->store, idea, "myspace", &error), ==, 0);
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "myspace"));
}

/* A very long item title is cut, so every suggestion can be kept. */
static void
test_long_title (VaultFixture  *fx,
                 gconstpointer  data)
{
  g_autoptr(CoIdeaGenerator) generator = co_idea_generator_offline_new ();
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strnfill (300, 'w');

  add_tagged_note (fx, title, "Long.", NULL);
  context = build_context (fx, NULL, 6);
  result = generate (generator, context, NULL, FALSE, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < result->suggestions->len; i++)
    {
      g_assert_cmpint (co_ideas_save_suggestion (fx->store, suggestion_at (result, i), &error),
                       >, 0);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (suggestion_at (result, i)->title, "…"));
    }
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, VaultFixture, NULL, vault_fixture_set_up, func, vault_fixture_tear_down)
  ADD ("/core/ideas/offline/deterministic", test_deterministic);
  ADD ("/core/ideas/offline/no-trashed", test_no_trashed);
  ADD ("/core/ideas/offline/hashtag-limit", test_hashtag_limit);
  ADD ("/core/ideas/offline/cancel", test_cancel);
  ADD ("/core/ideas/offline/partial-first", test_partial_first);
  ADD ("/core/ideas/offline/edits", test_edits);
  ADD ("/core/ideas/duplicates", test_duplicates);
  ADD ("/core/ideas/refine", test_refine);
  ADD ("/core/ideas/offline/long-title", test_long_title);
#undef ADD

  return g_test_run ();
}
