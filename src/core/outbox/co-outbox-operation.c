/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-outbox"

#include "config.h"

#include "co-outbox-private.h"

/* An operation is an immutable snapshot of one outbox row, read again from the
 * outbox after every change. */
struct _CoOutboxOperation
{
  GObject        parent_instance;

  gint64         id;
  char          *key;
  char          *kind;
  gint64         account_id;
  gint64         after_id;
  char          *payload;
  char          *marker;
  CoOutboxState  state;
  gboolean       unsure;
  int            attempts;
  int            budget;
  gint64         next_attempt_at;
  gint64         first_sent_at;
  char          *checkpoint;
  char          *remote_id;
  char          *remote_url;
  char          *result;
  GError        *error;
  gint64         created_at;
  gint64         finished_at;
};

G_DEFINE_FINAL_TYPE (CoOutboxOperation, co_outbox_operation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_STATE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *const state_names[] = { "pending", "sending", "done", "failed", "discarded" };

G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == CO_OUTBOX_N_STATES);

/**
 * co_outbox_state_to_string:
 * @state: a #CoOutboxState
 *
 * Returns: the state's stable name, as stored and printed by the CLI
 */
const char *
co_outbox_state_to_string (CoOutboxState state)
{
  g_return_val_if_fail (state < CO_OUTBOX_N_STATES, NULL);
  return state_names[state];
}

/**
 * co_outbox_state_from_string:
 * @name: a state's name
 * @out_state: (out): the state
 *
 * Returns: %TRUE if @name names a state
 */
