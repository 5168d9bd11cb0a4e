# The language a person saves on their profile (issue 16): the Profile tab's
# chooser (key L) and `certlink profile language`.

# The key's words in the Profile tab's help.
pref-key-language = choose your language
pref-dialog-title = Language
pref-dialog-intro = The language of your screens, command output and mail, saved on your profile. With "Use my locale" your terminal's (or SSH client's) language decides. --lang and CERTLINK_LANG always come first.
pref-dialog-label = Language
pref-choice-locale = Use my locale
pref-saving = Saving your language…
# After saving: $language is the language's own name (English, 简体中文).
pref-saved = Language saved: { $language }.
pref-cleared = Saved language cleared: your locale decides.

# `certlink profile language`, as key/value lines.
pref-show-saved = Saved language
pref-show-in-use = In use
pref-show-none = none (--lang, CERTLINK_LANG or your locale decide)
