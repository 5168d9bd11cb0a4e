# 个人资料中保存的语言（问题 16）：个人资料选项卡的语言选择（L 键）和 `certlink profile language`。

pref-key-language = 选择语言
pref-dialog-title = 语言
pref-dialog-intro = 屏幕、命令输出和邮件所用的语言，保存在你的个人资料中。选择“使用我的区域设置”时，由终端（或 SSH 客户端）的语言决定。--lang 和 CERTLINK_LANG 始终优先。
pref-dialog-label = 语言
pref-choice-locale = 使用我的区域设置
pref-saving = 正在保存语言…
pref-saved = 已保存语言：{ $language }。
pref-cleared = 已清除保存的语言：由你的区域设置决定。

pref-show-saved = 保存的语言
pref-show-in-use = 当前使用
pref-show-none = 无（由 --lang、CERTLINK_LANG 或你的区域设置决定）
