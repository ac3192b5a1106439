/* pc-file.c: reading the session's own small files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token names and the cache of the token list are files of ours that
 * something else may have replaced: read them without ever blocking on
 * them (a FIFO put in their place) or reading a huge one whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pc-file-private.h"

/**
 * pc_file_read_bounded:
 * @broken: (out): set when @path is there but is not a regular file of at
 *   most @max_size bytes (or, with %PC_FILE_NO_LINKS, is a link)
 *
 * Reads @path whole, with a nul after its @length bytes.
 */
gboolean
pc_file_read_bounded (const char   *path,
                      gsize         max_size,
                      PcFileLinks   links,
                      char        **data,
                      gsize        *length,
                      gboolean     *broken,
                      GError      **error)
{
  g_autofree char *buffer = NULL;
  struct stat info;
  gsize done = 0;
  /* Never a controlling terminal, whatever device is there. */
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (links == PC_FILE_NO_LINKS ? O_NOFOLLOW : 0),
                   0);
  int saved_errno;

  *broken = FALSE;
  if (fd < 0)
    {
      saved_errno = errno;
      *broken = saved_errno == ELOOP && links == PC_FILE_NO_LINKS;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode) || (guint64) info.st_size > max_size)
    {
      close (fd);
      *broken = TRUE;
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s: not a regular file of at most %" G_GSIZE_FORMAT
                   " bytes", path, max_size);
      return FALSE;
    }
  buffer = g_malloc (info.st_size + 1);
  while (done < (gsize) info.st_size)
    {
      gssize n = read (fd, buffer + done, info.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  saved_errno = errno;
  close (fd);
  if (done != (gsize) info.st_size)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  buffer[done] = '\0';
  *data = g_steal_pointer (&buffer);
  *length = done;
  return TRUE;
}
