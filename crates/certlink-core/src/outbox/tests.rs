//! The Maildir outbox against the promises of R13 and docs/outbox.md: durable
//! queueing, unique names, state from the delivery record, retries that keep
//! the error and count, and no message lost to a failure or a crash.

use std::cell::RefCell;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;

use chrono::TimeZone;

use super::*;

fn message(to: &str, subject: &str) -> Message {
    Message::new(
        Mailbox::new(Some("certlink"), "certlink@example.com").unwrap(),
        Mailbox::new(Some("Ada Lovelace"), to).unwrap(),
        subject,
        "Your temporary password: Tmp-1234\nChange it at first sign-in.\n",
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    )
}

fn outbox() -> (tempfile::TempDir, Outbox) {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::for_database(&dir.path().join("certlink.redb"));
    (dir, outbox)
}

/// A transport that records what it got and answers from a script.
#[derive(Default)]
struct Fake {
    delivered: RefCell<Vec<(Envelope, Vec<u8>)>>,
    fail_with: Option<DeliveryError>,
    /// Dies (panics) right after accepting: a crash between send and move.
    crash_after_accepting: bool,
}

impl Transport for Fake {
    fn deliver(&self, envelope: &Envelope, message: &[u8]) -> Result<(), DeliveryError> {
        if let Some(error) = &self.fail_with {
            return Err(error.clone());
        }
        self.delivered
            .borrow_mut()
            .push((envelope.clone(), message.to_vec()));
        if self.crash_after_accepting {
            panic!("simulated crash after the server accepted the message");
        }
        Ok(())
    }

    fn describe(&self) -> String {
        "fake".into()
    }
}

fn failing(message: &str, unreachable: bool) -> Fake {
    Fake {
        fail_with: Some(DeliveryError {
            message: message.into(),
            unreachable,
        }),
        ..Fake::default()
    }
}

#[test]
fn the_outbox_sits_beside_the_database() {
    let outbox = Outbox::for_database(Path::new("/data/certlink.redb"));
    assert_eq!(outbox.root(), Path::new("/data/certlink.outbox"));
}

#[test]
fn a_fresh_outbox_lists_nothing_and_sends_nothing() {
    let (_dir, outbox) = outbox();
    assert!(outbox.list().unwrap().is_empty());
    assert_eq!(
        outbox.send_pending(&Fake::default()).unwrap(),
        SendReport::default()
    );
    assert!(
        !outbox.root().exists(),
        "nothing is created before a message"
    );
}

#[test]
fn enqueue_delivers_into_new_and_lists_it_pending() {
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    let file = outbox.root().join("new").join(&id.0);
    assert!(file.is_file());
    assert!(
        std::fs::read_dir(outbox.root().join("tmp"))
            .unwrap()
            .next()
            .is_none()
    );
    let listed = outbox.list().unwrap();
    assert_eq!(listed.len(), 1);
    let m = &listed[0];
    assert_eq!(m.id, id);
    assert_eq!(m.to, "Ada Lovelace <ada@contoso.com>");
    assert_eq!(m.subject, "Welcome");
    assert_eq!(m.state, State::Pending);
    assert_eq!((m.attempts, m.last_error.as_deref()), (0, None));
    assert_eq!(
        m.queued_at,
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    );
    assert_eq!(m.path, file);
}

#[cfg(unix)]
#[test]
fn messages_hold_passwords_so_only_the_owner_reads_them() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&outbox.root().join("new").join(&id.0)), 0o600);
    assert_eq!(mode(&outbox.root().join("new")), 0o700);
    assert_eq!(mode(&record::path(outbox.root(), &id.0)), 0o600);
}

