# The domain's words (crates/certlink-domain): refusals, who may, and the
# words for statuses, roles and kinds that people read.

## Which password was checked (refusal.rs, Credential).
credential-work-account = email or password
credential-profile = certification profile email or password
credential-partner-university = Partner University username or password

## Refusals (refusal.rs). Rule ids (R9) and commands stay as they are.
refusal-wrong-credentials = Wrong { $what }. Check them and try again.
refusal-throttled = Too many failed attempts with this { $what }. Wait { $secs } s before trying again.
refusal-locked = Locked after too many failed attempts with this { $what } until { $until } UTC. Try again then, or ask the operator to unlock it.
refusal-account-deleted = This account has been deleted. Ask your Global Admin for a new invitation.
refusal-password-change-required = You signed in with a temporary password: set a new password first.
refusal-not-permitted = Not permitted: { $who }.
refusal-limit-reached = Limit reached: { $used } of { $limit } associations used since { $since }. Your next association is allowed from { $next }.
refusal-cool-off = We require a period of { $days } days between associations. Your next association is allowed from { $next }.
refusal-already-linked-here = MCID { $mcid } is already linked to your organization through your account. Nothing to do.
refusal-unlink-first = Your account already holds MCID { $mcid }. Remove access to it first, then associate the other profile.
refusal-not-linked = Your account has no linked certification profile. Nothing to remove.
refusal-pu-held-elsewhere = This Partner University account is associated with another work account. Remove access there first.
refusal-pu-already-granted = Your account already has Partner University access. Remove access first to use another PU account.
refusal-no-pu-access = Your account has no Partner University access. Nothing to remove.
refusal-last-global-admin = An organization must keep at least one active Global Admin. Grant the role to someone else first.
refusal-account-still-active = That person's account is still active: they can remove access themselves, or a Global Admin deletes the account first.
refusal-already-deleted = That account is already deleted.
refusal-role-already-held = Nothing changed: the account already holds { $role }.
refusal-role-not-held = Nothing changed: the account does not hold { $role }.
refusal-not-found = Not found: { $what }.
refusal-email-in-use = { $email } already has an active or invited account. Check the address, or resend its invitation.
refusal-not-invited = That account is { $status }: sign-in details are resent only to invited accounts. Invite the email again if the person left.
refusal-already-resolved = That ticket is already resolved.
refusal-merge-into-itself = A profile cannot be merged into itself: name two different MCIDs.
refusal-already-merged = MCID { $mcid } was already merged into MCID { $into }. Merge into { $into } instead.
refusal-outside-support-domains = { $email } is not in a support domain (R13a): support engineers' addresses are in { $listed }. Use one of them, or add the domain first (certlink admin support domain add).
refusal-outside-org-domains = { $email } is not in one of your organization's email domains (R13a): its work accounts live in { $listed }. Use an address there, or ask the operator to add your domain (certlink admin org domain add).
# The list of domains when there is none.
refusal-domains-none = none yet
refusal-domain-taken = { $domain } belongs to { $owner } (R13a): a domain has one owner. Remove it there first if it has changed hands.
refusal-domain-already-held = { $domain } is already one of its domains. Nothing to do.
refusal-domain-in-use = { $accounts } live account(s) still use { $domain } (R13a): delete them, or re-address invited ones, before removing the domain.
refusal-too-many-domains = An owner holds at most { $limit } domains (R13a): remove one it no longer uses first.

## What was not found (refusal.rs, Missing), after "Not found: ".
refusal-missing-that-account = that account in your organization
refusal-missing-link = MCID { $mcid } is not linked to your organization
refusal-missing-ticket = no such ticket
refusal-missing-account-in-org = no account { $email } in your organization
refusal-missing-account = no account { $email }
refusal-missing-profile = no profile with MCID { $mcid }
refusal-missing-certification-profile = no certification profile with MCID { $mcid }
refusal-missing-domain = { $domain } is not a domain of { $owner }
refusal-missing-match = no one matches { $query }

## Who a domain belongs to (domains.rs, DomainOwner).
domain-owner-org = organization { $mpn }
domain-owner-support = the support engineers

## Who may (needs.rs): each names its rule.
needs-skills-report = only Global Admins and MPN Partner Admins of the organization see its reports (R10)
needs-competency-status = only Global Admins and MPN Partner Admins of the organization see its competency status (R11)
needs-designations = only Global Admins and MPN Partner Admins of the organization see its Solutions Partner designation scores (R11)
needs-learn-analytics = only Global Admins and MPN Partner Admins of the organization see its Learn analytics (R18)
needs-org-accounts = only a Global Admin manages the organization's accounts (R12, R13, R17)
needs-org-links-of-an-organization = a Global Admin of an organization
needs-org-links = a Global Admin sees the organization's links
needs-history = you see your own history; a Global Admin sees their organization's; support sees all (R16)
needs-people-lookup = support engineers look people up across organizations (R14)
needs-ticket-queue = only support engineers see the ticket queue (R14)
needs-open-ticket = tickets are opened by people of an organization (R14)
needs-resolve-ticket = only support engineers resolve tickets (R14)
needs-import = support engineers and the operator import learning records (R14)
needs-own-account = only the person, signed in to their own work account, can link or unlink their profiles (R8)
needs-delete-account = only a Global Admin of the account's organization can delete it (R12)
needs-remove-from-report = only a Global Admin can remove people from the skills report (R12)
needs-set-role = only a Global Admin of the organization grants and revokes roles (R17)
needs-merge = only support engineers (Certification Support) merge profiles (R15)
needs-invite = only a Global Admin invites people into the organization (R13)
needs-resend = only a Global Admin of the organization resends sign-in details (R13)

