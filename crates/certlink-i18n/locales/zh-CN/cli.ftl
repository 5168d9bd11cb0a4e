# 命令行自己的词语（src/cli）：表格、键值对、消息、错误、提示和进度。
# JSON 键、退出码、拒绝的 code 与 rule、导出文件的 CSV 列名不在此处：它们与语言无关。

## 启动、数据库、语言

cli-tui-needs-terminal = 不带命令的 certlink 会打开终端应用，这需要一个终端（且没有 JSON 输出）：请给出一个命令，参见 `certlink --help`
cli-terminal-failed = 终端出错：{ $error }
cli-csv-only-reports = --format csv 仅用于 `report skills` 和 `report users`；请使用 table 或 json
cli-no-home-directory = 没有主目录：请传入 --db PATH
cli-cannot-create = 无法创建 { $path }：{ $error }
cli-now-not-rfc3339 = --now '{ $value }' 不是 RFC 3339 时刻，例如 2026-11-23T09:00:00Z
cli-progress-opening = 正在打开数据库
cli-progress-migrated = 架构已迁移，旧文件的副本保存在其旁边
cli-sandbox-clock = 沙盒时钟：{ $shown }（快于本机时钟；每个命令都在最后记录的命令之后运行）
cli-bad-certlink-lang = CERTLINK_LANG={ $tag } 不是 certlink 支持的语言：请设为 en 或 zh-CN，或取消设置（--lang 优先于它）
cli-operator-drop-as = 操作员命令通过文件访问执行，而不是以某个人的身份：请去掉 --as
cli-pass-as = 此命令以某个人的身份执行：请传入 --as EMAIL

## 密码

cli-password-stdin-unreadable = 无法从标准输入读取密码：{ $error }
cli-password-stdin-empty = --password-stdin：标准输入中没有密码
cli-secret-not-over-ssh = 无法通过 ssh 询问{ $what }：请传入 --password-stdin 并在标准输入中发送
cli-line-too-long = 该行超过 { $max } 字节
cli-line-not-utf8 = 输入不是 UTF-8
cli-prompt-password-for = { $email } 的密码
cli-prompt-current-password-for = { $email } 的当前密码
cli-prompt-new-password = 新密码
cli-prompt-certification-profile-password = 认证配置文件密码
cli-prompt-profile-password = 配置文件密码
cli-prompt-pu-password = Partner University 密码
cli-prompt-line = { $prompt }：
cli-prompt-again-line = { $prompt }（再次输入）：
cli-no-terminal-for-secret = 没有可询问{ $what }的终端：请设置 { $var }
cli-no-terminal-for-password = 没有可询问密码的终端：请设置 { $var }
cli-passwords-differ = 两次输入的密码不一致

## 命令行报告的错误（output.rs、wording.rs）

cli-report-refused-rule = certlink：已拒绝（{ $rule }）：{ $message }
cli-report-refused = certlink：已拒绝：{ $message }
cli-report-error-rule = certlink：错误（{ $rule }）：{ $message }
cli-report-error = certlink：错误：{ $message }
cli-refusal-with-hint = { $message }{ $hint }
cli-hint-password-change-local = 请运行 `certlink password change`。
cli-hint-password-change-ssh = 请打开应用进行设置：不带命令连接（对此服务器使用 `ssh -t`），应用会要求输入新密码。
cli-more-rows = 还有更多行：使用 { $next } 运行同一命令以获取下一页。
cli-now-only-sandbox-demo = --now 仅可用于沙盒数据库（由 `certlink demo` 创建）
cli-now-before-last-event = --now { $start } 早于最后记录的事件（{ $last }）；时钟从不回退
cli-range-reversed = --from { $from } 晚于 --to { $to }
cli-key-not-found-see = { $error }（参见 `certlink key list { $email }`）
cli-reset-refused-demo = { $error }；`certlink demo` 只会替换沙盒数据库
cli-warning-outside-domains = { $warning }（certlink admin org domain add|remove）
cli-warning-more-outside-domains = 域（R13a）：另有 { $count } 个有效帐户不在其所有者的域中
cli-warning-readable-by-others = 此计算机的其他用户可以读取 { $path }；其中包含密码哈希和审核记录：chmod 600 { $path }
cli-outbox-busy = 另一个 `certlink outbox send` 正在处理此发件箱（{ $lock }）；请在其完成后重试
cli-outbox-file = 发件箱文件 { $path }：{ $error }
cli-outbox-invalid-address = { $address } 不是有效的电子邮件地址
cli-outbox-render = 无法生成邮件：{ $error }
cli-outbox-config = 配置文件 { $path }：{ $error }

