/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-accounts"

#include "config.h"

#include "co-account-private.h"

/* An account is an immutable snapshot of one row of the accounts table: the
 * platform, who the account is there, and whether it works.  Its token is
 * never here: it lives in the keyring only. */
struct _CoAccount
{
  GObject         parent_instance;

  gint64          id;
  CoPlatform      platform;
  char           *remote_id;
  char           *display_name;
  CoAccountState  state;
  gint64          created_at;
  gint64          checked_at;
};

G_DEFINE_FINAL_TYPE (CoAccount, co_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_STATE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *const state_names[] = { "connected", "reconnect-needed", "disconnected" };

/**
 * co_account_state_to_string:
 * @state: a #CoAccountState
 *
 * Returns: the state's stable name, as stored and printed by the CLI
 */
const char *
co_account_state_to_string (CoAccountState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

/**
 * co_account_state_from_string:
 * @name: a state name
 * @out_state: (out): the state
 *
 * Returns: %TRUE if @name is a state's name
 */
gboolean
co_account_state_from_string (const char     *name,
                              CoAccountState *out_state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (name, state_names[i]) == 0)
      {
        *out_state = i;
        return TRUE;
      }
  return FALSE;
}

static void
co_account_finalize (GObject *object)
{
  CoAccount *self = (CoAccount *)object;

  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (co_account_parent_class)->finalize (object);
}

static void
co_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CoAccount *self = CO_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_account_class_init (CoAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = co_account_finalize;
  object_class->get_property = co_account_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CO_ACCOUNT_CONNECTED, CO_ACCOUNT_DISCONNECTED,
                      CO_ACCOUNT_CONNECTED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_account_init (CoAccount *self)
{
}

CoAccount *
_co_account_new_from_row (sqlite3_stmt *stmt)
{
  CoAccount *self = g_object_new (CO_TYPE_ACCOUNT, NULL);
  CoPlatform platform = CO_PLATFORM_X;
  CoAccountState state = CO_ACCOUNT_DISCONNECTED;

  /* The table's CHECK constraints keep both names valid. */
  co_platform_from_string ((const char *)sqlite3_column_text (stmt, 1), &platform, NULL);
  co_account_state_from_string ((const char *)sqlite3_column_text (stmt, 4), &state);
  self->id = sqlite3_column_int64 (stmt, 0);
  self->platform = platform;
  self->remote_id = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  self->display_name = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  self->state = state;
  self->created_at = sqlite3_column_int64 (stmt, 5);
  self->checked_at = sqlite3_column_int64 (stmt, 6);
  return self;
}

/**
 * co_account_get_id:
 * @self: a #CoAccount
 *
 * Returns: the account's id in the library
 */
gint64
co_account_get_id (CoAccount *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT (self), 0);
  return self->id;
}

/**
 * co_account_get_platform:
 * @self: a #CoAccount
 *
 * Returns: the platform the account is on
 */
CoPlatform
co_account_get_platform (CoAccount *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT (self), CO_PLATFORM_X);
  return self->platform;
}

/**
 * co_account_get_remote_id:
 * @self: a #CoAccount
 *
 * Returns: (transfer none): the platform's id for the account (its user id), which
 *   also names its token in the keyring
 */
const char *
co_account_get_remote_id (CoAccount *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT (self), NULL);
  return self->remote_id;
}

/**
 * co_account_get_display_name:
 * @self: a #CoAccount
 *
 * Returns: (transfer none): the name people know the account by ("@creator")
 */
const char *
co_account_get_display_name (CoAccount *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT (self), NULL);
  return self->display_name;
}

/**
 * co_account_get_state:
 * @self: a #CoAccount
 *
 * Returns: whether the account can publish, or why not
 */
CoAccountState
co_account_get_state (CoAccount *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT (self), CO_ACCOUNT_DISCONNECTED);
  return self->state;
}

/**
 * co_account_get_created_at:
 * @self: a #CoAccount
 *
 * Returns: when the account was first connected (µs since 1970, UTC)
 */
gint64
co_account_get_created_at (CoAccount *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT (self), 0);
  return self->created_at;
}

/**
 * co_account_get_checked_at:
 * @self: a #CoAccount
 *
 * Returns: when the platform last accepted the account's token (µs since 1970,
 *   UTC), or 0 if never
 */
gint64
co_account_get_checked_at (CoAccount *self)
{
  g_return_val_if_fail (CO_IS_ACCOUNT (self), 0);
  return self->checked_at;
}

/**
 * co_account_to_json:
 * @self: a #CoAccount
 *
 * Returns: (transfer full): the account as the CLI prints it (no secret is part of an
 *   account)
 */
JsonNode *
co_account_to_json (CoAccount *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *checked = NULL;

  g_return_val_if_fail (CO_IS_ACCOUNT (self), NULL);

  if (self->checked_at != 0 &&
      (time = g_date_time_new_from_unix_utc (self->checked_at / G_USEC_PER_SEC)) != NULL)
    checked = g_date_time_format_iso8601 (time);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, co_platform_to_string (self->platform));
  json_builder_set_member_name (builder, "remote_id");
  json_builder_add_string_value (builder, self->remote_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->display_name);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, co_account_state_to_string (self->state));
  json_builder_set_member_name (builder, "checked_at");
  if (checked != NULL)
    json_builder_add_string_value (builder, checked);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
