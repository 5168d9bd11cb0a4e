# The TUI's Learn analytics tab (R18): tabs/learning.rs.

tui-learning-reading = Reading Learn analytics…
tui-learning-title = Learn analytics (R18) · { $from } to { $to } ({ $months } months)
tui-learning-not-loaded = Learn analytics are not loaded: press { $key } to read them.
tui-learning-totals = Trained individuals: { $trained } · Modules: { $modules } · Learning paths: { $paths }
tui-learning-learners = {" "}Learners ({ $count }){" "}
tui-learning-empty = No learning recorded in this range for people with a linked MCID or Partner University access.
tui-learning-col-modules = Modules
tui-learning-col-paths = Paths
tui-learning-col-in-progress = In progress
tui-learning-chart-title = {" "}Module completions per month{" "}
tui-learning-chart-last = {" "}last { $shown } of { $months } months{" "}
