//! Delivering a draft: as a `.eml` file (which any mail client opens as a
//! ready message) or by SMTP, with the PDFs attached, built with `lettre`.
//! Every delivered draft is logged in the contact log with its ladder step.
//!
//! The SMTP password is kept only in the OS keychain (through `keyring-core`,
//! whose platform store the app chooses at start-up): never in the book, a
//! log or a config file.

use std::time::Duration;

use chrono::NaiveDateTime;
use duly_core::contact_log::{Channel, NewContact, Outcome, Person};
use duly_core::DomainError;
use duly_store::mail_settings::{self, MailSettings, Security};
use duly_store::{contact_log, profile, Book};
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MimeAttachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};

use crate::documents;
use crate::drafts::Attachment;
use crate::error::{AppError, ErrorKind, Result};
use crate::templates::TemplateKind;

/// The keychain entry's service name.
const KEYCHAIN_SERVICE: &str = "Duly SMTP";

/// A draft as the owner finally edited it.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct OutgoingForm {
    pub customer_id: i64,
    pub kind: Option<TemplateKind>,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
}

/// A built message and where it came from.
pub struct Built {
    pub eml: Vec<u8>,
    pub message: Message,
    pub file_name: String,
    /// The attached files (name, bytes), as rendered for this message.
    pub attachments: Vec<(String, Vec<u8>)>,
}

fn mailbox(field: &str, text: &str) -> std::result::Result<Mailbox, DomainError> {
    let t = duly_core::text::email(field, "Address", text, true)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    t.parse().map_err(|_| {
        DomainError::field(
            field,
            format!("\u{201c}{t}\u{201d} is not an address a mail server accepts."),
        )
    })
}

/// Builds the MIME message with its PDFs rendered from the book.
pub fn build(book: &mut Book, form: &OutgoingForm, now: NaiveDateTime) -> Result<Built> {
    if form.to.is_empty() {
        return Err(DomainError::field(
            "to",
            "Add the customer's email address (billing contact) first.",
        )
        .into());
    }
    let subject = duly_core::text::line("subject", "Subject", &form.subject, true)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    let body = duly_core::text::paragraph("body", "Message", &form.body, true)
        .map_err(|e| DomainError::Invalid(vec![e]))?;
    let (business, settings) = book.read(|tx| Ok((profile::get(tx)?, mail_settings::get(tx)?)))?;
    let from_email = if settings.from_email.is_empty() {
        business.email.clone()
    } else {
        settings.from_email.clone()
    };
    if from_email.is_empty() {
        return Err(DomainError::field(
            "from",
            "Set your email address in Settings (business profile or email) first.",
        )
        .into());
    }
    let from_name = if settings.from_name.is_empty() {
        business.owner_name.clone()
    } else {
        settings.from_name.clone()
    };
    let from = Mailbox::new(
        (!from_name.is_empty()).then_some(from_name),
        from_email.parse().map_err(|_| {
            DomainError::field("from", "Your email address in Settings is not valid.")
        })?,
    );
    let mut builder = Message::builder()
        .from(from)
        .subject(subject.clone())
        .date(now.and_utc().into());
    for (i, to) in form.to.iter().enumerate() {
        builder = builder.to(mailbox(&format!("to[{i}]"), to)?);
    }
    for (i, cc) in form.cc.iter().enumerate() {
        builder = builder.cc(mailbox(&format!("cc[{i}]"), cc)?);
    }
    let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(body));
    let mut attached = Vec::new();
    for attachment in &form.attachments {
        let rendered = match attachment {
            Attachment::Invoice { invoice_id, .. } => {
                documents::invoice_pdf(book, *invoice_id, now)?
            }
            Attachment::Statement => {
                let since = documents::statement_since("", now.date())?;
                documents::statement_pdf(book, form.customer_id, since, now)?
            }
        };
        let pdf =
            ContentType::parse("application/pdf").map_err(|e| AppError::storage(e.to_string()))?;
        parts = parts.singlepart(
            MimeAttachment::new(rendered.file_name.clone()).body(rendered.bytes.clone(), pdf),
        );
        attached.push((rendered.file_name, rendered.bytes));
    }
    let message = builder
        .multipart(parts)
        .map_err(|e| AppError::storage(format!("The message could not be built: {e}")))?;
    Ok(Built {
        eml: message.formatted(),
        file_name: format!("{}.eml", safe_name(&subject)),
        message,
        attachments: attached,
    })
}

fn safe_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.,()".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let trimmed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    trimmed.chars().take(80).collect()
}

/// Whether a logged message is known to have reached the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Sent (by Duly, or marked sent by the owner): the ladder moves on.
    Sent,
    /// Saved or opened in the mail app, not yet known to be sent: logged,
    /// but the ladder does not count it.
    Prepared,
}

