/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "co-importer.h"
#include "co-test-desk.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-vault-error.h"
#include "co-window.h"

/* Emptying the trash from the window, under Xvfb: the Trash section's
 * button asks first; Empty Trash deletes the items and the files only they
 * used, Cancel keeps everything. */

#define WAIT_MS 20000

typedef struct
{
  CoTestDesk  desk;
  gint64      kept;       /* a note outside the trash */
  gint64      note;       /* a note in the trash */
  gint64      picture;    /* a picture in the trash */
  char       *blob;       /* the picture's stored file */
} Fixture;

static void
fill_library (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = NULL;
  g_autofree char *png = co_test_media_write_png (fixture->desk.media_dir, "old.png", 40, 40,
                                                  CO_TEST_PATTERN_CHECKER);

  fixture->kept = co_vault_add_note (fixture->desk.vault, "Keep me", "Still needed", NULL, &error);
  g_assert_no_error (error);
  fixture->note = co_vault_add_note (fixture->desk.vault, "Old idea", "Not needed", NULL, &error);
  g_assert_no_error (error);
  fixture->picture = co_importer_import_file (fixture->desk.vault, png, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  item = co_vault_get (fixture->desk.vault, fixture->picture, &error);
  g_assert_no_error (error);
  fixture->blob = co_store_dup_blob_path (fixture->desk.store, co_vault_item_get_sha256 (item));
  g_assert_true (co_vault_trash (fixture->desk.vault, fixture->note, &error));
  g_assert_true (co_vault_trash (fixture->desk.vault, fixture->picture, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!co_test_desk_set_up (&fixture->desk))
    return;
  fill_library (fixture);
  co_test_desk_open_window (&fixture->desk, WAIT_MS);
  co_window_show_section (fixture->desk.window, "trash");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->blob);
  co_test_desk_tear_down (&fixture->desk, WAIT_MS);
}

static guint
n_shown (CoVaultPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (co_vault_page_get_model (page)));
}

static gboolean
trash_is_empty (gpointer data)
{
  return n_shown (data) == 0;
}

/* Starts emptying the trash as the button does, and returns the question. */
static AdwMessageDialog *
ask (Fixture *fixture)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (
                                    GTK_WIDGET (co_window_get_trash_page (fixture->desk.window)),
                                    CO_TYPE_VAULT_PAGE, "empty_trash_button"));
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.empty-trash");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->desk.window), "win.empty-trash",
                                             NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  g_error ("Empty Trash asked nothing");
}

static void
assert_exists (Fixture  *fixture,
               gint64    id,
               gboolean  exists)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CoVaultItem) item = co_vault_get (fixture->desk.vault, id, &error);

  if (exists)
    g_assert_no_error (error);
  else
    g_assert_error (error, CO_VAULT_ERROR, CO_VAULT_ERROR_NOT_FOUND);
}

static void
test_confirm (Fixture       *fixture,
              gconstpointer  data)
{
  CoVaultPage *trash;
  AdwMessageDialog *dialog;

  if (co_test_desk_skip_without_display ())
    return;
  trash = co_window_get_trash_page (fixture->desk.window);
  g_assert_cmpuint (n_shown (trash), ==, 2);
  g_assert_true (g_file_test (fixture->blob, G_FILE_TEST_EXISTS));
  dialog = ask (fixture);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Empty the Trash?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 items"));
  /* The safe answer is the default one. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "empty"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  adw_message_dialog_response (dialog, "empty");
  g_assert_true (co_test_wait_until (trash_is_empty, trash, WAIT_MS));
  co_test_desk_wait_toast (&fixture->desk, "Deleted 2 items for good", WAIT_MS);
  assert_exists (fixture, fixture->note, FALSE);
  assert_exists (fixture, fixture->picture, FALSE);
  assert_exists (fixture, fixture->kept, TRUE);
  g_assert_false (g_file_test (fixture->blob, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_shown (co_window_get_vault_page (fixture->desk.window)), ==, 1);

  /* With nothing left, nothing is asked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->desk.window), "win.empty-trash",
                                             NULL));
  co_test_desk_wait_toast (&fixture->desk, "The trash is empty", WAIT_MS);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  CoVaultPage *trash;

  if (co_test_desk_skip_without_display ())
    return;
  trash = co_window_get_trash_page (fixture->desk.window);
  adw_message_dialog_response (ask (fixture), "cancel");
  /* Let anything the answer started run before looking. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_shown (trash), ==, 2);
  assert_exists (fixture, fixture->note, TRUE);
  assert_exists (fixture, fixture->picture, TRUE);
  g_assert_true (g_file_test (fixture->blob, G_FILE_TEST_EXISTS));
}

/* The Vault section has no Empty Trash button. */
static void
test_vault_has_no_button (Fixture       *fixture,
                          gconstpointer  data)
{
  GObject *button;

  if (co_test_desk_skip_without_display ())
    return;
  button = gtk_widget_get_template_child (GTK_WIDGET (co_window_get_vault_page (
                                                        fixture->desk.window)),
                                          CO_TYPE_VAULT_PAGE, "empty_trash_button");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/app/trash-purge/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("confirm", test_confirm);
  ADD ("cancel", test_cancel);
  ADD ("vault-has-no-button", test_vault_has_no_button);
#undef ADD
  return g_test_run ();
}
