/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-cli.h"
#include "co-export-media.h"

G_BEGIN_DECLS

/**
 * CoCliMedia:
 * @input: the argument as given: a file, or a vault item id (`12`, `#12`)
 * @path: the file to read: the file given, or the item's stored file, which
 *   is there even when the item's original file is gone
 * @item: (nullable): the vault item, when @input named one
 * @source: what an export of it is made of, pointing into the fields above
 *
 * One media input of `analyze`, `subtitles`, `export` or `transcode`.
 */
typedef struct
{
  char           *input;
  char           *path;
  CoVaultItem    *item;
  CoExportSource  source;
} CoCliMedia;

GPtrArray  *co_cli_media_resolve       (CoCli            *cli,
                                        const char      **args,
                                        guint             n_args,
                                        int              *out_exit);
char       *co_cli_media_dup_name      (const CoCliMedia *media);
void        co_cli_media_add_json      (const CoCliMedia *media,
                                        JsonObject       *object);
void        co_cli_media_free          (CoCliMedia       *media);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCliMedia, co_cli_media_free)

G_END_DECLS
