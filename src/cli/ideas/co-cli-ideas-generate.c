/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "co-cli-drafts.h"
#include "co-cli-ideas.h"
#include "co-cli-network.h"
#include "co-idea-context.h"
#include "co-idea-duplicates.h"
#include "co-idea-generator-choose.h"
#include "co-idea-generator-offline.h"
#include "co-ideas-refine.h"
#include "co-platform.h"
#include "co-sync-wait.h"

/*
 * ideas generate and refine.  generate asks the generator that
 * co_idea_generator_choose() picks (a language model when one is set up,
 * else the offline one) on a private main context, prints the text as it
 * streams in (text mode), then each suggestion with its near-duplicate
 * flag; --save keeps the suggestions as ideas.  refine turns a stored idea
 * into a Saved draft linked to its vault items.
 */

#define DEFAULT_COUNT 5
#define HASHTAG_LIMIT_KEY "instagram-hashtag-limit"

typedef struct
{
  char     **from;
  char      *platform;
  int        count;
  char      *endpoint;
  gboolean   save;
} GenerateOptions;

static void
generate_options_clear (GenerateOptions *options)
{
  g_strfreev (options->from);
  g_free (options->platform);
  g_free (options->endpoint);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GenerateOptions, generate_options_clear)

static CoStore *
open_store (CoCli *cli,
            int   *out_exit)
{
  CoVault *vault = co_cli_open_vault (cli, out_exit);

  return vault != NULL ? co_vault_get_store (vault) : NULL;
}

static gboolean
parse_from (CoCli   *cli,
            char   **from,
            GArray  *ids,
            int     *out_exit)
{
  for (guint i = 0; from != NULL && from[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id;

      if (!co_cli_parse_id (from[i], &id, &error))
        {
          *out_exit = co_cli_fail (cli, error);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }
  return TRUE;
}

static void
print_partial_cb (const char *text,
                  gpointer    user_data)
{
  (void) user_data;
  fputs (text, stdout);
  fflush (stdout);
}

static CoIdeaGenerator *
make_offline (void)
{
  CoIdeaGenerator *offline = co_idea_generator_offline_new ();
  int limit = co_cli_network_get_int_setting (HASHTAG_LIMIT_KEY, 0);

  co_idea_generator_offline_set_hashtag_limit (CO_IDEA_GENERATOR_OFFLINE (offline),
                                               CLAMP (limit, 0,
                                                      CO_PLATFORM_INSTAGRAM_HASHTAGS_MAX));
  return offline;
}

/* Asks the chosen generator and waits for its answer on a private context. */
static CoIdeaResult *
run_generator (CoCli          *cli,
               CoIdeaContext  *context,
               const char     *endpoint,
               GError        **error)
{
  g_autoptr(CoIdeaGenerator) offline = make_offline ();
  g_autoptr(CoIdeaGenerator) generator = NULL;
  g_autoptr(GAsyncResult) async = NULL;
  g_autofree char *why_offline = NULL;
  CoIdeaResult *result;
  CoSyncWait wait;

  generator = co_idea_generator_choose (offline, endpoint, &why_offline);
  co_sync_wait_begin (&wait);
  co_idea_generator_generate_async (generator, context, cli->json ? NULL : print_partial_cb,
                                    NULL, co_cli_get_cancellable (cli), co_sync_wait_cb, &wait);
  async = co_sync_wait_end (&wait);
  result = co_idea_generator_generate_finish (generator, async, error);
  if (result != NULL && result->fallback_reason == NULL && generator == offline)
    result->fallback_reason = g_steal_pointer (&why_offline);
  return result;
}

static JsonNode *
strv_to_json (char **strings)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_array_add_string_element (array, strings[i]);
  return co_cli_json_take_array (array);
}

static JsonNode *
suggestion_to_json (const CoIdeaSuggestion *suggestion,
                    gint64                  idea_id)
{
  JsonObject *object = json_object_new ();
  JsonArray *sources = json_array_new ();

  json_object_set_string_member (object, "title", suggestion->title);
  json_object_set_string_member (object, "hook", suggestion->hook);
  json_object_set_member (object, "outline", strv_to_json (suggestion->outline));
  json_object_set_member (object, "edits", strv_to_json (suggestion->edits));
  json_object_set_member (object, "hashtags", strv_to_json (suggestion->hashtags));
  for (guint i = 0; i < suggestion->source_ids->len; i++)
    json_array_add_int_element (sources, g_array_index (suggestion->source_ids, gint64, i));
  json_object_set_array_member (object, "sources", sources);
  if (suggestion->duplicate_of != 0)
    json_object_set_int_member (object, "duplicate_of", suggestion->duplicate_of);
  else
    json_object_set_null_member (object, "duplicate_of");
  json_object_set_string_member (object, "duplicate_reason", suggestion->duplicate_reason);
  if (idea_id != 0)
    json_object_set_int_member (object, "idea_id", idea_id);
  return co_cli_json_take_object (object);
}

static void
print_json (const CoIdeaResult *result,
            GArray             *saved)
{
  g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());
  JsonObject *object = json_node_get_object (root);
  JsonArray *suggestions = json_array_new ();

  json_object_set_string_member (object, "generator", result->generator);
  json_object_set_string_member (object, "fallback_reason", result->fallback_reason);
  for (guint i = 0; i < result->suggestions->len; i++)
    json_array_add_element (suggestions,
                            suggestion_to_json (g_ptr_array_index (result->suggestions, i),
                                                saved->len > i ? g_array_index (saved, gint64, i)
                                                               : 0));
  json_object_set_array_member (object, "suggestions", suggestions);
  co_cli_print_json (root);
}

