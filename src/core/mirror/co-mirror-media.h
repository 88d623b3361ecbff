/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "co-store.h"

G_BEGIN_DECLS

/*
 * The local state of the media mirror (migration 16): which stored files a
 * bucket is known to hold, and the multipart uploads under way with the parts
 * the server already took, so that an interrupted upload resumes without
 * asking the server for its parts.  No network here.
 */

/**
 * CoMirrorFile:
 * @sha256: the stored file's digest
 * @size: its size in bytes
 *
 * A stored file that a record of the library refers to.
 */
typedef struct
{
  char   *sha256;
  gint64  size;
} CoMirrorFile;

void co_mirror_file_free (CoMirrorFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMirrorFile, co_mirror_file_free)

/**
 * CoMirrorUpload:
 * @upload_id: the server's id of the upload
 * @part_size: the size of every part but the last
 * @etags: (element-type utf8): the ETags of the parts the server took, part
 *   1 first, as many as were taken in a row from the first
 *
 * A multipart upload under way.
 */
typedef struct
{
  char      *upload_id;
  gint64     part_size;
  GPtrArray *etags;
} CoMirrorUpload;

void co_mirror_upload_free (CoMirrorUpload *upload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoMirrorUpload, co_mirror_upload_free)

GPtrArray      *co_mirror_media_list_files   (CoStore      *store,
                                              const char   *bucket,
                                              gboolean      missing_here,
                                              GError      **error);
gboolean        co_mirror_media_mark_pushed  (CoStore      *store,
                                              const char   *bucket,
                                              const char   *sha256,
                                              GError      **error);
CoMirrorUpload *co_mirror_media_get_upload   (CoStore      *store,
                                              const char   *bucket,
                                              const char   *sha256,
                                              GError      **error);
gboolean        co_mirror_media_begin_upload (CoStore      *store,
                                              const char   *bucket,
                                              const char   *sha256,
                                              const char   *upload_id,
                                              gint64        part_size,
                                              GError      **error);
gboolean        co_mirror_media_add_part     (CoStore      *store,
                                              const char   *sha256,
                                              int           number,
                                              const char   *etag,
                                              GError      **error);
gboolean        co_mirror_media_end_upload   (CoStore      *store,
                                              const char   *sha256,
                                              GError      **error);

G_END_DECLS
