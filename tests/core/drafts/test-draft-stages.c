/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "drafts-fixture.h"

static gboolean
rule_allows (CoDraftStage from,
             CoDraftStage to)
{
  return to == from + 1 || (from == CO_DRAFT_STAGE_SCHEDULED && to == CO_DRAFT_STAGE_DRAFT);
}

static void
test_names (void)
{
  g_autoptr(GError) error = NULL;
  CoDraftStage stage;

  for (int i = 0; i < CO_N_DRAFT_STAGES; i++)
    {
      g_autofree char *upper = g_ascii_strup (co_draft_stage_to_string (i), -1);

      g_assert_true (co_draft_stage_from_string (upper, &stage, NULL));
      g_assert_cmpint (stage, ==, i);
      g_assert_cmpstr (co_draft_stage_display_name (i), !=, "");
    }
  g_assert_false (co_draft_stage_from_string ("archived", &stage, &error));
  g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "archived"));
}

/* Every pair of stages: the rule alone, with the reason of each refusal. */
static void
test_rule (void)
{
  for (int from = 0; from < CO_N_DRAFT_STAGES; from++)
    for (int to = 0; to < CO_N_DRAFT_STAGES; to++)
      {
        g_autoptr(GError) error = NULL;
        gboolean ok = co_draft_stage_check_move (7, from, to, &error);

        g_assert_cmpint (ok, ==, rule_allows (from, to));
        if (ok)
          {
            g_assert_no_error (error);
            continue;
          }
        g_assert_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_MOVE_REFUSED);
        g_assert_nonnull (strstr (error->message, "Draft 7"));
        g_assert_nonnull (strstr (error->message, co_draft_stage_display_name (from)));
        g_assert_nonnull (strstr (error->message, co_draft_stage_display_name (to)));
      }
}

/* A refused move leaves the draft as it was and says why. */
static void
assert_refused (DraftsFixture *fx,
                gint64         id,
                CoDraftStage   to,
                int            code,
                const char    *reason)
{
  g_autofree char *before = fingerprint (fx->base.store);
  g_autofree char *after = NULL;
  g_autofree char *id_text = g_strdup_printf (code == CO_DRAFT_ERROR_NOT_FOUND ? "id %lld"
                                                                               : "Draft %lld",
                                              (long long)id);
  g_autoptr(GError) error = NULL;

  g_assert_false (co_drafts_move (fx->drafts, id, to, &error));
  g_assert_error (error, CO_DRAFT_ERROR, code);
  if (strstr (error->message, reason) == NULL || strstr (error->message, id_text) == NULL)
    g_error ("“%s” does not name “%s” and “%s”", error->message, id_text, reason);
  after = fingerprint (fx->base.store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_draft_needs_text (DraftsFixture *fx,
                       gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_SAVED, "", "", CO_PLATFORM_X);

  assert_refused (fx, id, CO_DRAFT_STAGE_DRAFT, CO_DRAFT_ERROR_INCOMPLETE, "title is empty");
  g_assert_true (co_drafts_set_text (fx->drafts, id, "Title", NULL, NULL));
  assert_refused (fx, id, CO_DRAFT_STAGE_DRAFT, CO_DRAFT_ERROR_INCOMPLETE, "body is empty");
  assert_refused (fx, id, CO_DRAFT_STAGE_SCHEDULED, CO_DRAFT_ERROR_MOVE_REFUSED, "one stage");
  g_assert_true (co_drafts_set_text (fx->drafts, id, NULL, "Body", NULL));
  move_ok (fx, id, CO_DRAFT_STAGE_DRAFT);
  assert_refused (fx, id, CO_DRAFT_STAGE_SAVED, CO_DRAFT_ERROR_MOVE_REFUSED, "only a scheduled");
  assert_refused (fx, id, CO_DRAFT_STAGE_DRAFT, CO_DRAFT_ERROR_MOVE_REFUSED, "already");
  assert_refused (fx, 31337, CO_DRAFT_STAGE_DRAFT, CO_DRAFT_ERROR_NOT_FOUND, "31337");
}

static void
test_scheduled_needs (DraftsFixture *fx,
                      gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (300, 'a');
  g_autofree char *long_title = g_strnfill (120, 't');
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Title", "Body", CO_PLATFORM_X);
  gint64 at = fx->now + G_TIME_SPAN_HOUR;

  g_assert_true (co_drafts_remove_variant (fx->drafts, id, CO_PLATFORM_X, NULL));
  assert_refused (fx, id, CO_DRAFT_STAGE_SCHEDULED, CO_DRAFT_ERROR_INCOMPLETE,
                  "no target platform");
  g_assert_true (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_X, NULL, long_text, NULL));
  assert_refused (fx, id, CO_DRAFT_STAGE_SCHEDULED, CO_DRAFT_ERROR_INCOMPLETE, "X has no time");
  schedule_ok (fx, id, CO_PLATFORM_X, at);
  assert_refused (fx, id, CO_DRAFT_STAGE_SCHEDULED, CO_DRAFT_ERROR_INCOMPLETE, "X");
  g_assert_true (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_X, NULL, NULL, NULL));

  /* YouTube posts the title, and takes at most 100 characters of it. */
  g_assert_true (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_YOUTUBE, long_title, NULL,
                                        NULL));
  schedule_ok (fx, id, CO_PLATFORM_YOUTUBE, at);
  assert_refused (fx, id, CO_DRAFT_STAGE_SCHEDULED, CO_DRAFT_ERROR_INCOMPLETE, "YouTube");
  g_assert_true (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_YOUTUBE, NULL, NULL, NULL));

  /* A time that has passed is refused when the draft is scheduled. */
  fx->now = at + G_TIME_SPAN_MINUTE;
  assert_refused (fx, id, CO_DRAFT_STAGE_SCHEDULED, CO_DRAFT_ERROR_INCOMPLETE, "has passed");
  fx->now = at - G_TIME_SPAN_MINUTE;
  move_ok (fx, id, CO_DRAFT_STAGE_SCHEDULED);
  assert_refused (fx, id, CO_DRAFT_STAGE_PUBLISHED, CO_DRAFT_ERROR_INCOMPLETE, "no post id");
}