#[test]
fn names_are_unique_and_sort_in_queue_order() {
    let (_dir, outbox) = outbox();
    let ids: Vec<MessageId> = (0..50)
        .map(|i| {
            outbox
                .enqueue(&message("ada@contoso.com", &format!("n{i}")))
                .unwrap()
        })
        .collect();
    let distinct: HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), 50);
    let subjects: Vec<String> = outbox
        .list()
        .unwrap()
        .into_iter()
        .map(|m| m.subject)
        .collect();
    let expected: Vec<String> = (0..50).map(|i| format!("n{i}")).collect();
    assert_eq!(subjects, expected);
    for id in &ids {
        assert!(!id.0.contains('/') && !id.0.contains(':'), "{id}");
    }
}

#[test]
fn a_sent_message_moves_to_cur_and_is_not_sent_again() {
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    let transport = Fake::default();
    let report = outbox.send_pending(&transport).unwrap();
    assert_eq!(report.sent, vec![id.clone()]);
    assert!(report.failed.is_empty());
    let (envelope, bytes) = transport.delivered.borrow()[0].clone();
    assert_eq!(envelope.from, "certlink@example.com");
    assert_eq!(envelope.to, vec!["ada@contoso.com".to_string()]);
    let sent_file = outbox.root().join("cur").join(format!("{}:2,S", id.0));
    assert_eq!(
        std::fs::read(&sent_file).unwrap(),
        bytes,
        "the file is what was sent"
    );
    assert!(!outbox.root().join("new").join(&id.0).exists());
    let m = &outbox.list().unwrap()[0];
    assert_eq!((m.state, m.attempts), (State::Sent, 1));
    assert!(m.sent_at.is_some());
    let again = Fake::default();
    assert!(outbox.send_pending(&again).unwrap().sent.is_empty());
    assert!(again.delivered.borrow().is_empty());
}

#[test]
fn a_failed_send_stays_pending_with_the_error_and_is_retried() {
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    for attempt in 1..=2 {
        let report = outbox
            .send_pending(&failing("451 4.3.0 try again later", false))
            .unwrap();
        assert_eq!(
            report.failed,
            vec![(id.clone(), "451 4.3.0 try again later".into())]
        );
        let m = &outbox.list().unwrap()[0];
        assert_eq!(m.state, State::Pending);
        assert_eq!(m.attempts, attempt);
        assert_eq!(m.last_error.as_deref(), Some("451 4.3.0 try again later"));
        assert!(outbox.root().join("new").join(&id.0).is_file());
    }
    let good = Fake::default();
    assert_eq!(outbox.send_pending(&good).unwrap().sent, vec![id]);
    let m = &outbox.list().unwrap()[0];
    assert_eq!(
        (m.state, m.attempts, m.last_error.clone()),
        (State::Sent, 3, None)
    );
}

#[test]
fn an_unreachable_server_leaves_the_rest_untried() {
    let (_dir, outbox) = outbox();
    let first = outbox.enqueue(&message("a@contoso.com", "1")).unwrap();
    let second = outbox.enqueue(&message("b@contoso.com", "2")).unwrap();
    let report = outbox
        .send_pending(&failing("connection refused", true))
        .unwrap();
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].0, first);
    assert_eq!(report.not_attempted, vec![second]);
    let attempts: Vec<u32> = outbox.list().unwrap().iter().map(|m| m.attempts).collect();
    assert_eq!(attempts, vec![1, 0], "an untried message gains no attempt");
}

#[test]
fn a_crash_after_the_server_accepted_resends_rather_than_loses() {
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    let crashing = Fake {
        crash_after_accepting: true,
        ..Fake::default()
    };
    let crashed = std::panic::catch_unwind(AssertUnwindSafe(|| outbox.send_pending(&crashing)));
    assert!(crashed.is_err(), "the simulated crash happened");
    assert_eq!(crashing.delivered.borrow().len(), 1, "the server had it");
    // After the "restart" the message is still pending, and goes out again.
    assert_eq!(outbox.list().unwrap()[0].state, State::Pending);
    let restarted = Fake::default();
    assert_eq!(outbox.send_pending(&restarted).unwrap().sent, vec![id]);
    assert_eq!(restarted.delivered.borrow().len(), 1);
}

