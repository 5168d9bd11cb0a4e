# The Skills tab of the TUI (R10, R12): its title, columns, rows, filter
# line, detail lines, removal from the report and download. The CSV the
# download writes keeps its English column names (scripts read them).

tui-skills-column-name = Name
tui-skills-column-email = Email
tui-skills-column-mcid = MCID
tui-skills-column-account = Account
tui-skills-column-kind = Kind
tui-skills-column-skill = Skill
tui-skills-column-earned = Earned
tui-skills-column-reflection = Reflection
tui-skills-column-competencies = Competencies

tui-skills-ascending = ascending
tui-skills-descending = descending
# "sorted by Earned ▼ (descending)"
tui-skills-sorted-by = sorted by { $column } { $arrow } ({ $way })

tui-skills-title = Skills report (R10) · as of { $at } · { $sort }
tui-skills-title-working = Skills report (R10) · { $work }
tui-skills-work-reading = Reading the skills report: { $done } rows…
tui-skills-work-sorting = Sorting by { $column } { $arrow }: { $done } of { $total } rows…
tui-skills-work-filtering = Filtering: { $done } of { $total } rows…

tui-skills-not-loaded = The skills report is not loaded: press { $key } to read it.
tui-skills-empty = No users found with skills data. Check whether your users have associated their Microsoft Learning or Partner University accounts (My profile).
tui-skills-no-match = No row matches "{ $filter }". Esc clears the filter.
# A row whose person left the report since the handles were taken.
tui-skills-gone = (gone)
tui-skills-row-gone = This row is no longer in the report: reading the report again…
tui-skills-too-large = The skills report has more rows for one person, or larger account numbers, than this screen can browse; download it with `certlink report skills` instead.

# The detail lines of the selected row.
tui-skills-removes-from-report = { $flag }: { $key } removes from the report
tui-skills-linked-since = MCID { $mcid } linked since { $since }
tui-skills-earned = earned { $date }
tui-skills-expires = expires { $date }
tui-skills-counts-toward = counts toward { $competencies }
tui-skills-no-skills = No certifications, exams or assessments yet.

# The filter line.
tui-skills-filter-label = Filter:{" "}
tui-skills-count = { $shown } of { $total } rows
tui-skills-rows-hint = { $shown } of { $total } rows · / filters
tui-skills-filter-hint = Filter "{ $filter }" · { $shown } of { $total } rows · / edits, Esc clears

# Removal of a departed person from the report (R12).
tui-skills-no-row-selected = No row selected (or it is still being read).
tui-skills-only-global-admin-removes = Only a Global Admin of the organization removes departed people from the report (R12).
tui-skills-not-departed = { $name } is not a departed person still linked: only rows flagged "deleted (still linked)" can be removed from the report (R12).
tui-skills-confirm-removal-title = Remove from the skills report? (R12)
tui-skills-confirm-removal = End the link of MCID { $mcid } ({ $name }, account deleted) with the organization (reason: removed by admin)? Their certifications stop counting for it at once. It is not an association: it costs them nothing under R9.
tui-skills-confirm-removal-yes = Yes, remove
tui-skills-removed = MCID { $mcid } ({ $name }) removed from the skills report; it cost them no association (R12, R9).

# The download (R10).
tui-skills-download-ssh-title = Download over ssh
tui-skills-download-ssh = Run this on your own machine to save the skills report as CSV (the whole report, without the filter shown here):
tui-skills-nothing-to-download = No rows to download: the report or the filter is empty.
tui-skills-wrote = Wrote { $rows ->
    [one] 1 row
   *[other] { $rows } rows
} to { $path }.

# Progress while a job runs.
tui-skills-progress-first-page = Reading the skills report…
tui-skills-progress-pass = Reading the whole skills report…
tui-skills-progress-rows = Reading rows…
tui-skills-progress-csv = Writing the CSV file…
tui-skills-progress-removing = Removing from the report…
