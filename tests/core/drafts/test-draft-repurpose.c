/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-assets.h"
#include "drafts-fixture.h"

static gint64
import_video (DraftsFixture *fx,
              const char    *name,
              int            width,
              int            height,
              double         duration)
{
  g_autofree char *path = co_test_write_file (fx->base.src_dir, name, name, -1);
  g_autoptr(GError) error = NULL;
  CoVaultNewItem meta = {
    .type = CO_VAULT_TYPE_VIDEO, .mime = "video/webm", .original_name = name,
    .width = width, .height = height, .duration = duration,
  };
  gint64 id = co_vault_import_file (fx->base.vault, path, &meta, NULL, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static char *
long_text (void)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < 80; i++)
    g_string_append (text, "word ");
  g_string_append (text, "end");
  return g_string_free (text, FALSE);
}

/* The copy is a Saved draft for the new platform, with the text adapted and
 * the same links; the original does not change. */
static void
test_repurpose (DraftsFixture *fx,
                gconstpointer  data)
{
  g_autofree char *text = long_text ();
  gint64 original = new_draft (fx, CO_DRAFT_STAGE_DRAFT, "Deep dive", text, CO_PLATFORM_LINKEDIN);
  gint64 video = import_video (fx, "talk.webm", 1920, 1080, 95.5);
  g_autoptr(CoVaultItem) item = co_vault_get (fx->base.vault, video, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoDraft) copy = NULL;
  g_autoptr(CoDraft) unchanged = NULL;
  g_autoptr(GPtrArray) refs = NULL;
  g_autofree char *head = NULL;
  gint64 id;
  guint n;

  g_assert_true (co_drafts_link_item (fx->drafts, original, video, &error));
  g_assert_true (co_drafts_link_file (fx->drafts, original, co_vault_item_get_sha256 (item),
                                      &error));
  g_assert_no_error (error);

  id = co_drafts_repurpose (fx->drafts, original, CO_PLATFORM_X, &error);
  g_assert_no_error (error);
  copy = get_draft (fx, id);
  g_assert_cmpint (co_draft_get_stage (copy), ==, CO_DRAFT_STAGE_SAVED);
  g_assert_cmpint (co_draft_get_origin_id (copy), ==, original);
  g_assert_cmpstr (co_draft_get_title (copy), ==, "Deep dive");
  g_assert_true (g_str_has_suffix (co_draft_get_body (copy), "…"));
  g_assert_true (co_platform_check_text (CO_PLATFORM_X, NULL, co_draft_get_body (copy), NULL));
  head = g_strndup (co_draft_get_body (copy), 20);
  g_assert_true (g_str_has_prefix (text, head));
  g_assert_cmpint (g_list_model_get_n_items (co_draft_get_variants (copy)), ==, 1);
  g_assert_true (co_draft_has_platform (copy, CO_PLATFORM_X));
  g_assert_cmpint (co_draft_get_item_ids (copy, &n)[0], ==, video);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpstr (co_draft_get_files (copy)[0], ==, co_vault_item_get_sha256 (item));
  refs = co_assets_list_refs (fx->base.store, co_vault_item_get_sha256 (item), NULL);
  g_assert_cmpint (refs->len, ==, 3);
  unchanged = get_draft (fx, original);
  g_assert_cmpstr (co_draft_get_body (unchanged), ==, text);
  g_assert_cmpint (co_draft_get_stage (unchanged), ==, CO_DRAFT_STAGE_DRAFT);
}