static void
test_published_needs (DraftsFixture *fx,
                      gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Title", "Body", CO_PLATFORM_X);
  gint64 at = fx->now + G_TIME_SPAN_HOUR;
  g_autoptr(GError) bad_url = NULL;
  g_autoptr(GError) not_scheduled = NULL;

  g_assert_true (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_LINKEDIN, NULL, NULL, NULL));
  schedule_ok (fx, id, CO_PLATFORM_X, at);
  g_assert_false (co_drafts_record_publication (fx->drafts, id, CO_PLATFORM_X, "1",
                                                "https://x.com/1", at, &not_scheduled));
  g_assert_error (not_scheduled, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
  schedule_ok (fx, id, CO_PLATFORM_LINKEDIN, at);
  move_ok (fx, id, CO_DRAFT_STAGE_SCHEDULED);
  g_assert_false (co_drafts_record_publication (fx->drafts, id, CO_PLATFORM_X, "1",
                                                "javascript:alert(1)", at, &bad_url));
  g_assert_error (bad_url, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID);
  g_assert_true (co_drafts_record_publication (fx->drafts, id, CO_PLATFORM_X, "1",
                                               "https://x.com/1", at, NULL));
  assert_refused (fx, id, CO_DRAFT_STAGE_PUBLISHED, CO_DRAFT_ERROR_INCOMPLETE,
                  "LinkedIn has no post id");
  g_assert_true (co_drafts_record_publication (fx->drafts, id, CO_PLATFORM_LINKEDIN, "urn:2",
                                               "https://linkedin.com/feed/2", at, NULL));
  move_ok (fx, id, CO_DRAFT_STAGE_PUBLISHED);
}

/* Changes to a Scheduled draft keep it schedulable. */
static void
test_scheduled_stays_complete (DraftsFixture *fx,
                               gconstpointer  data)
{
  g_autofree char *long_text = g_strnfill (300, 'b');
  gint64 id = scheduled_draft (fx, CO_PLATFORM_X, 0);
  g_autoptr(GError) too_long = NULL;
  g_autoptr(GError) new_target = NULL;
  g_autoptr(GError) last = NULL;
  g_autofree char *before = fingerprint (fx->base.store);
  g_autofree char *after = NULL;

  g_assert_false (co_drafts_set_text (fx->drafts, id, NULL, long_text, &too_long));
  g_assert_error (too_long, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (too_long->message, "Scheduled"));
  g_assert_false (co_drafts_set_variant (fx->drafts, id, CO_PLATFORM_LINKEDIN, NULL, NULL,
                                         &new_target));
  g_assert_error (new_target, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (new_target->message, "LinkedIn has no time"));
  g_assert_false (co_drafts_remove_variant (fx->drafts, id, CO_PLATFORM_X, &last));
  g_assert_error (last, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (last->message, "no target platform"));
  after = fingerprint (fx->base.store);
  g_assert_cmpstr (before, ==, after);

  /* Unscheduling keeps the times, so scheduling again is one move. */
  move_ok (fx, id, CO_DRAFT_STAGE_DRAFT);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM schedule_entries"), ==, 1);
  move_ok (fx, id, CO_DRAFT_STAGE_SCHEDULED);
}