/// Records a draft in the contact log; a sent one carries its ladder step.
fn log_delivery(
    book: &mut Book,
    form: &OutgoingForm,
    how: &str,
    delivery: Delivery,
    now: NaiveDateTime,
) -> Result<i64> {
    let step = match delivery {
        Delivery::Sent => form.kind.and_then(TemplateKind::step),
        Delivery::Prepared => None,
    };
    let entry = NewContact {
        customer_id: form.customer_id,
        happened_at: now,
        channel: Channel::Email,
        person: Person::Billing,
        person_name: form.to.join(", "),
        notes: format!("{how}: \u{201c}{}\u{201d}", form.subject.trim()),
        agreed: String::new(),
        outcome: Outcome::Other,
        next_step: String::new(),
        follow_up_on: None,
        ladder_step: step,
    };
    Ok(book.write(|tx| contact_log::insert(tx, &entry, now))?)
}

/// Builds the `.eml` and logs it as prepared: whether the owner sends it
/// from the mail app, Duly cannot know until told ([`mark_sent`]).
pub fn export_eml(book: &mut Book, form: &OutgoingForm, now: NaiveDateTime) -> Result<Built> {
    let built = build(book, form, now)?;
    log_prepared(book, form, now)?;
    Ok(built)
}

/// Logs a draft saved as an `.eml` file once it is on disk (a save dialog
/// the owner cancels leaves nothing in the log).
pub fn log_prepared(book: &mut Book, form: &OutgoingForm, now: NaiveDateTime) -> Result<i64> {
    log_delivery(
        book,
        form,
        "Saved as an email file, not yet marked sent",
        Delivery::Prepared,
        now,
    )
}

/// The owner says a prepared message went out from their mail app: logged
/// as sent, with its ladder step.
pub fn mark_sent(book: &mut Book, form: &OutgoingForm, now: NaiveDateTime) -> Result<i64> {
    build(book, form, now)?;
    log_delivery(book, form, "Sent from your mail app", Delivery::Sent, now)
}

/// How to reach the SMTP server, as typed in Settings. A non-empty password
/// goes to the OS keychain and nowhere else.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct MailSettingsForm {
    pub host: String,
    pub port: String,
    pub security: Security,
    pub username: String,
    pub from_name: String,
    pub from_email: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MailSettingsView {
    #[serde(flatten)]
    pub settings: MailSettings,
    /// Whether the keychain holds a password for this server and user.
    pub password_saved: bool,
}

fn validate(form: &MailSettingsForm) -> std::result::Result<MailSettings, DomainError> {
    let mut p = duly_core::error::Problems::new();
    let host = p.take(duly_core::text::line("host", "Server", &form.host, true));
    let port = p.take(duly_core::text::count(
        "port", "Port", &form.port, 65535, 587,
    ));
    if port == 0 && !p.has_problem("port") {
        p.add(
            "port",
            "Port must be between 1 and 65535 (often 587 or 465).",
        );
    }
    let username = p.take(duly_core::text::line(
        "username",
        "User name",
        &form.username,
        false,
    ));
    let from_name = p.take(duly_core::text::line(
        "from_name",
        "Sender name",
        &form.from_name,
        false,
    ));
    let from_email = p.take(duly_core::text::email(
        "from_email",
        "Sender address",
        &form.from_email,
        false,
    ));
    if let Some(why) = unencrypted_password(&host, form.security, &username) {
        p.add("security", why);
    }
    p.finish(MailSettings {
        host,
        port: u16::try_from(port).unwrap_or(587),
        security: form.security,
        username,
        from_name,
        from_email,
    })
}

/// Why a login would cross the network in clear text, if it would: a
/// password is only ever sent encrypted, except to a server on this
/// computer (a local relay or a test server), where no one can listen in.
fn unencrypted_password(host: &str, security: Security, username: &str) -> Option<&'static str> {
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    (security == Security::None && !username.is_empty() && !loopback).then_some(
        "Duly never sends your password over an unencrypted connection, where anyone on the network could read it: choose STARTTLS (usually port 587) or TLS (port 465). Only a server on this computer (localhost) may use none.",
    )
}

fn keychain_user(settings: &MailSettings) -> String {
    format!("{}@{}", settings.username, settings.host)
}

fn keychain_error(e: keyring_core::Error) -> AppError {
    AppError::storage(format!("The system keychain is not available: {e}"))
}

/// The saved SMTP password, if any.
fn password(settings: &MailSettings) -> Result<Option<String>> {
    let entry = keyring_core::Entry::new(KEYCHAIN_SERVICE, &keychain_user(settings))
        .map_err(keychain_error)?;
    match entry.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(keychain_error(e)),
    }
}

pub fn settings(book: &mut Book) -> Result<MailSettingsView> {
    let settings = book.read(|tx| mail_settings::get(tx))?;
    let password_saved = !settings.host.is_empty() && password(&settings).ok().flatten().is_some();
    Ok(MailSettingsView {
        settings,
        password_saved,
    })
}

pub fn save_settings(book: &mut Book, form: &MailSettingsForm) -> Result<MailSettingsView> {
    let settings = validate(form)?;
    if !form.password.is_empty() {
        keyring_core::Entry::new(KEYCHAIN_SERVICE, &keychain_user(&settings))
            .and_then(|e| e.set_password(&form.password))
            .map_err(keychain_error)?;
    }
    book.write(|tx| mail_settings::save(tx, &settings))?;
    self::settings(book)
}

