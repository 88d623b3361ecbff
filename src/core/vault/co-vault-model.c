/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-vault"

#include "config.h"

#include "co-vault-model.h"

/* Rows are loaded a page at a time, and only a few pages are kept, so a
 * grid over 100,000 items holds a few hundred in memory. */
#define PAGE_SIZE 120
#define MAX_PAGES 8

struct _CoVaultModel
{
  GObject       parent_instance;

  CoVault      *vault;
  GMainContext *context;
  gulong        changed_id;
  guint         refresh_source;
  int           refresh_pending;

  char         *search;
  char         *tag;
  CoVaultType   type;
  CoVaultSort   sort;
  gboolean      sort_explicit;
  CoVaultTrash  trash;

  guint         n_items;
  GError       *error;
  GHashTable   *pages;      /* page number -> GPtrArray of CoVaultItem */
  GQueue        page_order; /* page numbers, most recently used first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CoVaultModel, co_vault_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_VAULT,
  PROP_N_ITEMS,
  PROP_SEARCH,
  PROP_ERROR_MESSAGE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
drop_pages (CoVaultModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

static void
touch_page (CoVaultModel *self,
            guint         page)
{
  g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->page_order) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));
}

static void
build_query (CoVaultModel *self,
             CoVaultQuery *query)
{
  query->type = self->type;
  query->tag = self->tag;
  query->search = self->search;
  /* A search shows the best matches first unless an order was chosen. */
  query->sort = self->search != NULL && !self->sort_explicit ? CO_VAULT_SORT_RELEVANCE
                                                             : self->sort;
  query->trash = self->trash;
  /* The model backs views with a search entry: results follow typing. */
  query->as_you_type = TRUE;
}

static GPtrArray *
load_page (CoVaultModel *self,
           guint         page)
{
  CoVaultQuery query = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  build_query (self, &query);
  items = co_vault_list (self->vault, &query, page * PAGE_SIZE, PAGE_SIZE, &error);
  if (items == NULL)
    {
      g_warning ("Cannot load vault page %u: %s", page, error->message);
      return NULL;
    }
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  return items;
}

static GType
co_vault_model_get_item_type (GListModel *model)
{
  return CO_TYPE_VAULT_ITEM;
}

static guint
co_vault_model_get_n_items (GListModel *model)
{
  return CO_VAULT_MODEL (model)->n_items;
}

static gpointer
co_vault_model_get_item (GListModel *model,
                         guint       position)
{
  CoVaultModel *self = CO_VAULT_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL && (items = load_page (self, page)) == NULL)
    return NULL;
  touch_page (self, page);

  /* The vault may have shrunk since the count; the next refresh fixes it. */
  if (position % PAGE_SIZE >= items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = co_vault_model_get_item_type;
  iface->get_n_items = co_vault_model_get_n_items;
  iface->get_item = co_vault_model_get_item;
}

static gboolean
refresh_cb (gpointer data)
{
  CoVaultModel *self = data;

  self->refresh_source = 0;
  g_atomic_int_set (&self->refresh_pending, 0);
  co_vault_model_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
vault_changed_cb (CoVault      *vault,
                  CoVaultModel *self)
{
  GSource *source;

  /* The vault announces changes on its own thread, which is the model's:
   * coalesce a burst of them into one refresh.  The source is removed in
   * dispose, on this same thread, so it holds no reference. */
  if (!g_atomic_int_compare_and_exchange (&self->refresh_pending, 0, 1))
    return;
  source = g_idle_source_new ();
  g_source_set_callback (source, refresh_cb, self, NULL);
  g_source_set_static_name (source, "[co-vault-model] refresh");
  g_atomic_int_set (&self->refresh_source, g_source_attach (source, self->context));
  g_source_unref (source);
}

static void
co_vault_model_dispose (GObject *object)
{
  CoVaultModel *self = (CoVaultModel *)object;

  g_clear_signal_handler (&self->changed_id, self->vault);
  if (self->refresh_source != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->context, self->refresh_source);
      if (source != NULL)
        g_source_destroy (source);
      self->refresh_source = 0;
    }
  g_clear_object (&self->vault);

  G_OBJECT_CLASS (co_vault_model_parent_class)->dispose (object);
}

