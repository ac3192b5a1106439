/* pc-inbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The invitations waiting for the signed-in person, as a list model that
 * both the window and the notifications use, so that an invitation
 * answered in one place leaves the other, and one invitation is never
 * answered twice at once.
 *
 * Declining waits a few seconds for an Undo before the DELETE is sent.
 * Checks repeat at an interval while signed in; an invitation not seen
 * before raises "new-invitation", once: the ids seen (never the tokens)
 * are kept in a small file per server and account, so a restart does not
 * announce them again (one without an id is known by its key, see
 * pc_invitation_get_key()). The first check for an account only records
 * what is there: what waited before the app knew the account shows in the
 * list and its badge, not as a burst of notifications.
 */
#define G_LOG_DOMAIN "PcInbox"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pc-inbox-private.h"
#include "pupilcloud.h"


G_DEFINE_FINAL_TYPE (PcInbox, pc_inbox, G_TYPE_OBJECT)

enum { PROP_0, PROP_N_WAITING, PROP_LOADED, PROP_BUSY, PROP_CHECK_INTERVAL, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { NEW_INVITATION, ANSWERED, DECLINE_FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

#define DEFAULT_CHECK_INTERVAL (5 * 60)

/* Order and counting */

static int
compare_invitations (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GDateTime *now = user_data;
  PcInvitation *x = PC_INVITATION ((gpointer) a);
  PcInvitation *y = PC_INVITATION ((gpointer) b);
  gboolean x_expired = pc_invitation_is_expired (x, now);
  gboolean y_expired = pc_invitation_is_expired (y, now);
  GDateTime *x_end = pc_invitation_get_expires_at (x);
  GDateTime *y_end = pc_invitation_get_expires_at (y);
  int order;

  if (x_expired != y_expired)
    return x_expired ? 1 : -1;
  /* No expiry date: after those that have one. */
  if ((x_end == NULL) != (y_end == NULL))
    return x_end == NULL ? 1 : -1;
  order = x_end != NULL ? g_date_time_compare (x_end, y_end) : 0;
  /* The waiting by the soonest end, the expired by the latest. */
  if (x_expired)
    order = -order;
  return order != 0 ? order : g_strcmp0 (pc_invitation_get_key (x), pc_invitation_get_key (y));
}

static int
compare_invitations_indirect (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  return compare_invitations (*(gpointer *) a, *(gpointer *) b, user_data);
}

static gboolean expiry_due (gpointer user_data);

static void
recount (PcInbox *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint waiting = 0;
  GTimeSpan next = G_MAXINT64;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PcInvitation) invitation = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      GDateTime *end = pc_invitation_get_expires_at (invitation);

      if (pc_invitation_is_expired (invitation, now))
        continue;
      waiting++;
      if (end != NULL)
        next = MIN (next, g_date_time_difference (end, now));
    }

  /* Count again when the next one expires, so the badge stays true. */
  g_clear_handle_id (&self->expiry_source, g_source_remove);
  if (next != G_MAXINT64)
    self->expiry_source = g_timeout_add_seconds (MIN (next / G_TIME_SPAN_SECOND, 24 * 3600) + 1, expiry_due,
                                                 self);

  if (waiting != self->n_waiting)
    {
      self->n_waiting = waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
    }
}

static gboolean
expiry_due (gpointer user_data)
{
  PcInbox *self = user_data;

  self->expiry_source = 0;
  recount (self);
  return G_SOURCE_REMOVE;
}

static gboolean
find_position (PcInbox    *self,
               const char *id,
               guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PcInvitation) invitation = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (pc_invitation_get_key (invitation), id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

void
pc_inbox_insert_sorted (PcInbox      *self,
                        PcInvitation *invitation)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint position;

  if (find_position (self, pc_invitation_get_key (invitation), &position))
    return;
  g_list_store_insert_sorted (self->store, invitation, compare_invitations, now);
  recount (self);
}

void
pc_inbox_remove_invitation (PcInbox      *self,
                            PcInvitation *invitation)
{
  guint position;

  if (find_position (self, pc_invitation_get_key (invitation), &position))
    g_list_store_remove (self->store, position);
  recount (self);
}

