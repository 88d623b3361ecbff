/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include "co-draft-json.h"

void
_co_draft_json_add_string (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_co_draft_json_add_int (JsonBuilder *builder,
                        const char  *name,
                        gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* ISO 8601 in UTC with the seconds, or NULL for 0. */
char *
_co_draft_json_format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

void
_co_draft_json_add_time (JsonBuilder *builder,
                         const char  *name,
                         gint64       usec)
{
  g_autofree char *text = _co_draft_json_format_time (usec);

  _co_draft_json_add_string (builder, name, text);
}

/* "2027-03-28 03:30 CEST": a time for a message, in the zone it was entered
 * in (UTC when that zone is unknown here). */
char *
_co_draft_format_local (gint64      usec,
                        const char *zone_id)
{
  g_autoptr(GTimeZone) zone = zone_id != NULL ? g_time_zone_new_identifier (zone_id) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}
