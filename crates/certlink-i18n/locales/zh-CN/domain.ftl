# 领域层的词语（crates/certlink-domain）：拒绝原因、谁可以操作，以及状态、角色和类型的名称。

## 检查的是哪一个密码。
credential-work-account = 电子邮件或密码
credential-profile = 认证配置文件的电子邮件或密码
credential-partner-university = Partner University 用户名或密码

## 拒绝原因。规则编号（R9）和命令保持原样。
refusal-wrong-credentials = { $what }错误。请检查后重试。
refusal-throttled = 使用此{ $what }失败的尝试次数过多。请等待 { $secs } 秒后重试。
refusal-locked = 使用此{ $what }失败的尝试次数过多，已锁定至 { $until } UTC。请届时重试，或请操作员解锁。
refusal-account-deleted = 此帐户已被删除。请向你的全局管理员索取新的邀请。
refusal-password-change-required = 你使用临时密码登录：请先设置新密码。
refusal-not-permitted = 不允许：{ $who }。
refusal-limit-reached = 已达到限制：自 { $since } 起已使用 { $used } 次关联（上限 { $limit } 次）。你下次可以关联的时间为 { $next }。
refusal-cool-off = 两次关联之间需要间隔 { $days } 天。你下次可以关联的时间为 { $next }。
refusal-already-linked-here = MCID { $mcid } 已通过你的帐户关联到你的组织。无需操作。
refusal-unlink-first = 你的帐户已持有 MCID { $mcid }。请先删除对它的访问权限，再关联另一个配置文件。
refusal-not-linked = 你的帐户没有关联的认证配置文件。没有可删除的内容。
refusal-pu-held-elsewhere = 此 Partner University 帐户已与另一个工作帐户关联。请先在那里删除访问权限。
refusal-pu-already-granted = 你的帐户已有 Partner University 访问权限。要使用另一个 PU 帐户，请先删除访问权限。
refusal-no-pu-access = 你的帐户没有 Partner University 访问权限。没有可删除的内容。
refusal-last-global-admin = 组织必须至少保留一名活动的全局管理员。请先将该角色授予其他人。
refusal-account-still-active = 此人的帐户仍处于活动状态：本人可以自行删除访问权限，或由全局管理员先删除该帐户。
refusal-already-deleted = 该帐户已被删除。
refusal-role-already-held = 未做任何更改：该帐户已拥有{ $role }角色。
refusal-role-not-held = 未做任何更改：该帐户没有{ $role }角色。
refusal-not-found = 未找到：{ $what }。
refusal-email-in-use = { $email } 已有活动或已邀请的帐户。请检查地址，或重新发送其邀请。
refusal-not-invited = 该帐户的状态为“{ $status }”：登录详细信息只会重新发送给已邀请的帐户。如果此人已离开，请重新邀请该电子邮件地址。
refusal-already-resolved = 该支持工单已解决。
refusal-merge-into-itself = 配置文件不能合并到自身：请指定两个不同的 MCID。
refusal-already-merged = MCID { $mcid } 已合并到 MCID { $into }。请改为合并到 { $into }。
refusal-outside-support-domains = { $email } 不在支持域中（R13a）：支持工程师的地址位于 { $listed }。请使用其中之一，或先添加该域（certlink admin support domain add）。
refusal-outside-org-domains = { $email } 不在你的组织的电子邮件域中（R13a）：其工作帐户位于 { $listed }。请使用这些域中的地址，或请操作员添加你的域（certlink admin org domain add）。
refusal-domains-none = 暂无
refusal-domain-taken = { $domain } 属于{ $owner }（R13a）：一个域只有一个所有者。如果它已易主，请先从那里删除。
refusal-domain-already-held = { $domain } 已是其域之一。无需操作。
refusal-domain-in-use = 仍有 { $accounts } 个有效帐户在使用 { $domain }（R13a）：请先删除这些帐户，或更改已邀请帐户的地址，然后再删除该域。
refusal-too-many-domains = 一个所有者最多拥有 { $limit } 个域（R13a）：请先删除一个不再使用的域。

