/* pc-a11y.c: accessible names where GTK 4.8 gets them wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names a button whose label has a mnemonic by its raw label and
 * its child's text ("_New Token New Token"), and a control without a name
 * by its type ("GtkDropDown", "GtkImage"). These set the name a person
 * reads: the label without its underscore, the tooltip of an icon button.
 */
#include "pc-a11y.h"

static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* GTK 4.8 joins a button's name with its content's: the label inside says
 * nothing of its own, then. */
static void
silence_content (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      silence_content (child);
    }
}

static void
name (GtkWidget  *widget,
      const char *text)
{
  if (text != NULL && *text != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* Names every button under @root from what it shows: a mnemonic label
 * without its underscore, an icon by its tooltip. Call it again after a
 * label changes. */
void
pc_a11y_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));

      if (label != NULL && gtk_button_get_use_underline (GTK_BUTTON (root)))
        {
          g_autofree char *plain = strip_mnemonic (label);
          name (root, plain);
          silence_content (root);
          /* The tooltip says more ("Accept the invitation to ..."). */
          if (gtk_widget_get_tooltip_text (root) != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                            gtk_widget_get_tooltip_text (root), -1);
        }
      else if (label == NULL && gtk_widget_get_tooltip_text (root) != NULL)
        name (root, gtk_widget_get_tooltip_text (root));
    }
  else if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) != NULL &&
           gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (root)))
    {
      g_autofree char *plain = strip_mnemonic (gtk_menu_button_get_label (GTK_MENU_BUTTON (root)));
      name (root, plain);
      silence_content (root);
    }
  else if (GTK_IS_DROP_DOWN (root) && gtk_widget_get_first_child (root) != NULL)
    {
      /* The drop-down's own toggle button says what the drop-down says. */
      g_autofree char *tooltip = g_strdup (gtk_widget_get_tooltip_text (root));
      name (root, tooltip);
      name (gtk_widget_get_first_child (root), tooltip);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    pc_a11y_name_controls (child);
}

/* Says @text through @status, a label with the status role: its text and
 * its accessible name change, and GTK 4.8's AT-SPI backend sends the name
 * change (object:property-change:accessible-name), which screen readers
 * speak for a status. GTK 4.8 has no gtk_accessible_announce. */
void
pc_a11y_announce (GtkWidget  *status,
                  const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (status));

  gtk_label_set_text (GTK_LABEL (status), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
}
