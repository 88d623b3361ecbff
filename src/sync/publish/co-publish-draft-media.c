/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-publish"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "co-publish-draft-media.h"
#include "co-vault.h"

struct _CoDraftMedia
{
  GArray    *media;     /* CoPublishMedia, pointing into @strings */
  GPtrArray *strings;
};

static gboolean
is_media (CoVaultItem *item)
{
  CoVaultType type = co_vault_item_get_item_type (item);

  return (type == CO_VAULT_TYPE_IMAGE || type == CO_VAULT_TYPE_VIDEO) &&
         co_vault_item_get_sha256 (item) != NULL && co_vault_item_get_mime (item) != NULL;
}

/* Adds @item's stored file, refused by name when the library does not have it. */
static gboolean
add_item (CoDraftMedia  *self,
          CoStore       *store,
          CoVaultItem   *item,
          GError       **error)
{
  char *path = co_store_dup_blob_path (store, co_vault_item_get_sha256 (item));
  char *mime = g_strdup (co_vault_item_get_mime (item));
  char *name = g_strdup_printf (_("%s (vault item %lld)"), co_vault_item_get_title (item),
                                (long long)co_vault_item_get_id (item));
  CoPublishMedia media = { path, mime, co_vault_item_get_width (item),
                           co_vault_item_get_height (item),
                           (gint64)(co_vault_item_get_duration (item) * G_USEC_PER_SEC), name };

  g_ptr_array_add (self->strings, path);
  g_ptr_array_add (self->strings, mime);
  g_ptr_array_add (self->strings, name);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CO_PLATFORM_ERROR, CO_PLATFORM_ERROR_INVALID,
                   _("Vault item %lld (“%s”) has no stored file in this library, so it "
                     "cannot be posted: fetch it from the mirror or import it again"),
                   (long long)co_vault_item_get_id (item), co_vault_item_get_title (item));
      return FALSE;
    }
  g_array_append_val (self->media, media);
  return TRUE;
}

/**
 * co_draft_media_new:
 * @store: the library
 * @draft: a draft
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the draft's images and videos, or
 *   %NULL with a %CO_VAULT_ERROR (an item that cannot be read) or
 *   %CO_PLATFORM_ERROR_INVALID (an item whose stored file is missing)
 */
CoDraftMedia *
co_draft_media_new (CoStore  *store,
                    CoDraft  *draft,
                    GError  **error)
{
  g_autoptr(CoVault) vault = NULL;
  g_autoptr(CoDraftMedia) self = g_new0 (CoDraftMedia, 1);
  const gint64 *ids;
  guint n_ids;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);
  g_return_val_if_fail (CO_IS_DRAFT (draft), NULL);

  self->media = g_array_new (FALSE, FALSE, sizeof (CoPublishMedia));
  self->strings = g_ptr_array_new_with_free_func (g_free);
  ids = co_draft_get_item_ids (draft, &n_ids);
  if (n_ids > 0)
    vault = co_vault_new (store);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(CoVaultItem) item = co_vault_get (vault, ids[i], error);

      if (item == NULL || (is_media (item) && !add_item (self, store, item, error)))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * co_draft_media_get:
 * @self: a draft's media
 * @out_n_media: (out): how many files
 *
 * Returns: (transfer none) (array length=out_n_media): the files, valid as
 *   long as @self
 */
const CoPublishMedia *
co_draft_media_get (CoDraftMedia *self,
                    guint        *out_n_media)
{
  *out_n_media = self->media->len;
  return (const CoPublishMedia *)self->media->data;
}

/** co_draft_media_free: @self: (transfer full) (nullable): a draft's media */
void
co_draft_media_free (CoDraftMedia *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->media, g_array_unref);
  g_clear_pointer (&self->strings, g_ptr_array_unref);
  g_free (self);
}
