/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "co-importer.h"
#include "co-sidebar.h"
#include "co-test-desk.h"
#include "co-test-media.h"
#include "co-test-util.h"
#include "co-vault-cell.h"
#include "co-window.h"

/* GUI smoke tests: the real main window on a small test library, under Xvfb
 * (CI runs the suite in xvfb-run).  Waits are bounded; nothing is timed. */

#define WAIT_MS 20000

typedef CoTestDesk Fixture;

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until the window has drawn a frame after this call. */
static void
wait_for_frame (CoWindow *window)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  co_test_wait_flag (&painted, WAIT_MS);
  g_signal_handler_disconnect (clock, id);
}

static void
add_items (Fixture *fixture)
{
  const char *tags[] = { "ideas", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autofree char *jpeg = NULL;

  g_assert_cmpint (co_vault_add_note (fixture->vault, "Morning light", "Shoot the kitchen at dawn",
                                      tags, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (co_vault_add_note (fixture->vault, "Hook ideas", "Start with the ending", NULL,
                                      &error), >, 0);
  g_assert_cmpint (co_vault_add_link (fixture->vault, "https://example.org/zebra-crossing",
                                      "Zebra crossing reference", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  png = co_test_media_write_png (fixture->media_dir, "gradient.png", 160, 120,
                                 CO_TEST_PATTERN_GRADIENT);
  jpeg = co_test_media_write_jpeg (fixture->media_dir, "rings.jpg", 160, 120,
                                   CO_TEST_PATTERN_CIRCLES, 90);
  g_assert_cmpint (co_importer_import_file (fixture->vault, png, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (co_importer_import_file (fixture->vault, jpeg, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (!co_test_desk_set_up (fixture))
    return;
  add_items (fixture);
  co_test_desk_open_window (fixture, WAIT_MS);
  wait_for_frame (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  co_test_desk_tear_down (fixture, WAIT_MS);
}

/* Helpers that look at what the grid shows. */

static guint
n_items (CoVaultPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (co_vault_page_get_model (page)));
}

typedef struct
{
  CoVaultPage *page;
  guint        expected;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *wait = data;

  return n_items (wait->page) == wait->expected;
}

static void
wait_for_count (CoVaultPage *page,
                guint        expected)
{
  CountWait wait = { page, expected };

  if (!co_test_wait_until (count_is, &wait, WAIT_MS))
    g_error ("The grid shows %u items, expected %u", n_items (page), expected);
}

static void
collect_cells (GtkWidget *widget,
               GPtrArray *titles)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CO_IS_VAULT_CELL (child) && gtk_widget_get_mapped (child))
        {
          CoVaultItem *item = co_vault_cell_get_item (CO_VAULT_CELL (child));
          if (item != NULL)
            g_ptr_array_add (titles, g_strdup (co_vault_item_get_title (item)));
        }
      collect_cells (child, titles);
    }
}

/* The titles of the cells the grid has drawn. */
static GPtrArray *
shown_titles (CoWindow *window)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  wait_for_frame (window);
  collect_cells (GTK_WIDGET (co_vault_page_get_grid_view (co_window_get_vault_page (window))),
                 titles);
  return titles;
}

static gboolean
shows_title (CoWindow   *window,
             const char *title)
{
  g_autoptr(GPtrArray) titles = shown_titles (window);

  return g_ptr_array_find_with_equal_func (titles, title, g_str_equal, NULL);
}

/* Tests. */

static void
test_shows_items (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) titles = NULL;

  if (co_test_desk_skip_without_display ())
    return;

  wait_for_count (co_window_get_vault_page (fixture->window), 5);
  titles = shown_titles (fixture->window);
  g_assert_cmpuint (titles->len, ==, 5);
  g_assert_true (shows_title (fixture->window, "Morning light"));
  g_assert_true (shows_title (fixture->window, "Zebra crossing reference"));
  g_assert_cmpuint (n_items (co_window_get_trash_page (fixture->window)), ==, 0);
}

/* The grid keeps cells for the columns that fit in the page, not for the
 * widest screen (issue 17); with a narrower window, fewer. */

static guint
fitting_columns (CoVaultPage *page)
{
  /* 176 pixels: the thumbnail's width-request in co-vault-cell.ui. */
  return CLAMP (gtk_widget_get_width (GTK_WIDGET (page)) / 176, 1, 12);
}

static gboolean
page_allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static void
test_grid_fits_width (Fixture       *fixture,
                      gconstpointer  data)
{
  CoVaultPage *page = co_window_get_vault_page (fixture->window);
  GtkWindow *narrow;
  CoVaultPage *narrow_page;
  guint wide;

  if (co_test_desk_skip_without_display ())
    return;

  wait_for_count (page, 5);
  wait_for_frame (fixture->window);
  wide = gtk_grid_view_get_max_columns (co_vault_page_get_grid_view (page));
  g_assert_cmpuint (wide, ==, fitting_columns (page));
  g_assert_cmpuint (wide, <, 12);

  /* The same vault in a window half as wide. */
  narrow = GTK_WINDOW (gtk_window_new ());
  narrow_page = CO_VAULT_PAGE (co_vault_page_new (FALSE));
  gtk_window_set_child (narrow, GTK_WIDGET (narrow_page));
  gtk_window_set_default_size (narrow, gtk_widget_get_width (GTK_WIDGET (page)) / 2, 600);
  co_vault_page_set_vault (narrow_page, fixture->vault);
  gtk_window_present (narrow);
  wait_for_count (narrow_page, 5);
  if (!co_test_wait_until (page_allocated, narrow_page, WAIT_MS))
    g_error ("The narrow window was not laid out");
  g_assert_cmpuint (gtk_grid_view_get_max_columns (co_vault_page_get_grid_view (narrow_page)), ==,
                    fitting_columns (narrow_page));
  g_assert_cmpuint (fitting_columns (narrow_page), <, wide);
  gtk_window_destroy (narrow);
}

/* The first frame of the grid has the cells that fit in the page, not the
 * 30 rows GtkGridView makes; the others come right after it (issue 17). */

typedef struct
{
  CoVaultPage *page;
  guint        cells;    /* in the grid at its first frame, or 0 */
} FirstFrame;

static guint
count_cells (GtkWidget *widget)
{
  guint n = CO_IS_VAULT_CELL (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_cells (child);
  return n;
}

static void
first_frame_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  if (first->cells == 0 && gtk_widget_get_width (GTK_WIDGET (first->page)) > 0)
    first->cells = count_cells (GTK_WIDGET (co_vault_page_get_grid_view (first->page)));
}

static gboolean
grid_has (gpointer data)
{
  FirstFrame *first = data;
  GtkGridView *grid = co_vault_page_get_grid_view (first->page);

  /* Drawn once, and then given all the items. */
  return first->cells > 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (grid))) == 205;
}

static void
test_first_frame_cells (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FirstFrame first = { 0 };
  GtkWindow *window;
  guint fit;

  if (co_test_desk_skip_without_display ())
    return;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Note %u", i);
      g_assert_cmpint (co_vault_add_note (fixture->vault, title, "body", NULL, &error), >, 0);
    }
  window = GTK_WINDOW (gtk_window_new ());
  first.page = CO_VAULT_PAGE (co_vault_page_new (FALSE));
  gtk_window_set_child (window, GTK_WIDGET (first.page));
  gtk_window_set_default_size (window, 800, 600);
  co_vault_page_set_vault (first.page, fixture->vault);
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (first_frame_cb), &first);
  gtk_window_present (window);
  if (!co_test_wait_until (grid_has, &first, WAIT_MS))
    g_error ("The grid was not drawn, or did not get all the items");
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (GTK_WIDGET (window)),
                                        first_frame_cb, &first);

  /* At most the columns that fit, times the rows that fit and one more:
   * the thumbnails are 176 × 124. */
  fit = (gtk_widget_get_width (GTK_WIDGET (first.page)) / 176)
        * (gtk_widget_get_height (GTK_WIDGET (first.page)) / 124 + 1);
  g_assert_cmpuint (first.cells, <=, fit);
  /* And then the grid has its usual rows. */
  wait_for_frame (CO_WINDOW (fixture->window));
  g_assert_cmpuint (count_cells (GTK_WIDGET (co_vault_page_get_grid_view (first.page))), >, fit);
  gtk_window_destroy (window);
}

