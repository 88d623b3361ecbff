/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CoCliExit:
 * @CO_CLI_EXIT_OK: the command did what was asked
 * @CO_CLI_EXIT_FAILED: any failure not listed below
 * @CO_CLI_EXIT_USAGE: unknown command or option, missing or badly formatted argument
 * @CO_CLI_EXIT_NOT_FOUND: an item id, draft, schedule entry, asset, account,
 *   outbox operation or file does not exist
 * @CO_CLI_EXIT_INVALID: the input is invalid or unsupported (file type, damaged or
 *   truncated media, bad address or tag, a search without words, an item in the
 *   wrong state for the command, a malformed subtitle file, a timeline that cannot
 *   be exported, a token that cannot be used, an outbox operation in the wrong
 *   state, a post the service refused); also `subtitles check` finding a rule broken
 * @CO_CLI_EXIT_DATABASE: the library cannot be used (damaged or too new database,
 *   busy, disk or I/O failure, stored files that fail verification)
 * @CO_CLI_EXIT_PARTIAL: some inputs of a batch failed while others succeeded
 * @CO_CLI_EXIT_QUOTA: storing would exceed the storage quota
 * @CO_CLI_EXIT_EXISTS: an output file exists and `--force` was not given;
 *   nothing was written
 * @CO_CLI_EXIT_AUTH: an account must be connected, or connected again (its sign-in
 *   was refused or has expired, or the user did not allow it)
 * @CO_CLI_EXIT_CANCELLED: interrupted (Ctrl+C); work already committed is kept
 *
 * The exit codes of `creatorops-cli`.  Scripts depend on these numbers, so
 * they never change meaning; new ones are only appended.  The `--help` text is
 * written from the same values (see co-cli.c), so the two cannot disagree.
 */
typedef enum
{
  CO_CLI_EXIT_OK        = 0,
  CO_CLI_EXIT_FAILED    = 1,
  CO_CLI_EXIT_USAGE     = 2,
  CO_CLI_EXIT_NOT_FOUND = 3,
  CO_CLI_EXIT_INVALID   = 4,
  CO_CLI_EXIT_DATABASE  = 5,
  CO_CLI_EXIT_PARTIAL   = 6,
  CO_CLI_EXIT_QUOTA     = 7,
  CO_CLI_EXIT_EXISTS    = 8,
  CO_CLI_EXIT_AUTH      = 9,
  CO_CLI_EXIT_CANCELLED = 130,
} CoCliExit;

G_END_DECLS
