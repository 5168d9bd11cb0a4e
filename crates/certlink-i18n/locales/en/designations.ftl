## Solutions Partner designations (certlink-domain designations/, the
## Designations tab, report designations). Points arrive formatted ("6.67").

designation-size-enterprise = Enterprise
designation-size-smb = SMB
designation-level-intermediate = intermediate
designation-level-advanced = advanced
designation-parse-size = { $text } is not an organization size class: enterprise or smb
designation-metric-which = the { $size } { $level } metric
designation-or = {" or "}

designation-error-no-areas = the designations file defines no solution area
designation-error-too-many-areas = the designations file defines { $count } solution areas; at most { $max } are allowed
designation-error-bad-id = solution area id '{ $id }' must be non-empty, lower case, without spaces
designation-error-duplicate = solution area { $id } is defined twice
designation-error-no-name = solution area { $id } needs a name
designation-error-metric = solution area { $area }: { $problem }
designation-problem-no-metrics = it has no skilling metric
designation-problem-too-many-metrics = it has { $count } skilling metrics; at most { $max } are allowed
designation-problem-duplicate-metric = { $which } is defined twice
designation-problem-no-steps = { $which } has no step
designation-problem-too-many-steps = { $which } has { $count } steps; at most { $max } are allowed
designation-problem-no-certifications = step { $step } of { $which } names no certification
designation-problem-too-many-certifications = step { $step } of { $which } names { $count } certifications; at most { $max } are allowed
designation-problem-step-rule = step { $step } of { $which } must be a gate (min_people, with or without points) or earn points_each, not both
designation-problem-no-cap = the cap of { $which } must be more than 0

designation-next-at-cap = at the cap: more people add no points
designation-next-nothing = no step earns more points
designation-next-earn = each { $certifications } adds { $points } { $points ->
    [1] point
   *[other] points
}, up to { $cap } ({ $people } more to reach it)
designation-next-gate = { $people } more { $people ->
    [one] person
   *[other] people
} with { $certifications } meet step { $step }
designation-next-gate-points = { $gate } (+{ $points } points)
designation-next-then = { $gate }; then { $earn }

designation-standing-counts = counts
designation-standing-gate = waits for step { $step }
designation-standing-pending = pending: counts from { $date } (R3)
designation-standing-expired = expired { $date }

designation-what-if = Solutions Partner designations: { $changes }
designation-what-if-once-removed = Solutions Partner designations, once the MCID is removed from the report (R12): { $changes }
designation-what-if-once-counted = Your organization's Solutions Partner designations on { $day }, once the profile's certifications count (R3): { $changes }
designation-changes-separator = {"; "}
designation-change = { $area }: { $before } → { $after }, { $qualification }
designation-change-loses = no longer qualified
designation-change-gains = now qualified
designation-change-still = still qualified
designation-change-not = not qualified

## The report's text table (crates/certlink-core/src/report/designations.rs).
report-designations-none = No Solutions Partner designations are defined (the operator runs `admin designation define`).
report-designations-qualified = qualified
report-designations-not-qualified = not qualified
report-designations-area = { $area }: { $total } of 100, { $qualification } ({ $size }; definitions { $version })
report-designations-other = performance { $performance }, customer success { $customer } (as of { $date })
report-designations-other-missing = performance and customer success not imported (0)
report-designations-skilling = skilling { $points }; { $other }
report-designations-metric = { $level } skilling: { $points } of { $cap } points, { $people } { $people ->
    [one] person counts
   *[other] people count
}
report-designations-step = step { $step }: { $line }
report-designations-step-state = { $rule } ({ $state })
report-designations-person = { $name } <{ $email }>: { $certification }, { $standing }
report-designations-step-gate = { $people } of { $min } people
report-designations-step-gate-points = { $people } of { $min } people (+{ $points } points once met)
report-designations-step-each = { $people } × { $points } points
report-designations-step-met = met
report-designations-step-not-met = not met
report-designations-step-waiting = waits for an earlier step
report-designations-next = next: { $next }
report-designations-more = … and { $count } more (--format csv or json lists everyone)