static gboolean
job_done (gpointer data)
{
  CoWindow *window = data;

  return co_window_get_import_job (window) == NULL;
}

static void
drop_paths (CoWindow           *window,
            const char * const *paths)
{
  g_autoptr(GSList) files = NULL;
  GdkFileList *list;
  g_auto(GValue) value = G_VALUE_INIT;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  list = gdk_file_list_new_from_list (files);
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);
  /* The same function the window's GtkDropTarget calls. */
  g_assert_true (co_window_handle_drop (window, &value));
  g_assert_nonnull (co_window_get_import_job (window));
  g_assert_true (co_test_wait_until (job_done, window, WAIT_MS));
}

static void
test_import_drop (Fixture       *fixture,
                  gconstpointer  data)
{
  CoVaultPage *page;
  g_autofree char *png = NULL;
  g_autofree char *empty = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  page = co_window_get_vault_page (fixture->window);

  png = co_test_media_write_png (fixture->media_dir, "dropped-stripes.png", 160, 120,
                                 CO_TEST_PATTERN_STRIPES);
  drop_paths (fixture->window, (const char *[]) { png, NULL });
  wait_for_count (page, 6);
  g_assert_cmpstr (co_window_get_last_toast (fixture->window), ==, "Imported 1 file");
  g_assert_true (shows_title (fixture->window, "dropped-stripes.png")
                 || shows_title (fixture->window, "dropped-stripes"));

  /* A bad file gets a toast naming it, and nothing is added. */
  empty = co_test_media_write_empty (fixture->media_dir, "broken-clip.mp4");
  drop_paths (fixture->window, (const char *[]) { empty, NULL });
  g_assert_nonnull (strstr (co_window_get_last_toast (fixture->window), "broken-clip.mp4"));
  wait_for_frame (fixture->window);
  g_assert_cmpuint (n_items (page), ==, 6);

  /* Dropping something that is not a file list is refused. */
  {
    g_auto(GValue) text = G_VALUE_INIT;

    g_value_init (&text, G_TYPE_STRING);
    g_value_set_string (&text, "not files");
    g_assert_false (co_window_handle_drop (fixture->window, &text));
  }
}

