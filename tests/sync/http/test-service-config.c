/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "co-error.h"
#include "co-sync-error.h"
#include "co-service-config.h"
#include "co-service-settings.h"
#include "co-test-util.h"

static void
test_defaults (void)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  g_autofree char *url = NULL;

  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_X), ==, "https://api.x.com");
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_YOUTUBE_UPLOAD), ==,
                   "https://www.googleapis.com/upload");
  g_assert_null (co_service_config_get_base (config, CO_SERVICE_OAUTH_YOUTUBE));
  g_assert_false (co_service_config_is_overridden (config, CO_SERVICE_X));
  g_assert_null (co_service_config_get_client_id (config, CO_PLATFORM_X));
  url = co_service_config_build_url (config, CO_SERVICE_X, "/2/tweets");
  g_assert_cmpstr (url, ==, "https://api.x.com/2/tweets");

  g_assert_cmpstr (co_service_get_env_name (CO_SERVICE_YOUTUBE_UPLOAD), ==,
                   "CREATOROPS_API_BASE_YOUTUBE_UPLOAD");
  g_assert_cmpstr (co_service_get_env_name (CO_SERVICE_OAUTH_INSTAGRAM), ==,
                   "CREATOROPS_API_BASE_OAUTH_INSTAGRAM");
  g_assert_cmpstr (co_service_get_settings_key (CO_SERVICE_LINKEDIN), ==, "api-base-linkedin");
  g_assert_cmpint (co_service_for_oauth (CO_PLATFORM_YOUTUBE), ==, CO_SERVICE_OAUTH_YOUTUBE);
  g_assert_cmpint (co_service_for_oauth (CO_PLATFORM_INSTAGRAM), ==, CO_SERVICE_OAUTH_INSTAGRAM);
}

static void
test_set_base (void)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  g_autoptr(GError) error = NULL;
  static const char *const refused[] = {
    "http://api.example.com", "ftp://127.0.0.1/", "not a url", "https://", 
    "https://example.com/?token=1", "https://user@example.com",
  };

  g_assert_true (co_service_config_set_base (config, CO_SERVICE_X, "http://127.0.0.1:8080/", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_X), ==, "http://127.0.0.1:8080");
  g_assert_true (co_service_config_is_overridden (config, CO_SERVICE_X));
  g_assert_true (co_service_config_set_base (config, CO_SERVICE_LINKEDIN,
                                             "https://proxy.example.com/li", &error));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (co_service_config_set_base (config, CO_SERVICE_X, refused[i], &error));
      g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_nonnull (strstr (error->message, "CREATOROPS_API_BASE_X"));
      g_clear_error (&error);
    }
  /* A refused address leaves the one before. */
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_X), ==, "http://127.0.0.1:8080");
  g_assert_true (co_service_config_set_base (config, CO_SERVICE_X, "", &error));
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_X), ==, "https://api.x.com");
}

static void
test_environment (void)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  g_autoptr(GError) error = NULL;

  g_setenv ("CREATOROPS_API_BASE_YOUTUBE", "http://127.0.0.1:9/yt", TRUE);
  g_setenv ("CREATOROPS_API_BASE_OAUTH_LINKEDIN", "http://localhost:7", TRUE);
  g_setenv ("CREATOROPS_OAUTH_CLIENT_ID_X", "client-x", TRUE);
  g_setenv ("CREATOROPS_API_BASE_INSTAGRAM", "", TRUE);
  g_setenv ("CREATOROPS_API_BASE_LINKEDIN", "gopher://nowhere", TRUE);

  g_assert_false (co_service_config_apply_environment (config, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "gopher://nowhere"));
  /* The good ones were still taken. */
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_YOUTUBE), ==,
                   "http://127.0.0.1:9/yt");
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_OAUTH_LINKEDIN), ==,
                   "http://localhost:7");
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_INSTAGRAM), ==,
                   "https://graph.facebook.com");
  g_assert_cmpstr (co_service_config_get_client_id (config, CO_PLATFORM_X), ==, "client-x");

  g_unsetenv ("CREATOROPS_API_BASE_LINKEDIN");
  g_clear_error (&error);
  g_assert_true (co_service_config_apply_environment (config, &error));
  g_assert_no_error (error);
}

/* A schema of its own with some of the app's keys: those it lacks are skipped. */
static GSettings *
settings_with (const char *x,
               const char *linkedin,
               const char *client_id)
{
  g_autofree char *dir = co_test_make_temp_dir ("schema");
  g_autofree char *xml = g_strdup_printf (
    "<schemalist><schema id='org.example.Config' path='/org/example/config/'>"
    "<key name='api-base-x' type='s'><default>'%s'</default></key>"
    "<key name='api-base-linkedin' type='s'><default>'%s'</default></key>"
    "<key name='oauth-client-id-x' type='s'><default>'%s'</default></key>"
    "</schema></schemalist>", x, linkedin, client_id);
  g_autofree char *path = g_build_filename (dir, "org.example.Config.gschema.xml", NULL);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "glib-compile-schemas", dir, NULL };
  int status;

  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, "org.example.Config", FALSE);
  g_assert_nonnull (schema);
  return g_settings_new_full (schema, backend, NULL);
}

