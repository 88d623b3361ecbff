/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include "co-drafts-private.h"

/* A non-NULL result that carries an id. */
gpointer
_co_drafts_boxed_id (gint64 id)
{
  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}
