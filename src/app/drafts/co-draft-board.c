/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "co-app"

#include "config.h"

#include <glib/gi18n.h>

#include "co-draft-board.h"
#include "co-draft-card.h"
#include "co-error.h"
#include "co-ui-util.h"

/* The drafts board: a column per stage.  Every way of moving a card (a
 * drop on a column, the card's menu, Alt+Left and Alt+Right on the focused
 * card) ends in co_draft_board_move(), which asks the library; a move the
 * rules refuse is answered with the library's reason in a toast, and the
 * columns follow the library's "changed" signal. */

struct _CoDraftBoard
{
  GtkWidget      parent_instance;

  /* Template children. */
  GtkWidget     *scroller;
  CoDraftColumn *saved_column;
  CoDraftColumn *draft_column;
  CoDraftColumn *scheduled_column;
  CoDraftColumn *published_column;

  /* Owned. */
  CoDrafts      *drafts;
  GCancellable  *cancellable;
  guint          moving;
};

G_DEFINE_FINAL_TYPE (CoDraftBoard, co_draft_board, GTK_TYPE_WIDGET)

typedef struct
{
  CoDraftBoard *self;
  CoDraftStage  stage;
} MoveCall;

static void
move_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MoveCall *call = user_data;
  g_autoptr(CoDraftBoard) self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CoDraftStage stage = call->stage;

  g_free (call);
  self->moving--;
  if (co_drafts_move_finish (CO_DRAFTS (object), result, &error))
    {
      /* Said aloud for keyboard users, whose card leaves the focused column. */
      text = g_strdup_printf (_("Moved to %s"), co_draft_stage_display_name (stage));
      co_ui_toast (GTK_WIDGET (self), text);
    }
  else if (!co_error_is_cancelled (error))
    co_ui_toast (GTK_WIDGET (self), error->message);
}

/* The draft of the card that has the keyboard focus, if any. */
static CoDraft *
focused_draft (CoDraftBoard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (CO_IS_DRAFT_CARD (w))
        return co_draft_card_get_draft (CO_DRAFT_CARD (w));
      /* A list row holds the focus itself, with its card as its child. */
      if (child != NULL && CO_IS_DRAFT_CARD (child))
        return co_draft_card_get_draft (CO_DRAFT_CARD (child));
    }
  return NULL;
}

/* Actions. */

static void
move_to_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  g_autoptr(GError) error = NULL;
  const char *stage_name = NULL;
  CoDraftStage stage;
  gint64 id = 0;

  g_variant_get (param, "(x&s)", &id, &stage_name);
  if (!co_draft_stage_from_string (stage_name, &stage, &error))
    g_critical ("%s", error->message);
  else
    co_draft_board_move (CO_DRAFT_BOARD (widget), id, stage);
}

/* Alt+Right moves one stage on; Alt+Left moves back, which only a
 * Scheduled draft may do, to Draft: any other is refused with the reason. */
static void
move_step_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  CoDraftBoard *self = CO_DRAFT_BOARD (widget);
  CoDraft *draft = focused_draft (self);
  CoDraftStage stage;
  int to;

  if (draft == NULL)
    return;
  stage = co_draft_get_stage (draft);
  if (g_str_equal (name, "board.move-next"))
    to = MIN ((int)stage + 1, (int)CO_DRAFT_STAGE_PUBLISHED);
  else
    to = stage == CO_DRAFT_STAGE_SCHEDULED ? CO_DRAFT_STAGE_DRAFT : MAX ((int)stage - 1, 0);
  co_draft_board_move (self, co_draft_get_id (draft), (CoDraftStage)to);
}

/* GObject. */

static void
co_draft_board_dispose (GObject *object)
{
  CoDraftBoard *self = (CoDraftBoard *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CO_TYPE_DRAFT_BOARD);
  g_clear_object (&self->drafts);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (co_draft_board_parent_class)->dispose (object);
}

