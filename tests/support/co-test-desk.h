/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-window.h"

G_BEGIN_DECLS

/* What every GUI test stands on: a library in temporary folders and, once
 * opened, the real main window on it. */
typedef struct
{
  char     *dir;
  char     *media_dir;
  CoStore  *store;
  CoVault  *vault;
  CoWindow *window;
  guint     toasts_seen;   /* the window's toasts co_test_desk_wait_toast() passed */
} CoTestDesk;

void     co_test_desk_init                 (int         *argc,
                                            char      ***argv);
gboolean co_test_desk_has_display          (void);
gboolean co_test_desk_skip_without_display (void);
void     co_test_desk_use_app_style        (void);
void     co_test_desk_restore_data_dirs    (void);
gboolean co_test_desk_set_up               (CoTestDesk  *desk);
void     co_test_desk_open_window          (CoTestDesk  *desk,
                                            guint        wait_ms);
void     co_test_desk_close_window         (CoTestDesk  *desk,
                                            guint        wait_ms);
void     co_test_desk_tear_down            (CoTestDesk  *desk,
                                            guint        wait_ms);
void     co_test_desk_assert_not_blank     (const char  *png);
GtkWidget *co_test_desk_find_named         (GtkWidget   *widget,
                                            const char  *name);
GtkWidget *co_test_desk_find_type          (GtkWidget   *widget,
                                            GType        type);
const char *co_test_desk_wait_toast        (CoTestDesk  *desk,
                                            const char  *text,
                                            guint        wait_ms);
char    *co_test_desk_screenshot           (CoTestDesk  *desk,
                                            const char  *name,
                                            guint        wait_ms);
char    *co_test_desk_screenshot_window    (CoTestDesk  *desk,
                                            GtkWidget   *window,
                                            const char  *name,
                                            guint        wait_ms);

G_END_DECLS