/* "busy" tells whoever owns the inbox (the application holds itself while
 * it is true) that an answer already given is still on its way. */
void
pc_inbox_call_started (PcInbox *self)
{
  if (self->in_flight++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
pc_inbox_call_ended (PcInbox *self)
{
  g_return_if_fail (self->in_flight > 0);
  if (--self->in_flight == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* What the server says waits, merged: the model changes only when the list
 * does, and invitations declined but still undoable stay out of it. */
static void
merge (PcInbox    *self,
       GListModel *invitations,
       guint       asked_after)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (invitations);
  guint current = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean same;
  gboolean first_check;
  gboolean seen_changed = FALSE;

  for (guint i = 0; i < n; i++)
    {
      PcInvitation *invitation = g_list_model_get_item (invitations, i);
      guint answer = GPOINTER_TO_UINT (g_hash_table_lookup (self->answered_at, pc_invitation_get_key (invitation)));

      /* Declined but undoable, or answered after this list was asked for. */
      if (g_hash_table_contains (self->declines, pc_invitation_get_key (invitation)) || answer > asked_after)
        {
          g_object_unref (invitation);
          continue;
        }
      /* A fresh copy of one whose answer is on its way shows it too. */
      pc_invitation_set_answering (invitation,
                                   g_hash_table_contains (self->answering, pc_invitation_get_key (invitation)));
      g_ptr_array_add (items, invitation);
    }
  g_ptr_array_sort_with_data (items, (GCompareDataFunc) compare_invitations_indirect, now);

  same = items->len == current;
  for (guint i = 0; same && i < items->len; i++)
    {
      g_autoptr(PcInvitation) old = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      PcInvitation *new = g_ptr_array_index (items, i);
      GDateTime *old_end = pc_invitation_get_expires_at (old);
      GDateTime *new_end = pc_invitation_get_expires_at (new);

      same = g_strcmp0 (pc_invitation_get_key (old), pc_invitation_get_key (new)) == 0 &&
             g_strcmp0 (pc_invitation_get_role (old), pc_invitation_get_role (new)) == 0 &&
             (old_end == NULL ? new_end == NULL : new_end != NULL && g_date_time_equal (old_end, new_end));
    }
  if (!same)
    g_list_store_splice (self->store, 0, current, items->pdata, items->len);
  recount (self);

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  /* Announce what was not seen before. */
  pc_inbox_seen_load (self);
  if (self->seen_group == NULL)
    return;
  first_check = self->seen == NULL;
  if (first_check)
    self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      PcInvitation *invitation = g_ptr_array_index (items, i);
      const char *id = pc_invitation_get_key (invitation);

      if (g_hash_table_contains (self->seen, id))
        continue;
      g_hash_table_add (self->seen, g_strdup (id));
      seen_changed = TRUE;
      if (!first_check && !pc_invitation_is_expired (invitation, now))
        g_signal_emit (self, signals[NEW_INVITATION], 0, invitation);
    }
  /* Forget what has left the server, so the file stays small. */
  {
    GHashTableIter iter;
    const char *id;

    g_hash_table_iter_init (&iter, self->seen);
    while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
      {
        gboolean present = g_hash_table_contains (self->declines, id);

        for (guint i = 0; !present && i < items->len; i++)
          present = g_str_equal (id, pc_invitation_get_key (g_ptr_array_index (items, i)));
        if (!present)
          {
            g_hash_table_iter_remove (&iter);
            seen_changed = TRUE;
          }
      }
  }
  if (seen_changed || first_check)
    pc_inbox_seen_save (self);
}

/* Checking */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PcInbox *self = g_task_get_source_object (task);
  guint asked_after = GPOINTER_TO_UINT (g_task_get_task_data (task));
  g_autoptr(GListModel) invitations = NULL;
  GError *error = NULL;

  invitations = pc_client_list_invitations_finish (PC_CLIENT (object), result, &error);
  if (invitations == NULL)
    {
      pc_session_report_error (self->session, error);
      g_task_return_error (task, error);
      return;
    }
  /* Signed out meanwhile: what came is no longer anybody's. */
  if (pc_session_get_state (self->session) != PC_SESSION_SIGNED_OUT)
    merge (self, invitations, asked_after);
  g_task_return_boolean (task, TRUE);
}

void
pc_inbox_refresh_async (PcInbox             *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PC_IS_INBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pc_inbox_refresh_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->n_answers), NULL);
  if (pc_session_get_state (self->session) == PC_SESSION_SIGNED_OUT)
    {
      g_task_return_new_error (task, PC_ERROR, PC_ERROR_NOT_SIGNED_IN, "%s", _("You are not signed in."));
      return;
    }
  pc_client_list_invitations_async (pc_session_get_client (self->session),
                                    cancellable ? cancellable : pc_session_get_cancellable (self->session),
                                    list_cb, g_steal_pointer (&task));
}