static void
co_draft_board_class_init (CoDraftBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = co_draft_board_dispose;

  g_type_ensure (CO_TYPE_DRAFT_COLUMN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/creatorops/CreatorOps/co-draft-board.ui");
  gtk_widget_class_bind_template_child (widget_class, CoDraftBoard, scroller);
  gtk_widget_class_bind_template_child (widget_class, CoDraftBoard, saved_column);
  gtk_widget_class_bind_template_child (widget_class, CoDraftBoard, draft_column);
  gtk_widget_class_bind_template_child (widget_class, CoDraftBoard, scheduled_column);
  gtk_widget_class_bind_template_child (widget_class, CoDraftBoard, published_column);

  gtk_widget_class_install_action (widget_class, "board.move-to", "(xs)", move_to_action);
  gtk_widget_class_install_action (widget_class, "board.move-next", NULL, move_step_action);
  gtk_widget_class_install_action (widget_class, "board.move-back", NULL, move_step_action);
  /* Every key here is listed in ui/help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "board.move-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "board.move-back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "co-draft-board");
}

static void
co_draft_board_init (CoDraftBoard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

static CoDraftColumn **
columns (CoDraftBoard *self,
         CoDraftColumn *out[CO_N_DRAFT_STAGES])
{
  out[CO_DRAFT_STAGE_SAVED] = self->saved_column;
  out[CO_DRAFT_STAGE_DRAFT] = self->draft_column;
  out[CO_DRAFT_STAGE_SCHEDULED] = self->scheduled_column;
  out[CO_DRAFT_STAGE_PUBLISHED] = self->published_column;
  return out;
}

/**
 * co_draft_board_set_drafts:
 * @self: the board
 * @drafts: the library's drafts
 */
void
co_draft_board_set_drafts (CoDraftBoard *self,
                           CoDrafts     *drafts)
{
  CoDraftColumn *all[CO_N_DRAFT_STAGES];

  g_return_if_fail (CO_IS_DRAFT_BOARD (self));
  g_return_if_fail (CO_IS_DRAFTS (drafts));

  g_set_object (&self->drafts, drafts);
  columns (self, all);
  for (guint i = 0; i < CO_N_DRAFT_STAGES; i++)
    co_draft_column_set_drafts (all[i], drafts);
}

/** co_draft_board_get_column: @self: the board  @stage: a stage  Returns: (transfer none): its column */
CoDraftColumn *
co_draft_board_get_column (CoDraftBoard *self,
                           CoDraftStage  stage)
{
  CoDraftColumn *all[CO_N_DRAFT_STAGES];

  g_return_val_if_fail (CO_IS_DRAFT_BOARD (self), NULL);
  g_return_val_if_fail (stage < CO_N_DRAFT_STAGES, NULL);

  return columns (self, all)[stage];
}

/**
 * co_draft_board_set_filter:
 * @self: the board
 * @search: (nullable): words the drafts' title or text must contain
 * @platform: (nullable): the platform they must target, or %NULL for all
 */
void
co_draft_board_set_filter (CoDraftBoard     *self,
                           const char       *search,
                           const CoPlatform *platform)
{
  CoDraftColumn *all[CO_N_DRAFT_STAGES];

  g_return_if_fail (CO_IS_DRAFT_BOARD (self));

  columns (self, all);
  for (guint i = 0; i < CO_N_DRAFT_STAGES; i++)
    co_draft_column_set_filter (all[i], search, platform);
}

/**
 * co_draft_board_move:
 * @self: the board
 * @id: a draft
 * @stage: where to move it
 *
 * Asks the library to move the draft, in a worker thread.  A refused move
 * shows the library's reason in a toast.
 */
void
co_draft_board_move (CoDraftBoard *self,
                     gint64        id,
                     CoDraftStage  stage)
{
  MoveCall *call;

  g_return_if_fail (CO_IS_DRAFT_BOARD (self));
  g_return_if_fail (stage < CO_N_DRAFT_STAGES);

  if (self->drafts == NULL)
    return;
  call = g_new0 (MoveCall, 1);
  call->self = g_object_ref (self);
  call->stage = stage;
  self->moving++;
  co_drafts_move_async (self->drafts, id, stage, self->cancellable, move_done_cb, call);
}

/** co_draft_board_get_moving: @self: the board  Returns: how many moves are under way */
guint
co_draft_board_get_moving (CoDraftBoard *self)
{
  g_return_val_if_fail (CO_IS_DRAFT_BOARD (self), 0);
  return self->moving;
}