/* A published post is the usual start of a repurposed one. */
static void
test_repurpose_published (DraftsFixture *fx,
                          gconstpointer  data)
{
  gint64 original = published_draft (fx, CO_PLATFORM_X);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(CoDraft) copy = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 id;

  id = co_drafts_repurpose (fx->drafts, original, CO_PLATFORM_INSTAGRAM, &error);
  g_assert_no_error (error);
  copy = get_draft (fx, id);
  g_assert_cmpstr (co_draft_get_body (copy), ==, "We ship today.");
  g_assert_false (co_draft_get_read_only (copy));
  history = co_drafts_list_history (fx->drafts, id, NULL);
  g_assert_cmpint (history->len, ==, 1);
  g_assert_cmpint (((CoDraftStageChange *)g_ptr_array_index (history, 0))->to, ==,
                   CO_DRAFT_STAGE_SAVED);
  g_assert_true (co_drafts_set_text (fx->drafts, id, "Reel", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co_drafts_repurpose (fx->drafts, 9090, CO_PLATFORM_X, &missing), ==, 0);
  g_assert_error (missing, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND);
  g_assert_cmpint (sql_int (fx->base.store, "SELECT count (*) FROM drafts"), ==, 2);
}

typedef struct
{
  CoPlatform      platform;
  int             width;
  int             height;
  double          duration;
  const char     *aspect;
  CoFormatAction  action;
  int             out_width;
  int             out_height;
  gboolean        trim;
} FormatCase;

static const FormatCase format_cases[] = {
  /* Widescreen to a vertical platform: a square crop keeps 56 %. */
  { CO_PLATFORM_INSTAGRAM, 1920, 1080, 60, "1:1", CO_FORMAT_CROP, 1080, 1080, FALSE },
  { CO_PLATFORM_INSTAGRAM, 1080, 1920, 200, "9:16", CO_FORMAT_KEEP, 1080, 1920, TRUE },
  { CO_PLATFORM_YOUTUBE, 1080, 1920, 180, "9:16", CO_FORMAT_KEEP, 1080, 1920, FALSE },
  { CO_PLATFORM_YOUTUBE, 1088, 1920, 181, "9:16", CO_FORMAT_KEEP, 1088, 1920, TRUE },
  /* Cinemascope would lose too much to a crop: padded to a square. */
  { CO_PLATFORM_YOUTUBE, 2560, 1080, 30, "1:1", CO_FORMAT_PAD, 2560, 2560, FALSE },
  { CO_PLATFORM_X, 1080, 1920, 141, "1:1", CO_FORMAT_CROP, 1080, 1080, TRUE },
  { CO_PLATFORM_X, 1920, 1080, 140, "16:9", CO_FORMAT_KEEP, 1920, 1080, FALSE },
  /* 4:3 is as close to 16:9 as to 1:1; X prefers 16:9. */
  { CO_PLATFORM_X, 1440, 1080, -1, "16:9", CO_FORMAT_CROP, 1440, 810, FALSE },
  { CO_PLATFORM_LINKEDIN, 1080, 1920, 900, "9:16", CO_FORMAT_KEEP, 1080, 1920, TRUE },
  { CO_PLATFORM_LINKEDIN, 1000, 1000, 10, "1:1", CO_FORMAT_KEEP, 1000, 1000, FALSE },
  /* A tall phone screenshot: to 9:16, cropping top and bottom. */
  { CO_PLATFORM_INSTAGRAM, 1080, 2340, 15, "9:16", CO_FORMAT_CROP, 1080, 1920, FALSE },
};

static void
test_format_hints (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      g_autoptr(CoFormatHint) hint = co_format_hint_compute (c->platform, c->width, c->height,
                                                             c->duration);
      g_autoptr(JsonNode) json = co_format_hint_to_json (hint);

      g_test_message ("case %zu: %s", i, hint->summary);
      g_assert_true (hint->has_video);
      g_assert_cmpstr (co_aspect_to_string (hint->aspect), ==, c->aspect);
      g_assert_cmpint (hint->action, ==, c->action);
      g_assert_cmpint (hint->out_width, ==, c->out_width);
      g_assert_cmpint (hint->out_height, ==, c->out_height);
      g_assert_cmpint (hint->trim, ==, c->trim);
      g_assert_cmpfloat (hint->max_duration, ==, co_format_max_duration (c->platform));
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "action"), ==,
                       co_format_action_to_string (c->action));
      if (c->trim)
        g_assert_nonnull (strstr (hint->summary, "trim"));
    }
}

static void
test_format_of_draft (DraftsFixture *fx,
                      gconstpointer  data)
{
  gint64 id = new_draft (fx, CO_DRAFT_STAGE_SAVED, "Clip", "", CO_PLATFORM_YOUTUBE);
  gint64 note = add_note (&fx->base, "Script", "words");
  gint64 video = import_video (fx, "vertical.webm", 720, 1280, 240);
  g_autoptr(CoFormatHint) none = NULL;
  g_autoptr(CoFormatHint) hint = NULL;
  g_autoptr(GError) error = NULL;

  none = co_drafts_get_format_hint (fx->drafts, id, CO_PLATFORM_YOUTUBE, &error);
  g_assert_no_error (error);
  g_assert_false (none->has_video);
  g_assert_nonnull (strstr (none->summary, "3:00"));
  g_assert_true (co_drafts_link_item (fx->drafts, id, note, NULL));
  g_assert_true (co_drafts_link_item (fx->drafts, id, video, NULL));
  hint = co_drafts_get_format_hint (fx->drafts, id, CO_PLATFORM_YOUTUBE, &error);
  g_assert_no_error (error);
  g_assert_true (hint->has_video);
  g_assert_cmpint (hint->item_id, ==, video);
  g_assert_cmpint (hint->action, ==, CO_FORMAT_KEEP);
  g_assert_true (hint->trim);
  g_assert_null (co_drafts_get_format_hint (fx->drafts, 777, CO_PLATFORM_X, NULL));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  DRAFTS_TEST ("/core/drafts/repurpose/copy", test_repurpose);
  DRAFTS_TEST ("/core/drafts/repurpose/published", test_repurpose_published);
  g_test_add_func ("/core/drafts/format/hints", test_format_hints);
  DRAFTS_TEST ("/core/drafts/format/of-draft", test_format_of_draft);

  return g_test_run ();
}