## 确认（confirm.rs）

cli-confirm-on-terminal = { $declined }：请在终端上确认，或传入 --yes
cli-confirm-question = { $question } [y/N]{" "}

## 个人自己的命令（person.rs）

cli-label-account = 帐户
cli-label-organization = 组织
cli-label-roles = 角色
cli-label-partner-university = Partner University
cli-label-mcid = MCID
cli-label-associations-used = 已用关联次数
cli-label-cool-off = 冷却期
cli-label-next-association = 下次关联
cli-email-name = { $email }（{ $name }）
cli-org-with-mpn = { $name }（MPN ID { $id }）
cli-org-none-support = 无（支持工程师）
cli-linked-since = 自 { $date } 起关联到 { $org }
cli-not-linked = 未关联
cli-mcid-email-linked = { $mcid }（{ $email }），{ $linked }
cli-mcid-linked = { $mcid }，{ $linked }
cli-mcid-none-yet = 尚未关联
cli-now = 现在
cli-next-limit = { $moment }：已达到每年的关联次数上限
cli-next-cool-off = { $moment }：处于冷却期内
cli-associations-used = 过去 365 天内已用 { $used } 次，共 { $limit } 次
cli-associations-used-since = 过去 365 天内已用 { $used } 次，共 { $limit } 次（自 { $date } 起）
cli-pu-access-through = 通过 { $username } 访问
cli-pu-no-access = 无访问权限
cli-cool-off-between = 两次关联之间间隔 { $days } 天
cli-linked = 已关联：你的认证配置文件现在计入你的组织。
cli-linked-moved = 已关联：你的配置文件已移至你的组织；与之前组织的关联已结束（R6）。
cli-linked-took-over = 已关联：关联已从你在此处的旧帐户移至此帐户；未使用新的关联次数（R6）。
cli-unlink-again-now = 你现在即可再次关联配置文件
cli-unlink-again-from = 你可以从 { $moment } 起再次关联配置文件（{ $why }）
cli-why-limit = 已达到每年的关联次数上限
cli-why-cool-off = 处于冷却期内
cli-unlink-done = 已删除访问权限：你的认证配置文件已不再关联（R7）。此操作未使用关联次数：过去 365 天内已用 { $used } 次，共 { $limit } 次；{ $again }（R9）。
cli-pu-granted = 已授予 Partner University 访问权限（R2）。评估将在反映延迟之后出现在技能报告中（R3）。
cli-pu-removed = 已删除 Partner University 访问权限（R2）。
cli-history-pass-target = 请传入 --mcid N 或 --account EMAIL
cli-col-when = 时间
cli-col-who = 操作者
cli-col-action = 操作
cli-col-outcome = 结果
cli-col-mcid = MCID
cli-col-organization = 组织
cli-col-detail = 详细信息
cli-org-from-other = { $org }（来自 { $other }）
cli-outcome-refused = 已拒绝：{ $outcome }（{ $rule }）
cli-delete-pu-ends = 此人的 Partner University 访问权限将结束（R2）。
cli-delete-mcid-stays = MCID { $mcid } 仍保持关联，并在技能报告中标记，直到你将其删除（certlink report remove --mcid { $mcid }）。
cli-delete-what = 删除帐户 { $email }（{ $name }）（R12）：此人将无法再登录。{ $pu }{ $mcid }
cli-delete-question = 删除？
cli-not-deleted = 未删除
cli-account-deleted = 帐户 { $email } 已删除（R12）。已关联的 MCID 会保留在技能报告中，直到你将其删除：certlink report remove --mcid N。
cli-remove-what-holder = 将 MCID { $mcid }（{ $name }，{ $email }）从技能报告中删除（R12）：其与你的组织的关联将结束（原因：由管理员删除）。这不会占用此人的关联次数（R9）。
cli-remove-what = 将 MCID { $mcid } 从技能报告中删除（R12）：其与你的组织的关联将结束（原因：由管理员删除）。这不会占用此人的关联次数（R9）。
cli-remove-question = 删除？
cli-not-removed = 未删除
cli-mcid-removed = MCID { $mcid } 已从技能报告中删除；其关联已结束（R12）。这不会占用此人的关联次数。
cli-role-partner-admin = MPN 合作伙伴管理员
cli-role-global-admin = 全局管理员
cli-role-granted = 已将{ $role }角色授予 { $email }（R17）。
cli-role-revoked = 已撤销 { $email } 的{ $role }角色（R17）。
cli-pass-as-email = 请传入 --as EMAIL
cli-password-changed = 密码已更改。

