//! Queries for `mail_settings`: how to reach the owner's SMTP server. The
//! password is not here: it lives in the OS keychain only.

use rusqlite::{params, Connection};

use crate::error::{Result, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    #[default]
    Starttls,
    Tls,
    /// Plain SMTP: only for a server on this machine (tests, local relays).
    None,
}

impl Security {
    pub fn as_str(self) -> &'static str {
        match self {
            Security::Starttls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Security::Starttls, Security::Tls, Security::None]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: String,
    pub from_name: String,
    pub from_email: String,
}

pub fn get(conn: &Connection) -> Result<MailSettings> {
    let (host, port, security, username, from_name, from_email): (String, u16, String, String, String, String) = conn
        .query_row(
            "SELECT host, port, security, username, from_name, from_email FROM mail_settings WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )?;
    Ok(MailSettings {
        host,
        port,
        security: Security::parse(&security)
            .ok_or_else(|| StoreError::Corrupt("mail_settings.security".into()))?,
        username,
        from_name,
        from_email,
    })
}

pub fn save(conn: &Connection, m: &MailSettings) -> Result<()> {
    conn.execute(
        "UPDATE mail_settings SET host = ?1, port = ?2, security = ?3, username = ?4, from_name = ?5,
            from_email = ?6 WHERE id = 1",
        params![m.host, m.port, m.security.as_str(), m.username, m.from_name, m.from_email],
    )?;
    Ok(())
}