## Words for values people read (the ids in JSON and CSV stay English).
domain-role-partner-admin = MPN Partner Admin
domain-role-global-admin = Global Admin
domain-role-user = User
domain-account-invited = invited
domain-account-active = active
domain-account-deleted = deleted
domain-ticket-linking = Linking problem
domain-ticket-unlinking = Unlinking problem
domain-ticket-mcid-merge = MCID merge (Certification Support)
domain-ticket-other = Other
domain-ticket-open = open
domain-ticket-waiting-on-user = waiting on user
domain-ticket-resolved = resolved
domain-skill-certification = certification
domain-skill-exam = exam
domain-skill-assessment = assessment
domain-skill-module = module
domain-skill-learning-path = learning-path
domain-progress-completed = completed
domain-progress-in-progress = in-progress
domain-end-moved = moved
domain-end-account-replaced = account replaced
domain-end-removed-by-user = removed by user
domain-end-removed-by-admin = removed by admin
domain-end-merged = merged
domain-identity-names = names
domain-identity-emails = emails
domain-identity-differ = the { $field } differ ({ $from } / { $into })
domain-identity-separator = {"; "}
domain-merge-warning = These may be two different people: { $differences }. Merge only two profiles of one person (R15).

## A ticket's text (tickets.rs, TextError).
domain-text-empty = the text is empty
domain-text-too-long = the text is longer than { $max } characters
domain-text-control = the text contains control characters

## Input that does not parse (ids.rs, ParseIdError). { $text } is the input,
## quoted where the words quote it.
domain-parse-mpn-id = malformed MPN ID { $text }: an MPN ID is a number of 6 to 10 digits
domain-parse-mpn-id-bare = malformed MPN ID { $text }
domain-parse-mcid = malformed MCID { $text }: an MCID is a positive number of at most 18 digits
domain-parse-mcid-bare = malformed MCID { $text }
domain-parse-email = malformed email address { $text }
domain-parse-email-too-long = malformed email address: { $length } bytes long, at most { $max } are allowed (RFC 5321)
domain-parse-pu-username = malformed Partner University username { $text }: 1 to 64 characters, no spaces
domain-parse-role = unknown role { $text }: use partner-admin or global-admin
domain-parse-kind = unknown kind { $text }: one of certification, exam, assessment, module, learning-path
domain-parse-progress = unknown status { $text }: completed or in-progress
domain-parse-category = unknown category { $text }: linking, unlinking, mcid-merge or other
domain-parse-domain = malformed domain { $text }: { $why } (e.g. contoso.com)
domain-why-empty = it is empty
domain-why-too-long = { $length } bytes long, at most { $max } are allowed
domain-why-two-labels = a domain has at least two labels
domain-why-label-length = each label has 1 to 63 characters
domain-why-characters = only letters, digits, hyphens and dots (write international names as xn--)
domain-why-hyphen = a label neither starts nor ends with a hyphen
domain-why-numeric = the last label is not a number

## A field's value out of limits (limits.rs, FieldError), and the fields' names.
domain-field-too-many-chars = { $field } is { $length } characters long; at most { $max } are allowed
domain-field-too-many-bytes = { $field } is { $length } bytes long; at most { $max } are allowed
domain-field-empty = { $field } is empty
domain-field-control = { $field } contains control characters
domain-field-name = the name
domain-field-filter = the filter
domain-field-query = the query
domain-field-competency-id = a competency id
domain-field-competency-file = the competency file
domain-field-password = the password
domain-field-public-key = the public key
domain-field-organization-name = the organization name
domain-field-profile-name = the profile name
domain-field-designations-file = the designations file
domain-field-metrics-file = the metrics file
domain-field-designations-version = the designations file version
domain-field-area-id = a solution area id
domain-field-area-name = a solution area name
domain-field-certification-id = a certification id
domain-field-certification-name = a certification name

## Settings (settings.rs, SettingError).
domain-setting-not-in-range = { $key } must be a whole number from { $lo } to { $hi }
domain-setting-unknown-time-zone = unknown time zone '{ $zone }': use an IANA name such as UTC or Europe/Berlin
domain-setting-unknown-key = unknown setting '{ $key }': one of { $keys }
domain-setting-memory-below-parallelism = argon2_memory_kib must be at least 8 × argon2_parallelism
domain-setting-below-owasp = argon2 cost { $memory_kib } KiB × { $iterations } passes is below OWASP's minimum (19456 KiB × 2, or an equivalent); only sandbox databases may use a cheaper hash

## Competency definitions (skills.rs, CompetencyError).
domain-competency-too-many-skills = competency { $id } names { $count } skill ids; at most { $max } are allowed
domain-competency-bad-id = competency id '{ $id }' must be non-empty without spaces
domain-competency-no-name = competency { $id } needs a name
domain-competency-no-required = competency { $id } needs at least 1 required individual
domain-competency-no-skills = competency { $id } must name at least one skill id

## What each setting means (settings.rs, Settings::KEYS).
domain-setting-association-limit = R9 N: association starts allowed in any rolling 365 days
domain-setting-cool-off-days = R9 C: days between the starts of two associations
domain-setting-throttle-after-failures = R1: failures from one source before attempts are slowed
domain-setting-lock-after-failures = R1: failures on one account within the window that lock it
domain-setting-failure-window-minutes = R1: window in which failures add up
domain-setting-lock-minutes = R1: how long a lock lasts
domain-setting-argon2-memory-kib = R1: argon2id memory cost in KiB
domain-setting-argon2-iterations = R1: argon2id passes
domain-setting-argon2-parallelism = R1: argon2id lanes
domain-setting-display-time-zone = Time: IANA zone dates are shown in, e.g. Europe/Berlin
