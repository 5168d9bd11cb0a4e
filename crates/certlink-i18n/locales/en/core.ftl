# certlink-core's words: progress stages, the reports' text tables, and what
# a service call says when it ends in an error.

## Progress stages (crates/certlink-core/src/progress.rs, stage_label): the
## English is the stage's name as the code reports it.
progress-verifying-integrity = verifying: redb integrity
progress-copying-tables = copying tables
progress-copying-backup = copying the backup
progress-putting-in-place = putting it in place
progress-check-links = links (R5, invariant 1)
progress-check-audit = audit trail (invariants 2, 3)
progress-check-keys = SSH keys
progress-check-domains = email domains (R13a)
progress-check-report = skills report
progress-check-preferences = saved preferences
progress-copying-aside = copying the database aside before migrating
progress-migrating = migrating the schema
progress-generating-people = generating people
progress-compacting = compacting the file
progress-redb-integrity = redb integrity

## The skills report's text table (report/mod.rs): headings, then words in cells.
## English headings are the CSV column names; the CSV itself never changes.
report-skills-mpn-id = mpn_id
report-skills-name = name
report-skills-email = email
report-skills-mcid = mcid
report-skills-linked-since = linked_since
report-skills-account-status = account_status
report-skills-kind = kind
report-skills-skill-id = skill_id
report-skills-skill = skill
report-skills-earned = earned
report-skills-expires = expires
report-skills-reflection = reflection
report-skills-competencies = competencies
report-deleted-still-linked = deleted (still linked)
report-reflected = reflected
report-expected-between = expected between { $from } and { $until }
report-pending-until = pending until { $until }
report-empty-skills = No users found with skills data. Check whether your users have associated their Microsoft Learning or Partner University accounts (My profile).
## The users report's text table.
report-users-email = email
report-users-name = name
report-users-status = status
report-users-roles = roles
report-users-pu-access = pu_access
report-users-linked-learning-account = linked_learning_account
report-yes = yes
report-no = no

## Why a command could not be done as asked (service/invalid.rs, InvalidInput).
core-ticket-description = description
core-ticket-message = message
core-ticket-text = { $part }: { $why }
core-competency-file = competency file: { $error }
core-nothing-imported = nothing imported:
core-password-too-short = a password needs at least { $min } characters
core-password-unchanged = the new password must differ from the current one
core-unownable-domain = the domain of { $email } is not a domain name an organization can own (R13a)
core-empty-query = type an email, a name, an MCID or an MPN ID
core-bad-cursor = { $cursor } is not a position a page gave out (use the next_after of the previous page)
core-page-size = a page holds 1 to { $max } rows
core-range-reversed = the range starts on { $from }, after its end on { $to }
core-clock-sandbox-only = a chosen start for the clock is accepted only on sandbox databases
core-clock-before-last = the clock's start { $start } is before the last recorded event ({ $last }); the clock never goes back
core-bulk-sandbox-only = bulk generation is only for sandbox databases
core-too-many-people = cannot generate { $asked } people: at most { $max }
core-reset-refused = refusing to reset { $path }: { $why }
core-reset-real-database = it is a real certlink database
core-reset-not-certlink = it is not a certlink database
core-report-output = cannot write the report: { $error }
core-not-found-org = no organization with MPN ID { $mpn }
core-not-found-org-to-change = no organization with MPN ID { $mpn }: add it first
core-not-found-account-with-email = no account with email { $email }
core-not-found-account = no account { $id }
core-not-found-ticket = no ticket #{ $id }
core-not-found-key = { $email } has no key { $fingerprint }
core-exists-account = an account with email { $email } already exists
core-exists-org = an organization with MPN ID { $mpn } already exists
core-exists-profile = a profile with MCID { $mcid } already exists
core-exists-profile-email = a profile with sign-in email { $email } already exists
core-exists-pu-account = a Partner University account { $username } already exists
core-exists-key-here = key { $fingerprint } is already registered for { $email }
core-exists-key-elsewhere = key { $fingerprint } is already registered for another account: a key signs in one person
core-key-private = this is a private key: give the public key (the .pub file), and keep the private key secret
core-key-not-one-line = expected exactly one OpenSSH public key line, e.g. `ssh-ed25519 AAAA… name@host`
core-key-not-openssh = not an OpenSSH public key ({ $why }): expected a line like `ssh-ed25519 AAAA… name@host`
core-backups-no-shelf = no place for scheduled backups was given
core-backups-unreadable = cannot read the backup directory { $dir }: { $error }
core-unavailable-randomness = no randomness available: { $error }
core-unavailable-hash-settings = argon2 settings are unusable: { $error }
core-unavailable-hashing = cannot hash password: { $error }
core-unavailable-key-encoding = cannot encode the key: { $error }