## 未找到的内容，接在“未找到：”之后。
refusal-missing-that-account = 你的组织中的该帐户
refusal-missing-link = MCID { $mcid } 未关联到你的组织
refusal-missing-ticket = 没有此支持工单
refusal-missing-account-in-org = 你的组织中没有帐户 { $email }
refusal-missing-account = 没有帐户 { $email }
refusal-missing-profile = 没有 MCID 为 { $mcid } 的配置文件
refusal-missing-certification-profile = 没有 MCID 为 { $mcid } 的认证配置文件
refusal-missing-domain = { $domain } 不是{ $owner }的域
refusal-missing-match = 没有与 { $query } 匹配的人员

## 域的所有者。
domain-owner-org = 组织 { $mpn }
domain-owner-support = 支持工程师

## 谁可以操作：每条都注明其规则。
needs-skills-report = 只有组织的全局管理员和 MPN 合作伙伴管理员才能查看其报告（R10）
needs-competency-status = 只有组织的全局管理员和 MPN 合作伙伴管理员才能查看其能力状态（R11）
needs-designations = 只有组织的全局管理员和 MPN 合作伙伴管理员才能查看其解决方案合作伙伴认定的合作伙伴能力分数（R11）
needs-learn-analytics = 只有组织的全局管理员和 MPN 合作伙伴管理员才能查看其 Microsoft Learn 分析报告（R18）
needs-org-accounts = 只有全局管理员才能管理组织的帐户（R12、R13、R17）
needs-org-links-of-an-organization = 组织的全局管理员
needs-org-links = 全局管理员可以查看组织的关联
needs-history = 你可以查看自己的历史记录；全局管理员可以查看其组织的历史记录；支持人员可以查看全部（R16）
needs-people-lookup = 支持工程师可以跨组织查找人员（R14）
needs-ticket-queue = 只有支持工程师才能查看支持工单队列（R14）
needs-open-ticket = 支持工单由组织中的人员开具（R14）
needs-resolve-ticket = 只有支持工程师才能解决支持工单（R14）
needs-import = 支持工程师和操作员可以导入学习记录（R14）
needs-own-account = 只有本人登录自己的工作帐户后，才能关联或取消关联其配置文件（R8）
needs-delete-account = 只有帐户所属组织的全局管理员才能删除该帐户（R12）
needs-remove-from-report = 只有全局管理员才能将人员从技能报告中删除（R12）
needs-set-role = 只有组织的全局管理员才能授予和撤销角色（R17）
needs-merge = 只有支持工程师（认证支持部门）才能合并配置文件（R15）
needs-invite = 只有全局管理员才能邀请人员加入组织（R13）
needs-resend = 只有组织的全局管理员才能重新发送登录详细信息（R13）

## 人们读到的值的名称（JSON 和 CSV 中的标识保持英文）。
domain-role-partner-admin = MPN 合作伙伴管理员
domain-role-global-admin = 全局管理员
domain-role-user = 用户
domain-account-invited = 已邀请
domain-account-active = 活动
domain-account-deleted = 已删除
domain-ticket-linking = 关联问题
domain-ticket-unlinking = 取消关联问题
domain-ticket-mcid-merge = MCID 合并（认证支持部门）
domain-ticket-other = 其他
domain-ticket-open = 打开
domain-ticket-waiting-on-user = 等待用户
domain-ticket-resolved = 已解决
domain-skill-certification = 认证
domain-skill-exam = 考试
domain-skill-assessment = 评估
domain-skill-module = 模块
domain-skill-learning-path = 学习路径
domain-progress-completed = 已完成
domain-progress-in-progress = 进行中
domain-end-moved = 已转移
domain-end-account-replaced = 帐户已替换
domain-end-removed-by-user = 由用户删除
domain-end-removed-by-admin = 由管理员删除
domain-end-merged = 已合并
domain-identity-names = 姓名
domain-identity-emails = 电子邮件地址
domain-identity-differ = { $field }不同（{ $from } / { $into }）
domain-identity-separator = ；
domain-merge-warning = 这可能是两个不同的人：{ $differences }。只能合并同一个人的两个配置文件（R15）。

## 支持工单的文本。
domain-text-empty = 文本为空
domain-text-too-long = 文本超过 { $max } 个字符
domain-text-control = 文本包含控制字符

