/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-drafts"

#include "config.h"

#include "co-draft-model.h"

/* A board column shows a few cards at once: rows come from SQLite 50 at a
 * time, and at most 6 such pages stay in memory, the least recently read
 * going first. */
#define PAGE_ROWS 50
#define KEPT_PAGES 6

typedef struct
{
  GPtrArray *drafts;
  guint64    last_used;
} Page;

struct _CoDraftModel
{
  GObject       parent_instance;

  CoDrafts     *drafts;
  gulong        changed_handler;
  GSource      *pending;

  guint         stages;
  gboolean      by_platform;
  CoPlatform    platform;
  char         *search;
  CoDraftSort   sort;

  guint         n_items;
  GError       *error;
  GHashTable   *pages;        /* page index -> Page */
  guint64       clock;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoDraftModel, co_draft_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DRAFTS,
  PROP_N_ITEMS,
  PROP_SEARCH,
  PROP_STAGES,
  PROP_ERROR_MESSAGE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->drafts);
  g_free (page);
}

/* Surrounding blanks are not searched for, and a blank search is none. */
static char *
clean_search (const char *search)
{
  g_autofree char *copy = search != NULL ? g_strstrip (g_strdup (search)) : NULL;

  return copy != NULL && copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

static void
current_query (CoDraftModel *self,
               CoDraftQuery *query)
{
  *query = (CoDraftQuery) {
    .stages = self->stages,
    .by_platform = self->by_platform,
    .platform = self->platform,
    .search = self->search,
    .sort = self->sort,
  };
}

static void
forget_oldest_page (CoDraftModel *self)
{
  GHashTableIter iter;
  gpointer key, value, oldest_key = NULL;
  guint64 oldest = G_MAXUINT64;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((Page *)value)->last_used < oldest)
      {
        oldest = ((Page *)value)->last_used;
        oldest_key = key;
      }
  g_hash_table_remove (self->pages, oldest_key);
}

static Page *
find_page (CoDraftModel *self,
           guint         index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  g_autoptr(GError) error = NULL;
  CoDraftQuery query;

  if (page == NULL)
    {
      GPtrArray *drafts;

      current_query (self, &query);
      drafts = co_drafts_list (self->drafts, &query, index * PAGE_ROWS, PAGE_ROWS, &error);
      if (drafts == NULL)
        {
          g_warning ("Cannot read drafts from row %u: %s", index * PAGE_ROWS, error->message);
          return NULL;
        }
      if (g_hash_table_size (self->pages) >= KEPT_PAGES)
        forget_oldest_page (self);
      page = g_new0 (Page, 1);
      page->drafts = drafts;
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
    }
  page->last_used = ++self->clock;
  return page;
}

static GType
co_draft_model_get_item_type (GListModel *model)
{
  return CO_TYPE_DRAFT;
}

static guint
co_draft_model_get_n_items (GListModel *model)
{
  return CO_DRAFT_MODEL (model)->n_items;
}

static gpointer
co_draft_model_get_item (GListModel *model,
                         guint       position)
{
  CoDraftModel *self = CO_DRAFT_MODEL (model);
  Page *page;

  if (position >= self->n_items || (page = find_page (self, position / PAGE_ROWS)) == NULL)
    return NULL;
  /* Drafts may have gone since the count; the refresh that follows fixes it. */
  if (position % PAGE_ROWS >= page->drafts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->drafts, position % PAGE_ROWS));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = co_draft_model_get_item_type;
  iface->get_n_items = co_draft_model_get_n_items;
  iface->get_item = co_draft_model_get_item;
}

static gboolean
pending_refresh_cb (gpointer data)
{
  CoDraftModel *self = data;

  g_clear_pointer (&self->pending, g_source_unref);
  co_draft_model_refresh (self);
  return G_SOURCE_REMOVE;
}

/* "changed" comes on this model's thread: a burst of changes (a script
 * moving many drafts) gives one refresh when the main loop is idle. */
