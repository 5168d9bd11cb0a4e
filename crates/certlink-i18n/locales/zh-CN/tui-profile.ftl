# TUI 的个人资料选项卡（R2、R4、R7、R9）：tabs/profile/**。

tui-profile-action-associate = 关联我的 Microsoft Learning 帐户
tui-profile-action-unlink = 删除访问权限（取消关联 MCID { $mcid }）
tui-profile-action-remove = 删除访问权限
tui-profile-action-get-pu = 获取访问权限

tui-profile-not-yet-title = 暂时无法关联 (R9)
tui-profile-unlink-title = 删除访问权限？(R7)
tui-profile-unlink-text = 要结束 MCID { $mcid } 与 { $org } 的关联吗？其认证将不再计入 { $org }。{ $cost }
tui-profile-unlink-yes = 是，删除访问权限
tui-profile-move-title = 要将你的认证配置文件移至此处吗？(R6)
tui-profile-move-yes = 是，移至此处
tui-profile-remove-pu-title = 删除 Partner University 访问权限？(R2)
tui-profile-remove-pu-text = 要结束 Partner University 帐户 { $user } 与你的工作帐户的关联吗？之后可以使用其凭据再次获取访问权限。

tui-profile-checking-profile = 正在检查配置文件的凭据…
tui-profile-checking-pu = 正在检查 Partner University 凭据…
tui-profile-removing-access = 正在删除访问权限…
tui-profile-removing-pu = 正在删除 Partner University 访问权限…

tui-profile-mcid = MCID { $mcid }
tui-profile-your-profile = 你的个人资料
tui-profile-flash-linked = { $mcid } 现已与你的组织关联。
tui-profile-flash-moved = { $mcid } 已转到你的组织；与另一个组织的关联已结束 (R6)。
tui-profile-flash-took-over = { $mcid } 现已通过此帐户关联；这不算新的关联 (R6)。
tui-profile-flash-pu-granted = 已获取 Partner University 访问权限。
tui-profile-flash-unlinked = 已删除访问权限：你的配置文件不再关联。
tui-profile-flash-pu-removed = 已删除 Partner University 访问权限。

tui-profile-loading = 正在加载你的个人资料…
tui-profile-mcid-heading = Microsoft 考试和认证
tui-profile-pu-heading = 你的学习 (Partner University)
tui-profile-skills-title = 认证、考试和评估（{ $count }）
tui-profile-skills-none = ：尚无记录
tui-profile-skills-short = 技能（{ $count }）
tui-profile-skills-ids = ：{ $ids }
tui-profile-skills-more = {"  "}… 另有 { $count } 项
tui-profile-kind-certification = 认证
tui-profile-kind-exam = 考试
tui-profile-kind-assessment = 评估
tui-profile-kind-module = 模块
tui-profile-kind-learning-path = 学习路径

tui-profile-allowance-title = {" "}关联次数 (R9){" "}
tui-profile-allowance-title-mcid = {" "}关联次数 · MCID { $mcid } (R9){" "}
tui-profile-used = 已使用：365 天内 { $limit } 次关联中的 { $used } 次
tui-profile-used-since = 已使用：365 天内 { $limit } 次关联中的 { $used } 次（自 { $date } 起）
tui-profile-next = 下次关联：
tui-profile-allowed-now = 现在即可关联
tui-profile-blocked-limit = {" "}· 已达上限
tui-profile-blocked-cool-off = {" "}· 冷却期
tui-profile-cool-off = 冷却期：两次开始关联之间 { $days } 天
tui-profile-cool-off-last = 冷却期：两次开始关联之间 { $days } 天 · 上次开始于 { $date }

tui-profile-mcid-email = MCID { $mcid } · { $email }
tui-profile-no-profile = 尚未关联 Microsoft Learning 帐户。
tui-profile-linked-to = 自 { $date } 起已关联到 { $org }
tui-profile-not-linked-now = 当前未关联（上次通过此帐户关联）。
tui-profile-link-hint = 关联后，其认证将计入你的组织。

tui-profile-pu-access = 已获取访问权限 · Partner University 帐户 { $user }
tui-profile-no-pu = 没有 Partner University 访问权限。

tui-profile-support-heading = 支持工程师
tui-profile-support-text = 支持工程师不属于任何组织：这里没有可关联的配置文件。

tui-profile-cost-used = 365 天内已使用 { $limit } 次关联中的 { $used } 次
tui-profile-cost-again-now = 可以立即再次关联，这将是 { $limit } 次关联中的第 { $next } 次
tui-profile-cost-again-limit = 已达到每年的关联上限，因此从 { $moment } 起才能再次关联
tui-profile-cost-again-cool-off = { $days } 天的冷却期尚未结束，因此从 { $moment } 起才能再次关联
tui-profile-cost-again-cool-off-since = 自上次于 { $date } 开始关联起的 { $days } 天冷却期尚未结束，因此从 { $moment } 起才能再次关联
tui-profile-cost = 删除访问权限不会占用关联次数，也不会退还已用的次数（{ $used }）。以后再次关联算作一次新的关联 (R9)：{ $again }。

tui-profile-refusal = MCID { $mcid } 上次是通过你的帐户关联的，现在无法开始新的关联。{ $refusal }
tui-profile-refusal-email = MCID { $mcid }（{ $email }）上次是通过你的帐户关联的，现在无法开始新的关联。{ $refusal }
