/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-store.h"

G_BEGIN_DECLS

/*
 * Kept words and cues are results of the store (co_store_put_result()),
 * {"NAME": [ {…}, … ]} with every item with its "text".  These two keep and
 * read such a list; each list says how one of its items looks, and its
 * reader returns %NULL for an item that is damaged.  What is kept may be
 * damaged like any file, so nothing here trusts its shape: readers check
 * each member with co-json-read.h before they read it.
 */
typedef void     (*CoKeptItemWriter) (JsonObject    *object,
                                      gconstpointer  item);
typedef gpointer (*CoKeptItemReader) (JsonObject    *object,
                                      const char    *text);

GPtrArray *_co_kept_list_load (CoStore          *store,
                               const char       *kind,
                               const char       *source_key,
                               const char       *params_key,
                               const char       *name,
                               GDestroyNotify    free_item,
                               CoKeptItemReader  read,
                               gboolean         *out_damaged,
                               GError          **error);
gboolean   _co_kept_list_save (CoStore          *store,
                               const char       *kind,
                               const char       *source_key,
                               const char       *params_key,
                               const char       *name,
                               GPtrArray        *items,
                               CoKeptItemWriter  write,
                               GError          **error);

G_END_DECLS