static void
test_trash_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  CoVaultPage *page, *trash;
  CoVaultItem *item;
  g_autofree char *title = NULL;

  if (co_test_desk_skip_without_display ())
    return;
  page = co_window_get_vault_page (fixture->window);
  trash = co_window_get_trash_page (fixture->window);

  g_assert_false (co_window_trash_current (fixture->window));
  co_vault_page_select (page, 0);
  item = co_vault_page_get_current_item (page);
  g_assert_nonnull (item);
  title = g_strdup (co_vault_item_get_title (item));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.trash", NULL));
  wait_for_count (page, 4);
  wait_for_count (trash, 1);
  g_assert_nonnull (strstr (co_window_get_last_toast (fixture->window), title));
  g_assert_false (shows_title (fixture->window, title));

  /* The toast's Undo and Ctrl+Z both run win.undo / win.restore. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_for_count (page, 5);
  wait_for_count (trash, 0);
  g_assert_true (shows_title (fixture->window, title));
  g_assert_false (co_window_undo_trash (fixture->window));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  CoVaultPage *page;
  GtkEditable *entry;

  if (co_test_desk_skip_without_display ())
    return;
  page = co_window_get_vault_page (fixture->window);
  entry = GTK_EDITABLE (co_vault_page_get_search_entry (page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry))
                 || gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                            GTK_WIDGET (entry)));

  gtk_editable_set_text (entry, "kitchen");
  wait_for_count (page, 1);
  g_assert_true (shows_title (fixture->window, "Morning light"));
  g_assert_false (shows_title (fixture->window, "Hook ideas"));

  gtk_editable_set_text (entry, "nonexistentword");
  wait_for_count (page, 0);

  gtk_editable_set_text (entry, "");
  wait_for_count (page, 5);
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (co_test_desk_skip_without_display ())
    return;

  path = g_build_filename (fixture->media_dir, "window.png", NULL);
  g_assert_true (co_window_save_screenshot (fixture->window, path, &error));
  g_assert_no_error (error);
  co_test_desk_assert_not_blank (path);

  /* An unwritable place fails with an error, not silently. */
  g_assert_false (co_window_save_screenshot (fixture->window, "/nonexistent-dir/x.png", &error));
  g_assert_nonnull (error);
}

