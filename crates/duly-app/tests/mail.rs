//! Delivery: the `.eml` parsed back (to, cc, subject, body, attachment bytes
//! identical to the PDF), a real SMTP server on 127.0.0.1 receiving the sent
//! message, and the password kept in the keychain and nowhere in the book.

mod common;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::now;
use duly_app::drafts::{self, Attachment};
use duly_app::mail::{self, MailSettingsForm, OutgoingForm};
use duly_app::{customers, demo};
use duly_core::ladder::LadderStep;
use duly_store::mail_settings::Security;
use duly_store::Book;

fn use_mock_keychain() {
    let store = keyring_core::mock::Store::new().expect("mock keychain");
    keyring_core::set_default_store(store);
}

/// The demo customer whose suggested step copies the escalation contact.
fn escalated_draft(book: &mut Book) -> drafts::DraftView {
    for row in customers::list(book, false, now()).expect("customers") {
        let d = match drafts::follow_up(book, row.id, None, now()) {
            Ok(d) => d,
            // Nothing overdue: no reminder to draft for this customer.
            Err(e) if e.message.contains("no reminder to send") => continue,
            Err(e) => panic!("draft: {e:?}"),
        };
        if d.step == Some(LadderStep::ExtendCircle) && !d.cc.is_empty() {
            return d;
        }
    }
    panic!("the demo book has a customer at step 3");
}

fn outgoing(d: &drafts::DraftView) -> OutgoingForm {
    OutgoingForm {
        customer_id: d.customer_id,
        kind: Some(d.kind),
        to: d.to.clone(),
        cc: d.cc.clone(),
        subject: d.subject.clone(),
        body: format!("{}\n\nP.S. Edited by the owner before sending.", d.body),
        attachments: d.attachments.clone(),
    }
}

#[test]
fn the_eml_parses_back_with_the_same_addresses_text_and_pdf_bytes() {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, now().date()).expect("demo");
    let d = escalated_draft(&mut book);
    let form = outgoing(&d);
    let built = mail::export_eml(&mut book, &form, now()).expect("eml");
    let parsed = mailparse::parse_mail(&built.eml).expect("a valid MIME message");
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.get_key_ref().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
    };
    assert!(
        header("To").is_some_and(|v| v.contains(&d.to[0])),
        "{:?}",
        header("To")
    );
    assert!(header("Cc").is_some_and(|v| v.contains(&d.cc[0])));
    assert_eq!(header("Subject").as_deref(), Some(d.subject.as_str()));
    let body = parsed.subparts[0].get_body().expect("body");
    assert!(body.contains("Edited by the owner"));
    assert!(
        matches!(d.attachments[0], Attachment::Invoice { .. }),
        "step 3 attaches the invoices"
    );
    let (name, pdf) = &built.attachments[0];
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let attached = parsed.subparts[1].get_body_raw().expect("attachment");
    assert!(
        attached == *pdf,
        "the attachment {name} comes back byte for byte ({} vs {} bytes)",
        attached.len(),
        pdf.len()
    );
    let disposition = parsed.subparts[1].get_content_disposition();
    assert_eq!(disposition.params.get("filename"), Some(name));
    assert_eq!(parsed.subparts.len(), 1 + d.attachments.len());
    let timeline = duly_app::history::account(&mut book, d.customer_id, now())
        .expect("account")
        .timeline
        .rows;
    let logged = serde_json::to_value(&timeline[0]).expect("json");
    assert_eq!(logged["event"], "contact");
    assert!(logged["notes"]
        .as_str()
        .is_some_and(|n| n.contains("Saved as an email file")));
}

/// A saved `.eml` is logged as prepared and does not move the ladder; once
/// the owner marks it sent, it is logged as sent with its step, and the
/// ladder waits for the next one.
#[test]
fn a_saved_email_is_prepared_until_marked_sent_and_only_then_moves_the_ladder() {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, now().date()).expect("demo");
    let d = escalated_draft(&mut book);
    let customer = d.customer_id;
    let suggested = |book: &mut Book| {
        drafts::follow_up(book, customer, None, now())
            .expect("draft")
            .suggestion
            .expect("a suggestion")
    };
    let before = suggested(&mut book);
    mail::export_eml(&mut book, &outgoing(&d), now()).expect("eml");
    let prepared = suggested(&mut book);
    assert_eq!(
        (prepared.step, prepared.waiting),
        (before.step, before.waiting),
        "prepared is not sent: {prepared:?}"
    );
    mail::mark_sent(&mut book, &outgoing(&d), now()).expect("marked sent");
    let after = suggested(&mut book);
    assert!(
        after.step > LadderStep::ExtendCircle && after.due_on > now().date(),
        "once sent, the next step is due later: {after:?}"
    );
    let timeline = duly_app::history::account(&mut book, customer, now())
        .expect("account")
        .timeline
        .rows;
    let notes: Vec<String> = timeline[..2]
        .iter()
        .map(|e| serde_json::to_value(e).expect("json")["notes"].to_string())
        .collect();
    assert!(notes[0].contains("Sent from your mail app"), "{notes:?}");
    assert!(notes[1].contains("not yet marked sent"), "{notes:?}");
}

