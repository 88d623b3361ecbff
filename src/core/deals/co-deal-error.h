/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_DEAL_ERROR (co_deal_error_quark ())

/**
 * CoDealError:
 * @CO_DEAL_ERROR_NOT_FOUND: no brand, deal, deliverable or milestone has
 *   that name or id
 * @CO_DEAL_ERROR_INVALID: a value is not acceptable (an empty title, an
 *   unknown milestone state, a draft that does not exist)
 * @CO_DEAL_ERROR_BAD_AMOUNT: an amount is not one the currency can hold:
 *   negative, more decimals than the currency has, not a number, or too large
 * @CO_DEAL_ERROR_UNKNOWN_CURRENCY: not an ISO 4217 currency code
 * @CO_DEAL_ERROR_OVER_TOTAL: the milestones would add up to more than the
 *   deal's amount
 *
 * Codes are append-only: the command line maps them to exit codes.
 */
typedef enum
{
  CO_DEAL_ERROR_NOT_FOUND,
  CO_DEAL_ERROR_INVALID,
  CO_DEAL_ERROR_BAD_AMOUNT,
  CO_DEAL_ERROR_UNKNOWN_CURRENCY,
  CO_DEAL_ERROR_OVER_TOTAL,
} CoDealError;

GQuark co_deal_error_quark (void);

G_END_DECLS
