# 按键表：每个按键的作用（提示和 ? 帮助）以及帮助标题。
# 按键名称（Enter、Esc、Ctrl-S）不在此处：保持原样。

## 共用词语

tui-key-help = 帮助
tui-key-quit = 退出
tui-key-typing-keys = 文字
tui-key-typing = 在当前字段中输入或粘贴
tui-key-help-title = 按键：{ $context }

## 按键的作用

tui-key-next-field-submit = 下一字段 / 提交
tui-key-next-field = 下一字段
tui-key-previous-field = 上一字段
tui-key-cancel = 取消
tui-key-delete-before-the-cursor = 删除光标前的字符
tui-key-delete-at-the-cursor = 删除光标处的字符
tui-key-move-the-cursor = 移动光标
tui-key-start-end-of-the-field = 字段开头 / 结尾
tui-key-clear-the-field = 清空字段
tui-key-go-to-tab-by-number = 按编号转到选项卡
tui-key-switch-tab = 切换选项卡
tui-key-move = 移动
tui-key-first-last-at-once = 直接到第一项 / 最后一项
tui-key-filter-the-list = 筛选列表
tui-key-clear-the-filter = 清除筛选
tui-key-filter = 筛选
tui-key-a-page-up-down = 上一页 / 下一页
tui-key-read-again-now = 立即重新读取
tui-key-sign-out = 注销
tui-key-quit-outside-text-fields = 退出（文本字段外）
tui-key-send = 发送
tui-key-new-line = 换行
tui-key-start-end-of-the-line = 行首 / 行尾
tui-key-delete-before-the-cursor-joins-lines = 删除光标前的字符（合并行）
tui-key-clear-the-text = 清空文本
tui-key-to-the-category = 转到类别
tui-key-to-the-text = 转到文本
tui-key-choose = 选择
tui-key-yes-do-it = 是，执行
tui-key-no-keep-it = 否，保留
tui-key-choose-a-button = 选择按钮
tui-key-press-the-chosen-button = 按下所选按钮
tui-key-write-the-file = 写入文件
tui-key-tick-choose = 勾选 / 选择
tui-key-close-help = 关闭帮助
tui-key-close = 关闭
tui-key-back-to-sign-in = 返回登录
tui-key-next-sign-in = 下一步 / 登录
tui-key-clear-the-form = 清空表单
tui-key-pick-a-demo = 选择演示帐户
tui-key-use-it = 使用
tui-key-switch-pane = 切换窗格
tui-key-competencies-who-counts = 能力 / 计入人员
tui-key-range-a-month-earlier-later = 范围提前 / 推后一个月
tui-key-widen-narrow-the-range = 扩大 / 缩小范围
tui-key-open-act = 打开 / 操作
tui-key-sort-column-reverse = 排序列 / 反向
tui-key-export-csv = 导出 CSV
tui-key-remove-departed = 删除已离职人员
tui-key-keep-the-filter-back-to-the-rows = 保留筛选，返回列表
tui-key-search-people = 搜索人员
tui-key-open-the-person = 查看此人
tui-key-search = 搜索
tui-key-leave-the-search-box = 离开搜索框
tui-key-read-the-ticket = 阅读工单
tui-key-back-to-the-list = 返回列表
tui-key-open-a-ticket = 开具支持工单
tui-key-reply = 回复
tui-key-resolve-close = 解决（关闭）
tui-key-people-ticket-queue = 人员 / 工单队列
tui-key-merge-mcids = 合并 MCID
tui-key-invite = 邀请
tui-key-new-sign-in-details = 新的登录详细信息
tui-key-delete = 删除
tui-key-remove-a-departed-person-from-the-report = 将已离职人员从报告中删除
tui-key-grant-revoke-mpn-partner-admin = 授予 / 撤销 MPN 合作伙伴管理员
tui-key-grant-revoke-global-admin = 授予 / 撤销全局管理员

## 按键表标题（帮助窗口）

tui-key-title-working = 正在处理
tui-key-title-write-a-ticket-text = 撰写工单文本
tui-key-title-ticket-category = 工单类别
tui-key-title-confirmation = 确认
tui-key-title-credentials-dialog = 凭据对话框
tui-key-title-download = 下载
tui-key-title-dialog = 对话框
tui-key-title-help = 帮助
tui-key-title-message = 消息
tui-key-title-new-password = 新密码
tui-key-title-sign-in = 登录
tui-key-title-sign-in-sandbox = 登录（沙盒）
tui-key-title-associations = 关联
tui-key-title-associations-filter = 关联：筛选
tui-key-title-competencies = 能力
tui-key-designations-who-counts = 解决方案领域 / 计入人员
tui-key-title-designations = 认定
tui-key-title-learn-analytics = Learn 分析
tui-key-title-profile = 个人资料
tui-key-title-skills-report = 技能报告
tui-key-title-skills-report-filter = 技能报告筛选
tui-key-title-support-people = 支持：人员
tui-key-title-support-search = 支持：搜索
tui-key-title-support-person = 支持：人员详情
tui-key-title-support-ticket-queue = 支持：工单队列
tui-key-title-support-ticket = 支持：工单
tui-key-title-support-your-tickets = 支持：你的工单
tui-key-title-support-filter-the-tickets = 支持：筛选工单
tui-key-title-support-your-ticket = 支持：你的工单详情
tui-key-title-users = 用户
tui-key-title-users-filter = 用户：筛选
