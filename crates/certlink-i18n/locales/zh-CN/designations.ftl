## 解决方案合作伙伴认定（certlink-domain designations/、“认定”选项卡、report designations）。分数已格式化（“6.67”）。

designation-size-enterprise = 企业
designation-size-smb = 中小企业
designation-level-intermediate = 中级
designation-level-advanced = 高级
designation-parse-size = { $text } 不是组织规模类别：enterprise 或 smb
designation-metric-which = { $size }{ $level }指标
designation-or = {" 或 "}

designation-error-no-areas = 认定文件未定义任何解决方案领域
designation-error-too-many-areas = 认定文件定义了 { $count } 个解决方案领域；最多允许 { $max } 个
designation-error-bad-id = 解决方案领域 ID“{ $id }”必须非空、小写且不含空格
designation-error-duplicate = 解决方案领域 { $id } 定义了两次
designation-error-no-name = 解决方案领域 { $id } 需要名称
designation-error-metric = 解决方案领域 { $area }：{ $problem }
designation-problem-no-metrics = 没有技能培训指标
designation-problem-too-many-metrics = 有 { $count } 个技能培训指标；最多允许 { $max } 个
designation-problem-duplicate-metric = { $which }定义了两次
designation-problem-no-steps = { $which }没有步骤
designation-problem-too-many-steps = { $which }有 { $count } 个步骤；最多允许 { $max } 个
designation-problem-no-certifications = { $which }的步骤 { $step } 未列出任何认证
designation-problem-too-many-certifications = { $which }的步骤 { $step } 列出了 { $count } 个认证；最多允许 { $max } 个
designation-problem-step-rule = { $which }的步骤 { $step } 必须是门槛（min_people，可带或不带分数）或按人计分（points_each），不能两者兼有
designation-problem-no-cap = { $which }的上限必须大于 0

designation-next-at-cap = 已达上限：更多人员不再加分
designation-next-nothing = 没有可再加分的步骤
designation-next-earn = 每位持有 { $certifications } 的人员加 { $points } 分，上限 { $cap } 分（还需 { $people } 人达到上限）
designation-next-gate = 再有 { $people } 人持有 { $certifications } 即满足步骤 { $step }
designation-next-gate-points = { $gate }（+{ $points } 分）
designation-next-then = { $gate }；然后{ $earn }

designation-standing-counts = 计入
designation-standing-gate = 等待步骤 { $step }
designation-standing-pending = 待定：自 { $date } 起计入（R3）
designation-standing-expired = 已于 { $date } 过期

designation-what-if = 解决方案合作伙伴认定：{ $changes }
designation-what-if-once-removed = 解决方案合作伙伴认定（从报告中删除该 MCID 后，R12）：{ $changes }
designation-what-if-once-counted = 你的组织在 { $day } 的解决方案合作伙伴认定（该档案的认证届时计入，R3）：{ $changes }
designation-changes-separator = {"；"}
designation-change = { $area }：{ $before } → { $after }，{ $qualification }
designation-change-loses = 不再符合认定条件
designation-change-gains = 现已符合认定条件
designation-change-still = 仍符合认定条件
designation-change-not = 不符合认定条件

## 报告的文本表（crates/certlink-core/src/report/designations.rs）。
report-designations-none = 尚未定义任何解决方案合作伙伴认定（由运维人员运行 `admin designation define`）。
report-designations-qualified = 符合认定条件
report-designations-not-qualified = 不符合认定条件
report-designations-area = { $area }：{ $total } / 100 分，{ $qualification }（{ $size }；定义版本 { $version }）
report-designations-other = 绩效 { $performance } 分，客户成功 { $customer } 分（截至 { $date }）
report-designations-other-missing = 绩效和客户成功尚未导入（0 分）
report-designations-skilling = 技能培训 { $points } 分；{ $other }
report-designations-metric = { $level }技能培训：{ $points } / { $cap } 分，{ $people } 人计入
report-designations-step = 步骤 { $step }：{ $line }
report-designations-step-state = { $rule }（{ $state }）
report-designations-person = { $name } <{ $email }>：{ $certification }，{ $standing }
report-designations-step-gate = { $people } / { $min } 人
report-designations-step-gate-points = { $people } / { $min } 人（满足后 +{ $points } 分）
report-designations-step-each = { $people } 人 × { $points } 分
report-designations-step-met = 已满足
report-designations-step-not-met = 未满足
report-designations-step-waiting = 等待之前的步骤
report-designations-next = 下一步：{ $next }
report-designations-more = … 另有 { $count } 人（--format csv 或 json 列出全部人员）