/* Property: random sequences of changes never leave a draft in a state its
 * stage forbids; every refusal names the draft and a reason and changes
 * nothing; every move that succeeds is one the rule allows.  The seed is
 * printed; CO_PROPERTY_SEED=<seed> replays it. */
#define N_SEQUENCES 1000
#define MAX_STEPS 24

static GRand *
property_rand (void)
{
  const char *forced = g_getenv ("CO_PROPERTY_SEED");
  guint32 seed = forced != NULL ? (guint32)g_ascii_strtoull (forced, NULL, 10) : co_test_seed ();

  g_test_message ("%s: seed %u (replay with CO_PROPERTY_SEED=%u)", g_test_get_path (), seed,
                  seed);
  return g_rand_new_with_seed (seed);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return copy[0] == '\0';
}

static void
check_variant_scheduled (CoDraftVariant *variant,
                         guint           n_case)
{
  CoPlatform platform = co_draft_variant_get_platform (variant);
  const char *title = platform == CO_PLATFORM_YOUTUBE ? co_draft_variant_get_title (variant)
                                                      : NULL;

  if (co_draft_variant_get_scheduled_at (variant) == 0)
    g_error ("case %u: a Scheduled draft has no time on %s", n_case,
             co_platform_to_string (platform));
  if (!co_platform_check_text (platform, title, co_draft_variant_get_text (variant), NULL))
    g_error ("case %u: a Scheduled draft has text %s refuses", n_case,
             co_platform_to_string (platform));
}

static void
check_variant_published (CoDraftVariant *variant,
                         guint           n_case)
{
  if (co_draft_variant_get_post_id (variant) == NULL ||
      co_draft_variant_get_post_url (variant) == NULL ||
      co_draft_variant_get_published_at (variant) == 0)
    g_error ("case %u: a Published draft lacks a post record", n_case);
}

/* The stage's requirements, written again from the specification. */
static void
check_stage_invariant (CoDraft *draft,
                       guint    n_case)
{
  CoDraftStage stage = co_draft_get_stage (draft);
  GListModel *variants = co_draft_get_variants (draft);
  guint n = g_list_model_get_n_items (variants);

  if (stage >= CO_DRAFT_STAGE_DRAFT &&
      (is_blank (co_draft_get_title (draft)) || is_blank (co_draft_get_body (draft))))
    g_error ("case %u: a %s draft has an empty title or body", n_case,
             co_draft_stage_to_string (stage));
  if (stage >= CO_DRAFT_STAGE_SCHEDULED && n == 0)
    g_error ("case %u: a %s draft has no platform", n_case, co_draft_stage_to_string (stage));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);

      if (stage == CO_DRAFT_STAGE_SAVED && co_draft_variant_get_scheduled_at (variant) != 0)
        g_error ("case %u: a Saved draft has a time", n_case);
      if (stage == CO_DRAFT_STAGE_SCHEDULED)
        check_variant_scheduled (variant, n_case);
      if (stage == CO_DRAFT_STAGE_PUBLISHED)
        check_variant_published (variant, n_case);
    }
}

/* Mostly text every platform takes, sometimes text some stage refuses. */
static const char *
random_text (GRand *rand)
{
  static const char *const texts[] = {
    NULL, NULL, NULL, "Short and sweet", "Title", "Ünïcödé ✓ text", "", "   ",
    "Sun\xc3", /* invalid UTF-8 */
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaaa", /* 290 characters: too long for X */
  };

  return texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))];
}

typedef struct
{
  DraftsFixture *fx;
  GRand         *rand;
  gint64         id;
  gint64         note;
  CoDraft       *draft;   /* as it was before the step */
} Walk;

