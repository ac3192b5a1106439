/* pupilcloud.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pc-client.h"
#include "pc-deadline.h"
#include "pc-error.h"
#include "pc-invitation.h"
#include "pc-profile.h"
#include "pc-token.h"
#include "pc-user.h"
#include "pc-workspace-member.h"
#include "pc-workspace-membership.h"
#include "pc-workspace-summary.h"
#include "pc-format.h"