/// "Send…" is refused before the confirm dialog when there is no mail
/// server or no address, with the way to fix it.
#[test]
fn sending_is_refused_before_confirming_without_a_server_or_an_address() {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, now().date()).expect("demo");
    let d = escalated_draft(&mut book);
    let err = mail::ready_to_send(&mut book, &outgoing(&d), now()).expect_err("no server");
    assert!(err.message.contains("Settings → Email"), "{}", err.message);
    let settings = MailSettingsForm {
        host: "127.0.0.1".into(),
        port: "2525".into(),
        security: Security::None,
        from_email: "maya@harborandpine.example".into(),
        ..MailSettingsForm::default()
    };
    mail::save_settings(&mut book, &settings).expect("settings");
    let nobody = OutgoingForm {
        to: Vec::new(),
        ..outgoing(&d)
    };
    let err = mail::ready_to_send(&mut book, &nobody, now()).expect_err("no address");
    assert_eq!(err.fields[0].field, "to", "{err:?}");
    mail::ready_to_send(&mut book, &outgoing(&d), now()).expect("ready");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A real SMTP server (Python's aiosmtpd, installed by the test command)
/// writing what it receives into a maildir; stopped when dropped.
struct SmtpServer(Child);

impl SmtpServer {
    fn start(port: u16, maildir: &Path) -> SmtpServer {
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("python3 is needed to run the SMTP server for this test");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "aiosmtpd did not start: pip install aiosmtpd (bash .ci/setup --test does)"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        SmtpServer(child)
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_draft_sent_by_smtp_arrives_at_a_real_server_and_is_logged() {
    use_mock_keychain();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.duly");
    let mut book = Book::open(&path).expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, now().date()).expect("demo");
    let port = free_port();
    let maildir = dir.path().join("mail");
    let _server = SmtpServer::start(port, &maildir);
    let settings = MailSettingsForm {
        host: "127.0.0.1".into(),
        port: port.to_string(),
        security: Security::None,
        username: String::new(),
        from_name: "Maya Lindqvist".into(),
        from_email: "maya@harborandpine.example".into(),
        password: String::new(),
    };
    mail::save_settings(&mut book, &settings).expect("settings");
    mail::test_connection(&mut book).expect("the server answers");
    let d = escalated_draft(&mut book);
    mail::send(&mut book, &outgoing(&d), now()).expect("sent");
    let received = std::fs::read_dir(maildir.join("new"))
        .expect("maildir")
        .filter_map(|e| e.ok())
        .map(|e| std::fs::read(e.path()).expect("message"))
        .next()
        .expect("one message arrived");
    let parsed = mailparse::parse_mail(&received).expect("MIME");
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key_ref() == "Subject")
        .map(|h| h.get_value());
    assert_eq!(subject.as_deref(), Some(d.subject.as_str()));
    assert!(parsed.subparts[0]
        .get_body()
        .expect("body")
        .contains("Edited by the owner"));

    let bad = MailSettingsForm {
        port: free_port().to_string(),
        ..settings
    };
    mail::save_settings(&mut book, &bad).expect("settings");
    let err = mail::test_connection(&mut book).expect_err("nothing listens there");
    assert!(
        err.message.contains("Could not reach 127.0.0.1"),
        "{}",
        err.message
    );
}

#[test]
fn the_smtp_password_lives_in_the_keychain_and_never_in_the_book() {
    use_mock_keychain();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book.duly");
    let secret = "correct-horse-battery-staple-7431";
    {
        let mut book = Book::open(&path).expect("book");
        let form = MailSettingsForm {
            host: "smtp.example.com".into(),
            port: "587".into(),
            security: Security::Starttls,
            username: "maya".into(),
            from_email: "maya@example.com".into(),
            password: secret.into(),
            ..MailSettingsForm::default()
        };
        let view = mail::save_settings(&mut book, &form).expect("saved");
        assert!(view.password_saved);
        let entry = keyring_core::Entry::new("Duly SMTP", "maya@smtp.example.com").expect("entry");
        assert_eq!(entry.get_password().expect("in the keychain"), secret);
    }
    for entry in std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
    {
        let bytes = std::fs::read(entry.path()).expect("file");
        let found = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
        assert!(
            !found,
            "the password leaked into {}",
            entry.path().display()
        );
    }
}

/// How the misbehaving server fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    /// Hangs up after the first line of the message.
    DropsMidMessage,
    /// Accepts the connection and never says a word.
    Silent,
    /// "451 Try again later" to the recipient.
    TryLater,
    /// Takes the whole message, then "554 rejected".
    Rejects,
}

