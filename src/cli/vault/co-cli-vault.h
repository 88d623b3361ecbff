/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"

G_BEGIN_DECLS

const CoCliCommand *co_cli_vault_get_commands (guint        *n_commands);

/* Output shared by the vault commands (co-cli-vault.c). */
void                co_cli_vault_print_item   (CoCli        *cli,
                                               CoVaultItem  *item);
void                co_cli_vault_print_items  (CoCli        *cli,
                                               GPtrArray    *items);
gboolean            co_cli_vault_parse_ids    (CoCli        *cli,
                                               const char  **args,
                                               guint         n_args,
                                               GArray      **out_ids,
                                               int          *out_exit);

/* The commands, one function each. */
int                 co_cli_vault_import       (CoCli        *cli);
int                 co_cli_vault_note         (CoCli        *cli);
int                 co_cli_vault_link         (CoCli        *cli);
int                 co_cli_vault_list         (CoCli        *cli);
int                 co_cli_vault_search       (CoCli        *cli);
int                 co_cli_vault_show         (CoCli        *cli);
int                 co_cli_vault_tag          (CoCli        *cli);
int                 co_cli_vault_similar      (CoCli        *cli);
int                 co_cli_vault_duplicates   (CoCli        *cli);
int                 co_cli_vault_trash        (CoCli        *cli);
int                 co_cli_vault_restore      (CoCli        *cli);
int                 co_cli_vault_purge        (CoCli        *cli);
int                 co_cli_vault_exclude      (CoCli        *cli);
int                 co_cli_vault_recover      (CoCli        *cli);

G_END_DECLS
