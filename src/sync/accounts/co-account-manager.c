/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-account-manager-private.h"
#include "co-error.h"
#include "co-secrets.h"

/*
 * Accounts: connecting one (OAuth in the browser, or a token given by a
 * script), checking, disconnecting, and the tokens requests are sent with
 * (co-account-tokens.c).  Tokens go to the keyring before the account's row is
 * written; the row never holds one.  Reconnecting an account keeps its refresh
 * token when the provider did not send a new one.
 */

struct _CoAccountManager
{
  GObject            parent_instance;

  CoAccountBook     *book;
  CoHttpClient      *client;
  CoServiceConfig   *config;
  /* Weak: the platform clients hold the manager for their tokens. */
  GWeakRef           profilers[CO_N_PLATFORMS];

  GMutex             mutex;
  GHashTable        *refreshes;   /* gint64 account id -> Refresh */
};

G_DEFINE_FINAL_TYPE (CoAccountManager, co_account_manager, G_TYPE_OBJECT)

/* What connecting or adding an account has gathered so far. */
typedef struct
{
  CoPlatform  platform;
  CoToken    *token;
  char       *remote_id;
  char       *display_name;
} Adding;

static void
adding_free (Adding *adding)
{
  co_token_free (adding->token);
  g_free (adding->remote_id);
  g_free (adding->display_name);
  g_free (adding);
}

static GTask *
new_adding_task (CoAccountManager    *self,
                 CoPlatform           platform,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data,
                 gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Adding *adding = g_new0 (Adding, 1);

  adding->platform = platform;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, adding, (GDestroyNotify)adding_free);
  return task;
}

static gboolean
has_profiler (CoAccountManager *self,
              CoPlatform        platform)
{
  g_autoptr(CoAccountProfiler) profiler = g_weak_ref_get (&self->profilers[platform]);

  return profiler != NULL;
}

static GError *
no_profiler_error (CoPlatform platform)
{
  return g_error_new (CO_ACCOUNT_ERROR, CO_ACCOUNT_ERROR_INVALID,
                      _("CreatorOps cannot ask %s which account signed in yet; add the "
                        "account's token with “accounts add-token” and give its id and name"),
                      co_platform_display_name (platform));
}

/* Saving: the old token (for its refresh token), the new one, then the row. */

static void
row_saved (GTask *task)
{
  CoAccountManager *self = g_task_get_source_object (task);
  Adding *adding = g_task_get_task_data (task);
  GError *error = NULL;
  CoAccount *account;

  account = co_account_book_save (self->book, adding->platform, adding->remote_id,
                                  adding->display_name, _co_account_manager_now (self), &error);
  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, g_object_unref);
}

static void
token_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_co_account_tokens_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    row_saved (task);
}

static void
old_token_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Adding *adding = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CoToken) old = _co_account_tokens_load_finish (result, &error);

  /* No token yet is the usual case; an unusable keyring shows when storing. */
  co_token_keep_refresh (adding->token, old);
  _co_account_tokens_store_async (adding->platform, adding->remote_id, adding->token,
                                  g_task_get_cancellable (task), token_stored_cb,
                                  g_object_ref (task));
}

static void
save_account (GTask *task)
{
  CoAccountManager *self = g_task_get_source_object (task);
  Adding *adding = g_task_get_task_data (task);

  _co_account_tokens_load_async (adding->platform, adding->remote_id,
                                 _co_account_manager_now (self), g_task_get_cancellable (task),
                                 old_token_cb, g_object_ref (task));
}

static void
profiled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Adding *adding = g_task_get_task_data (task);
  GError *error = NULL;

  g_clear_pointer (&adding->remote_id, g_free);
  g_clear_pointer (&adding->display_name, g_free);
  if (!co_account_profiler_fetch_finish (CO_ACCOUNT_PROFILER (object), result,
                                         &adding->remote_id, &adding->display_name, &error))
    g_task_return_error (task, error);
  else
    save_account (task);
}

/* Asks the platform who the account is when nobody said, then saves it. */
static void
identify_and_save (GTask *task)
{
  CoAccountManager *self = g_task_get_source_object (task);
  Adding *adding = g_task_get_task_data (task);
  g_autoptr(CoAccountProfiler) profiler = g_weak_ref_get (&self->profilers[adding->platform]);

  if (adding->remote_id != NULL && adding->display_name != NULL)
    {
      save_account (task);
      return;
    }
  if (profiler == NULL)
    {
      g_task_return_error (task, no_profiler_error (adding->platform));
      return;
    }
  co_account_profiler_fetch_async (profiler, adding->token->access_token,
                                   g_task_get_cancellable (task), profiled_cb,
                                   g_object_ref (task));
}

