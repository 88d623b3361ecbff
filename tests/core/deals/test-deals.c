/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-deals.h"
#include "co-workflows.h"
#include "drafts-fixture.h"

/* The migration that added workflows and deals.  The lead renumbers
 * migrations at merge: this is the one line to change. */
#define DEALS_SCHEMA_VERSION 18

static gint64
add_deal (DraftsFixture *fx,
          const char    *brand,
          const char    *amount,
          const char    *currency)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;
  gint64 id;

  g_assert_true (co_money_parse (amount, currency, &minor, &error));
  id = co_deals_add (fx->base.store, brand, "Sponsored review", minor, currency, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CoDeal
get_deal (DraftsFixture *fx,
          gint64         id)
{
  g_autoptr(GError) error = NULL;
  CoDeal deal = { 0 };

  g_assert_true (co_deals_get (fx->base.store, id, &deal, &error));
  g_assert_no_error (error);
  return deal;
}

static void
test_add_list (DraftsFixture *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) deals = NULL;
  gint64 first = add_deal (fx, "Acme", "1500.00", "USD");
  gint64 second = add_deal (fx, "acme", "200000", "JPY");

  g_assert_cmpint (second, >, first);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM brands"), ==, 1);
  g_assert_cmpint (co_deals_add (fx->base.store, "Acme", " ", 5, "USD", &error), ==, 0);
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (co_deals_add (fx->base.store, "Acme", "X", 5, "usd", &error), ==, 0);
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_UNKNOWN_CURRENCY);
  g_clear_error (&error);
  g_assert_cmpint (co_deals_add (fx->base.store, "Acme", "X", -5, "USD", &error), ==, 0);
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_BAD_AMOUNT);
  g_clear_error (&error);
  g_assert_cmpint (co_deals_add (fx->base.store, "", "X", 5, "USD", &error), ==, 0);
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_INVALID);
  g_clear_error (&error);

  deals = co_deals_list (fx->base.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 2);
  g_assert_cmpint (g_array_index (deals, CoDeal, 0).id, ==, second);
  g_assert_cmpstr (g_array_index (deals, CoDeal, 0).currency, ==, "JPY");
  g_assert_cmpint (g_array_index (deals, CoDeal, 0).amount, ==, 200000);
  g_assert_cmpint (g_array_index (deals, CoDeal, 1).unallocated, ==, 150000);
  g_assert_false (co_deals_get (fx->base.store, 999, &(CoDeal) { 0 }, &error));
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_NOT_FOUND);
}

