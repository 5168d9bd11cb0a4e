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
