/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "co-cli.h"

/*
 * `--json` output, written as it is laid out.  json-glib builds the whole
 * text of a tree before it writes a byte (json_generator_to_stream() too),
 * and the result of an hour's analysis is hundreds of kilobytes of it, which
 * the command line's memory would then grow with.  This walks the tree and
 * hands the text on in pieces of about CHUNK bytes, laid out exactly as
 * json-glib's pretty generator does (two spaces a level, `"key" : value`,
 * `[]` for an empty array).  Strings, keys and whole numbers are written by
 * json-glib itself, one at a time, so escaping is its own.
 *
 * Doubles are written with the fewest digits that read back as the same
 * double: json-glib writes 17, so a time rounded to the millisecond, 2.63,
 * would come out as 2.6299999999999999.  A double keeps looking like one:
 * 3.0 stays 3.0, not 3.
 */

#define CHUNK (16 * 1024)

typedef struct
{
  GString           *text;
  JsonGenerator     *leaf;       /* writes one scalar or key */
  JsonNode          *scratch;    /* a string node for keys */
  gsize              chunk;
  CoCliJsonWriteFunc write;
  gpointer           data;
} Printer;

static void
flush (Printer *printer,
       gboolean all)
{
  if (printer->text->len == 0 || (!all && printer->text->len < printer->chunk))
    return;
  printer->write (printer->text->str, printer->text->len, printer->data);
  g_string_truncate (printer->text, 0);
}

static void
indent (Printer *printer,
        guint    level)
{
  for (guint i = 0; i < 2 * level; i++)
    g_string_append_c (printer->text, ' ');
}

/* A double in the fewest digits that read back the same. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_ascii_dtostr (buffer, sizeof buffer, value);
  else
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

static void
append_leaf (Printer  *printer,
             JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      append_double (printer->text, json_node_get_double (node));
      return;
    }
  json_generator_set_root (printer->leaf, node);
  json_generator_to_gstring (printer->leaf, printer->text);
}

static void print_node (Printer    *printer,
                        guint       level,
                        const char *name,
                        JsonNode   *node);

static void
print_array (Printer   *printer,
             guint      level,
             JsonArray *array)
{
  guint length = json_array_get_length (array);

  g_string_append_c (printer->text, '[');
  if (length == 0)
    {
      g_string_append_c (printer->text, ']');
      return;
    }
  g_string_append_c (printer->text, '\n');
  for (guint i = 0; i < length; i++)
    {
      print_node (printer, level + 1, NULL, json_array_get_element (array, i));
      g_string_append (printer->text, i + 1 < length ? ",\n" : "\n");
      flush (printer, FALSE);
    }
  indent (printer, level);
  g_string_append_c (printer->text, ']');
}

static void
print_object (Printer    *printer,
              guint       level,
              JsonObject *object)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  guint left = json_object_get_size (object);

  g_string_append_c (printer->text, '{');
  if (left > 0)
    g_string_append_c (printer->text, '\n');
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      print_node (printer, level + 1, name, member);
      g_string_append (printer->text, --left > 0 ? ",\n" : "\n");
      flush (printer, FALSE);
    }
  /* json-glib indents the closing brace even of an empty object. */
  indent (printer, level);
  g_string_append_c (printer->text, '}');
}

static void
print_node (Printer    *printer,
            guint       level,
            const char *name,
            JsonNode   *node)
{
  indent (printer, level);
  if (name != NULL)
    {
      json_node_set_string (printer->scratch, name);
      append_leaf (printer, printer->scratch);
      g_string_append (printer->text, " : ");
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    print_array (printer, level, json_node_get_array (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    print_object (printer, level, json_node_get_object (node));
  else
    append_leaf (printer, node);
}

/**
 * co_cli_json_write:
 * @node: a JSON tree
 * @chunk: about how many bytes to hand to @write at a time
 * @write: (scope call): takes each piece of the text in turn
 * @data: for @write
 *
 * Writes @node as json-glib's pretty generator lays it out, doubles in
 * their shortest form, in pieces, without building the whole text.
 */
void
co_cli_json_write (JsonNode          *node,
                   gsize              chunk,
                   CoCliJsonWriteFunc write,
                   gpointer           data)
{
  g_autoptr(JsonGenerator) leaf = json_generator_new ();
  g_autoptr(JsonNode) scratch = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GString) text = g_string_sized_new (MIN (chunk, 64 * 1024) + 256);
  Printer printer = { text, leaf, scratch, MAX (chunk, 1), write, data };

  g_return_if_fail (node != NULL);
  g_return_if_fail (write != NULL);

  print_node (&printer, 0, NULL, node);
  flush (&printer, TRUE);
}

static void
write_stdout (const char *text,
              gsize       length,
              gpointer    data)
{
  g_print ("%.*s", (int) length, text);
}

/**
 * co_cli_print_json:
 * @node: the result
 *
 * Prints @node, indented, on standard output (see co_cli_json_write()).
 */
void
co_cli_print_json (JsonNode *node)
{
  co_cli_json_write (node, CHUNK, write_stdout, NULL);
  g_print ("\n");
}