gboolean
co_outbox_state_from_string (const char    *name,
                             CoOutboxState *out_state)
{
  for (guint i = 0; i < CO_OUTBOX_N_STATES; i++)
    if (g_strcmp0 (name, state_names[i]) == 0)
      {
        *out_state = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * co_outbox_attempt_free:
 * @attempt: (transfer full): an attempt
 */
void
co_outbox_attempt_free (CoOutboxAttempt *attempt)
{
  g_free (attempt->lookup);
  g_free (attempt->outcome);
  g_clear_error (&attempt->error);
  g_free (attempt);
}

static void
co_outbox_operation_finalize (GObject *object)
{
  CoOutboxOperation *self = (CoOutboxOperation *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->marker, g_free);
  g_clear_pointer (&self->checkpoint, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->remote_url, g_free);
  g_clear_pointer (&self->result, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (co_outbox_operation_parent_class)->finalize (object);
}

static void
co_outbox_operation_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CoOutboxOperation *self = CO_OUTBOX_OPERATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_outbox_operation_class_init (CoOutboxOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = co_outbox_operation_finalize;
  object_class->get_property = co_outbox_operation_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CO_OUTBOX_PENDING, CO_OUTBOX_DISCARDED,
                      CO_OUTBOX_PENDING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_outbox_operation_init (CoOutboxOperation *self)
{
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* An error kept as domain, code and message in three columns from @first. */
GError *
_co_outbox_error_from_columns (sqlite3_stmt *stmt,
                               int           first)
{
  const char *domain = (const char *)sqlite3_column_text (stmt, first);

  if (domain == NULL)
    return NULL;
  return g_error_new_literal (g_quark_from_string (domain), sqlite3_column_int (stmt, first + 1),
                              (const char *)sqlite3_column_text (stmt, first + 2));
}

CoOutboxOperation *
_co_outbox_operation_new_from_row (sqlite3_stmt *stmt)
{
  CoOutboxOperation *self = g_object_new (CO_TYPE_OUTBOX_OPERATION, NULL);
  CoOutboxState state = CO_OUTBOX_FAILED;

  /* The table's CHECK constraint keeps the name valid. */
  co_outbox_state_from_string ((const char *)sqlite3_column_text (stmt, 7), &state);
  self->id = sqlite3_column_int64 (stmt, 0);
  self->key = dup_column (stmt, 1);
  self->kind = dup_column (stmt, 2);
  self->account_id = sqlite3_column_int64 (stmt, 3);
  self->after_id = sqlite3_column_int64 (stmt, 4);
  self->payload = dup_column (stmt, 5);
  self->marker = dup_column (stmt, 6);
  self->state = state;
  self->unsure = sqlite3_column_int (stmt, 8) != 0;
  self->attempts = sqlite3_column_int (stmt, 9);
  self->budget = sqlite3_column_int (stmt, 10);
  self->next_attempt_at = sqlite3_column_int64 (stmt, 11);
  self->first_sent_at = sqlite3_column_int64 (stmt, 12);
  self->checkpoint = dup_column (stmt, 13);
  self->remote_id = dup_column (stmt, 14);
  self->remote_url = dup_column (stmt, 15);
  self->result = dup_column (stmt, 16);
  self->error = _co_outbox_error_from_columns (stmt, 17);
  self->created_at = sqlite3_column_int64 (stmt, 20);
  self->finished_at = sqlite3_column_int64 (stmt, 21);
  return self;
}

/** co_outbox_operation_get_id: @self: an operation  Returns: its id in the outbox */
gint64
co_outbox_operation_get_id (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->id;
}

/**
 * co_outbox_operation_get_key:
 * @self: an operation
 *
 * Returns: (transfer none): its idempotency key: unique in the outbox, and sent to
 *   the servers that take one, so that a repeated request is recognised there
 */
const char *
co_outbox_operation_get_key (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->key;
}

/**
 * co_outbox_operation_get_kind:
 * @self: an operation
 *
 * Returns: (transfer none): what it does ("x.post"), which picks its handler
 */
const char *
co_outbox_operation_get_kind (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->kind;
}

/** co_outbox_operation_get_account_id: @self: an operation  Returns: its account, or 0 */
gint64
co_outbox_operation_get_account_id (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->account_id;
}

/**
 * co_outbox_operation_get_after_id:
 * @self: an operation
 *
 * Returns: the operation that must be done before this one is sent (a thread's
 *   previous post), or 0
 */
gint64
co_outbox_operation_get_after_id (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->after_id;
}

/**
 * co_outbox_operation_get_payload:
 * @self: an operation
 *
 * Returns: (transfer none): what its handler needs to send it, a JSON object
 */
const char *
co_outbox_operation_get_payload (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->payload;
}

/**
 * co_outbox_operation_dup_payload_object:
 * @self: an operation
 *
 * Returns: (transfer full): the payload, parsed (the outbox accepts only objects)
 */
JsonObject *
co_outbox_operation_dup_payload_object (CoOutboxOperation *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);

  node = json_from_string (self->payload, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_object_new ();
  return json_object_ref (json_node_get_object (node));
}

/**
 * co_outbox_operation_get_marker:
 * @self: an operation
 *
 * Returns: (transfer none) (nullable): what identifies its result on the server when
 *   the server keeps no idempotency key (the exact text of a post, for example)
 */
const char *
co_outbox_operation_get_marker (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->marker;
}

/** co_outbox_operation_get_state: @self: an operation  Returns: where it stands */
CoOutboxState
co_outbox_operation_get_state (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), CO_OUTBOX_FAILED);
  return self->state;
}

/**
 * co_outbox_operation_get_unsure:
 * @self: an operation
 *
 * Returns: %TRUE when its last request may have reached the server without an answer
 *   coming back: it is looked up there before it is sent again
 */
gboolean
co_outbox_operation_get_unsure (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), FALSE);
  return self->unsure;
}

/** co_outbox_operation_get_attempts: @self: an operation  Returns: attempts so far */
int
co_outbox_operation_get_attempts (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->attempts;
}

/**
 * co_outbox_operation_get_budget:
 * @self: an operation
 *
 * Returns: the attempt count at which it fails for good (raised by a retry)
 */
int
co_outbox_operation_get_budget (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->budget;
}

/**
 * co_outbox_operation_get_next_attempt_at:
 * @self: an operation
 *
 * Returns: when a pending operation is due (µs since 1970, UTC)
 */
gint64
co_outbox_operation_get_next_attempt_at (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->next_attempt_at;
}

/**
 * co_outbox_operation_get_first_sent_at:
 * @self: an operation
 *
 * Returns: when its first attempt began (µs since 1970, UTC), or 0: nothing it sent
 *   can be older, which bounds a look-up on the server
 */
gint64
co_outbox_operation_get_first_sent_at (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->first_sent_at;
}

/**
 * co_outbox_operation_get_checkpoint:
 * @self: an operation
 *
 * Returns: (transfer none) (nullable): what its handler saved to go on after an
 *   interruption (a resumable upload's address, for example)
 */
const char *
co_outbox_operation_get_checkpoint (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->checkpoint;
}

/**
 * co_outbox_operation_get_remote_id:
 * @self: an operation
 *
 * Returns: (transfer none) (nullable): the server's id for what a done operation made
 */
const char *
co_outbox_operation_get_remote_id (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->remote_id;
}

/**
 * co_outbox_operation_get_remote_url:
 * @self: an operation
 *
 * Returns: (transfer none) (nullable): where people see what a done operation made
 */
const char *
co_outbox_operation_get_remote_url (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->remote_url;
}

/**
 * co_outbox_operation_get_result:
 * @self: an operation
 *
 * Returns: (transfer none) (nullable): what the handler kept of the server's answer,
 *   as JSON
 */
const char *
co_outbox_operation_get_result (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->result;
}

/**
 * co_outbox_operation_dup_error:
 * @self: an operation
 *
 * Returns: (transfer full) (nullable): why its last attempt did not succeed
 */
GError *
co_outbox_operation_dup_error (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);
  return self->error != NULL ? g_error_copy (self->error) : NULL;
}