static gboolean
window_ready (gpointer data)
{
  return co_window_get_ready (data);
}

static void
test_damaged_library (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *after = NULL;
  const char garbage[] = "this is not an SQLite database, but it is not empty either.....";
  CoWindow *window;
  gsize len;

  if (co_test_desk_skip_without_display ())
    return;

  co_test_desk_restore_data_dirs ();
  dir = co_test_make_temp_dir ("damaged");
  db = co_test_write_file (dir, "creatorops.db", garbage, sizeof garbage);
  window = g_object_ref_sink (co_window_new (NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  co_window_open_library (window, dir);
  g_assert_true (co_test_wait_until (window_ready, window, WAIT_MS));
  g_assert_true (co_window_get_failed (window));
  g_assert_null (co_window_get_vault (window));

  /* The damaged file is left exactly as it was. */
  g_assert_true (g_file_get_contents (db, &after, &len, NULL));
  g_assert_cmpmem (after, len, garbage, sizeof garbage);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

static AdwStatusPage *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    return ADW_STATUS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *page = find_status_page (child);
      if (page != NULL)
        return page;
    }
  return NULL;
}

/* Stored files without their database: the window says so and how to get
 * them back, instead of opening a new, empty library (issue 11). */
static void
test_lost_database (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *blobs = NULL;
  g_autofree char *db = NULL;
  AdwStatusPage *page;
  CoWindow *window;

  if (co_test_desk_skip_without_display ())
    return;

  co_test_desk_restore_data_dirs ();
  dir = co_test_make_temp_dir ("lost");
  blobs = g_build_filename (dir, "blobs", "5f", NULL);
  g_assert_no_errno (g_mkdir_with_parents (blobs, 0700));
  g_free (co_test_write_file (blobs, "5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef",
                              "a stored file", -1));
  window = g_object_ref_sink (co_window_new (NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  co_window_open_library (window, dir);
  g_assert_true (co_test_wait_until (window_ready, window, WAIT_MS));
  g_assert_true (co_window_get_failed (window));
  g_assert_null (co_window_get_vault (window));
  page = find_status_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "missing"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "vault recover"));
  db = g_build_filename (dir, "creatorops.db", NULL);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
}

/* Sections built on first show (issue 17): at start the window builds the
 * vault alone; the others are built when shown or asked for, and work then. */

static guint
count_widgets (GtkWidget *widget,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);
  return n;
}

typedef struct
{
  CoSidebar  *sidebar;
  const char *section;
  const char *expected;
} BadgeWait;

static gboolean
badge_is (gpointer data)
{
  BadgeWait *wait = data;

  return g_strcmp0 (co_sidebar_get_count (wait->sidebar, wait->section), wait->expected) == 0;
}

