/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-schedule"

#include "config.h"

#include "co-draft-json.h"
#include "co-schedule-private.h"
#include "co-schedule-time.h"

struct _CoScheduleEntry
{
  GObject       parent_instance;

  gint64        draft_id;
  char         *draft_title;
  CoDraftStage  draft_stage;
  CoPlatform    platform;
  gint64        at;
  char         *zone;
  gint64        published_at;
  gboolean      unwatched;
};

G_DEFINE_FINAL_TYPE (CoScheduleEntry, co_schedule_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DRAFT_ID,
  PROP_DRAFT_TITLE,
  PROP_PLATFORM,
  PROP_AT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
co_schedule_entry_finalize (GObject *object)
{
  CoScheduleEntry *self = (CoScheduleEntry *)object;

  g_clear_pointer (&self->draft_title, g_free);
  g_clear_pointer (&self->zone, g_free);

  G_OBJECT_CLASS (co_schedule_entry_parent_class)->finalize (object);
}

static void
co_schedule_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CoScheduleEntry *self = CO_SCHEDULE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_DRAFT_ID:
      g_value_set_int64 (value, self->draft_id);
      break;
    case PROP_DRAFT_TITLE:
      g_value_set_string (value, self->draft_title);
      break;
    case PROP_PLATFORM:
      g_value_set_string (value, co_platform_to_string (self->platform));
      break;
    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_schedule_entry_class_init (CoScheduleEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = co_schedule_entry_finalize;
  object_class->get_property = co_schedule_entry_get_property;

  properties[PROP_DRAFT_ID] =
    g_param_spec_int64 ("draft-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DRAFT_TITLE] = g_param_spec_string ("draft-title", NULL, NULL, NULL, flags);
  properties[PROP_PLATFORM] = g_param_spec_string ("platform", NULL, NULL, NULL, flags);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_schedule_entry_init (CoScheduleEntry *self)
{
}

/* Builds an entry from a row of CO_SCHEDULE_ENTRY_COLUMNS; it is unwatched
 * when it came due after @watched_until. */
CoScheduleEntry *
_co_schedule_entry_new_from_row (sqlite3_stmt *stmt,
                                 gint64        watched_until)
{
  CoScheduleEntry *self = g_object_new (CO_TYPE_SCHEDULE_ENTRY, NULL);

  /* Names come from this code's own writes; NULL errors as they cannot fail. */
  self->draft_id = sqlite3_column_int64 (stmt, 0);
  self->draft_title = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  co_draft_stage_from_string ((const char *)sqlite3_column_text (stmt, 2), &self->draft_stage,
                              NULL);
  co_platform_from_string ((const char *)sqlite3_column_text (stmt, 3), &self->platform, NULL);
  self->at = sqlite3_column_int64 (stmt, 4);
  self->zone = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  self->published_at = sqlite3_column_int64 (stmt, 6);
  self->unwatched = self->at > watched_until;
  return self;
}

/** co_schedule_entry_get_draft_id: @self: an entry  Returns: the draft's id */
gint64
co_schedule_entry_get_draft_id (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), 0);
  return self->draft_id;
}

/** co_schedule_entry_get_draft_title: @self: an entry  Returns: (transfer none): its title */
const char *
co_schedule_entry_get_draft_title (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), NULL);
  return self->draft_title;
}

/** co_schedule_entry_get_draft_stage: @self: an entry  Returns: the draft's stage */
CoDraftStage
co_schedule_entry_get_draft_stage (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), CO_DRAFT_STAGE_SAVED);
  return self->draft_stage;
}

/** co_schedule_entry_get_platform: @self: an entry  Returns: the platform */
CoPlatform
co_schedule_entry_get_platform (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), CO_PLATFORM_X);
  return self->platform;
}

/** co_schedule_entry_get_at: @self: an entry  Returns: when (µs since 1970, UTC) */
gint64
co_schedule_entry_get_at (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), 0);
  return self->at;
}

/**
 * co_schedule_entry_get_zone:
 * @self: an entry
 *
 * Returns: (transfer none): the IANA zone the time was entered in
 */
const char *
co_schedule_entry_get_zone (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), NULL);
  return self->zone;
}

/**
 * co_schedule_entry_get_published_at:
 * @self: an entry
 *
 * Returns: when the post went out (µs since 1970, UTC), or 0 if it has not
 */
gint64
co_schedule_entry_get_published_at (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), 0);
  return self->published_at;
}

/**
 * co_schedule_entry_get_unwatched:
 * @self: an entry from co_schedule_list_due()
 *
 * Returns: %TRUE when the post came due while no CreatorOps was watching
 *   the calendar (after the last co_schedule_mark_watched())
 */
gboolean
co_schedule_entry_get_unwatched (CoScheduleEntry *self)
{
  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), FALSE);
  return self->unwatched;
}

/**
 * co_schedule_entry_to_json:
 * @self: an entry
 * @display: the zone to show the time in
 *
 * Returns: (transfer full): `draft_id`, `title`, `stage`, `platform`, `at`
 *   (ISO 8601, UTC), `local` (ISO 8601 with the offset of @display),
 *   `display_zone`, `zone` (entered in), `published_at` and `unwatched`
 */
JsonNode *
co_schedule_entry_to_json (CoScheduleEntry *self,
                           GTimeZone       *display)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *local = NULL;

  g_return_val_if_fail (CO_IS_SCHEDULE_ENTRY (self), NULL);

  local = co_schedule_time_format_iso (self->at, display);
  json_builder_begin_object (builder);
  _co_draft_json_add_int (builder, "draft_id", self->draft_id);
  _co_draft_json_add_string (builder, "title", self->draft_title);
  _co_draft_json_add_string (builder, "stage", co_draft_stage_to_string (self->draft_stage));
  _co_draft_json_add_string (builder, "platform", co_platform_to_string (self->platform));
  _co_draft_json_add_time (builder, "at", self->at);
  _co_draft_json_add_string (builder, "local", local);
  _co_draft_json_add_string (builder, "display_zone", g_time_zone_get_identifier (display));
  _co_draft_json_add_string (builder, "zone", self->zone);
  _co_draft_json_add_time (builder, "published_at", self->published_at);
  json_builder_set_member_name (builder, "unwatched");
  json_builder_add_boolean_value (builder, self->unwatched);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
