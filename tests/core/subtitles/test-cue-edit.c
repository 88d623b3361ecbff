/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-cue-edit.h"
#include "co-export-error.h"
#include "co-subtitle.h"
#include "co-test-util.h"

/* An edit of one cue is checked, and applied to a copy of the list. */

static GPtrArray *
make_cues (void)
{
  GPtrArray *cues = co_cue_list_new ();
  CoCue *heard = co_cue_new (3000000, 5000000, "Heard by the engine");

  g_ptr_array_add (cues, co_cue_new (1000000, 2500000, "First"));
  heard->confidence = 0.4;
  heard->flagged = TRUE;
  g_ptr_array_add (cues, heard);
  return cues;
}

static void
test_apply (void)
{
  g_autoptr(GPtrArray) cues = make_cues ();
  g_autoptr(GPtrArray) edited = NULL;
  g_autoptr(GError) error = NULL;
  const CoCue *cue, *before;

  edited = co_cue_list_edit (cues, 1, "0:00:03.2", "0:00:05,750", "  Said by a person\nTwice \n",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (edited->len, ==, 2);
  cue = g_ptr_array_index (edited, 1);
  g_assert_cmpint (cue->start_us, ==, 3200000);
  g_assert_cmpint (cue->end_us, ==, 5750000);
  g_assert_cmpstr (cue->text, ==, "Said by a person\nTwice");
  g_assert_cmpfloat (cue->confidence, ==, 1);
  g_assert_false (cue->flagged);

  /* The list given is left as it was. */
  before = g_ptr_array_index (cues, 1);
  g_assert_cmpstr (before->text, ==, "Heard by the engine");
  g_assert_true (before->flagged);
  g_assert_cmpstr (((CoCue *) g_ptr_array_index (edited, 0))->text, ==, "First");
}

static void
assert_refused (GPtrArray  *cues,
                guint       index,
                const char *start,
                const char *end,
                const char *text,
                int         code,
                const char *quoted)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (co_cue_list_edit (cues, index, start, end, text, &error));
  g_assert_error (error, CO_EXPORT_ERROR, code);
  if (quoted != NULL)
    g_assert_nonnull (strstr (error->message, quoted));
}

static void
test_refused (void)
{
  g_autoptr(GPtrArray) cues = make_cues ();

  assert_refused (cues, 0, "1:2:3", "0:00:02.000", "x", CO_EXPORT_ERROR_PARSE, "1:2:3");
  assert_refused (cues, 0, "0:00:01.000", "soon", "x", CO_EXPORT_ERROR_PARSE, "soon");
  assert_refused (cues, 0, "0:00:02.000", "0:00:02.000", "x", CO_EXPORT_ERROR_INVALID,
                  "0:00:02.000");
  assert_refused (cues, 0, "0:00:01.000", "0:00:02.000", " \n\t", CO_EXPORT_ERROR_INVALID, NULL);
  assert_refused (cues, 2, "0:00:01.000", "0:00:02.000", "x", CO_EXPORT_ERROR_INVALID, NULL);
  assert_refused (cues, G_MAXUINT, "0:00:01.000", "0:00:02.000", "x", CO_EXPORT_ERROR_INVALID,
                  NULL);
  g_assert_cmpstr (((CoCue *) g_ptr_array_index (cues, 0))->text, ==, "First");
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/core/cue-edit/apply", test_apply);
  g_test_add_func ("/core/cue-edit/refused", test_refused);

  return g_test_run ();
}