## 无法解析的输入。
domain-parse-mpn-id = MPN ID { $text } 格式错误：MPN ID 是 6 到 10 位数字
domain-parse-mpn-id-bare = MPN ID { $text } 格式错误
domain-parse-mcid = MCID { $text } 格式错误：MCID 是最多 18 位的正整数
domain-parse-mcid-bare = MCID { $text } 格式错误
domain-parse-email = 电子邮件地址 { $text } 格式错误
domain-parse-email-too-long = 电子邮件地址格式错误：长度为 { $length } 字节，最多允许 { $max } 字节（RFC 5321）
domain-parse-pu-username = Partner University 用户名 { $text } 格式错误：应为 1 到 64 个字符，不含空格
domain-parse-role = 未知角色 { $text }：请使用 partner-admin 或 global-admin
domain-parse-kind = 未知类型 { $text }：应为 certification、exam、assessment、module 或 learning-path
domain-parse-progress = 未知状态 { $text }：应为 completed 或 in-progress
domain-parse-category = 未知类别 { $text }：应为 linking、unlinking、mcid-merge 或 other
domain-parse-domain = 域 { $text } 格式错误：{ $why }（例如 contoso.com）
domain-why-empty = 它为空
domain-why-too-long = 长度为 { $length } 字节，最多允许 { $max } 字节
domain-why-two-labels = 域至少有两个标签
domain-why-label-length = 每个标签有 1 到 63 个字符
domain-why-characters = 只能包含字母、数字、连字符和点（国际化域名请写成 xn-- 形式）
domain-why-hyphen = 标签不能以连字符开头或结尾
domain-why-numeric = 最后一个标签不能是数字

## 超出限制的字段值，以及字段名称。
domain-field-too-many-chars = { $field }长 { $length } 个字符；最多允许 { $max } 个
domain-field-too-many-bytes = { $field }长 { $length } 字节；最多允许 { $max } 字节
domain-field-empty = { $field }为空
domain-field-control = { $field }包含控制字符
domain-field-name = 姓名
domain-field-filter = 筛选条件
domain-field-query = 查询
domain-field-competency-id = 能力 ID
domain-field-competency-file = 能力文件
domain-field-password = 密码
domain-field-public-key = 公钥
domain-field-organization-name = 组织名称
domain-field-profile-name = 配置文件名称
domain-field-designations-file = 认定文件
domain-field-metrics-file = 指标文件
domain-field-designations-version = 认定文件版本
domain-field-area-id = 解决方案领域 ID
domain-field-area-name = 解决方案领域名称
domain-field-certification-id = 认证 ID
domain-field-certification-name = 认证名称

## 设置。
domain-setting-not-in-range = { $key } 必须是 { $lo } 到 { $hi } 之间的整数
domain-setting-unknown-time-zone = 未知时区“{ $zone }”：请使用 IANA 名称，例如 UTC 或 Europe/Berlin
domain-setting-unknown-key = 未知设置“{ $key }”：应为 { $keys } 之一
domain-setting-memory-below-parallelism = argon2_memory_kib 必须至少为 8 × argon2_parallelism
domain-setting-below-owasp = argon2 成本 { $memory_kib } KiB × { $iterations } 轮低于 OWASP 的最低要求（19456 KiB × 2 或同等强度）；只有沙盒数据库可以使用更低成本的哈希

## 能力定义。
domain-competency-too-many-skills = 能力 { $id } 列出了 { $count } 个技能 ID；最多允许 { $max } 个
domain-competency-bad-id = 能力 ID“{ $id }”不能为空且不能包含空格
domain-competency-no-name = 能力 { $id } 需要名称
domain-competency-no-required = 能力 { $id } 至少需要 1 名必需人员
domain-competency-no-skills = 能力 { $id } 必须至少列出一个技能 ID

## 每项设置的含义。
domain-setting-association-limit = R9 N：任意连续 365 天内允许开始的关联次数
domain-setting-cool-off-days = R9 C：两次关联开始之间的天数（冷却期）
domain-setting-throttle-after-failures = R1：同一来源失败多少次后放慢尝试
domain-setting-lock-after-failures = R1：同一帐户在时间窗口内失败多少次后锁定
domain-setting-failure-window-minutes = R1：累计失败次数的时间窗口（分钟）
domain-setting-lock-minutes = R1：锁定持续的时间（分钟）
domain-setting-argon2-memory-kib = R1：argon2id 内存成本（KiB）
domain-setting-argon2-iterations = R1：argon2id 轮数
domain-setting-argon2-parallelism = R1：argon2id 并行通道数
domain-setting-display-time-zone = 时间：显示日期所用的 IANA 时区，例如 Europe/Berlin
