# The TUI's profile tab (R2, R4, R7, R9): tabs/profile/**.

# The action lines.
tui-profile-action-associate = Associate my Microsoft Learning account
tui-profile-action-unlink = Remove access (unlink MCID { $mcid })
tui-profile-action-remove = Remove access
tui-profile-action-get-pu = Get access

# The dialogs the actions open.
tui-profile-not-yet-title = Not possible yet (R9)
tui-profile-unlink-title = Remove access? (R7)
tui-profile-unlink-text = End the link of MCID { $mcid } with { $org }? Its certifications stop counting for { $org }. { $cost }
tui-profile-unlink-yes = Yes, remove access
tui-profile-move-title = Move your certification profile here? (R6)
tui-profile-move-yes = Yes, move it here
tui-profile-remove-pu-title = Remove Partner University access? (R2)
tui-profile-remove-pu-text = End the association of Partner University account { $user } with your work account? You can get access again with its credentials.

# What the jobs say while they run.
tui-profile-checking-profile = Checking the profile's credentials…
tui-profile-checking-pu = Checking the Partner University credentials…
tui-profile-removing-access = Removing access…
tui-profile-removing-pu = Removing Partner University access…

# Flash messages after an action ($mcid is "MCID 10000002" or "Your profile").
tui-profile-mcid = MCID { $mcid }
tui-profile-your-profile = Your profile
tui-profile-flash-linked = { $mcid } is now linked with your organization.
tui-profile-flash-moved = { $mcid } moved to your organization; its link with the other one ended (R6).
tui-profile-flash-took-over = { $mcid } is now linked through this account; not a new association (R6).
tui-profile-flash-pu-granted = Partner University access granted.
tui-profile-flash-unlinked = Access removed: your profile is no longer linked.
tui-profile-flash-pu-removed = Partner University access removed.

# The tab.
tui-profile-loading = Loading your profile…
tui-profile-mcid-heading = Microsoft exams and certifications
tui-profile-pu-heading = Your learning (Partner University)
tui-profile-skills-title = Certifications, exams and assessments ({ $count })
tui-profile-skills-none = : none recorded yet
tui-profile-skills-short = Skills ({ $count })
tui-profile-skills-ids = : { $ids }
tui-profile-skills-more = {"  "}… and { $count } more
tui-profile-kind-certification = certification
tui-profile-kind-exam = exam
tui-profile-kind-assessment = assessment
tui-profile-kind-module = module
tui-profile-kind-learning-path = learning-path

# The association allowance (R9).
tui-profile-allowance-title = {" "}Association allowance (R9){" "}
tui-profile-allowance-title-mcid = {" "}Association allowance · MCID { $mcid } (R9){" "}
tui-profile-used = Used: { $used } of { $limit } associations in 365 days
tui-profile-used-since = Used: { $used } of { $limit } associations in 365 days (since { $date })
tui-profile-next = Next association:{" "}
tui-profile-allowed-now = allowed now
tui-profile-blocked-limit = {" "}· limit reached
tui-profile-blocked-cool-off = {" "}· cool-off
tui-profile-cool-off = Cool-off: { $days } days between starts
tui-profile-cool-off-last = Cool-off: { $days } days between starts · last start { $date }

# Microsoft exams and certifications (R4, R7).
tui-profile-mcid-email = MCID { $mcid } · { $email }
tui-profile-no-profile = No Microsoft Learning account associated yet.
tui-profile-linked-to = Linked to { $org } since { $date }
tui-profile-not-linked-now = Not linked now (last associated through this account).
tui-profile-link-hint = Link it to count its certifications for your organization.

# Your learning (R2).
tui-profile-pu-access = Access granted · Partner University account { $user }
tui-profile-no-pu = No Partner University access.

# A support engineer's profile.
tui-profile-support-heading = Support engineer
tui-profile-support-text = Support engineers belong to no organization: there is no profile to link here.

# What removing access costs (R7, R9), said before the act.
tui-profile-cost-used = { $used } of { $limit } associations used in 365 days
tui-profile-cost-again-now = linking again is possible at once, and would use association { $next } of { $limit }
tui-profile-cost-again-limit = the yearly limit is reached, so linking again is possible from { $moment }
tui-profile-cost-again-cool-off = the { $days }-day cool-off runs, so linking again is possible from { $moment }
tui-profile-cost-again-cool-off-since = the { $days }-day cool-off since the last start on { $date } runs, so linking again is possible from { $moment }
tui-profile-cost = Removing access does not use an association and gives none back ({ $used }). Linking again later is a new association (R9): { $again }.

# Why the known profile cannot associate now (R9); $refusal is the rule's own message.
tui-profile-refusal = MCID { $mcid }, last associated through your account, cannot start a new association now. { $refusal }
tui-profile-refusal-email = MCID { $mcid } ({ $email }), last associated through your account, cannot start a new association now. { $refusal }
