# Words every part of certlink shares.

language-name-en = English
language-name-zh-cn = 简体中文
unknown-language = { $tag } is not a language certlink speaks: use en or zh-CN.

# "in N days" counts calendar days in the display zone (domain time.rs).
countdown-today = today
countdown-days = { $days ->
    [one] in { $days } day
   *[other] in { $days } days
}
# A moment a rule enforces to the second, with its countdown.
moment-with-countdown = { $moment } ({ $countdown })
