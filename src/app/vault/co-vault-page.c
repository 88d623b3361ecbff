/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-item-details.h"
#include "co-thumbnail-cache.h"
#include "co-vault-cell.h"
#include "co-vault-page.h"

/* The vault grid.  The model pages rows in from SQLite as the grid asks for
 * them, so the grid stays fast with 100,000 items: nothing here may walk the
 * whole model. */

struct _CoVaultPage
{
  GtkWidget           parent_instance;

  gboolean            trash_mode;
  gboolean            populated;
  gboolean            busy;          /* as last said by notify::busy */
  CoVault            *vault;
  CoVaultModel       *model;
  GtkSliceListModel  *first_rows;    /* until the first frame: see rows_that_fit() */
  guint               all_rows_id;
  GtkSingleSelection *selection;
  CoThumbnailCache   *cache;
  GSettings          *settings;

  GtkWidget          *root_box;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *type_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkToggleButton    *details_button;
  GtkWidget          *empty_trash_button;
  AdwFlap            *flap;
  GtkStack           *content_stack;
  GtkGridView        *grid_view;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;
  CoItemDetails      *details;
};

G_DEFINE_FINAL_TYPE (CoVaultPage, co_vault_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRASH_MODE,
  PROP_POPULATED,
  PROP_BUSY,
  PROP_N_ITEMS,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* The grid's widest layout, and the narrowest a cell can be: the thumbnail's
 * width-request in co-vault-cell.ui. */
#define MAX_COLUMNS 12
#define CELL_MIN_WIDTH 176
/* The thumbnail's height-request: no cell is lower. */
#define CELL_MIN_HEIGHT 124

static const char *
type_filter_to_setting (CoVaultType type)
{
  return type == CO_VAULT_TYPE_ANY ? "all" : co_vault_type_to_string (type);
}

static void
update_empty_state (CoVaultPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const char *error = co_vault_model_get_error (self->model)
                      ? co_vault_model_get_error (self->model)->message : NULL;
  gboolean filtered = co_vault_model_get_search (self->model) != NULL
                      || co_vault_model_get_filter_type (self->model) != CO_VAULT_TYPE_ANY;

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "grid");
  else if (filtered || error != NULL)
    {
      adw_status_page_set_description (self->no_results_page,
                                       error ? error : _("Try a different search or type."));
      gtk_stack_set_visible_child_name (self->content_stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
items_changed_cb (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  CoVaultPage *self)
{
  CoVaultItem *shown = co_item_details_get_item (self->details);

  update_empty_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  /* The model refreshes wholesale after every change; keep the details pane
   * on its item, re-reading it, unless it left this view (trashed, restored). */
  if (shown != NULL)
    co_item_details_reload (self->details);
  shown = co_item_details_get_item (self->details);
  if (shown != NULL && co_vault_item_get_trashed (shown) != self->trash_mode)
    co_item_details_set_item (self->details, NULL);
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      CoVaultPage        *self)
{
  CoVaultItem *item = gtk_single_selection_get_selected_item (selection);

  /* A refresh drops the selection; the pane keeps showing its item then. */
  if (item != NULL)
    co_item_details_set_item (self->details, item);
}

static void
grid_activate_cb (GtkGridView *grid,
                  guint        position,
                  CoVaultPage *self)
{
  co_vault_page_select (self, position);
  co_vault_page_show_details (self, TRUE);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   CoVaultPage    *self)
{
  if (self->model != NULL)
    co_vault_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (GtkSearchEntry *entry,
                CoVaultPage    *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

static void
type_selected_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  CoVaultPage *self)
{
  CoVaultType type = (CoVaultType)gtk_drop_down_get_selected (dropdown);

  if (self->model == NULL)
    return;
  co_vault_model_set_filter_type (self->model, type);
  update_empty_state (self);
  if (self->settings != NULL && !self->trash_mode)
    g_settings_set_string (self->settings, "vault-type-filter", type_filter_to_setting (type));
}

static void
sort_selected_cb (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  CoVaultPage *self)
{
  CoVaultSort sort = (CoVaultSort)gtk_drop_down_get_selected (dropdown);

  if (self->model == NULL)
    return;
  co_vault_model_set_sort (self->model, sort);
  if (self->settings != NULL && !self->trash_mode)
    g_settings_set_string (self->settings, "vault-sort", co_vault_sort_to_string (sort));
}

static void
pending_cb (CoThumbnailCache *cache,
            GParamSpec       *pspec,
            CoVaultPage      *self)
{
  gboolean busy = co_vault_page_get_busy (self);

  /* Said when loading starts and ends, not at every thumbnail. */
  if (busy == self->busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CoVaultPage              *self)
{
  gtk_list_item_set_child (list_item, co_vault_cell_new (self->cache));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CoVaultPage              *self)
{
  co_vault_cell_set_item (CO_VAULT_CELL (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item));
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                CoVaultPage              *self)
{
  co_vault_cell_set_item (CO_VAULT_CELL (gtk_list_item_get_child (list_item)), NULL);
}

static GtkListItemFactory *
make_factory (CoVaultPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  return factory;
}

static void
apply_settings (CoVaultPage *self)
{
  g_autofree char *sort_name = NULL;
  g_autofree char *type_name = NULL;
  CoVaultSort sort = CO_VAULT_SORT_NEWEST;
  CoVaultType type = CO_VAULT_TYPE_ANY;

  if (self->settings == NULL || self->trash_mode)
    return;
  sort_name = g_settings_get_string (self->settings, "vault-sort");
  type_name = g_settings_get_string (self->settings, "vault-type-filter");
  if (co_vault_sort_from_string (sort_name, &sort) && sort <= CO_VAULT_SORT_DURATION)
    gtk_drop_down_set_selected (self->sort_dropdown, sort);
  if (co_vault_type_from_string (type_name, &type))
    gtk_drop_down_set_selected (self->type_dropdown, type);
}

/* GtkGridView (GTK 4.8) keeps the bound widgets of max-columns × 30 rows:
 * with the 12 columns of a wide screen, 384 cells for the 20 that a window
 * shows, all made and measured before the first frame (issue 17).  So the
 * limit follows the page's width: never fewer columns than fit in it, so
 * that the grid lays out as it would with 12, and no more.  Without a
 * width yet, one column: the first allocation sets the real limit before
 * the grid is laid out. */
static void
fit_columns (CoVaultPage *self,
             int          width)
{
  gtk_grid_view_set_max_columns (self->grid_view, CLAMP (width / CELL_MIN_WIDTH, 1, MAX_COLUMNS));
}

static void
show_all_rows (CoVaultPage *self)
{
  g_clear_handle_id (&self->all_rows_id, g_source_remove);
  if (self->first_rows == NULL)
    return;
  gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  g_clear_object (&self->first_rows);
}

static gboolean
show_all_rows_cb (gpointer data)
{
  CoVaultPage *self = data;

  self->all_rows_id = 0;
  show_all_rows (self);
  return G_SOURCE_REMOVE;
}

/* Even with fitted columns, the grid makes a cell for each of 30 rows at
 * once: 150 cells in a window of five columns that shows 20, before the
 * first frame (issue 17).  So until the page is first drawn, the grid's
 * model holds only the rows that fit in the window; the others come in an
 * idle that the first allocation adds, which runs after the frame that the
 * allocation is part of. */
static guint
rows_that_fit (CoVaultPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;

  /* A maximized window not laid out yet has no size to go by: all rows. */
  if (!GTK_IS_WINDOW (root) || (gtk_window_is_maximized (GTK_WINDOW (root)) &&
                                gtk_widget_get_width (GTK_WIDGET (root)) == 0))
    return G_MAXUINT;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  width = MAX (width, gtk_widget_get_width (GTK_WIDGET (root)));
  height = MAX (height, gtk_widget_get_height (GTK_WIDGET (root)));
  if (width <= 0 || height <= 0)
    return G_MAXUINT;
  return CLAMP (width / CELL_MIN_WIDTH, 1, MAX_COLUMNS) * (height / CELL_MIN_HEIGHT + 1);
}

static void
co_vault_page_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CoVaultPage *self = CO_VAULT_PAGE (widget);

  gtk_widget_measure (self->root_box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
co_vault_page_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  CoVaultPage *self = CO_VAULT_PAGE (widget);

  fit_columns (self, width);
  if (self->first_rows != NULL && self->all_rows_id == 0)
    self->all_rows_id = g_idle_add (show_all_rows_cb, self);
  /* A new limit drops the sizes measured before; measure again first. */
  gtk_widget_measure (self->root_box, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
  gtk_widget_allocate (self->root_box, width, height, baseline, NULL);
}

static void
co_vault_page_dispose (GObject *object)
{
  CoVaultPage *self = (CoVaultPage *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->cache != NULL)
    g_signal_handlers_disconnect_by_data (self->cache, self);
  g_clear_handle_id (&self->all_rows_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_VAULT_PAGE);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->cache);
  g_clear_object (&self->vault);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (co_vault_page_parent_class)->dispose (object);
}

static void
co_vault_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CoVaultPage *self = CO_VAULT_PAGE (object);

  switch (prop_id)
    {
    case PROP_TRASH_MODE:
      g_value_set_boolean (value, self->trash_mode);
      break;
    case PROP_POPULATED:
      g_value_set_boolean (value, self->populated);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, co_vault_page_get_busy (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_vault_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CoVaultPage *self = CO_VAULT_PAGE (object);

  switch (prop_id)
    {
    case PROP_TRASH_MODE:
      self->trash_mode = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_vault_page_constructed (GObject *object)
{
  CoVaultPage *self = CO_VAULT_PAGE (object);

  G_OBJECT_CLASS (co_vault_page_parent_class)->constructed (object);

  if (self->trash_mode)
    {
      adw_status_page_set_icon_name (self->empty_page, "user-trash-symbolic");
      adw_status_page_set_title (self->empty_page, _("Trash is Empty"));
      adw_status_page_set_description (self->empty_page,
                                       _("Items you move to the trash can be restored from here."));
      adw_status_page_set_child (self->empty_page, NULL);
      g_object_set (self->search_entry, "placeholder-text", _("Search the trash"), NULL);
      gtk_widget_set_visible (self->empty_trash_button, TRUE);
    }
}

static void
co_vault_page_class_init (CoVaultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = co_vault_page_constructed;
  object_class->dispose = co_vault_page_dispose;
  object_class->get_property = co_vault_page_get_property;
  object_class->set_property = co_vault_page_set_property;
  widget_class->measure = co_vault_page_measure;
  widget_class->size_allocate = co_vault_page_size_allocate;

  properties[PROP_TRASH_MODE] =
    g_param_spec_boolean ("trash-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POPULATED] =
    g_param_spec_boolean ("populated", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CO_TYPE_ITEM_DETAILS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-vault-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, details_button);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, empty_trash_button);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, flap);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, CoVaultPage, details);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_selected_cb);
  gtk_widget_class_set_css_name (widget_class, "co-vault-page");
}

static void
co_vault_page_init (CoVaultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_vault_page_new:
 * @trash_mode: %TRUE to show only items in the trash
 *
 * Returns: (transfer full): a new vault page, empty until it gets a vault
 */
GtkWidget *
co_vault_page_new (gboolean trash_mode)
{
  return g_object_new (CO_TYPE_VAULT_PAGE, "trash-mode", trash_mode, NULL);
}

/**
 * co_vault_page_set_vault:
 * @self: a page
 * @vault: the vault to show
 *
 * Builds the paging model and the grid over it.  The page is "populated"
 * once the model has counted its first rows.
 */
void
co_vault_page_set_vault (CoVaultPage *self,
                         CoVault     *vault)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  CoVaultQuery query = { 0 };

  g_return_if_fail (CO_IS_VAULT_PAGE (self));
  g_return_if_fail (CO_IS_VAULT (vault));
  g_return_if_fail (self->vault == NULL);

  self->vault = g_object_ref (vault);
  self->cache = co_thumbnail_cache_new (co_vault_get_store (vault));
  g_signal_connect (self->cache, "notify::pending", G_CALLBACK (pending_cb), self);

  /* The saved filter and order go into the first query, so that a large
   * vault is counted once. */
  apply_settings (self);
  query.trash = self->trash_mode ? CO_VAULT_TRASH_ONLY : CO_VAULT_TRASH_EXCLUDE;
  query.type = gtk_drop_down_get_selected (self->type_dropdown);
  query.sort = gtk_drop_down_get_selected (self->sort_dropdown);
  self->model = co_vault_model_new_for_query (vault, &query);
  g_signal_connect (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);

  self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0,
                                               rows_that_fit (self));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);

  fit_columns (self, gtk_widget_get_width (GTK_WIDGET (self)));
  factory = make_factory (self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  co_item_details_set_vault (self->details, vault, self->cache);

  update_empty_state (self);
  self->populated = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POPULATED]);
}

/**
 * co_vault_page_set_settings:
 * @self: a page
 * @settings: (nullable): the application's settings, when its schema is installed
 *
 * The vault page remembers its sort and type filter there.  Call before
 * co_vault_page_set_vault().
 */
void
co_vault_page_set_settings (CoVaultPage *self,
                            GSettings   *settings)
{
  g_return_if_fail (CO_IS_VAULT_PAGE (self));
  g_set_object (&self->settings, settings);
}

/** co_vault_page_get_model: @self: a page  Returns: (transfer none) (nullable): the model */
CoVaultModel *
co_vault_page_get_model (CoVaultPage *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PAGE (self), NULL);
  return self->model;
}

/** co_vault_page_get_grid_view: @self: a page  Returns: (transfer none): the grid */
GtkGridView *
co_vault_page_get_grid_view (CoVaultPage *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PAGE (self), NULL);
  return self->grid_view;
}

