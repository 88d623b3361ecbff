/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Strict reads of JSON that may be damaged: results and parameters kept in
 * the database, which a disk fault or another program may have changed.
 * json-glib's own getters check their arguments with g_return_val_if_fail(),
 * so a member of the wrong type is a CRITICAL (and an abort under
 * G_DEBUG=fatal-criticals); these check the type first and tell the caller,
 * who then refuses the document with an error of its own.
 */

JsonNode   *co_json_read_object       (const char  *text,
                                       JsonObject **out_object);
JsonArray  *co_json_get_array         (JsonObject  *object,
                                       const char  *name);
JsonObject *co_json_get_object        (JsonObject  *object,
                                       const char  *name);
JsonObject *co_json_array_get_object  (JsonArray   *array,
                                       guint        index);
gboolean    co_json_get_number        (JsonObject  *object,
                                       const char  *name,
                                       double      *out_value);
gboolean    co_json_get_int           (JsonObject  *object,
                                       const char  *name,
                                       gint64       min,
                                       gint64       max,
                                       gint64      *out_value);
const char *co_json_get_string        (JsonObject  *object,
                                       const char  *name);
double      co_json_get_double_or     (JsonObject  *object,
                                       const char  *name,
                                       double       fallback);
gint64      co_json_get_int_or        (JsonObject  *object,
                                       const char  *name,
                                       gint64       fallback);
gboolean    co_json_get_boolean_or    (JsonObject  *object,
                                       const char  *name,
                                       gboolean     fallback);

G_END_DECLS
