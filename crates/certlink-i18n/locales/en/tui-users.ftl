# The Users tab of the TUI (R12, R13, R17): the accounts, their status and
# roles, the detail lines, the dialogs and confirmations it opens, and the
# notes in the status bar.

tui-users-your-organization = your organization
tui-users-title = {" "}Accounts of { $org } { $counts }{ $clears }{" "}
tui-users-esc-clears = {" "}· Esc clears
# The counts in the title: "(20,000)", with a filter "(3 of 20,000) · filter "hire"".
tui-users-counts = ({ $total })
tui-users-counts-filtered = ({ $matching } of { $total }) · filter "{ $filter }"
tui-users-no-match = No account's name or email contains the filter. Esc shows every account.
tui-users-reading = Reading the accounts…

tui-users-column-name = Name
tui-users-column-email = Email
tui-users-column-status = Status
tui-users-column-roles = Roles
tui-users-column-pu = PU
tui-users-column-mcid = MCID
tui-users-yes = yes
tui-users-no = no

tui-users-domains-none = {" "}Domains: none yet; the operator adds them before anyone is invited (R13a)
tui-users-domains = {" "}Domains: { $domains } (invitations go only there, R13a)

# Status words.
tui-users-active = active
tui-users-deleted = deleted
tui-users-deleted-still-linked = deleted, still linked
tui-users-invited = invited
tui-users-invited-waiting = invited, { $waited }
tui-users-sent-today = sent today
tui-users-waiting-days = { $days ->
    [one] waiting { $days } day
   *[other] waiting { $days } days
}

# Roles.
tui-users-role-user = User
tui-users-role-partner-admin = MPN Partner Admin
tui-users-role-global-admin = Global Admin
# The Roles column: the roles beyond User, or "user".
# Between the items of a list ("User, Global Admin").
tui-users-list-separator = {", "}
tui-users-roles-short-user = user
tui-users-roles-short-ga = GA
tui-users-roles-short-pa = PA

# The detail lines of the selected account.
tui-users-pu-access = PU access
tui-users-no-pu-access = no PU access
tui-users-mcid-linked = MCID { $mcid } linked
tui-users-no-mcid-linked = no MCID linked
tui-users-details-sent = {" "}· details sent { $date }
tui-users-offer-resend = { $key } new sign-in details
tui-users-offer-remove = { $key } remove from the skills report (R12)
tui-users-offer-delete = { $key } delete
tui-users-offer-grant = { $key } grant { $role }
tui-users-offer-revoke = { $key } revoke { $role }
tui-users-email-free-again = deleted: the email can be invited again
tui-users-last-global-admin-line = the last Global Admin: not deleted, keeps the role (R17)

# Why an action is not offered on the row.
tui-users-why-deleted-nothing-linked = { $who } is deleted and no MCID is linked through it: nothing to remove (R12).
tui-users-why-deleted = { $who } is deleted: nothing more can be done with the account (R12).
tui-users-why-not-deleted = { $who } is not deleted: an active person removes their own link (R7); removal from the report is for departed people (R12).
tui-users-why-not-invited = { $who } is not waiting for an invitation: only invited accounts get new details (R13).
tui-users-why-last-global-admin = { $who } is the organization's last active Global Admin: grant the role to someone else first (R17).
tui-users-why-not-possible = That is not possible for { $who }.

# Notes after a change.
tui-users-deleted-note = Deleted { $email }. A linked MCID stays linked until you remove it from the report (R12).
tui-users-removed-note = MCID { $mcid } removed from the skills report: its link ended, at no cost to the person (R12).
tui-users-role-granted = { $email } is now { $role } (R17).
tui-users-role-revoked = { $email } is no longer { $role } (R17).

# The invitation (R13).
tui-users-invite-title = Invite a person (R13)
tui-users-invite-intro = Creates a work account in your organization. Every account is a User; tick the roles it also holds. A temporary password is shown to you once and the sign-in details go to the work email.
tui-users-work-email = Work email
tui-users-name = Name
tui-users-roles = Roles
# New sign-in details (R13).
tui-users-resend-title = New sign-in details (R13)
tui-users-resend-intro = New sign-in details for { $email }: the old temporary password stops working. If the email was wrong, correct it here.
tui-users-send-to = Send to
# Deletion (R12).
tui-users-delete-title = Delete the account? (R12)
tui-users-delete-still-linked = {" "}Their MCID { $mcid } stays linked to the organization (flagged in the skills report) until you remove them from the report.
tui-users-delete-text = Delete { $name } <{ $email }>? They can no longer sign in and their Partner University access ends.{ $link } The email can be invited again later.
tui-users-delete-yes = Yes, delete
# Removal from the report (R12).
tui-users-removal-title = Remove from the skills report? (R12)
tui-users-removal-text = End the link of MCID { $mcid } ({ $name }) with the organization (reason: removed by admin)? It is not an association and costs the person nothing (R9).
tui-users-removal-yes = Yes, remove
# Roles (R17).
tui-users-what-partner-admin = MPN Partner Admins see the skills report, competencies and Learn analytics.
tui-users-what-global-admin = Global Admins also manage accounts and roles; an organization always keeps one.
tui-users-grant-title = Grant { $role }? (R17)
tui-users-grant-text = Make { $name } <{ $email }> { $role }? { $what }
tui-users-grant-yes = Yes, grant
tui-users-revoke-title = Revoke { $role }? (R17)
tui-users-revoke-text = Take { $role } from { $name } <{ $email }>? { $what }
tui-users-revoke-yes = Yes, revoke

# Progress while a job runs.
tui-users-progress-invite = Creating the account…
tui-users-progress-resend = Making new sign-in details…
tui-users-progress-delete = Deleting the account…
tui-users-progress-remove = Removing from the report…
tui-users-progress-role = Changing the role…
