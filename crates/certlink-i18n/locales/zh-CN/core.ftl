# certlink-core 的词语：进度阶段、报告的文本表格，以及服务调用出错时的说明。

## 进度阶段。
progress-verifying-integrity = 正在验证：redb 完整性
progress-copying-tables = 正在复制表
progress-copying-backup = 正在复制备份
progress-putting-in-place = 正在放置到位
progress-check-links = 关联（R5，不变量 1）
progress-check-audit = 审核记录（不变量 2、3）
progress-check-keys = SSH 密钥
progress-check-domains = 电子邮件域（R13a）
progress-check-report = 技能报告
progress-check-preferences = 已保存的偏好设置
progress-copying-aside = 迁移前正在另存数据库副本
progress-migrating = 正在迁移架构
progress-generating-people = 正在生成人员
progress-compacting = 正在压缩文件
progress-redb-integrity = redb 完整性

## 技能报告的文本表格：列标题和单元格中的词语（CSV 保持不变）。
report-skills-mpn-id = MPN ID
report-skills-name = 姓名
report-skills-email = 电子邮件
report-skills-mcid = MCID
report-skills-linked-since = 关联日期
report-skills-account-status = 帐户状态
report-skills-kind = 类型
report-skills-skill-id = 技能 ID
report-skills-skill = 技能
report-skills-earned = 获得日期
report-skills-expires = 到期日期
report-skills-reflection = 报告反映
report-skills-competencies = 能力
report-deleted-still-linked = 已删除（仍关联）
report-reflected = 已反映
report-expected-between = 预计在 { $from } 至 { $until } 之间
report-pending-until = 待定，直至 { $until }
report-empty-skills = 未找到具有技能数据的用户。请检查你的用户是否已关联其 Microsoft Learning 或 Partner University 帐户（我的个人资料）。
## 用户报告的文本表格。
report-users-email = 电子邮件
report-users-name = 姓名
report-users-status = 状态
report-users-roles = 角色
report-users-pu-access = PU 访问权限
report-users-linked-learning-account = 已关联 Learning 帐户
report-yes = 是
report-no = 否

## 命令无法按要求执行的原因。
core-ticket-description = 描述
core-ticket-message = 消息
core-ticket-text = { $part }：{ $why }
core-competency-file = 能力文件：{ $error }
core-nothing-imported = 未导入任何内容：
core-password-too-short = 密码至少需要 { $min } 个字符
core-password-unchanged = 新密码必须与当前密码不同
core-unownable-domain = { $email } 的域不是组织可以拥有的域名（R13a）
core-empty-query = 请输入电子邮件、姓名、MCID 或 MPN ID
core-bad-cursor = { $cursor } 不是分页给出的位置（请使用上一页的 next_after）
core-page-size = 每页可容纳 1 到 { $max } 行
core-range-reversed = 范围的开始日期 { $from } 晚于结束日期 { $to }
core-clock-sandbox-only = 只有沙盒数据库才接受为时钟指定的起始时间
core-clock-before-last = 时钟的起始时间 { $start } 早于最后记录的事件（{ $last }）；时钟永远不会倒退
core-bulk-sandbox-only = 批量生成仅适用于沙盒数据库
core-too-many-people = 无法生成 { $asked } 人：最多 { $max } 人
core-reset-refused = 拒绝重置 { $path }：{ $why }
core-reset-real-database = 它是真实的 certlink 数据库
core-reset-not-certlink = 它不是 certlink 数据库
core-report-output = 无法写入报告：{ $error }
core-not-found-org = 没有 MPN ID 为 { $mpn } 的组织
core-not-found-org-to-change = 没有 MPN ID 为 { $mpn } 的组织：请先添加
core-not-found-account-with-email = 没有电子邮件为 { $email } 的帐户
core-not-found-account = 没有帐户 { $id }
core-not-found-ticket = 没有支持工单 #{ $id }
core-not-found-key = { $email } 没有密钥 { $fingerprint }
core-exists-account = 电子邮件为 { $email } 的帐户已存在
core-exists-org = MPN ID 为 { $mpn } 的组织已存在
core-exists-profile = MCID 为 { $mcid } 的配置文件已存在
core-exists-profile-email = 登录电子邮件为 { $email } 的配置文件已存在
core-exists-pu-account = Partner University 帐户 { $username } 已存在
core-exists-key-here = 密钥 { $fingerprint } 已为 { $email } 注册
core-exists-key-elsewhere = 密钥 { $fingerprint } 已为另一个帐户注册：一个密钥只用于一个人登录
core-key-private = 这是私钥：请提供公钥（.pub 文件），并妥善保管私钥
core-key-not-one-line = 应为恰好一行 OpenSSH 公钥，例如 `ssh-ed25519 AAAA… name@host`
core-key-not-openssh = 不是 OpenSSH 公钥（{ $why }）：应为类似 `ssh-ed25519 AAAA… name@host` 的一行
core-backups-no-shelf = 未指定计划备份的位置
core-backups-unreadable = 无法读取备份目录 { $dir }：{ $error }
core-unavailable-randomness = 没有可用的随机数：{ $error }
core-unavailable-hash-settings = argon2 设置不可用：{ $error }
core-unavailable-hashing = 无法对密码进行哈希处理：{ $error }
core-unavailable-key-encoding = 无法编码密钥：{ $error }

