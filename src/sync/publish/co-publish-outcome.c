/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include "co-error.h"
#include "co-publish-outcome.h"

/* A post's operations form a chain through their after ids (a thread's
 * replies, a video's upload before the post); the last one's result is the
 * post.  The chain is short, so it is walked one operation at a time. */

static const char *const status_names[] = { "done", "waiting", "failed" };

/**
 * co_publish_status_to_string:
 * @status: a status
 *
 * Returns: its name in the JSON output: "done", "waiting" or "failed"
 */
const char *
co_publish_status_to_string (CoPublishStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

/**
 * co_publish_outcome_new:
 * @platform: the platform
 *
 * Returns: (transfer full): an outcome that is waiting, with no operation yet
 */
CoPublishOutcome *
co_publish_outcome_new (CoPlatform platform)
{
  CoPublishOutcome *outcome = g_new0 (CoPublishOutcome, 1);

  outcome->platform = platform;
  outcome->status = CO_PUBLISH_WAITING;
  return outcome;
}

/**
 * co_publish_outcome_failed:
 * @platform: the platform
 * @error: why nothing was queued for it
 *
 * Returns: (transfer full): a failed outcome with a copy of @error
 */
CoPublishOutcome *
co_publish_outcome_failed (CoPlatform    platform,
                           const GError *error)
{
  CoPublishOutcome *outcome = co_publish_outcome_new (platform);

  outcome->status = CO_PUBLISH_FAILED;
  outcome->error = g_error_copy (error);
  return outcome;
}

/**
 * co_publish_outcome_free:
 * @outcome: (transfer full): an outcome
 */
void
co_publish_outcome_free (CoPublishOutcome *outcome)
{
  g_free (outcome->post_id);
  g_free (outcome->post_url);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

/* Calls @func on each operation of the chain ending at @last_id, last first,
 * until it returns FALSE. */
typedef gboolean (*ChainFunc) (CoOutboxOperation *operation,
                               gpointer           user_data);

static gboolean
walk_chain (CoOutbox  *outbox,
            gint64     last_id,
            ChainFunc  func,
            gpointer   user_data,
            GError   **error)
{
  for (gint64 id = last_id; id != 0;)
    {
      g_autoptr(CoOutboxOperation) operation = co_outbox_get (outbox, id, error);

      if (operation == NULL)
        return FALSE;
      if (!func (operation, user_data))
        return TRUE;
      id = co_outbox_operation_get_after_id (operation);
    }
  return TRUE;
}

static gboolean
note_failure_cb (CoOutboxOperation *operation,
                 gpointer           user_data)
{
  CoPublishOutcome *outcome = user_data;
  CoOutboxState state = co_outbox_operation_get_state (operation);

  if (state != CO_OUTBOX_FAILED && state != CO_OUTBOX_DISCARDED)
    return TRUE;
  g_clear_error (&outcome->error);
  outcome->error = co_outbox_operation_dup_error (operation);
  outcome->status = CO_PUBLISH_FAILED;
  return TRUE;
}

/**
 * co_publish_outcome_read:
 * @outcome: an outcome with its @operation_id
 * @outbox: the outbox
 * @error: return location for a #GError
 *
 * Reads where the post is from its operations: done with the last one's remote
 * id and address; failed with the error of the earliest operation of the
 * chain that failed or was discarded; otherwise waiting.
 *
 * Returns: %TRUE on success, else %FALSE with a %CO_OUTBOX_ERROR or
 *   %CO_STORE_ERROR
 */
gboolean
co_publish_outcome_read (CoPublishOutcome  *outcome,
                         CoOutbox          *outbox,
                         GError           **error)
{
  g_autoptr(CoOutboxOperation) last = NULL;

  g_return_val_if_fail (outcome->operation_id != 0, FALSE);

  last = co_outbox_get (outbox, outcome->operation_id, error);
  if (last == NULL)
    return FALSE;
  g_clear_error (&outcome->error);
  if (co_outbox_operation_get_state (last) == CO_OUTBOX_DONE)
    {
      outcome->status = CO_PUBLISH_DONE;
      g_free (outcome->post_id);
      outcome->post_id = g_strdup (co_outbox_operation_get_remote_id (last));
      g_free (outcome->post_url);
      outcome->post_url = g_strdup (co_outbox_operation_get_remote_url (last));
      return TRUE;
    }
  outcome->status = CO_PUBLISH_WAITING;
  return walk_chain (outbox, outcome->operation_id, note_failure_cb, outcome, error);
}

static gboolean
collect_failed_cb (CoOutboxOperation *operation,
                   gpointer           user_data)
{
  if (co_outbox_operation_get_state (operation) == CO_OUTBOX_FAILED)
    g_ptr_array_add (user_data, g_object_ref (operation));
  return TRUE;
}

/**
 * co_publish_chain_failed:
 * @outbox: the outbox
 * @last_id: the last operation of a post's chain
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CoOutboxOperation): the operations of
 *   the chain that failed, last first, or %NULL with the error
 */
GPtrArray *
co_publish_chain_failed (CoOutbox  *outbox,
                         gint64     last_id,
                         GError   **error)
{
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_object_unref);

  if (!walk_chain (outbox, last_id, collect_failed_cb, failed, error))
    return NULL;
  return g_steal_pointer (&failed);
}

/**
 * co_publish_error_add_json:
 * @builder: a builder, inside an object
 * @error: what went wrong on a platform
 *
 * Adds `error` (the message), `retryable` and `suggestion` (what to do) to
 * the object being built.
 */
void
co_publish_error_add_json (JsonBuilder  *builder,
                           const GError *error)
{
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error->message);
  json_builder_set_member_name (builder, "retryable");
  json_builder_add_boolean_value (builder, co_error_is_retryable (error));
  json_builder_set_member_name (builder, "suggestion");
  json_builder_add_string_value (builder, co_error_get_suggestion (error));
}

/**
 * co_publish_outcome_to_json:
 * @outcome: an outcome
 *
 * Returns: (transfer full): `platform`, `status`, `operation`, and `post_id`
 *   and `url` or `error` with `retryable` and `suggestion`
 */
JsonNode *
co_publish_outcome_to_json (CoPublishOutcome *outcome)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "platform");
  json_builder_add_string_value (builder, co_platform_to_string (outcome->platform));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, co_publish_status_to_string (outcome->status));
  json_builder_set_member_name (builder, "operation");
  json_builder_add_int_value (builder, outcome->operation_id);
  if (outcome->post_id != NULL)
    {
      json_builder_set_member_name (builder, "post_id");
      json_builder_add_string_value (builder, outcome->post_id);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, outcome->post_url);
    }
  if (outcome->error != NULL)
    co_publish_error_add_json (builder, outcome->error);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
