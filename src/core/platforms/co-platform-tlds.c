/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-platform"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "co-platform-private.h"

/*
 * The top-level domains an address may end in.
 *
 * twitter-text carries its own copy of IANA's list.  The Public Suffix List
 * holds the same domains, kept current by Mozilla and shipped by Debian
 * (the publicsuffix package) and by the Flatpak manifest.  Its ICANN section
 * is read once, and the last label of every rule is a top-level domain:
 * "ac.za" stands for .za as well, which has no rule of its own, which is why
 * the list is read rather than asked through libpsl (whose lookups only
 * answer for whole rules).
 *
 * Without the list no domain is known, so addresses count as their
 * characters: more than X counts, never less, so nothing that passes here is
 * refused by X.
 */

#define LIST_NAME "publicsuffix/public_suffix_list.dat"

static GPtrArray *
candidate_paths (void)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *prefix_data = g_path_get_dirname (PKGDATADIR);

  for (guint i = 0; dirs[i] != NULL; i++)
    g_ptr_array_add (paths, g_build_filename (dirs[i], LIST_NAME, NULL));
  /* Tests isolate the data folders; the installed copy is still there. */
  g_ptr_array_add (paths, g_build_filename (prefix_data, LIST_NAME, NULL));
  g_ptr_array_add (paths, g_build_filename ("/usr/share", LIST_NAME, NULL));
  return paths;
}

static void
add_rules (GHashTable *domains,
           char       *contents)
{
  gboolean icann = FALSE;
  char *line, *next;

  for (line = contents; line != NULL; line = next)
    {
      const char *dot;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      g_strstrip (line);
      if (strstr (line, "===BEGIN ICANN DOMAINS===") != NULL)
        icann = TRUE;
      else if (strstr (line, "===END ICANN DOMAINS===") != NULL)
        break;
      if (!icann || line[0] == '\0' || line[0] == '/')
        continue;
      dot = strrchr (line, '.');
      g_hash_table_add (domains, g_utf8_strdown (dot != NULL ? dot + 1 : line, -1));
    }
}

static gpointer
load_domains (gpointer data)
{
  GHashTable *domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) paths = candidate_paths ();

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (g_ptr_array_index (paths, i), &contents, NULL, NULL) &&
          g_utf8_validate (contents, -1, NULL))
        {
          add_rules (domains, contents);
          break;
        }
    }
  if (g_hash_table_size (domains) == 0)
    g_warning ("The Public Suffix List (%s) was not found: addresses are counted as their "
               "characters", LIST_NAME);
  return domains;
}

/**
 * _co_x_is_tld:
 * @label: a label, in any case
 * @length: its length in bytes
 *
 * Returns: whether @label is a top-level domain
 */
gboolean
_co_x_is_tld (const char *label,
              gsize       length)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *domains = g_once (&once, load_domains, NULL);
  g_autofree char *lower = g_utf8_strdown (label, length);

  return g_hash_table_contains (domains, lower);
}
