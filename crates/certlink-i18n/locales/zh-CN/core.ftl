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