## 管理员和支持人员（support.rs）

cli-col-email = 电子邮件
cli-col-name = 姓名
cli-col-status = 状态
cli-col-roles = 角色
cli-col-pu = PU
cli-col-waiting = 等待
cli-col-from = 开始
cli-col-to = 结束
cli-col-reason = 原因
cli-col-association = 关联
cli-col-refused = 拒绝结果
cli-col-rule = 规则
cli-col-matched-by = 匹配依据
cli-col-id = ID
cli-col-category = 类别
cli-col-opened-by = 开具人
cli-col-age = 时长
cli-col-last-change = 最后更改
cli-days = { $days } 天
cli-yes = 是
cli-no = 否
cli-none = 无
cli-status-invited = 已邀请
cli-status-active = 活动
cli-status-deleted = 已删除
cli-delivery-queued = 已放入发件箱；`certlink outbox send` 会将其送达
cli-delivery-no-outbox = 此数据库没有发件箱：请自行将详细信息告知此人
cli-delivery-failed = 未放入发件箱（{ $error }）：请自行将详细信息告知此人，或重新发送
cli-invited = 已邀请 { $email }（{ $name }）。
cli-resent = 已为 { $email }（{ $name }）生成新的登录详细信息。
cli-invitation-details = 临时密码（仅显示一次）：{ $password }
    登录详细信息：{ $delivery }。
    此人必须在首次登录时设置新密码（R13）。
cli-email-name-status = { $email }（{ $name }），{ $status }
cli-mcid-linked-to = { $mcid }，已关联到 { $org }
cli-mcid-not-linked = { $mcid }，未关联
cli-link-history = 关联历史记录：
cli-recent-refusals = 最近被拒绝的尝试（最多显示最新的 { $count } 条；全部条目：certlink history --account { $email }）：
cli-no-one-matches = 没有人与 { $query } 匹配
cli-org-support = 支持人员
cli-matched-by-email = 电子邮件
cli-matched-by-name = 姓名
cli-more-people = 匹配的人多于这 { $count } 位：请缩小查询范围（更长的姓名或电子邮件，或 MCID）。
cli-ticket-head = 支持工单 #{ $id } · { $category } · { $status } · 由 { $by } 于 { $at } 开具
cli-ticket-message-head = { $at } { $author }：
cli-not-merged-warning = 未合并：{ $warning } 如果他们是同一个人，请同时传入 --different-people 和 --yes。
cli-not-merged-confirm = 未合并：请在终端上确认，或传入 { $flags }
cli-merge-type-word = 输入 { $word } 以仍然合并这两个配置文件（输入其他任何内容将保持分开）：
cli-merge-question = 合并？
cli-not-merged = 未合并
cli-merged = MCID { $from } 已合并到 MCID { $into }（R15）。
cli-merge-link-held = MPN ID { $org }，由 { $holder } 持有
cli-label-merge = 合并
cli-merge-what = 将 MCID { $from } { $from-name }（{ $from-email }）合并到 MCID { $into } { $into-name }（{ $into-email }）
cli-label-warning = 警告
cli-label-moves = 移动内容
cli-label-surviving-link = 保留的关联
cli-label-ending-link = 结束的关联（已合并）
cli-label-after-merge = 合并之后
cli-merge-after = 已用 { $used } 次关联，共 { $limit } 次；下次允许的关联：{ $next }

## 进度（progress.rs；命令名称如 admin check 保持原样）

cli-stage-redb-integrity = redb 完整性
cli-summary = { $name }：{ $what }，用时 { $seconds } 秒
cli-summary-stages = { $name }：{ $what }，{ $stages } 个阶段，用时 { $seconds } 秒

## 操作员命令（operator.rs）

