/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-drafts.h"
#include "co-idea-error.h"
#include "co-platform.h"
#include "co-vault-error.h"
#include "idea-fixture.h"

static const char *const travel_tags[] = { "travel", "sunrise", NULL };

static CoIdeaSource *
source_at (CoIdeaContext *context,
           guint          index)
{
  return g_ptr_array_index (context->sources, index);
}

/* An unknown platform, a trashed, an excluded or a missing item is refused
 * by name. */
static void
test_refused (VaultFixture  *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 trashed, excluded, missing;
  CoIdeaContext *context;
  g_autofree char *id_text = NULL;

  trashed = add_tagged_note (fx, "Old plan", "x", NULL);
  excluded = add_tagged_note (fx, "Private diary", "y", NULL);
  missing = excluded + 100;
  g_assert_true (co_vault_trash (fx->vault, trashed, &error));
  g_assert_true (co_vault_set_excluded (fx->vault, excluded, TRUE, &error));

  context = co_idea_context_build (fx->store, "myspace", NULL, 0, 3, &error);
  g_assert_null (context);
  g_assert_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "myspace"));
  g_clear_error (&error);

  context = co_idea_context_build (fx->store, NULL, &trashed, 1, 3, &error);
  g_assert_null (context);
  g_assert_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT " “Old plan”", trashed);
  g_assert_nonnull (strstr (error->message, id_text));
  g_assert_nonnull (strstr (error->message, "trash"));
  g_clear_error (&error);

  context = co_idea_context_build (fx->store, NULL, &excluded, 1, 3, &error);
  g_assert_null (context);
  g_assert_error (error, CO_IDEA_ERROR, CO_IDEA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Private diary"));
  g_assert_nonnull (strstr (error->message, "excluded"));
  g_clear_error (&error);

  context = co_idea_context_build (fx->store, NULL, &missing, 1, 3, &error);
  g_assert_null (context);
  g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

/* Given items come in the order given, with their tags, notes and the
 * bounded start of their transcripts. */
static void
test_given (VaultFixture  *fx,
            gconstpointer  data)
{
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_words = g_string_new (NULL);
  gint64 ids[3];

  for (guint i = 0; i < 400; i++)
    g_string_append (long_words, "word ");
  ids[0] = add_tagged_note (fx, "Second", "b", NULL);
  ids[1] = add_tagged_note (fx, "First", "a", travel_tags);
  ids[2] = add_tagged_note (fx, "Not asked for", "c", NULL);
  make_video (fx, ids[1], 30, long_words->str);
  {
    gint64 from[] = { ids[1], ids[0], ids[1] };

    context = co_idea_context_build (fx->store, "X", from, 3, 50, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (context->platform, ==, "x");
  g_assert_cmpuint (context->count, ==, 20);
  g_assert_cmpuint (context->sources->len, ==, 2);
  g_assert_cmpint (source_at (context, 0)->item_id, ==, ids[1]);
  g_assert_cmpint (source_at (context, 1)->item_id, ==, ids[0]);
  g_assert_cmpstr (source_at (context, 0)->tags[0], ==, "sunrise");
  g_assert_cmpstr (source_at (context, 0)->type, ==, "video");
  g_assert_cmpfloat (source_at (context, 0)->duration, ==, 30);
  g_assert_cmpuint (g_utf8_strlen (source_at (context, 0)->transcript, -1), ==,
                    CO_IDEA_TRANSCRIPT_MAX);
  g_assert_cmpstr (source_at (context, 1)->transcript, ==, "");
}

/* Without ids: recent usable items, those that match a trend first; the
 * live trends of the platform, ranked; archived ones left out. */
static void
test_recent_and_trends (VaultFixture  *fx,
                        gconstpointer  data)
{
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 plain, matching, trashed;
  guint archived = 0;

  matching = add_tagged_note (fx, "Morning walk", "m", travel_tags);
  plain = add_tagged_note (fx, "Desk setup", "d", NULL);
  trashed = add_tagged_note (fx, "Sunrise trash", "t", travel_tags);
  g_assert_true (co_vault_trash (fx->vault, trashed, &error));
  put_trend (fx->store, CO_PLATFORM_X, "sunrise", 10, now);
  put_trend (fx->store, CO_PLATFORM_X, "coffee", 40, now);
  put_trend (fx->store, CO_PLATFORM_X, "faded", 0.5, now);
  put_trend (fx->store, CO_PLATFORM_LINKEDIN, "elsewhere", 90, now);
  g_assert_true (co_trend_store_archive (fx->store, now, 7, 1.0, &archived, &error));
  g_assert_cmpuint (archived, ==, 1);

  context = co_idea_context_build (fx->store, "x", NULL, 0, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (context->trends->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (context->trends, 0), ==, "coffee");
  g_assert_cmpstr (g_ptr_array_index (context->trends, 1), ==, "sunrise");
  g_assert_cmpuint (context->sources->len, ==, 2);
  /* The older item matches a trend, so it comes before the newer one. */
  g_assert_cmpint (source_at (context, 0)->item_id, ==, matching);
  g_assert_cmpint (source_at (context, 1)->item_id, ==, plain);
}

/* The texts of the most viewed posts, best first. */
static void
test_top_posts (VaultFixture  *fx,
                gconstpointer  data)
{
  g_autoptr(CoDrafts) drafts = co_drafts_new (fx->store);
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CoDraftNew low = { .stage = CO_DRAFT_STAGE_DRAFT, .title = "Low", .body = "Few saw this." };
  CoDraftNew high = { .stage = CO_DRAFT_STAGE_DRAFT, .title = "High", .body = "Many saw this." };
  gint64 low_id = co_drafts_create (drafts, &low, &error);
  gint64 high_id = co_drafts_create (drafts, &high, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO post_metrics (platform, post_id, draft_id, posted_at,"
                         " views, collected_at) VALUES ('x', 'a', %" G_GINT64_FORMAT ", 1, 10, 1),"
                         " ('x', 'b', %" G_GINT64_FORMAT ", 2, 900, 2),"
                         " ('linkedin', 'c', NULL, 3, 5000, 3)", low_id, high_id);
  sql_exec (fx->store, sql);
  context = build_context (fx, "x", 2);
  g_assert_cmpuint (context->top_posts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (context->top_posts, 0), ==, "Many saw this.");
  g_assert_cmpstr (g_ptr_array_index (context->top_posts, 1), ==, "Few saw this.");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, VaultFixture, NULL, vault_fixture_set_up, func, vault_fixture_tear_down)
  ADD ("/core/ideas/context/refused", test_refused);
  ADD ("/core/ideas/context/given", test_given);
  ADD ("/core/ideas/context/recent-and-trends", test_recent_and_trends);
  ADD ("/core/ideas/context/top-posts", test_top_posts);
#undef ADD

  return g_test_run ();
}