static void
print_text (const CoIdeaResult *result,
            GArray             *saved)
{
  if (result->fallback_reason != NULL)
    g_print (_("Made by the %s generator: %s.\n"), result->generator, result->fallback_reason);
  else
    g_print (_("Made by the %s generator.\n"), result->generator);
  for (guint i = 0; i < result->suggestions->len; i++)
    {
      const CoIdeaSuggestion *suggestion = g_ptr_array_index (result->suggestions, i);

      g_print ("%u. %s\n", i + 1, suggestion->title);
      if (suggestion->duplicate_reason != NULL)
        g_print (_("   Near duplicate: %s\n"), suggestion->duplicate_reason);
      if (saved->len > i)
        g_print (_("   Saved as idea %lld\n"), (long long)g_array_index (saved, gint64, i));
    }
}

static gboolean
save_all (CoStore       *store,
          CoIdeaResult  *result,
          GArray        *saved,
          GError       **error)
{
  for (guint i = 0; i < result->suggestions->len; i++)
    {
      gint64 id = co_ideas_save_suggestion (store, g_ptr_array_index (result->suggestions, i),
                                            error);

      if (id == 0)
        return FALSE;
      g_array_append_val (saved, id);
    }
  return TRUE;
}

static int
generate_with (CoCli           *cli,
               GenerateOptions *options,
               GArray          *from)
{
  g_autoptr(CoIdeaContext) context = NULL;
  g_autoptr(CoIdeaResult) result = NULL;
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  CoStore *store;
  int exit;

  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  context = co_idea_context_build (store, options->platform, (const gint64 *)(gpointer)from->data,
                                   from->len, options->count, &error);
  if (context == NULL || (result = run_generator (cli, context, options->endpoint,
                                                  &error)) == NULL)
    return co_cli_fail (cli, error);
  /* Flags come before saving, so a suggestion is not its own duplicate. */
  if (!co_ideas_flag_duplicates (store, result, &error) ||
      (options->save && !save_all (store, result, saved, &error)))
    return co_cli_fail (cli, error);
  if (cli->json)
    print_json (result, saved);
  else
    print_text (result, saved);
  return CO_CLI_EXIT_OK;
}

/**
 * co_cli_ideas_generate:
 * @cli: the state of the run
 *
 * `ideas generate [--from ID…] [--platform P] [--count N] [--endpoint URL]
 * [--save]`
 *
 * Returns: the exit code
 */
int
co_cli_ideas_generate (CoCli *cli)
{
  g_auto(GenerateOptions) options = { .count = DEFAULT_COUNT };
  g_autoptr(GArray) from = g_array_new (FALSE, FALSE, sizeof (gint64));
  int exit;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.from,
      N_("Draw on vault item ID (repeat for more); by default the most relevant recent ones"),
      N_("ID") },
    { "platform", 0, 0, G_OPTION_ARG_STRING, &options.platform,
      N_("Ideas for platform P: x, linkedin, instagram or youtube"), N_("P") },
    { "count", 0, 0, G_OPTION_ARG_INT, &options.count, N_("How many ideas, 1 to 20 (5)"),
      N_("N") },
    { "endpoint", 0, 0, G_OPTION_ARG_STRING, &options.endpoint,
      N_("Ask the language model at URL (an OpenAI-compatible API)"), N_("URL") },
    { "save", 0, 0, G_OPTION_ARG_NONE, &options.save, N_("Keep the ideas in the list of ideas"),
      NULL },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit) || !co_cli_drafts_no_args (cli, &exit) ||
      !parse_from (cli, options.from, from, &exit))
    return exit;
  if (options.count < 1 || options.count > 20)
    return co_cli_usage (cli, _("--count %d is not a number of ideas: give 1 to 20"),
                         options.count);
  return generate_with (cli, &options, from);
}

/**
 * co_cli_ideas_refine:
 * @cli: the state of the run
 *
 * `ideas refine ID [--platform P]`: a stored idea becomes a new Saved draft
 * linked to its vault items.
 *
 * Returns: the exit code
 */
int
co_cli_ideas_refine (CoCli *cli)
{
  g_autofree char *platform = NULL;
  g_autoptr(GError) error = NULL;
  const char **args;
  CoStore *store;
  guint n_args;
  gint64 idea_id, draft_id;
  int exit;
  const GOptionEntry entries[] = {
    { "platform", 0, 0, G_OPTION_ARG_STRING, &platform,
      N_("The draft targets platform P: x, linkedin, instagram or youtube"), N_("P") },
    G_OPTION_ENTRY_NULL
  };

  if (!co_cli_parse (cli, entries, &exit))
    return exit;
  args = co_cli_get_args (cli, &n_args);
  if (n_args != 1)
    return co_cli_usage (cli, _("Give the id of the idea to refine (see ideas list)"));
  if (!co_cli_parse_id (args[0], &idea_id, &error))
    return co_cli_fail (cli, error);
  if ((store = open_store (cli, &exit)) == NULL)
    return exit;
  if ((draft_id = co_ideas_refine (store, idea_id, platform, &error)) == 0)
    return co_cli_fail (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = co_cli_json_take_object (json_object_new ());

      json_object_set_int_member (json_node_get_object (root), "idea_id", idea_id);
      json_object_set_int_member (json_node_get_object (root), "draft_id", draft_id);
      co_cli_print_json (root);
    }
  else
    g_print (_("Draft %lld saved from idea %lld.\n"), (long long)draft_id, (long long)idea_id);
  return CO_CLI_EXIT_OK;
}
