/* pc-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pc-error.h"
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

/**
 * pc_format_exact_date:
 * @date: (nullable): a date, in any time zone
 *
 * A date and time to the minute, in the local time zone and the reader's
 * language ("5 May 2026, 14:03"), for where the relative date is not
 * enough: tooltips, details, the command line's columns.
 *
 * Returns: (nullable): the date, or %NULL for %NULL
 */
char *
pc_format_exact_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;
  const char *start;

  if (date == NULL)
    return NULL;
  local = g_date_time_to_local (date);
  /* Translators: an exact date and time, see strftime(3). */
  text = g_date_time_format (local, _("%e %B %Y, %H:%M"));
  if (text == NULL)
    return NULL;
  /* %e pads a day below 10 with a figure space (U+2007), for columns of
   * dates: alone, or in a sentence, it is only a gap. */
  start = text;
  while (g_str_has_prefix (start, "\u2007") || *start == ' ')
    start = *start == ' ' ? start + 1 : start + strlen ("\u2007");
  return g_strdup (start);
}

/* Invitations */

/**
 * pc_format_invitation_role:
 *
 * The role offered and what it allows ("Viewer: Can view and download
 * recordings"); the role alone when we do not know it.
 */
char *
pc_format_invitation_role (PcInvitation *invitation)
{
  const char *role;
  const char *summary;

  g_return_val_if_fail (PC_IS_INVITATION (invitation), NULL);

  role = pc_invitation_get_role (invitation);
  summary = pc_format_role_summary (role);
  if (summary == NULL)
    return g_strdup (pc_format_role (role));
  /* Translators: a role, then what it allows: "Viewer: can view and download recordings". */
  return g_strdup_printf (_("%s: %s"), pc_format_role (role), summary);
}

/**
 * pc_format_invitation_inviter:
 *
 * Who sent the invitation: their name, else their email.
 *
 * Returns: (nullable): the inviter, or %NULL when the server did not say
 */
const char *
pc_format_invitation_inviter (PcInvitation *invitation)
{
  PcUser *inviter;
  const char *who;

  g_return_val_if_fail (PC_IS_INVITATION (invitation), NULL);

  inviter = pc_invitation_get_created_by (invitation);
  who = inviter != NULL ? pc_user_get_display_name (inviter) : NULL;
  return who != NULL && *who != '\0' ? who : NULL;
}

/**
 * pc_format_invitation_expiry:
 * @now: (nullable): the present, for tests; the clock when %NULL
 *
 * When the invitation ends, relative to @now: "expires in 2 days", or
 * "expired 3 days ago".
 *
 * Returns: (nullable): the expiry, or %NULL when the invitation has none
 */
char *
pc_format_invitation_expiry (PcInvitation *invitation,
                             GDateTime    *now)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autofree char *relative = NULL;
  GDateTime *end;

  g_return_val_if_fail (PC_IS_INVITATION (invitation), NULL);

  end = pc_invitation_get_expires_at (invitation);
  if (end == NULL)
    return NULL;
  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();
  relative = pc_format_relative_date (end, now);
  if (pc_invitation_is_expired (invitation, now))
    /* Translators: %s is a relative date such as "3 days ago". */
    return g_strdup_printf (_("expired %s"), relative);
  /* Translators: %s is a time from now, such as "in 2 days". */
  return g_strdup_printf (_("expires %s"), relative);
}

/**
 * pc_format_invitation_summary:
 * @now: (nullable): the present, for tests; the clock when %NULL
 *
 * The lines under a workspace's name: the role and what it allows, then
 * who invited and when the invitation ends ("Invited by Grace, expires in
 * 2 days"). An expired one says only that, and what to do.
 */
