/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "co-account-error.h"
#include "co-cli-error-enums.h"
#include "co-cli.h"
#include "co-csv-error.h"
#include "co-date.h"
#include "co-draft-error.h"
#include "co-duration.h"
#include "co-error.h"
#include "co-export-error.h"
#include "co-file.h"
#include "co-media-error.h"
#include "co-outbox-error.h"
#include "co-platform.h"
#include "co-probe.h"
#include "co-trends-error.h"
#include "co-speech-error.h"
#include "co-store-error.h"
#include "co-subtitle-error.h"
#include "co-sync-error.h"
#include "co-vault-error.h"
#include "co-schedule-error.h"
#include "co-mirror-error.h"
#include "co-analytics-error.h"
#include "co-idea-error.h"
#include "co-workflow-error.h"
#include "co-deal-error.h"

CO_DEFINE_ERROR_QUARK (co-cli-error-quark, co_cli_error, CO_TYPE_CLI_ERROR)

/* A rule with this code matches every code of its domain. */
#define ANY_CODE (-1)

typedef struct
{
  GQuark    (*domain) (void);
  int         code;
  CoCliExit   exit;
} ExitRule;

/* The one place that turns an error into an exit code.  Rules are read from
 * the top and the first match wins, so specific codes come before the
 * catch-all of their domain.  Every domain of CreatorOps has a rule (the
 * tests check it); anything else exits with 1. */
