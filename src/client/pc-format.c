/* pc-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "pc-format.h"

/**
 * pc_format_relative_date:
 * @now: (nullable): the present, for tests; the clock when %NULL
 *
 * "just now", "5 minutes ago", "3 days ago", "in 2 days": one rounded
 * number in the coarsest fitting unit, which is what people read at a
 * glance; the exact date belongs in a tooltip.
 */
char *
pc_format_relative_date (GDateTime *date,
                         GDateTime *now)
{
  g_autoptr(GDateTime) clock = NULL;
  GTimeSpan span;
  gboolean future;
  gint64 n;

  g_return_val_if_fail (date != NULL, NULL);

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();

  span = g_date_time_difference (now, date);
  future = span < 0;
  if (future)
    span = -span;

  /* Rounded to the nearest unit, with thresholds below a whole next unit,
   * so that an invitation due in 47 hours 59 minutes reads "in 2 days". */
  if (span < 45 * G_TIME_SPAN_SECOND)
    return g_strdup (future ? _("in a moment") : _("just now"));

  if (span < 45 * G_TIME_SPAN_MINUTE)
    {
      n = MAX (1, (span + G_TIME_SPAN_MINUTE / 2) / G_TIME_SPAN_MINUTE);
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n),
                              (int) n);
    }
  if (span < 22 * G_TIME_SPAN_HOUR)
    {
      n = MAX (1, (span + G_TIME_SPAN_HOUR / 2) / G_TIME_SPAN_HOUR);
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d hour", "in %d hours", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n),
                              (int) n);
    }
  if (span < 45 * G_TIME_SPAN_DAY)
    {
      n = MAX (1, (span + G_TIME_SPAN_DAY / 2) / G_TIME_SPAN_DAY);
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n),
                              (int) n);
    }
  if (span < 345 * G_TIME_SPAN_DAY)
    {
      n = MAX (1, (span + 15 * G_TIME_SPAN_DAY) / (30 * G_TIME_SPAN_DAY));
      return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d month", "in %d months", n)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago", n),
                              (int) n);
    }
  n = MAX (1, (span + 182 * G_TIME_SPAN_DAY) / (365 * G_TIME_SPAN_DAY));
  return g_strdup_printf (future ? g_dngettext (GETTEXT_PACKAGE, "in %d year", "in %d years", n)
                                 : g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago", n),
                          (int) n);
}

/* The documented roles by their names; anything else as the server sent it. */
const char *
pc_format_role (const char *role)
{
  if (role == NULL)
    return "";
  if (g_ascii_strcasecmp (role, "VIEWER") == 0)
    return _("Viewer");
  if (g_ascii_strcasecmp (role, "EDITOR") == 0)
    return _("Editor");
  if (g_ascii_strcasecmp (role, "ADMIN") == 0)
    return _("Admin");
  if (g_ascii_strcasecmp (role, "OWNER") == 0)
    return _("Owner");
  if (g_ascii_strcasecmp (role, "DEMO") == 0)
    return _("Demo");
  return role;
}

/* One line on what the role allows; NULL for a role we do not know. */
const char *
pc_format_role_summary (const char *role)
{
  if (role == NULL)
    return NULL;
  if (g_ascii_strcasecmp (role, "VIEWER") == 0)
    return _("Can view and download recordings");
  if (g_ascii_strcasecmp (role, "EDITOR") == 0)
    return _("Can edit, enrich and delete recordings");
  if (g_ascii_strcasecmp (role, "ADMIN") == 0)
    return _("Can edit, enrich and delete recordings, and manage members");
  if (g_ascii_strcasecmp (role, "OWNER") == 0)
    return _("Created the workspace; can do everything");
  if (g_ascii_strcasecmp (role, "DEMO") == 0)
    return _("Can look around a read-only demo workspace");
  return NULL;
}

/**
 * pc_format_short_id:
 *
 * The first eight characters of @id, which is how people tell ids apart
 * (as with commits); the whole id when it is shorter or not text.
 */
char *
pc_format_short_id (const char *id)
{
  if (id == NULL)
    return g_strdup ("");
  if (g_utf8_validate (id, -1, NULL) && g_utf8_strlen (id, -1) > 8)
    return g_utf8_substring (id, 0, 8);
  return g_strdup (id);
}

/**
 * pc_format_workspace_title:
 * @name: (nullable): the name the server sent, if any
 *
 * What to call a workspace: its name when the server sent one, otherwise
 * "Workspace c1d2e3f4" (the start of its id), never a bare id.
 */
char *
pc_format_workspace_title (const char *workspace_id,
                           const char *name)
{
  g_autofree char *short_id = NULL;

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (workspace_id == NULL || *workspace_id == '\0')
    return g_strdup (_("Unknown workspace"));
  short_id = pc_format_short_id (workspace_id);
  /* Translators: a workspace the server sent no name for; %s is the start of its id. */
  return g_strdup_printf (_("Workspace %s"), short_id);
}

/**
 * pc_format_token_title:
 * @local_name: (nullable): the name kept on this computer, if any
 *
 * What to call a token: the name given to it here, else the name the
 * server sent (the seed's Token has none), else "Unnamed token" and the
 * start of its id, which tells unnamed tokens apart.
 */
char *
pc_format_token_title (PcToken    *token,
                       const char *local_name)
{
  g_return_val_if_fail (PC_IS_TOKEN (token), NULL);

  return pc_format_token_title_from_fields (pc_token_get_id (token), pc_token_get_name (token), local_name);
}

/**
 * pc_format_token_title_from_fields:
 * @id: the token's id
 * @name: (nullable): the name the server sent
 * @local_name: (nullable): the name kept on this computer
 *
 * pc_format_token_title() for a token read without its model.
 */
char *
pc_format_token_title_from_fields (const char *id,
                                   const char *name,
                                   const char *local_name)
{
  g_autofree char *short_id = NULL;

  if (local_name != NULL && *local_name != '\0')
    return g_strdup (local_name);
  if (name != NULL && *name != '\0')
    return g_strdup (name);
  short_id = pc_format_short_id (id);
  /* Translators: a token without a name; %s is the start of its id, such as "tok-0001". */
  return g_strdup_printf (_("Unnamed token %s"), short_id);
}

/**
 * pc_format_masked_token:
 * @token: (nullable): the token as the server sent it
 *
 * A form of the token that is safe to show: its last four characters behind
 * dots. Whatever the server sent (whole or already masked), at most four
 * characters of it come out.
 */
char *
pc_format_masked_token (const char *token)
{
  const char *tail;
  glong length;

  if (token == NULL || !g_utf8_validate (token, -1, NULL))
    return g_strdup ("••••");

  length = g_utf8_strlen (token, -1);
  if (length < 12)
    return g_strdup ("••••");
  tail = g_utf8_offset_to_pointer (token, length - 4);
  return g_strconcat ("••••", tail, NULL);
}
