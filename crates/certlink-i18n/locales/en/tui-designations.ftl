# The TUI's Designations tab (Solutions Partner designations): tabs/designations.rs.

tui-des-reading = Reading the designation scores…
tui-des-not-loaded = Designation scores are not loaded: press { $key } to read them.
tui-des-none-defined = No Solutions Partner designations are defined yet (the operator adds them with `certlink admin designation define`).
tui-des-list-title = {" "}Solutions Partner designations ({ $size }){" "}
tui-des-col-area = Solution area
tui-des-col-score = Score
tui-des-col-skilling = Skilling
tui-des-col-status = Status
tui-des-points = { $points } / 100
tui-des-qualified = qualified
tui-des-not-qualified = not qualified
tui-des-gauge = { $area }: { $points } of 100 points
tui-des-skilling = Skilling { $points }
tui-des-other = performance { $performance }, customer success { $customer } (as of { $date })
tui-des-other-missing = performance and customer success not imported
tui-des-metric = { $level }: { $points } of { $cap }
tui-des-step = step { $step } { $mark } { $people }
tui-des-people-title = {" "}Who counts for { $area }: { $count }{" "}
tui-des-people-title-some = {" "}Who counts for { $area }: first { $shown } of { $count }{" "}
tui-des-people-empty = No one holds a certification this area names: a person counts with a linked MCID and an active certification, once it is reflected (R3, R5).
tui-des-col-level = Level
tui-des-col-certification = Certification
tui-des-col-standing = Standing