static void
wait_for_badge (CoWindow   *window,
                const char *section,
                const char *expected)
{
  GtkWidget *sidebar = co_test_desk_find_type (GTK_WIDGET (window), CO_TYPE_SIDEBAR);
  BadgeWait wait = { CO_SIDEBAR (sidebar), section, expected };

  if (!co_test_wait_until (badge_is, &wait, WAIT_MS))
    g_error ("The %s badge says %s, expected %s", section,
             co_sidebar_get_count (wait.sidebar, section), expected);
}

static void
show_section (CoWindow   *window,
              const char *section)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s",
                                             section));
}

static void
test_lazy_sections (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  CoVaultPage *page = co_window_get_vault_page (fixture->window);
  CoVaultPage *trash;
  gint64 id;

  if (co_test_desk_skip_without_display ())
    return;

  wait_for_count (page, 5);
  g_assert_cmpuint (count_widgets (window, CO_TYPE_VAULT_PAGE), ==, 1);
  g_assert_cmpuint (count_widgets (window, CO_TYPE_MEDIA_PAGE), ==, 0);
  g_assert_cmpuint (count_widgets (window, CO_TYPE_DRAFTS_PAGE), ==, 0);
  g_assert_cmpuint (count_widgets (window, CO_TYPE_CALENDAR_PAGE), ==, 0);
  g_assert_cmpuint (count_widgets (window, CO_TYPE_ANALYTICS_PAGE), ==, 0);

  /* The trash's badge counts without the Trash page. */
  wait_for_badge (fixture->window, "trash", "0");
  co_vault_page_select (page, 0);
  id = co_vault_item_get_id (co_vault_page_get_current_item (page));
  g_assert_true (gtk_widget_activate_action (window, "win.trash", NULL));
  wait_for_badge (fixture->window, "trash", "1");
  wait_for_badge (fixture->window, "vault", "4");
  g_assert_cmpuint (count_widgets (window, CO_TYPE_VAULT_PAGE), ==, 1);
  /* Actions that look at the Media section do not build it. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  g_assert_cmpuint (count_widgets (window, CO_TYPE_MEDIA_PAGE), ==, 0);

  /* Shown, a section is built once, with the library. */
  show_section (fixture->window, "drafts");
  g_assert_cmpuint (count_widgets (window, CO_TYPE_DRAFTS_PAGE), ==, 1);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (co_window_get_drafts_page (fixture->window))));
  g_assert_nonnull (co_drafts_page_get_drafts (co_window_get_drafts_page (fixture->window)));
  show_section (fixture->window, "vault");
  show_section (fixture->window, "drafts");
  g_assert_cmpuint (count_widgets (window, CO_TYPE_DRAFTS_PAGE), ==, 1);

  /* The Trash, once built, shows the item and takes over its badge. */
  show_section (fixture->window, "trash");
  g_assert_cmpuint (count_widgets (window, CO_TYPE_VAULT_PAGE), ==, 2);
  trash = co_window_get_visible_page (fixture->window);
  g_assert_true (trash == co_window_get_trash_page (fixture->window));
  wait_for_count (trash, 1);
  g_assert_true (gtk_widget_activate_action (window, "win.restore", "x", id));
  wait_for_count (trash, 0);
  wait_for_badge (fixture->window, "trash", "0");

  /* Asked for by code, a section is built without being shown. */
  g_assert_nonnull (co_calendar_page_get_schedule (co_window_get_calendar_page (fixture->window)));
  g_assert_nonnull (co_analytics_page_get_controller (
                      co_window_get_analytics_page (fixture->window)));
  g_assert_cmpuint (count_widgets (window, CO_TYPE_CALENDAR_PAGE), ==, 1);
  g_assert_true (co_window_get_visible_page (fixture->window) == trash);
}

static void
library_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  if (co_test_desk_set_up (fixture))
    add_items (fixture);
}

/* A section shown before the library opens (the one remembered from the
 * last run) gets the library when it opens. */
