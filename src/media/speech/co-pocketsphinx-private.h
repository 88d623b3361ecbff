/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <pocketsphinx.h>

G_BEGIN_DECLS

/* co-pocketsphinx-confidence.c */
double _co_pocketsphinx_word_confidence (ps_lattice_t *dag,
                                         const char   *word,
                                         int           start_frame,
                                         int           end_frame);

G_END_DECLS