static const ExitRule exit_rules[] = {
  { g_io_error_quark, G_IO_ERROR_CANCELLED, CO_CLI_EXIT_CANCELLED },
  { g_io_error_quark, G_IO_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { g_file_error_quark, G_FILE_ERROR_NOENT, CO_CLI_EXIT_NOT_FOUND },
  { g_option_error_quark, ANY_CODE, CO_CLI_EXIT_USAGE },
  { co_cli_error_quark, CO_CLI_ERROR_USAGE, CO_CLI_EXIT_USAGE },
  { co_cli_error_quark, CO_CLI_ERROR_DAMAGED, CO_CLI_EXIT_DATABASE },
  { co_cli_error_quark, CO_CLI_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_cli_error_quark, CO_CLI_ERROR_EXISTS, CO_CLI_EXIT_EXISTS },
  { co_file_error_quark, CO_FILE_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_file_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_store_error_quark, CO_STORE_ERROR_QUOTA, CO_CLI_EXIT_QUOTA },
  { co_store_error_quark, ANY_CODE, CO_CLI_EXIT_DATABASE },
  { co_vault_error_quark, CO_VAULT_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_vault_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_media_error_quark, CO_MEDIA_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_media_error_quark, CO_MEDIA_ERROR_MISSING_PLUGIN, CO_CLI_EXIT_FAILED },
  { co_media_error_quark, CO_MEDIA_ERROR_FAILED, CO_CLI_EXIT_FAILED },
  { co_media_error_quark, CO_MEDIA_ERROR_SPEECH_MODEL, CO_CLI_EXIT_FAILED },
  { co_media_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_speech_error_quark, ANY_CODE, CO_CLI_EXIT_FAILED },
  { co_export_error_quark, CO_EXPORT_ERROR_EXISTS, CO_CLI_EXIT_EXISTS },
  { co_export_error_quark, CO_EXPORT_ERROR_IO, CO_CLI_EXIT_FAILED },
  { co_export_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_subtitle_error_quark, CO_SUBTITLE_ERROR_DAMAGED, CO_CLI_EXIT_FAILED },
  { co_subtitle_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_platform_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_sync_error_quark, CO_SYNC_ERROR_AUTH, CO_CLI_EXIT_AUTH },
  { co_sync_error_quark, CO_SYNC_ERROR_OAUTH, CO_CLI_EXIT_AUTH },
  { co_sync_error_quark, CO_SYNC_ERROR_REJECTED, CO_CLI_EXIT_INVALID },
  { co_sync_error_quark, CO_SYNC_ERROR_CONFIG, CO_CLI_EXIT_INVALID },
  { co_sync_error_quark, ANY_CODE, CO_CLI_EXIT_FAILED },
  { co_account_error_quark, CO_ACCOUNT_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_account_error_quark, CO_ACCOUNT_ERROR_NOT_CONNECTED, CO_CLI_EXIT_AUTH },
  { co_account_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_outbox_error_quark, CO_OUTBOX_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_outbox_error_quark, CO_OUTBOX_ERROR_BUSY, CO_CLI_EXIT_DATABASE },
  { co_outbox_error_quark, CO_OUTBOX_ERROR_UNSUPPORTED, CO_CLI_EXIT_FAILED },
  { co_outbox_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_draft_error_quark, CO_DRAFT_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_draft_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_schedule_error_quark, CO_SCHEDULE_ERROR_BAD_TIME, CO_CLI_EXIT_USAGE },
  { co_schedule_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_mirror_error_quark, CO_MIRROR_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_mirror_error_quark, CO_MIRROR_ERROR_BAD_URL, CO_CLI_EXIT_INVALID },
  { co_mirror_error_quark, CO_MIRROR_ERROR_BAD_CREDENTIALS, CO_CLI_EXIT_INVALID },
  { co_mirror_error_quark, CO_MIRROR_ERROR_INVALID_DOCUMENT, CO_CLI_EXIT_INVALID },
  { co_mirror_error_quark, CO_MIRROR_ERROR_RESTORE_REFUSED, CO_CLI_EXIT_INVALID },
  { co_mirror_error_quark, CO_MIRROR_ERROR_DIGEST_MISMATCH, CO_CLI_EXIT_INVALID },
  { co_mirror_error_quark, ANY_CODE, CO_CLI_EXIT_FAILED },
  { co_analytics_error_quark, CO_ANALYTICS_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_analytics_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_idea_error_quark, CO_IDEA_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_idea_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_workflow_error_quark, CO_WORKFLOW_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_workflow_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_deal_error_quark, CO_DEAL_ERROR_NOT_FOUND, CO_CLI_EXIT_NOT_FOUND },
  { co_deal_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_csv_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
  { co_trends_error_quark, ANY_CODE, CO_CLI_EXIT_INVALID },
};

/* What each exit code means, for --help.  Written from the enum values so
 * that the documentation always shows the numbers the program returns. */
static const struct
{
  CoCliExit   code;
  const char *meaning;
} exit_docs[] = {
  { CO_CLI_EXIT_OK, N_("success") },
  { CO_CLI_EXIT_FAILED, N_("other failure") },
  { CO_CLI_EXIT_USAGE, N_("usage error: unknown command or option, bad argument format") },
  { CO_CLI_EXIT_NOT_FOUND, N_("not found: unknown item id, draft, schedule entry, asset, "
                              "account, outbox operation, conflict copy, post metrics, idea, "
                              "workflow, deal or payment milestone, missing file") },
  { CO_CLI_EXIT_INVALID, N_("invalid or unsupported input: file type, damaged or truncated "
                            "media, address, tag, search without words, item in the wrong "
                            "state, malformed subtitles, unknown platform, empty text; "
                            "“subtitles check” found a rule broken; “text count” found a post "
                            "the platform would refuse; a draft move refused or a draft "
                            "incomplete for its stage, a published draft edited, a time in "
                            "the past, taken or nonexistent, an unknown time zone; a token "
                            "that is not usable, an outbox operation in the wrong state, "
                            "a post the service refused; a sync server address or "
                            "credentials malformed, a document from the server that does not "
                            "match its type, a conflict copy that cannot be restored; a date "
                            "range that ends before it starts, an idea without a title; a workflow "
                            "definition refused, a decision by someone who is not an approver "
                            "or on a gate that does not wait; an amount or currency a deal "
                            "cannot hold, milestones above a deal's amount") },
  { CO_CLI_EXIT_DATABASE, N_("database error: damaged, too new, busy, disk or I/O failure, "
                             "stored files failing verification") },
  { CO_CLI_EXIT_PARTIAL, N_("some inputs of a batch failed, the others succeeded") },
  { CO_CLI_EXIT_QUOTA, N_("storage quota exceeded") },
  { CO_CLI_EXIT_EXISTS, N_("an output file exists; nothing was written (use --force)") },
  { CO_CLI_EXIT_AUTH, N_("an account must be connected or connected again") },
  { CO_CLI_EXIT_CANCELLED, N_("cancelled with Ctrl+C; finished work is kept") },
};

struct _CoCliTable
{
  guint      n_columns;
  GPtrArray *rows;
};

static gboolean
stderr_shows_progress (CoCli *cli)
{
  return !cli->json && isatty (STDERR_FILENO);
}

static GOptionContext *
new_option_context (CoCli *cli)
{
  const CoCliCommand *command = cli->command;
  GOptionContext *context = g_option_context_new (command->parameters);
  g_autofree char *description = NULL;

  description = co_cli_dup_exit_help ();
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_description (context, description);
  /* GOption's own --help calls exit(), which would skip the cleanup of the
   * worker thread; a plain entry lets the command return instead. */
  g_option_context_set_help_enabled (context, FALSE);
  return context;
}

/**
 * co_cli_new:
 * @command: the command to run
 * @job: the job that carries progress and the cancellable
 * @args: (transfer full): the command's name, then its arguments
 *
 * Returns: (transfer full): the state of the run
 */
CoCli *
co_cli_new (const CoCliCommand  *command,
            CoJob               *job,
            char               **args)
{
  CoCli *cli = g_new0 (CoCli, 1);

  cli->command = command;
  cli->job = g_object_ref (job);
  cli->args = args;
  return cli;
}

/**
 * co_cli_free:
 * @cli: (transfer full): the state of a run
 */
void
co_cli_free (CoCli *cli)
{
  g_clear_object (&cli->vault);
  g_clear_object (&cli->job);
  g_clear_pointer (&cli->data_dir, g_free);
  g_clear_pointer (&cli->args, g_strfreev);
  g_free (cli);
}

/**
 * co_cli_dup_exit_help:
 *
 * Returns: (transfer full): the "Exit status" section of every --help text
 */
char *
co_cli_dup_exit_help (void)
{
  GString *text = g_string_new (_("Exit status:"));

  g_string_append_c (text, '\n');
  for (gsize i = 0; i < G_N_ELEMENTS (exit_docs); i++)
    g_string_append_printf (text, "  %-5d%s\n", exit_docs[i].code, _(exit_docs[i].meaning));
  g_string_append_c (text, '\n');
  g_string_append (text, _("With --json, results go to standard output as JSON; messages and "
                           "errors go to standard error as text, and a failed command also "
                           "prints {\"error\": {domain, code, message, suggestion}}."));
  g_string_append_c (text, '\n');
  return g_string_free (text, FALSE);
}

/**
 * co_cli_dup_common_help:
 *
 * Returns: (transfer full): the options every command takes, for the
 *   top-level and group help
 */
char *
co_cli_dup_common_help (void)
{
  return g_strdup_printf ("%s\n  --json            %s\n  --data-dir=DIR    %s\n"
                          "  -h, --help        %s\n",
                          _("Options every command takes:"),
                          _("Print machine-readable JSON on standard output"),
                          _("Use the library in DIR (default: $CREATOROPS_DATA_DIR, "
                            "else $XDG_DATA_HOME/creatorops)"),
                          _("Show the command's help"));
}

/**
 * co_cli_parse:
 * @cli: the state of the run
 * @entries: (nullable): the command's own options, ended by %G_OPTION_ENTRY_NULL
 * @out_exit: (out): the exit code when %FALSE is returned
 *
 * Parses the command's options together with the ones every command takes
 * (`--json`, `--data-dir`, `--help`).  Options may come before, between or
 * after the positional arguments; `--` ends the options, so a note may start
 * with a dash.  Afterwards co_cli_get_args() gives the positional arguments.
 *
 * Returns: %TRUE to go on; %FALSE when the command is finished (help was
 *   shown, or the command line is wrong and the error was reported)
 */
gboolean
co_cli_parse (CoCli              *cli,
              const GOptionEntry *entries,
              int                *out_exit)
{
  g_autoptr(GOptionContext) context = new_option_context (cli);
  g_autoptr(GError) error = NULL;
  gboolean help = FALSE;
  const GOptionEntry common[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print machine-readable JSON on standard output"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &cli->data_dir,
      N_("Use the library in DIR"), N_("DIR") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);

  /* The strv variant frees the arguments it removes. */
  if (!g_option_context_parse_strv (context, &cli->args, &error))
    {
      *out_exit = co_cli_fail (cli, error);
      return FALSE;
    }
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", text);
      *out_exit = CO_CLI_EXIT_OK;
      return FALSE;
    }
  return TRUE;
}

/**
 * co_cli_get_args:
 * @cli: the state of the run
 * @n_args: (out): how many positional arguments there are
 *
 * Returns: (transfer none): the positional arguments, %NULL-terminated
 */
const char **
co_cli_get_args (CoCli *cli,
                 guint *n_args)
{
  *n_args = g_strv_length (cli->args) - 1;
  return (const char **)cli->args + 1;
}

/**
 * co_cli_usage:
 * @cli: the state of the run
 * @format: a printf() format for the problem
 * @...: its arguments
 *
 * Reports a command line that cannot be understood.
 *
 * Returns: %CO_CLI_EXIT_USAGE
 */
int
co_cli_usage (CoCli      *cli,
              const char *format,
              ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (CO_CLI_ERROR, CO_CLI_ERROR_USAGE, message);
  return co_cli_fail (cli, error);
}

/**
 * co_cli_open_vault:
 * @cli: the state of the run
 * @out_exit: (out): the exit code when %NULL is returned
 *
 * Opens the library named by `--data-dir` (or the default one).  A damaged
 * database is reported, with its path, and left untouched.
 *
 * Returns: (transfer none) (nullable): the vault, or %NULL after reporting
 */
CoVault *
co_cli_open_vault (CoCli *cli,
                   int   *out_exit)
{
  g_autoptr(CoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->vault != NULL)
    return cli->vault;

  store = co_store_new (cli->data_dir, co_cli_get_cancellable (cli), &error);
  if (store == NULL)
    {
      *out_exit = co_cli_fail (cli, error);
      return NULL;
    }
  cli->vault = co_vault_new (store);
  return cli->vault;
}

/**
 * co_cli_get_cancellable:
 * @cli: the state of the run
 *
 * Returns: (transfer none): the cancellable that Ctrl+C triggers
 */
GCancellable *
co_cli_get_cancellable (CoCli *cli)
{
  return co_job_get_cancellable (cli->job);
}

/**
 * co_cli_read_stdin:
 * @cli: the state of the run
 * @error: return location for a #GError
 *
 * Reads all of standard input, for commands that take `-` for their text,
 * through the bounded reader (co_file_read_stream()): at most
 * %CO_PROBE_MAX_NOTE_SIZE, the limit of a note read from a file, so an
 * endless input stops there; and only text, since a NUL byte would cut it
 * short without a word.  The read waits on the job's cancellable too, so
 * Ctrl+C stops it cleanly even while nothing arrives.
 *
 * Returns: (transfer full): what was read, possibly empty, or %NULL with
 *   @error set: %CO_FILE_ERROR_TOO_LARGE, %CO_FILE_ERROR_NOT_TEXT,
 *   %CO_FILE_ERROR_UNREADABLE or %G_IO_ERROR_CANCELLED
 */
char *
co_cli_read_stdin (CoCli   *cli,
                   GError **error)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  const char *name = _("standard input");
  g_autofree char *text = NULL;
  gsize len = 0;

  text = co_file_read_stream (input, name, CO_PROBE_MAX_NOTE_SIZE, &len,
                              co_cli_get_cancellable (cli), error);
  /* Ctrl+C just as the input ends still means "stop". */
  if (text == NULL || g_cancellable_set_error_if_cancelled (co_cli_get_cancellable (cli), error) ||
      !co_file_check_text (name, text, len, error))
    return NULL;
  return g_steal_pointer (&text);
}