#[test]
fn a_crash_after_recording_but_before_the_move_is_finished_next_time() {
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    // The state that crash leaves: the record says sent, the file is in new/.
    let mut rec = record::read(outbox.root(), &id.0).unwrap().unwrap();
    rec.sent_at = Some(Utc::now());
    rec.attempts = 1;
    record::write(outbox.root(), &id.0, &rec).unwrap();
    assert_eq!(outbox.list().unwrap()[0].state, State::Sent);
    let transport = Fake::default();
    let report = outbox.send_pending(&transport).unwrap();
    assert!(report.sent.is_empty() && transport.delivered.borrow().is_empty());
    assert!(
        outbox
            .root()
            .join("cur")
            .join(format!("{}:2,S", id.0))
            .is_file()
    );
}

#[test]
fn a_mail_client_reading_the_outbox_does_not_make_a_message_sent() {
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    // What mutt does on opening the folder and reading the message.
    std::fs::rename(
        outbox.root().join("new").join(&id.0),
        outbox.root().join("cur").join(format!("{}:2,S", id.0)),
    )
    .unwrap();
    assert_eq!(outbox.list().unwrap()[0].state, State::Pending);
    let transport = Fake::default();
    assert_eq!(outbox.send_pending(&transport).unwrap().sent, vec![id]);
}

#[test]
fn a_record_without_its_message_is_ignored() {
    let (_dir, outbox) = outbox();
    let id = outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    // The state a crash between the record and the message leaves.
    std::fs::remove_file(outbox.root().join("new").join(&id.0)).unwrap();
    assert!(outbox.list().unwrap().is_empty());
    assert_eq!(
        outbox.send_pending(&Fake::default()).unwrap(),
        SendReport::default()
    );
}

#[test]
fn a_message_dropped_in_by_hand_is_listed_but_not_guessed_at() {
    let (_dir, outbox) = outbox();
    outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    std::fs::write(
        outbox.root().join("new").join("1.handmade.host"),
        b"Subject: x\r\n\r\nx\r\n",
    )
    .unwrap();
    let listed = outbox.list().unwrap();
    assert_eq!(listed.len(), 2);
    let report = outbox.send_pending(&Fake::default()).unwrap();
    assert_eq!(report.sent.len(), 1);
    assert_eq!(report.failed.len(), 1);
    assert!(report.failed[0].1.contains("no delivery record"));
}

#[test]
fn only_one_drain_at_a_time() {
    let (_dir, outbox) = outbox();
    outbox
        .enqueue(&message("ada@contoso.com", "Welcome"))
        .unwrap();
    let held = outbox.lock().unwrap();
    let err = outbox.send_pending(&Fake::default()).unwrap_err();
    assert!(matches!(err, OutboxError::Busy(_)), "{err}");
    drop(held);
    assert_eq!(outbox.send_pending(&Fake::default()).unwrap().sent.len(), 1);
}

#[test]
fn bad_addresses_are_refused_before_anything_is_written() {
    assert!(matches!(
        Mailbox::new(None, "not an address"),
        Err(OutboxError::InvalidAddress(_))
    ));
    assert!(Mailbox::new(None, "ada@contoso.com\r\nBcc: x@y.z").is_err());
}

/// The file, parsed back by an independent mail library (mailparse).
mod parsed_back {
    use mailparse::{MailHeaderMap, parse_mail};

    use super::*;

    #[test]
    fn the_file_is_a_valid_rfc5322_message_with_non_ascii_text() {
        let (_dir, outbox) = outbox();
        let subject = "Vos identifiants certlink – 登录信息 für Zoë";
        let body = "你好 王小明,\n\nTemporary password: Tmp-Ünïcødé-42\nÀ bientôt.\n";
        let msg = Message::new(
            Mailbox::new(Some("certlink"), "certlink@example.com").unwrap(),
            Mailbox::new(Some("王小明"), "wang@contoso.com").unwrap(),
            subject,
            body,
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
        );
        let id = outbox.enqueue(&msg).unwrap();
        let raw = std::fs::read(outbox.root().join("new").join(&id.0)).unwrap();

        // CRLF everywhere, and the headers are plain ASCII (encoded words).
        let text = String::from_utf8(raw.clone()).unwrap();
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "bare LF in {text}"
        );
        let header_end = text.find("\r\n\r\n").unwrap();
        assert!(text[..header_end].is_ascii(), "{}", &text[..header_end]);

