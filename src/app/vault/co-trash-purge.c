/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-trash-purge.h"

/* Emptying the trash from the window: a question first, since nothing
 * brings the items back, then co_vault_purge(), which is what
 * `creatorops-cli vault purge` does.  A toast tells what was freed. */

static void
toast (CoWindow   *window,
       const char *text)
{
  /* A toast's title is markup; sizes and messages are plain text. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  co_window_add_toast (window, adw_toast_new (escaped));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             CoWindow         *window)
{
  CoVaultPurgeReport report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *freed = NULL;
  g_autofree char *text = NULL;
  CoVault *vault = co_window_get_vault (window);

  if (!g_str_equal (response, "empty") || vault == NULL)
    return;
  if (!co_vault_purge (vault, &report, &error))
    {
      toast (window, error->message);
      return;
    }
  freed = g_format_size (report.bytes);
  text = g_strdup_printf (ngettext ("Deleted %u item for good, freeing %s",
                                    "Deleted %u items for good, freeing %s", report.items),
                          report.items, freed);
  toast (window, text);
}

/**
 * co_trash_purge_ask:
 * @window: the main window, whose vault's trash is emptied
 *
 * Asks whether to delete the items in the trash for good, and does it when
 * the answer is Empty Trash.  With nothing in the trash, a toast says so
 * and nothing is asked.
 *
 * Returns: (transfer none) (nullable): the question, open until it is answered
 */
AdwMessageDialog *
co_trash_purge_ask (CoWindow *window)
{
  CoVault *vault;
  CoVaultQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 n;

  g_return_val_if_fail (CO_IS_WINDOW (window), NULL);

  if ((vault = co_window_get_vault (window)) == NULL)
    return NULL;
  query.trash = CO_VAULT_TRASH_ONLY;
  n = co_vault_count (vault, &query, &error);
  if (n <= 0)
    {
      toast (window, error != NULL ? error->message : _("The trash is empty"));
      return NULL;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Empty the Trash?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  ngettext ("The %lld item in the trash, and the stored files "
                                            "that nothing else uses, are deleted for good. "
                                            "This cannot be undone.",
                                            "The %lld items in the trash, and the stored files "
                                            "that nothing else uses, are deleted for good. This "
                                            "cannot be undone.", n),
                                  (long long) n);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "empty", _("_Empty Trash"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "empty", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
