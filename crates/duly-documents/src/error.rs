//! Why a document could not be rendered.

use thiserror::Error;

/// A document could not be rendered; nothing was written.
///
/// Every failure is reported, never panicked on, so the app can tell the user
/// what to fix (usually the logo in the business profile).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    /// An embedded font failed to parse (a build problem, not a user one).
    #[error("the embedded font {name} could not be parsed")]
    Font {
        /// Which font file.
        name: &'static str,
    },
    /// The logo is neither a PNG nor a JPEG.
    #[error("the logo is not a PNG or JPEG image")]
    LogoFormat,
    /// The logo looks like a PNG or JPEG but could not be decoded.
    #[error("the logo image could not be read: {0}")]
    LogoDecode(String),
    /// The payment QR code's text is too long for a QR code (the caller
    /// keeps it within the EPC format's 331 bytes, so this is a bug).
    #[error("the payment QR code could not be made: {0}")]
    QrCode(String),
}
