/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_MIRROR_ERROR (co_mirror_error_quark ())

/**
 * CoMirrorError:
 * @CO_MIRROR_ERROR_NOT_CONFIGURED: no CouchDB server is set up for this library
 * @CO_MIRROR_ERROR_BAD_URL: the server address is not an http(s) address with a
 *   database name
 * @CO_MIRROR_ERROR_BAD_CREDENTIALS: the credentials given are not a JSON object
 *   with a user name and a password
 * @CO_MIRROR_ERROR_NOT_COUCHDB: the server does not answer as CouchDB does
 * @CO_MIRROR_ERROR_UNAUTHORIZED: the server refused the user name or password
 * @CO_MIRROR_ERROR_NO_DATABASE: the database does not exist and could not be made
 * @CO_MIRROR_ERROR_INVALID_DOCUMENT: a document from the server does not match
 *   the JSON shape of its type; the message names the document and the field
 * @CO_MIRROR_ERROR_REJECTED: the server refused to store a document
 * @CO_MIRROR_ERROR_NOT_FOUND: no conflict copy has that id
 * @CO_MIRROR_ERROR_RESTORE_REFUSED: a conflict copy cannot be restored over its
 *   record (a published draft, for one, cannot change)
 * @CO_MIRROR_ERROR_NO_BUCKET: the S3 bucket for the media does not exist
 * @CO_MIRROR_ERROR_DIGEST_MISMATCH: a file from the bucket is not the one its
 *   SHA-256 names; it was not kept
 *
 * The errors of the cloud mirror.  Codes are append-only: the command line
 * maps them to exit codes.
 */
typedef enum
{
  CO_MIRROR_ERROR_NOT_CONFIGURED,
  CO_MIRROR_ERROR_BAD_URL,
  CO_MIRROR_ERROR_BAD_CREDENTIALS,
  CO_MIRROR_ERROR_NOT_COUCHDB,
  CO_MIRROR_ERROR_UNAUTHORIZED,
  CO_MIRROR_ERROR_NO_DATABASE,
  CO_MIRROR_ERROR_INVALID_DOCUMENT,
  CO_MIRROR_ERROR_REJECTED,
  CO_MIRROR_ERROR_NOT_FOUND,
  CO_MIRROR_ERROR_RESTORE_REFUSED,
  CO_MIRROR_ERROR_NO_BUCKET,
  CO_MIRROR_ERROR_DIGEST_MISMATCH,
} CoMirrorError;

GQuark co_mirror_error_quark (void);

G_END_DECLS