cli-sandbox-exists = { $path } 处已有沙盒：`certlink demo` 会重新打开它，`certlink demo --reset --people N` 会替换它
cli-sandbox-at = 沙盒数据库位于 { $path }。再次打开：certlink demo（或 certlink --db { $path }）；新建一个：certlink demo --reset
cli-demo-generated = 已在 { $seconds } 秒内生成 { $people } 人：{ $links }，{ $rest }
cli-demo-generated-links = { $links } 个关联（{ $moves } 次移动，{ $unlinks } 次取消关联），{ $grants } 次 PU 授权
cli-demo-generated-rest = { $skills } 条学习记录，{ $tickets } 个支持工单（{ $resolved } 个已解决）。
cli-demo-left-uncompacted = 文件（{ $gigabytes } GB）未压缩：超过 4 GiB 时，redb 的压缩会多次读取整个文件。
cli-col-password = 密码
cli-col-mpn-id = MPN ID
cli-col-profile-email = 配置文件电子邮件
cli-col-linked-to = 关联到
cli-col-pu-username = PU 用户名
cli-support-engineer = 支持工程师
cli-sandbox-reopened-at = 沙盒数据库已按原样重新打开（新建一个：certlink demo --reset），位于 { $path }
cli-sandbox-ready-at = 沙盒数据库已就绪，位于 { $path }
cli-demo-accounts = 工作帐户和支持工程师：
cli-demo-profiles = 认证配置文件：
cli-demo-pu-accounts = Partner University 帐户：
cli-demo-try = 试试：CERTLINK_PASSWORD={ $password } certlink --db { $path } --as alan@contoso.com profile
cli-now-only-sandbox = --now 仅可用于沙盒数据库
cli-initialized = 已创建 { $path }，其中包含组织 { $org }（MPN ID { $mpn }）、其电子邮件域 { $domains }（R13a）和全局管理员 { $email }。
cli-org-no-domains-yet = 它还没有电子邮件域：邀请任何人之前请先添加一个（certlink admin org domain add --mpn-id { $mpn } DOMAIN）。
cli-org-domains = 其电子邮件域：{ $domains }。
cli-org-added = 已添加组织 { $name }（MPN ID { $mpn }）。{ $then }
cli-support-added = 已添加支持工程师 { $email }。
cli-profile-registered = 已注册认证配置文件 { $mcid }（{ $email }）。
cli-pu-registered = 已注册 Partner University 帐户 { $username }。
cli-unlocked = 已解锁 { $email } 的登录。
cli-temporary-password = { $email } 的临时密码：{ $password }
    它仅显示一次；{ $email } 必须在登录时设置新密码（certlink password change）。
cli-cannot-read = 无法读取 { $path }：{ $error }
cli-competencies-defined = 已定义 { $count } 项能力：{ $names }。
cli-designations-defined = 已定义 { $count } 个解决方案领域（{ $version }）：{ $names }。
cli-designation-size-set = 组织 { $mpn } 按 { $size } 计分。
cli-designation-metrics-imported = 已为 { $orgs } 个组织导入 { $lines } 行指标。
cli-backup-summary = 已复制并验证 { $count } 条记录
cli-backup-written = 备份已写入 { $path } 并通过验证：{ $count } 条记录，{ $bytes } 字节，架构 { $schema }。
    用以下命令还原：certlink --db DB admin restore --from { $path }
cli-check-clean = 文件完好，所有不变量均成立
cli-check-damaged = 文件已损坏或已修复，{ $count } 处违反
cli-check-violations = { $count } 处违反
cli-check-integrity-ok = redb 完整性：正常
cli-check-integrity-damaged = redb 完整性：已修复或已损坏
cli-check-invariants-hold = 不变量：全部成立
cli-check-violation = 违反：{ $violation }
cli-check-warning = 警告：{ $warning }
cli-domain-added-org = 已将域 { $domain } 添加到组织 { $mpn }。
cli-domain-removed-org = 已从组织 { $mpn } 删除域 { $domain }。
cli-domain-added-support = 已将域 { $domain } 添加到支持工程师。
cli-domain-removed-support = 已从支持工程师删除域 { $domain }。
cli-col-domain = 域
cli-col-owner = 所有者
cli-now-not-for-restore = --now 对还原没有意义：请去掉它
cli-restore-summary = 已验证并还原 { $count } 条记录
cli-restored = 已从 { $from } 还原 { $db }（已验证：{ $count } 条记录，架构 { $schema }）。
cli-replaced-kept-at = 被替换的文件保存在 { $path }；不再需要时请将其删除。
cli-col-key = 键
cli-col-value = 值
cli-col-meaning = 含义
cli-sandbox-database = 沙盒数据库
cli-key-file-too-large = 比公钥可能的大小还大
cli-key-registered = 已为 { $email } 注册密钥 { $fingerprint }（{ $algorithm }）。
cli-col-fingerprint = 指纹
cli-col-algorithm = 算法
cli-col-comment = 注释
cli-key-removed = 已删除 { $email } 的密钥 { $fingerprint }。
cli-backup-dir-missing = --backup-dir { $dir } 不是目录：请先创建它