/** co_outbox_operation_get_created_at: @self: an operation  Returns: µs since 1970, UTC */
gint64
co_outbox_operation_get_created_at (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->created_at;
}

/**
 * co_outbox_operation_get_finished_at:
 * @self: an operation
 *
 * Returns: when it was done, failed for good or discarded (µs since 1970, UTC), or 0
 */
gint64
co_outbox_operation_get_finished_at (CoOutboxOperation *self)
{
  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), 0);
  return self->finished_at;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       usec)
{
  g_autoptr(GDateTime) time = usec != 0 ? g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC)
                                        : NULL;
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  add_string (builder, name, text);
}

static void
add_error (JsonBuilder  *builder,
           const GError *error)
{
  json_builder_set_member_name (builder, "error");
  if (error == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_string (builder, "domain", g_quark_to_string (error->domain));
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, error->code);
  add_string (builder, "message", error->message);
  json_builder_end_object (builder);
}

/**
 * co_outbox_operation_to_json:
 * @self: an operation
 *
 * Returns: (transfer full): the operation as the CLI prints it: id, key, kind,
 *   account, state, unsure, attempts, times (ISO 8601, UTC), remote id and URL,
 *   and the last error
 */
JsonNode *
co_outbox_operation_to_json (CoOutboxOperation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CO_IS_OUTBOX_OPERATION (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  add_string (builder, "key", self->key);
  add_string (builder, "kind", self->kind);
  json_builder_set_member_name (builder, "account");
  if (self->account_id != 0)
    json_builder_add_int_value (builder, self->account_id);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "state", co_outbox_state_to_string (self->state));
  json_builder_set_member_name (builder, "unsure");
  json_builder_add_boolean_value (builder, self->unsure);
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, self->attempts);
  add_time (builder, "created_at", self->created_at);
  add_time (builder, "next_attempt_at",
            self->state == CO_OUTBOX_PENDING ? self->next_attempt_at : 0);
  add_time (builder, "finished_at", self->finished_at);
  add_string (builder, "remote_id", self->remote_id);
  add_string (builder, "remote_url", self->remote_url);
  add_error (builder, self->error);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
