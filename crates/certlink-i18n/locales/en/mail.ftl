# Mail certlink sends (crates/certlink-core/src/service/mail.rs): the sign-in
# details of an invitation (R13), in the recipient's language. The body is
# built line by line; the two labels are aligned by display width.

mail-invitation-subject = Your certlink sign-in for { $org }
mail-invitation-greeting = Hello { $name },
mail-invitation-invited = { $inviter } invited you to { $org } on certlink.
mail-invitation-sign-in-with = Sign in with:
mail-invitation-email = email:
mail-invitation-password = temporary password:
mail-invitation-first-sign-in = You will be asked to choose your own password at your first sign-in.
mail-invitation-unexpected = If you did not expect this message, tell your Global Admin.