        let parsed = parse_mail(&raw).unwrap();
        let h = &parsed.headers;
        assert_eq!(h.get_first_value("Subject").unwrap(), subject);
        assert_eq!(h.get_first_value("MIME-Version").unwrap(), "1.0");
        assert_eq!(parsed.ctype.mimetype, "text/plain");
        assert_eq!(parsed.ctype.charset, "utf-8");
        let cte = h.get_first_value("Content-Transfer-Encoding").unwrap();
        assert!(
            ["quoted-printable", "base64"].contains(&cte.as_str()),
            "{cte}"
        );
        assert_eq!(h.get_first_value("Message-ID").unwrap(), msg.message_id);
        assert!(msg.message_id.ends_with("@example.com>"));
        let date = mailparse::dateparse(&h.get_first_value("Date").unwrap()).unwrap();
        assert_eq!(date, msg.date.timestamp());

        let to = mailparse::addrparse_header(h.get_first_header("To").unwrap()).unwrap();
        let to = to.extract_single_info().unwrap();
        assert_eq!(
            (to.display_name.as_deref(), to.addr.as_str()),
            (Some("王小明"), "wang@contoso.com")
        );
        let from = mailparse::addrparse_header(h.get_first_header("From").unwrap()).unwrap();
        assert_eq!(
            from.extract_single_info().unwrap().addr,
            "certlink@example.com"
        );

        let decoded = parsed.get_body().unwrap();
        assert_eq!(decoded.replace("\r\n", "\n"), body);
    }

    /// An invitation in Chinese: subject and body Chinese, the headers
    /// still plain ASCII (the subject an RFC 2047 encoded word), and a mail
    /// client reads back exactly what was written.
    #[test]
    fn a_chinese_invitation_is_valid_rfc5322_with_an_encoded_subject() {
        let (_dir, outbox) = outbox();
        let to: certlink_domain::Email = "wang@contoso.com".parse().unwrap();
        let (subject, body) = crate::service::sign_in_details(
            certlink_i18n::Lang::ZhCn,
            &to,
            "王小明",
            "康托索有限公司",
            "李华",
            "Tmp-1234",
        );
        let han = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(han(&subject) && han(&body), "{subject}\n{body}");
        let msg = Message::new(
            Mailbox::new(Some("certlink"), "certlink@example.com").unwrap(),
            Mailbox::new(Some("王小明"), to.as_str()).unwrap(),
            &subject,
            &body,
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(),
        );
        let id = outbox.enqueue(&msg).unwrap();
        let raw = std::fs::read(outbox.root().join("new").join(&id.0)).unwrap();
        let text = String::from_utf8(raw.clone()).unwrap();
        let header_end = text.find("\r\n\r\n").unwrap();
        let headers = &text[..header_end];
        assert!(headers.is_ascii(), "{headers}");
        let raw_subject = headers
            .split("\r\n")
            .find(|l| l.starts_with("Subject:"))
            .unwrap();
        assert!(
            raw_subject.to_ascii_lowercase().contains("=?utf-8?"),
            "{raw_subject}"
        );

        let parsed = parse_mail(&raw).unwrap();
        assert_eq!(parsed.headers.get_first_value("Subject").unwrap(), subject);
        assert_eq!(parsed.ctype.charset, "utf-8");
        let decoded = parsed.get_body().unwrap().replace("\r\n", "\n");
        assert_eq!(decoded, body);
        assert!(decoded.contains("Tmp-1234") && decoded.contains("wang@contoso.com"));
    }
}
