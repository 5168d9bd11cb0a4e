# The command line's own words (src/cli): tables, pairs, messages, errors,
# prompts and progress. JSON keys, exit codes, refusal codes and rules and
# the CSV headers of exports are not here: they stay language-neutral.

## Starting, the database, the language

cli-tui-needs-terminal = certlink without a command opens the terminal app, which needs a terminal (and has no JSON output): give a command, see `certlink --help`
cli-terminal-failed = the terminal failed: { $error }
cli-csv-only-reports = --format csv is for `report skills` and `report users`; use table or json
cli-no-home-directory = no home directory: pass --db PATH
cli-cannot-create = cannot create { $path }: { $error }
cli-now-not-rfc3339 = --now '{ $value }' is not an RFC 3339 instant, e.g. 2026-11-23T09:00:00Z
cli-progress-opening = opening the database
cli-progress-migrated = schema migrated, a copy of the old file kept beside it
cli-sandbox-clock = sandbox clock: { $shown } (ahead of this machine's clock; every command runs after the last one recorded)
cli-bad-certlink-lang = CERTLINK_LANG={ $tag } is not a language certlink speaks: set it to en or zh-CN, or unset it (--lang overrides it)
cli-operator-drop-as = operator commands act through file access, not as a person: drop --as
cli-pass-as = this command acts as a person: pass --as EMAIL

## Passwords

cli-password-stdin-unreadable = cannot read the password from standard input: { $error }
cli-password-stdin-empty = --password-stdin: no password on standard input
cli-secret-not-over-ssh = the { $what } cannot be asked for over ssh: pass --password-stdin and send it on standard input
cli-line-too-long = the line is longer than { $max } bytes
cli-line-not-utf8 = the input is not UTF-8
cli-prompt-password-for = Password for { $email }
cli-prompt-current-password-for = Current password for { $email }
cli-prompt-new-password = New password
cli-prompt-certification-profile-password = Certification profile password
cli-prompt-profile-password = Profile password
cli-prompt-pu-password = Partner University password
cli-prompt-line = { $prompt }:{" "}
cli-prompt-again-line = { $prompt } (again):{" "}
cli-no-terminal-for-secret = no terminal to ask for the { $what } on: set { $var }
cli-no-terminal-for-password = no terminal to ask for the password on: set { $var }
cli-passwords-differ = the two passwords differ

## Errors as the command line reports them (output.rs, wording.rs)

cli-report-refused-rule = certlink: refused ({ $rule }): { $message }
cli-report-refused = certlink: refused: { $message }
cli-report-error-rule = certlink: error ({ $rule }): { $message }
cli-report-error = certlink: error: { $message }
cli-refusal-with-hint = { $message } { $hint }
cli-hint-password-change-local = Run `certlink password change`.
cli-hint-password-change-ssh = Open the app to set it: connect without a command (`ssh -t` to this server), and it asks for the new password.
cli-more-rows = More rows remain: run the same command with { $next } for the next page.
cli-now-only-sandbox-demo = --now is accepted only on sandbox databases (made by `certlink demo`)
cli-now-before-last-event = --now { $start } is before the last recorded event ({ $last }); the clock never goes back
cli-range-reversed = --from { $from } is after --to { $to }
cli-key-not-found-see = { $error } (see `certlink key list { $email }`)
cli-reset-refused-demo = { $error }; `certlink demo` only replaces sandbox databases
cli-warning-outside-domains = { $warning } (certlink admin org domain add|remove)
cli-warning-more-outside-domains = domains (R13a): { $count } more live account(s) outside their owner's domains
cli-warning-readable-by-others = { $path } can be read by other users of this machine; it holds password hashes and the audit trail: chmod 600 { $path }
cli-outbox-busy = another `certlink outbox send` is draining this outbox ({ $lock }); try again when it is done
cli-outbox-file = outbox file { $path }: { $error }
cli-outbox-invalid-address = { $address } is not a valid email address
cli-outbox-render = cannot render the message: { $error }
cli-outbox-config = config file { $path }: { $error }

## Confirmations (confirm.rs)

cli-confirm-on-terminal = { $declined }: confirm on a terminal, or pass --yes
cli-confirm-question = { $question } [y/N]{" "}

## A person's own commands (person.rs)

cli-label-account = Account
cli-label-organization = Organization
cli-label-roles = Roles
cli-label-partner-university = Partner University
cli-label-mcid = MCID
cli-label-associations-used = Associations used
cli-label-cool-off = Cool-off
cli-label-next-association = Next association
cli-email-name = { $email } ({ $name })
cli-org-with-mpn = { $name } (MPN ID { $id })
cli-org-none-support = none (support engineer)
cli-linked-since = linked to { $org } since { $date }
cli-not-linked = not linked
cli-mcid-email-linked = { $mcid } ({ $email }), { $linked }
cli-mcid-linked = { $mcid }, { $linked }
cli-mcid-none-yet = none associated yet
cli-now = now
cli-next-limit = { $moment }: yearly limit reached
cli-next-cool-off = { $moment }: inside the cool-off
cli-associations-used = { $used } of { $limit } in the last 365 days
cli-associations-used-since = { $used } of { $limit } in the last 365 days since { $date }
cli-pu-access-through = access through { $username }
cli-pu-no-access = no access
cli-cool-off-between = { $days } days between associations
cli-linked = Linked: your certification profile now counts for your organization.
cli-linked-moved = Linked: your profile moved to your organization; the previous organization's link ended (R6).
cli-linked-took-over = Linked: the link moved to this account from your earlier account here; no new association was used (R6).
cli-unlink-again-now = you can link a profile again now
cli-unlink-again-from = you can link a profile again from { $moment } ({ $why })
cli-why-limit = yearly limit reached
cli-why-cool-off = inside the cool-off
cli-unlink-done = Access removed: your certification profile is no longer linked (R7). This did not use an association: { $used } of { $limit } used in the last 365 days; { $again } (R9).
cli-pu-granted = Partner University access granted (R2). Assessments appear in the skills report after the reflection delay (R3).
cli-pu-removed = Partner University access removed (R2).
cli-history-pass-target = pass --mcid N or --account EMAIL
cli-col-when = WHEN
cli-col-who = WHO
cli-col-action = ACTION
cli-col-outcome = OUTCOME
cli-col-mcid = MCID
cli-col-organization = ORGANIZATION
cli-col-detail = DETAIL
cli-org-from-other = { $org } (from { $other })
cli-outcome-refused = refused: { $outcome } ({ $rule })
cli-delete-pu-ends = {" "}Their Partner University access ends (R2).
cli-delete-mcid-stays = {" "}MCID { $mcid } stays linked, flagged in the skills report, until you remove it (certlink report remove --mcid { $mcid }).
cli-delete-what = Delete account { $email } ({ $name }) (R12): the person can no longer sign in.{ $pu }{ $mcid }
cli-delete-question = Delete?
cli-not-deleted = not deleted
cli-account-deleted = Account { $email } deleted (R12). A linked MCID stays in the skills report until you remove it: certlink report remove --mcid N.
cli-remove-what-holder = Remove MCID { $mcid } ({ $name }, { $email }) from the skills report (R12): its link to your organization ends (reason: removed by admin). It costs the person no association (R9).
cli-remove-what = Remove MCID { $mcid } from the skills report (R12): its link to your organization ends (reason: removed by admin). It costs the person no association (R9).
cli-remove-question = Remove?
cli-not-removed = not removed
cli-mcid-removed = MCID { $mcid } removed from the skills report; its link ended (R12). This costs the person no association.
cli-role-partner-admin = MPN Partner Admin
cli-role-global-admin = Global Admin
cli-role-granted = { $role } granted to { $email } (R17).
cli-role-revoked = { $role } revoked from { $email } (R17).
cli-pass-as-email = pass --as EMAIL
cli-password-changed = Password changed.

## Admins and support (support.rs)

cli-col-email = EMAIL
cli-col-name = NAME
cli-col-status = STATUS
cli-col-roles = ROLES
cli-col-pu = PU
cli-col-waiting = WAITING
cli-col-from = FROM
cli-col-to = TO
cli-col-reason = REASON
cli-col-association = ASSOCIATION
cli-col-refused = REFUSED
cli-col-rule = RULE
cli-col-matched-by = MATCHED BY
cli-col-id = ID
cli-col-category = CATEGORY
cli-col-opened-by = OPENED BY
cli-col-age = AGE
cli-col-last-change = LAST CHANGE
cli-days = { $days } days
cli-yes = yes
cli-no = no
cli-none = none
cli-status-invited = invited
cli-status-active = active
cli-status-deleted = deleted
cli-delivery-queued = queued in the outbox; `certlink outbox send` delivers it
cli-delivery-no-outbox = no outbox for this database: give the details to the person yourself
cli-delivery-failed = NOT queued ({ $error }): give the details to the person yourself, or resend
cli-invited = Invited { $email } ({ $name }).
cli-resent = New sign-in details for { $email } ({ $name }).
cli-invitation-details = Temporary password (shown once): { $password }
    Sign-in details: { $delivery }.
    The person must set a new password at first sign-in (R13).
cli-email-name-status = { $email } ({ $name }), { $status }
cli-mcid-linked-to = { $mcid }, linked to { $org }
cli-mcid-not-linked = { $mcid }, not linked
cli-link-history = Link history:
cli-recent-refusals = Recent refused attempts (the newest { $count } at most; every entry: certlink history --account { $email }):
cli-no-one-matches = no one matches { $query }
cli-org-support = support
cli-matched-by-email = email
cli-matched-by-name = name
cli-more-people = More people match than these { $count }: narrow the query (a longer name or email, or an MCID).
cli-ticket-head = Ticket #{ $id } · { $category } · { $status } · opened by { $by } on { $at }
cli-ticket-message-head = { $at } { $author }:
cli-not-merged-warning = not merged: { $warning } If they are one person, pass --different-people with --yes.
cli-not-merged-confirm = not merged: confirm on a terminal, or pass { $flags }
cli-merge-type-word = Type { $word } to merge these two profiles anyway (anything else keeps them apart):{" "}
cli-merge-question = Merge?
cli-not-merged = not merged
cli-merged = MCID { $from } merged into MCID { $into } (R15).
cli-merge-link-held = MPN ID { $org }, held by { $holder }
cli-label-merge = Merge
cli-merge-what = MCID { $from } { $from-name } ({ $from-email }) into MCID { $into } { $into-name } ({ $into-email })
cli-label-warning = Warning
cli-label-moves = Moves
cli-label-surviving-link = Surviving link
cli-label-ending-link = Ending link (merged)
cli-label-after-merge = After the merge
cli-merge-after = { $used } of { $limit } associations used; next allowed { $next }

## Progress (progress.rs; a command's name, e.g. admin check, stays as typed)

cli-stage-redb-integrity = redb integrity
cli-summary = { $name }: { $what }, in { $seconds } s
cli-summary-stages = { $name }: { $what }, { $stages ->
    [one] { $stages } stage
   *[other] { $stages } stages
} in { $seconds } s

## The operator's commands (operator.rs)

cli-sandbox-exists = a sandbox already exists at { $path }: `certlink demo` reopens it, `certlink demo --reset --people N` replaces it
cli-sandbox-at = Sandbox database at { $path }. Open it again with: certlink demo (or certlink --db { $path }); a fresh one: certlink demo --reset
cli-demo-generated = Generated { $people } people in { $seconds } s: { $links }, { $rest }
cli-demo-generated-links = { $links } links ({ $moves } moves, { $unlinks } unlinks), { $grants } PU grants
cli-demo-generated-rest = { $skills } learning records, { $tickets } support tickets ({ $resolved } resolved).
cli-demo-left-uncompacted = The file ({ $gigabytes } GB) was not compacted: past 4 GiB, redb's compaction reads the whole file several times.
cli-col-password = PASSWORD
cli-col-mpn-id = MPN ID
cli-col-profile-email = PROFILE EMAIL
cli-col-linked-to = LINKED TO
cli-col-pu-username = PU USERNAME
cli-support-engineer = support engineer
cli-sandbox-reopened-at = Sandbox database reopened as it was (a fresh one: certlink demo --reset) at { $path }
cli-sandbox-ready-at = Sandbox database ready at { $path }
cli-demo-accounts = Work accounts and support engineers:
cli-demo-profiles = Certification profiles:
cli-demo-pu-accounts = Partner University accounts:
cli-demo-try = Try: CERTLINK_PASSWORD={ $password } certlink --db { $path } --as alan@contoso.com profile
cli-now-only-sandbox = --now is accepted only on sandbox databases
cli-initialized = Created { $path } with organization { $org } (MPN ID { $mpn }), its email domains { $domains } (R13a), and Global Admin { $email }.
cli-org-no-domains-yet = {" "}It has no email domains yet: add one before inviting anyone (certlink admin org domain add --mpn-id { $mpn } DOMAIN).
cli-org-domains = {" "}Its email domains: { $domains }.
cli-org-added = Organization { $name } (MPN ID { $mpn }) added.{ $then }
cli-support-added = Support engineer { $email } added.
cli-profile-registered = Certification profile { $mcid } ({ $email }) registered.
cli-pu-registered = Partner University account { $username } registered.
cli-unlocked = Sign-in for { $email } unlocked.
cli-temporary-password = Temporary password for { $email }: { $password }
    It is shown once; { $email } must set a new password at sign-in (certlink password change).
cli-cannot-read = cannot read { $path }: { $error }
cli-competencies-defined = { $count } competencies defined: { $names }.
cli-designations-defined = { $count } solution areas defined ({ $version }): { $names }.
cli-designation-size-set = Organization { $mpn } is scored as { $size }.
cli-designation-metrics-imported = { $lines } metrics lines imported for { $orgs } organizations.
cli-backup-summary = { $count } records copied and verified
cli-backup-written = Backup written to { $path } and verified: { $count } records, { $bytes } bytes, schema { $schema }.
    Restore it with: certlink --db DB admin restore --from { $path }
cli-check-clean = the file is intact and every invariant holds
cli-check-damaged = the file is damaged or was repaired, { $count } violation(s)
cli-check-violations = { $count } violation(s)
cli-check-integrity-ok = redb integrity: ok
cli-check-integrity-damaged = redb integrity: REPAIRED OR DAMAGED
cli-check-invariants-hold = invariants: all hold
cli-check-violation = violation: { $violation }
cli-check-warning = warning: { $warning }
cli-domain-added-org = Domain { $domain } added to organization { $mpn }.
cli-domain-removed-org = Domain { $domain } removed from organization { $mpn }.
cli-domain-added-support = Domain { $domain } added to the support engineers.
cli-domain-removed-support = Domain { $domain } removed from the support engineers.
cli-col-domain = DOMAIN
cli-col-owner = OWNER
cli-now-not-for-restore = --now has no meaning for a restore: drop it
cli-restore-summary = { $count } records verified and restored
cli-restored = Restored { $db } from { $from } (verified: { $count } records, schema { $schema }).
cli-replaced-kept-at = The replaced file is kept at { $path }; delete it when you no longer need it.
cli-col-key = KEY
cli-col-value = VALUE
cli-col-meaning = MEANING
cli-sandbox-database = Sandbox database
cli-key-file-too-large = larger than a public key can be
cli-key-registered = Key { $fingerprint } ({ $algorithm }) registered for { $email }.
cli-col-fingerprint = FINGERPRINT
cli-col-algorithm = ALGORITHM
cli-col-comment = COMMENT
cli-key-removed = Key { $fingerprint } of { $email } removed.
cli-backup-dir-missing = --backup-dir { $dir } is not a directory: create it first

## Reports, competencies and imports (reports.rs; export CSV headers stay as they are)

cli-cannot-write = cannot write { $path }: { $error }
cli-rows-written = { $count } rows written to { $path }
cli-not-a-date = { $flag } '{ $value }' is not a date (YYYY-MM-DD)
cli-label-period = Period
cli-period = { $from } to { $to }
cli-label-trained-individuals = Trained individuals
cli-label-module-completions = Module completions
cli-label-learning-path-completions = Learning path completions
cli-col-month = MONTH
cli-col-modules = MODULES
cli-col-learning-paths = LEARNING PATHS
cli-col-in-progress = IN PROGRESS
cli-monthly-trend = Monthly trend:
cli-learners = Learners:
cli-no-competencies = No competencies are defined yet (the operator adds them with `certlink admin competency define`).
cli-col-competency = COMPETENCY
cli-col-required = REQUIRED
cli-col-current = CURRENT
cli-col-met = MET
cli-col-who-counts = WHO COUNTS
cli-counted = { $name } ({ $skill } on { $date })
cli-list-separator = ;{" "}
cli-import-too-big = the input is larger than { $mib } MiB, the most one import takes: split it
cli-input-spooled = the spooled input
cli-input-stdin = standard input
cli-input-stdin-no-spool = standard input (no spool file)
cli-input-stdin-spool = standard input (spool file)
cli-import-checking = checking
cli-import-writing = writing
cli-import-rows-read = { $count } rows read
cli-imported = Imported { $rows } rows: { $added } added, { $unchanged } already present.

## The mail outbox (outbox.rs)

cli-outbox-no-pending = No pending messages in { $root }
cli-outbox-no-messages = No messages in { $root }
cli-col-state = STATE
cli-col-queued-utc = QUEUED (UTC)
cli-col-to-address = TO
cli-col-subject = SUBJECT
cli-col-attempts = ATTEMPTS
cli-col-last-error = LAST ERROR
cli-outbox-head = Outbox { $root }
cli-outbox-pending = pending
cli-outbox-sent = sent
cli-outbox-nothing-pending = Nothing pending in { $root }
cli-outbox-no-transport = no mail transport is configured: { $pending } pending message(s) stay in the Maildir outbox { $root } (each a file any mail client opens, e.g. `mutt -f { $root }`). To deliver them over SMTP, add to { $path } (or the file named by CERTLINK_CONFIG):
cli-outbox-password-env-comment = the variable holding the password
cli-outbox-no-transport-then = then run `certlink outbox send` again (see docs/outbox.md)
cli-outbox-sent-all = Sent { $count } message(s) via { $destination }; nothing is pending.
cli-outbox-not-tried = { $id }: not tried (server unreachable)
cli-outbox-undelivered = mail delivery via { $destination }: sent { $sent }, { $undelivered } not delivered; they stay pending and the next `certlink outbox send` retries them:

## Role names in tables (JSON keeps user, partner-admin, global-admin)

cli-role-word-user = user
cli-role-word-partner-admin = partner-admin
cli-role-word-global-admin = global-admin
cli-role-word-support = support
cli-role-separator = ,{" "}

## Report tables in another language (English shows the export's column names)