gboolean
pc_inbox_refresh_finish (PcInbox       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pc_inbox_refresh_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pc_inbox_refresh_finish (PC_INBOX (object), result, &error))
    g_debug ("Checking for invitations failed: %s", error->message);
}

static gboolean
check_due (gpointer user_data)
{
  PcInbox *self = user_data;

  if (pc_session_get_state (self->session) == PC_SESSION_SIGNED_IN)
    pc_inbox_refresh_async (self, NULL, check_cb, NULL);
  return G_SOURCE_CONTINUE;
}

static void
schedule_checks (PcInbox *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->check_interval > 0 && pc_session_get_state (self->session) == PC_SESSION_SIGNED_IN)
    self->check_source = g_timeout_add_seconds (self->check_interval, check_due, self);
}

static void
on_session_state (PcInbox *self)
{
  switch (pc_session_get_state (self->session))
    {
    case PC_SESSION_SIGNED_IN:
      pc_inbox_refresh_async (self, NULL, check_cb, NULL);
      break;
    case PC_SESSION_SIGNED_OUT:
      /* Nothing of the last person stays, nor an answer not yet sent. */
      g_hash_table_remove_all (self->declines);
      g_hash_table_remove_all (self->answered_at);
      g_list_store_remove_all (self->store);
      g_clear_pointer (&self->seen, g_hash_table_unref);
      g_clear_pointer (&self->seen_group, g_free);
      recount (self);
      if (self->loaded)
        {
          self->loaded = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
        }
      break;
    case PC_SESSION_OFFLINE:
    default:
      break;
    }
  schedule_checks (self);
}

/* For the answers' file, which does not see the signals. */
void
pc_inbox_emit_answered (PcInbox      *self,
                        PcInvitation *invitation)
{
  g_signal_emit (self, signals[ANSWERED], 0, invitation);
}

void
pc_inbox_emit_decline_failed (PcInbox      *self,
                              PcInvitation *invitation,
                              const GError *error)
{
  g_signal_emit (self, signals[DECLINE_FAILED], 0, invitation, error);
}

/* Reading */

PcSession *
pc_inbox_get_session (PcInbox *self)
{
  g_return_val_if_fail (PC_IS_INBOX (self), NULL);
  return self->session;
}

GListModel *
pc_inbox_get_model (PcInbox *self)
{
  g_return_val_if_fail (PC_IS_INBOX (self), NULL);
  return G_LIST_MODEL (self->store);
}

/* @id: an invitation's key (pc_invitation_get_key(), its id when it has one)
 * Returns: (transfer none) (nullable): the invitation with @id in the inbox */
PcInvitation *
pc_inbox_find (PcInbox    *self,
               const char *id)
{
  PcInvitation *invitation;
  guint position;

  g_return_val_if_fail (PC_IS_INBOX (self), NULL);

  if (id == NULL || !find_position (self, id, &position))
    return NULL;
  invitation = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  g_object_unref (invitation); /* the store keeps its own reference */
  return invitation;
}

guint
pc_inbox_get_n_waiting (PcInbox *self)
{
  g_return_val_if_fail (PC_IS_INBOX (self), 0);
  return self->n_waiting;
}

gboolean
pc_inbox_get_loaded (PcInbox *self)
{
  g_return_val_if_fail (PC_IS_INBOX (self), FALSE);
  return self->loaded;
}

