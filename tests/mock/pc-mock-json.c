/* pc-mock-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mock's records in the contract's JSON shapes, or in the seed's for
 * the seed-only world.
 */
#define G_LOG_DOMAIN "PcMock"

#include <string.h>

#include "pc-mock-state-private.h"

#define MASK "••••••••"

void
pc_mock_json_add_string (JsonBuilder *b,
                         const char  *name,
                         const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The seed's dates have no offset ("2026-11-30T09:12:00", meaning UTC);
 * ours carry one. The builder remembers which world it writes for. */
static gboolean
is_seed_only (JsonBuilder *b)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), "pc-mock-seed-only"));
}

JsonBuilder *
pc_mock_json_builder_new (PcMockState *self)
{
  JsonBuilder *b = json_builder_new ();

  g_object_set_data (G_OBJECT (b), "pc-mock-seed-only", GINT_TO_POINTER (self->seed_only));
  return b;
}

void
pc_mock_json_add_date (JsonBuilder *b,
                       const char  *name,
                       GDateTime   *value)
{
  g_autofree char *text = NULL;

  if (value != NULL && is_seed_only (b))
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (value);
      text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
    }
  else if (value != NULL)
    text = g_date_time_format_iso8601 (value);
  pc_mock_json_add_string (b, name, text);
}

void
pc_mock_json_add_bool (JsonBuilder *b,
                       const char  *name,
                       gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
build_workspace_summary (JsonBuilder   *b,
                         MockWorkspace *w)
{
  json_builder_begin_object (b);
  pc_mock_json_add_string (b, "id", w->id);
  pc_mock_json_add_string (b, "name", w->name);
  pc_mock_json_add_string (b, "picture_url", NULL);
  json_builder_end_object (b);
}

/* Who a person is: what a user and a profile both begin with. */
static void
add_identity (JsonBuilder *b,
              MockUser    *u)
{
  pc_mock_json_add_string (b, "id", u->id);
  pc_mock_json_add_string (b, "uid", u->uid);
  pc_mock_json_add_string (b, "email", u->email);
  pc_mock_json_add_bool (b, "email_verified", u->email_verified);
  pc_mock_json_add_string (b, "name", u->name);
  pc_mock_json_add_string (b, "photo_url", u->photo_url);
  pc_mock_json_add_string (b, "provider", u->provider);
}

void
pc_mock_json_build_user (JsonBuilder *b,
                         MockUser    *u)
{
  json_builder_begin_object (b);
  add_identity (b, u);
  pc_mock_json_add_string (b, "default_template_id", NULL);
  json_builder_end_object (b);
}

JsonNode *
pc_mock_json_profile (PcMockState *self,
                      MockUser    *u)
{
  g_autoptr(JsonBuilder) b = pc_mock_json_builder_new (self);

  json_builder_begin_object (b);
  add_identity (b, u);
  pc_mock_json_add_string (b, "default_workspace_id", u->default_workspace_id);
  pc_mock_json_add_date (b, "onboarded_at", u->onboarded_at);
  pc_mock_json_add_bool (b, "product_updates_subscribed", u->product_updates);
  json_builder_set_member_name (b, "user_workspaces");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->memberships->len; i++)
    {
      MockMembership *m = g_ptr_array_index (self->memberships, i);
      MockWorkspace *w;

      if (g_strcmp0 (m->user_id, u->id) != 0)
        continue;
      json_builder_begin_object (b);
      pc_mock_json_add_date (b, "created_at", m->created_at);
      pc_mock_json_add_string (b, "role", m->role);
      pc_mock_json_add_string (b, "user_id", m->user_id);
      pc_mock_json_add_string (b, "workspace_id", m->workspace_id);
      if (!self->seed_only && (w = pc_mock_state_find_workspace (self, m->workspace_id)) != NULL)
        {
          json_builder_set_member_name (b, "workspace");
          build_workspace_summary (b, w);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
pc_mock_json_build_token (JsonBuilder *b,
                          MockToken   *t,
                          gboolean     whole)
{
  g_autofree char *masked = NULL;

  if (!whole)
    masked = g_strconcat (MASK, t->secret + MAX (0, (int) strlen (t->secret) - 4), NULL);
  json_builder_begin_object (b);
  pc_mock_json_add_string (b, "id", t->id);
  /* The seed's Token has no name, and shows the secret only at creation. */
  if (!is_seed_only (b))
    pc_mock_json_add_string (b, "name", t->name);
  if (whole || !is_seed_only (b))
    pc_mock_json_add_string (b, "token", whole ? t->secret : masked);
  pc_mock_json_add_date (b, "created_at", t->created_at);
  pc_mock_json_add_date (b, "last_used_at", t->last_used_at);
  json_builder_end_object (b);
}

JsonNode *
pc_mock_json_token (PcMockState *self,
                    MockToken   *t,
                    gboolean     whole)
{
  g_autoptr(JsonBuilder) b = pc_mock_json_builder_new (self);
  pc_mock_json_build_token (b, t, whole);
  return json_builder_get_root (b);
}

void
pc_mock_json_build_invitation (PcMockState    *self,
                               JsonBuilder    *b,
                               MockInvitation *inv)
{
  MockWorkspace *w = pc_mock_state_find_workspace (self, inv->workspace_id);
  MockUser *by = pc_mock_state_find_user (self, inv->created_by_user_id, NULL);

  json_builder_begin_object (b);
  /* Left out rather than null when the mock has none: a server may do either. */
  if (inv->id != NULL)
    pc_mock_json_add_string (b, "id", inv->id);
  if (inv->token != NULL)
    pc_mock_json_add_string (b, "token", inv->token);
  pc_mock_json_add_string (b, "email", inv->email);
  pc_mock_json_add_string (b, "role", inv->role);
  pc_mock_json_add_string (b, "workspace_id", inv->workspace_id);
  pc_mock_json_add_string (b, "created_by_user_id", inv->created_by_user_id);
  pc_mock_json_add_date (b, "created_at", inv->created_at);
  pc_mock_json_add_date (b, "expires_at", inv->expires_at);
  if (w != NULL && !self->seed_only)
    {
      json_builder_set_member_name (b, "workspace");
      build_workspace_summary (b, w);
    }
  if (by != NULL && !self->seed_only)
    {
      json_builder_set_member_name (b, "created_by");
      pc_mock_json_build_user (b, by);
    }
  json_builder_end_object (b);
}