static void
co_vault_model_finalize (GObject *object)
{
  CoVaultModel *self = (CoVaultModel *)object;

  drop_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (co_vault_model_parent_class)->finalize (object);
}

static void
co_vault_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CoVaultModel *self = CO_VAULT_MODEL (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      g_value_set_object (value, self->vault);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error ? self->error->message : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_vault_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CoVaultModel *self = CO_VAULT_MODEL (object);

  switch (prop_id)
    {
    case PROP_VAULT:
      self->vault = g_value_dup_object (value);
      self->changed_id = g_signal_connect (self->vault, "changed",
                                           G_CALLBACK (vault_changed_cb), self);
      break;
    case PROP_SEARCH:
      co_vault_model_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_vault_model_class_init (CoVaultModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_vault_model_dispose;
  object_class->finalize = co_vault_model_finalize;
  object_class->get_property = co_vault_model_get_property;
  object_class->set_property = co_vault_model_set_property;

  properties[PROP_VAULT] =
    g_param_spec_object ("vault", NULL, NULL, CO_TYPE_VAULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
co_vault_model_init (CoVaultModel *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

/**
 * co_vault_model_new:
 * @vault: a #CoVault
 *
 * Creates a list of vault items that loads rows from SQLite a page at a time
 * as they are asked for, and refreshes itself when the vault changes.
 *
 * Returns: (transfer full): the model
 */
CoVaultModel *
co_vault_model_new (CoVault *vault)
{
  return co_vault_model_new_for_query (vault, NULL);
}

/**
 * co_vault_model_new_for_query:
 * @vault: a #CoVault
 * @query: (nullable): the initial filter and order; its strings are copied
 *
 * Like co_vault_model_new(), starting from @query: a view that restores a
 * saved filter and order counts the vault once instead of once per setter.
 *
 * Returns: (transfer full): the model
 */
CoVaultModel *
co_vault_model_new_for_query (CoVault            *vault,
                              const CoVaultQuery *query)
{
  CoVaultModel *self;

  g_return_val_if_fail (CO_IS_VAULT (vault), NULL);

  self = g_object_new (CO_TYPE_VAULT_MODEL, "vault", vault, NULL);
  if (query != NULL)
    {
      self->type = query->type;
      self->tag = g_strdup (query->tag);
      self->search = g_strdup (query->search);
      self->sort = query->sort;
      self->trash = query->trash;
    }
  co_vault_model_refresh (self);
  return self;
}

/** co_vault_model_get_vault: @self: a model  Returns: (transfer none): the vault */
CoVault *
co_vault_model_get_vault (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), NULL);
  return self->vault;
}

/**
 * co_vault_model_refresh:
 * @self: a #CoVaultModel
 *
 * Counts the matching items again and drops loaded pages.  A search with no
 * words gives an empty list and sets co_vault_model_get_error().
 */
void
co_vault_model_refresh (CoVaultModel *self)
{
  CoVaultQuery query = { 0 };
  guint old_n;
  gint64 count;

  g_return_if_fail (CO_IS_VAULT_MODEL (self));

  old_n = self->n_items;
  g_clear_error (&self->error);
  build_query (self, &query);
  count = co_vault_count (self->vault, &query, &self->error);
  drop_pages (self);
  self->n_items = count > 0 ? (guint)count : 0;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/** co_vault_model_get_search: @self: a model  Returns: (transfer none) (nullable): the search */
const char *
co_vault_model_get_search (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), NULL);
  return self->search;
}

/**
 * co_vault_model_set_search:
 * @self: a #CoVaultModel
 * @search: (nullable): words to search for; %NULL or blank for none
 *
 * A search orders by relevance unless another order was chosen explicitly.
 */
void
co_vault_model_set_search (CoVaultModel *self,
                           const char   *search)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (CO_IS_VAULT_MODEL (self));

  clean = search != NULL ? g_strstrip (g_strdup (search)) : NULL;
  if (clean != NULL && clean[0] == '\0')
    g_clear_pointer (&clean, g_free);
  if (g_strcmp0 (clean, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&clean);
  co_vault_model_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/** co_vault_model_get_filter_type: @self: a model  Returns: the type filter */
CoVaultType
co_vault_model_get_filter_type (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), CO_VAULT_TYPE_ANY);
  return self->type;
}

/**
 * co_vault_model_set_filter_type:
 * @self: a #CoVaultModel
 * @type: a type, or %CO_VAULT_TYPE_ANY for all
 */
void
co_vault_model_set_filter_type (CoVaultModel *self,
                                CoVaultType   type)
{
  g_return_if_fail (CO_IS_VAULT_MODEL (self));

  if (self->type == type)
    return;
  self->type = type;
  co_vault_model_refresh (self);
}

/** co_vault_model_get_tag: @self: a model  Returns: (transfer none) (nullable): the tag filter */
const char *
co_vault_model_get_tag (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), NULL);
  return self->tag;
}