gboolean
pc_inbox_get_busy (PcInbox *self)
{
  g_return_val_if_fail (PC_IS_INBOX (self), FALSE);
  return self->in_flight > 0;
}

gboolean
pc_inbox_is_answering (PcInbox      *self,
                       PcInvitation *invitation)
{
  g_return_val_if_fail (PC_IS_INBOX (self), FALSE);
  return g_hash_table_contains (self->answering, pc_invitation_get_key (invitation));
}

guint
pc_inbox_get_check_interval (PcInbox *self)
{
  g_return_val_if_fail (PC_IS_INBOX (self), 0);
  return self->check_interval;
}

/* Seconds between checks while signed in; 0 turns them off. */
void
pc_inbox_set_check_interval (PcInbox *self,
                             guint    seconds)
{
  g_return_if_fail (PC_IS_INBOX (self));

  if (self->check_interval == seconds)
    return;
  self->check_interval = seconds;
  schedule_checks (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK_INTERVAL]);
}

/* GObject */

static void
pc_inbox_dispose (GObject *object)
{
  PcInbox *self = PC_INBOX (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->expiry_source, g_source_remove);
  if (self->declines != NULL)
    g_hash_table_remove_all (self->declines);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (pc_inbox_parent_class)->dispose (object);
}

static void
pc_inbox_finalize (GObject *object)
{
  PcInbox *self = PC_INBOX (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->answering, g_hash_table_unref);
  g_clear_pointer (&self->declines, g_hash_table_unref);
  g_clear_pointer (&self->answered_at, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_free (self->seen_group);
  g_free (self->seen_path);
  G_OBJECT_CLASS (pc_inbox_parent_class)->finalize (object);
}

static void
pc_inbox_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PcInbox *self = PC_INBOX (object);

  switch (prop_id)
    {
    case PROP_N_WAITING:
      g_value_set_uint (value, self->n_waiting);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->in_flight > 0);
      break;
    case PROP_CHECK_INTERVAL:
      g_value_set_uint (value, self->check_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_inbox_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CHECK_INTERVAL:
      pc_inbox_set_check_interval (PC_INBOX (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pc_inbox_class_init (PcInboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pc_inbox_dispose;
  object_class->finalize = pc_inbox_finalize;
  object_class->get_property = pc_inbox_get_property;
  object_class->set_property = pc_inbox_set_property;

  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECK_INTERVAL] =
    g_param_spec_uint ("check-interval", NULL, NULL, 0, G_MAXUINT, DEFAULT_CHECK_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An invitation that was not there at the last check. */
  signals[NEW_INVITATION] =
    g_signal_new ("new-invitation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PC_TYPE_INVITATION);
  /* Accepted, declined, or found no longer valid: it has left for good. */
  signals[ANSWERED] =
    g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PC_TYPE_INVITATION);
  /* A decline the server refused: the invitation is back in the list. */
  signals[DECLINE_FAILED] =
    g_signal_new ("decline-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, PC_TYPE_INVITATION, G_TYPE_ERROR);
}

static void
pc_inbox_init (PcInbox *self)
{
  self->store = g_list_store_new (PC_TYPE_INVITATION);
  self->answering = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->declines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pc_inbox_decline_free);
  self->answered_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->check_interval = DEFAULT_CHECK_INTERVAL;
}

/**
 * pc_inbox_new:
 * @seen_path: (nullable): where the ids seen are kept; by default
 *   `$XDG_DATA_HOME/pupil-cloud-desktop/seen-invitations`
 */
PcInbox *
pc_inbox_new (PcSession  *session,
              const char *seen_path)
{
  PcInbox *self;

  g_return_val_if_fail (PC_IS_SESSION (session), NULL);

  self = g_object_new (PC_TYPE_INBOX, NULL);
  self->session = g_object_ref (session);
  self->seen_path = seen_path ? g_strdup (seen_path)
                              : g_build_filename (g_get_user_data_dir (), "pupil-cloud-desktop",
                                                  "seen-invitations", NULL);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (on_session_state), self, G_CONNECT_SWAPPED);
  if (pc_session_get_state (session) != PC_SESSION_SIGNED_OUT)
    on_session_state (self);
  return self;
}