/**
 * co_cli_progress:
 * @cli: the state of the run
 * @fraction: the share done, 0 to 1
 * @message: (nullable): what is being done
 *
 * Reports progress from the worker; the main thread draws it on standard
 * error when that is a terminal and JSON was not asked for.  The message is
 * escaped (co_cli_escape()), as it usually names a file.
 */
void
co_cli_progress (CoCli      *cli,
                 double      fraction,
                 const char *message)
{
  g_autofree char *shown = message != NULL ? co_cli_escape (message) : NULL;

  co_job_set_progress (cli->job, fraction, shown);
}

/**
 * co_cli_progress_cb:
 * @fraction: the share of the command done
 * @message: (nullable): what is being done, or %NULL to keep the last message
 * @cli: the state of the run
 *
 * co_cli_progress() as a #CoProgressFunc, for a #CoProgressSpan of a command.
 */
void
co_cli_progress_cb (double      fraction,
                    const char *message,
                    gpointer    cli)
{
  co_cli_progress (cli, fraction, message);
}

/**
 * co_cli_clear_progress:
 * @cli: the state of the run
 *
 * Erases the progress line, if one is drawn, so that a line printed next
 * does not run into it when standard output is the same terminal.
 */
void
co_cli_clear_progress (CoCli *cli)
{
  if (stderr_shows_progress (cli))
    g_printerr ("\r\033[K");
}

