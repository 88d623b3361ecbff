/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-idea-generator-llm.h"
#include "co-llm-preferences.h"
#include "co-secrets.h"
#include "co-test-desk.h"
#include "co-test-secrets.h"
#include "co-test-util.h"

/* The Language Model group: what it keeps in the settings and the keyring. */

typedef struct
{
  GSettings *settings;
  GtkWidget *group;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "api-base-llm");
  g_settings_reset (fixture->settings, "llm-model");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->group != NULL)
    g_object_unref (fixture->group);
  g_settings_reset (fixture->settings, "api-base-llm");
  g_settings_reset (fixture->settings, "llm-model");
  g_object_unref (fixture->settings);
}

static gboolean
open_group (Fixture *fixture)
{
  if (co_test_desk_skip_without_display ())
    return FALSE;
  fixture->group = g_object_ref_sink (co_llm_preferences_new (fixture->settings));
  return TRUE;
}

static void
apply (Fixture    *fixture,
       const char *name,
       const char *text)
{
  GtkWidget *row = co_test_desk_find_named (fixture->group, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static const char *
status (Fixture *fixture)
{
  return co_llm_preferences_get_status (CO_LLM_PREFERENCES (fixture->group));
}

static void
test_endpoint (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *kept = NULL;
  g_autofree char *model = NULL;

  if (!open_group (fixture))
    return;
  g_assert_cmpstr (status (fixture), ==, "No language model is configured");
  apply (fixture, "llm-endpoint", "http://192.0.2.7:8080");
  kept = g_settings_get_string (fixture->settings, "api-base-llm");
  g_assert_cmpstr (kept, ==, "");
  g_assert_nonnull (strstr (status (fixture), "http://192.0.2.7:8080"));
  g_assert_true (gtk_widget_has_css_class (co_test_desk_find_named (fixture->group,
                                                                    "llm-endpoint"), "error"));
  g_clear_pointer (&kept, g_free);
  apply (fixture, "llm-endpoint", "http://127.0.0.1:8080/");
  kept = g_settings_get_string (fixture->settings, "api-base-llm");
  g_assert_cmpstr (kept, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (status (fixture), ==, "Ideas are asked of http://127.0.0.1:8080");
  apply (fixture, "llm-model-name", "llama3.2");
  model = g_settings_get_string (fixture->settings, "llm-model");
  g_assert_cmpstr (model, ==, "llama3.2");
}

static gboolean
key_kept (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (status (fixture), "The key is kept in the keyring") == 0;
}

static void
found_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(char **)user_data = co_secrets_lookup_finish (result, NULL);
}

static gboolean
has_found (gpointer data)
{
  return *(char **)data != NULL;
}

static void
test_key (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *key = g_strdup_printf ("sk-app-%08x", g_random_int ());
  g_autofree char *found = NULL;
  GtkWidget *row;

  if (co_test_skip_without_keyring () || !open_group (fixture))
    return;
  row = co_test_desk_find_named (fixture->group, "llm-key");
  apply (fixture, "llm-key", "sk-without-address");
  g_assert_cmpstr (status (fixture), ==, "No language model is configured");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  apply (fixture, "llm-endpoint", "http://127.0.0.1:8081");
  apply (fixture, "llm-key", key);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_true (co_test_wait_until (key_kept, fixture, 10000));
  co_secrets_lookup_async (CO_LLM_KEYRING_PLATFORM, "http://127.0.0.1:8081", NULL, found_cb,
                           &found);
  g_assert_true (co_test_wait_until (has_found, &found, 10000));
  co_test_forget_token (CO_LLM_KEYRING_PLATFORM, "http://127.0.0.1:8081");
  g_assert_cmpstr (found, ==, key);
}

int
main (int   argc,
      char *argv[])
{
  co_test_desk_init (&argc, &argv);

  g_test_add ("/app/preferences/llm/endpoint", Fixture, NULL, fixture_set_up, test_endpoint,
              fixture_tear_down);
  g_test_add ("/app/preferences/llm/key", Fixture, NULL, fixture_set_up, test_key,
              fixture_tear_down);

  return g_test_run ();
}