static void
test_milestones (DraftsFixture *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) history = NULL;
  g_autoptr(GArray) milestones = NULL;
  gint64 deal_id = add_deal (fx, "Acme", "1000.00", "USD");
  gint64 upfront;
  CoDeal deal;

  upfront = co_deals_add_milestone (fx->base.store, deal_id, "Upfront", 30000, 0, "tester",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_deals_add_milestone (fx->base.store, deal_id, "Too much", 70001, 0, NULL,
                                           &error), ==, 0);
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_OVER_TOTAL);
  g_assert_nonnull (strstr (error->message, "700.01 USD"));
  g_assert_nonnull (strstr (error->message, "700.00 USD of 1000.00 USD"));
  g_clear_error (&error);
  g_assert_cmpint (co_deals_add_milestone (fx->base.store, 999, "Nowhere", 1, 0, NULL, &error),
                   ==, 0);
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* 700.00 in three: 233.34, 233.33, 233.33. */
  g_assert_true (co_deals_split_milestones (fx->base.store, deal_id, 3, NULL, &error));
  g_assert_no_error (error);
  milestones = co_deals_list_milestones (fx->base.store, deal_id, &error);
  g_assert_cmpuint (milestones->len, ==, 4);
  g_assert_cmpint (g_array_index (milestones, CoDealMilestone, 1).amount, ==, 23334);
  g_assert_cmpint (g_array_index (milestones, CoDealMilestone, 3).amount, ==, 23333);
  g_assert_cmpstr (g_array_index (milestones, CoDealMilestone, 3).title, ==, "Payment 3 of 3");
  deal = get_deal (fx, deal_id);
  g_assert_cmpint (deal.unallocated, ==, 0);
  g_assert_cmpint (deal.pending, ==, 100000);
  co_deal_clear (&deal);
  /* The schema's trigger is the second fence. */
  g_assert_false (_co_store_exec (fx->base.store, "INSERT INTO deal_milestones (deal_id, title,"
                                  " amount, changed_at) VALUES (1, 'x', 1, 0)", NULL));

  g_assert_true (co_deals_set_milestone_state (fx->base.store, upfront, CO_MILESTONE_DISPUTED,
                                               "tester", "Paid late", &error));
  g_assert_true (co_deals_set_milestone_state (fx->base.store, upfront, CO_MILESTONE_DISPUTED,
                                               "tester", NULL, &error));
  g_assert_true (co_deals_set_milestone_state (fx->base.store, upfront, CO_MILESTONE_COMPLETED,
                                               "tester", "Settled", &error));
  g_assert_no_error (error);
  history = co_deals_list_milestone_history (fx->base.store, upfront, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (g_array_index (history, CoDealChange, 0).from, ==, -1);
  g_assert_cmpint (g_array_index (history, CoDealChange, 1).from, ==, CO_MILESTONE_PENDING);
  g_assert_cmpint (g_array_index (history, CoDealChange, 1).to, ==, CO_MILESTONE_DISPUTED);
  g_assert_cmpstr (g_array_index (history, CoDealChange, 1).note, ==, "Paid late");
  g_assert_cmpint (g_array_index (history, CoDealChange, 2).to, ==, CO_MILESTONE_COMPLETED);
  deal = get_deal (fx, deal_id);
  g_assert_cmpint (deal.completed, ==, 30000);
  co_deal_clear (&deal);
  g_assert_false (co_deals_set_milestone_state (fx->base.store, 999, CO_MILESTONE_COMPLETED, NULL,
                                                NULL, &error));
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_NOT_FOUND);
}

static void
test_due (DraftsFixture *fx,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) later = NULL;
  gint64 deal_id = add_deal (fx, "Acme", "300", "EUR");
  gint64 draft = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Unboxing", "Text.", CO_PLATFORM_X);
  gint64 video, post;

  video = co_deals_add_deliverable (fx->base.store, deal_id, "Video", draft,
                                    fx->now - G_TIME_SPAN_DAY, &error);
  g_assert_no_error (error);
  post = co_deals_add_deliverable (fx->base.store, deal_id, "Post", 0,
                                   fx->now + 3 * G_TIME_SPAN_DAY, &error);
  co_deals_add_deliverable (fx->base.store, deal_id, "Whenever", 0, 0, &error);
  co_deals_add_milestone (fx->base.store, deal_id, "On delivery", 30000,
                          fx->now + G_TIME_SPAN_DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_deals_add_deliverable (fx->base.store, deal_id, "Ghost", 999, 0, &error),
                   ==, 0);
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  due = co_deals_list_due (fx->base.store, fx->now, 2 * G_TIME_SPAN_DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (g_array_index (due, CoDealReminder, 0).id, ==, video);
  g_assert_true (g_array_index (due, CoDealReminder, 0).overdue);
  g_assert_cmpint (g_array_index (due, CoDealReminder, 0).draft_id, ==, draft);
  g_assert_true (g_array_index (due, CoDealReminder, 1).is_milestone);
  g_assert_false (g_array_index (due, CoDealReminder, 1).overdue);
  g_assert_cmpint (g_array_index (due, CoDealReminder, 1).amount, ==, 30000);
  g_assert_cmpstr (g_array_index (due, CoDealReminder, 1).currency, ==, "EUR");

  g_assert_true (co_deals_set_deliverable_done (fx->base.store, video, fx->now, &error));
  later = co_deals_list_due (fx->base.store, fx->now, 7 * G_TIME_SPAN_DAY, &error);
  g_assert_cmpuint (later->len, ==, 2);
  g_assert_cmpint (g_array_index (later, CoDealReminder, 1).id, ==, post);
  g_assert_false (co_deals_set_deliverable_done (fx->base.store, 999, fx->now, &error));
  g_assert_error (error, CO_DEAL_ERROR, CO_DEAL_ERROR_NOT_FOUND);
}

