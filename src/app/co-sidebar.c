/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include "co-sidebar.h"

/* The window's sections, "vault", "media", "drafts", "calendar", "analytics" and "trash", as a navigation
 * sidebar with the number of items of the vault and of the trash.  The
 * window shows the section the sidebar says. */

struct _CoSidebar
{
  GtkWidget      parent_instance;

  /* Template children. */
  GtkWidget     *scroller;
  GtkListBox    *sidebar_list;
  GtkListBoxRow *vault_row;
  GtkListBoxRow *media_row;
  GtkListBoxRow *drafts_row;
  GtkListBoxRow *calendar_row;
  GtkListBoxRow *analytics_row;
  GtkListBoxRow *trash_row;
  GtkLabel      *vault_count;
  GtkLabel      *trash_count;

  /* Borrowed: the section selected, one of the static names, or %NULL. */
  const char    *section;
};

G_DEFINE_FINAL_TYPE (CoSidebar, co_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SECTION,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void
row_selected_cb (GtkListBox    *list,
                 GtkListBoxRow *row,
                 CoSidebar     *self)
{
  const char *section;

  if (row == NULL)
    return;
  section = row == self->trash_row ? "trash" : row == self->media_row ? "media"
            : row == self->drafts_row ? "drafts" : row == self->calendar_row ? "calendar"
            : row == self->analytics_row ? "analytics" : "vault";
  if (g_strcmp0 (self->section, section) == 0)
    return;
  self->section = section;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

static void
co_sidebar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_SIDEBAR);

  G_OBJECT_CLASS (co_sidebar_parent_class)->dispose (object);
}

static void
co_sidebar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CoSidebar *self = CO_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_sidebar_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CoSidebar *self = CO_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      co_sidebar_set_section (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
co_sidebar_class_init (CoSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_sidebar_dispose;
  object_class->get_property = co_sidebar_get_property;
  object_class->set_property = co_sidebar_set_property;

  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, vault_row);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, media_row);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, drafts_row);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, analytics_row);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, trash_row);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, vault_count);
  gtk_widget_class_bind_template_child (widget_class, CoSidebar, trash_count);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
co_sidebar_init (CoSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * co_sidebar_get_section:
 * @self: the sidebar
 *
 * Returns: (nullable): a section name, or %NULL before one is selected
 */
const char *
co_sidebar_get_section (CoSidebar *self)
{
  g_return_val_if_fail (CO_IS_SIDEBAR (self), NULL);
  return self->section;
}

/**
 * co_sidebar_set_section:
 * @self: the sidebar
 * @section: "vault", "media", "drafts", "calendar", "analytics" or "trash";
 *   anything else selects the vault
 */
void
co_sidebar_set_section (CoSidebar  *self,
                        const char *section)
{
  GtkListBoxRow *row = self->vault_row;

  g_return_if_fail (CO_IS_SIDEBAR (self));

  if (g_strcmp0 (section, "trash") == 0)
    row = self->trash_row;
  else if (g_strcmp0 (section, "media") == 0)
    row = self->media_row;
  else if (g_strcmp0 (section, "drafts") == 0)
    row = self->drafts_row;
  else if (g_strcmp0 (section, "calendar") == 0)
    row = self->calendar_row;
  else if (g_strcmp0 (section, "analytics") == 0)
    row = self->analytics_row;
  gtk_list_box_select_row (self->sidebar_list, row);
}

static GtkLabel *
count_label (CoSidebar  *self,
             const char *section)
{
  if (g_strcmp0 (section, "vault") == 0)
    return self->vault_count;
  if (g_strcmp0 (section, "trash") == 0)
    return self->trash_count;
  return NULL;
}

/**
 * co_sidebar_set_count:
 * @self: the sidebar
 * @section: "vault" or "trash"
 * @n: how many items the section holds
 */
void
co_sidebar_set_count (CoSidebar  *self,
                      const char *section,
                      guint       n)
{
  GtkLabel *label;
  g_autofree char *text = NULL;

  g_return_if_fail (CO_IS_SIDEBAR (self));
  label = count_label (self, section);
  g_return_if_fail (label != NULL);

  text = g_strdup_printf ("%u", n);
  gtk_label_set_label (label, text);
}

/**
 * co_sidebar_get_count:
 * @self: the sidebar
 * @section: "vault" or "trash"
 *
 * Returns: (nullable): the count shown beside @section
 */
const char *
co_sidebar_get_count (CoSidebar  *self,
                      const char *section)
{
  GtkLabel *label;

  g_return_val_if_fail (CO_IS_SIDEBAR (self), NULL);
  label = count_label (self, section);
  return label != NULL ? gtk_label_get_label (label) : NULL;
}