/**
 * co_cli_exit_for_error:
 * @error: an error from any layer
 *
 * Returns: the #CoCliExit for @error
 */
static const ExitRule *
find_exit_rule (const GError *error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (exit_rules); i++)
    {
      const ExitRule *rule = &exit_rules[i];

      if (error->domain == rule->domain () && (rule->code == ANY_CODE || rule->code == error->code))
        return rule;
    }
  return NULL;
}

int
co_cli_exit_for_error (const GError *error)
{
  const ExitRule *rule = find_exit_rule (error);

  return rule != NULL ? rule->exit : CO_CLI_EXIT_FAILED;
}

/**
 * co_cli_exit_rule_exists:
 * @error: an error
 *
 * Returns: whether a rule of the exit table names @error, rather than the
 *   fallback of exit status 1
 */
gboolean
co_cli_exit_rule_exists (const GError *error)
{
  return find_exit_rule (error) != NULL;
}

/**
 * co_cli_list_error_domains:
 *
 * Gets the domains of the exit table, registering each of CreatorOps' with
 * co_error_register_domain() on the way.
 *
 * Returns: (transfer full) (element-type GQuark): the domains, without
 *   repeats
 */
GArray *
co_cli_list_error_domains (void)
{
  GArray *domains = g_array_new (FALSE, FALSE, sizeof (GQuark));

  for (gsize i = 0; i < G_N_ELEMENTS (exit_rules); i++)
    {
      GQuark domain = exit_rules[i].domain ();
      gboolean seen = FALSE;

      for (guint j = 0; j < domains->len && !seen; j++)
        seen = g_array_index (domains, GQuark, j) == domain;
      if (!seen)
        g_array_append_val (domains, domain);
    }
  return domains;
}

