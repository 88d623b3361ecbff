/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Every subsystem has one error domain.  Codes are append-only: the command
 * line maps them to exit codes, and scripts depend on those.
 */

#define CO_STORE_ERROR (co_store_error_quark ())

/**
 * CoStoreError:
 * @CO_STORE_ERROR_OPEN: the database or data directory cannot be opened or created
 * @CO_STORE_ERROR_CORRUPT: the database failed its integrity check or is not a database
 * @CO_STORE_ERROR_TOO_NEW: the database was written by a newer CreatorOps
 * @CO_STORE_ERROR_IO: reading or writing the database or a stored file failed
 * @CO_STORE_ERROR_BUSY: another process holds the database locked
 * @CO_STORE_ERROR_FULL: the disk is full
 * @CO_STORE_ERROR_QUOTA: storing the file would exceed the storage quota
 * @CO_STORE_ERROR_FAILED: any other database failure
 * @CO_STORE_ERROR_NO_DATABASE: the library folder holds stored files but its database is
 *   missing or empty; nothing was created or deleted
 * @CO_STORE_ERROR_READ_ONLY: the library folder or its database cannot be written
 * @CO_STORE_ERROR_LAYOUT: a folder inside the library is a symbolic link or not a folder
 */
typedef enum
{
  CO_STORE_ERROR_OPEN,
  CO_STORE_ERROR_CORRUPT,
  CO_STORE_ERROR_TOO_NEW,
  CO_STORE_ERROR_IO,
  CO_STORE_ERROR_BUSY,
  CO_STORE_ERROR_FULL,
  CO_STORE_ERROR_QUOTA,
  CO_STORE_ERROR_FAILED,
  CO_STORE_ERROR_NO_DATABASE,
  CO_STORE_ERROR_READ_ONLY,
  CO_STORE_ERROR_LAYOUT,
} CoStoreError;

#define CO_VAULT_ERROR (co_vault_error_quark ())

/**
 * CoVaultError:
 * @CO_VAULT_ERROR_NOT_FOUND: no vault item has that id
 * @CO_VAULT_ERROR_INVALID: an argument is not acceptable (empty note, bad URL, bad tag…)
 * @CO_VAULT_ERROR_BAD_QUERY: a search query or filter cannot be understood
 * @CO_VAULT_ERROR_WRONG_STATE: the item is not in a state that allows this (e.g. restore
 *   an item that is not in the trash)
 */
typedef enum
{
  CO_VAULT_ERROR_NOT_FOUND,
  CO_VAULT_ERROR_INVALID,
  CO_VAULT_ERROR_BAD_QUERY,
  CO_VAULT_ERROR_WRONG_STATE,
} CoVaultError;

#define CO_MEDIA_ERROR (co_media_error_quark ())

/**
 * CoMediaError:
 * @CO_MEDIA_ERROR_NOT_FOUND: the file does not exist
 * @CO_MEDIA_ERROR_UNREADABLE: the file exists but cannot be read (permissions, I/O)
 * @CO_MEDIA_ERROR_NOT_A_FILE: the path names a directory or a special file
 * @CO_MEDIA_ERROR_EMPTY: the file is empty
 * @CO_MEDIA_ERROR_UNSUPPORTED: the content is not a supported image, video, audio or text
 * @CO_MEDIA_ERROR_CORRUPT: the content claims a supported format but cannot be decoded
 * @CO_MEDIA_ERROR_TRUNCATED: the file holds less than its header claims
 * @CO_MEDIA_ERROR_NO_AUDIO: an audio track is required and there is none
 * @CO_MEDIA_ERROR_NO_VIDEO: a video track is required and there is none
 * @CO_MEDIA_ERROR_TOO_LARGE: the file exceeds the size limit
 * @CO_MEDIA_ERROR_MISSING_PLUGIN: a GStreamer element needed for the file is not installed
 * @CO_MEDIA_ERROR_FAILED: any other media failure
 * @CO_MEDIA_ERROR_SPEECH_MODEL: a speech model file is missing, unreadable or corrupt
 */
typedef enum
{
  CO_MEDIA_ERROR_NOT_FOUND,
  CO_MEDIA_ERROR_UNREADABLE,
  CO_MEDIA_ERROR_NOT_A_FILE,
  CO_MEDIA_ERROR_EMPTY,
  CO_MEDIA_ERROR_UNSUPPORTED,
  CO_MEDIA_ERROR_CORRUPT,
  CO_MEDIA_ERROR_TRUNCATED,
  CO_MEDIA_ERROR_NO_AUDIO,
  CO_MEDIA_ERROR_NO_VIDEO,
  CO_MEDIA_ERROR_TOO_LARGE,
  CO_MEDIA_ERROR_MISSING_PLUGIN,
  CO_MEDIA_ERROR_FAILED,
  CO_MEDIA_ERROR_SPEECH_MODEL,
} CoMediaError;

#define CO_SYNC_ERROR (co_sync_error_quark ())

/**
 * CoSyncError:
 * @CO_SYNC_ERROR_OFFLINE: the network cannot be reached
 * @CO_SYNC_ERROR_HTTP: the server answered with an error status
 * @CO_SYNC_ERROR_AUTH: the account must be reconnected
 * @CO_SYNC_ERROR_RATE_LIMITED: the server asked to slow down
 * @CO_SYNC_ERROR_PROTOCOL: the server's answer could not be understood
 * @CO_SYNC_ERROR_KEYRING: the system keyring is not available
 */
typedef enum
{
  CO_SYNC_ERROR_OFFLINE,
  CO_SYNC_ERROR_HTTP,
  CO_SYNC_ERROR_AUTH,
  CO_SYNC_ERROR_RATE_LIMITED,
  CO_SYNC_ERROR_PROTOCOL,
  CO_SYNC_ERROR_KEYRING,
} CoSyncError;

#define CO_EXPORT_ERROR (co_export_error_quark ())

/**
 * CoExportError:
 * @CO_EXPORT_ERROR_INVALID: the timeline, rate or option cannot be exported
 * @CO_EXPORT_ERROR_PARSE: an input file (SRT, VTT, EDL…) is malformed
 * @CO_EXPORT_ERROR_EXISTS: the output exists and overwriting was not asked for
 * @CO_EXPORT_ERROR_IO: the output cannot be written
 */
typedef enum
{
  CO_EXPORT_ERROR_INVALID,
  CO_EXPORT_ERROR_PARSE,
  CO_EXPORT_ERROR_EXISTS,
  CO_EXPORT_ERROR_IO,
} CoExportError;

GQuark       co_store_error_quark     (void);
GQuark       co_vault_error_quark     (void);
GQuark       co_media_error_quark     (void);
GQuark       co_sync_error_quark      (void);
GQuark       co_export_error_quark    (void);

gboolean     co_error_is_retryable    (const GError *error);
const char  *co_error_get_suggestion  (const GError *error);
gboolean     co_error_is_cancelled    (const GError *error);

G_END_DECLS
