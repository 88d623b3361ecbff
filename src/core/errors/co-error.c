/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "co-draft-error.h"
#include "co-error.h"
#include "co-platform.h"
#include "co-schedule-error.h"

G_DEFINE_QUARK (co-store-error-quark, co_store_error)
G_DEFINE_QUARK (co-vault-error-quark, co_vault_error)
G_DEFINE_QUARK (co-media-error-quark, co_media_error)
G_DEFINE_QUARK (co-sync-error-quark, co_sync_error)
G_DEFINE_QUARK (co-export-error-quark, co_export_error)

typedef struct
{
  GQuark    (*domain) (void);
  int         code;
  gboolean    retryable;
  const char *suggestion;
} ErrorInfo;

/* The one table that says, for every error, whether trying again can help and
 * what a person should do about it.  Keep it in the order of the enums. */
static const ErrorInfo error_table[] = {
  { co_store_error_quark, CO_STORE_ERROR_OPEN, FALSE,
    N_("Check that the data folder exists and that you may write to it.") },
  { co_store_error_quark, CO_STORE_ERROR_CORRUPT, FALSE,
    N_("Restore the database from a backup; CreatorOps leaves the damaged file untouched.") },
  { co_store_error_quark, CO_STORE_ERROR_TOO_NEW, FALSE,
    N_("Update CreatorOps to the version that created this library.") },
  { co_store_error_quark, CO_STORE_ERROR_IO, TRUE,
    N_("Check the disk and try again.") },
  { co_store_error_quark, CO_STORE_ERROR_BUSY, TRUE,
    N_("Another CreatorOps process is using the library; try again in a moment.") },
  { co_store_error_quark, CO_STORE_ERROR_FULL, FALSE,
    N_("Free some disk space, then try again.") },
  { co_store_error_quark, CO_STORE_ERROR_QUOTA, FALSE,
    N_("Purge the trash or delete unreferenced assets, or raise the storage quota.") },
  { co_store_error_quark, CO_STORE_ERROR_FAILED, FALSE,
    N_("Report this problem with the log.") },

  { co_vault_error_quark, CO_VAULT_ERROR_NOT_FOUND, FALSE,
    N_("List the vault to find the right item id.") },
  { co_vault_error_quark, CO_VAULT_ERROR_INVALID, FALSE,
    N_("Correct the value and try again.") },
  { co_vault_error_quark, CO_VAULT_ERROR_BAD_QUERY, FALSE,
    N_("Simplify the search: use plain words, optionally ending in *.") },
  { co_vault_error_quark, CO_VAULT_ERROR_WRONG_STATE, FALSE,
    N_("Check whether the item is in the trash.") },

  { co_media_error_quark, CO_MEDIA_ERROR_NOT_FOUND, FALSE,
    N_("Check the file name.") },
  { co_media_error_quark, CO_MEDIA_ERROR_UNREADABLE, TRUE,
    N_("Check the file's permissions and the disk it is on.") },
  { co_media_error_quark, CO_MEDIA_ERROR_NOT_A_FILE, FALSE,
    N_("Choose a regular file, not a folder.") },
  { co_media_error_quark, CO_MEDIA_ERROR_EMPTY, FALSE,
    N_("The file has no content; export it again from its source.") },
  { co_media_error_quark, CO_MEDIA_ERROR_UNSUPPORTED, FALSE,
    N_("Convert the file to a common image, video or audio format.") },
  { co_media_error_quark, CO_MEDIA_ERROR_CORRUPT, FALSE,
    N_("The file is damaged; export or download it again.") },
  { co_media_error_quark, CO_MEDIA_ERROR_TRUNCATED, FALSE,
    N_("The file is incomplete; copy or download it again.") },
  { co_media_error_quark, CO_MEDIA_ERROR_NO_AUDIO, FALSE,
    N_("Choose a file with a sound track.") },
  { co_media_error_quark, CO_MEDIA_ERROR_NO_VIDEO, FALSE,
    N_("Choose a file with a video track.") },
  { co_media_error_quark, CO_MEDIA_ERROR_TOO_LARGE, FALSE,
    N_("Split the file or raise the size limit.") },
  { co_media_error_quark, CO_MEDIA_ERROR_MISSING_PLUGIN, FALSE,
    N_("Install the GStreamer plugins for this format (gstreamer1.0-libav).") },
  { co_media_error_quark, CO_MEDIA_ERROR_FAILED, FALSE,
    N_("Report this problem with the log.") },
  { co_media_error_quark, CO_MEDIA_ERROR_SPEECH_MODEL, FALSE,
    N_("Reinstall the speech model (pocketsphinx-en-us) or fix CREATOROPS_SPEECH_MODEL_DIR.") },

  { co_sync_error_quark, CO_SYNC_ERROR_OFFLINE, TRUE,
    N_("The change is kept and will be sent when the network returns.") },
  { co_sync_error_quark, CO_SYNC_ERROR_HTTP, TRUE,
    N_("Try again later.") },
  { co_sync_error_quark, CO_SYNC_ERROR_AUTH, FALSE,
    N_("Reconnect the account in Preferences.") },
  { co_sync_error_quark, CO_SYNC_ERROR_RATE_LIMITED, TRUE,
    N_("Wait for the rate limit to reset; CreatorOps retries by itself.") },
  { co_sync_error_quark, CO_SYNC_ERROR_PROTOCOL, FALSE,
    N_("Report this problem with the log.") },
  { co_sync_error_quark, CO_SYNC_ERROR_KEYRING, TRUE,
    N_("Unlock the system keyring, then try again.") },

  { co_export_error_quark, CO_EXPORT_ERROR_INVALID, FALSE,
    N_("Check the export options.") },
  { co_export_error_quark, CO_EXPORT_ERROR_PARSE, FALSE,
    N_("Fix the file at the line named, then import it again.") },
  { co_export_error_quark, CO_EXPORT_ERROR_EXISTS, FALSE,
    N_("Choose another name, or pass --force to overwrite.") },
  { co_export_error_quark, CO_EXPORT_ERROR_IO, TRUE,
    N_("Check that the destination folder exists and is writable.") },

  { co_platform_error_quark, CO_PLATFORM_ERROR_UNKNOWN, FALSE,
    N_("Use one of the platforms: x, linkedin, instagram, youtube.") },
  { co_platform_error_quark, CO_PLATFORM_ERROR_TOO_LONG, FALSE,
    N_("Shorten the text, or let CreatorOps adapt it to the platform.") },
  { co_platform_error_quark, CO_PLATFORM_ERROR_INVALID, FALSE,
    N_("Edit the text so that it follows the platform's rules.") },

  { co_draft_error_quark, CO_DRAFT_ERROR_NOT_FOUND, FALSE,
    N_("List the drafts to find the right id.") },
  { co_draft_error_quark, CO_DRAFT_ERROR_INVALID, FALSE,
    N_("Correct the value named in the message and try again.") },
  { co_draft_error_quark, CO_DRAFT_ERROR_MOVE_REFUSED, FALSE,
    N_("Move the draft one stage forward at a time, or from Scheduled back to Draft.") },
  { co_draft_error_quark, CO_DRAFT_ERROR_INCOMPLETE, FALSE,
    N_("Fill in what the message names, then try again.") },
  { co_draft_error_quark, CO_DRAFT_ERROR_READ_ONLY, FALSE,
    N_("Repurpose the published draft to make a new one you can edit.") },

  { co_schedule_error_quark, CO_SCHEDULE_ERROR_NOT_FOUND, FALSE,
    N_("List the schedule to see which platforms of the draft have a time.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_BAD_TIME, FALSE,
    N_("Write the time as 2027-03-28T09:30+02:00, or as 2027-03-28 09:30 with --tz.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_UNKNOWN_ZONE, FALSE,
    N_("Use an IANA time zone name such as Europe/Berlin or America/New_York.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_NONEXISTENT_TIME, FALSE,
    N_("Choose one of the times the message suggests.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_PAST, FALSE,
    N_("Choose a time in the future.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_CONFLICT, FALSE,
    N_("Choose one of the free times the message suggests.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_WRONG_STAGE, FALSE,
    N_("Move the draft to the stage the message names first.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_NOT_A_TARGET, FALSE,
    N_("Add the platform to the draft first.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_EXISTS, FALSE,
    N_("Move the existing time instead, or cancel it first.") },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_INVALID, FALSE,
    N_("Correct the value named in the message and try again.") },
};

static const ErrorInfo *
find_info (const GError *error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (error_table); i++)
    {
      if (error->domain == error_table[i].domain () && error->code == error_table[i].code)
        return &error_table[i];
    }
  return NULL;
}

/**
 * co_error_is_retryable:
 * @error: an error from any CreatorOps layer
 *
 * Tells whether repeating the same operation may succeed without the user
 * changing anything (a busy database, a network failure).
 *
 * Returns: %TRUE if a retry may help
 */
gboolean
co_error_is_retryable (const GError *error)
{
  const ErrorInfo *info;

  g_return_val_if_fail (error != NULL, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return TRUE;

  info = find_info (error);
  return info != NULL && info->retryable;
}

/**
 * co_error_get_suggestion:
 * @error: an error from any CreatorOps layer
 *
 * Gets a translated sentence that tells a person what to do about @error.
 *
 * Returns: (transfer none) (nullable): the suggestion, or %NULL if there is none
 */
const char *
co_error_get_suggestion (const GError *error)
{
  const ErrorInfo *info;

  g_return_val_if_fail (error != NULL, NULL);

  info = find_info (error);
  return info != NULL ? _(info->suggestion) : NULL;
}

/**
 * co_error_is_cancelled:
 * @error: (nullable): an error or %NULL
 *
 * Cancellation is never shown as an error; callers use this to drop it.
 *
 * Returns: %TRUE if @error reports a cancelled operation
 */
gboolean
co_error_is_cancelled (const GError *error)
{
  return error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}