/** co_vault_page_get_search_entry: @self: a page  Returns: (transfer none): the entry */
GtkSearchEntry *
co_vault_page_get_search_entry (CoVaultPage *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PAGE (self), NULL);
  return self->search_entry;
}

/**
 * co_vault_page_get_current_item:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the item in the details pane, which is
 *   the selected one, or the one last selected before a refresh
 */
CoVaultItem *
co_vault_page_get_current_item (CoVaultPage *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PAGE (self), NULL);
  return co_item_details_get_item (self->details);
}

/**
 * co_vault_page_select:
 * @self: a page
 * @position: a position in the grid
 */
void
co_vault_page_select (CoVaultPage *self,
                      guint        position)
{
  g_return_if_fail (CO_IS_VAULT_PAGE (self));
  g_return_if_fail (self->selection != NULL);

  show_all_rows (self);
  gtk_single_selection_set_selected (self->selection, position);
}

/** co_vault_page_focus_search: @self: a page  Moves the keyboard focus to the search entry. */
void
co_vault_page_focus_search (CoVaultPage *self)
{
  g_return_if_fail (CO_IS_VAULT_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * co_vault_page_show_details:
 * @self: a page
 * @show: whether the details pane is shown
 */
void
co_vault_page_show_details (CoVaultPage *self,
                            gboolean     show)
{
  g_return_if_fail (CO_IS_VAULT_PAGE (self));
  gtk_toggle_button_set_active (self->details_button, show);
}

/** co_vault_page_get_populated: @self: a page  Returns: whether it shows a vault */
gboolean
co_vault_page_get_populated (CoVaultPage *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PAGE (self), FALSE);
  return self->populated;
}

/** co_vault_page_get_busy: @self: a page  Returns: whether thumbnails are still loading */
gboolean
co_vault_page_get_busy (CoVaultPage *self)
{
  g_return_val_if_fail (CO_IS_VAULT_PAGE (self), FALSE);
  return self->cache != NULL && co_thumbnail_cache_get_pending (self->cache) > 0;
}
