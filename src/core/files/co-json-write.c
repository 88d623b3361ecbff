/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "co-json-write.h"

/*
 * Pretty layout, as json-glib's pretty generator has it: two spaces a
 * level, `"key" : value`, one member or element a line, `[]` for an empty
 * array but the closing brace of an empty object indented like any other
 * (`{  }` one level down).  Every choice is made at the first child or at
 * the end of a container, so nothing has to be held back: a container's
 * state is whether it is an object, how many children it has had, and, in
 * an object, whether the next value has its name.
 *
 * Strings and names are escaped by json-glib itself, one at a time.
 * Doubles have the fewest digits that read back as the same double
 * (json-glib writes 17, so 2.63 would come out as 2.6299999999999999) and
 * keep looking like doubles (3.0, not 3).  JSON has no infinity or NaN: a
 * double that is not finite is written as null.
 */

typedef struct
{
  gboolean is_object;
  gboolean named;       /* an object's member() waits for its value */
  guint    count;
} Level;

struct _CoJsonWriter
{
  gboolean        pretty;
  gsize           chunk;
  CoJsonWriteFunc write;   /* NULL: keep the whole text */
  gpointer        data;
  GString        *text;
  GArray         *levels;
  JsonGenerator  *leaf;    /* escapes one string */
  JsonNode       *scratch;
};

/**
 * co_json_writer_new:
 * @pretty: lay the text out as json-glib's pretty generator does
 * @chunk: about how many bytes to hand to @write at a time
 * @write: (nullable) (scope forever): takes each piece of the text in turn;
 *   %NULL keeps the whole text (see co_json_writer_new_string())
 * @data: for @write
 *
 * Returns: (transfer full): a writer; co_json_writer_free() hands on what
 *   is left
 */
CoJsonWriter *
co_json_writer_new (gboolean        pretty,
                    gsize           chunk,
                    CoJsonWriteFunc write,
                    gpointer        data)
{
  CoJsonWriter *self = g_new0 (CoJsonWriter, 1);

  self->pretty = pretty;
  self->chunk = MAX (chunk, 1);
  self->write = write;
  self->data = data;
  self->text = g_string_sized_new (write == NULL ? 256 : MIN (self->chunk, 64 * 1024) + 256);
  self->levels = g_array_new (FALSE, FALSE, sizeof (Level));
  self->leaf = json_generator_new ();
  self->scratch = json_node_new (JSON_NODE_VALUE);
  return self;
}

/**
 * co_json_writer_new_string:
 * @pretty: lay the text out as json-glib's pretty generator does
 *
 * Returns: (transfer full): a writer that keeps the text; take it with
 *   co_json_writer_free_to_string()
 */
CoJsonWriter *
co_json_writer_new_string (gboolean pretty)
{
  return co_json_writer_new (pretty, G_MAXSIZE, NULL, NULL);
}

/**
 * co_json_writer_flush:
 * @self: a writer
 *
 * Hands what is written so far to the write function.
 */
void
co_json_writer_flush (CoJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  if (self->write == NULL || self->text->len == 0)
    return;
  self->write (self->text->str, self->text->len, self->data);
  g_string_truncate (self->text, 0);
}

static void
free_parts (CoJsonWriter *self)
{
  g_array_unref (self->levels);
  g_object_unref (self->leaf);
  json_node_unref (self->scratch);
  g_free (self);
}

/**
 * co_json_writer_free_to_string:
 * @self: (transfer full): a writer made by co_json_writer_new_string()
 *
 * Returns: (transfer full): the whole text
 */
char *
co_json_writer_free_to_string (CoJsonWriter *self)
{
  char *text;

  g_return_val_if_fail (self != NULL && self->write == NULL, NULL);
  g_warn_if_fail (self->levels->len == 0);

  text = g_string_free (self->text, FALSE);
  free_parts (self);
  return text;
}

/**
 * co_json_writer_free:
 * @self: (transfer full) (nullable): a writer
 *
 * Hands on what is left, then frees the writer.
 */
void
co_json_writer_free (CoJsonWriter *self)
{
  if (self == NULL)
    return;
  co_json_writer_flush (self);
  g_string_free (self->text, TRUE);
  free_parts (self);
}

static Level *
top (CoJsonWriter *self)
{
  if (self->levels->len == 0)
    return NULL;
  return &g_array_index (self->levels, Level, self->levels->len - 1);
}

static void
indent (CoJsonWriter *self,
        guint         level)
{
  for (guint i = 0; i < 2 * level; i++)
    g_string_append_c (self->text, ' ');
}

/* The comma and line before a member or an element. */
static void
separate (CoJsonWriter *self,
          Level        *level)
{
  if (level->count++ > 0)
    g_string_append_c (self->text, ',');
  if (self->pretty)
    {
      g_string_append_c (self->text, '\n');
      indent (self, self->levels->len);
    }
}

/* Where a value starts: after its name in an object, on its own line in an
 * array.  Returns %FALSE when an object's value has no name. */
static gboolean
begin_value (CoJsonWriter *self)
{
  Level *level = top (self);

  if (level == NULL)
    return TRUE;
  if (level->is_object)
    {
      g_return_val_if_fail (level->named, FALSE);
      level->named = FALSE;
      return TRUE;
    }
  separate (self, level);
  return TRUE;
}

static void
end_value (CoJsonWriter *self)
{
  if (self->write != NULL && self->text->len >= self->chunk)
    co_json_writer_flush (self);
}

