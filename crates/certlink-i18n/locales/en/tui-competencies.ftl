# The TUI's Competencies tab (R11): tabs/competencies.rs.

tui-comp-reading = Reading the competency status…
# The count and the need each named, so a count above the need never reads as "1975 of 2".
tui-comp-counted = { $current ->
    [one] { $current } person counts
   *[other] { $current } people count
}, { $required } needed
tui-comp-not-loaded = Competency status is not loaded: press { $key } to read it.
tui-comp-none-defined = No competencies are defined yet (the operator adds them with `certlink admin competency define`).
tui-comp-list-title = {" "}Competencies (R11){" "}
tui-comp-col-competency = Competency
tui-comp-col-required = Required
tui-comp-col-current = Current
tui-comp-col-status = Status
tui-comp-met = met
tui-comp-not-met = not met
tui-comp-people-title = {" "}Who counts for { $name }: { $counted }{" "}
tui-comp-people-empty = No one counts yet: a person counts with a linked MCID and a skill this competency names, earned in the last 12 months.
tui-comp-col-mcid = MCID
tui-comp-col-why = Why: skill
tui-comp-col-earned = Earned