/* With `--json`, a batch's results go out as each input is done: one input
 * gives its object (or `{"error": …}` like any failed command), several give
 * an array, one element an input, opened at the first. */
static CoJsonWriter *
tally_begin (CoCliTally *tally)
{
  if (tally->out == NULL)
    return NULL;
  if (tally->n_inputs > 1 && tally->n_ok + tally->n_failed == 0)
    co_json_writer_begin_array (tally->out);
  return tally->out;
}

/**
 * co_cli_tally_start:
 * @tally: (out caller-allocates): the batch's outcome
 * @cli: the state of the run
 * @n_inputs: how many inputs the batch has
 *
 * Starts counting; with `--json` the results are printed as they come.
 * Finish with co_cli_tally_finish() or co_cli_tally_cancel().
 */
void
co_cli_tally_start (CoCliTally *tally,
                    CoCli      *cli,
                    guint       n_inputs)
{
  *tally = (CoCliTally) { NULL, n_inputs, 0, 0, CO_CLI_EXIT_OK };
  if (cli->json)
    tally->out = co_cli_json_writer_new ();
}

/**
 * co_cli_tally_ok_write:
 * @tally: the batch's outcome
 * @write: (scope call): writes the input's result, one JSON value
 * @data: for @write
 *
 * Counts an input that succeeded; with `--json`, @write prints its result.
 */
void
co_cli_tally_ok_write (CoCliTally         *tally,
                       CoCliTallyWriteFunc write,
                       gpointer            data)
{
  CoJsonWriter *out = tally_begin (tally);

  tally->n_ok++;
  if (out == NULL)
    return;
  write (out, data);
  co_json_writer_flush (out);
}

static void
write_node (CoJsonWriter *out,
            gpointer      node)
{
  co_json_writer_node (out, node);
}

/**
 * co_cli_tally_ok:
 * @tally: the batch's outcome
 * @result: (transfer full): the input's JSON object
 *
 * Counts an input that succeeded, with its result.
 */
void
co_cli_tally_ok (CoCliTally *tally,
                 JsonNode   *result)
{
  g_autoptr(JsonNode) node = result;

  co_cli_tally_ok_write (tally, write_node, node);
}

/**
 * co_cli_tally_fail:
 * @cli: the state of the run
 * @tally: the batch's outcome
 * @path: the input that failed
 * @output: (nullable): what it was to be written to
 * @error: why
 *
 * Reports the failure on standard error and counts it; with `--json` it
 * prints `{file, output, error}`, or `{error}` when it was the only input.
 */
