/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *co_test_repeat (const char *unit,
                      int         times);

G_END_DECLS
