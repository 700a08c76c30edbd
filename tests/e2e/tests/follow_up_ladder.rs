//! Scenario 7: on the demo book, This week puts the customer who broke a
//! promise first; their draft climbs to step 3 ("Extend the circle"),
//! copies their escalation contact and quotes the promise back. Edited (the
//! tone check flags "!!" and is content once it is gone) and saved as .eml,
//! the message holds the edit, the Cc and the invoice PDF; marked sent, the
//! customer's Timeline logs it as saved, then as sent.

use anyhow::{ensure, Context, Result};
use duly_e2e::saved_files::read_email;
use duly_e2e::{play_from, Start, User};

const SENTENCE: &str = "A short reply or a call is all it takes.";
const SHOUTED: &str = "A short reply or a call is all it takes!!";
const EDITED: &str = "A short reply this week, or a ten-minute call, is all it takes.";

#[tokio::test]
async fn the_broken_promise_climbs_the_ladder_and_the_draft_leaves_as_eml() -> Result<()> {
    play_from(
        "follow-up-ladder",
        Start::demo_book(),
        async |user: &mut User| {
            let week = user.open_week().await?;
            let first = week
                .follow_ups
                .first()
                .context("This week lists no follow-up")?;
            ensure!(
                first.promises.contains("broken") && first.why.contains("broken"),
                "the first follow-up should be the customer with a broken promise: {first:#?}"
            );
            let company = first.company.clone();

            let draft = user.draft_follow_up_from_week(&company).await?;
            ensure!(
                draft.suggestion == "Suggested: step 3, Extend the circle.",
                "the suggestion card reads {:?}",
                draft.suggestion
            );
            ensure!(
                draft
                    .why
                    .split("; ")
                    .any(|why| why.starts_with("promise of ")
                        && why.trim_end_matches('.').ends_with(" broken")),
                "the reason does not name the broken promise: {:?}",
                draft.why
            );
            // Only what is overdue is called past due; the rest is "not yet due".
            ensure!(
                draft
                    .body
                    .lines()
                    .all(|l| !(l.contains("past due") && l.contains("not yet due"))),
                "a line calls a not-yet-due invoice past due:\n{}",
                draft.body
            );
            ensure!(
                draft.body.contains("you let us know"),
                "the body does not quote the past promise:\n{}",
                draft.body
            );
            ensure!(
                draft.tone.passes,
                "the untouched draft fails the tone check: {:?}",
                draft.tone
            );

            let shouted = user.edit_draft_sentence(SENTENCE, SHOUTED).await?;
            ensure!(
                !shouted.tone.passes
                    && shouted
                        .tone
                        .flagged
                        .iter()
                        .any(|f| f.rule == "exclamations"),
                "the tone check should flag \"!!\": {:?}",
                shouted.tone
            );
            let edited = user.edit_draft_sentence(SHOUTED, EDITED).await?;
            ensure!(
                edited.tone.passes && edited.tone.flagged.is_empty(),
                "the edited draft should pass the tone check: {:?}",
                edited.tone
            );

            let saved = user.save_eml().await?;
            let email = read_email(&saved)?;
            ensure!(
                email.text.contains(EDITED) && !email.text.contains(SENTENCE),
                "{} does not hold the edited sentence:\n{}",
                saved.display(),
                email.text
            );
            ensure!(
                !draft.cc.is_empty() && email.cc.contains(&draft.cc),
                "{} is not copied to the draft's Cc {:?}: Cc {:?}",
                saved.display(),
                draft.cc,
                email.cc
            );
            ensure!(
                email
                    .attachments
                    .iter()
                    .any(|a| a.mime_type == "application/pdf"
                        && a.is_pdf
                        && a.file_name.ends_with(".pdf")),
                "{} has no PDF attached: {:?}",
                saved.display(),
                email.attachments
            );

            // Saved is not sent: the owner says when it went out.
            user.mark_sent().await?;

            let page = user.open_customer(&company).await?;
            ensure!(
                page.escalation.lines().any(|line| line == draft.cc),
                "the Cc {:?} is not the escalation contact's email: {:?}",
                draft.cc,
                page.escalation
            );
            let timeline = user.open_timeline().await?;
            let email = |entry: Option<&duly_e2e::TimelineEntry>, how: &str| {
                entry.is_some_and(|e| {
                    e.event == "contact"
                        && e.label == "Email"
                        && e.text.contains(how)
                        && e.text.contains(&draft.subject)
                })
            };
            ensure!(
                email(timeline.first(), "Sent from your mail app")
                    && email(
                        timeline.get(1),
                        "Saved as an email file, not yet marked sent"
                    ),
                "the Timeline should log the email as saved, then as sent: {:#?}",
                &timeline[..timeline.len().min(2)]
            );
            Ok(())
        },
    )
    .await
}