/// A server on 127.0.0.1 that speaks just enough SMTP to fail as `fault`
/// says, on every connection; returns its port.
fn misbehaving_server(fault: Fault) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut out = stream.try_clone().expect("clone");
            let mut lines = BufReader::new(stream);
            if fault == Fault::Silent {
                // Held open, unanswered, until the client gives up.
                std::thread::sleep(Duration::from_secs(60));
                continue;
            }
            let mut say = |text: &str| out.write_all(text.as_bytes()).is_ok();
            say("220 fake.test ESMTP\r\n");
            let mut line = String::new();
            'session: while lines.read_line(&mut line).unwrap_or(0) > 0 {
                let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                let answered = match verb.as_str() {
                    "EHLO" | "HELO" => say("250-fake.test\r\n250 8BITMIME\r\n"),
                    "RCPT" if fault == Fault::TryLater => say("451 4.3.0 Try again later\r\n"),
                    "DATA" => {
                        say("354 Go ahead\r\n");
                        let mut body = String::new();
                        loop {
                            body.clear();
                            if lines.read_line(&mut body).unwrap_or(0) == 0 {
                                break 'session;
                            }
                            if fault == Fault::DropsMidMessage {
                                break 'session;
                            }
                            if body == ".\r\n" {
                                break;
                            }
                        }
                        match fault {
                            Fault::Rejects => say("554 5.7.1 Message rejected\r\n"),
                            _ => say("250 OK\r\n"),
                        }
                    }
                    "QUIT" => {
                        say("221 Bye\r\n");
                        break;
                    }
                    _ => say("250 OK\r\n"),
                };
                if !answered {
                    break;
                }
                line.clear();
            }
        }
    });
    port
}

/// A server that hangs up mid-message, never answers, says "try later" or
/// rejects the message: each is told in words, and nothing is logged as
/// sent, so the follow-up is still to do (the window keeps the draft open).
#[test]
fn a_server_that_fails_mid_send_leaves_nothing_logged_as_sent() {
    let mut book = Book::open_in_memory().expect("book");
    demo::generate(&mut book, demo::DemoSize::SMALL, now().date()).expect("demo");
    let d = escalated_draft(&mut book);
    let timeline = |book: &mut Book| {
        duly_app::history::account(book, d.customer_id, now())
            .expect("account")
            .timeline
            .rows
            .len()
    };
    let before = timeline(&mut book);
    let expected = [
        (
            Fault::DropsMidMessage,
            "was cut before the message was sent",
        ),
        (
            Fault::Silent,
            "stopped answering, so the message was not sent",
        ),
        (
            Fault::TryLater,
            "could not take the message just now (it said: 451",
        ),
        (Fault::Rejects, "refused the message (it said: 554"),
    ];
    for (fault, words) in expected {
        let settings = MailSettingsForm {
            host: "127.0.0.1".into(),
            port: misbehaving_server(fault).to_string(),
            security: Security::None,
            from_email: "maya@harborandpine.example".into(),
            ..MailSettingsForm::default()
        };
        mail::save_settings(&mut book, &settings).expect("settings");
        let err = mail::send(&mut book, &outgoing(&d), now()).expect_err("the server failed");
        println!("{fault:?}: {}", err.message);
        assert!(err.message.contains(words), "{fault:?}: {}", err.message);
        assert_eq!(timeline(&mut book), before, "{fault:?} logged something");
    }
}

/// A password crosses the network only encrypted; a server on this computer
/// may go without.
#[test]
fn a_password_is_never_sent_unencrypted_except_to_this_computer() {
    use_mock_keychain();
    let mut book = Book::open_in_memory().expect("book");
    let form = MailSettingsForm {
        host: "smtp.example.com".into(),
        port: "25".into(),
        security: Security::None,
        username: "maya".into(),
        from_email: "maya@example.com".into(),
        password: "s3cret".into(),
        ..MailSettingsForm::default()
    };
    let err = mail::save_settings(&mut book, &form).expect_err("in clear text");
    assert_eq!(err.fields[0].field, "security", "{err:?}");
    assert!(err.fields[0]
        .message
        .contains("never sends your password over an unencrypted connection"));
    let entry = keyring_core::Entry::new("Duly SMTP", "maya@smtp.example.com").expect("entry");
    assert!(
        matches!(entry.get_password(), Err(keyring_core::Error::NoEntry)),
        "the refused password was not kept"
    );
    for local in ["localhost", "127.0.0.1", "::1"] {
        let form = MailSettingsForm {
            host: local.into(),
            ..form.clone()
        };
        mail::save_settings(&mut book, &form).unwrap_or_else(|e| panic!("{local}: {e:?}"));
    }
    let form = MailSettingsForm {
        security: Security::Starttls,
        ..form
    };
    mail::save_settings(&mut book, &form).expect("encrypted");
}
