/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "co-deal-error.h"

G_BEGIN_DECLS

/* The largest amount kept, in minor units: 18 digits, so that sums of many
 * of them are checked rather than needed to be wide. */
#define CO_MONEY_MAX G_GINT64_CONSTANT (999999999999999999)

int       co_currency_exponent (const char  *code);
gboolean  co_currency_check    (const char  *code,
                                GError     **error);
gboolean  co_money_parse       (const char  *text,
                                const char  *currency,
                                gint64      *out_minor,
                                GError     **error);
char     *co_money_format      (gint64       minor,
                                const char  *currency);
gboolean  co_money_add         (gint64       a,
                                gint64       b,
                                gint64      *out_sum,
                                GError     **error);
void      co_money_split       (gint64       total,
                                guint        n_parts,
                                gint64      *out_parts);

G_END_DECLS