void
co_cli_tally_fail (CoCli        *cli,
                   CoCliTally   *tally,
                   const char   *path,
                   const char   *output,
                   const GError *error)
{
  CoJsonWriter *out = tally_begin (tally);
  g_autoptr(JsonNode) reason = NULL;

  co_cli_report (cli, error);
  if (tally->n_failed++ == 0)
    tally->first_failure = co_cli_exit_for_error (error);
  if (out == NULL)
    return;

  reason = co_cli_error_to_json (error);
  co_json_writer_begin_object (out);
  if (tally->n_inputs > 1)
    {
      co_json_writer_member (out, "file");
      co_json_writer_string (out, path);
      if (output != NULL)
        {
          co_json_writer_member (out, "output");
          co_json_writer_string (out, output);
        }
    }
  co_json_writer_member (out, "error");
  co_json_writer_node (out, reason);
  co_json_writer_end_object (out);
  co_json_writer_flush (out);
}

/* Closes what was printed. */
static void
tally_close (CoCliTally *tally)
{
  if (tally->out == NULL)
    return;
  if (tally->n_ok + tally->n_failed > 0)
    {
      if (tally->n_inputs > 1)
        co_json_writer_end_array (tally->out);
      co_json_writer_flush (tally->out);
      g_print ("\n");
    }
  g_clear_pointer (&tally->out, co_json_writer_free);
}

/**
 * co_cli_tally_finish:
 * @cli: the state of the run
 * @tally: the batch's outcome
 *
 * Closes the `--json` results.
 *
 * Returns: the batch's exit code
 */
int
co_cli_tally_finish (CoCli      *cli,
                     CoCliTally *tally)
{
  tally_close (tally);
  return co_cli_batch_exit (tally->n_ok, tally->n_failed, tally->first_failure);
}

/**
 * co_cli_tally_cancel:
 * @tally: the batch's outcome
 *
 * Closes the `--json` results of the inputs done before the batch was
 * cancelled, so that what was printed is still a whole document.
 *
 * Returns: %CO_CLI_EXIT_CANCELLED
 */
int
co_cli_tally_cancel (CoCliTally *tally)
{
  tally_close (tally);
  return CO_CLI_EXIT_CANCELLED;
}

/**
 * co_cli_batch_exit:
 * @n_ok: inputs that succeeded
 * @n_failed: inputs that failed
 * @first_failure: the exit code of the first failure
 *
 * A batch that partly failed exits with %CO_CLI_EXIT_PARTIAL; one that
 * wholly failed exits as its first failure did, so that importing a single
 * bad file gives the same code as any other command with bad input.
 *
 * Returns: the exit code of the batch
 */
int
co_cli_batch_exit (guint n_ok,
                   guint n_failed,
                   int   first_failure)
{
  if (n_failed == 0)
    return CO_CLI_EXIT_OK;
  return n_ok > 0 ? CO_CLI_EXIT_PARTIAL : first_failure;
}

static char *
dup_suggestion (const GError *error)
{
  const char *suggestion;

  if (g_error_matches (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE) ||
      error->domain == G_OPTION_ERROR)
    return g_strdup_printf (_("Run “%s --help” for usage."), g_get_prgname ());

  suggestion = co_error_get_suggestion (error);
  return g_strdup (suggestion);
}

/* Appends @text with every control character (C0, DEL and C1, newlines and
 * escape sequences included) and every byte that is not UTF-8 written out
 * as \n, \t, \r, \xNN or \uNNNN.  With @keep_lines, newlines and tabs
 * stay as they are. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    keep_lines)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next = g_utf8_next_char (p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02x", (guint8)*p);
          p++;
          continue;
        }
      if (keep_lines && (c == '\n' || c == '\t'))
        g_string_append_c (out, (char)c);
      else if (c == '\n' || c == '\t' || c == '\r')
        g_string_append (out, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c < 0xa0)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
}

/**
 * co_cli_escape:
 * @text: (nullable): text that came from outside: a file name, a title, a
 *   message naming a file
 *
 * The one escaping of the text output (JSON is escaped by its writer):
 * newlines, tabs, escape sequences and other control characters, and bytes
 * that are not UTF-8, are written out (\n, \t, \x1b…), so that a file
 * name can neither break a line of output in two nor move the cursor or
 * change the terminal's colours.  Printable text, backslashes included, is
 * left as it is.
 *
 * Returns: (transfer full): the text, safe to print on one line; "" for %NULL
 */