static void
test_section_before_library (Fixture       *fixture,
                             gconstpointer  data)
{
  CoCalendarPage *calendar;

  if (co_test_desk_skip_without_display ())
    return;

  fixture->window = g_object_ref_sink (co_window_new (NULL, NULL));
  co_window_show_section (fixture->window, "calendar");
  calendar = co_window_get_calendar_page (fixture->window);
  g_assert_null (co_calendar_page_get_schedule (calendar));
  g_assert_cmpuint (count_widgets (GTK_WIDGET (fixture->window), CO_TYPE_DRAFTS_PAGE), ==, 0);

  co_window_set_vault (fixture->window, fixture->vault);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_frame (fixture->window);
  g_assert_nonnull (co_calendar_page_get_schedule (calendar));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (calendar)));
  g_assert_cmpuint (count_widgets (GTK_WIDGET (fixture->window), CO_TYPE_DRAFTS_PAGE), ==, 0);
  /* The vault's page was set up too. */
  wait_for_count (co_window_get_vault_page (fixture->window), 5);
}

/* The --screenshot option of the real executable, as CI and metainfo use it. */
static int
run_app (const char *data_dir,
         const char *png)
{
  const char *exe = g_getenv ("CREATOROPS_APP");
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  const char *argv[] = { exe, "--data-dir", data_dir, "--screenshot", png, NULL };
  const char *asan = g_getenv ("ASAN_OPTIONS");
  g_auto(GStrv) envp = g_get_environ ();

  /* Under AddressSanitizer, a whole GTK process reports fontconfig's and
   * GIO modules' process-long caches as leaks; memory errors still abort. */
  if (asan != NULL)
    {
      g_autofree char *options = g_strconcat (asan, ":detect_leaks=0", NULL);
      envp = g_environ_setenv (envp, "ASAN_OPTIONS", options, TRUE);
    }
  g_assert_nonnull (exe);
  g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("creatorops stderr: %s", err);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static void
test_screenshot_option (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *png = NULL;

  if (co_test_desk_skip_without_display ())
    return;

  png = g_build_filename (fixture->media_dir, "option.png", NULL);
  g_assert_cmpint (run_app (fixture->dir, png), ==, 0);
  co_test_desk_assert_not_blank (png);
  g_assert_cmpint (run_app (fixture->dir, "/nonexistent-dir/option.png"), !=, 0);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/window/shows-items", Fixture, NULL, fixture_set_up, test_shows_items,
              fixture_tear_down);
  g_test_add ("/app/window/grid-fits-width", Fixture, NULL, fixture_set_up, test_grid_fits_width,
              fixture_tear_down);
  g_test_add ("/app/window/first-frame-cells", Fixture, NULL, fixture_set_up,
              test_first_frame_cells, fixture_tear_down);
  g_test_add ("/app/window/import-drop", Fixture, NULL, fixture_set_up, test_import_drop,
              fixture_tear_down);
  g_test_add ("/app/window/trash-undo", Fixture, NULL, fixture_set_up, test_trash_undo,
              fixture_tear_down);
  g_test_add ("/app/window/search", Fixture, NULL, fixture_set_up, test_search,
              fixture_tear_down);
  g_test_add ("/app/window/screenshot", Fixture, NULL, fixture_set_up, test_screenshot,
              fixture_tear_down);
  g_test_add ("/app/window/screenshot-option", Fixture, NULL, fixture_set_up,
              test_screenshot_option, fixture_tear_down);
  g_test_add ("/app/window/lazy-sections", Fixture, NULL, fixture_set_up, test_lazy_sections,
              fixture_tear_down);
  g_test_add ("/app/window/section-before-library", Fixture, NULL, library_set_up,
              test_section_before_library, fixture_tear_down);
  g_test_add_func ("/app/window/damaged-library", test_damaged_library);
  g_test_add_func ("/app/window/lost-database", test_lost_database);

  return g_test_run ();
}