static void
test_report (DraftsFixture *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  gint64 deal_id;

  deal_id = co_deals_add (fx->base.store, "Acme, Inc.", "Review \"X\"", 1500, "KWD", &error);
  co_deals_add_milestone (fx->base.store, deal_id, "Half", 750, utc_usec (2027, 4, 1, 0, 0),
                          NULL, &error);
  g_assert_no_error (error);
  csv = co_deals_payments_csv (fx->base.store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==,
                   "brand,deal_id,deal,currency,deal_amount,milestone_id,milestone,state,due,"
                   "amount,amount_minor\r\n"
                   "\"Acme, Inc.\",1,\"Review \"\"X\"\"\",KWD,1.500,1,Half,pending,"
                   "2027-04-01T00:00:00Z,0.750,750\r\n"
                   "\"Acme, Inc.\",1,\"Review \"\"X\"\"\",KWD,1.500,,,unallocated,,0.750,750\r\n");
}

/* Random deals, milestones and states: each deal's rows of the report add
 * up to its amount to the minor unit, and each row's decimal amount reads
 * back as its minor units. */
static void
test_report_property (DraftsFixture *fx,
                      gconstpointer  data)
{
  static const char *const currencies[] = { "JPY", "USD", "KWD", "EUR", "CLF" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (co_test_seed ());
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  for (int d = 0; d < 60; d++)
    {
      const char *currency = currencies[g_rand_int_range (rand, 0, G_N_ELEMENTS (currencies))];
      gint64 amount = d % 4 == 0 ? (gint64)(g_rand_double (rand) * (double)CO_MONEY_MAX)
                                 : g_rand_int_range (rand, 0, 100000);
      g_autofree char *brand = g_strdup_printf ("Brand %d", d % 7);
      gint64 id = co_deals_add (fx->base.store, brand, "Deal", amount, currency, &error);
      CoDeal deal;

      g_assert_no_error (error);
      for (int m = g_rand_int_range (rand, 0, 5); m > 0; m--)
        {
          deal = get_deal (fx, id);
          /* Sometimes more than is left, which must be refused. */
          gint64 part = (gint64)(g_rand_double (rand) * 1.2 * (double)deal.unallocated);
          gint64 mid = co_deals_add_milestone (fx->base.store, id, "Part", part, 0, NULL, NULL);

          g_assert_true ((mid > 0) == (part <= deal.unallocated));
          if (mid > 0 && g_rand_boolean (rand))
            g_assert_true (co_deals_set_milestone_state (fx->base.store, mid,
                                                         g_rand_int_range (rand, 0, 3), NULL,
                                                         NULL, NULL));
          co_deal_clear (&deal);
        }
      if (g_rand_boolean (rand))
        g_assert_true (co_deals_split_milestones (fx->base.store, id, g_rand_int_range (rand, 1, 9),
                                                  NULL, NULL));
      g_hash_table_insert (totals, g_memdup2 (&id, sizeof id), g_new0 (gint64, 2));
      ((gint64 *)g_hash_table_lookup (totals, &id))[0] = amount;
    }
  csv = co_deals_payments_csv (fx->base.store, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      gint64 id = g_ascii_strtoll (f[1], NULL, 10);
      gint64 minor = g_ascii_strtoll (f[10], NULL, 10);
      gint64 *total = g_hash_table_lookup (totals, &id);
      gint64 back = -1;

      g_assert_cmpuint (g_strv_length (f), ==, 11);
      g_assert_true (co_money_parse (f[9], f[3], &back, NULL));
      g_assert_cmpint (back, ==, minor);
      g_assert_true (co_money_add (total[1], minor, &total[1], NULL));
    }
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((gint64 *)value)[0] != ((gint64 *)value)[1])
      g_error ("deal %" G_GINT64_FORMAT ": amount %" G_GINT64_FORMAT ", report %" G_GINT64_FORMAT,
               *(gint64 *)key, ((gint64 *)value)[0], ((gint64 *)value)[1]);
}

