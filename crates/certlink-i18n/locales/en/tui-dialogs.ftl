# The TUI's dialogs and shared widgets (popups/, components/): their own
# words. Titles and labels a tab passes in are the tab's.

# Confirmation (popups/confirm.rs).
tui-dialog-confirm-no = No, keep it
tui-dialog-confirm-warning = Warning: { $warning }
# A guarded confirmation (R15): the word to type, then what was typed so far.
tui-dialog-confirm-type-word = Type { $word } to merge anyway: { $typed }_

# A message or a refusal (popups/message.rs).
tui-dialog-refused-rule = Refused ({ $rule })
tui-dialog-refused = Could not do that
tui-dialog-message-close = Enter or Esc to close

# Credential entry (popups/credentials.rs, R4 and R2).
tui-dialog-credentials-email = Email
tui-dialog-credentials-password = Password
tui-dialog-credentials-username = Username
tui-dialog-credentials-use-email = Use { $email } to associate my Microsoft Learning account
tui-dialog-credentials-associate-title = Associate your Microsoft Learning account
tui-dialog-credentials-pu-title = Get Partner University access
tui-dialog-credentials-associate-intro = Sign in with your certification profile (Microsoft Learning account) to link its MCID with your organization. Only you can do this: the password is checked (R8).
tui-dialog-credentials-pu-intro = Sign in with your Partner University account (not your work account) to associate it with your work account (R2).
tui-dialog-credentials-type-email = Type the email.
tui-dialog-credentials-type-username = Type the username.
tui-dialog-credentials-type-password = Type the password.

# The skills report's download (popups/download.rs, R10). $order is the
# report's order in words, given by the Skills tab.
tui-dialog-download-title = Download the skills report
tui-dialog-download-label = Save as (editable):{" "}
tui-dialog-download-how = Type or paste to change the path · Enter writes the file · Esc cancels
tui-dialog-download-all = Writes the { $total } rows of the skills report as CSV, { $order }.
tui-dialog-download-filtered = Writes the { $shown } rows that match the filter (of { $total }) as CSV, { $order }.
tui-dialog-download-no-path = Enter the path of the file to write.
tui-dialog-download-exists = { $path } exists: press Enter again to replace it.

# The temporary password shown once (popups/shown_once.rs, R13).
tui-dialog-shown-once-invited-title = Invited · temporary password shown once
tui-dialog-shown-once-resent-title = New sign-in details · password shown once
tui-dialog-shown-once-queued = Sign-in details queued in the outbox; `certlink outbox send` delivers them.
tui-dialog-shown-once-no-outbox = No outbox for this database: nothing was sent. Give the person the email and password yourself.
tui-dialog-shown-once-failed = Sign-in details NOT queued ({ $why }). Give them to the person yourself, or send new ones later.
tui-dialog-shown-once-for = Temporary password for { $name } <{ $email }>, shown this once:
tui-dialog-shown-once-copy = Copy it now: it cannot be shown again.
tui-dialog-shown-once-first-sign-in = They choose their own password at first sign-in (R13).
tui-dialog-shown-once-close = Enter or Esc closes; the password is then gone

# The ticket text editor (popups/compose.rs, R14).
tui-dialog-compose-category = Category
tui-dialog-compose-text-count = Text ({ $count } of { $max } characters)

# A one-of choice in a dialog's form (components/dialog_form.rs).
tui-dialog-choice-position = ({ $index } of { $count })

# A list's filter (components/list_filter.rs); the counts come grouped ("20,000").
tui-dialog-filter-label = Filter:{" "}
tui-dialog-filter-count = ({ $total })
tui-dialog-filter-counts = ({ $matching } of { $total }) · filter "{ $text }"

# A table of people (components/pane.rs).
tui-dialog-people-name = Name
tui-dialog-people-email = Email