/**
 * co_vault_model_set_tag:
 * @self: a #CoVaultModel
 * @tag: (nullable): only items with this tag, or %NULL for all
 */
void
co_vault_model_set_tag (CoVaultModel *self,
                        const char   *tag)
{
  g_return_if_fail (CO_IS_VAULT_MODEL (self));

  if (g_strcmp0 (self->tag, tag) == 0)
    return;
  g_free (self->tag);
  self->tag = g_strdup (tag);
  co_vault_model_refresh (self);
}

/** co_vault_model_get_sort: @self: a model  Returns: the order */
CoVaultSort
co_vault_model_get_sort (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), CO_VAULT_SORT_NEWEST);
  return self->sort;
}

/**
 * co_vault_model_set_sort:
 * @self: a #CoVaultModel
 * @sort: the order
 *
 * Once an order is chosen, searches keep it instead of ordering by relevance.
 */
void
co_vault_model_set_sort (CoVaultModel *self,
                         CoVaultSort   sort)
{
  g_return_if_fail (CO_IS_VAULT_MODEL (self));

  if (self->sort == sort && self->sort_explicit)
    return;
  self->sort = sort;
  self->sort_explicit = TRUE;
  co_vault_model_refresh (self);
}

/** co_vault_model_get_trash: @self: a model  Returns: the trash filter */
CoVaultTrash
co_vault_model_get_trash (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), CO_VAULT_TRASH_EXCLUDE);
  return self->trash;
}

/**
 * co_vault_model_set_trash:
 * @self: a #CoVaultModel
 * @trash: whether to show the trash, the rest, or both
 */
void
co_vault_model_set_trash (CoVaultModel *self,
                          CoVaultTrash  trash)
{
  g_return_if_fail (CO_IS_VAULT_MODEL (self));

  if (self->trash == trash)
    return;
  self->trash = trash;
  co_vault_model_refresh (self);
}

/**
 * co_vault_model_get_error:
 * @self: a #CoVaultModel
 *
 * Returns: (transfer none) (nullable): why the last refresh found nothing
 *   (a search with no words, a database error), or %NULL
 */
const GError *
co_vault_model_get_error (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), NULL);
  return self->error;
}

/**
 * co_vault_model_get_n_loaded_pages:
 * @self: a #CoVaultModel
 *
 * Tests and benchmarks use this to check that the model never loads the
 * whole vault.
 *
 * Returns: how many pages of rows are held in memory
 */
guint
co_vault_model_get_n_loaded_pages (CoVaultModel *self)
{
  g_return_val_if_fail (CO_IS_VAULT_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}
