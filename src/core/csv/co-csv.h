/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void co_csv_append_field (GString           *out,
                          const char        *field);
void co_csv_append_row   (GString           *out,
                          const char *const *fields,
                          gsize              n_fields);

G_END_DECLS
