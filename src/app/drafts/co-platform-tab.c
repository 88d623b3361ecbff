/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-platform-tab.h"

/* One platform's tab of the draft editor: the text that goes out there (the
 * draft's own, or one written for this platform), its length counted as
 * the platform counts it, red past the limit with the part that does not
 * fit marked, what the platform's rules say about it, and the post or
 * numbered thread exactly as it would be sent.  Counting, checking and
 * adapting are the library's (co_platform_*); the tab shows the answers. */

struct _CoPlatformTab
{
  GtkWidget    parent_instance;

  /* Template children. */
  GtkWidget   *box;
  GtkWidget   *title_box;
  GtkEntry    *title_entry;
  GtkLabel    *title_counter;
  GtkLabel    *text_heading;
  GtkWidget   *reset_button;
  GtkLabel    *counter_label;
  GtkTextView *text_view;
  GtkLabel    *problem_label;
  GtkLabel    *preview_heading;
  GtkBox      *parts_box;
  GtkLabel    *format_label;

  /* Borrowed: the text buffer's tag that marks what does not fit. */
  GtkTextTag  *overflow_tag;

  /* Owned: the draft's title and text, which the tab follows. */
  char        *base_title;
  char        *base_body;

  /* What the tab shows. */
  CoPlatform   platform;
  int          hashtag_limit;
  gboolean     own_text;      /* the text is this platform's own */
  gboolean     syncing;       /* the text is being set, not typed */
  int          length;
  gboolean     over_limit;
  guint        n_parts;
};

G_DEFINE_FINAL_TYPE (CoPlatformTab, co_platform_tab, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

static char *
dup_text (CoPlatformTab *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
effective_title (CoPlatformTab *self)
{
  const char *own = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));

  return own[0] != '\0' ? own : self->base_title != NULL ? self->base_title : "";
}

static gboolean
has_title (CoPlatformTab *self)
{
  return co_platform_get_limit (self->platform, CO_PLATFORM_FIELD_TITLE) > 0;
}

/* The counter. */

static void
set_counter (GtkLabel   *label,
             int         length,
             int         limit,
             const char *what)
{
  g_autofree char *text = g_strdup_printf ("%d / %d", length, limit);
  g_autofree char *spoken = NULL;

  gtk_label_set_label (label, text);
  if (length > limit)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  /* Translators: read by a screen reader for a counter; the last %s is a field
   * such as "the text for X". */
  spoken = g_strdup_printf (_("%d of %d characters in %s"), length, limit, what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
}

/* Marks the text from the byte @fits on as what the platform would not take. */
static void
mark_overflow (CoPlatformTab *self,
               const char    *text,
               gsize          fits)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end, from;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->overflow_tag, &start, &end);
  if (!self->over_limit || fits >= strlen (text))
    return;
  gtk_text_buffer_get_iter_at_offset (buffer, &from, g_utf8_pointer_to_offset (text, text + fits));
  gtk_text_buffer_apply_tag (buffer, self->overflow_tag, &from, &end);
}

static void
count_text (CoPlatformTab *self,
            const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  CoPlatformCount count = { 0 };

  if (!co_platform_count (self->platform, CO_PLATFORM_FIELD_TEXT, text, &count, &error))
    g_debug ("Cannot count the text for %s: %s", co_platform_to_string (self->platform),
             error->message);
  self->length = count.length;
  self->over_limit = count.length > count.limit;
  /* Translators: %s is a platform such as "X"; it is read out with the counter. */
  what = g_strdup_printf (_("the text for %s"), co_platform_display_name (self->platform));
  set_counter (self->counter_label, count.length,
               co_platform_get_limit (self->platform, CO_PLATFORM_FIELD_TEXT), what);
  mark_overflow (self, text, count.fits);
}

static void
count_title (CoPlatformTab *self)
{
  CoPlatformCount count = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;

  if (!has_title (self))
    return;
  if (!co_platform_count (self->platform, CO_PLATFORM_FIELD_TITLE, effective_title (self),
                          &count, &error))
    g_debug ("Cannot count the title: %s", error->message);
  /* Translators: %s is a platform such as "YouTube"; it is read out with the counter. */
  what = g_strdup_printf (_("the title for %s"), co_platform_display_name (self->platform));
  set_counter (self->title_counter, count.length,
               co_platform_get_limit (self->platform, CO_PLATFORM_FIELD_TITLE), what);
}

/* The preview. */

static GtkWidget *
make_part (const CoPlatformPart *part,
           guint                 index,
           guint                 n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (part->text);
  GtkWidget *caption;
  g_autofree char *text = NULL;

  /* Translators: above one post of a preview: its number, how many there are,
   * and its length as the platform counts it. */
  text = g_strdup_printf (_("Post %u of %u · %d"), index + 1, n, part->length);
  caption = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "co-post-part");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
