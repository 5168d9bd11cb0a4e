# TUI 的“关联”选项卡（R4、R7、R10、R12、R16）：tabs/associations*。

tui-assoc-history-title = {" "}你的关联历史记录（{ $all }）{" "}
tui-assoc-history-title-filtered = {" "}你的关联历史记录（{ $shown } / { $all }）· 筛选“{ $filter }”· Esc 清除{" "}
tui-assoc-most-recent = 最近 { $count } 条
tui-assoc-history-no-match = 没有组织或原因包含筛选内容的关联。按 Esc 显示所有关联。
tui-assoc-history-empty = 尚无关联：请在“个人资料”选项卡中关联你的 Microsoft Learning 帐户。
tui-assoc-col-organization = 组织
tui-assoc-col-from = 开始
tui-assoc-col-to = 结束
tui-assoc-col-reason = 原因
tui-assoc-now = 至今
tui-assoc-active = （有效）
tui-assoc-reason-moved = 已转到其他组织
tui-assoc-reason-account-replaced = 帐户已替换
tui-assoc-reason-removed-by-user = 由用户删除
tui-assoc-reason-removed-by-admin = 由管理员删除
tui-assoc-reason-merged = 已合并

tui-assoc-your-organization = 你的组织
tui-assoc-org-title = {" "}{ $org } 的当前关联 { $counts }{" "}
tui-assoc-org-title-filtered = {" "}{ $org } 的当前关联 { $counts } · Esc 清除{" "}
tui-assoc-org-no-match = 没有持有人姓名、电子邮件或 MCID 包含筛选内容的关联。按 Esc 显示所有关联。
tui-assoc-org-empty = 组织中没有人关联了配置文件。
tui-assoc-col-mcid = MCID
tui-assoc-col-holder = 持有人
tui-assoc-col-email = 电子邮件
tui-assoc-col-since = 关联日期
tui-assoc-col-status = 状态
tui-assoc-departed = ! 已离职
tui-assoc-status-invited = 已邀请
tui-assoc-status-active = 活动
tui-assoc-status-deleted = 已删除
