# SSH 服务器（src/ssh）对连接上的人、对运行 `certlink serve` 的运维人员说的话。
# 脚本或测试读取的行（"certlink: host key …"、"certlink: listening on …"、
# "certlink: stopped"）与语言无关，不在这里。

ssh-refused-source = certlink: 已拒绝：你的地址已打开 { $count } 个连接，已达上限；请先关闭一个
ssh-refused-total = certlink: 已拒绝：服务器的连接数已达上限（{ $total } 个）；请稍后再试
ssh-not-signed-in = { $seconds } 秒内未登录

ssh-shutting-down = certlink 正在关闭
ssh-channels-per-connection = 每个连接最多 { $count } 个会话
ssh-busy-commands = certlink: 繁忙：你在此服务器上已有 { $count } 个命令正在运行，已达同时运行的上限；请等其中一个结束后再试
ssh-busy-sessions-person = certlink: 繁忙：你在此服务器上已打开 { $count } 个交互式会话，已达上限；请先关闭一个，或者给出一个命令
ssh-busy-sessions-total = certlink: 繁忙：服务器打开的交互式会话已达上限（{ $total } 个）；请稍后再试，或者给出一个命令
ssh-internal-error = certlink: 内部错误；数据库中没有留下做了一半的更改
ssh-needs-terminal = certlink: 终端应用需要一个终端（ssh -t），或者给出一个命令，例如 ssh ... profile
ssh-cannot-start-app = certlink: 无法启动应用：{ $error }
ssh-session-failed = certlink: 会话失败：{ $error }
ssh-closed-idle = certlink: { $duration }内没有按键，会话已关闭
ssh-minutes = { $minutes } 分钟
ssh-seconds = { $seconds } 秒
ssh-stdin-cut = certlink: 标准输入已截断：命令写输出时，等待的输入超过了 { $kib } KiB

ssh-exec-error = certlink: 错误：{ $message }
ssh-exec-unreadable-line = 无法读取命令行：{ $error }
ssh-argv-unterminated-single = 单引号 ' 没有闭合
ssh-argv-unterminated-double = 双引号 " 没有闭合
ssh-argv-trailing-backslash = 末尾的反斜杠没有可转义的字符
ssh-exec-not-over-ssh = 通过 ssh 不接受 --db、--as 和 --now：你以登录的身份操作服务器上的数据库
ssh-exec-no-command = 请给出一个命令，例如 `profile`；不带命令连接（ssh -t）即可打开终端应用
ssh-exec-operator = 运维命令需要访问服务器上的文件，通过 ssh 永远无法使用
ssh-exec-out = --out 会在服务器上写文件：请改为重定向标准输出，例如 ssh ... report skills --format csv > skills.csv
ssh-exec-import-file = 文件在你这边，不在服务器上：请通过标准输入发送文件，例如 ssh ... import - < records.jsonl
ssh-exec-password-change = `password change` 需要终端来询问密码：请改为打开应用（不带命令 `ssh -t` 连接此服务器），在那里设置

ssh-serve-backup-verified = certlink: 备份 { $file } 已验证（{ $records } 条记录）；已删除 { $removed } 个较旧的备份
ssh-serve-backup-failed = certlink: 备份失败：{ $error }
ssh-serve-no-runtime = 无法启动服务器运行时：{ $error }
ssh-serve-cannot-listen = 无法监听 { $address }：{ $error }
ssh-serve-no-address = 无法读取监听地址：{ $error }
