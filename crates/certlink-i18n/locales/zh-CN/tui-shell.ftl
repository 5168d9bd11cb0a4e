# TUI 外壳：状态栏、选项卡栏、登录和新密码屏幕，以及应用在其周围显示的文字。

## 状态栏

tui-shell-not-signed-in = 未登录
tui-shell-support-engineer = 支持工程师
tui-shell-as-of = 截至 { $time }
tui-shell-as-of-ahead = 截至 { $moment } · 时钟超前
tui-shell-sandbox = 沙盒
tui-shell-clock-ahead = 时钟超前至 { $moment }
tui-shell-signed-out = 已注销。
tui-shell-password-set = 你的新密码已设置。
tui-shell-too-small = 终端太小（需要 { $min-width }×{ $min-height }，当前 { $width }×{ $height }）：请放大窗口，或按 Ctrl-C 退出

## 后台任务

tui-shell-database-unusable = 无法使用数据库：{ $reason }
tui-shell-could-not-start = 无法开始处理：{ $error }
tui-shell-job-panicked = 后台任务失败（请参阅上面的报告）；数据库中没有留下未完成的更改

## 技能报告下载（文件对话框的错误）

tui-shell-export-is-folder = { $path } 是文件夹：请添加文件名。
tui-shell-export-no-file = { $path } 未指定文件：请添加文件名。
tui-shell-export-no-folder = 文件夹 { $folder } 不存在。
tui-shell-export-no-permission = 没有在 { $folder } 中写入的权限。
tui-shell-export-disk-full = 磁盘已满：未写入 { $path }。
tui-shell-export-failed = 无法写入 { $path }：{ $error }。

## 选项卡标题：完整、简短、最短（60 列）

tui-tab-profile = 个人资料
tui-tab-profile-short = 资料
tui-tab-profile-tiny = 资料
tui-tab-associations = 关联
tui-tab-associations-short = 关联
tui-tab-associations-tiny = 关联
tui-tab-skills = 技能
tui-tab-skills-short = 技能
tui-tab-skills-tiny = 技能
tui-tab-competencies = 能力
tui-tab-competencies-short = 能力
tui-tab-competencies-tiny = 能力
tui-tab-designations = 认定
tui-tab-designations-short = 认定
tui-tab-designations-tiny = 认定
tui-tab-learning = 学习
tui-tab-learning-short = 学习
tui-tab-learning-tiny = 学习
tui-tab-users = 用户
tui-tab-users-short = 用户
tui-tab-users-tiny = 用户
tui-tab-support = 支持
tui-tab-support-short = 支持
tui-tab-support-tiny = 支持

## 登录屏幕 (R1)

tui-signin-title = 使用工作帐户登录
tui-signin-box = 登录 (R1)
tui-signin-email = 电子邮件
tui-signin-password = 密码
tui-signin-progress = 正在登录…
tui-signin-type-email = 请输入工作帐户的电子邮件地址。
tui-signin-type-password = 请输入密码。
tui-signin-not-work-account = { $login } 不是工作帐户：请先登录，然后在“个人资料”选项卡的对话框中使用它。
tui-signin-demo-title = 演示登录（仅限沙盒）· PgUp/PgDn 选择，F2 使用
tui-signin-demo-col-sign-in = 登录名
tui-signin-demo-col-password = 密码
tui-signin-demo-col-who = 身份
tui-signin-demo-global-admin = 全局管理员
tui-signin-demo-partner-admin = 合作伙伴管理员
tui-signin-demo-user = 用户
tui-signin-demo-invited = 已邀请
tui-signin-demo-support = 支持工程师
tui-signin-demo-profile = 配置文件 MCID { $mcid }
tui-signin-demo-linked = 已关联到 { $mpn }

## 新密码屏幕 (R13)

tui-signin-new-password-title = 设置密码 · { $email }
tui-signin-new-password-intro = 你使用临时密码登录。请设置自己的密码以继续 (R13)。
tui-signin-temporary-password = 临时密码
tui-signin-new-password = 新密码
tui-signin-new-password-again = 再次输入新密码
tui-signin-new-password-progress = 正在设置新密码…
tui-signin-new-passwords-differ = 两次输入的新密码不同：请输入两次相同的新密码。
tui-signin-new-password-note = 至少 { $min } 个字符。按 Esc 返回登录。