/* GLib 2.74's g_test_expect_message() does not see structured logging: the
 * warnings are caught by a writer of the test's own while it is set. */
static GPtrArray *warnings;

static GLogWriterOutput
catch_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         data)
{
  if (warnings == NULL || (level & G_LOG_LEVEL_WARNING) == 0)
    return g_log_writer_default (level, fields, n_fields, data);
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      g_ptr_array_add (warnings, g_strdup (fields[i].value));
  return G_LOG_WRITER_HANDLED;
}

static void
test_settings (void)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  g_autoptr(GSettings) settings = settings_with ("http://127.0.0.1:8/x", "", "client-x");
  g_autoptr(GSettings) bad = settings_with ("", "gopher://nowhere", "");

  co_service_config_apply_settings (config, settings);
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_X), ==, "http://127.0.0.1:8/x");
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_LINKEDIN), ==,
                   "https://api.linkedin.com");
  g_assert_cmpstr (co_service_config_get_client_id (config, CO_PLATFORM_X), ==, "client-x");

  /* A bad address is said by name and left out; an empty one is the default. */
  warnings = g_ptr_array_new_with_free_func (g_free);
  co_service_config_apply_settings (config, bad);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "gopher://nowhere"));
  g_clear_pointer (&warnings, g_ptr_array_unref);
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_LINKEDIN), ==,
                   "https://api.linkedin.com");
  g_assert_cmpstr (co_service_config_get_base (config, CO_SERVICE_X), ==, "https://api.x.com");
}

/* The media host: an absolute folder with an https address (http only on
 * this computer), both or neither; each refusal names the value and its
 * variable.  The environment sets it too. */
static void
test_media_host (void)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  struct { const char *folder, *url, *named; } refused[] = {
    { "relative/media", "https://example.org/media", "relative/media" },
    { "/srv/media", NULL, "CREATOROPS_MEDIA_HOST_URL" },
    { NULL, "https://example.org/media", "CREATOROPS_MEDIA_HOST_DIR" },
    { "/srv/media", "ftp://example.org/media", "ftp://example.org/media" },
    { "/srv/media", "http://example.org/media", "http://example.org/media" },
  };

  g_assert_null (co_service_config_get_media_folder (config));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (co_service_config_set_media_host (config, refused[i].folder, refused[i].url,
                                                        &error));
      g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
      g_assert_nonnull (strstr (error->message, refused[i].named));
      g_test_message ("Refused: %s", error->message);
      g_assert_null (co_service_config_get_media_folder (config));
    }
  g_assert_true (co_service_config_set_media_host (config, "/srv/media",
                                                   "https://example.org/media/", NULL));
  g_assert_cmpstr (co_service_config_get_media_folder (config), ==, "/srv/media");
  g_assert_cmpstr (co_service_config_get_media_url (config), ==, "https://example.org/media");
  g_assert_true (co_service_config_set_media_host (config, "", "", NULL));
  g_assert_null (co_service_config_get_media_folder (config));

  g_setenv ("CREATOROPS_MEDIA_HOST_DIR", "/var/www/media", TRUE);
  g_setenv ("CREATOROPS_MEDIA_HOST_URL", "https://cdn.example.org/m", TRUE);
  g_assert_true (co_service_config_apply_environment (config, NULL));
  g_assert_cmpstr (co_service_config_get_media_folder (config), ==, "/var/www/media");
  g_assert_cmpstr (co_service_config_get_media_url (config), ==, "https://cdn.example.org/m");
  g_unsetenv ("CREATOROPS_MEDIA_HOST_URL");
  g_assert_false (co_service_config_apply_environment (config, NULL));
  g_unsetenv ("CREATOROPS_MEDIA_HOST_DIR");
}

/* How many of @n requests at one moment the limiter lets go without waiting. */
static guint
count_unpaced (CoRateLimiter *limiter,
               const char    *bucket,
               guint          n)
{
  guint at_once = 0;

  for (guint i = 0; i < n; i++)
    {
      gint64 wait = -1;

      g_assert_true (co_rate_limiter_reserve (limiter, bucket, 1000 * G_USEC_PER_SEC,
                                              G_MAXINT64, &wait));
      at_once += wait == 0;
    }
  return at_once;
}