/* Mostly a platform the draft targets, so that walks reach every stage. */
static CoPlatform
pick_platform (Walk *walk)
{
  GListModel *variants = co_draft_get_variants (walk->draft);
  guint n = g_list_model_get_n_items (variants);
  g_autoptr(CoDraftVariant) variant = NULL;

  if (n == 0 || g_rand_int_range (walk->rand, 0, 4) == 0)
    return g_rand_int_range (walk->rand, 0, CO_N_PLATFORMS);
  variant = g_list_model_get_item (variants, g_rand_int_range (walk->rand, 0, n));
  return co_draft_variant_get_platform (variant);
}

/* Mostly a target without a time, for adding one. */
static CoPlatform
pick_unscheduled (Walk *walk)
{
  GListModel *variants = co_draft_get_variants (walk->draft);

  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(CoDraftVariant) variant = g_list_model_get_item (variants, i);

      if (co_draft_variant_get_scheduled_at (variant) == 0 && g_rand_int_range (walk->rand, 0, 4))
        return co_draft_variant_get_platform (variant);
    }
  return pick_platform (walk);
}

/* Mostly the next stage, sometimes back, sometimes anywhere. */
static CoDraftStage
pick_stage (Walk *walk)
{
  CoDraftStage stage = co_draft_get_stage (walk->draft);
  int roll = g_rand_int_range (walk->rand, 0, 10);

  if (roll < 6 && stage < CO_DRAFT_STAGE_PUBLISHED)
    return stage + 1;
  if (roll < 7)
    return CO_DRAFT_STAGE_DRAFT;
  return g_rand_int_range (walk->rand, 0, CO_N_DRAFT_STAGES);
}

static gboolean
random_schedule_step (Walk     *walk,
                      int       op,
                      GError  **error)
{
  DraftsFixture *fx = walk->fx;
  CoPlatform platform = op == 0 ? pick_unscheduled (walk) : pick_platform (walk);
  gint64 at = fx->now + g_rand_int_range (walk->rand, -10, 7 * 24 * 60) * G_TIME_SPAN_MINUTE +
              g_rand_int_range (walk->rand, 0, 60) * G_TIME_SPAN_SECOND;
  g_autoptr(CoScheduleEntry) entry = NULL;

  if (op == 0)
    entry = co_schedule_add (fx->schedule, walk->id, platform, at, "Europe/Berlin", error);
  else if (op == 1)
    entry = co_schedule_move (fx->schedule, walk->id, platform, at, "UTC", error);
  else
    return co_schedule_cancel (fx->schedule, walk->id, platform, error);
  return entry != NULL;
}

static gboolean
random_step (Walk          *walk,
             CoDraftStage  *out_to,
             GError       **error)
{
  DraftsFixture *fx = walk->fx;
  GRand *rand = walk->rand;
  CoPlatform platform = pick_platform (walk);
  int op = g_rand_int_range (rand, 0, 10);

  *out_to = -1;
  switch (op)
    {
    case 0:
      *out_to = pick_stage (walk);
      return co_drafts_move (fx->drafts, walk->id, *out_to, error);
    case 1:
      return co_drafts_set_text (fx->drafts, walk->id, random_text (rand), random_text (rand),
                                 error);
    case 2:
      return co_drafts_set_variant (fx->drafts, walk->id, platform, random_text (rand),
                                    random_text (rand), error);
    case 3:
      return co_drafts_remove_variant (fx->drafts, walk->id, platform, error);
    case 4:
    case 5:
    case 6:
      return random_schedule_step (walk, op - 4, error);
    case 7:
      return co_drafts_record_publication (fx->drafts, walk->id, platform,
                                           g_rand_int_range (rand, 0, 5) ? "post-1" : "",
                                           "https://example.com/post-1", fx->now, error);
    case 8:
      fx->now += g_rand_int_range (rand, 0, 30) * G_TIME_SPAN_MINUTE;
      return TRUE;
    default:
      return co_drafts_link_item (fx->drafts, walk->id,
                                  g_rand_boolean (rand) ? walk->note : 424242, error);
    }
}

/* Everything about a draft: text, stage and its times, variants with their
 * schedule entries and post records, links. */
static char *
draft_state (CoDraft *draft)
{
  g_autoptr(JsonNode) node = co_draft_to_json (draft);

  return json_to_string (node, FALSE);
}

