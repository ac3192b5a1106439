/* pc-cli-output.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Aligned text for people and JSON for scripts. The JSON is written from
 * the models' properties, so it follows the models without a second
 * description of them.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pc-cli.h"

static void build_object (JsonBuilder *builder, GObject *object);

static void
build_list (JsonBuilder *builder,
            GListModel  *list)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      build_object (builder, item);
    }
  json_builder_end_array (builder);
}

static void
build_value (JsonBuilder  *builder,
             const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING && g_value_get_string (value) != NULL)
    json_builder_add_string_value (builder, g_value_get_string (value));
  else if (type == G_TYPE_BOOLEAN)
    json_builder_add_boolean_value (builder, g_value_get_boolean (value));
  else if (type == G_TYPE_UINT)
    json_builder_add_int_value (builder, g_value_get_uint (value));
  else if (type == G_TYPE_DATE_TIME && g_value_get_boxed (value) != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (g_value_get_boxed (value));
      json_builder_add_string_value (builder, text);
    }
  else if (G_VALUE_HOLDS_OBJECT (value) && G_IS_LIST_MODEL (g_value_get_object (value)))
    build_list (builder, g_value_get_object (value));
  else if (G_VALUE_HOLDS_OBJECT (value) && g_value_get_object (value) != NULL)
    build_object (builder, g_value_get_object (value));
  else
    json_builder_add_null_value (builder);
}

static void
build_object (JsonBuilder *builder,
              GObject     *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *name = g_strdelimit (g_strdup (pspecs[i]->name), "-", '_');

      /* The server's fields are read-only properties; a writable one is
       * the app's state of the item (PcToken:deleting,
       * PcInvitation:answering), no part of the document. */
      if (!(pspecs[i]->flags & G_PARAM_READABLE) || (pspecs[i]->flags & G_PARAM_WRITABLE))
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
      json_builder_set_member_name (builder, name);
      build_value (builder, &value);
    }
  json_builder_end_object (builder);
}

static void print_node (JsonNode *root);

static void
print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  print_node (root);
}

void
pc_cli_print_json (GObject *object)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build_object (builder, object);
  print_builder (builder);
}

void
pc_cli_print_json_list (GListModel *list)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  build_list (builder, list);
  print_builder (builder);
}

/* A token as its properties say, and the name kept on this computer (the
 * API's Token has none) with the title the desktop app shows. */
static JsonNode *
token_node (PcToken    *token,
            const char *local_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *title = pc_format_token_title (token, local_name);
  JsonNode *node;
  JsonObject *object;

  build_object (builder, G_OBJECT (token));
  node = json_builder_get_root (builder);
  object = json_node_get_object (node);
  if (local_name != NULL)
    json_object_set_string_member (object, "local_name", local_name);
  else
    json_object_set_null_member (object, "local_name");
  json_object_set_string_member (object, "title", title);
  return node;
}

/**
 * pc_cli_write_output:
 * @text: (transfer full): what to print
 *
 * Writes @text to standard output as g_print() would (in the locale's
 * character set), in one go, then wipes and frees it.
 */
void
pc_cli_write_output (GString *text)
{
  if (g_get_charset (NULL))
    fwrite (text->str, 1, text->len, stdout);
  else
    g_print ("%s", text->str);
  explicit_bzero (text->str, text->len);
  g_string_free (text, TRUE);
}

/* Indented for a person at a terminal, compact for a program. */
static void
print_node (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *text = g_string_new (NULL);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, isatty (STDOUT_FILENO));
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');
  pc_cli_write_output (text);
}

void
pc_cli_print_json_token (PcToken    *token,
                         const char *local_name)
{
  g_autoptr(JsonNode) node = token_node (token, local_name);

  print_node (node);
}

void
pc_cli_print_json_string (const char *member,
                          const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  print_builder (builder);
}

/* Text */

/* "3 days ago (28 April 2026, 14:03)": the exact date as the desktop app
 * shows it in its tooltips. */
static char *
format_date (GDateTime  *date,
             const char *none)
{
  g_autofree char *relative = NULL;
  g_autofree char *exact = NULL;

  if (date == NULL)
    return g_strdup (none);
  relative = pc_format_relative_date (date, NULL);
  exact = pc_format_exact_date (date);
  return g_strdup_printf ("%s (%s)", relative, exact);
}

/* Pads by characters, not bytes, so that "••••" lines up. */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

static void
print_fields (const char * const *pairs)
{
  GString *out = g_string_new (NULL);
  guint width = 0;

  for (guint i = 0; pairs[i] != NULL; i += 2)
    width = MAX (width, (guint) g_utf8_strlen (pairs[i], -1));
  for (guint i = 0; pairs[i] != NULL; i += 2)
    {
      append_padded (out, pairs[i], width + 2);
      g_string_append (out, pairs[i + 1] ? pairs[i + 1] : "");
      g_string_append_c (out, '\n');
    }
  pc_cli_write_output (out);
}

/* Rows of cells, the first row the header; each row NULL-terminated. */
static void
print_table (GPtrArray *rows,
             guint      n_columns)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (cells[c], -1));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      for (guint c = 0; c < n_columns; c++)
        {
          if (c + 1 < n_columns)
            append_padded (out, cells[c], widths[c] + 2);
          else
            g_string_append (out, cells[c]);
        }
      g_string_append_c (out, '\n');
    }
  pc_cli_write_output (out);
}