/* CREATOROPS_TEST_UNPACED lifts a platform's pace only while all its
 * addresses are on this computer; elsewhere it is refused, naming why. */
static void
test_unpaced (void)
{
  g_autoptr(CoServiceConfig) config = co_service_config_new ();
  g_autoptr(CoRateLimiter) limiter = co_rate_limiter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (co_service_config_set_unpaced (config, CO_PLATFORM_INSTAGRAM, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "https://graph.facebook.com"));
  g_assert_nonnull (strstr (error->message, CO_TEST_UNPACED_ENV));
  g_clear_error (&error);

  g_assert_true (co_service_config_set_base (config, CO_SERVICE_INSTAGRAM, "http://127.0.0.1:9",
                                             NULL));
  g_assert_true (co_service_config_set_base (config, CO_SERVICE_YOUTUBE, "http://[::1]:9",
                                             NULL));
  g_assert_true (co_service_config_set_base (config, CO_SERVICE_YOUTUBE_UPLOAD, "", NULL));
  g_setenv (CO_TEST_UNPACED_ENV, " instagram,,youtube", TRUE);
  /* YouTube's uploads still go to Google. */
  g_assert_false (co_service_config_apply_environment (config, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "https://www.googleapis.com/upload"));
  g_clear_error (&error);
  g_assert_true (co_service_config_is_unpaced (config, CO_PLATFORM_INSTAGRAM));
  g_assert_false (co_service_config_is_unpaced (config, CO_PLATFORM_YOUTUBE));
  g_assert_false (co_service_config_is_unpaced (config, CO_PLATFORM_X));

  g_setenv (CO_TEST_UNPACED_ENV, "instagram,tiktok", TRUE);
  g_assert_false (co_service_config_apply_environment (config, &error));
  g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "“tiktok”"));
  g_clear_error (&error);
  g_unsetenv (CO_TEST_UNPACED_ENV);

  /* Instagram's 10 at once, then one in 18 s, is lifted; X keeps its pace. */
  co_service_config_pace (config, limiter);
  g_assert_cmpuint (count_unpaced (limiter, "instagram", 50), ==, 50);
  g_assert_cmpuint (count_unpaced (limiter, "x", 50), ==, 10);

  /* Pointed at Instagram itself again, it is paced again. */
  g_assert_true (co_service_config_set_base (config, CO_SERVICE_INSTAGRAM, NULL, NULL));
  g_assert_false (co_service_config_is_unpaced (config, CO_PLATFORM_INSTAGRAM));
  g_clear_object (&limiter);
  limiter = co_rate_limiter_new ();
  co_service_config_pace (config, limiter);
  g_assert_cmpuint (count_unpaced (limiter, "instagram", 50), ==, 10);
}

/* The media host's address alone, as Preferences checks it before keeping
 * it: the refusal names the address and says what Instagram needs. */
static void
test_media_url (void)
{
  const char *refused[] = {
    "", "ftp://example.org/media", "http://example.org/media", "https://", "not an address",
    "https://example.org/m#top",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (co_service_config_check_media_url (refused[i], &error));
      g_assert_error (error, CO_SYNC_ERROR, CO_SYNC_ERROR_CONFIG);
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_nonnull (strstr (error->message, "public https address"));
      g_test_message ("Refused: %s", error->message);
    }
  g_assert_true (co_service_config_check_media_url ("https://example.org/media", NULL));
  g_assert_true (co_service_config_check_media_url ("http://127.0.0.1:8080/m", NULL));

  g_assert_false (co_service_config_media_host_in_environment ());
  g_setenv ("CREATOROPS_MEDIA_HOST_URL", "https://cdn.example.org/m", TRUE);
  g_assert_true (co_service_config_media_host_in_environment ());
  g_unsetenv ("CREATOROPS_MEDIA_HOST_URL");
  g_setenv ("CREATOROPS_MEDIA_HOST_DIR", "", TRUE);
  g_assert_true (co_service_config_media_host_in_environment ());
  g_unsetenv ("CREATOROPS_MEDIA_HOST_DIR");
  g_assert_false (co_service_config_media_host_in_environment ());
}

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);
  g_log_set_writer_func (catch_writer, NULL, NULL);

  g_test_add_func ("/sync/http/config/defaults", test_defaults);
  g_test_add_func ("/sync/http/config/set-base", test_set_base);
  g_test_add_func ("/sync/http/config/environment", test_environment);
  g_test_add_func ("/sync/http/config/settings", test_settings);
  g_test_add_func ("/sync/http/config/media-host", test_media_host);
  g_test_add_func ("/sync/http/config/media-url", test_media_url);
  g_test_add_func ("/sync/http/config/unpaced", test_unpaced);

  return g_test_run ();
}