show_parts (CoPlatformTab *self,
            GPtrArray     *parts)
{
  GtkWidget *child;
  g_autofree char *heading = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parts_box))) != NULL)
    gtk_box_remove (self->parts_box, child);
  self->n_parts = parts != NULL ? parts->len : 0;
  for (guint i = 0; i < self->n_parts; i++)
    gtk_box_append (self->parts_box, make_part (g_ptr_array_index (parts, i), i, self->n_parts));
  if (self->n_parts > 1)
    heading = g_strdup_printf (ngettext ("As a thread of %u post", "As a thread of %u posts",
                                         self->n_parts), self->n_parts);
  else
    heading = g_strdup (_("As it will be posted"));
  gtk_label_set_label (self->preview_heading, heading);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_heading), self->n_parts > 0);
}

static void
update_preview (CoPlatformTab *self,
                const char    *text)
{
  CoPlatformPost post = { has_title (self) ? effective_title (self) : NULL, text, NULL,
                          self->hashtag_limit };
  g_autoptr(GError) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;

  co_platform_check_post (self->platform, &post, &problem);
  gtk_label_set_label (self->problem_label, problem != NULL ? problem->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (text[0] != '\0')
    parts = co_platform_adapt_post (self->platform, &post, &error);
  show_parts (self, parts);
}

static void
refresh (CoPlatformTab *self)
{
  g_autofree char *text = dup_text (self);

  count_text (self, text);
  count_title (self);
  update_preview (self, text);
  gtk_widget_set_visible (self->reset_button, self->own_text);
}

/* Callbacks. */

static void
text_changed_cb (CoPlatformTab *self)
{
  g_autofree char *text = NULL;

  if (!self->syncing)
    {
      text = dup_text (self);
      self->own_text = g_strcmp0 (text, self->base_body != NULL ? self->base_body : "") != 0;
    }
  refresh (self);
  if (!self->syncing)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
title_changed_cb (CoPlatformTab *self)
{
  refresh (self);
  if (!self->syncing)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_text (CoPlatformTab *self,
          const char    *text)
{
  g_autofree char *current = dup_text (self);

  if (g_strcmp0 (current, text != NULL ? text : "") == 0)
    return;
  self->syncing = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text ? text : "", -1);
  self->syncing = FALSE;
}

static void
reset_clicked_cb (CoPlatformTab *self)
{
  set_text (self, self->base_body);
  self->own_text = FALSE;
  refresh (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* GObject. */

static void
co_platform_tab_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CO_TYPE_PLATFORM_TAB);

  G_OBJECT_CLASS (co_platform_tab_parent_class)->dispose (object);
}

static void
co_platform_tab_finalize (GObject *object)
{
  CoPlatformTab *self = (CoPlatformTab *)object;

  g_free (self->base_title);
  g_free (self->base_body);

  G_OBJECT_CLASS (co_platform_tab_parent_class)->finalize (object);
}

static void
co_platform_tab_class_init (CoPlatformTabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_platform_tab_dispose;
  object_class->finalize = co_platform_tab_finalize;

  /* The person changed the platform's text or title. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-platform-tab.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CoPlatformTab, name)
  BIND (box);
  BIND (title_box);
  BIND (title_entry);
  BIND (title_counter);
  BIND (text_heading);
  BIND (reset_button);
  BIND (counter_label);
  BIND (text_view);
  BIND (problem_label);
  BIND (preview_heading);
  BIND (parts_box);
  BIND (format_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-platform-tab");
}

static void
co_platform_tab_init (CoPlatformTab *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->text_view);
  self->overflow_tag = gtk_text_buffer_create_tag (buffer, "overflow",
                                                   "background", "rgba(224, 27, 36, 0.25)",
                                                   "underline", PANGO_UNDERLINE_ERROR, NULL);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (text_changed_cb), self);
}

static void
name_controls (CoPlatformTab *self)
{
  const char *name = co_platform_display_name (self->platform);
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;

  /* Translators: %s is a platform such as "LinkedIn". */
  heading = g_strdup_printf (_("Text for %s"), name);
  gtk_label_set_label (self->text_heading, heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  heading, -1);
  /* Translators: %s is a platform such as "YouTube". */
  title = g_strdup_printf (_("Title for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_visible (self->title_box, has_title (self));
}

/**
 * co_platform_tab_new:
 * @platform: the platform
 * @hashtag_limit: the creator's Instagram hashtag limit, 0 for the default
 *
 * Returns: (transfer floating): an empty tab
 */
GtkWidget *
co_platform_tab_new (CoPlatform platform,
                     int        hashtag_limit)
{
  CoPlatformTab *self;

  g_return_val_if_fail (platform < CO_N_PLATFORMS, NULL);

  self = g_object_new (CO_TYPE_PLATFORM_TAB, NULL);
  self->platform = platform;
  self->hashtag_limit = hashtag_limit;
  name_controls (self);
  refresh (self);
  return GTK_WIDGET (self);
}

/** co_platform_tab_get_platform: @self: a tab  Returns: its platform */
CoPlatform
co_platform_tab_get_platform (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), CO_PLATFORM_X);
  return self->platform;
}

/**
 * co_platform_tab_load:
 * @self: a tab
 * @variant: (nullable): the draft's variant for the tab's platform
 * @title: (nullable): the draft's title
 * @body: (nullable): the draft's text
 *
 * Shows the variant: its own title and text where it has them, the draft's
 * otherwise.
 */
void
co_platform_tab_load (CoPlatformTab  *self,
                      CoDraftVariant *variant,
                      const char     *title,
                      const char     *body)
{
  const char *own_title = variant ? co_draft_variant_get_title_override (variant) : NULL;
  const char *own_text = variant ? co_draft_variant_get_body_override (variant) : NULL;

  g_return_if_fail (CO_IS_PLATFORM_TAB (self));

  g_free (self->base_title);
  self->base_title = g_strdup (title);
  g_free (self->base_body);
  self->base_body = g_strdup (body);
  self->own_text = own_text != NULL;
  self->syncing = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)),
                 own_title ? own_title : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_entry), own_title ? own_title : "");
  self->syncing = FALSE;
  gtk_entry_set_placeholder_text (self->title_entry, title);
  set_text (self, own_text != NULL ? own_text : body);
  refresh (self);
}