static char *
format_workspaces (PcProfile *profile)
{
  GListModel *workspaces = pc_profile_get_workspaces (profile);
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (workspaces); i++)
    {
      g_autoptr(PcWorkspaceMembership) m = g_list_model_get_item (workspaces, i);
      g_autofree char *name = pc_workspace_membership_dup_display_name (m);
      gboolean is_default = g_strcmp0 (pc_workspace_membership_get_workspace_id (m),
                                       pc_profile_get_default_workspace_id (profile)) == 0;

      if (i > 0)
        g_string_append (list, "; ");
      /* Translators: a workspace: its name, role and id. */
      g_string_append_printf (list, _("%s (%s, %s)"), name,
                              pc_format_role (pc_workspace_membership_get_role (m)),
                              pc_workspace_membership_get_workspace_id (m));
      if (is_default)
        g_string_append (list, _(", default"));
    }
  if (list->len == 0)
    g_string_append (list, _("(none)"));
  return g_string_free (list, FALSE);
}

void
pc_cli_print_profile (PcProfile *profile)
{
  g_autofree char *onboarded = format_date (pc_profile_get_onboarded_at (profile), _("not yet"));
  g_autofree char *workspaces = format_workspaces (profile);
  const char *fields[] = {
    _("Name"), pc_profile_get_name (profile) ? pc_profile_get_name (profile) : _("(none)"),
    _("Email"), pc_profile_get_email (profile),
    _("Email verified"), pc_profile_get_email_verified (profile) ? _("yes") : _("no"),
    _("Sign-in provider"), pc_profile_get_provider (profile),
    _("User id"), pc_profile_get_id (profile),
    _("Photo"), pc_profile_get_photo_url (profile) ? pc_profile_get_photo_url (profile) : _("(none)"),
    _("Product updates"), pc_profile_get_product_updates_subscribed (profile) ? _("on") : _("off"),
    _("Onboarded"), onboarded,
    _("Workspaces"), workspaces,
    NULL
  };

  print_fields (fields);
}

/* The masked secret, or nothing when the server sent none (the seed's
 * Token carries it only in the answer to its creation). */
static char *
masked_secret (PcToken *token)
{
  return pc_token_get_token (token) ? pc_token_dup_masked (token) : NULL;
}

/* @local_name: (nullable): the name kept on this computer */
void
pc_cli_print_token (PcToken    *token,
                    const char *local_name)
{
  g_autofree char *title = pc_format_token_title (token, local_name);
  g_autofree char *masked = masked_secret (token);
  g_autofree char *created = format_date (pc_token_get_created_at (token), _("unknown"));
  g_autofree char *used = format_date (pc_token_get_last_used_at (token), _("never"));
  const char *fields[] = {
    _("Id"), pc_token_get_id (token),
    _("Name"), title,
    _("Created"), created,
    _("Last used"), used,
    masked ? _("Token") : NULL, masked,
    NULL
  };

  print_fields (fields);
}

/* The invitation's words are the desktop app's (see pc-format.c); the
 * columns say what the app leaves unsaid. */
static char *
format_expiry (PcInvitation *invitation)
{
  char *expiry = pc_format_invitation_expiry (invitation, NULL);

  return expiry != NULL ? expiry : g_strdup (_("does not expire"));
}

static const char *
inviter_name (PcInvitation *invitation)
{
  const char *inviter = pc_format_invitation_inviter (invitation);

  return inviter != NULL ? inviter : "";
}

void
pc_cli_print_invitation (PcInvitation *invitation)
{
  g_autofree char *workspace = pc_invitation_dup_workspace_name (invitation);
  g_autofree char *expiry = format_expiry (invitation);
  g_autofree char *role = pc_format_invitation_role (invitation);
  const char *fields[] = {
    _("Workspace"), workspace,
    _("Workspace id"), pc_invitation_get_workspace_id (invitation),
    _("Role"), role,
    _("Invited by"), inviter_name (invitation),
    _("Invited email"), pc_invitation_get_email (invitation),
    _("Expiry"), expiry,
    _("Token"), pc_invitation_get_token (invitation),
    NULL
  };

  print_fields (fields);
}

void
pc_cli_print_invitations (GListModel *invitations)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = g_list_model_get_n_items (invitations);
  guint unanswerable = 0;

  if (n == 0)
    {
      g_printerr (_("No invitations are waiting for you.\n"));
      return;
    }

  g_ptr_array_add (rows, g_strdupv ((char *[]) { _("WORKSPACE"), _("ROLE"), _("INVITED BY"), _("EXPIRES"),
                                                 _("TOKEN"), NULL }));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PcInvitation) invitation = g_list_model_get_item (invitations, i);
      char **row = g_new0 (char *, 6);

      row[0] = pc_invitation_dup_workspace_name (invitation);
      row[1] = g_strdup (pc_format_role (pc_invitation_get_role (invitation)));
      row[2] = g_strdup (inviter_name (invitation));
      row[3] = format_expiry (invitation);
      row[4] = g_strdup (pc_invitation_can_answer (invitation) ? pc_invitation_get_token (invitation) : _("(none)"));
      g_ptr_array_add (rows, row);
      unanswerable += !pc_invitation_can_answer (invitation);
    }
  print_table (rows, 5);
  if (unanswerable > 0)
    g_printerr (_("An invitation without a token cannot be answered here: use the link in the invitation email.\n"));
}