char *
co_cli_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text != NULL)
    append_escaped (out, text, FALSE);
  return g_string_free (out, FALSE);
}

/**
 * co_cli_escape_lines:
 * @text: (nullable): text of several lines, such as a note's body
 *
 * Like co_cli_escape(), but newlines and tabs are kept.
 *
 * Returns: (transfer full): the text, safe to print; "" for %NULL
 */
char *
co_cli_escape_lines (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text != NULL)
    append_escaped (out, text, TRUE);
  return g_string_free (out, FALSE);
}

/**
 * co_cli_report:
 * @cli: the state of the run
 * @error: the error
 *
 * Writes @error and what to do about it to standard error.  Cancellation is
 * not an error and is not shown.
 */
void
co_cli_report (CoCli        *cli,
               const GError *error)
{
  g_autofree char *suggestion = NULL;
  g_autofree char *message = NULL;

  if (co_error_is_cancelled (error))
    return;

  co_cli_clear_progress (cli);
  message = co_cli_escape (error->message);
  g_printerr ("%s: %s\n", g_get_prgname (), message);
  suggestion = dup_suggestion (error);
  if (suggestion != NULL)
    g_printerr ("  %s\n", suggestion);
}

/**
 * co_cli_error_to_json:
 * @error: the error
 *
 * Returns: (transfer full): `{domain, code, message, suggestion}`
 */
JsonNode *
co_cli_error_to_json (const GError *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *suggestion = dup_suggestion (error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, g_quark_to_string (error->domain));
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, error->code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_set_member_name (builder, "suggestion");
  if (suggestion != NULL)
    json_builder_add_string_value (builder, suggestion);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * co_cli_fail:
 * @cli: the state of the run
 * @error: why the command failed
 *
 * Reports the failure of a whole command: text on standard error and, with
 * `--json`, `{"error": …}` on standard output so that a script always has
 * JSON to read.
 *
 * Returns: the exit code for @error
 */
int
co_cli_fail (CoCli        *cli,
             const GError *error)
{
  co_cli_report (cli, error);
  if (cli->json && !co_error_is_cancelled (error))
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

      json_object_set_member (json_node_get_object (root), "error", co_cli_error_to_json (error));
      co_cli_print_json (root);
    }
  return co_cli_exit_for_error (error);
}

/**
 * co_cli_json_take_object:
 * @object: (transfer full): an object
 *
 * json_node_init_object() adds a reference; this hands the caller's over.
 *
 * Returns: (transfer full): a node holding @object
 */
JsonNode *
co_cli_json_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/**
 * co_cli_json_take_array:
 * @array: (transfer full): an array
 *
 * Returns: (transfer full): a node holding @array
 */
JsonNode *
co_cli_json_take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

/**
 * co_cli_parse_id:
 * @text: an item id, optionally written `#12`
 * @out_id: (out): the id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @text is a positive number, else %FALSE with
 *   %CO_CLI_ERROR_USAGE naming it
 */
gboolean
co_cli_parse_id (const char  *text,
                 gint64      *out_id,
                 GError     **error)
{
  const char *digits = text[0] == '#' ? text + 1 : text;
  guint64 value;

  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE,
                   _("“%s” is not an item id: use a positive number such as 12"), text);
      return FALSE;
    }
  *out_id = (gint64)value;
  return TRUE;
}

/**
 * co_cli_parse_date:
 * @text: `YYYY-MM-DD` (local midnight) or a full ISO 8601 date and time
 * @out_usec: (out): the time in microseconds since 1970, UTC
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, else %FALSE with %CO_CLI_ERROR_USAGE naming @text
 */
gboolean
co_cli_parse_date (const char  *text,
                   gint64      *out_usec,
                   GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  if (!co_date_parse_usec (text, local, out_usec))
    {
      g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE,
                   _("“%s” is not a date: use YYYY-MM-DD or ISO 8601 such as "
                     "2024-05-01T14:30:00+02:00"),
                   text);
      return FALSE;
    }
  return TRUE;
}