static void
check_refusal (const GError *error,
               gint64        id,
               guint         n_case)
{
  g_autofree char *lower = g_utf8_strdown (error != NULL ? error->message : "", -1);
  g_autofree char *name = g_strdup_printf ("draft %lld", (long long)id);

  if (error == NULL || strstr (lower, name) == NULL || strlen (lower) < strlen (name) + 12)
    g_error ("case %u: a refusal does not name the draft and a reason: “%s”", n_case,
             error != NULL ? error->message : "(no error)");
  if (error->domain != CO_DRAFT_ERROR && error->domain != CO_SCHEDULE_ERROR &&
      error->domain != CO_VAULT_ERROR)
    g_error ("case %u: unexpected error %s", n_case, error->message);
}

static void
run_sequence (Walk  *walk,
              guint  n_case)
{
  guint n_steps = g_rand_int_range (walk->rand, 1, MAX_STEPS + 1);

  walk->id = new_draft (walk->fx, g_rand_int_range (walk->rand, 0, 4) == 0 ? CO_DRAFT_STAGE_SAVED
                                                              : CO_DRAFT_STAGE_DRAFT,
                        "Title", "Body", g_rand_int_range (walk->rand, 0, CO_N_PLATFORMS));
  for (guint step = 0; step < n_steps; step++)
    {
      g_autoptr(CoDraft) old = get_draft (walk->fx, walk->id);
      g_autoptr(CoDraft) now = NULL;
      g_autoptr(GError) error = NULL;
      CoDraftStage to;

      walk->draft = old;
      if (!random_step (walk, &to, &error))
        {
          g_autoptr(CoDraft) unchanged = get_draft (walk->fx, walk->id);
          g_autofree char *before = draft_state (old);
          g_autofree char *after = draft_state (unchanged);

          check_refusal (error, walk->id, n_case);
          if (g_strcmp0 (before, after) != 0)
            g_error ("case %u: a refused change changed the draft: %s", n_case, error->message);
        }
      now = get_draft (walk->fx, walk->id);
      if (to != (CoDraftStage)-1 && error == NULL &&
          !rule_allows (co_draft_get_stage (old), co_draft_get_stage (now)))
        g_error ("case %u: moved from %s to %s", n_case,
                 co_draft_stage_to_string (co_draft_get_stage (old)),
                 co_draft_stage_to_string (co_draft_get_stage (now)));
      check_stage_invariant (now, n_case);
    }
}

static void
test_property_sequences (DraftsFixture *fx,
                         gconstpointer  data)
{
  g_autoptr(GRand) rand = property_rand ();
  Walk walk = { fx, rand, 0, add_note (&fx->base, "Note", "for links"), NULL };
  guint n_sequences = co_test_cases (N_SEQUENCES);

  /* Durability is not what this is about: 10,000 commits skip the flush. */
  sql_exec (fx->base.store, "PRAGMA synchronous = OFF");
  for (guint n_case = 0; n_case < n_sequences; n_case++)
    run_sequence (&walk, n_case);
  /* No two posts on one platform less than five minutes apart, anywhere. */
  g_assert_cmpint (sql_int (fx->base.store,
                            "SELECT count (*) FROM schedule_entries a JOIN schedule_entries b"
                            " ON a.platform = b.platform AND a.id < b.id"
                            " AND abs (a.at - b.at) < 300000000"), ==, 0);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM drafts"), ==, n_sequences);
  g_test_message ("drafts reaching each stage: %" G_GINT64_FORMAT " scheduled, %" G_GINT64_FORMAT
                  " published; %" G_GINT64_FORMAT " schedule entries",
                  sql_int (fx->base.store, "SELECT count (DISTINCT draft_id) FROM"
                                           " draft_stage_history WHERE to_stage = 'scheduled'"),
                  sql_int (fx->base.store, "SELECT count (*) FROM drafts"
                                           " WHERE stage = 'published'"),
                  sql_int (fx->base.store, "SELECT count (*) FROM schedule_entries"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/drafts/stage/names", test_names);
  g_test_add_func ("/core/drafts/stage/rule", test_rule);
  DRAFTS_TEST ("/core/drafts/stage/draft-needs-text", test_draft_needs_text);
  DRAFTS_TEST ("/core/drafts/stage/scheduled-needs", test_scheduled_needs);
  DRAFTS_TEST ("/core/drafts/stage/published-needs", test_published_needs);
  DRAFTS_TEST ("/core/drafts/stage/scheduled-stays-complete", test_scheduled_stays_complete);
  DRAFTS_TEST ("/core/drafts/stage/property-sequences", test_property_sequences);

  return g_test_run ();
}