static void
authorized_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Adding *adding = g_task_get_task_data (task);
  GError *error = NULL;

  adding->token = co_oauth_authorize_finish (result, &error);
  if (adding->token == NULL)
    g_task_return_error (task, error);
  else
    identify_and_save (task);
}

static void
co_account_manager_finalize (GObject *object)
{
  CoAccountManager *self = (CoAccountManager *)object;

  g_assert (g_hash_table_size (self->refreshes) == 0);
  g_clear_pointer (&self->refreshes, g_hash_table_unref);
  for (guint i = 0; i < CO_N_PLATFORMS; i++)
    g_weak_ref_clear (&self->profilers[i]);
  g_clear_object (&self->book);
  g_clear_object (&self->client);
  g_clear_object (&self->config);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (co_account_manager_parent_class)->finalize (object);
}

static void
co_account_manager_class_init (CoAccountManagerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = co_account_manager_finalize;
}

static void
co_account_manager_init (CoAccountManager *self)
{
  g_mutex_init (&self->mutex);
  self->refreshes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < CO_N_PLATFORMS; i++)
    g_weak_ref_init (&self->profilers[i], NULL);
}

gint64
_co_account_manager_now (CoAccountManager *self)
{
  return co_clock_now (co_http_client_get_clock (self->client));
}

/* Records what the platform said about an account's token; a failure to write
 * is logged by the store and the account keeps its state. */
void
_co_account_manager_mark (CoAccountManager *self,
                          gint64            account_id,
                          CoAccountState    state,
                          gboolean          checked)
{
  g_autoptr(GError) error = NULL;

  if (!co_account_book_set_state (self->book, account_id, state,
                                  checked ? _co_account_manager_now (self) : 0, &error))
    g_warning ("Cannot record the state of account %" G_GINT64_FORMAT ": %s", account_id,
               error->message);
}

GHashTable *
_co_account_manager_lock_refreshes (CoAccountManager *self)
{
  g_mutex_lock (&self->mutex);
  return self->refreshes;
}

void
_co_account_manager_unlock_refreshes (CoAccountManager *self)
{
  g_mutex_unlock (&self->mutex);
}

/**
 * co_account_manager_new:
 * @book: the library's accounts
 * @client: the HTTP client
 * @config: the service addresses and client ids
 *
 * Returns: (transfer full): the accounts' manager; the platform clients register
 *   themselves as profilers
 */
CoAccountManager *
co_account_manager_new (CoAccountBook   *book,
                        CoHttpClient    *client,
                        CoServiceConfig *config)
{
  CoAccountManager *self;

  g_return_val_if_fail (CO_IS_ACCOUNT_BOOK (book), NULL);
  g_return_val_if_fail (CO_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (CO_IS_SERVICE_CONFIG (config), NULL);

  self = g_object_new (CO_TYPE_ACCOUNT_MANAGER, NULL);
  self->book = g_object_ref (book);
  self->client = g_object_ref (client);
  self->config = g_object_ref (config);
  return self;
}

/** co_account_manager_get_book: @self: a manager  Returns: (transfer none): the accounts */
CoAccountBook *
co_account_manager_get_book (CoAccountManager *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (self), NULL);
  return self->book;
}

/** co_account_manager_get_client: @self: a manager  Returns: (transfer none): the client */
CoHttpClient *
co_account_manager_get_client (CoAccountManager *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (self), NULL);
  return self->client;
}

/** co_account_manager_get_config: @self: a manager  Returns: (transfer none): the config */
CoServiceConfig *
co_account_manager_get_config (CoAccountManager *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (self), NULL);
  return self->config;
}

/**
 * co_account_manager_set_profiler:
 * @self: a #CoAccountManager
 * @platform: a platform
 * @profiler: (nullable): what asks that platform who an account is
 *
 * The manager keeps only a weak reference: a platform client holds the manager
 * (for its tokens), and whoever made both keeps the client.
 */
void
co_account_manager_set_profiler (CoAccountManager  *self,
                                 CoPlatform         platform,
                                 CoAccountProfiler *profiler)
{
  g_return_if_fail (CO_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (platform < CO_N_PLATFORMS);
  g_weak_ref_set (&self->profilers[platform], profiler);
}

/**
 * co_account_manager_get_profiler:
 * @self: a #CoAccountManager
 * @platform: a platform
 *
 * Returns: (transfer full) (nullable): its profiler, if one is registered and alive
 */
CoAccountProfiler *
co_account_manager_dup_profiler (CoAccountManager *self,
                                 CoPlatform        platform)
{
  g_return_val_if_fail (CO_IS_ACCOUNT_MANAGER (self), NULL);
  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);
  return g_weak_ref_get (&self->profilers[platform]);
}

