/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CO_CLI_ERROR (co_cli_error_quark ())

/**
 * CoCliError:
 * @CO_CLI_ERROR_USAGE: the command line cannot be understood
 * @CO_CLI_ERROR_DAMAGED: stored files failed verification
 * @CO_CLI_ERROR_NOT_FOUND: a file named on the command line does not exist
 * @CO_CLI_ERROR_EXISTS: an output file exists and `--force` was not given
 *
 * Errors the command line makes itself, beside those of the layers below.
 */
typedef enum
{
  CO_CLI_ERROR_USAGE,
  CO_CLI_ERROR_DAMAGED,
  CO_CLI_ERROR_NOT_FOUND,
  CO_CLI_ERROR_EXISTS,
} CoCliError;

GQuark co_cli_error_quark (void);

G_END_DECLS
