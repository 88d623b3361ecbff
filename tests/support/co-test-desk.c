/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "co-test-desk.h"
#include "co-ui-util.h"
#include "co-test-util.h"

/*
 * The fixture of the GUI tests.  They run under Xvfb in CI and skip,
 * saying why, without a display.
 */

static gboolean have_display;
static char *system_data_dirs;

/* A GTK process keeps fontconfig, pango and GIO module caches until exit,
 * which LeakSanitizer reports by the thousand, from many threads; as
 * ENVIRONMENT.md §2 advises for GUI tests, its exit check is off for the
 * binaries that link this file.  AddressSanitizer's memory checks stay on,
 * and tear-down still asserts that our objects are finalised.  LSan looks
 * this hook up itself. */
int __lsan_is_turned_off (void);

int
__lsan_is_turned_off (void)
{
  return 1;
}

/**
 * co_test_desk_init:
 *
 * co_test_init(), then GTK and libadwaita when there is a display.
 */
void
co_test_desk_init (int    *argc,
                   char ***argv)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");

  system_data_dirs = g_strdup (data_dirs ? data_dirs : "/usr/local/share:/usr/share");
  co_test_init (argc, argv);
  co_test_desk_restore_data_dirs ();
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
}

gboolean
co_test_desk_has_display (void)
{
  return have_display;
}

/* Returns: %TRUE when the test was skipped, for want of a display */
gboolean
co_test_desk_skip_without_display (void)
{
  if (have_display)
    return FALSE;
  g_test_skip ("No display: the GUI tests need X11 or Wayland (CI runs them under xvfb-run)");
  return TRUE;
}

/* A window without the application lacks the style sheet AdwApplication
 * loads from the resources; screenshots that should look like the app
 * load it, and turn animations off so that a pane is drawn where it ends
 * up rather than halfway there. */
void
co_test_desk_use_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (!have_display)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/creatorops/CreatorOps/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Isolated dirs hide the system's icons, MIME database and GSettings
 * schemas, without which GTK cannot draw a themed window; the user's own
 * folders stay isolated.  GLib resets them for every test. */
void
co_test_desk_restore_data_dirs (void)
{
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
}

/**
 * co_test_desk_set_up:
 * @desk: (out caller-allocates): zeroed
 *
 * Makes an empty library in temporary folders.
 *
 * Returns: %FALSE without a display, with nothing made
 */
gboolean
co_test_desk_set_up (CoTestDesk *desk)
{
  g_autoptr(GError) error = NULL;

  if (!have_display)
    return FALSE;
  co_test_desk_restore_data_dirs ();
  desk->dir = co_test_make_temp_dir ("library");
  desk->media_dir = co_test_make_temp_dir ("media");
  desk->store = co_store_new (desk->dir, NULL, &error);
  g_assert_no_error (error);
  desk->vault = co_vault_new (desk->store);
  return TRUE;
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Shows the main window on the library, within @wait_ms. */
void
co_test_desk_open_window (CoTestDesk *desk,
                          guint       wait_ms)
{
  desk->window = g_object_ref_sink (co_window_new (NULL, NULL));
  desk->toasts_seen = 0;
  co_window_set_vault (desk->window, desk->vault);
  gtk_window_present (GTK_WINDOW (desk->window));
  g_assert_true (co_test_wait_until (window_mapped, desk->window, wait_ms));
}

/* Destroys the window and checks it is finalised: at once with @wait_ms 0,
 * else once the workers that borrowed it let it go. */
void
co_test_desk_close_window (CoTestDesk *desk,
                           guint       wait_ms)
{
  gtk_window_destroy (GTK_WINDOW (desk->window));
  /* Idles queued by the window (model refreshes, toasts) run before it goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  co_test_assert_finalized (g_steal_pointer (&desk->window), wait_ms);
}

/* Closes the window if open and checks the vault and store are finalised,
 * as co_test_desk_close_window() does for the window. */
void
co_test_desk_tear_down (CoTestDesk *desk,
                        guint       wait_ms)
{
  if (!have_display)
    return;
  if (desk->window != NULL)
    co_test_desk_close_window (desk, wait_ms);
  co_test_assert_finalized (g_steal_pointer (&desk->vault), wait_ms);
  co_test_assert_finalized (g_steal_pointer (&desk->store), wait_ms);
  g_clear_pointer (&desk->dir, g_free);
  g_clear_pointer (&desk->media_dir, g_free);
}

/* The share of the pixels that have the most common colour. */
static double
blank_share (GdkPixbuf *pixbuf)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  int width = gdk_pixbuf_get_width (pixbuf), height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  guint most = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        guint key = (p[0] << 16) | (p[1] << 8) | p[2];
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (key))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (key), GUINT_TO_POINTER (n));
        most = MAX (most, n);
      }
  return (double)most / ((double)width * height);
}

