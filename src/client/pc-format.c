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
