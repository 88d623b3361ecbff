/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-duration.h"
#include "co-error.h"
#include "co-filmstrip.h"
#include "co-thumbnail.h"

/* The filmstrip under the waveform: a picture of the start and of each
 * scene change, made by the library in a worker thread.  Clicking one asks
 * to move the playhead there.  It shows itself only when it has pictures. */

#define PICTURE_SIZE 96

struct _CoFilmstrip
{
  GtkBox        parent_instance;

  /* Owned: the pictures being made for the source shown. */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (CoFilmstrip, co_filmstrip, GTK_TYPE_BOX)

enum {
  SIGNAL_SEEK,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

/* A filmstrip being made: a disposed strip does not wait for its pictures. */
typedef struct
{
  GWeakRef  strip;
  GArray   *times;  /* double */
} StripCall;

static void
strip_call_free (StripCall *call)
{
  g_weak_ref_clear (&call->strip);
  g_array_unref (call->times);
  g_free (call);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StripCall, strip_call_free)

static void
picture_clicked_cb (GtkButton   *button,
                    CoFilmstrip *self)
{
  const double *time = g_object_get_data (G_OBJECT (button), "co-time");

  g_signal_emit (self, signals[SIGNAL_SEEK], 0, *time);
}

static GtkWidget *
make_button (CoFilmstrip *self,
             GdkPixbuf   *pixbuf,
             double       time,
             gboolean     first)
{
  g_autofree char *label = co_duration_format (MAX (time, 0), CO_DURATION_FORMAT_MILLIS);
  g_autofree char *tip = first ? g_strdup_printf (_("Start, %s"), label)
                               : g_strdup_printf (_("Scene at %s"), label);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  GtkWidget *button = gtk_button_new ();

  gtk_widget_set_size_request (picture, PICTURE_SIZE, -1);
  gtk_button_set_child (GTK_BUTTON (button), picture);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  g_object_set_data_full (G_OBJECT (button), "co-time", g_memdup2 (&time, sizeof time), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (picture_clicked_cb), self);
  return button;
}

static void
strip_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(StripCall) call = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strip = co_thumbnail_render_strip_finish (result, &error);
  g_autoptr(CoFilmstrip) self = g_weak_ref_get (&call->strip);

  /* A cancelled strip belongs to a source no longer shown. */
  if (strip == NULL || self == NULL)
    {
      if (strip == NULL && !co_error_is_cancelled (error))
        g_warning ("No filmstrip: %s", error->message);
      return;
    }
  for (guint i = 0; i < strip->len; i++)
    gtk_box_append (GTK_BOX (self), make_button (self, g_ptr_array_index (strip, i),
                                                 g_array_index (call->times, double, i), i == 0));
  gtk_widget_set_visible (GTK_WIDGET (self), strip->len > 0);
}

static void
co_filmstrip_dispose (GObject *object)
{
  CoFilmstrip *self = (CoFilmstrip *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (co_filmstrip_parent_class)->dispose (object);
}

static void
co_filmstrip_class_init (CoFilmstripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = co_filmstrip_dispose;

  /**
   * CoFilmstrip::seek:
   * @self: the filmstrip
   * @time: the picture's time, in seconds
   *
   * A picture was clicked: the page moves the playhead to it.
   */
  signals[SIGNAL_SEEK] = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
co_filmstrip_init (CoFilmstrip *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * co_filmstrip_set_source:
 * @self: the filmstrip
 * @path: (nullable): the video file
 * @analysis: (nullable): its analysis, whose scene changes get a picture
 *
 * Shows a picture of the start of @path and of each scene change, once
 * they are made; without scene changes the filmstrip hides.
 */
void
co_filmstrip_set_source (CoFilmstrip      *self,
                         const char       *path,
                         const CoAnalysis *analysis)
{
  gsize n = 0;
  const CoScene *scenes = analysis != NULL ? co_analysis_get_scenes (analysis, &n) : NULL;
  GtkWidget *child;
  StripCall *call;
  double start = 0.0;

  g_return_if_fail (CO_IS_FILMSTRIP (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (n == 0 || path == NULL)
    return;
  call = g_new0 (StripCall, 1);
  g_weak_ref_init (&call->strip, self);
  call->times = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (call->times, start);
  for (gsize i = 0; i < n; i++)
    g_array_append_val (call->times, scenes[i].time);
  self->cancellable = g_cancellable_new ();
  co_thumbnail_render_strip_async (path, (const double *)(gpointer)call->times->data,
                                   call->times->len, PICTURE_SIZE, self->cancellable,
                                   strip_done_cb, call);
}
