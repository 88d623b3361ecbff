/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean co_test_keyring_available     (void);
gboolean co_test_skip_without_keyring  (void);
void     co_test_forget_token          (const char *platform,
                                        const char *remote_id);
void     co_test_assert_no_secret      (const char *where,
                                        const char *text,
                                        gsize       length,
                                        GPtrArray  *secrets);
void     co_test_assert_no_secret_in_dir (const char *dir,
                                          GPtrArray  *secrets);

G_END_DECLS
