/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-assets.h"
#include "co-drafts-private.h"
#include "co-error.h"

/*
 * Drafts live in the library's database (tables of migration 7).  Every
 * change runs in one transaction that ends by checking the draft still has
 * everything its stage requires, so no sequence of calls leaves a draft in
 * a state its stage does not allow; triggers in the schema refuse any
 * change to a published draft and any move the rule forbids, as a second
 * fence behind this code.
 */

struct _CoDrafts
{
  GObject         parent_instance;

  CoStore        *store;
  char           *actor;
  CoClockFunc     clock;
  gpointer        clock_data;
  GDestroyNotify  clock_destroy;
  GThread        *owner;
  GMainContext   *context;
};

G_DEFINE_FINAL_TYPE (CoDrafts, co_drafts, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACTOR,
  N_PROPS,
};

enum {
  CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  CoDrafts *self;
  gint64    id;
} ChangedCall;

static gboolean
emit_changed_cb (gpointer data)
{
  ChangedCall *call = data;

  g_signal_emit (call->self, signals[CHANGED], 0, call->id);
  return G_SOURCE_REMOVE;
}

static void
changed_call_free (gpointer data)
{
  ChangedCall *call = data;

  g_object_unref (call->self);
  g_free (call);
}

/* Changes made on a worker thread (the _async calls) are announced on the
 * thread that made the object, where the views that listen live. */
void
_co_drafts_emit_changed (CoDrafts *self,
                         gint64    id)
{
  ChangedCall *call;

  if (g_thread_self () == self->owner)
    {
      g_signal_emit (self, signals[CHANGED], 0, id);
      return;
    }
  call = g_new0 (ChangedCall, 1);
  call->self = g_object_ref (self);
  call->id = id;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_changed_cb, call,
                              changed_call_free);
}

static void
co_drafts_dispose (GObject *object)
{
  CoDrafts *self = (CoDrafts *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (co_drafts_parent_class)->dispose (object);
}

static void
co_drafts_finalize (GObject *object)
{
  CoDrafts *self = (CoDrafts *)object;

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (co_drafts_parent_class)->finalize (object);
}

static void
co_drafts_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CoDrafts *self = CO_DRAFTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_drafts_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CoDrafts *self = CO_DRAFTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACTOR:
      co_drafts_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_drafts_class_init (CoDraftsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_drafts_dispose;
  object_class->finalize = co_drafts_finalize;
  object_class->get_property = co_drafts_get_property;
  object_class->set_property = co_drafts_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CoDrafts::changed:
   * @drafts: the drafts
   * @id: the draft that changed (created, edited, moved, scheduled or deleted)
   *
   * Emitted on the thread that created @drafts after every committed change.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
co_drafts_init (CoDrafts *self)
{
  self->owner = g_thread_self ();
  self->context = g_main_context_ref_thread_default ();
  self->actor = g_strdup (g_get_user_name ());
}

/* Layer-internal API */

CoDraft *
_co_drafts_load (CoDrafts  *self,
                 gint64     id,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (self->store, "SELECT " CO_DRAFT_COLUMNS " FROM drafts d WHERE d.id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (one, _co_draft_new_from_row (stmt));
      _co_stmt_release (stmt);
      if (!_co_drafts_load_details (self, one, error))
        return NULL;
      return g_object_ref (g_ptr_array_index (one, 0));
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND,
                 _("No draft has the id %lld"), (long long)id);
  else
    _co_store_set_error (self->store, error, _("reading a draft"));
  return NULL;
}

gboolean
_co_drafts_get_stage (CoDrafts      *self,
                      gint64         id,
                      CoDraftStage  *out_stage,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _co_store_prepare (self->store, "SELECT stage FROM drafts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return co_draft_stage_from_string ((const char *)sqlite3_column_text (stmt, 0), out_stage,
                                       error);
  if (rc == SQLITE_DONE)
    g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_NOT_FOUND,
                 _("No draft has the id %lld"), (long long)id);
  else
    _co_store_set_error (self->store, error, _("reading a draft"));
  return FALSE;
}

/* Starts a change to a draft: a transaction, and the draft must exist and
 * not be published. */
gboolean
_co_drafts_begin_edit (CoDrafts  *self,
                       gint64     id,
                       GError   **error)
{
  CoDraftStage stage;

  if (!_co_store_begin (self->store, error))
    return FALSE;
  if (!_co_drafts_get_stage (self, id, &stage, error))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  if (stage == CO_DRAFT_STAGE_PUBLISHED)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_READ_ONLY,
                   _("Draft %lld is published and read-only: it records what was posted"),
                   (long long)id);
      _co_store_rollback (self->store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
touch (CoDrafts  *self,
       gint64     id,
       GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store, "UPDATE drafts SET updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, co_drafts_now (self));
  sqlite3_bind_int64 (stmt, 2, id);
  return _co_store_step_done (self->store, stmt, error);
}

/* Refuses a change that would take from a draft what its stage requires. */
gboolean
_co_drafts_set_incomplete (GError       **error,
                           gint64         id,
                           CoDraftStage   stage,
                           const char    *missing)
{
  g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE,
               _("Draft %lld is %s and must stay complete: %s"), (long long)id,
               co_draft_stage_display_name (stage), missing);
  return FALSE;
}

/* The draft as changed must still have what its stage requires. */
static gboolean
check_still_complete (CoDrafts  *self,
                      gint64     id,
                      GError   **error)
{
  g_autoptr(CoDraft) draft = _co_drafts_load (self, id, error);
  g_autofree char *missing = NULL;

  if (draft == NULL)
    return FALSE;
  missing = _co_drafts_find_missing (draft, co_draft_get_stage (draft), co_drafts_now (self),
                                     FALSE);
  if (missing == NULL)
    return TRUE;
  return _co_drafts_set_incomplete (error, id, co_draft_get_stage (draft), missing);
}

/* Ends a change begun with _co_drafts_begin_edit(): commits it if @ok and
 * the draft is still complete for its stage, else rolls it back. */
gboolean
_co_drafts_end_edit (CoDrafts  *self,
                     gint64     id,
                     gboolean   ok,
                     GError   **error)
{
  if (!ok || !touch (self, id, error) || !check_still_complete (self, id, error))
    {
      _co_store_rollback (self->store);
      return FALSE;
    }
  if (!_co_store_commit (self->store, error))
    return FALSE;
  _co_drafts_emit_changed (self, id);
  return TRUE;
}

/* Runs @edit on a draft that exists and is not published, in a transaction
 * that keeps the change only if the draft still suits its stage. */
gboolean
_co_drafts_edit (CoDrafts     *self,
                 gint64        id,
                 CoDraftEdit   edit,
                 gpointer      data,
                 GError      **error)
{
  g_autoptr(GRecMutexLocker) locker = _co_store_lock (self->store);

  if (!_co_drafts_begin_edit (self, id, error))
    return FALSE;
  return _co_drafts_end_edit (self, id, edit (self, id, data, error), error);
}

/* Text must be valid UTF-8 without NUL; @field names it in the message,
 * with the draft unless it is a new one (@id 0). */
gboolean
_co_drafts_check_text (gint64       id,
                       const char  *field,
                       const char  *text,
                       GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  if (id == 0)
    g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                 _("The %s of the new draft is not valid UTF-8 text"), field);
  else
    g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INVALID,
                 _("The %s of draft %lld is not valid UTF-8 text"), field, (long long)id);
  return FALSE;
}

