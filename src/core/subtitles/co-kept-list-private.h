/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Kept words and cues are stored as {"NAME": [ {…}, … ]}, every item with
 * its "text".  These two write and read that shape; each list says how one
 * of its items looks, and its reader returns %NULL for an item that is
 * damaged.  What is kept may be damaged like any file, so nothing here
 * trusts its shape.
 */
typedef void     (*CoKeptItemWriter) (JsonBuilder   *builder,
                                      gconstpointer  item);
typedef gpointer (*CoKeptItemReader) (JsonObject    *object,
                                      const char    *text);

char     *_co_kept_list_to_json   (const char       *name,
                                   GPtrArray        *items,
                                   CoKeptItemWriter  write);
gboolean  _co_kept_list_from_json (const char       *text,
                                   const char       *name,
                                   GPtrArray        *items,
                                   CoKeptItemReader  read);

JsonNode *_co_kept_number         (JsonObject       *object,
                                   const char       *name);

G_END_DECLS