/* @widget or the first widget below it, depth first, that @matches. */
static GtkWidget *
find_first (GtkWidget *widget,
            gboolean (*matches) (GtkWidget *widget, gconstpointer data),
            gconstpointer data)
{
  if (matches (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, matches, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_name (GtkWidget    *widget,
          gconstpointer name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
has_type (GtkWidget    *widget,
          gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) type);
}

/**
 * co_test_desk_find_named:
 * @widget: a widget
 * @name: a widget name, as a .ui file's `name` property sets it
 *
 * Returns: (transfer none) (nullable): @widget or the first widget below it
 *   named @name, depth first
 */
GtkWidget *
co_test_desk_find_named (GtkWidget  *widget,
                         const char *name)
{
  return find_first (widget, has_name, name);
}

/**
 * co_test_desk_find_type:
 * @widget: a widget
 * @type: a widget type
 *
 * Returns: (transfer none) (nullable): @widget or the first widget below it
 *   of @type, depth first
 */
GtkWidget *
co_test_desk_find_type (GtkWidget *widget,
                        GType      type)
{
  return find_first (widget, has_type, &type);
}

/* Checks that the PNG at @png shows something: a window-sized picture in
 * which no one colour covers 99 % of the pixels. */
void
co_test_desk_assert_not_blank (const char *png)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (png, &error);
  double share;

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >, 300);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), >, 200);
  share = blank_share (pixbuf);
  g_test_message ("%s: the most common colour covers %.1f %%", png, share * 100);
  g_assert_cmpfloat (share, <, 0.99);
}

typedef struct
{
  GtkWidget  *window;
  const char *path;
} Shot;

/* The window draws its content after it is mapped; until then saving
 * says PENDING and is tried again on the next turn of the loop. */
static gboolean
save_shot (gpointer data)
{
  Shot *shot = data;
  g_autoptr(GError) error = NULL;

  if (co_ui_save_screenshot (shot->window, shot->path, &error))
    return TRUE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    g_error ("%s", error->message);
  return FALSE;
}

/* The test's folder goes with the test; CO_TEST_SCREENSHOT_DIR names a
 * folder that keeps a copy of each picture, for a person or CI to look at. */
static void
keep_shot (const char *path,
           const char *name)
{
  const char *dir = g_getenv ("CO_TEST_SCREENSHOT_DIR");
  g_autofree char *copy = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (dir == NULL || dir[0] == '\0')
    return;
  copy = g_build_filename (dir, name, NULL);
  if (!g_file_get_contents (path, &data, &len, &error) ||
      !g_file_set_contents (copy, data, len, &error))
    g_error ("Cannot keep the screenshot “%s”: %s", copy, error->message);
  g_test_message ("Screenshot kept as %s", copy);
}

/**
 * co_test_desk_screenshot_window:
 * @desk: a desk
 * @window: a window shown on the desk's display, such as a dialog
 * @name: the file's name
 * @wait_ms: how long the window may take to draw
 *
 * As co_test_desk_screenshot(), for another window than the main one:
 * saved into the test's temporary folder, checked not blank, and a copy
 * kept in CO_TEST_SCREENSHOT_DIR.
 *
 * Returns: (transfer full): the PNG's path
 */
char *
co_test_desk_screenshot_window (CoTestDesk *desk,
                                GtkWidget  *window,
                                const char *name,
                                guint       wait_ms)
{
  char *path = g_build_filename (desk->media_dir, name, NULL);
  Shot shot = { window, path };

  /* Let pending layout and drawing happen before the picture is taken. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (co_test_wait_until (save_shot, &shot, wait_ms));
  co_test_desk_assert_not_blank (path);
  keep_shot (path, name);
  return path;
}

/**
 * co_test_desk_screenshot:
 * @desk: a desk with its window open
 * @name: the file's name, such as "drafts.png"
 * @wait_ms: how long the window may take to draw
 *
 * co_test_desk_screenshot_window() of the main window.
 *
 * Returns: (transfer full): the PNG's path
 */
char *
co_test_desk_screenshot (CoTestDesk *desk,
                         const char *name,
                         guint       wait_ms)
{
  return co_test_desk_screenshot_window (desk, GTK_WIDGET (desk->window), name, wait_ms);
}

typedef struct
{
  CoTestDesk *desk;
  const char *text;
  const char *found;
  guint       seen;
} ToastWait;

/* Looks again each time it is called: co_test_wait_until() asks twice. */
static gboolean
has_toast (gpointer data)
{
  ToastWait *wait = data;

  wait->seen = wait->desk->toasts_seen;
  wait->found = co_window_find_toast (wait->desk->window, wait->text, &wait->seen);
  return wait->found != NULL;
}

/**
 * co_test_desk_wait_toast:
 * @desk: a desk with its window open
 * @text: what the toast must say
 * @wait_ms: how long it may take
 *
 * Waits for a toast that says @text, shown after the one the last call
 * found (so two toasts in quick succession are both found, and one is never
 * found twice), and fails the test naming the last toast when none comes.
 *
 * Returns: the toast's text
 */
const char *
co_test_desk_wait_toast (CoTestDesk *desk,
                         const char *text,
                         guint       wait_ms)
{
  ToastWait wait = { desk, text, NULL, 0 };

  if (!co_test_wait_until (has_toast, &wait, wait_ms))
    g_error ("No toast said “%s”; the last one was “%s”", text,
             co_window_get_last_toast (desk->window));
  desk->toasts_seen = wait.seen;
  g_test_message ("Toast: %s", wait.found);
  return wait.found;
}