core-sort-failed = The skills report could not be sorted: a temporary file failed ({ $error }).

## A store error's way out (advice.rs): { $what } is the store's own words.
core-advice-use-holder = { $what } (e.g. `certlink serve`); connect with ssh instead, or stop that process
core-advice-restore-if-it-was-one = { $what } (if it was one, its header is damaged: restore the newest backup, made by `certlink admin backup --to FILE`)
core-advice-create-one = { $what }: create one with `certlink init` (or `certlink demo` for a sandbox)
core-advice-create-directory = { $what }: create it first or choose another --db path
core-advice-recover-found = { $what }: { $recovery }
core-advice-recover-possible = { $what }; { $recovery }
core-advice-recover-if-it-repeats = { $what } (if it repeats, { $recovery })
core-advice-recovery = run `certlink admin check`; if it reports damage, restore the newest backup (made by `certlink admin backup --to FILE`)

## An audit entry as a reader sees it (service/views.rs, AuditView::*_in);
## the view's JSON keeps the English.
core-audit-other-org = another organization
core-audit-outsider = someone outside your organization
core-audit-support = support
core-audit-operator = operator
core-audit-done = done

core-outbox-not-stored = the outbox could not store it: { $kind }

## Import (crates/certlink-core/src/import): a rejected row
core-import-line = line { $line }: { $reason }
core-import-file-too-large = the file is larger than { $mib } MiB, the most one import takes: split it
core-import-row-too-long = the row is longer than { $max } bytes, the most one row may have
core-import-cannot-read = cannot read: { $error }
core-import-cannot-read-header = cannot read the header: { $error }
core-import-not-utf8 = the line is not UTF-8 text
core-import-not-valid-record = not a valid record: { $error }
core-import-not-valid-row = not a valid row: { $error }
core-import-not-a-date = { $field } '{ $value }' is not a date
core-import-not-a-date-or-instant = { $field } '{ $value }' is not a date (YYYY-MM-DD or RFC 3339)
core-import-passed-not-bool = passed '{ $value }' is not true or false
core-import-passed-not-bool-value = passed { $value } is not true or false
core-import-missing = { $field } is missing
core-import-field-too-long = { $field } must be at most { $max } printable characters
core-import-both-subjects = give either mcid or pu_username, not both
core-import-no-subject = mcid or pu_username is missing
core-import-skill-id-spaces = skill_id '{ $id }' must not contain spaces
core-import-certification-takes-no-passed = a certification takes no passed or status
core-import-expires-not-after-date = expires must be after date
core-import-needs-passed = an { $kind } needs passed (true or false)
core-import-takes-no-expires-or-status = an { $kind } takes no expires or status
core-import-needs-status = a { $kind } needs status (completed or in-progress)
core-import-takes-no-expires-or-passed = a { $kind } takes no expires or passed
core-import-not-registered = no { $subject } is registered
core-import-in-the-future = date { $date } is in the future

## Solutions Partner designations: the operator's imports and files.
core-designation-file = designations file: { $error }
core-metrics-line = line { $line }: { $why }
core-metrics-json = not a metrics line: { $error }
core-metrics-unknown-org = no organization with MPN ID { $mpn }
core-metrics-unknown-area = no solution area { $area } is defined (admin designation define)
core-metrics-too-many-points = performance and customer success together exceed 100 points
core-metrics-line-too-long = the line is longer than { $max } bytes
core-metrics-too-many-lines = a metrics import holds at most { $max } lines

## What a move would do (service/moving.rs, MovePreview::lines), said before
## the person confirms it (R6).
move-leaves = MCID { $mcid } is linked to another organization. Moving it here ends that link now (R6), and its certifications stop counting for that organization.
move-association-next = The move starts a new association (R9): { $used } of { $limit } used in 365 days; the next one is possible from { $moment }.
move-association = The move starts a new association (R9): { $used } of { $limit } used in 365 days.
move-counts-from = Its certifications and exams show in your organization's skills report from { $moment } (R3: 72 hours after the move).
move-question = Move MCID { $mcid } to your organization?
move-declined = not moved