/**
 * co_account_manager_connect_async:
 * @self: a #CoAccountManager
 * @platform: the platform
 * @open_func: shows the sign-in page (see #CoOAuthOpenFunc)
 * @open_data: passed to @open_func
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Connects an account, or reconnects one: signs in with OAuth, asks the platform
 * which account it is, keeps the token in the keyring and the account in the
 * library.
 */
void
co_account_manager_connect_async (CoAccountManager    *self,
                                  CoPlatform           platform,
                                  CoOAuthOpenFunc      open_func,
                                  gpointer             open_data,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CO_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (platform < CO_N_PLATFORMS);

  task = new_adding_task (self, platform, cancellable, callback, user_data,
                          co_account_manager_connect_async);
  /* Fail before the browser opens rather than after the user signed in. */
  if (!has_profiler (self, platform))
    {
      g_task_return_error (task, no_profiler_error (platform));
      return;
    }
  co_oauth_authorize_async (self->client, self->config, platform, open_func, open_data,
                            cancellable, authorized_cb, g_object_ref (task));
}

/**
 * co_account_manager_connect_finish:
 * @self: a #CoAccountManager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, connected
 */
CoAccount *
co_account_manager_connect_finish (CoAccountManager  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
dup_json_string (const char *json,
                 const char *first,
                 const char *second)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  JsonObject *object = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                         ? json_node_get_object (node) : NULL;
  const char *names[] = { first, second };

  for (guint i = 0; object != NULL && i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *member = json_object_get_member (object, names[i]);

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (member));
    }
  return NULL;
}

/**
 * co_account_manager_add_token_async:
 * @self: a #CoAccountManager
 * @platform: the platform
 * @token_json: the token as co_token_new_from_json() reads it, optionally with
 *   the account's "account_id" and "name"
 * @remote_id: (nullable): the account's id on the platform, over the JSON's
 * @display_name: (nullable): its name, over the JSON's
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Connects an account with a token obtained elsewhere, for scripted set-ups.
 * Without an id and a name, the platform is asked who the account is.
 */
void
co_account_manager_add_token_async (CoAccountManager    *self,
                                    CoPlatform           platform,
                                    const char          *token_json,
                                    const char          *remote_id,
                                    const char          *display_name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Adding *adding;

  g_return_if_fail (CO_IS_ACCOUNT_MANAGER (self));
  g_return_if_fail (platform < CO_N_PLATFORMS && token_json != NULL);

  task = new_adding_task (self, platform, cancellable, callback, user_data,
                          co_account_manager_add_token_async);
  adding = g_task_get_task_data (task);
  adding->token = co_token_new_from_json (token_json, _co_account_manager_now (self), &error);
  if (adding->token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  adding->remote_id = remote_id != NULL ? g_strdup (remote_id)
                                        : dup_json_string (token_json, "account_id", "id");
  adding->display_name = display_name != NULL ? g_strdup (display_name)
                                              : dup_json_string (token_json, "name",
                                                                 "display_name");
  identify_and_save (task);
}

/**
 * co_account_manager_add_token_finish:
 * @self: a #CoAccountManager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, connected; or %NULL with
 *   %CO_ACCOUNT_ERROR_INVALID for a token that cannot be used
 */
CoAccount *
co_account_manager_add_token_finish (CoAccountManager  *self,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoAccountManager *self = g_task_get_source_object (task);
  CoAccount *account = g_task_get_task_data (task);
  gint64 id = co_account_get_id (account);
  GError *error = NULL;

  if (!co_secrets_clear_finish (result, &error) ||
      !co_account_book_set_state (self->book, id, CO_ACCOUNT_DISCONNECTED, 0, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, co_account_book_get (self->book, id, NULL), g_object_unref);
}

/**
 * co_account_manager_disconnect_async:
 * @self: a #CoAccountManager
 * @account_id: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: passed to @callback
 *
 * Forgets the account's token (in the keyring) and marks it disconnected; its row
 * stays, so that what it published keeps its account.
 */
void
co_account_manager_disconnect_async (CoAccountManager    *self,
                                     gint64               account_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CoAccount *account;
  GError *error = NULL;

  g_return_if_fail (CO_IS_ACCOUNT_MANAGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_account_manager_disconnect_async);
  account = co_account_book_get (self->book, account_id, &error);
  if (account == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, account, g_object_unref);
  co_secrets_clear_async (co_platform_to_string (co_account_get_platform (account)),
                          co_account_get_remote_id (account), cancellable, cleared_cb,
                          g_object_ref (task));
}

/**
 * co_account_manager_disconnect_finish:
 * @self: a #CoAccountManager
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, disconnected
 */
CoAccount *
co_account_manager_disconnect_finish (CoAccountManager  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