/* A library one version older has drafts; after the upgrade they go
 * through workflows and deals link them. */
static void
test_upgrade (void)
{
  g_autofree char *dir = co_test_make_temp_dir ("deals-upgrade");
  g_autoptr(GError) error = NULL;
  g_autoptr(CoStore) old = NULL;
  g_autoptr(CoStore) store = NULL;
  g_autoptr(CoDrafts) drafts = NULL;
  g_autoptr(CoWorkflowDef) def = NULL;
  g_autofree char *report = NULL;
  gint64 deal_id;

  old = _co_store_new_at_version (dir, DEALS_SCHEMA_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_true (_co_store_exec (old, "INSERT INTO drafts (id, stage, title, body, created_at,"
                                      " updated_at, stage_changed_at)"
                                      " VALUES (7, 'saved', 'Old', 'Kept', 1, 1, 1)", &error));
  g_clear_object (&old);

  store = co_store_new (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (co_store_get_schema_version (store), >=, DEALS_SCHEMA_VERSION);
  drafts = co_drafts_new (store);
  def = co_workflow_def_new_from_json ("{\"name\": \"Quick\", \"stages\": [{\"name\": \"a\"}]}",
                                       &error);
  g_assert_cmpint (co_workflows_define (store, def, &error), >, 0);
  g_assert_cmpint (co_workflows_submit (drafts, "Quick", 7, &error), >, 0);
  g_assert_no_error (error);
  deal_id = co_deals_add (store, "Acme", "Old draft", 100, "USD", &error);
  g_assert_cmpint (co_deals_add_deliverable (store, deal_id, "It", 7, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (co_store_check_integrity (store, TRUE, &report, &error));
  g_assert_cmpstr (report, ==, "ok");
}

/* The _async pairs answer as the blocking calls do, and a cancelled call
 * answers G_IO_ERROR_CANCELLED. */
static void
test_async (DraftsFixture *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) deals = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  gint64 now = g_get_real_time ();
  gint64 deal = add_deal (fx, "Acme", "1500.00", "USD");

  co_deals_add_deliverable (fx->base.store, deal, "Soon", 0, now + G_TIME_SPAN_HOUR, &error);
  co_deals_add_deliverable (fx->base.store, deal, "Later", 0, now + 30 * G_TIME_SPAN_DAY, &error);
  g_assert_no_error (error);

  co_deals_list_due_async (fx->base.store, now, G_TIME_SPAN_DAY, NULL, co_test_async_ready_cb,
                           &result);
  due = co_deals_list_due_finish (fx->base.store, co_test_async_wait (&result, 30000), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (g_array_index (due, CoDealReminder, 0).title, ==, "Soon");
  /* The task holds the library until it is finalized, maybe in the worker. */
  co_test_assert_finalized (g_steal_pointer (&result), 30000);

  co_deals_list_async (fx->base.store, NULL, co_test_async_ready_cb, &result);
  deals = co_deals_list_finish (fx->base.store, co_test_async_wait (&result, 30000), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deals->len, ==, 1);
  g_assert_cmpuint (g_array_index (deals, CoDeal, 0).n_deliverables, ==, 2);
  co_test_assert_finalized (g_steal_pointer (&result), 30000);

  g_cancellable_cancel (cancelled);
  co_deals_list_due_async (fx->base.store, now, 0, cancelled, co_test_async_ready_cb, &result);
  g_assert_null (co_deals_list_due_finish (fx->base.store, co_test_async_wait (&result, 30000),
                                           &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  co_test_assert_finalized (g_steal_pointer (&result), 30000);
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/deals/add-list", test_add_list);
  DRAFTS_TEST ("/core/deals/milestones", test_milestones);
  DRAFTS_TEST ("/core/deals/due", test_due);
  DRAFTS_TEST ("/core/deals/report", test_report);
  DRAFTS_TEST ("/core/deals/async", test_async);
  DRAFTS_TEST ("/core/deals/report-property", test_report_property);
  g_test_add_func ("/core/deals/upgrade", test_upgrade);
  return g_test_run ();
}