/**
 * co_platform_tab_set_base:
 * @self: a tab
 * @title: (nullable): the draft's title as typed
 * @body: (nullable): the draft's text as typed
 *
 * Follows the draft's title and text while the platform has none of its own.
 */
void
co_platform_tab_set_base (CoPlatformTab *self,
                          const char    *title,
                          const char    *body)
{
  g_return_if_fail (CO_IS_PLATFORM_TAB (self));

  g_free (self->base_title);
  self->base_title = g_strdup (title);
  g_free (self->base_body);
  self->base_body = g_strdup (body);
  gtk_entry_set_placeholder_text (self->title_entry, title);
  if (!self->own_text)
    set_text (self, body);
  refresh (self);
}

/**
 * co_platform_tab_dup_title_override:
 * @self: a tab
 *
 * Returns: (transfer full) (nullable): the platform's own title, or %NULL
 *   when it takes the draft's
 */
char *
co_platform_tab_dup_title_override (CoPlatformTab *self)
{
  const char *own;

  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), NULL);

  own = gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  return has_title (self) && own[0] != '\0' ? g_strdup (own) : NULL;
}

/**
 * co_platform_tab_dup_text_override:
 * @self: a tab
 *
 * Returns: (transfer full) (nullable): the platform's own text, or %NULL
 *   when it takes the draft's
 */
char *
co_platform_tab_dup_text_override (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), NULL);
  return self->own_text ? dup_text (self) : NULL;
}

/** co_platform_tab_set_read_only: @self: a tab  @read_only: whether it may be edited */
void
co_platform_tab_set_read_only (CoPlatformTab *self,
                               gboolean       read_only)
{
  g_return_if_fail (CO_IS_PLATFORM_TAB (self));

  gtk_text_view_set_editable (self->text_view, !read_only);
  gtk_editable_set_editable (GTK_EDITABLE (self->title_entry), !read_only);
  gtk_widget_set_sensitive (self->reset_button, !read_only);
}

/**
 * co_platform_tab_set_format_hint:
 * @self: a tab
 * @summary: (nullable): the library's video format suggestion for the platform
 */
void
co_platform_tab_set_format_hint (CoPlatformTab *self,
                                 const char    *summary)
{
  g_return_if_fail (CO_IS_PLATFORM_TAB (self));

  gtk_label_set_label (self->format_label, summary ? summary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->format_label), summary != NULL);
}

/** co_platform_tab_get_buffer: @self: a tab  Returns: (transfer none): the text's buffer */
GtkTextBuffer *
co_platform_tab_get_buffer (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), NULL);
  return gtk_text_view_get_buffer (self->text_view);
}

/** co_platform_tab_get_counter: @self: a tab  Returns: (transfer none): the text's counter */
GtkLabel *
co_platform_tab_get_counter (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), NULL);
  return self->counter_label;
}

/** co_platform_tab_get_length: @self: a tab  Returns: the text's length as the platform counts it */
int
co_platform_tab_get_length (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), 0);
  return self->length;
}

/** co_platform_tab_get_over_limit: @self: a tab  Returns: whether the text is too long */
gboolean
co_platform_tab_get_over_limit (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), FALSE);
  return self->over_limit;
}

/**
 * co_platform_tab_dup_overflow:
 * @self: a tab
 *
 * Returns: (transfer full): the text marked as past the limit, "" for none
 */
char *
co_platform_tab_dup_overflow (CoPlatformTab *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_starts_tag (&start, self->overflow_tag) &&
      !gtk_text_iter_forward_to_tag_toggle (&start, self->overflow_tag))
    return g_strdup ("");
  end = start;
  gtk_text_iter_forward_to_tag_toggle (&end, self->overflow_tag);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/** co_platform_tab_get_n_parts: @self: a tab  Returns: how many posts the preview shows */
guint
co_platform_tab_get_n_parts (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), 0);
  return self->n_parts;
}

/**
 * co_platform_tab_get_problem:
 * @self: a tab
 *
 * Returns: (nullable): what the platform's rules say against the post, or %NULL
 */
const char *
co_platform_tab_get_problem (CoPlatformTab *self)
{
  g_return_val_if_fail (CO_IS_PLATFORM_TAB (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
         ? gtk_label_get_label (self->problem_label) : NULL;
}