fn transport(settings: &MailSettings) -> Result<SmtpTransport> {
    if settings.host.is_empty() {
        return Err(
            DomainError::NotAllowed(
                "Sending is not set up yet: add your mail server in Settings → Email, or use Save .eml or Open in mail app.".into(),
            )
            .into(),
        );
    }
    // Settings saved by an older Duly are held to the same rule.
    if let Some(why) = unencrypted_password(&settings.host, settings.security, &settings.username) {
        return Err(DomainError::NotAllowed(why.into()).into());
    }
    let tls = || TlsParameters::new(settings.host.clone()).map_err(|e| smtp_error(settings, &e));
    let mut builder = SmtpTransport::builder_dangerous(settings.host.as_str())
        .port(settings.port)
        .timeout(Some(Duration::from_secs(20)));
    builder = match settings.security {
        Security::Starttls => builder.tls(Tls::Required(tls()?)),
        Security::Tls => builder.tls(Tls::Wrapper(tls()?)),
        Security::None => builder.tls(Tls::None),
    };
    if !settings.username.is_empty() {
        let pass = password(settings)?.ok_or_else(|| {
            AppError::from(DomainError::field(
                "password",
                "Enter the password for this server: it is kept in the system keychain.",
            ))
        })?;
        builder = builder.credentials(Credentials::new(settings.username.clone(), pass));
    }
    Ok(builder.build())
}

/// A failure in words: which of the usual problems it is. Whatever it is,
/// the message was not sent and nothing is logged (the caller returns
/// before logging), so the owner is told to try again.
fn smtp_error(settings: &MailSettings, e: &lettre::transport::smtp::Error) -> AppError {
    let host = &settings.host;
    let text = e.to_string();
    // What the operating system said, under lettre's own error.
    let io = std::iter::successors(std::error::Error::source(e), |e| e.source())
        .find_map(|e| e.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind);
    let timed_out = e.is_timeout()
        || matches!(
            io,
            Some(std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
        );
    let server_said = || {
        e.status()
            .map(|code| {
                let words = text.rsplit_once(": ").map_or(text.as_str(), |(_, w)| w);
                format!("{code} {words}")
            })
            .unwrap_or_else(|| text.clone())
    };
    let message = if timed_out {
        format!("{host} stopped answering, so the message was not sent. Try again; if it keeps happening, check the server name and port, or your connection.")
    } else if e.is_tls() {
        format!("The secure connection to {host} failed. Check the security setting (STARTTLS on port 587, TLS on 465).")
    } else if e.status().is_some_and(|c| c.to_string().starts_with("535"))
        || text.contains("authentication")
    {
        format!("{host} refused the login. Check the user name and password.")
    } else if e.is_transient() {
        format!(
            "{host} could not take the message just now (it said: {}). Nothing was sent: try again later.",
            server_said()
        )
    } else if e.is_permanent() {
        format!(
            "{host} refused the message (it said: {}). Nothing was sent.",
            server_said()
        )
    } else if matches!(io, Some(std::io::ErrorKind::ConnectionRefused)) || e.is_client() {
        format!("Could not reach {host} on port {}: {text}", settings.port)
    } else {
        format!("The connection to {host} was cut before the message was sent, so it was not sent. Try again; if it keeps happening, check your connection. ({text})")
    };
    AppError {
        kind: ErrorKind::Storage,
        message,
        fields: Vec::new(),
    }
}

/// Connects and logs in without sending anything.
pub fn test_connection(book: &mut Book) -> Result<()> {
    let settings = book.read(|tx| mail_settings::get(tx))?;
    let transport = transport(&settings)?;
    match transport.test_connection() {
        Ok(true) => Ok(()),
        Ok(false) => Err(AppError::storage(format!(
            "{} answered, but not like a mail server.",
            settings.host
        ))),
        Err(e) => Err(smtp_error(&settings, &e)),
    }
}

/// Whether the draft can be sent as it stands: a mail server set up (with
/// its password in the keychain), the addresses and your own valid, the
/// message complete. Asked before "Send this email?" is put to the owner, so
/// the dialog never reads "It goes to , from your mail server".
pub fn ready_to_send(book: &mut Book, form: &OutgoingForm, now: NaiveDateTime) -> Result<()> {
    let settings = book.read(|tx| mail_settings::get(tx))?;
    transport(&settings)?;
    build(book, form, now)?;
    Ok(())
}

/// Sends the draft and logs it.
pub fn send(book: &mut Book, form: &OutgoingForm, now: NaiveDateTime) -> Result<()> {
    let settings = book.read(|tx| mail_settings::get(tx))?;
    let transport = transport(&settings)?;
    let built = build(book, form, now)?;
    transport
        .send(&built.message)
        .map_err(|e| smtp_error(&settings, &e))?;
    log_delivery(book, form, "Sent by email", Delivery::Sent, now)?;
    Ok(())
}