char *
pc_format_invitation_summary (PcInvitation *invitation,
                              GDateTime    *now)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autofree char *first = NULL;
  g_autofree char *when = NULL;
  g_autofree char *second = NULL;
  const char *who;

  g_return_val_if_fail (PC_IS_INVITATION (invitation), NULL);

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();
  if (pc_invitation_is_expired (invitation, now))
    /* Translators: %s is the role offered, such as "Editor". */
    return g_strdup_printf (_("%s. Expired: ask a workspace admin to invite you again"),
                            pc_format_role (pc_invitation_get_role (invitation)));

  first = pc_format_invitation_role (invitation);
  who = pc_format_invitation_inviter (invitation);
  when = pc_format_invitation_expiry (invitation, now);
  if (who != NULL && when != NULL)
    /* Translators: who sent the invitation, then when it expires ("expires in 2 days"). */
    second = g_strdup_printf (_("Invited by %s, %s"), who, when);
  else if (who != NULL)
    second = g_strdup_printf (_("Invited by %s"), who);
  else if (when != NULL)
    {
      second = g_steal_pointer (&when);
      second[0] = g_ascii_toupper (second[0]);
    }

  return second != NULL ? g_strconcat (first, "\n", second, NULL) : g_steal_pointer (&first);
}

/* Answers to invitations */

static gboolean
no_longer_valid (const GError *error)
{
  return g_error_matches (error, PC_ERROR, PC_ERROR_GONE) || g_error_matches (error, PC_ERROR, PC_ERROR_NOT_FOUND);
}

/**
 * pc_answer_for_accept:
 * @error: (nullable): why accepting failed; %NULL when it did not
 *
 * What an accept came to: a 409 means a member already, which is what
 * the person wanted; a 404 or 410 that there is nothing left to accept.
 */
PcAnswer
pc_answer_for_accept (const GError *error)
{
  if (error == NULL)
    return PC_ANSWER_JOINED;
  if (g_error_matches (error, PC_ERROR, PC_ERROR_CONFLICT))
    return PC_ANSWER_ALREADY_MEMBER;
  if (no_longer_valid (error))
    return PC_ANSWER_NO_LONGER_VALID;
  return PC_ANSWER_FAILED;
}

/**
 * pc_answer_for_decline:
 * @error: (nullable): why declining failed; %NULL when it did not
 *
 * What a decline came to: a 404 or 410 means there is nothing left to
 * decline.
 */
PcAnswer
pc_answer_for_decline (const GError *error)
{
  if (error == NULL)
    return PC_ANSWER_DECLINED;
  if (no_longer_valid (error))
    return PC_ANSWER_NO_LONGER_VALID;
  return PC_ANSWER_FAILED;
}

/**
 * pc_format_answer:
 * @workspace: (nullable): the workspace's title (see
 *   pc_invitation_dup_workspace_name())
 * @role: (nullable): the role as the server sent it
 *
 * What an answer came to, in one sentence without its full stop (a toast
 * and a notification show it so; the command line adds one): "You joined
 * Vision Lab as Editor".
 *
 * Returns: (nullable): the sentence; %NULL for %PC_ANSWER_FAILED, where
 *   the error says why
 */
char *
pc_format_answer (PcAnswer    answer,
                  const char *workspace,
                  const char *role)
{
  g_autofree char *unknown = NULL;

  if (workspace == NULL && answer != PC_ANSWER_DECLINED)
    workspace = unknown = pc_format_workspace_title (NULL, NULL);

  switch (answer)
    {
    case PC_ANSWER_JOINED:
      /* Translators: the workspace's name, then the role in it, such as "Viewer". */
      return g_strdup_printf (_("You joined %s as %s"), workspace, pc_format_role (role));
    case PC_ANSWER_ALREADY_MEMBER:
      return g_strdup_printf (_("You are already a member of %s"), workspace);
    case PC_ANSWER_DECLINED:
      if (workspace == NULL)
        return g_strdup (_("Declined the invitation"));
      return g_strdup_printf (_("Declined the invitation to %s"), workspace);
    case PC_ANSWER_NO_LONGER_VALID:
      return g_strdup (_("This invitation is no longer valid"));
    case PC_ANSWER_FAILED:
    default:
      return NULL;
    }
}