static gint64
unit_factor (const char *unit)
{
  static const struct
  {
    const char *names[3];
    gint64      factor;
  } units[] = {
    { { "", "B", NULL }, 1 },
    { { "K", "KB", "KiB" }, G_GINT64_CONSTANT (1) << 10 },
    { { "M", "MB", "MiB" }, G_GINT64_CONSTANT (1) << 20 },
    { { "G", "GB", "GiB" }, G_GINT64_CONSTANT (1) << 30 },
    { { "T", "TB", "TiB" }, G_GINT64_CONSTANT (1) << 40 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
    {
      for (gsize j = 0; j < G_N_ELEMENTS (units[i].names) && units[i].names[j] != NULL; j++)
        {
          if (g_ascii_strcasecmp (unit, units[i].names[j]) == 0)
            return units[i].factor;
        }
    }
  return 0;
}

/**
 * co_cli_parse_size:
 * @text: bytes, or a number with a binary unit: `50G`, `1.5 GiB`, `700M`
 * @out_bytes: (out): the size in bytes
 * @error: return location for a #GError
 *
 * Units are powers of 1024 whether written `G`, `GB` or `GiB`, because
 * quotas are about disk space, which tools report that way.
 *
 * Returns: %TRUE on success, else %FALSE with %CO_CLI_ERROR_USAGE naming @text
 */
gboolean
co_cli_parse_size (const char  *text,
                   gint64      *out_bytes,
                   GError     **error)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);
  gint64 factor;

  while (end != NULL && g_ascii_isspace (*end))
    end++;
  factor = (end != NULL && end != text) ? unit_factor (end) : 0;
  if (factor == 0 || !isfinite (value) || value < 0 || !g_ascii_isdigit (text[0]) ||
      value * factor >= (double)G_MAXINT64)
    {
      g_set_error (error, CO_CLI_ERROR, CO_CLI_ERROR_USAGE,
                   _("“%s” is not a size: use bytes or a number with K, M, G or T, such as 50G"),
                   text);
      return FALSE;
    }
  *out_bytes = (gint64)(value * factor);
  return TRUE;
}

/**
 * co_cli_format_duration:
 * @seconds: a duration, or a negative number for none
 *
 * Returns: (transfer full): `h:mm:ss`, or an empty string for no duration
 */
char *
co_cli_format_duration (double seconds)
{
  char *text = co_duration_format (seconds, CO_DURATION_FORMAT_HOURS);

  return text != NULL ? text : g_strdup ("");
}

/**
 * co_cli_format_time:
 * @usec: microseconds since 1970, UTC, or 0
 *
 * Returns: (transfer full): the local date and time, or an empty string for 0
 */
char *
co_cli_format_time (gint64 usec)
{
  g_autoptr(GDateTime) time = NULL;

  if (usec == 0)
    return g_strdup ("");
  time = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/* Cells are escaped (co_cli_escape()): a title or a file name must not
 * break a row in two. */
static GStrv
collect_cells (const char *first,
               va_list     args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    {
      g_autofree char *shown = co_cli_escape (cell);

      g_strv_builder_add (builder, shown);
    }
  return g_strv_builder_end (builder);
}

/**
 * co_cli_table_new:
 * @first_header: the first column's title
 * @...: more titles, then %NULL
 *
 * Returns: (transfer full): a table that prints with aligned columns
 */
CoCliTable *
co_cli_table_new (const char *first_header,
                  ...)
{
  CoCliTable *table = g_new0 (CoCliTable, 1);
  GStrv header;
  va_list args;

  va_start (args, first_header);
  header = collect_cells (first_header, args);
  va_end (args);

  table->n_columns = g_strv_length (header);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_ptr_array_add (table->rows, header);
  return table;
}

/**
 * co_cli_table_add_row:
 * @table: a table
 * @first_cell: the first column's text
 * @...: the other columns' text, then %NULL
 */
void
co_cli_table_add_row (CoCliTable *table,
                      const char *first_cell,
                      ...)
{
  GStrv row;
  va_list args;

  va_start (args, first_cell);
  row = collect_cells (first_cell, args);
  va_end (args);

  g_assert (g_strv_length (row) == table->n_columns);
  g_ptr_array_add (table->rows, row);
}

/**
 * co_cli_table_print:
 * @table: a table
 *
 * Prints the table on standard output, columns padded to their widest cell
 * (counted in characters, so accented titles line up).
 */
void
co_cli_table_print (CoCliTable *table)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv row = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < table->n_columns)
            for (glong pad = g_utf8_strlen (row[c], -1); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

/**
 * co_cli_table_free:
 * @table: (transfer full): a table
 */
void
co_cli_table_free (CoCliTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}
