# The Support tab of the TUI (R14–R16): the people desk and the person
# view, the tickets and their conversation, the ticket, reply and merge
# dialogs, and the notes in the status bar.

# The line naming the views.
tui-support-your-tickets-heading = Your support tickets (R14)
tui-support-view-people = {" "}People ({ $key }){" "}
tui-support-view-queue = {" "}Ticket queue ({ $key }): { $open } open, { $waiting } waiting on user{" "}

# Notes after a change.
tui-support-ticket-refused = Ticket #{ $id }: { $message } ({ $rule })
tui-support-ticket-opened = Ticket #{ $id } opened: support answers here (R14).
tui-support-reply-added = Reply added to ticket #{ $id }.
tui-support-ticket-resolved = Ticket #{ $id } resolved.
tui-support-merged = MCID { $from } merged into MCID { $into }; its history now counts there (R15).

# Ticket statuses and categories (R14).
tui-support-status-open = open
tui-support-status-waiting = waiting on user
tui-support-status-resolved = resolved
tui-support-category-linking = Linking problem
tui-support-category-unlinking = Unlinking problem
tui-support-category-merge = MCID merge (Certification Support)
tui-support-category-other = Other

# The ticket list.
tui-support-queue-title = {" "}Ticket queue { $counts }{ $clears }{" "}
tui-support-my-tickets-title = {" "}Your tickets { $counts }{ $clears }{" "}
tui-support-esc-clears = {" "}· Esc clears
tui-support-counts = ({ $total })
tui-support-counts-filtered = ({ $matching } of { $total }) · filter "{ $filter }"
tui-support-no-ticket-matches = No ticket matches the filter. Esc shows every ticket.
tui-support-queue-empty = No tickets: the queue is empty.
tui-support-no-tickets-yet = No tickets yet. If linking or unlinking goes wrong, or two certification profiles should be one, open a ticket: support answers here.
tui-support-column-number = #
tui-support-column-status = Status
tui-support-column-category = Category
tui-support-column-opened-by = Opened by
tui-support-column-age = Age
tui-support-column-replies = Replies
tui-support-age-today = today
tui-support-age-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
tui-support-replies-none = none
tui-support-replies = { $n ->
    [one] { $n } reply
   *[other] { $n } replies
}

# A ticket's conversation.
tui-support-ticket-title = {" "}Ticket #{ $id } · { $category } · { $status }{" "}
tui-support-opened-by = Opened by { $who } on { $at } ({ $ago })
tui-support-days-ago = { $days ->
    [one] { $days } day ago
   *[other] { $days } days ago
}

# The people desk (R16).
tui-support-search-label = Search:{" "}
tui-support-search-again = { $query } · / searches again
tui-support-search-hint = / then an email, a name, an MCID or an MPN ID
tui-support-people = {" "}People{" "}
tui-support-people-matching = {" "}People matching "{ $query }" ({ $count }){" "}
tui-support-people-matching-full = {" "}People matching "{ $query }" (the first { $limit }; more may match: / to narrow){" "}
tui-support-no-one-matches = No one matches. Try part of an email or a name, a whole MCID or MPN ID.
tui-support-find-a-person = Find a person by email, name, MCID or MPN ID, across every organization (deleted accounts too).
tui-support-org-support = support
tui-support-column-email = Email
tui-support-column-name = Name
tui-support-column-organization = Organization
tui-support-column-account-status = Status
tui-support-column-mcid = MCID

# The person view.
tui-support-fact-account = Account
tui-support-fact-organization = Organization
tui-support-fact-pu = PU access
tui-support-fact-mcid = MCID
tui-support-fact-used = {"  "}Used
tui-support-fact-cool-off = {"  "}Cool-off
tui-support-fact-next = {"  "}Next
tui-support-temporary-password = {" "}· temporary password not yet replaced (R13)
tui-support-org-with-mpn = { $name } (MPN ID { $mpn })
tui-support-no-org = none (support engineer)
tui-support-pu-through = access through { $user } (R2)
tui-support-pu-none = no access
tui-support-mcid-linked = { $mcid }, linked to { $org } through this account
tui-support-mcid-not-linked = { $mcid }, not linked now (last associated)
tui-support-mcid-none = none associated yet (R4)
tui-support-window-heading = Association window (R9)
tui-support-since = {" "}(since { $date })
tui-support-used = { $used } of { $limit } in 365 days{ $since }
tui-support-last-start = {" "}· last start { $date }
tui-support-cool-off = { $days } days between starts{ $last }
tui-support-allowed-now = allowed now
tui-support-limit-reached = {" "}· limit reached
tui-support-in-cool-off = {" "}· in cool-off
tui-support-refused-heading = Refused attempts: { $count }
tui-support-none-recorded = {"  "}none recorded
tui-support-links-heading = Link history (R16): { $count }
tui-support-no-links = {"  "}no links yet
tui-support-most-recent = { $n } (the most recent { $limit })
tui-support-link-now = now
tui-support-not-new-association = {" "}· not a new association
tui-support-another-account = {" "}· another account
# Why a link ended (its audit name stays in the record).
tui-support-reason-moved = moved
tui-support-reason-account-replaced = account replaced
tui-support-reason-removed-by-user = removed by user
tui-support-reason-removed-by-admin = removed by admin
tui-support-reason-merged = merged

# Opening a ticket and replying (R14).
tui-support-open-title = Open a support ticket (R14)
tui-support-open-intro = Tell support what happened. Questions about merging two certification profiles go to Certification Support (MCID merge).
tui-support-reply-title = Reply to ticket #{ $id } (R14)
tui-support-reply-intro = Your reply is added to the conversation.

# The merge (R15).
tui-support-merge-title = Merge two certification profiles (R15)
tui-support-merge-intro = The duplicate's certifications, exams and history move to the primary; at most one link survives. You see what will change before anything does.
tui-support-duplicate-mcid = Duplicate MCID
tui-support-primary-mcid = Primary MCID
tui-support-merge-confirm-title = Merge MCID { $from } into { $into }? (R15)
tui-support-merge-yes = Yes, merge
tui-support-merge-what = Duplicate MCID { $from } { $from_name } ({ $from_email }) into primary MCID { $into } { $into_name } ({ $into_email }).
tui-support-merge-moves = Moves: { $skills }, { $links } of history, { $starts }.
tui-support-skills = { $n ->
    [one] { $n } skill
   *[other] { $n } skills
}
tui-support-links = { $n ->
    [one] { $n } link
   *[other] { $n } links
}
tui-support-starts = { $n ->
    [one] { $n } association start
   *[other] { $n } association starts
}
tui-support-survives = Survives: the link to { $org } held by { $holder }.
tui-support-no-link-survives = No link survives: neither profile is linked.
tui-support-ends = Ends: the link to { $org } held by { $holder } (reason: merged).
tui-support-next-now = now
tui-support-after = After (R9): { $used } of { $limit } associations used; next allowed { $next }.

# Progress while a job runs.
tui-support-progress-open = Opening the ticket…
tui-support-progress-reply = Sending the reply…
tui-support-progress-resolve = Resolving the ticket…
tui-support-progress-merge = Merging the profiles…
