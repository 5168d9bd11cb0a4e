# The SSH server (src/ssh): what it says to a person over their connection,
# and to the operator who runs `certlink serve`. Lines a script or test reads
# ("certlink: host key …", "certlink: listening on …", "certlink: stopped")
# stay language-neutral and are not here.

# Before sign-in the client's locale is not known yet: these are said in both
# languages, English first (src/ssh/server.rs).
ssh-refused-source = certlink: refused: your address has { $count } connections open, the most allowed; close one first
ssh-refused-total = certlink: refused: the server has its most connections ({ $total }) open; try again later
ssh-not-signed-in = not signed in within { $seconds } s

# Said to a signed-in person, in their language.
ssh-shutting-down = certlink is shutting down
ssh-channels-per-connection = at most { $count } sessions per connection
ssh-busy-commands = certlink: busy: you have { $count } commands running on this server, the most at once; try again when one has ended
ssh-busy-sessions-person = certlink: busy: you have { $count } interactive sessions open on this server, the most at once; close one first, or give a command
ssh-busy-sessions-total = certlink: busy: the server has its most interactive sessions ({ $total }) open; try again later, or give a command
ssh-internal-error = certlink: internal error; nothing was left half-done in the database
ssh-needs-terminal = certlink: the terminal app needs a terminal (ssh -t), or give a command, e.g. ssh ... profile
ssh-cannot-start-app = certlink: cannot start the app: { $error }
ssh-session-failed = certlink: the session failed: { $error }
ssh-closed-idle = certlink: closed after { $duration } without a key press
ssh-minutes = { $minutes } min
ssh-seconds = { $seconds } s
ssh-stdin-cut = certlink: standard input cut: more than { $kib } KiB of it waited while the command was writing its output

# What may not run over ssh (src/ssh/exec.rs); exit code 2, JSON code "usage".
ssh-exec-error = certlink: error: { $message }
ssh-exec-unreadable-line = cannot read the command line: { $error }
ssh-argv-unterminated-single = unterminated ' quote
ssh-argv-unterminated-double = unterminated " quote
ssh-argv-trailing-backslash = a trailing backslash escapes nothing
ssh-exec-not-over-ssh = --db, --as and --now are not accepted over ssh: you act as the person you signed in as, on the server's database
ssh-exec-no-command = give a command, e.g. `profile`; connect without one (ssh -t) for the terminal app
ssh-exec-operator = operator commands need file access on the server and are never reachable over ssh
ssh-exec-out = --out would write a file on the server: redirect standard output instead, e.g. ssh ... report skills --format csv > skills.csv
ssh-exec-import-file = files are yours, not the server's: send the file on standard input, e.g. ssh ... import - < records.jsonl
ssh-exec-password-change = `password change` needs a terminal to ask for the passwords: open the app instead (`ssh -t` to this server without a command) and set it there

# To the operator, in the language `certlink serve` runs in.
ssh-serve-backup-verified = certlink: backup { $file } verified ({ $records } records); { $removed } older removed
ssh-serve-backup-failed = certlink: backup failed: { $error }
ssh-serve-no-runtime = cannot start the server runtime: { $error }
ssh-serve-cannot-listen = cannot listen on { $address }: { $error }
ssh-serve-no-address = cannot read the listening address: { $error }