core-sort-failed = 无法对技能报告排序：临时文件出错（{ $error }）。

## 存储错误的解决办法：{ $what } 是存储层自己的说明。
core-advice-use-holder = { $what }（例如 `certlink serve`）；请改用 ssh 连接，或停止该进程
core-advice-restore-if-it-was-one = { $what }（如果它曾是 certlink 数据库，则其文件头已损坏：请还原最新的备份，备份由 `certlink admin backup --to FILE` 创建）
core-advice-create-one = { $what }：请使用 `certlink init` 创建一个（或使用 `certlink demo` 创建沙盒）
core-advice-create-directory = { $what }：请先创建该目录，或选择其他 --db 路径
core-advice-recover-found = { $what }：{ $recovery }
core-advice-recover-possible = { $what }；{ $recovery }
core-advice-recover-if-it-repeats = { $what }（如果再次出现，{ $recovery }）
core-advice-recovery = 请运行 `certlink admin check`；如果它报告损坏，请还原最新的备份（由 `certlink admin backup --to FILE` 创建）

## 读者看到的审核记录条目。
core-audit-other-org = 另一个组织
core-audit-outsider = 你的组织之外的人员
core-audit-support = 支持人员
core-audit-operator = 操作员
core-audit-done = 已完成

core-outbox-not-stored = 发件箱无法保存此邮件：{ $kind }

## 导入（crates/certlink-core/src/import）：被拒绝的行
core-import-line = 第 { $line } 行：{ $reason }
core-import-file-too-large = 文件大于 { $mib } MiB（单次导入的上限）：请拆分文件
core-import-row-too-long = 该行超过 { $max } 字节（单行的上限）
core-import-cannot-read = 无法读取：{ $error }
core-import-cannot-read-header = 无法读取标题行：{ $error }
core-import-not-utf8 = 该行不是 UTF-8 文本
core-import-not-valid-record = 不是有效的记录：{ $error }
core-import-not-valid-row = 不是有效的行：{ $error }
core-import-not-a-date = { $field } '{ $value }' 不是日期
core-import-not-a-date-or-instant = { $field } '{ $value }' 不是日期（YYYY-MM-DD 或 RFC 3339）
core-import-passed-not-bool = passed '{ $value }' 不是 true 或 false
core-import-passed-not-bool-value = passed { $value } 不是 true 或 false
core-import-missing = 缺少 { $field }
core-import-field-too-long = { $field } 最多只能有 { $max } 个可打印字符
core-import-both-subjects = mcid 和 pu_username 只能提供一个
core-import-no-subject = 缺少 mcid 或 pu_username
core-import-skill-id-spaces = skill_id '{ $id }' 不能包含空格
core-import-certification-takes-no-passed = certification 不接受 passed 或 status
core-import-expires-not-after-date = expires 必须晚于 date
core-import-needs-passed = { $kind } 需要 passed（true 或 false）
core-import-takes-no-expires-or-status = { $kind } 不接受 expires 或 status
core-import-needs-status = { $kind } 需要 status（completed 或 in-progress）
core-import-takes-no-expires-or-passed = { $kind } 不接受 expires 或 passed
core-import-not-registered = 未注册 { $subject }
core-import-in-the-future = 日期 { $date } 在将来

## Solutions Partner designations: the operator's imports and files.
core-designation-file = 认定文件：{ $error }
core-metrics-line = 第 { $line } 行：{ $why }
core-metrics-json = 不是指标行：{ $error }
core-metrics-unknown-org = 没有 MPN ID 为 { $mpn } 的组织
core-metrics-unknown-area = 未定义解决方案领域 { $area }（admin designation define）
core-metrics-too-many-points = 绩效与客户成功合计超过 100 分
core-metrics-line-too-long = 该行超过 { $max } 字节
core-metrics-too-many-lines = 一次指标导入最多 { $max } 行

## What a move would do (service/moving.rs, MovePreview::lines), said before
## the person confirms it (R6).
move-leaves = MCID { $mcid } 当前关联到另一个组织。将其移至此处会立即结束该关联（R6），其认证将不再计入该组织。
move-association-next = 此次移动算作一次新的关联（R9）：365 天内已使用 { $limit } 次关联中的 { $used } 次；从 { $moment } 起才能再次关联。
move-association = 此次移动算作一次新的关联（R9）：365 天内已使用 { $limit } 次关联中的 { $used } 次。
move-counts-from = 其认证和考试将从 { $moment } 起显示在你的组织的技能报告中（R3：移动后 72 小时）。
move-question = 要将 MCID { $mcid } 移至你的组织吗？
move-declined = 未移动