static void
append_string (CoJsonWriter *self,
               const char   *value)
{
  json_node_set_string (self->scratch, value);
  json_generator_set_root (self->leaf, self->scratch);
  json_generator_to_gstring (self->leaf, self->text);
}

static void
begin_container (CoJsonWriter *self,
                 gboolean      is_object)
{
  Level level = { is_object, FALSE, 0 };

  g_return_if_fail (self != NULL);
  if (!begin_value (self))
    return;
  g_string_append_c (self->text, is_object ? '{' : '[');
  g_array_append_val (self->levels, level);
}

static void
end_container (CoJsonWriter *self,
               gboolean      is_object)
{
  Level *level;
  guint count;

  g_return_if_fail (self != NULL);
  level = top (self);
  g_return_if_fail (level != NULL && level->is_object == is_object && !level->named);
  count = level->count;
  g_array_set_size (self->levels, self->levels->len - 1);
  if (self->pretty && count > 0)
    g_string_append_c (self->text, '\n');
  /* json-glib indents the closing brace even of an empty object, but
   * writes an empty array as []. */
  if (self->pretty && (is_object || count > 0))
    indent (self, self->levels->len);
  g_string_append_c (self->text, is_object ? '}' : ']');
  end_value (self);
}

/**
 * co_json_writer_begin_object:
 * @self: a writer
 *
 * Starts an object: then co_json_writer_member() and a value, in turn.
 */
void
co_json_writer_begin_object (CoJsonWriter *self)
{
  begin_container (self, TRUE);
}

/**
 * co_json_writer_end_object:
 * @self: a writer
 */
void
co_json_writer_end_object (CoJsonWriter *self)
{
  end_container (self, TRUE);
}

/**
 * co_json_writer_begin_array:
 * @self: a writer
 */
void
co_json_writer_begin_array (CoJsonWriter *self)
{
  begin_container (self, FALSE);
}

/**
 * co_json_writer_end_array:
 * @self: a writer
 */
void
co_json_writer_end_array (CoJsonWriter *self)
{
  end_container (self, FALSE);
}

/**
 * co_json_writer_member:
 * @self: a writer
 * @name: the name of the member whose value is written next
 */
void
co_json_writer_member (CoJsonWriter *self,
                       const char   *name)
{
  Level *level;

  g_return_if_fail (self != NULL && name != NULL);
  level = top (self);
  g_return_if_fail (level != NULL && level->is_object && !level->named);
  separate (self, level);
  append_string (self, name);
  g_string_append (self->text, self->pretty ? " : " : ":");
  level->named = TRUE;
}

/**
 * co_json_writer_string:
 * @self: a writer
 * @value: (nullable): a string, written as null when %NULL
 */
void
co_json_writer_string (CoJsonWriter *self,
                       const char   *value)
{
  g_return_if_fail (self != NULL);
  if (!begin_value (self))
    return;
  if (value != NULL)
    append_string (self, value);
  else
    g_string_append (self->text, "null");
  end_value (self);
}

/**
 * co_json_writer_int:
 * @self: a writer
 * @value: a whole number
 */
void
co_json_writer_int (CoJsonWriter *self,
                    gint64        value)
{
  g_return_if_fail (self != NULL);
  if (!begin_value (self))
    return;
  g_string_append_printf (self->text, "%" G_GINT64_FORMAT, value);
  end_value (self);
}

/* A finite double in the fewest digits that read back the same. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

/**
 * co_json_writer_double:
 * @self: a writer
 * @value: a number; null when not finite
 */
void
co_json_writer_double (CoJsonWriter *self,
                       double        value)
{
  g_return_if_fail (self != NULL);
  if (!begin_value (self))
    return;
  if (isfinite (value))
    append_double (self->text, value);
  else
    g_string_append (self->text, "null");
  end_value (self);
}

/**
 * co_json_writer_boolean:
 * @self: a writer
 * @value: a truth value
 */
void
co_json_writer_boolean (CoJsonWriter *self,
                        gboolean      value)
{
  g_return_if_fail (self != NULL);
  if (!begin_value (self))
    return;
  g_string_append (self->text, value ? "true" : "false");
  end_value (self);
}

/**
 * co_json_writer_null:
 * @self: a writer
 */
void
co_json_writer_null (CoJsonWriter *self)
{
  g_return_if_fail (self != NULL);
  if (!begin_value (self))
    return;
  g_string_append (self->text, "null");
  end_value (self);
}

static void
write_value (CoJsonWriter *self,
             JsonNode     *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_DOUBLE:
      co_json_writer_double (self, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      co_json_writer_boolean (self, json_node_get_boolean (node));
      break;
    case G_TYPE_STRING:
      co_json_writer_string (self, json_node_get_string (node));
      break;
    default:
      co_json_writer_int (self, json_node_get_int (node));
      break;
    }
}

/**
 * co_json_writer_node:
 * @self: a writer
 * @node: a JSON tree, written as the next value
 */
void
co_json_writer_node (CoJsonWriter *self,
                     JsonNode     *node)
{
  g_return_if_fail (self != NULL && node != NULL);

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        co_json_writer_begin_object (self);
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            co_json_writer_member (self, name);
            co_json_writer_node (self, member);
          }
        co_json_writer_end_object (self);
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        co_json_writer_begin_array (self);
        for (guint i = 0; i < json_array_get_length (array); i++)
          co_json_writer_node (self, json_array_get_element (array, i));
        co_json_writer_end_array (self);
      }
      break;
    case JSON_NODE_NULL:
      co_json_writer_null (self);
      break;
    case JSON_NODE_VALUE:
      write_value (self, node);
      break;
    }
}
