//! The outbox drained over real SMTP (R13), through lettre, into a tiny server
//! this test starts on 127.0.0.1: the server gets exactly the bytes of the
//! Maildir file, a 451 leaves the message pending with its error, and a later
//! send delivers it.

use crate::outbox_server;

use chrono::{TimeZone, Utc};

use certlink_core::outbox::{Mailbox, Message, Outbox, SmtpConfig, SmtpTransport, State, TlsMode};
use outbox_server::SmtpServer;

fn smtp_config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port: Some(port),
        tls: TlsMode::None,
        from: "relay-sender@example.com".into(),
        username: None,
        password_env: None,
        timeout_secs: Some(5),
    }
}

fn invitation(to: &str) -> Message {
    Message::new(
        Mailbox::new(Some("certlink"), "certlink@example.com").unwrap(),
        Mailbox::new(Some("Zoë Müller"), to).unwrap(),
        "Vos identifiants certlink – 登录信息",
        "Hello Zoë,\n\nTemporary password: Tmp-Ä-42\n.leading dot line\n",
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    )
}

/// What the server should have received for a filed message: lettre ends DATA
/// with "\r\n.\r\n" whatever the message ends with, so the filed bytes plus
/// one CRLF (the file itself ends with one), as text for readable diffs.
fn as_sent(file: &[u8]) -> String {
    let mut expected = String::from_utf8(file.to_vec()).unwrap();
    expected.push_str("\r\n");
    expected
}

fn text(data: &[u8]) -> String {
    String::from_utf8(data.to_vec()).unwrap()
}

#[test]
fn pending_messages_reach_the_server_exactly_as_filed() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::for_database(&dir.path().join("certlink.redb"));
    let first = outbox.enqueue(&invitation("zoe@contoso.com")).unwrap();
    let second = outbox.enqueue(&invitation("ada@contoso.com")).unwrap();
    let files: Vec<Vec<u8>> = [&first, &second]
        .iter()
        .map(|id| std::fs::read(outbox.root().join("new").join(&id.0)).unwrap())
        .collect();

    let transport = SmtpTransport::from_config(&smtp_config(server.port())).unwrap();
    let report = outbox.send_pending(&transport).unwrap();
    assert_eq!(report.sent, vec![first.clone(), second.clone()]);
    assert!(report.failed.is_empty() && report.not_attempted.is_empty());

    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].mail_from, "relay-sender@example.com");
    assert_eq!(received[0].rcpt_to, vec!["zoe@contoso.com".to_string()]);
    assert_eq!(received[1].rcpt_to, vec!["ada@contoso.com".to_string()]);
    assert_eq!(
        text(&received[0].data),
        as_sent(&files[0]),
        "exactly the filed message"
    );
    assert_eq!(text(&received[1].data), as_sent(&files[1]));

    let listed = outbox.list().unwrap();
    assert!(
        listed
            .iter()
            .all(|m| m.state == State::Sent && m.attempts == 1)
    );
    // Nothing left: a second run sends nothing.
    assert!(outbox.send_pending(&transport).unwrap().sent.is_empty());
    assert_eq!(server.received().len(), 2);
}

#[test]
fn a_451_leaves_the_message_pending_and_a_later_send_delivers_it() {
    let server = SmtpServer::start();
    server.fail_with_451(true);
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::for_database(&dir.path().join("certlink.redb"));
    let id = outbox.enqueue(&invitation("zoe@contoso.com")).unwrap();
    let transport = SmtpTransport::from_config(&smtp_config(server.port())).unwrap();

    let report = outbox.send_pending(&transport).unwrap();
    assert!(report.sent.is_empty());
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].0, id);
    assert!(report.failed[0].1.contains("451"), "{}", report.failed[0].1);
    assert_eq!(server.refused(), 1);
    let m = &outbox.list().unwrap()[0];
    assert_eq!((m.state, m.attempts), (State::Pending, 1));
    assert!(
        m.last_error
            .as_deref()
            .unwrap_or("")
            .contains("try again later")
    );
    assert!(outbox.root().join("new").join(&id.0).is_file());

    server.fail_with_451(false);
    let report = outbox.send_pending(&transport).unwrap();
    assert_eq!(report.sent, vec![id.clone()]);
    let file = std::fs::read(outbox.root().join("cur").join(format!("{}:2,S", id.0))).unwrap();
    assert_eq!(server.received().len(), 1);
    assert_eq!(text(&server.received()[0].data), as_sent(&file));
    let m = &outbox.list().unwrap()[0];
    assert_eq!(
        (m.state, m.attempts, m.last_error.clone()),
        (State::Sent, 2, None)
    );
}

#[test]
fn a_server_that_is_not_there_leaves_everything_pending() {
    // Bind a loopback port, then free it: nothing listens there any more.
    let port = {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
        listener.local_addr().unwrap().port()
    };
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::for_database(&dir.path().join("certlink.redb"));
    let first = outbox.enqueue(&invitation("zoe@contoso.com")).unwrap();
    let second = outbox.enqueue(&invitation("ada@contoso.com")).unwrap();
    let transport = SmtpTransport::from_config(&smtp_config(port)).unwrap();
    let report = outbox.send_pending(&transport).unwrap();
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].0, first);
    assert_eq!(report.not_attempted, vec![second]);
    assert!(
        outbox
            .list()
            .unwrap()
            .iter()
            .all(|m| m.state == State::Pending)
    );
}

#[test]
fn a_missing_password_variable_is_named_and_no_value_is_shown() {
    let mut config = smtp_config(25);
    config.username = Some("certlink".into());
    config.password_env = Some("CERTLINK_TEST_SMTP_PASSWORD_SURELY_UNSET".into());
    let err = SmtpTransport::from_config(&config)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("CERTLINK_TEST_SMTP_PASSWORD_SURELY_UNSET"),
        "{err}"
    );
}
