/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * JSON written as it is laid out, without a tree.  A JsonNode tree of an
 * hour's analysis is megabytes, many times its text; a writer holds one
 * piece of the text and the open containers.  Pretty output is laid out
 * exactly as json-glib's pretty generator does it; compact output has no
 * white space.  Doubles have the fewest digits that read back the same.
 */

/* Takes the next piece of the text. */
typedef void (*CoJsonWriteFunc) (const char *text,
                                 gsize       length,
                                 gpointer    data);

typedef struct _CoJsonWriter CoJsonWriter;

CoJsonWriter *co_json_writer_new          (gboolean         pretty,
                                           gsize            chunk,
                                           CoJsonWriteFunc  write,
                                           gpointer         data);
CoJsonWriter *co_json_writer_new_string   (gboolean         pretty);
char         *co_json_writer_free_to_string (CoJsonWriter  *self);
void          co_json_writer_free         (CoJsonWriter    *self);
void          co_json_writer_flush        (CoJsonWriter    *self);

void          co_json_writer_begin_object (CoJsonWriter    *self);
void          co_json_writer_end_object   (CoJsonWriter    *self);
void          co_json_writer_begin_array  (CoJsonWriter    *self);
void          co_json_writer_end_array    (CoJsonWriter    *self);
void          co_json_writer_member       (CoJsonWriter    *self,
                                           const char      *name);

void          co_json_writer_string       (CoJsonWriter    *self,
                                           const char      *value);
void          co_json_writer_int          (CoJsonWriter    *self,
                                           gint64           value);
void          co_json_writer_double       (CoJsonWriter    *self,
                                           double           value);
void          co_json_writer_boolean      (CoJsonWriter    *self,
                                           gboolean         value);
void          co_json_writer_null         (CoJsonWriter    *self);
void          co_json_writer_node         (CoJsonWriter    *self,
                                           JsonNode        *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoJsonWriter, co_json_writer_free)

G_END_DECLS
