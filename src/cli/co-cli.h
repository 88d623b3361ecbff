/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "co-cli-error.h"
#include "co-cli-exit.h"
#include "co-error.h"
#include "co-job.h"
#include "co-json-write.h"
#include "co-vault.h"

G_BEGIN_DECLS

typedef struct _CoCli CoCli;

typedef int (*CoCliRunFunc) (CoCli *cli);

/**
 * CoCliCommand:
 * @group: the command group ("vault", "assets")
 * @name: the command ("import")
 * @parameters: the positional arguments for the usage line ("PATH…"), or %NULL
 * @summary: one line that says what the command does
 * @run: parses the command's options with co_cli_parse(), does the work and
 *   returns a #CoCliExit
 */
typedef struct
{
  const char   *group;
  const char   *name;
  const char   *parameters;
  const char   *summary;
  CoCliRunFunc  run;
} CoCliCommand;

/**
 * CoCli:
 * @command: the command being run
 * @json: %TRUE when `--json` was given
 * @data_dir: (nullable): the `--data-dir` value; %NULL means the default
 * @job: reports progress and carries the cancellable that Ctrl+C triggers
 * @vault: (nullable): the vault, once co_cli_open_vault() opened it
 * @args: the arguments: the command's name, then what follows it on the
 *   command line; after co_cli_parse() only the positional ones are left
 *
 * The state of one command-line run.  Commands run in a worker thread while
 * the main thread watches for Ctrl+C and draws progress from @job.
 */
struct _CoCli
{
  const CoCliCommand *command;
  gboolean            json;
  char               *data_dir;
  CoJob              *job;
  CoVault            *vault;
  char              **args;
};

CoCli        *co_cli_new                (const CoCliCommand  *command,
                                         CoJob               *job,
                                         char               **args);
void          co_cli_free               (CoCli               *cli);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCli, co_cli_free)

char         *co_cli_dup_exit_help      (void);
char         *co_cli_dup_common_help    (void);
gboolean      co_cli_parse              (CoCli               *cli,
                                         const GOptionEntry  *entries,
                                         int                 *out_exit);
const char  **co_cli_get_args           (CoCli               *cli,
                                         guint               *n_args);
int           co_cli_usage              (CoCli               *cli,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (2, 3);
CoVault      *co_cli_open_vault         (CoCli               *cli,
                                         int                 *out_exit);
GCancellable *co_cli_get_cancellable    (CoCli               *cli);
char         *co_cli_read_stdin         (CoCli               *cli,
                                         GError             **error);
void          co_cli_progress           (CoCli               *cli,
                                         double               fraction,
                                         const char          *message);
void          co_cli_clear_progress     (CoCli               *cli);

void          co_cli_progress_cb        (double               fraction,
                                         const char          *message,
                                         gpointer             cli);

int           co_cli_exit_for_error     (const GError        *error);
gboolean      co_cli_exit_rule_exists   (const GError        *error);
GArray       *co_cli_list_error_domains (void);
void          co_cli_report             (CoCli               *cli,
                                         const GError        *error);
int           co_cli_fail               (CoCli               *cli,
                                         const GError        *error);
/* The outcome of a command over several inputs: with `--json`, one JSON
 * value per input, in order, failed ones carrying `error`, printed as each
 * is done. */
typedef struct
{
  CoJsonWriter *out;
  guint         n_inputs;
  guint         n_ok;
  guint         n_failed;
  int           first_failure;
} CoCliTally;

/* Writes one input's result as the next value of @out. */
typedef void (*CoCliTallyWriteFunc) (CoJsonWriter *out,
                                     gpointer      data);

void          co_cli_tally_start        (CoCliTally          *tally,
                                         CoCli               *cli,
                                         guint                n_inputs);
void          co_cli_tally_ok           (CoCliTally          *tally,
                                         JsonNode            *result);
void          co_cli_tally_ok_write     (CoCliTally          *tally,
                                         CoCliTallyWriteFunc  write,
                                         gpointer             data);
void          co_cli_tally_fail         (CoCli               *cli,
                                         CoCliTally          *tally,
                                         const char          *path,
                                         const char          *output,
                                         const GError        *error);
int           co_cli_tally_finish       (CoCli               *cli,
                                         CoCliTally          *tally);
int           co_cli_tally_cancel       (CoCliTally          *tally);
int           co_cli_batch_exit         (guint                n_ok,
                                         guint                n_failed,
                                         int                  first_failure);
JsonNode     *co_cli_error_to_json      (const GError        *error);
void          co_cli_print_json         (JsonNode            *node);
CoJsonWriter *co_cli_json_writer_new    (void);
JsonNode     *co_cli_json_take_object   (JsonObject          *object);
JsonNode     *co_cli_json_take_array    (JsonArray           *array);

gboolean      co_cli_parse_id           (const char          *text,
                                         gint64              *out_id,
                                         GError             **error);
gboolean      co_cli_parse_date         (const char          *text,
                                         gint64              *out_usec,
                                         GError             **error);
gboolean      co_cli_parse_size         (const char          *text,
                                         gint64              *out_bytes,
                                         GError             **error);
char         *co_cli_format_duration    (double               seconds);
char         *co_cli_escape             (const char          *text);
char         *co_cli_escape_lines       (const char          *text);
char         *co_cli_format_time        (gint64               usec);

typedef struct _CoCliTable CoCliTable;

CoCliTable   *co_cli_table_new          (const char          *first_header,
                                         ...) G_GNUC_NULL_TERMINATED;
void          co_cli_table_add_row      (CoCliTable          *table,
                                         const char          *first_cell,
                                         ...) G_GNUC_NULL_TERMINATED;
void          co_cli_table_print        (CoCliTable          *table);
void          co_cli_table_free         (CoCliTable          *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoCliTable, co_cli_table_free)

G_END_DECLS
