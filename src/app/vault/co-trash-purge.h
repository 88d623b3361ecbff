/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "co-window.h"

G_BEGIN_DECLS

AdwMessageDialog *co_trash_purge_ask (CoWindow *window);

G_END_DECLS
