/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "co-error.h"

typedef struct
{
  const char *code;
  gboolean    retryable;
  const char *suggestion;
} ErrorInfo;

/* The one table that says, for every error, whether trying again can help and
 * what a person should do about it.  A row names its code as the enum value
 * does, so this file needs no header of the layers above; a test holds the
 * table to the registered enums in both directions.  Keep the rows in the
 * order of the enums, a domain at a time. */
static const ErrorInfo error_table[] = {
  /* core/store/co-store-error.h */
  { "CO_STORE_ERROR_OPEN", FALSE,
    N_("Check that the data folder exists and that you may write to it.") },
  { "CO_STORE_ERROR_CORRUPT", FALSE,
    N_("Restore the database from a backup; CreatorOps leaves the damaged file untouched.") },
  { "CO_STORE_ERROR_TOO_NEW", FALSE,
    N_("Update CreatorOps to the version that created this library.") },
  { "CO_STORE_ERROR_IO", TRUE,
    N_("Check the disk and try again.") },
  { "CO_STORE_ERROR_BUSY", TRUE,
    N_("Another CreatorOps process is using the library; try again in a moment.") },
  { "CO_STORE_ERROR_FULL", FALSE,
    N_("Free some disk space, then try again.") },
  { "CO_STORE_ERROR_QUOTA", FALSE,
    N_("Purge the trash or delete unreferenced assets, or raise the storage quota.") },
  { "CO_STORE_ERROR_FAILED", FALSE,
    N_("Report this problem with the log.") },
  { "CO_STORE_ERROR_NO_DATABASE", FALSE,
    N_("Restore creatorops.db from a backup, or run “creatorops-cli vault recover” to "
       "rebuild the library from its stored files.") },
  { "CO_STORE_ERROR_READ_ONLY", FALSE,
    N_("Make the data folder writable, or mount its disk read-write, then try again.") },
  { "CO_STORE_ERROR_LAYOUT", FALSE,
    N_("Replace the link with a real folder inside the library (move its files there).") },

  /* core/vault/co-vault-error.h */
  { "CO_VAULT_ERROR_NOT_FOUND", FALSE,
    N_("List the vault to find the right item id.") },
  { "CO_VAULT_ERROR_INVALID", FALSE,
    N_("Correct the value and try again.") },
  { "CO_VAULT_ERROR_BAD_QUERY", FALSE,
    N_("Simplify the search: use plain words, optionally ending in *.") },
  { "CO_VAULT_ERROR_WRONG_STATE", FALSE,
    N_("Check whether the item is in the trash.") },

  /* core/files/co-file-error.h */
  { "CO_FILE_ERROR_NOT_FOUND", FALSE,
    N_("Check the file name.") },
  { "CO_FILE_ERROR_NOT_REGULAR", FALSE,
    N_("Choose a regular file, not a folder, a pipe or a device.") },
  { "CO_FILE_ERROR_TOO_LARGE", FALSE,
    N_("Check that this is the file you meant: text this large is not accepted.") },
  { "CO_FILE_ERROR_UNREADABLE", TRUE,
    N_("Check the file's permissions and the disk it is on.") },
  { "CO_FILE_ERROR_NOT_TEXT", FALSE,
    N_("Save the text as UTF-8, without NUL bytes, and try again.") },

  /* core/export/co-export-error.h */
  { "CO_EXPORT_ERROR_INVALID", FALSE,
    N_("Check the export options.") },
  { "CO_EXPORT_ERROR_PARSE", FALSE,
    N_("Fix the file at the line named, then import it again.") },
  { "CO_EXPORT_ERROR_EXISTS", FALSE,
    N_("Choose another name, or pass --force to overwrite.") },
  { "CO_EXPORT_ERROR_IO", TRUE,
    N_("Check that the destination folder exists and is writable.") },

  /* core/subtitles/co-subtitle-error.h */
  { "CO_SUBTITLE_ERROR_PARSE", FALSE,
    N_("Fix the file at the line named, then import it again.") },
  { "CO_SUBTITLE_ERROR_DAMAGED", FALSE,
    N_("Make the subtitles again; the damaged copy is replaced.") },

  /* core/platforms/co-platform.h */
  { "CO_PLATFORM_ERROR_UNKNOWN", FALSE,
    N_("Use one of the platforms: x, linkedin, instagram, youtube.") },
  { "CO_PLATFORM_ERROR_TOO_LONG", FALSE,
    N_("Shorten the text, or let CreatorOps adapt it to the platform.") },
  { "CO_PLATFORM_ERROR_INVALID", FALSE,
    N_("Edit the text so that it follows the platform's rules.") },

  /* core/accounts/co-account-error.h */
  { "CO_ACCOUNT_ERROR_NOT_FOUND", FALSE,
    N_("List the accounts to find the right id.") },
  { "CO_ACCOUNT_ERROR_INVALID", FALSE,
    N_("Give the token as JSON with at least “access_token”, and the account's id and "
       "name.") },
  { "CO_ACCOUNT_ERROR_NOT_CONNECTED", FALSE,
    N_("Connect the account in Preferences or with “creatorops-cli accounts connect”.") },

  /* core/outbox/co-outbox-error.h */
  { "CO_OUTBOX_ERROR_NOT_FOUND", FALSE,
    N_("List the outbox to find the right id.") },
  { "CO_OUTBOX_ERROR_WRONG_STATE", FALSE,
    N_("List the outbox to see the operation's state.") },
  { "CO_OUTBOX_ERROR_INVALID", FALSE,
    N_("Report this problem with the log.") },
  { "CO_OUTBOX_ERROR_BUSY", TRUE,
    N_("The other process sends the outbox; try again when it has finished.") },
  { "CO_OUTBOX_ERROR_UNSUPPORTED", FALSE,
    N_("Update CreatorOps, or discard the operation.") },

  /* media/co-media-error.h */
  { "CO_MEDIA_ERROR_NOT_FOUND", FALSE,
    N_("Check the file name.") },
  { "CO_MEDIA_ERROR_UNREADABLE", TRUE,
    N_("Check the file's permissions and the disk it is on.") },
  { "CO_MEDIA_ERROR_NOT_A_FILE", FALSE,
    N_("Choose a regular file, not a folder.") },
  { "CO_MEDIA_ERROR_EMPTY", FALSE,
    N_("The file has no content; export it again from its source.") },
  { "CO_MEDIA_ERROR_UNSUPPORTED", FALSE,
    N_("Convert the file to a common image, video or audio format.") },
  { "CO_MEDIA_ERROR_CORRUPT", FALSE,
    N_("The file is damaged; export or download it again.") },
  { "CO_MEDIA_ERROR_TRUNCATED", FALSE,
    N_("The file is incomplete; copy or download it again.") },
  { "CO_MEDIA_ERROR_NO_AUDIO", FALSE,
    N_("Choose a file with a sound track.") },
  { "CO_MEDIA_ERROR_NO_VIDEO", FALSE,
    N_("Choose a file with a video track.") },
  { "CO_MEDIA_ERROR_TOO_LARGE", FALSE,
    N_("Split the file or raise the size limit.") },
  { "CO_MEDIA_ERROR_MISSING_PLUGIN", FALSE,
    N_("Install the GStreamer plugins for this format (gstreamer1.0-libav).") },
  { "CO_MEDIA_ERROR_FAILED", FALSE,
    N_("Report this problem with the log.") },
  { "CO_MEDIA_ERROR_SPEECH_MODEL", FALSE,
    N_("Reinstall the speech model (pocketsphinx-en-us) or fix CREATOROPS_SPEECH_MODEL_DIR.") },
  { "CO_MEDIA_ERROR_TOO_MANY_PIXELS", FALSE,
    N_("Scale the image down to at most 100 megapixels, then try again.") },

  /* media/speech/co-speech-error.h */
  { "CO_SPEECH_ERROR_MODEL", FALSE,
    N_("Reinstall the speech model (pocketsphinx-en-us) or fix CREATOROPS_SPEECH_MODEL_DIR.") },
  { "CO_SPEECH_ERROR_UNAVAILABLE", FALSE,
    N_("Use a CreatorOps built with speech to text, or import subtitles from a file.") },

  /* sync/co-sync-error.h */
  { "CO_SYNC_ERROR_OFFLINE", TRUE,
    N_("The change is kept and will be sent when the network returns.") },
  { "CO_SYNC_ERROR_HTTP", TRUE,
    N_("Try again later.") },
  { "CO_SYNC_ERROR_AUTH", FALSE,
    N_("Reconnect the account in Preferences.") },
  { "CO_SYNC_ERROR_RATE_LIMITED", TRUE,
    N_("Wait for the rate limit to reset; CreatorOps retries by itself.") },
  { "CO_SYNC_ERROR_PROTOCOL", FALSE,
    N_("Report this problem with the log.") },
  { "CO_SYNC_ERROR_KEYRING", TRUE,
    N_("Unlock the system keyring, then try again.") },
  { "CO_SYNC_ERROR_TLS", FALSE,
    N_("Check the service address and the system's certificates; CreatorOps never "
       "sends anything to a server it cannot verify.") },
  { "CO_SYNC_ERROR_UNCERTAIN", TRUE,
    N_("CreatorOps checks with the service whether it arrived before sending it again.") },
  { "CO_SYNC_ERROR_REJECTED", FALSE,
    N_("Change what is sent as the service's message says, then retry it.") },
  { "CO_SYNC_ERROR_OAUTH", FALSE,
    N_("Connect the account again and allow CreatorOps in the browser.") },
  { "CO_SYNC_ERROR_CONFIG", FALSE,
    N_("Correct the service address or client id in the preferences or the "
       "CREATOROPS_API_BASE_* variable.") },

  /* cli/co-cli.h; the command line words the usage hint with its own name. */
  { "CO_CLI_ERROR_USAGE", FALSE,
    N_("Run the command with --help for usage.") },
  { "CO_CLI_ERROR_DAMAGED", FALSE,
    N_("Restore the damaged files from a backup, or trash their items and import the "
       "originals again.") },
  { "CO_CLI_ERROR_NOT_FOUND", FALSE,
    N_("Check the file name.") },
  { "CO_CLI_ERROR_EXISTS", FALSE,
    N_("Choose another name, or pass --force to overwrite.") },

  /* core/drafts/co-draft-error.h, core/schedule/co-schedule-error.h */
  { "CO_DRAFT_ERROR_NOT_FOUND", FALSE,
    N_("List the drafts to find the right id.") },
  { "CO_DRAFT_ERROR_INVALID", FALSE,
    N_("Correct the value named in the message and try again.") },
  { "CO_DRAFT_ERROR_MOVE_REFUSED", FALSE,
    N_("Move the draft one stage forward at a time, or from Scheduled back to Draft.") },
  { "CO_DRAFT_ERROR_INCOMPLETE", FALSE,
    N_("Fill in what the message names, then try again.") },
  { "CO_DRAFT_ERROR_READ_ONLY", FALSE,
    N_("Repurpose the published draft to make a new one you can edit.") },

  { "CO_SCHEDULE_ERROR_NOT_FOUND", FALSE,
    N_("List the schedule to see which platforms of the draft have a time.") },
  { "CO_SCHEDULE_ERROR_BAD_TIME", FALSE,
    N_("Write the time as 2027-03-28T09:30+02:00, or as 2027-03-28 09:30 with --tz.") },
  { "CO_SCHEDULE_ERROR_UNKNOWN_ZONE", FALSE,
    N_("Use an IANA time zone name such as Europe/Berlin or America/New_York.") },
  { "CO_SCHEDULE_ERROR_NONEXISTENT_TIME", FALSE,
    N_("Choose one of the times the message suggests.") },
  { "CO_SCHEDULE_ERROR_PAST", FALSE,
    N_("Choose a time in the future.") },
  { "CO_SCHEDULE_ERROR_CONFLICT", FALSE,
    N_("Choose one of the free times the message suggests.") },
  { "CO_SCHEDULE_ERROR_WRONG_STAGE", FALSE,
    N_("Move the draft to the stage the message names first.") },
  { "CO_SCHEDULE_ERROR_NOT_A_TARGET", FALSE,
    N_("Add the platform to the draft first.") },
  { "CO_SCHEDULE_ERROR_EXISTS", FALSE,
    N_("Move the existing time instead, or cancel it first.") },
  { "CO_SCHEDULE_ERROR_INVALID", FALSE,
    N_("Correct the value named in the message and try again.") },

  /* core/mirror/co-mirror-error.h */
  { "CO_MIRROR_ERROR_NOT_CONFIGURED", FALSE,
    N_("Set up the server with “creatorops-cli sync setup --couchdb URL/DATABASE”, or set "
       "CREATOROPS_COUCHDB_URL.") },
  { "CO_MIRROR_ERROR_BAD_URL", FALSE,
    N_("Give the server as http(s)://HOST[:PORT]/DATABASE.") },
  { "CO_MIRROR_ERROR_BAD_CREDENTIALS", FALSE,
    N_("Give the credentials as {\"username\": \"…\", \"password\": \"…\"} on standard input.") },
  { "CO_MIRROR_ERROR_NOT_COUCHDB", FALSE,
    N_("Check the address: it must be a CouchDB, Cloudant or PouchDB Server database.") },
  { "CO_MIRROR_ERROR_UNAUTHORIZED", FALSE,
    N_("Run “creatorops-cli sync setup” again with the right user name and password.") },
  { "CO_MIRROR_ERROR_NO_DATABASE", FALSE,
    N_("Create the database on the server, or use an account that may create it.") },
  { "CO_MIRROR_ERROR_INVALID_DOCUMENT", FALSE,
    N_("Fix or delete the document named on the server; nothing here was changed.") },
  { "CO_MIRROR_ERROR_REJECTED", TRUE,
    N_("Check the server's log and its permissions (a validation function may refuse "
       "documents), then sync again.") },
  { "CO_MIRROR_ERROR_NOT_FOUND", FALSE,
    N_("Run “creatorops-cli sync conflicts” to list the conflict copies.") },
  { "CO_MIRROR_ERROR_RESTORE_REFUSED", FALSE,
    N_("Keep the other version, or change the record by hand.") },
  { "CO_MIRROR_ERROR_NO_BUCKET", FALSE,
    N_("Create the bucket on the S3 server, or give an existing one with "
       "“creatorops-cli sync setup --s3 URL/BUCKET”.") },
  { "CO_MIRROR_ERROR_DIGEST_MISMATCH", TRUE,
    N_("The object in the bucket is damaged: push the file again from a library that has "
       "it, or remove the object.") },

  /* core/analytics/co-analytics-error.h */
  { "CO_ANALYTICS_ERROR_BAD_RANGE", FALSE,
    N_("Give a --since that comes before --until.") },
  { "CO_ANALYTICS_ERROR_NOT_FOUND", FALSE,
    N_("Run “creatorops-cli analytics posts” to list the posts that have metrics.") },

  /* core/ideas/co-idea-error.h */
  { "CO_IDEA_ERROR_NOT_FOUND", FALSE,
    N_("Run “creatorops-cli ideas list --all” to list the ideas and their ids.") },
  { "CO_IDEA_ERROR_INVALID", FALSE,
    N_("Correct the value named in the message and try again.") },

  /* core/workflows/co-workflow-error.h */
  { "CO_WORKFLOW_ERROR_INVALID", FALSE,
    N_("Correct the workflow definition as the message says; “Workflows” in the user guide "
       "describes its form.") },
  { "CO_WORKFLOW_ERROR_NOT_FOUND", FALSE,
    N_("Run “creatorops-cli workflows list” to see the workflows.") },
  { "CO_WORKFLOW_ERROR_EXISTS", FALSE,
    N_("Give the workflow another name; a defined workflow does not change.") },
  { "CO_WORKFLOW_ERROR_ALREADY_RUNNING", FALSE,
    N_("Wait for the decisions on the draft, or reject it first.") },
  { "CO_WORKFLOW_ERROR_WRONG_STAGE", FALSE,
    N_("Move the draft back to Draft, then submit it.") },
  { "CO_WORKFLOW_ERROR_NOT_WAITING", FALSE,
    N_("Run “creatorops-cli workflows list --waiting” to see which gates wait.") },
  { "CO_WORKFLOW_ERROR_NOT_APPROVER", FALSE,
    N_("Ask one of the approvers the message names to decide.") },
  { "CO_WORKFLOW_ERROR_TIMED_OUT", FALSE,
    N_("Submit the draft again to start a new approval.") },
  { "CO_WORKFLOW_ERROR_INCOMPLETE", FALSE,
    N_("Fill in what the message names, then submit the draft again.") },

  /* core/deals/co-deal-error.h */
  { "CO_DEAL_ERROR_NOT_FOUND", FALSE,
    N_("Run “creatorops-cli deals list” to see the deals and their ids.") },
  { "CO_DEAL_ERROR_INVALID", FALSE,
    N_("Correct the value named in the message and try again.") },
  { "CO_DEAL_ERROR_BAD_AMOUNT", FALSE,
    N_("Write the amount as digits with a point before the decimals, such as 1499.99, with "
       "no more decimals than the currency has.") },
  { "CO_DEAL_ERROR_UNKNOWN_CURRENCY", FALSE,
    N_("Use a three-letter ISO 4217 code in capitals, such as USD, EUR or JPY.") },
  { "CO_DEAL_ERROR_OVER_TOTAL", FALSE,
    N_("Make the milestone smaller, or split what is left with “deals milestone split”.") },
};

