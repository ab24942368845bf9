//! Outgoing email: SMTP where deployed, `.eml` files in `<data-dir>/mail/` otherwise.

use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::{FileTransport, SmtpTransport, Transport};
use std::path::PathBuf;

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: SmtpTransport,
        from: Mailbox,
    },
    File {
        dir: PathBuf,
        from: Mailbox,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the mail server URL is not valid: {0}")]
    BadUrl(String),
    #[error("the sender address is not valid: {0}")]
    BadFrom(String),
    #[error("could not create the mail folder {0}: {1}")]
    Folder(String, std::io::Error),
}

impl Mailer {
    /// `smtp_url` like `smtps://user:pass@mail.example.org` or `smtp://localhost:25`.
    pub fn from_config(
        smtp_url: Option<&str>,
        from: &str,
        data_dir: &std::path::Path,
    ) -> Result<Mailer, MailError> {
        let from: Mailbox = from
            .parse()
            .map_err(|_| MailError::BadFrom(from.to_string()))?;
        match smtp_url {
            Some(url) => {
                let transport = SmtpTransport::from_url(url)
                    .map_err(|e| MailError::BadUrl(e.to_string()))?
                    .build();
                Ok(Mailer::Smtp { transport, from })
            }
            None => {
                let dir = data_dir.join("mail");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| MailError::Folder(dir.display().to_string(), e))?;
                Ok(Mailer::File { dir, from })
            }
        }
    }

    /// Sends a plain-text message. Runs on a blocking thread; failures are logged with no content.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> bool {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::File { from, .. } => from.clone(),
        };
        let Ok(to_box) = to.parse::<Mailbox>() else {
            tracing::warn!("email not sent: recipient address does not parse");
            return false;
        };
        let msg = match Message::builder()
            .from(from)
            .to(to_box)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
        {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "email not built");
                return false;
            }
        };
        let mailer = self.clone();
        let sent = tokio::task::spawn_blocking(move || match &mailer {
            Mailer::Smtp { transport, .. } => {
                transport.send(&msg).map(|_| ()).map_err(|e| e.to_string())
            }
            Mailer::File { dir, .. } => FileTransport::new(dir)
                .send(&msg)
                .map(|_| ())
                .map_err(|e| e.to_string()),
        })
        .await;
        match sent {
            Ok(Ok(())) => true,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "email not sent");
                false
            }
            Err(_) => false,
        }
    }
}
