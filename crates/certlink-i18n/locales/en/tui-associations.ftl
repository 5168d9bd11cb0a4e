# The TUI's Associations tab (R4, R7, R10, R12, R16): tabs/associations*.

# Your link history.
tui-assoc-history-title = {" "}Your link history ({ $all }){" "}
tui-assoc-history-title-filtered = {" "}Your link history ({ $shown } of { $all }) · filter "{ $filter }" · Esc clears{" "}
# "the most recent 200": the history was cut at its limit.
tui-assoc-most-recent = the most recent { $count }
tui-assoc-history-no-match = No link's organization or reason contains the filter. Esc shows every link.
tui-assoc-history-empty = No links yet: associate your Microsoft Learning account on the Profile tab.
tui-assoc-col-organization = Organization
tui-assoc-col-from = From
tui-assoc-col-to = To
tui-assoc-col-reason = Reason
# An active link has no end yet.
tui-assoc-now = now
tui-assoc-active = (active)
# Why a link ended (the domain's EndReason).
tui-assoc-reason-moved = moved
tui-assoc-reason-account-replaced = account replaced
tui-assoc-reason-removed-by-user = removed by user
tui-assoc-reason-removed-by-admin = removed by admin
tui-assoc-reason-merged = merged

# The organization's current links (Global Admins).
tui-assoc-your-organization = your organization
tui-assoc-org-title = {" "}Current links of { $org } { $counts }{" "}
tui-assoc-org-title-filtered = {" "}Current links of { $org } { $counts } · Esc clears{" "}
tui-assoc-org-no-match = No link's holder name, email or MCID contains the filter. Esc shows every link.
tui-assoc-org-empty = No one in the organization has a linked profile.
tui-assoc-col-mcid = MCID
tui-assoc-col-holder = Holder
tui-assoc-col-email = Email
tui-assoc-col-since = Since
tui-assoc-col-status = Status
tui-assoc-departed = ! departed
tui-assoc-status-invited = invited
tui-assoc-status-active = active
tui-assoc-status-deleted = deleted
