//! Where an SSH session's person reaches this server: the server's files are
//! not the person's, so the app shows commands to run on their own machine
//! instead of writing files here.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteInfo {
    pub email: String,
    pub host: String,
    pub port: u16,
}

impl RemoteInfo {
    /// The exec command that streams the skills report to the person's machine.
    pub fn skills_download_command(&self) -> String {
        format!(
            "ssh -p {} {}@{} report skills --format csv > skills.csv",
            self.port, self.email, self.host
        )
    }
}
