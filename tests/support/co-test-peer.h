/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *co_test_peer_find       (const char *name);
guint16  co_test_peer_free_port  (void);
void     co_test_peer_new_group  (gpointer    data);
void     co_test_peer_remove_dir (const char *path);

G_END_DECLS
