/* pc-builder.c: a part of a widget, built after it from a file of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window or a page builds what its first frame does not show when that is
 * first needed (pc-window-main.ui, pc-login-page-forms.ui). Such a part is
 * a plain GtkBuilder file rather than a template: its owner is exposed to
 * it under a name that its signals and bindings give, and the handlers it
 * names are the owner's.
 */
#include "pc-builder.h"

/**
 * pc_builder_new_part:
 * @resource: the part's file, in the app's resources
 * @owner_name: the name the file gives @owner by
 * @first_callback_name: the first handler the file names, then its
 *   function (a #GCallback), then further pairs, ending with %NULL
 *
 * Builds the part. The file is the program's own: a part that cannot be
 * built is a bug, and ends the program with what is wrong.
 *
 * Returns: (transfer full): the builder, holding the part's objects
 */
GtkBuilder *
pc_builder_new_part (const char *resource,
                     const char *owner_name,
                     GObject    *owner,
                     const char *first_callback_name,
                     ...)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GError) error = NULL;
  GtkBuilder *builder = gtk_builder_new ();
  va_list args;

  va_start (args, first_callback_name);
  for (const char *name = first_callback_name; name != NULL; name = va_arg (args, const char *))
    gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), name, va_arg (args, GCallback));
  va_end (args);
  gtk_builder_set_scope (builder, scope);
  gtk_builder_expose_object (builder, owner_name, owner);
  if (!gtk_builder_add_from_resource (builder, resource, &error))
    g_error ("%s cannot be built: %s", resource, error->message);
  return builder;
}
