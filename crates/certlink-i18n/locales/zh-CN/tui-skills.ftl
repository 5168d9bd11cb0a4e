# TUI 的“技能”选项卡（R10、R12）。下载的 CSV 保留英文列名（供脚本读取）。

tui-skills-column-name = 姓名
tui-skills-column-email = 电子邮件
tui-skills-column-mcid = MCID
tui-skills-column-account = 帐户
tui-skills-column-kind = 类型
tui-skills-column-skill = 技能
tui-skills-column-earned = 获得日期
tui-skills-column-reflection = 反映情况
tui-skills-column-competencies = 能力

tui-skills-ascending = 升序
tui-skills-descending = 降序
tui-skills-sorted-by = 按{ $column } { $arrow }排序（{ $way }）

tui-skills-title = 技能报告（R10） · 截至 { $at } · { $sort }
tui-skills-title-working = 技能报告（R10） · { $work }
tui-skills-work-reading = 正在读取技能报告：{ $done } 行…
tui-skills-work-sorting = 正在按{ $column } { $arrow }排序：{ $done } / { $total } 行…
tui-skills-work-filtering = 正在筛选：{ $done } / { $total } 行…

tui-skills-not-loaded = 尚未加载技能报告：按 { $key } 读取。
tui-skills-empty = 找不到具有技能数据的用户。请检查你的用户是否已关联其 Microsoft Learning 或 Partner University 帐户（我的个人资料）。
tui-skills-no-match = 没有与“{ $filter }”匹配的行。按 Esc 清除筛选器。
tui-skills-gone = （已不在报告中）
tui-skills-row-gone = 此行已不在报告中：正在重新读取报告…
tui-skills-too-large = 技能报告中某人的行数或帐户编号超出了此屏幕可浏览的范围；请改用 `certlink report skills` 下载。

tui-skills-removes-from-report = { $flag }：按 { $key } 将其从报告中删除
tui-skills-linked-since = MCID { $mcid } 自 { $since } 起关联
tui-skills-earned = 获得于 { $date }
tui-skills-expires = 到期 { $date }
tui-skills-counts-toward = 计入 { $competencies }
tui-skills-no-skills = 尚无认证、考试或评估。

tui-skills-filter-label = 筛选：
tui-skills-count = { $shown } / { $total } 行
tui-skills-rows-hint = { $shown } / { $total } 行 · / 筛选
tui-skills-filter-hint = 筛选“{ $filter }” · { $shown } / { $total } 行 · / 编辑，Esc 清除

tui-skills-no-row-selected = 未选择任何行（或仍在读取）。
tui-skills-only-global-admin-removes = 只有组织的全局管理员才能将已离职人员从报告中删除（R12）。
tui-skills-not-departed = { $name } 不是仍关联的已离职人员：只有标记为“已删除（仍关联）”的行才能从报告中删除（R12）。
tui-skills-confirm-removal-title = 从技能报告中删除？（R12）
tui-skills-confirm-removal = 结束 MCID { $mcid }（{ $name }，帐户已删除）与组织的关联（原因：由管理员删除）？其认证将立即不再计入该组织。这不是一次关联：按 R9 不会占用其关联次数。
tui-skills-confirm-removal-yes = 是，删除
tui-skills-removed = 已将 MCID { $mcid }（{ $name }）从技能报告中删除；未占用其关联次数（R12、R9）。

tui-skills-download-ssh-title = 通过 ssh 下载
tui-skills-download-ssh = 在你自己的计算机上运行以下命令，将技能报告另存为 CSV（整个报告，不含此处显示的筛选器）：
tui-skills-nothing-to-download = 没有可下载的行：报告或筛选结果为空。
tui-skills-wrote = 已将 { $rows } 行写入 { $path }。

tui-skills-progress-first-page = 正在读取技能报告…
tui-skills-progress-pass = 正在读取整个技能报告…
tui-skills-progress-rows = 正在读取行…
tui-skills-progress-csv = 正在写入 CSV 文件…
tui-skills-progress-removing = 正在从报告中删除…
