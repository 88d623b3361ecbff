/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What one run of creatorops-cli left: its exit code (minus the signal if
 * one ended it), its standard output and error, and the output as JSON
 * once co_test_cli_assert_json() has parsed it. */
typedef struct
{
  int       status;
  char     *out;
  char     *err;
  JsonNode *json;
} CoCliRun;

void co_cli_run_free (CoCliRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCliRun, co_cli_run_free)

/* How a run is started: the library (as --data-dir, or in
 * CREATOROPS_DATA_DIR with @data_dir_in_env), and optionally a working
 * folder and one "NAME=value" variable. */
typedef struct
{
  const char *data_dir;
  gboolean    data_dir_in_env;
  const char *cwd;
  const char *env;
} CoCliOptions;

GSubprocess *co_test_cli_spawn              (const CoCliOptions  *options,
                                             GSubprocessFlags     flags,
                                             const char * const  *args);
CoCliRun    *co_test_cli_finish             (GSubprocess         *process,
                                             const char          *input);
CoCliRun    *co_test_cli_runv               (const CoCliOptions  *options,
                                             const char          *input,
                                             const char          *first,
                                             va_list              list);
CoCliRun    *co_test_cli_run_in             (const char          *data_dir,
                                             const char          *env,
                                             const char          *first,
                                             ...) G_GNUC_NULL_TERMINATED;
void         co_test_cli_assert_exit        (CoCliRun            *run,
                                             int                  expected);
JsonNode    *co_test_cli_assert_json        (CoCliRun            *run,
                                             int                  expected);
void         co_test_cli_assert_error_names (CoCliRun            *run,
                                             const char          *input);

G_END_DECLS
