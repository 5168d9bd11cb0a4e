# The TUI's shell: the status bar, the tab bar, the sign-in and new-password
# screens, and what the app says around them.

## Status bar

tui-shell-not-signed-in = Not signed in
tui-shell-support-engineer = Support engineer
# The stamp of when the screen was read ($time is HH:MM).
tui-shell-as-of = as of { $time }
# A sandbox clock moved ahead with --now; the words after " · " go first on a narrow screen.
tui-shell-as-of-ahead = as of { $moment } · clock ahead
# The badge of a sandbox database (the code adds a space on each side).
tui-shell-sandbox = SANDBOX
# Beside the badge on the sign-in screen when the sandbox clock is ahead.
tui-shell-clock-ahead = clock { $moment } ahead
tui-shell-signed-out = Signed out.
tui-shell-password-set = Your new password is set.
tui-shell-too-small = terminal too small (need { $min-width }×{ $min-height }, have { $width }×{ $height }): enlarge the window, or press Ctrl-C to quit

## Jobs

tui-shell-database-unusable = The database could not be used: { $reason }
tui-shell-could-not-start = Could not start the work: { $error }
tui-shell-job-panicked = a background task failed (see the report above); nothing was left half-done in the database

## The skills report's download (the file dialog's errors)

tui-shell-export-is-folder = { $path } is a folder: add a file name.
tui-shell-export-no-file = { $path } names no file: add a file name.
tui-shell-export-no-folder = The folder { $folder } does not exist.
tui-shell-export-no-permission = No permission to write in { $folder }.
tui-shell-export-disk-full = The disk is full: { $path } was not written.
tui-shell-export-failed = Could not write { $path }: { $error }.

## Tab titles: full, short when the full ones do not fit, tiny at 60 columns
## (all eight tiny ones, with their numbers, fit 60 columns: no dots)

tui-tab-profile = Profile
tui-tab-profile-short = Profile
tui-tab-profile-tiny = Prof
tui-tab-associations = Associations
tui-tab-associations-short = Assoc.
tui-tab-associations-tiny = Assoc
tui-tab-skills = Skills
tui-tab-skills-short = Skills
tui-tab-skills-tiny = Skill
tui-tab-competencies = Competencies
tui-tab-competencies-short = Compet.
tui-tab-competencies-tiny = Comp
tui-tab-designations = Designations
tui-tab-designations-short = Design.
tui-tab-designations-tiny = Des
tui-tab-learning = Learn
tui-tab-learning-short = Learn
tui-tab-learning-tiny = Learn
tui-tab-users = Users
tui-tab-users-short = Users
tui-tab-users-tiny = Users
tui-tab-support = Support
tui-tab-support-short = Support
tui-tab-support-tiny = Supp

## Sign-in screen (R1)

# After "certlink · ".
tui-signin-title = sign in with your work account
tui-signin-box = Sign in (R1)
tui-signin-email = Email
tui-signin-password = Password
tui-signin-progress = Signing in…
tui-signin-type-email = Type the email of your work account.
tui-signin-type-password = Type your password.
tui-signin-not-work-account = { $login } is not a work account: sign in first, then use it in a dialog on the Profile tab.
tui-signin-demo-title = Demo sign-ins (sandbox only) · PgUp/PgDn to pick, F2 to use
tui-signin-demo-col-sign-in = Sign-in
tui-signin-demo-col-password = Password
tui-signin-demo-col-who = Who
tui-signin-demo-global-admin = Global Admin
tui-signin-demo-partner-admin = Partner Admin
tui-signin-demo-user = User
tui-signin-demo-invited = invited
tui-signin-demo-support = support engineer
tui-signin-demo-profile = profile MCID { $mcid }
tui-signin-demo-linked = linked to { $mpn }

## New password screen (R13)

tui-signin-new-password-title = Set your password · { $email }
tui-signin-new-password-intro = You signed in with a temporary password. Set your own password to continue (R13).
tui-signin-temporary-password = Temporary password
tui-signin-new-password = New password
tui-signin-new-password-again = New password again
tui-signin-new-password-progress = Setting your new password…
tui-signin-new-passwords-differ = The two new passwords differ: type the same new password twice.
tui-signin-new-password-note = At least { $min } characters. Esc goes back to sign-in.
