/* pc-a11y.c: accessible names where GTK 4.8 gets them wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names a button whose label has a mnemonic by its raw label and
 * its child's text ("_New Token New Token"), and a control without a name
 * by its type ("GtkDropDown", "GtkImage"). These set the name a person
 * reads: the label without its underscore, the tooltip of an icon button.
 */
#include <adwaita.h>
#include <glib/gi18n.h>

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
  if (text == NULL || *text == '\0')
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  /* GTK 4.8 says the label and then the labelling widgets: a row's
   * activatable widget, labelled by the row's title, is said twice. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
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
      /* GtkInfoBar's close button: an icon, no tooltip ("GtkImage"). */
      else if (label == NULL && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0)
        name (root, _("Close"));
    }
  else if (GTK_IS_SEARCH_ENTRY (root))
    {
      /* Named by its type otherwise ("GtkSearchEntry"). */
      g_autofree char *placeholder = NULL;

      g_object_get (root, "placeholder-text", &placeholder, NULL);
      name (root, placeholder);
    }
  else if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_label (GTK_MENU_BUTTON (root)) != NULL &&
           gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (root)))
    {
      g_autofree char *plain = strip_mnemonic (gtk_menu_button_get_label (GTK_MENU_BUTTON (root)));
      name (root, plain);
      silence_content (root);
    }
  else if (GTK_IS_INFO_BAR (root))
    {
      /* A banner is what its text says, also when the text changes. */
      GtkWidget *label = root;

      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label) ? gtk_widget_get_first_child (label)
                                                   : gtk_widget_get_next_sibling (label);
      if (label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
    }
  else if (ADW_IS_STATUS_PAGE (root) && adw_status_page_get_title (ADW_STATUS_PAGE (root)) != NULL)
    name (root, adw_status_page_get_title (ADW_STATUS_PAGE (root)));
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

/* GTK 4.8 has no announcement and a toast is not one: a status label over
 * @overlay's content says each toast's title as well. Call it once, after
 * the overlay has its child. */
void
pc_a11y_add_toast_status (AdwToastOverlay *overlay)
{
  g_autoptr(GtkWidget) content = NULL;
  GtkWidget *over;
  GtkWidget *status;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  content = adw_toast_overlay_get_child (overlay);
  if (content != NULL)
    g_object_ref (content);
  adw_toast_overlay_set_child (overlay, NULL);
  over = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (over), content);
  /* On screen for assistive technology, not for the eye: the toast is. */
  status = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS, "halign", GTK_ALIGN_START,
                         "valign", GTK_ALIGN_END, "can-target", FALSE, "opacity", 0.0, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (over), status);
  adw_toast_overlay_set_child (overlay, over);
  g_object_set_data (G_OBJECT (overlay), "pc-a11y-status", status);
}

/* Shows @toast in @overlay and says its title through the overlay's status
 * label, if pc_a11y_add_toast_status() gave it one. Takes @toast. */
void
pc_a11y_add_toast (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  GtkWidget *status;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  status = g_object_get_data (G_OBJECT (overlay), "pc-a11y-status");
  if (status != NULL)
    pc_a11y_announce (status, adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (overlay, toast);
}
