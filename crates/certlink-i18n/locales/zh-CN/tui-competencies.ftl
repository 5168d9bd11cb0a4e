# TUI 的“能力”选项卡（R11）：tabs/competencies.rs。

tui-comp-reading = 正在读取能力状态…
tui-comp-counted = { $current } 人计入，需要 { $required } 人
tui-comp-not-loaded = 尚未加载能力状态：按 { $key } 读取。
tui-comp-none-defined = 尚未定义任何能力（运营者使用 `certlink admin competency define` 添加）。
tui-comp-list-title = {" "}能力 (R11){" "}
tui-comp-col-competency = 能力
tui-comp-col-required = 要求
tui-comp-col-current = 当前
tui-comp-col-status = 状态
tui-comp-met = 已满足
tui-comp-not-met = 未满足
tui-comp-people-title = {" "}计入“{ $name }”的人员：{ $counted }{" "}
tui-comp-people-empty = 尚无人计入：关联了 MCID 并在过去 12 个月内获得此能力所列技能的人员才会计入。
tui-comp-col-mcid = MCID
tui-comp-col-why = 原因：技能
tui-comp-col-earned = 获得日期
