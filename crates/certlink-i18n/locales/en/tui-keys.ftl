# The key maps: what each key does (hints and the ? help) and the help titles.
# Key names (Enter, Esc, Ctrl-S) are not here: they stay as written.

## Shared words

tui-key-help = help
tui-key-quit = quit
tui-key-typing-keys = text
tui-key-typing = type or paste into the focused field
tui-key-help-title = Keys: { $context }

## What keys do

tui-key-next-field-submit = next field / submit
tui-key-next-field = next field
tui-key-previous-field = previous field
tui-key-cancel = cancel
tui-key-delete-before-the-cursor = delete before the cursor
tui-key-delete-at-the-cursor = delete at the cursor
tui-key-move-the-cursor = move the cursor
tui-key-start-end-of-the-field = start / end of the field
tui-key-clear-the-field = clear the field
tui-key-go-to-tab-by-number = go to tab by number
tui-key-switch-tab = switch tab
tui-key-move = move
tui-key-first-last-at-once = first / last, at once
tui-key-filter-the-list = filter the list
tui-key-clear-the-filter = clear the filter
tui-key-filter = filter
tui-key-a-page-up-down = a page up / down
tui-key-read-again-now = read again now
tui-key-sign-out = sign out
tui-key-quit-outside-text-fields = quit outside text fields
tui-key-send = send
tui-key-new-line = new line
tui-key-start-end-of-the-line = start / end of the line
tui-key-delete-before-the-cursor-joins-lines = delete before the cursor (joins lines)
tui-key-clear-the-text = clear the text
tui-key-to-the-category = to the category
tui-key-to-the-text = to the text
tui-key-choose = choose
tui-key-yes-do-it = yes, do it
tui-key-no-keep-it = no, keep it
tui-key-choose-a-button = choose a button
tui-key-press-the-chosen-button = press the chosen button
tui-key-write-the-file = write the file
tui-key-tick-choose = tick / choose
tui-key-close-help = close help
tui-key-close = close
tui-key-back-to-sign-in = back to sign-in
tui-key-next-sign-in = next / sign in
tui-key-clear-the-form = clear the form
tui-key-pick-a-demo = pick a demo
tui-key-use-it = use it
tui-key-switch-pane = switch pane
tui-key-competencies-who-counts = competencies / who counts
tui-key-range-a-month-earlier-later = range a month earlier / later
tui-key-widen-narrow-the-range = widen / narrow the range
tui-key-open-act = open / act
tui-key-sort-column-reverse = sort column / reverse
tui-key-export-csv = export CSV
tui-key-remove-departed = remove departed
tui-key-keep-the-filter-back-to-the-rows = keep the filter, back to the rows
tui-key-search-people = search people
tui-key-open-the-person = open the person
tui-key-search = search
tui-key-leave-the-search-box = leave the search box
tui-key-read-the-ticket = read the ticket
tui-key-back-to-the-list = back to the list
tui-key-open-a-ticket = open a ticket
tui-key-reply = reply
tui-key-resolve-close = resolve (close)
tui-key-people-ticket-queue = people / ticket queue
tui-key-merge-mcids = merge MCIDs
tui-key-invite = invite
tui-key-new-sign-in-details = new sign-in details
tui-key-delete = delete
tui-key-remove-a-departed-person-from-the-report = remove a departed person from the report
tui-key-grant-revoke-mpn-partner-admin = grant / revoke MPN Partner Admin
tui-key-grant-revoke-global-admin = grant / revoke Global Admin

## Key map titles (the help overlay)

tui-key-title-working = Working
tui-key-title-write-a-ticket-text = Write a ticket text
tui-key-title-ticket-category = Ticket category
tui-key-title-confirmation = Confirmation
tui-key-title-credentials-dialog = Credentials dialog
tui-key-title-download = Download
tui-key-title-dialog = Dialog
tui-key-title-help = Help
tui-key-title-message = Message
tui-key-title-new-password = New password
tui-key-title-sign-in = Sign-in
tui-key-title-sign-in-sandbox = Sign-in (sandbox)
tui-key-title-associations = Associations
tui-key-title-associations-filter = Associations: filter
tui-key-title-competencies = Competencies
tui-key-designations-who-counts = solution areas / who counts
tui-key-title-designations = Designations
tui-key-title-learn-analytics = Learn analytics
tui-key-title-profile = Profile
tui-key-title-skills-report = Skills report
tui-key-title-skills-report-filter = Skills report filter
tui-key-title-support-people = Support: people
tui-key-title-support-search = Support: search
tui-key-title-support-person = Support: person
tui-key-title-support-ticket-queue = Support: ticket queue
tui-key-title-support-ticket = Support: ticket
tui-key-title-support-your-tickets = Support: your tickets
tui-key-title-support-filter-the-tickets = Support: filter the tickets
tui-key-title-support-your-ticket = Support: your ticket
tui-key-title-users = Users
tui-key-title-users-filter = Users: filter
