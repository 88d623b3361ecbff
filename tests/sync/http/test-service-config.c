/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "co-error.h"
#include "co-sync-error.h"
#include "co-service-config.h"
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

int
main (int   argc,
      char *argv[])
{
  co_test_init (&argc, &argv);

  g_test_add_func ("/sync/http/config/defaults", test_defaults);
  g_test_add_func ("/sync/http/config/set-base", test_set_base);
  g_test_add_func ("/sync/http/config/environment", test_environment);

  return g_test_run ();
}