static void
drafts_changed_cb (CoDrafts     *drafts,
                   gint64        id,
                   CoDraftModel *self)
{
  if (self->pending != NULL)
    return;
  self->pending = g_idle_source_new ();
  g_source_set_callback (self->pending, pending_refresh_cb, self, NULL);
  g_source_set_static_name (self->pending, "[co-draft-model] refresh");
  g_source_attach (self->pending, g_main_context_get_thread_default ());
}

static void
co_draft_model_dispose (GObject *object)
{
  CoDraftModel *self = (CoDraftModel *)object;

  if (self->pending != NULL)
    {
      g_source_destroy (self->pending);
      g_clear_pointer (&self->pending, g_source_unref);
    }
  g_clear_signal_handler (&self->changed_handler, self->drafts);
  g_clear_object (&self->drafts);

  G_OBJECT_CLASS (co_draft_model_parent_class)->dispose (object);
}

static void
co_draft_model_finalize (GObject *object)
{
  CoDraftModel *self = (CoDraftModel *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (co_draft_model_parent_class)->finalize (object);
}

static void
co_draft_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CoDraftModel *self = CO_DRAFT_MODEL (object);

  switch (prop_id)
    {
    case PROP_DRAFTS:
      g_value_set_object (value, self->drafts);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_STAGES:
      g_value_set_uint (value, self->stages);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error != NULL ? self->error->message : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CoDraftModel *self = CO_DRAFT_MODEL (object);

  switch (prop_id)
    {
    case PROP_DRAFTS:
      self->drafts = g_value_dup_object (value);
      self->changed_handler = g_signal_connect (self->drafts, "changed",
                                                G_CALLBACK (drafts_changed_cb), self);
      break;
    case PROP_SEARCH:
      co_draft_model_set_search (self, g_value_get_string (value));
      break;
    case PROP_STAGES:
      co_draft_model_set_stages (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_draft_model_class_init (CoDraftModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = co_draft_model_dispose;
  object_class->finalize = co_draft_model_finalize;
  object_class->get_property = co_draft_model_get_property;
  object_class->set_property = co_draft_model_set_property;

  properties[PROP_DRAFTS] =
    g_param_spec_object ("drafts", NULL, NULL, CO_TYPE_DRAFTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, rw);
  properties[PROP_STAGES] = g_param_spec_uint ("stages", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_draft_model_init (CoDraftModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
}

/**
 * co_draft_model_new:
 * @drafts: the drafts
 * @query: (nullable): the first filter and order; strings are copied
 *
 * Creates a list of drafts that reads rows from SQLite a page at a time as
 * they are asked for, and refreshes itself after every change to @drafts.
 *
 * Returns: (transfer full): the model
 */
CoDraftModel *
co_draft_model_new (CoDrafts           *drafts,
                    const CoDraftQuery *query)
{
  CoDraftModel *self;

  g_return_val_if_fail (CO_IS_DRAFTS (drafts), NULL);

  self = g_object_new (CO_TYPE_DRAFT_MODEL, "drafts", drafts, NULL);
  if (query != NULL)
    {
      self->stages = query->stages;
      self->by_platform = query->by_platform;
      self->platform = query->platform;
      self->search = clean_search (query->search);
      self->sort = query->sort;
    }
  co_draft_model_refresh (self);
  return self;
}

/**
 * co_draft_model_new_for_stage:
 * @drafts: the drafts
 * @stage: a stage
 *
 * A board column: the drafts in @stage, most recently changed first.
 *
 * Returns: (transfer full): the model
 */
CoDraftModel *
co_draft_model_new_for_stage (CoDrafts     *drafts,
                              CoDraftStage  stage)
{
  CoDraftQuery query = { .stages = CO_DRAFT_STAGE_MASK (stage) };

  return co_draft_model_new (drafts, &query);
}

/** co_draft_model_get_drafts: @self: a model  Returns: (transfer none): the drafts */
CoDrafts *
co_draft_model_get_drafts (CoDraftModel *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_MODEL (self), NULL);
  return self->drafts;
}

/**
 * co_draft_model_refresh:
 * @self: a model
 *
 * Counts the matching drafts again and forgets the pages read.
 */
void
co_draft_model_refresh (CoDraftModel *self)
{
  guint old_n;
  gint64 count;
  CoDraftQuery query;

  g_return_if_fail (CO_IS_DRAFT_MODEL (self));

  old_n = self->n_items;
  g_clear_error (&self->error);
  current_query (self, &query);
  count = co_drafts_count (self->drafts, &query, &self->error);
  g_hash_table_remove_all (self->pages);
  self->n_items = count > 0 ? (guint)count : 0;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/** co_draft_model_get_stages: @self: a model  Returns: the stage mask, 0 for all */
guint
co_draft_model_get_stages (CoDraftModel *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_MODEL (self), 0);
  return self->stages;
}

/**
 * co_draft_model_set_stages:
 * @self: a model
 * @stages: a mask of CO_DRAFT_STAGE_MASK() bits, or 0 for every stage
 */
void
co_draft_model_set_stages (CoDraftModel *self,
                           guint         stages)
{
  g_return_if_fail (CO_IS_DRAFT_MODEL (self));

  if (self->stages == stages)
    return;
  self->stages = stages;
  co_draft_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGES]);
}

/**
 * co_draft_model_get_platform:
 * @self: a model
 * @out_platform: (out) (optional): the platform filter
 *
 * Returns: %TRUE when the model keeps only drafts for one platform
 */
gboolean
co_draft_model_get_platform (CoDraftModel *self,
                             CoPlatform   *out_platform)
{
  g_return_val_if_fail (CO_IS_DRAFT_MODEL (self), FALSE);
  if (out_platform != NULL)
    *out_platform = self->platform;
  return self->by_platform;
}

/**
 * co_draft_model_set_platform:
 * @self: a model
 * @platform: (nullable): keep only drafts that target this platform, or
 *   %NULL for all
 */
void
co_draft_model_set_platform (CoDraftModel     *self,
                             const CoPlatform *platform)
{
  g_return_if_fail (CO_IS_DRAFT_MODEL (self));

  if (platform == NULL ? !self->by_platform
                       : self->by_platform && self->platform == *platform)
    return;
  self->by_platform = platform != NULL;
  self->platform = platform != NULL ? *platform : CO_PLATFORM_X;
  co_draft_model_refresh (self);
}

/** co_draft_model_get_search: @self: a model  Returns: (nullable): the search */
const char *
co_draft_model_get_search (CoDraftModel *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_MODEL (self), NULL);
  return self->search;
}

/**
 * co_draft_model_set_search:
 * @self: a model
 * @search: (nullable): text the title or body must contain; %NULL or blank
 *   for none
 */
void
co_draft_model_set_search (CoDraftModel *self,
                           const char   *search)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (CO_IS_DRAFT_MODEL (self));

  clean = clean_search (search);
  if (g_strcmp0 (clean, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&clean);
  co_draft_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/** co_draft_model_get_sort: @self: a model  Returns: the order */
CoDraftSort
co_draft_model_get_sort (CoDraftModel *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_MODEL (self), CO_DRAFT_SORT_UPDATED);
  return self->sort;
}

/** co_draft_model_set_sort: @self: a model  @sort: the order */
void
co_draft_model_set_sort (CoDraftModel *self,
                         CoDraftSort   sort)
{
  g_return_if_fail (CO_IS_DRAFT_MODEL (self));

  if (self->sort == sort)
    return;
  self->sort = sort;
  co_draft_model_refresh (self);
}

/**
 * co_draft_model_get_error:
 * @self: a model
 *
 * Returns: (transfer none) (nullable): why the last count failed, or %NULL
 */
const GError *
co_draft_model_get_error (CoDraftModel *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_MODEL (self), NULL);
  return self->error;
}

/**
 * co_draft_model_get_n_loaded_pages:
 * @self: a model
 *
 * Returns: how many pages of rows are in memory (for tests and benchmarks)
 */
guint
co_draft_model_get_n_loaded_pages (CoDraftModel *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}
