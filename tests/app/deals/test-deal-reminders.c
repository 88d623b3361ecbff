/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-deal-reminders.h"
#include "co-test-util.h"

/* What deals have due, said while the app runs: the first check lists what
 * is overdue or due within the week once; later checks say each item that
 * has come due, once; done or paid items are never said.  No display. */

#define WAIT_MS 30000
#define T0 ((gint64) 1798761600 * G_USEC_PER_SEC) /* 2027-01-01T00:00:00Z */

typedef struct
{
  CoStore         *store;
  CoDealReminders *reminders;
  guint            n_listed;
  guint            listed_count;
  char            *listed_text;
  GPtrArray       *reminded;   /* titles */
  gint64           deal;
  gint64           video;      /* a deliverable due at T0 + 1 h */
  gint64           upfront;    /* a payment overdue since T0 − 1 day */
} Fixture;

static void
listed_cb (CoDealReminders *reminders,
           guint            n,
           const char      *text,
           Fixture         *fixture)
{
  fixture->n_listed++;
  fixture->listed_count = n;
  g_free (fixture->listed_text);
  fixture->listed_text = g_strdup (text);
}

static void
remind_cb (CoDealReminders *reminders,
           gint64           deal_id,
           const char      *title,
           const char      *body,
           Fixture         *fixture)
{
  g_assert_cmpint (deal_id, ==, fixture->deal);
  g_assert_nonnull (strstr (body, "Acme — Review"));
  g_ptr_array_add (fixture->reminded, g_strdup (title));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = co_test_store_new ();
  fixture->reminded = g_ptr_array_new_with_free_func (g_free);
  fixture->deal = co_deals_add (fixture->store, "Acme", "Review", 150000, "USD", &error);
  g_assert_no_error (error);
  fixture->upfront = co_deals_add_milestone (fixture->store, fixture->deal, "Upfront", 50000,
                                             T0 - G_TIME_SPAN_DAY, NULL, &error);
  g_assert_no_error (error);
  fixture->video = co_deals_add_deliverable (fixture->store, fixture->deal, "Main video", 0,
                                             T0 + G_TIME_SPAN_HOUR, &error);
  g_assert_no_error (error);
  co_deals_add_deliverable (fixture->store, fixture->deal, "Next month", 0,
                            T0 + 30 * G_TIME_SPAN_DAY, &error);
  g_assert_no_error (error);
  fixture->reminders = co_deal_reminders_new (fixture->store);
  g_signal_connect (fixture->reminders, "listed", G_CALLBACK (listed_cb), fixture);
  g_signal_connect (fixture->reminders, "remind", G_CALLBACK (remind_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_assert_finalized (g_steal_pointer (&fixture->reminders), WAIT_MS);
  co_test_assert_finalized (g_steal_pointer (&fixture->store), WAIT_MS);
  g_clear_pointer (&fixture->reminded, g_ptr_array_unref);
  g_clear_pointer (&fixture->listed_text, g_free);
}

typedef struct
{
  CoDealReminders *reminders;
  guint            checks;
} CheckWait;

static gboolean
checked (gpointer data)
{
  CheckWait *wait = data;

  return co_deal_reminders_get_n_checks (wait->reminders) >= wait->checks;
}

static void
check_at (Fixture *fixture,
          gint64   now)
{
  CheckWait wait = { fixture->reminders, co_deal_reminders_get_n_checks (fixture->reminders) + 1 };

  co_deal_reminders_check (fixture->reminders, now);
  g_assert_true (co_test_wait_until (checked, &wait, WAIT_MS));
}

static void
test_listed_on_start (Fixture       *fixture,
                      gconstpointer  data)
{
  check_at (fixture, T0);
  g_assert_cmpuint (fixture->n_listed, ==, 1);
  /* The overdue payment and the video due within the week; not next month's. */
  g_assert_cmpuint (fixture->listed_count, ==, 2);
  g_assert_nonnull (strstr (fixture->listed_text, "2 deal items are due this week"));
  g_assert_nonnull (strstr (fixture->listed_text, "“Upfront” (overdue)"));
  g_assert_nonnull (strstr (fixture->listed_text, "“Main video”"));
  g_assert_null (strstr (fixture->listed_text, "Next month"));
  /* What was listed on start is not said again. */
  g_assert_cmpuint (fixture->reminded->len, ==, 0);
  check_at (fixture, T0 + G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (fixture->n_listed, ==, 1);
  g_assert_cmpuint (fixture->reminded->len, ==, 0);
}

static void
test_said_when_due (Fixture       *fixture,
                    gconstpointer  data)
{
  check_at (fixture, T0);
  check_at (fixture, T0 + 30 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (fixture->reminded->len, ==, 0);
  check_at (fixture, T0 + 61 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (fixture->reminded->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->reminded, 0), ==, "Main video");
  /* Once per run. */
  check_at (fixture, T0 + 90 * G_TIME_SPAN_MINUTE);
  g_assert_cmpuint (fixture->reminded->len, ==, 1);
}

static void
test_done_never_said (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (co_deals_set_deliverable_done (fixture->store, fixture->video, T0, &error));
  g_assert_no_error (error);
  g_assert_true (co_deals_set_milestone_state (fixture->store, fixture->upfront,
                                               CO_MILESTONE_COMPLETED, NULL, NULL, &error));
  g_assert_no_error (error);
  check_at (fixture, T0);
  g_assert_cmpuint (fixture->n_listed, ==, 0);
  check_at (fixture, T0 + 2 * G_TIME_SPAN_HOUR);
  g_assert_cmpuint (fixture->reminded->len, ==, 0);
}

static void
test_payment_described (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) due = co_deals_list_due (fixture->store, T0, 0, &error);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  co_deal_reminder_describe (&g_array_index (due, CoDealReminder, 0), &title, &body);
  g_assert_cmpstr (title, ==, "Payment: Upfront (500.00 USD)");
  g_assert_true (g_str_has_prefix (body, "Acme — Review · overdue since "));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add ("/app/deals/reminders/listed-on-start", Fixture, NULL, fixture_set_up,
              test_listed_on_start, fixture_tear_down);
  g_test_add ("/app/deals/reminders/said-when-due", Fixture, NULL, fixture_set_up,
              test_said_when_due, fixture_tear_down);
  g_test_add ("/app/deals/reminders/done-never-said", Fixture, NULL, fixture_set_up,
              test_done_never_said, fixture_tear_down);
  g_test_add ("/app/deals/reminders/payment-described", Fixture, NULL, fixture_set_up,
              test_payment_described, fixture_tear_down);
  return g_test_run ();
}
