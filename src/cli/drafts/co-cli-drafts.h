/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"
#include "co-drafts.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_drafts_get_commands (guint        *n_commands);

/* Shared by the drafts and schedule commands (co-cli-drafts.c). */
CoDrafts           *co_cli_drafts_open         (CoCli        *cli,
                                                int          *out_exit);
gboolean            co_cli_drafts_no_args      (CoCli        *cli,
                                                int          *out_exit);
gboolean            co_cli_drafts_args         (CoCli        *cli,
                                                guint         n_expected,
                                                const char   *missing,
                                                gint64       *out_id,
                                                const char ***out_rest,
                                                int          *out_exit);
gboolean            co_cli_drafts_parse_items  (CoCli        *cli,
                                                GStrv         texts,
                                                GArray       *ids,
                                                int          *out_exit);
gboolean            co_cli_drafts_platform     (CoCli        *cli,
                                                const char   *name,
                                                CoPlatform   *out_platform,
                                                int          *out_exit);
int                 co_cli_drafts_print        (CoCli        *cli,
                                                CoDrafts     *drafts,
                                                gint64        id);
gboolean            co_cli_drafts_read_text    (CoCli        *cli,
                                                const char   *text,
                                                const char   *path,
                                                char        **out_text,
                                                GError      **error);
char               *co_cli_drafts_format_time  (gint64        usec,
                                                const char   *zone);

/* The commands, one function each. */
int                 co_cli_drafts_new          (CoCli        *cli);
int                 co_cli_drafts_list         (CoCli        *cli);
int                 co_cli_drafts_show         (CoCli        *cli);
int                 co_cli_drafts_edit         (CoCli        *cli);
int                 co_cli_drafts_move         (CoCli        *cli);
int                 co_cli_drafts_variant      (CoCli        *cli);
int                 co_cli_drafts_link         (CoCli        *cli);
int                 co_cli_drafts_repurpose    (CoCli        *cli);
int                 co_cli_drafts_delete       (CoCli        *cli);

G_END_DECLS