/* Public API */

/**
 * co_draft_stage_change_free:
 * @change: (transfer full) (nullable): a stage change
 */
void
co_draft_stage_change_free (CoDraftStageChange *change)
{
  if (change == NULL)
    return;
  g_free (change->actor);
  g_free (change);
}

/**
 * co_drafts_new:
 * @store: the library
 *
 * Returns: (transfer full): the drafts of the library in @store
 */
CoDrafts *
co_drafts_new (CoStore *store)
{
  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  return g_object_new (CO_TYPE_DRAFTS, "store", store, NULL);
}

/** co_drafts_get_store: @self: the drafts  Returns: (transfer none): the library */
CoStore *
co_drafts_get_store (CoDrafts *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), NULL);
  return self->store;
}

/**
 * co_drafts_get_actor:
 * @self: the drafts
 *
 * Returns: (transfer none): who the stage history records as making changes
 */
const char *
co_drafts_get_actor (CoDrafts *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), NULL);
  return self->actor;
}

/**
 * co_drafts_set_actor:
 * @self: the drafts
 * @actor: (nullable): who makes the changes ("alice (app)"), or %NULL for
 *   the user's login name
 *
 * Names the one making changes in the stage history.
 */
void
co_drafts_set_actor (CoDrafts   *self,
                     const char *actor)
{
  g_return_if_fail (CO_IS_DRAFTS (self));

  if (actor == NULL)
    actor = g_get_user_name ();
  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

/**
 * co_drafts_set_clock:
 * @self: the drafts
 * @clock: (nullable): the clock, or %NULL for the real time
 * @user_data: passed to @clock
 * @destroy: (nullable): frees @user_data
 *
 * Replaces the clock that stamps changes and decides what is in the past,
 * for tests and simulations.  Set it before the first use.
 */
void
co_drafts_set_clock (CoDrafts       *self,
                     CoClockFunc     clock,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  g_return_if_fail (CO_IS_DRAFTS (self));

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  self->clock = clock;
  self->clock_data = user_data;
  self->clock_destroy = destroy;
}

/**
 * co_drafts_now:
 * @self: the drafts
 *
 * Returns: the time by the drafts' clock (µs since 1970, UTC)
 */
gint64
co_drafts_now (CoDrafts *self)
{
  g_return_val_if_fail (CO_IS_DRAFTS (self), 0);
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_real_time ();
}

/* Inserts a draft's row; the caller adds its history and runs the
 * completeness check. */
gint64
_co_drafts_insert_row (CoDrafts      *self,
                       CoDraftStage   stage,
                       const char    *title,
                       const char    *body,
                       gint64         origin_id,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _co_store_prepare (self->store,
                            "INSERT INTO drafts (stage, title, body, origin_id, created_at,"
                            " updated_at, stage_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, co_draft_stage_to_string (stage), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title != NULL ? title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, body != NULL ? body : "", -1, SQLITE_TRANSIENT);
  if (origin_id > 0)
    sqlite3_bind_int64 (stmt, 4, origin_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, co_drafts_now (self));
  if (!_co_store_step_done (self->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_co_store_get_db (self->store));
}

static gboolean
check_new (const CoDraftNew  *spec,
           GError           **error)
{
  if (spec->stage != CO_DRAFT_STAGE_SAVED && spec->stage != CO_DRAFT_STAGE_DRAFT)
    {
      g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_MOVE_REFUSED,
                   _("A new draft starts as Saved or Draft, not %s: schedule it once it "
                     "exists"), co_draft_stage_display_name (spec->stage));
      return FALSE;
    }
  if (!_co_drafts_check_text (0, _("title"), spec->title, error) ||
      !_co_drafts_check_text (0, _("body"), spec->body, error))
    return FALSE;
  if (spec->stage == CO_DRAFT_STAGE_DRAFT)
    {
      g_autofree char *missing = _co_drafts_text_missing (spec->title, spec->body);

      if (missing != NULL)
        {
          g_set_error (error, CO_DRAFT_ERROR, CO_DRAFT_ERROR_INCOMPLETE,
                       _("A new draft in stage Draft needs a title and a body: %s"), missing);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
fill_new (CoDrafts          *self,
          gint64             id,
          const CoDraftNew  *spec,
          GError           **error)
{
  for (guint i = 0; i < spec->n_platforms; i++)
    if (!_co_drafts_insert_variant (self, id, spec->platforms[i], NULL, NULL, error))
      return FALSE;
  for (guint i = 0; i < spec->n_items; i++)
    if (!_co_drafts_insert_item_link (self, id, spec->item_ids[i], error))
      return FALSE;
  return _co_drafts_add_history (self, id, -1, spec->stage, error);
}

/**
 * co_drafts_create:
 * @self: the drafts
 * @spec: what the draft starts with
 * @error: return location for a #GError
 *
 * Creates a draft with its target platforms and linked vault items, all or
 * nothing.  A Draft-stage draft needs a title and a body.
 *
 * Returns: the new draft's id, or 0 with @error set (%CO_DRAFT_ERROR_INVALID
 *   for text that is not UTF-8, %CO_DRAFT_ERROR_INCOMPLETE for a Draft
 *   without title or body, %CO_VAULT_ERROR_NOT_FOUND for a missing item…)
 */
gint64
co_drafts_create (CoDrafts          *self,
                  const CoDraftNew  *spec,
                  GError           **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  gint64 id;

  g_return_val_if_fail (CO_IS_DRAFTS (self), 0);
  g_return_val_if_fail (spec != NULL, 0);

  if (!check_new (spec, error))
    return 0;
  locker = _co_store_lock (self->store);
  if (!_co_store_begin (self->store, error))
    return 0;
  id = _co_drafts_insert_row (self, spec->stage, spec->title, spec->body, 0, error);
  if (id == 0)
    {
      _co_store_rollback (self->store);
      return 0;
    }
  return _co_drafts_end_edit (self, id, fill_new (self, id, spec, error), error) ? id : 0;
}

/**
 * co_drafts_get:
 * @self: the drafts
 * @id: a draft id
 * @error: return location for %CO_DRAFT_ERROR_NOT_FOUND or a store error
 *
 * Returns: (transfer full) (nullable): the draft as it is now
 */
CoDraft *
co_drafts_get (CoDrafts  *self,
               gint64     id,
               GError   **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (CO_IS_DRAFTS (self), NULL);

  locker = _co_store_lock (self->store);
  return _co_drafts_load (self, id, error);
}
