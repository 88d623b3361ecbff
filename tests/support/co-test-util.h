/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-store.h"

G_BEGIN_DECLS

void      co_test_init              (int          *argc,
                                     char       ***argv);
char     *co_test_make_temp_dir     (const char   *name);
CoStore  *co_test_store_new         (void);
gboolean  co_test_wait_until        (gboolean    (*predicate) (gpointer),
                                     gpointer      data,
                                     guint         timeout_ms);
void      co_test_wait_flag         (gboolean     *flag,
                                     guint         timeout_ms);
char     *co_test_write_file        (const char   *dir,
                                     const char   *name,
                                     const void   *data,
                                     gssize        len);
guint32   co_test_seed              (void);
guint     co_test_cases             (guint         n);
void      co_test_assert_finalized  (gpointer      object,
                                     guint         timeout_ms);
void      co_test_async_ready_cb    (GObject      *source,
                                     GAsyncResult *result,
                                     gpointer      user_data);
GAsyncResult *co_test_async_wait    (GAsyncResult **result,
                                     guint          timeout_ms);

G_END_DECLS
