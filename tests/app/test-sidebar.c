/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-sidebar.h"
#include "co-test-desk.h"
#include "co-test-util.h"

/* The window's sections: one selected at a time, said once per change, and
 * the counts beside the vault and the trash. */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

static void
test_sections (void)
{
  CoSidebar *sidebar;
  guint n_notified = 0;

  if (co_test_desk_skip_without_display ())
    return;
  sidebar = g_object_ref_sink (g_object_new (CO_TYPE_SIDEBAR, NULL));
  g_signal_connect (sidebar, "notify::section", G_CALLBACK (count_notify), &n_notified);
  g_assert_null (co_sidebar_get_section (sidebar));

  co_sidebar_set_section (sidebar, "media");
  g_assert_cmpstr (co_sidebar_get_section (sidebar), ==, "media");
  g_assert_cmpuint (n_notified, ==, 1);
  co_sidebar_set_section (sidebar, "media");
  g_assert_cmpuint (n_notified, ==, 1);
  g_object_set (sidebar, "section", "trash", NULL);
  g_assert_cmpstr (co_sidebar_get_section (sidebar), ==, "trash");
  g_assert_cmpuint (n_notified, ==, 2);
  /* The planning sections. */
  co_sidebar_set_section (sidebar, "drafts");
  g_assert_cmpstr (co_sidebar_get_section (sidebar), ==, "drafts");
  co_sidebar_set_section (sidebar, "calendar");
  g_assert_cmpstr (co_sidebar_get_section (sidebar), ==, "calendar");
  g_assert_cmpuint (n_notified, ==, 4);
  co_sidebar_set_section (sidebar, "analytics");
  g_assert_cmpstr (co_sidebar_get_section (sidebar), ==, "analytics");
  g_assert_cmpuint (n_notified, ==, 5);
  /* Anything else is the vault. */
  co_sidebar_set_section (sidebar, "nowhere");
  g_assert_cmpstr (co_sidebar_get_section (sidebar), ==, "vault");
  g_assert_cmpuint (n_notified, ==, 6);
  g_assert_finalize_object (sidebar);
}

static void
test_counts (void)
{
  CoSidebar *sidebar;

  if (co_test_desk_skip_without_display ())
    return;
  sidebar = g_object_ref_sink (g_object_new (CO_TYPE_SIDEBAR, NULL));
  co_sidebar_set_count (sidebar, "vault", 11);
  co_sidebar_set_count (sidebar, "trash", 0);
  g_assert_cmpstr (co_sidebar_get_count (sidebar, "vault"), ==, "11");
  g_assert_cmpstr (co_sidebar_get_count (sidebar, "trash"), ==, "0");
  g_assert_null (co_sidebar_get_count (sidebar, "media"));
  g_assert_finalize_object (sidebar);
}

int
main (int    argc,
      char **argv)
{
  co_test_desk_init (&argc, &argv);

  g_test_add_func ("/app/sidebar/sections", test_sections);
  g_test_add_func ("/app/sidebar/counts", test_counts);

  return g_test_run ();
}
