# TUI 的对话框和共用组件（popups/、components/）自己的文字。
# 选项卡传入的标题和标签由选项卡负责。

# 确认（popups/confirm.rs）。
tui-dialog-confirm-no = 否，保留
tui-dialog-confirm-warning = 警告：{ $warning }
# 需要额外确认的操作（R15）：要输入的词，以及已输入的内容。
tui-dialog-confirm-type-word = 输入 { $word } 以仍然合并：{ $typed }_

# 消息或拒绝（popups/message.rs）。
tui-dialog-refused-rule = 已拒绝（{ $rule }）
tui-dialog-refused = 无法执行此操作
tui-dialog-message-close = 按 Enter 或 Esc 关闭

# 凭据输入（popups/credentials.rs，R4 和 R2）。
tui-dialog-credentials-email = 电子邮件
tui-dialog-credentials-password = 密码
tui-dialog-credentials-username = 用户名
tui-dialog-credentials-use-email = 使用 { $email } 关联 Microsoft Learning 帐户
tui-dialog-credentials-associate-title = 关联 Microsoft Learning 帐户
tui-dialog-credentials-pu-title = 获取 Partner University 访问权限
tui-dialog-credentials-associate-intro = 使用你的认证配置文件（Microsoft Learning 帐户）登录，将其 MCID 与你的组织关联。只有你本人可以执行此操作：系统会验证密码（R8）。
tui-dialog-credentials-pu-intro = 使用你的 Partner University 帐户（而非工作帐户）登录，将其与你的工作帐户关联（R2）。
tui-dialog-credentials-type-email = 请输入电子邮件。
tui-dialog-credentials-type-username = 请输入用户名。
tui-dialog-credentials-type-password = 请输入密码。

# 下载技能报告（popups/download.rs，R10）。$order 是技能选项卡给出的排序说明。
tui-dialog-download-title = 下载技能报告
tui-dialog-download-label = 另存为（可编辑）：
tui-dialog-download-how = 输入或粘贴以更改路径 · Enter 写入文件 · Esc 取消
tui-dialog-download-all = 将技能报告的 { $total } 行写入 CSV，{ $order }。
tui-dialog-download-filtered = 将符合筛选条件的 { $shown } 行（共 { $total } 行）写入 CSV，{ $order }。
tui-dialog-download-no-path = 请输入要写入的文件路径。
tui-dialog-download-exists = { $path } 已存在：再次按 Enter 将其替换。

# 仅显示一次的临时密码（popups/shown_once.rs，R13）。
tui-dialog-shown-once-invited-title = 已邀请 · 临时密码仅显示一次
tui-dialog-shown-once-resent-title = 新的登录详细信息 · 密码仅显示一次
tui-dialog-shown-once-queued = 登录详细信息已放入发件箱；`certlink outbox send` 会将其发送。
tui-dialog-shown-once-no-outbox = 此数据库没有发件箱：未发送任何内容。请自行将电子邮件地址和密码告知此人。
tui-dialog-shown-once-failed = 登录详细信息未放入发件箱（{ $why }）。请自行告知此人，或稍后重新发送。
tui-dialog-shown-once-for = { $name } <{ $email }> 的临时密码，仅显示这一次：
tui-dialog-shown-once-copy = 请立即复制：之后无法再次显示。
tui-dialog-shown-once-first-sign-in = 对方在首次登录时设置自己的密码（R13）。
tui-dialog-shown-once-close = 按 Enter 或 Esc 关闭；之后密码将不再保留

# 支持工单的文本编辑器（popups/compose.rs，R14）。
tui-dialog-compose-category = 类别
tui-dialog-compose-text-count = 正文（{ $count }/{ $max } 个字符）

# 对话框表单中的单选项（components/dialog_form.rs）。
tui-dialog-choice-position = （{ $index }/{ $count }）

# 列表筛选（components/list_filter.rs）；数字已分组（“20,000”）。
tui-dialog-filter-label = 筛选：
tui-dialog-filter-count = （{ $total }）
tui-dialog-filter-counts = （{ $matching }/{ $total }）· 筛选“{ $text }”

# 人员表格（components/pane.rs）。
tui-dialog-people-name = 姓名
tui-dialog-people-email = 电子邮件
