# certlink 发送的邮件：邀请的登录详细信息（R13），使用收件人的语言。

mail-invitation-subject = certlink 登录详细信息（{ $org }）
mail-invitation-greeting = { $name }，你好：
mail-invitation-invited = { $inviter } 邀请你加入 certlink 上的 { $org }。
mail-invitation-sign-in-with = 请使用以下信息登录：
mail-invitation-email = 电子邮件：
mail-invitation-password = 临时密码：
mail-invitation-first-sign-in = 首次登录时，系统会要求你设置自己的密码。
mail-invitation-unexpected = 如果你没有预料到此邮件，请告知你的全局管理员。
