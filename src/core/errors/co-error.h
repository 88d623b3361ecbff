/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * Every subsystem defines its error domain next to itself, in a header of its
 * own (co-store-error.h, co-media-error.h…), with CO_DEFINE_ERROR_QUARK() in
 * its .c file.  The quark function registers the domain and the GEnum of its
 * codes here on first use, so a domain is known before any of its errors
 * exists.  Codes are append-only: the command line maps them to exit codes,
 * and scripts depend on those.
 *
 * This file keeps the one table of retry hints and suggestions, keyed by the
 * codes' names; every code of every domain has a row (tests/cli checks it).
 */

/**
 * CO_DEFINE_ERROR_QUARK:
 * @QN: the quark's name, such as `co-media-error-quark`
 * @q_n: the function's prefix, such as `co_media_error`
 * @codes_type: the #GType of the domain's code enum (from glib-mkenums)
 *
 * Defines `q_n_quark()`, which registers the domain with
 * co_error_register_domain() the first time it is called.
 */
#define CO_DEFINE_ERROR_QUARK(QN, q_n, codes_type)                        \
GQuark                                                                    \
q_n##_quark (void)                                                        \
{                                                                         \
  static gsize quark;                                                     \
                                                                          \
  if (g_once_init_enter (&quark))                                         \
    {                                                                     \
      GQuark registered = g_quark_from_static_string (#QN);               \
                                                                          \
      co_error_register_domain (registered, codes_type);                  \
      g_once_init_leave (&quark, registered);                             \
    }                                                                     \
  return (GQuark) quark;                                                  \
}

void         co_error_register_domain   (GQuark         domain,
                                         GType          codes);
GType        co_error_get_codes_type    (GQuark         domain);
GArray      *co_error_list_domains      (void);
GPtrArray   *co_error_list_unknown_rows (void);

gboolean     co_error_is_retryable      (const GError  *error);
const char  *co_error_get_suggestion    (const GError  *error);
gboolean     co_error_is_cancelled      (const GError  *error);

G_END_DECLS
