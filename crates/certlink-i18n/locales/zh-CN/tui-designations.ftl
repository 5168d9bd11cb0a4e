# TUI 的“认定”选项卡（解决方案合作伙伴认定）：tabs/designations.rs。

tui-des-reading = 正在读取认定分数…
tui-des-not-loaded = 尚未加载认定分数：按 { $key } 读取。
tui-des-none-defined = 尚未定义任何解决方案合作伙伴认定（由运维人员通过 `certlink admin designation define` 添加）。
tui-des-list-title = {" "}解决方案合作伙伴认定（{ $size }）{" "}
tui-des-col-area = 解决方案领域
tui-des-col-score = 分数
tui-des-col-skilling = 技能培训
tui-des-col-status = 状态
tui-des-points = { $points } / 100
tui-des-qualified = 符合条件
tui-des-not-qualified = 不符合条件
tui-des-gauge = { $area }：{ $points } / 100 分
tui-des-skilling = 技能培训 { $points } 分
tui-des-other = 绩效 { $performance } 分，客户成功 { $customer } 分（截至 { $date }）
tui-des-other-missing = 绩效和客户成功尚未导入
tui-des-metric = { $level }：{ $points } / { $cap }
tui-des-step = 步骤 { $step } { $mark } { $people }
tui-des-people-title = {" "}{ $area } 的计入人员：{ $count }{" "}
tui-des-people-title-some = {" "}{ $area } 的计入人员：前 { $shown } 人，共 { $count } 人{" "}
tui-des-people-empty = 没有人持有此领域所列的认证：人员须已关联 MCID 并持有有效认证，且认证已反映后才计入（R3、R5）。
tui-des-col-level = 级别
tui-des-col-certification = 认证
tui-des-col-standing = 状况
