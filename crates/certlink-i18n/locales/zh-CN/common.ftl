# certlink 各部分共用的词语。

language-name-en = English
language-name-zh-cn = 简体中文
unknown-language = certlink 不支持语言 { $tag }：请使用 en 或 zh-CN。

countdown-today = 今天
countdown-days = { $days } 天后
moment-with-countdown = { $moment }（{ $countdown }）