/* The registered domains: quark → GType of their codes. */
static GMutex registry_lock;
static GHashTable *registry;

/**
 * co_error_register_domain:
 * @domain: an error domain
 * @codes: the #GEnum type of its codes
 *
 * Makes @domain known to co_error_get_suggestion() and the checks of the
 * error table.  CO_DEFINE_ERROR_QUARK() calls this; nothing else needs to.
 */
void
co_error_register_domain (GQuark domain,
                          GType  codes)
{
  g_return_if_fail (domain != 0 && G_TYPE_IS_ENUM (codes));

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new (NULL, NULL);
  if (!g_hash_table_contains (registry, GUINT_TO_POINTER (domain)))
    {
      /* The class lives as long as the process, like the quark. */
      g_type_class_ref (codes);
      g_hash_table_insert (registry, GUINT_TO_POINTER (domain), GSIZE_TO_POINTER (codes));
    }
  g_mutex_unlock (&registry_lock);
}

/**
 * co_error_get_codes_type:
 * @domain: an error domain
 *
 * Returns: the #GEnum type of @domain's codes, or %G_TYPE_INVALID when
 *   @domain is not registered
 */
GType
co_error_get_codes_type (GQuark domain)
{
  GType codes = G_TYPE_INVALID;

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    codes = GPOINTER_TO_SIZE (g_hash_table_lookup (registry, GUINT_TO_POINTER (domain)));
  g_mutex_unlock (&registry_lock);
  return codes;
}

