/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of exports: timelines, timecodes and the files written for editors. */

#define CO_EXPORT_ERROR (co_export_error_quark ())

/**
 * CoExportError:
 * @CO_EXPORT_ERROR_INVALID: the timeline, rate or option cannot be exported
 * @CO_EXPORT_ERROR_PARSE: an input file (SRT, VTT, EDL…) is malformed
 * @CO_EXPORT_ERROR_EXISTS: the output exists and overwriting was not asked for
 * @CO_EXPORT_ERROR_IO: the output cannot be written
 */
typedef enum
{
  CO_EXPORT_ERROR_INVALID,
  CO_EXPORT_ERROR_PARSE,
  CO_EXPORT_ERROR_EXISTS,
  CO_EXPORT_ERROR_IO,
} CoExportError;

GQuark co_export_error_quark (void);

G_END_DECLS
