# TUI 的 Learn 分析选项卡（R18）：tabs/learning.rs。

tui-learning-reading = 正在读取 Learn 分析…
tui-learning-title = Learn 分析 (R18) · { $from } 至 { $to }（{ $months } 个月）
tui-learning-not-loaded = 尚未加载 Learn 分析：按 { $key } 读取。
tui-learning-totals = 受训人员：{ $trained } · 模块：{ $modules } · 学习路径：{ $paths }
tui-learning-learners = {" "}学员（{ $count }）{" "}
tui-learning-empty = 在此日期范围内，关联了 MCID 或拥有 Partner University 访问权限的人员没有学习记录。
tui-learning-col-modules = 模块
tui-learning-col-paths = 路径
tui-learning-col-in-progress = 进行中
tui-learning-chart-title = {" "}每月完成的模块{" "}
tui-learning-chart-last = {" "}最近 { $shown } 个月（共 { $months } 个月）{" "}
