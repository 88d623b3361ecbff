/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-thumbnail-cache.h"
#include "co-thumbnail.h"

/* The grid binds and unbinds cells as it scrolls; decoded thumbnails are kept
 * for a while so scrolling back does not read the disk again.  The cache is
 * bounded because a vault can hold 100,000 items. */
#define MAX_TEXTURES 600

struct _CoThumbnailCache
{
  GObject     parent_instance;

  CoStore    *store;
  GHashTable *textures; /* sha256 -> GdkTexture */
  guint       pending;
};

G_DEFINE_FINAL_TYPE (CoThumbnailCache, co_thumbnail_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
set_pending (CoThumbnailCache *self,
             guint             pending)
{
  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
co_thumbnail_cache_dispose (GObject *object)
{
  CoThumbnailCache *self = (CoThumbnailCache *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (co_thumbnail_cache_parent_class)->dispose (object);
}

static void
co_thumbnail_cache_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CoThumbnailCache *self = CO_THUMBNAIL_CACHE (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_thumbnail_cache_class_init (CoThumbnailCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_thumbnail_cache_dispose;
  object_class->get_property = co_thumbnail_cache_get_property;

  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_thumbnail_cache_init (CoThumbnailCache *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

CoThumbnailCache *
co_thumbnail_cache_new (CoStore *store)
{
  CoThumbnailCache *self;

  g_return_val_if_fail (CO_IS_STORE (store), NULL);

  self = g_object_new (CO_TYPE_THUMBNAIL_CACHE, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * co_thumbnail_cache_lookup:
 * @self: a cache
 * @sha256: a stored file's digest
 *
 * Returns: (transfer none) (nullable): the decoded thumbnail if it is cached
 */
GdkTexture *
co_thumbnail_cache_lookup (CoThumbnailCache *self,
                           const char       *sha256)
{
  g_return_val_if_fail (CO_IS_THUMBNAIL_CACHE (self), NULL);
  return sha256 != NULL ? g_hash_table_lookup (self->textures, sha256) : NULL;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CoThumbnailCache *self = g_task_get_source_object (task);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;
  GdkTexture *texture;

  set_pending (self, self->pending - 1);
  pixbuf = co_thumbnail_load_finish (result, &error);
  if (pixbuf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  texture = gdk_texture_new_for_pixbuf (pixbuf);
  /* The cache may have been disposed while the worker ran. */
  if (self->textures == NULL)
    {
      g_task_return_pointer (task, texture, g_object_unref);
      return;
    }
  if (g_hash_table_size (self->textures) >= MAX_TEXTURES)
    g_hash_table_remove_all (self->textures);
  g_hash_table_insert (self->textures, g_strdup (g_task_get_task_data (task)),
                       g_object_ref (texture));
  g_task_return_pointer (task, texture, g_object_unref);
}

/**
 * co_thumbnail_cache_load_async:
 * @self: a cache
 * @sha256: a stored file's digest
 * @cancellable: (nullable): cancels the load (a cell cancels when it is unbound)
 * @callback: called on the main thread
 * @user_data: for @callback
 *
 * Decodes the cached thumbnail PNG of a stored file in a worker thread.  It
 * fails with %G_FILE_ERROR_NOENT when the file has no thumbnail.
 */
void
co_thumbnail_cache_load_async (CoThumbnailCache    *self,
                               const char          *sha256,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CO_IS_THUMBNAIL_CACHE (self));
  g_return_if_fail (sha256 != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, co_thumbnail_cache_load_async);
  g_task_set_task_data (task, g_strdup (sha256), g_free);

  /* The load has no callback of its own that could touch a freed cell: its
   * result comes back to the cache, which then answers the caller. */
  path = co_store_dup_thumbnail_path (self->store, sha256);
  set_pending (self, self->pending + 1);
  co_thumbnail_load_async (path, cancellable, load_done_cb, g_object_ref (task));
}

/**
 * co_thumbnail_cache_load_finish:
 * @self: a cache
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the thumbnail, or %NULL with @error set
 */
GdkTexture *
co_thumbnail_cache_load_finish (CoThumbnailCache  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/** co_thumbnail_cache_get_pending: @self: a cache  Returns: loads still running */
guint
co_thumbnail_cache_get_pending (CoThumbnailCache *self)
{
  g_return_val_if_fail (CO_IS_THUMBNAIL_CACHE (self), 0);
  return self->pending;
}
