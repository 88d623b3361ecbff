/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "co-draft.h"
#include "co-publish-post.h"
#include "co-store.h"

G_BEGIN_DECLS

/*
 * The files a draft hands to the platforms: its linked vault items that are
 * images or videos, in the draft's order, each read from the library's
 * stored copy (so a post goes out whether or not the file it was imported
 * from is still there).
 */

typedef struct _CoDraftMedia CoDraftMedia;

CoDraftMedia         *co_draft_media_new  (CoStore       *store,
                                           CoDraft       *draft,
                                           GError       **error);
const CoPublishMedia *co_draft_media_get  (CoDraftMedia  *self,
                                           guint         *out_n_media);
void                  co_draft_media_free (CoDraftMedia  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoDraftMedia, co_draft_media_free)

G_END_DECLS
