/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-deal-error.h"
#include "co-money.h"
#include "co-store.h"

G_BEGIN_DECLS

/**
 * CoMilestoneState:
 * @CO_MILESTONE_PENDING: not paid yet
 * @CO_MILESTONE_COMPLETED: paid
 * @CO_MILESTONE_DISPUTED: the brand and the creator disagree about it
 *
 * Stored by name (co_milestone_state_to_string()).
 */
typedef enum
{
  CO_MILESTONE_PENDING,
  CO_MILESTONE_COMPLETED,
  CO_MILESTONE_DISPUTED,
} CoMilestoneState;

/**
 * CoDeal:
 * @id: its id
 * @brand: the brand's name
 * @title: what the deal is
 * @amount: the agreed amount, in minor units of @currency
 * @currency: an ISO 4217 code
 * @created_at: when it was added (µs since 1970, UTC)
 * @n_deliverables: how many deliverables it has
 * @n_done: how many of them are done
 * @pending: the milestones still pending, in minor units
 * @completed: the milestones paid
 * @disputed: the milestones disputed
 * @unallocated: what no milestone covers yet: @amount minus the three
 */
typedef struct
{
  gint64  id;
  char   *brand;
  char   *title;
  gint64  amount;
  char    currency[4];
  gint64  created_at;
  guint   n_deliverables;
  guint   n_done;
  gint64  pending;
  gint64  completed;
  gint64  disputed;
  gint64  unallocated;
} CoDeal;

/**
 * CoDealMilestone:
 * @id: its id
 * @deal_id: its deal
 * @title: what it pays for
 * @amount: in minor units of the deal's currency
 * @due_at: when it is due (µs since 1970, UTC), or 0
 * @state: pending, completed or disputed
 * @changed_at: when its state last changed
 */
typedef struct
{
  gint64            id;
  gint64            deal_id;
  char             *title;
  gint64            amount;
  gint64            due_at;
  CoMilestoneState  state;
  gint64            changed_at;
} CoDealMilestone;

/**
 * CoDealChange:
 * @from: the state before, or -1 when the milestone was added
 * @to: the state after
 * @actor: who changed it
 * @at: when (µs since 1970, UTC)
 * @note: why, or ""
 */
typedef struct
{
  int               from;
  CoMilestoneState  to;
  char             *actor;
  gint64            at;
  char             *note;
} CoDealChange;

/**
 * CoDealReminder:
 * @is_milestone: a payment milestone still pending, rather than a
 *   deliverable not done
 * @id: the deliverable's or milestone's id
 * @deal_id: its deal
 * @brand: the brand's name
 * @deal: the deal's title
 * @title: the deliverable's or milestone's title
 * @draft_id: the deliverable's draft, or 0
 * @due_at: when it is due (µs since 1970, UTC)
 * @overdue: whether that time has passed
 * @amount: a milestone's amount, in minor units of @currency
 * @currency: the deal's currency
 */
typedef struct
{
  gboolean  is_milestone;
  gint64    id;
  gint64    deal_id;
  char     *brand;
  char     *deal;
  char     *title;
  gint64    draft_id;
  gint64    due_at;
  gboolean  overdue;
  gint64    amount;
  char      currency[4];
} CoDealReminder;

const char *co_milestone_state_to_string   (CoMilestoneState   state);
gboolean    co_milestone_state_from_string (const char        *name,
                                            CoMilestoneState  *out_state,
                                            GError           **error);

gint64      co_deals_add_brand             (CoStore           *store,
                                            const char        *name,
                                            GError           **error);
gint64      co_deals_add                   (CoStore           *store,
                                            const char        *brand,
                                            const char        *title,
                                            gint64             amount,
                                            const char        *currency,
                                            GError           **error);
GArray     *co_deals_list                  (CoStore           *store,
                                            GError           **error);
gboolean    co_deals_get                   (CoStore           *store,
                                            gint64             id,
                                            CoDeal            *out_deal,
                                            GError           **error);
void        co_deal_clear                  (CoDeal            *deal);

gint64      co_deals_add_deliverable       (CoStore           *store,
                                            gint64             deal_id,
                                            const char        *title,
                                            gint64             draft_id,
                                            gint64             due_at,
                                            GError           **error);
gboolean    co_deals_set_deliverable_done  (CoStore           *store,
                                            gint64             id,
                                            gint64             done_at,
                                            GError           **error);

gint64      co_deals_add_milestone         (CoStore           *store,
                                            gint64             deal_id,
                                            const char        *title,
                                            gint64             amount,
                                            gint64             due_at,
                                            const char        *actor,
                                            GError           **error);
gboolean    co_deals_split_milestones      (CoStore           *store,
                                            gint64             deal_id,
                                            guint              n_parts,
                                            const char        *actor,
                                            GError           **error);
gboolean    co_deals_set_milestone_state   (CoStore           *store,
                                            gint64             id,
                                            CoMilestoneState   state,
                                            const char        *actor,
                                            const char        *note,
                                            GError           **error);
GArray     *co_deals_list_milestones       (CoStore           *store,
                                            gint64             deal_id,
                                            GError           **error);
GArray     *co_deals_list_milestone_history (CoStore          *store,
                                            gint64             id,
                                            GError           **error);

GArray     *co_deals_list_due              (CoStore           *store,
                                            gint64             now,
                                            gint64             horizon,
                                            GError           **error);
char       *co_deals_payments_csv          (CoStore           *store,
                                            GError           **error);

void        co_deals_list_due_async        (CoStore             *store,
                                            gint64               now,
                                            gint64               horizon,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GArray     *co_deals_list_due_finish       (CoStore             *store,
                                            GAsyncResult        *result,
                                            GError             **error);
void        co_deals_list_async            (CoStore             *store,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GArray     *co_deals_list_finish           (CoStore             *store,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