static int
compare_quark_names (gconstpointer a,
                     gconstpointer b)
{
  return g_strcmp0 (g_quark_to_string (*(const GQuark *) a),
                    g_quark_to_string (*(const GQuark *) b));
}

/**
 * co_error_list_domains:
 *
 * Returns: (transfer full) (element-type GQuark): the registered domains,
 *   sorted by name
 */
GArray *
co_error_list_domains (void)
{
  GArray *domains = g_array_new (FALSE, FALSE, sizeof (GQuark));
  GHashTableIter iter;
  gpointer key;

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    {
      g_hash_table_iter_init (&iter, registry);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          GQuark domain = GPOINTER_TO_UINT (key);
          g_array_append_val (domains, domain);
        }
    }
  g_mutex_unlock (&registry_lock);
  g_array_sort (domains, compare_quark_names);
  return domains;
}

/* The name of @code in @domain, such as "CO_STORE_ERROR_IO", or NULL. */
static const char *
code_name (GQuark domain,
           int    code)
{
  GType codes = co_error_get_codes_type (domain);
  GEnumValue *value;

  if (codes == G_TYPE_INVALID)
    return NULL;
  value = g_enum_get_value (g_type_class_peek (codes), code);
  return value != NULL ? value->value_name : NULL;
}

static gboolean
is_registered_code (const char *name)
{
  g_autoptr(GArray) domains = co_error_list_domains ();

  for (guint i = 0; i < domains->len; i++)
    {
      GType codes = co_error_get_codes_type (g_array_index (domains, GQuark, i));

      if (g_enum_get_value_by_name (g_type_class_peek (codes), name) != NULL)
        return TRUE;
    }
  return FALSE;
}

/**
 * co_error_list_unknown_rows:
 *
 * Checks the table against the registered domains: a row whose code no
 * registered enum has is misspelt, or its domain was never registered.
 *
 * Returns: (transfer full) (element-type utf8): the codes of such rows
 */
GPtrArray *
co_error_list_unknown_rows (void)
{
  GPtrArray *unknown = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (error_table); i++)
    {
      if (!is_registered_code (error_table[i].code))
        g_ptr_array_add (unknown, (gpointer) error_table[i].code);
    }
  return unknown;
}

static const ErrorInfo *
find_info (const GError *error)
{
  const char *name = code_name (error->domain, error->code);

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (error_table); i++)
    {
      if (strcmp (name, error_table[i].code) == 0)
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