## 报告、能力和导入（reports.rs；导出文件的 CSV 列名保持不变）

cli-cannot-write = 无法写入 { $path }：{ $error }
cli-rows-written = 已将 { $count } 行写入 { $path }
cli-not-a-date = { $flag } '{ $value }' 不是日期（YYYY-MM-DD）
cli-label-period = 期间
cli-period = { $from } 至 { $to }
cli-label-trained-individuals = 受训人数
cli-label-module-completions = 模块完成数
cli-label-learning-path-completions = 学习路径完成数
cli-col-month = 月份
cli-col-modules = 模块
cli-col-learning-paths = 学习路径
cli-col-in-progress = 进行中
cli-monthly-trend = 每月趋势：
cli-learners = 学员：
cli-no-competencies = 尚未定义任何能力（操作员使用 `certlink admin competency define` 添加）。
cli-col-competency = 能力
cli-col-required = 要求
cli-col-current = 当前
cli-col-met = 已满足
cli-col-who-counts = 计入人员
cli-counted = { $name }（{ $date } 获得 { $skill }）
cli-list-separator = ；
cli-import-too-big = 输入大于 { $mib } MiB，即一次导入可接受的上限：请将其拆分
cli-input-spooled = 缓存的输入
cli-input-stdin = 标准输入
cli-input-stdin-no-spool = 标准输入（没有缓存文件）
cli-input-stdin-spool = 标准输入（缓存文件）
cli-import-checking = 正在检查
cli-import-writing = 正在写入
cli-import-rows-read = 已读取 { $count } 行
cli-imported = 已导入 { $rows } 行：新增 { $added } 行，{ $unchanged } 行已存在。

## 邮件发件箱（outbox.rs）

cli-outbox-no-pending = { $root } 中没有待定邮件
cli-outbox-no-messages = { $root } 中没有邮件
cli-col-state = 状态
cli-col-queued-utc = 排队时间 (UTC)
cli-col-to-address = 收件人
cli-col-subject = 主题
cli-col-attempts = 尝试次数
cli-col-last-error = 最后错误
cli-outbox-head = 发件箱 { $root }
cli-outbox-pending = 待定
cli-outbox-sent = 已发送
cli-outbox-nothing-pending = { $root } 中没有待定内容
cli-outbox-no-transport = 未配置邮件传输：{ $pending } 封待定邮件保留在 Maildir 发件箱 { $root } 中（每封都是任何邮件客户端都能打开的文件，例如 `mutt -f { $root }`）。要通过 SMTP 投递，请在 { $path }（或 CERTLINK_CONFIG 指定的文件）中添加：
cli-outbox-password-env-comment = 存放密码的环境变量
cli-outbox-no-transport-then = 然后再次运行 `certlink outbox send`（参见 docs/outbox.md）
cli-outbox-sent-all = 已通过 { $destination } 发送 { $count } 封邮件；没有待定邮件。
cli-outbox-not-tried = { $id }：未尝试（无法连接服务器）
cli-outbox-undelivered = 通过 { $destination } 投递邮件：已发送 { $sent } 封，{ $undelivered } 封未送达；它们保持待定，下一次 `certlink outbox send` 会重试：

## 表格中的角色名称（JSON 保留 user、partner-admin、global-admin）

cli-role-word-user = 用户
cli-role-word-partner-admin = MPN 合作伙伴管理员
cli-role-word-global-admin = 全局管理员
cli-role-word-support = 支持人员
cli-role-separator = 、

## 其他语言的报告表格（英文显示导出文件的列名）
