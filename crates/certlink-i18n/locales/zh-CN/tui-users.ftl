# TUI 的“用户”选项卡（R12、R13、R17）。

tui-users-your-organization = 你的组织
tui-users-title = {" "}{ $org } 的帐户{ $counts }{ $clears }{" "}
tui-users-esc-clears = {" "}· Esc 清除
tui-users-counts = （{ $total }）
tui-users-counts-filtered = （{ $matching }/{ $total }）· 筛选“{ $filter }”
tui-users-no-match = 没有名称或电子邮件包含筛选内容的帐户。按 Esc 显示所有帐户。
tui-users-reading = 正在读取帐户…

tui-users-column-name = 姓名
tui-users-column-email = 电子邮件
tui-users-column-status = 状态
tui-users-column-roles = 角色
tui-users-column-pu = PU
tui-users-column-mcid = MCID
tui-users-yes = 是
tui-users-no = 否

tui-users-domains-none = {" "}域：尚无；运营方须先添加域，才能邀请任何人（R13a）
tui-users-domains = {" "}域：{ $domains }（邀请只能发往这些域，R13a）

tui-users-active = 活动
tui-users-deleted = 已删除
tui-users-deleted-still-linked = 已删除，仍关联
tui-users-invited = 已邀请
tui-users-invited-waiting = 已邀请，{ $waited }
tui-users-sent-today = 今天已发送
tui-users-waiting-days = 已等待 { $days } 天

tui-users-role-user = 用户
tui-users-role-partner-admin = MPN 合作伙伴管理员
tui-users-role-global-admin = 全局管理员
# Between the items of a list ("User, Global Admin").
tui-users-list-separator = 、
tui-users-roles-short-user = 用户
tui-users-roles-short-ga = GA
tui-users-roles-short-pa = PA

tui-users-pu-access = 有 PU 访问权限
tui-users-no-pu-access = 无 PU 访问权限
tui-users-mcid-linked = 已关联 MCID { $mcid }
tui-users-no-mcid-linked = 未关联 MCID
tui-users-details-sent = {" "}· 登录详细信息发送于 { $date }
tui-users-offer-resend = { $key } 新的登录详细信息
tui-users-offer-remove = { $key } 从技能报告中删除（R12）
tui-users-offer-delete = { $key } 删除
tui-users-offer-grant = { $key } 授予 { $role }
tui-users-offer-revoke = { $key } 撤销 { $role }
tui-users-email-free-again = 已删除：可以再次邀请该电子邮件
tui-users-last-global-admin-line = 最后一位全局管理员：不能删除，保留该角色（R17）

tui-users-why-deleted-nothing-linked = { $who } 已删除，且没有通过该帐户关联的 MCID：无可删除的内容（R12）。
tui-users-why-deleted = { $who } 已删除：该帐户无法再执行任何操作（R12）。
tui-users-why-not-deleted = { $who } 未删除：在职人员自行删除自己的关联（R7）；从报告中删除仅适用于已离职人员（R12）。
tui-users-why-not-invited = { $who } 不在等待邀请：只有已邀请的帐户才能获得新的登录详细信息（R13）。
tui-users-why-last-global-admin = { $who } 是组织中最后一位活动的全局管理员：请先将该角色授予其他人（R17）。
tui-users-why-not-possible = 无法对 { $who } 执行此操作。

tui-users-deleted-note = 已删除 { $email }。已关联的 MCID 将保持关联，直到你将其从报告中删除（R12）。
tui-users-removed-note = 已将 MCID { $mcid } 从技能报告中删除：其关联已结束，不占用该人员的关联次数（R12）。
tui-users-role-granted = { $email } 现在是“{ $role }”（R17）。
tui-users-role-revoked = { $email } 不再是“{ $role }”（R17）。

tui-users-invite-title = 邀请人员（R13）
tui-users-invite-intro = 在你的组织中创建工作帐户。每个帐户都是用户；勾选其还拥有的角色。临时密码只向你显示一次，登录详细信息将发送到工作电子邮件。
tui-users-work-email = 工作电子邮件
tui-users-name = 姓名
tui-users-roles = 角色
tui-users-resend-title = 新的登录详细信息（R13）
tui-users-resend-intro = 为 { $email } 生成新的登录详细信息：旧的临时密码将失效。如果电子邮件有误，请在此更正。
tui-users-send-to = 发送到
tui-users-delete-title = 删除帐户？（R12）
tui-users-delete-still-linked = 其 MCID { $mcid } 将保持与组织的关联（在技能报告中标记），直到你将其从报告中删除。
tui-users-delete-text = 删除 { $name } <{ $email }>？其将无法再登录，Partner University 访问权限也将结束。{ $link }以后可以再次邀请该电子邮件。
tui-users-delete-yes = 是，删除
tui-users-removal-title = 从技能报告中删除？（R12）
tui-users-removal-text = 结束 MCID { $mcid }（{ $name }）与组织的关联（原因：由管理员删除）？这不是一次关联，不占用该人员的关联次数（R9）。
tui-users-removal-yes = 是，删除
tui-users-what-partner-admin = MPN 合作伙伴管理员可以查看技能报告、能力和 Learn 分析。
tui-users-what-global-admin = 全局管理员还管理帐户和角色；组织始终保留一位全局管理员。
tui-users-grant-title = 授予“{ $role }”角色？（R17）
tui-users-grant-text = 将 { $name } <{ $email }> 设为“{ $role }”？{ $what }
tui-users-grant-yes = 是，授予
tui-users-revoke-title = 撤销“{ $role }”角色？（R17）
tui-users-revoke-text = 撤销 { $name } <{ $email }> 的“{ $role }”角色？{ $what }
tui-users-revoke-yes = 是，撤销

tui-users-progress-invite = 正在创建帐户…
tui-users-progress-resend = 正在生成新的登录详细信息…
tui-users-progress-delete = 正在删除帐户…
tui-users-progress-remove = 正在从报告中删除…
tui-users-progress-role = 正在更改角色…
