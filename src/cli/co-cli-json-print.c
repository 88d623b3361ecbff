/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cli.h"

/*
 * `--json` output goes to standard output through a CoJsonWriter
 * (co-json-write.c), laid out as json-glib's pretty generator does, in
 * pieces of about CHUNK bytes: the result of an hour's analysis is hundreds
 * of kilobytes of text, which the command line's memory would otherwise
 * grow with.
 */

#define CHUNK (16 * 1024)

static void
write_stdout (const char *text,
              gsize       length,
              gpointer    data)
{
  g_print ("%.*s", (int) length, text);
}

/**
 * co_cli_json_writer_new:
 *
 * Returns: (transfer full): a pretty writer to standard output
 */
CoJsonWriter *
co_cli_json_writer_new (void)
{
  return co_json_writer_new (TRUE, CHUNK, write_stdout, NULL);
}

/**
 * co_cli_print_json:
 * @node: the result
 *
 * Prints @node, indented, and a new line on standard output.
 */
void
co_cli_print_json (JsonNode *node)
{
  g_autoptr(CoJsonWriter) out = co_cli_json_writer_new ();

  co_json_writer_node (out, node);
  co_json_writer_flush (out);
  g_print ("\n");
}
