/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "co-test-mirror.h"
#include "co-test-util.h"

/*
 * Documents from the server that do not match the JSON shape of their type
 * are refused with an error that names the document and the field, and
 * nothing of their batch is written.
 */

typedef struct
{
  const char *kind;      /* the document to spoil: "vault:" or "draft:" */
  const char *member;    /* what to change */
  const char *value;     /* its new value (JSON), or NULL to remove it */
  const char *expected;  /* in the message */
} Spoil;

static const Spoil spoils[] = {
  { "vault:", "title", NULL, "“title” is missing" },
  { "vault:", "title", "42", "“title” must be a string" },
  { "vault:", "size", "-1", "“size” must not be negative" },
  { "vault:", "size", "1.5", "“size” must be a whole number" },
  { "vault:", "item_type", "\"hologram\"", "“item_type” must be one of" },
  { "vault:", "sha256", "\"ABC\"", "“sha256” must be a SHA-256 digest" },
  { "vault:", "tags", "[\"a,b\"]", "“tags[0]”" },
  { "vault:", "tags", "\"travel\"", "“tags” must be an array" },
  { "vault:", "type", "\"draft\"", "its type is “draft”" },
  { "vault:", "schema", "99", "newer CreatorOps" },
  { "vault:", "modified_at", "null", "“modified_at” must not be null" },
  { "vault:", "trashed_at", "5", "must be deleted" },
  { "draft:", "stage", "\"archived\"", "“stage” must be one of" },
  { "draft:", "variants", "[{\"platform\": \"myspace\"}]", "“variants[0].platform”" },
  { "draft:", "variants", "[{\"platform\": \"x\", \"title\": null, \"body\": null,"
                          " \"post_id\": null, \"post_url\": null, \"published_at\": null},"
                          " {\"platform\": \"x\", \"title\": null, \"body\": null,"
                          " \"post_id\": null, \"post_url\": null, \"published_at\": null}]",
    "is there twice" },
  { "draft:", "items", "[{\"item\": \"draft:1\", \"position\": 0, \"created_at\": 0}]",
    "“items[0].item” must be the id of a vault item" },
  { "draft:", "title", "\"\"", "needs a title and a text" },
  { "draft:", "history", "[7]", "“history[0]” must be an object" },
  { "draft:", "_rev", "\"banana\"", "no _rev of the form N-hash" },
  { "draft:", "_revisions", "{\"start\": 9, \"ids\": [\"x\"]}", "do not start at its _rev" },
};

static GPtrArray *
valid_docs (CoTestSide *side)
{
  g_autoptr(GError) error = NULL;
  gint64 last;
  GPtrArray *docs;

  co_test_side_add_draft (side, "Launch", co_test_side_add_note (side, "Clip", "travel"));
  docs = co_mirror_read_changes (side->mirror, 0, 100, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 2);
  return docs;
}

static void
test_spoiled (gconstpointer data)
{
  const Spoil *spoil = data;
  g_autoptr(CoTestSide) a = co_test_side_new ("a");
  g_autoptr(CoTestSide) b = co_test_side_new ("b");
  g_autoptr(GPtrArray) docs = valid_docs (a);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = co_test_side_state (b);
  g_autofree char *after = NULL;
  JsonObject *target = NULL;

  for (guint i = 0; i < docs->len; i++)
    {
      JsonObject *doc = json_node_get_object (g_ptr_array_index (docs, i));

      if (g_str_has_prefix (json_object_get_string_member (doc, "_id"), spoil->kind))
        target = doc;
    }
  g_assert_nonnull (target);
  if (spoil->value == NULL)
    json_object_remove_member (target, spoil->member);
  else
    json_object_set_member (target, spoil->member, json_from_string (spoil->value, &error));
  g_assert_no_error (error);

  g_assert_false (co_mirror_apply_docs (b->mirror, docs, "r", "{}", NULL, &error));
  g_assert_error (error, CO_MIRROR_ERROR, CO_MIRROR_ERROR_INVALID_DOCUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, json_object_get_string_member (target, "_id")));
  g_assert_nonnull (strstr (error->message, spoil->expected));
  /* Nothing of the batch was written, not even the checkpoint. */
  after = co_test_side_state (b);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (co_test_side_count (b, "SELECT count (*) FROM vault_items"), ==, 0);
  g_assert_null (co_mirror_dup_checkpoint (b->mirror, "r", NULL));
}

/* Documents of kinds this library does not keep are left alone. */
static void
test_other_documents (void)
{
  g_autoptr(CoTestSide) b = co_test_side_new ("b");
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) diff = NULL;
  g_autoptr(JsonObject) revs = json_object_new ();
  JsonArray *wanted = json_array_new ();

  g_ptr_array_add (docs, json_from_string ("{\"_id\": \"_design/views\", \"_rev\": \"1-a\"}",
                                           NULL));
  g_ptr_array_add (docs, json_from_string ("{\"_id\": \"trend:42\", \"_rev\": \"1-b\"}", NULL));
  g_assert_true (co_mirror_apply_docs (b->mirror, docs, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (co_test_side_count (b, "SELECT count (*) FROM mirror_records"), ==, 0);

  json_array_add_string_element (wanted, "1-b");
  json_object_set_array_member (revs, "trend:42", wanted);
  json_object_set_array_member (revs, "vault:1", json_array_ref (wanted));
  diff = co_mirror_revs_diff (b->mirror, revs, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (diff, "trend:42"));
  g_assert_true (json_object_has_member (diff, "vault:1"));
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  for (gsize i = 0; i < G_N_ELEMENTS (spoils); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/mirror/docs/invalid/%s%s/%zu",
                                               spoils[i].kind[0] == 'v' ? "vault-" : "draft-",
                                               spoils[i].member + (spoils[i].member[0] == '_'),
                                               i);

      g_test_add_data_func (path, &spoils[i], test_spoiled);
    }
  g_test_add_func ("/core/mirror/docs/other-kinds", test_other_documents);

  return g_test_run ();
}
