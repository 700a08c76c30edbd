//! The tone check: every template and every draft is read for the things a
//! good collector never does (shouting, threats before the last step, blame)
//! and for what every message must have (the amount, the invoice numbers and
//! how to pay). It only points things out; the owner decides.

use serde::Serialize;

use crate::ladder::LadderStep;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ToneRule {
    Shouting,
    Exclamations,
    Threat,
    Blame,
    MissingAmount,
    MissingInvoiceNumber,
    MissingHowToPay,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToneIssue {
    pub rule: ToneRule,
    /// The words that triggered it, as written.
    pub excerpt: String,
    pub message: String,
}

/// What the message is about, for the "missing essentials" rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ToneContext {
    /// `None` for messages outside the ladder (recap, thank-you…): threats are
    /// then always flagged.
    pub step: Option<LadderStep>,
    /// Every invoice number the message concerns.
    pub invoice_numbers: Vec<String>,
    /// The amounts as they would be written (any one of them suffices).
    pub amounts: Vec<String>,
    /// Whether the message must say how to pay (not for a thank-you).
    pub needs_how_to_pay: bool,
    /// Names written as their owners write them (the customer's company,
    /// the business, people): "ACME LLC" is a name, not shouting.
    pub names: Vec<String>,
}

/// Short words in capitals that are not shouting.
const ACRONYMS: &[&str] = &[
    "ACH", "ABN", "BIC", "CC", "CEO", "CFO", "COO", "EFT", "EIN", "EU", "EUR", "FAQ", "GBP", "GST",
    "HST", "IBAN", "ID", "LLC", "LLP", "LTD", "NB", "PDF", "PO", "PS", "PST", "SEPA", "SWIFT",
    "UK", "US", "USA", "USD", "VAT", "CAD", "AUD", "CHF", "JPY", "IT", "HR", "OK", "ASAP", "FYI",
    "ETA", "INC", "CPA",
];

/// Phrases that threaten; fine in the last resort (stated plainly there),
/// never before.
const THREATS: &[&str] = &[
    "legal action",
    "lawyer",
    "attorney",
    "court",
    "sue you",
    "lawsuit",
    "collection agency",
    "collections agency",
    "debt collector",
    "credit score",
    "credit rating",
    "credit report",
    "report you",
    "blacklist",
    "consequences",
    "or else",
    "final warning",
    "small claims",
];

/// Phrases that blame the customer instead of asking how to help.
const BLAME: &[&str] = &[
    "you failed",
    "you have failed",
    "you neglected",
    "you ignored",
    "you forgot",
    "your failure",
    "you still haven't",
    "you still have not",
    "you never",
    "despite repeated",
    "once again you",
    "you refuse",
    "you have refused",
    "unacceptable",
    "your negligence",
    "you were supposed to",
    "you have ignored",
    "you keep ignoring",
    "you have neglected",
    "you have never",
    "you did not bother",
    "you didn't bother",
    "your excuses",
    "no excuse",
];

/// Words that say how to pay, if the payment instructions are not quoted.
const HOW_TO_PAY: &[&str] = &[
    "bank transfer",
    "transfer to",
    "pay by",
    "payable to",
    "mail a check",
    "mail the check",
    "checks payable",
    "check to",
    "cheque",
    "iban",
    "routing",
    "account number",
    "account",
    "sort code",
    "pay online",
    "by card",
    "how to pay",
    "payment instructions",
];

/// Reads `text` (subject and body together) and lists what to look at again.
pub fn check(text: &str, ctx: &ToneContext) -> Vec<ToneIssue> {
    let mut issues = Vec::new();
    shouting(text, &ctx.names, &mut issues);
    if let Some(run) = text.split(|c| c != '!').find(|run| run.len() >= 2) {
        issues.push(ToneIssue {
            rule: ToneRule::Exclamations,
            excerpt: run.to_owned(),
            message: "One exclamation mark at most: a run of them reads as raised voice.".into(),
        });
    }
    let lower = text.to_lowercase();
    if ctx.step != Some(LadderStep::LastResort) {
        for phrase in THREATS.iter().filter(|p| contains_phrase(&lower, p)) {
            issues.push(ToneIssue {
                rule: ToneRule::Threat,
                excerpt: (*phrase).to_owned(),
                message: format!("\u{201c}{phrase}\u{201d} reads as a threat; keep next steps for the last resort, stated plainly."),
            });
        }
    }
    for phrase in BLAME.iter().filter(|p| contains_phrase(&lower, p)) {
        issues.push(ToneIssue {
            rule: ToneRule::Blame,
            excerpt: (*phrase).to_owned(),
            message: format!(
                "\u{201c}{phrase}\u{201d} puts blame on them; ask how you can help instead."
            ),
        });
    }
    if !ctx.amounts.is_empty() && !ctx.amounts.iter().any(|a| text.contains(a.as_str())) {
        issues.push(ToneIssue {
            rule: ToneRule::MissingAmount,
            excerpt: String::new(),
            message: format!("State the exact amount ({}).", ctx.amounts.join(" or ")),
        });
    }
    for number in ctx
        .invoice_numbers
        .iter()
        .filter(|n| !text.contains(n.as_str()))
    {
        issues.push(ToneIssue {
            rule: ToneRule::MissingInvoiceNumber,
            excerpt: number.clone(),
            message: format!("Mention invoice {number}."),
        });
    }
    if ctx.needs_how_to_pay && !HOW_TO_PAY.iter().any(|w| contains_phrase(&lower, w)) {
        issues.push(ToneIssue {
            rule: ToneRule::MissingHowToPay,
            excerpt: String::new(),
            message: "Say how to pay (bank details or where to mail a check).".into(),
        });
    }
    issues
}

/// Whole-word (or whole-phrase) match, so "court" does not flag "courteous".
fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    haystack.match_indices(phrase).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Flags runs of two or more words in capitals, and sentences written mostly
/// in capitals. One word in capitals is emphasis, not shouting; acronyms,
/// anything with digits (invoice numbers) and the words of the names in
/// `names` never count.
fn shouting(text: &str, names: &[String], issues: &mut Vec<ToneIssue>) {
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let named: Vec<String> = names
        .iter()
        .flat_map(|n| n.split_whitespace().map(bare))
        .filter(|w| !w.is_empty())
        .collect();
    let capital = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let word = bare(w);
        letters.len() >= 2
            && letters.iter().all(|c| c.is_uppercase())
            && !w.chars().any(|c| c.is_ascii_digit())
            && !ACRONYMS.contains(&word.as_str())
            && !named.contains(&word)
    };
    for sentence in text.split(['.', '!', '?', '\n']) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let capital_words = words.iter().filter(|w| capital(w)).count();
        if words.len() >= 3 && capital_words * 2 > words.len() {
            issues.push(ToneIssue {
                rule: ToneRule::Shouting,
                excerpt: sentence.trim().to_owned(),
                message: "This sentence is in capitals, which reads as shouting.".into(),
            });
            continue;
        }
        let mut run: Vec<&str> = Vec::new();
        for w in words.iter().chain(std::iter::once(&"")) {
            if capital(w) {
                run.push(w);
                continue;
            }
            if run.len() >= 2 {
                let excerpt = run.join(" ");
                issues.push(ToneIssue {
                    rule: ToneRule::Shouting,
                    message: format!("\u{201c}{excerpt}\u{201d} in capitals reads as shouting."),
                    excerpt,
                });
            }
            run.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(step: LadderStep) -> ToneContext {
        ToneContext {
            step: Some(step),
            invoice_numbers: vec!["INV-0042".into()],
            amounts: vec!["$1,250.00".into()],
            needs_how_to_pay: true,
            names: vec!["ACME LLC".into(), "Harbor & Pine".into()],
        }
    }

    const GOOD: &str =
        "Hi Ada, a quick note about invoice INV-0042 for $1,250.00, due on 3 March. \
        Is everything in order with it? You can pay by bank transfer to account 0042. \
        If anything is unclear, I am happy to help. Thank you!";

    fn rules(text: &str, step: LadderStep) -> Vec<ToneRule> {
        check(text, &ctx(step))
            .into_iter()
            .map(|i| i.rule)
            .collect()
    }

    #[test]
    fn a_courteous_message_passes() {
        assert_eq!(rules(GOOD, LadderStep::FriendlyReminder), []);
    }

    #[test]
    fn shouting_is_flagged_but_not_acronyms_or_invoice_numbers() {
        let text = format!("{GOOD} Please PAY IMMEDIATELY.");
        assert_eq!(rules(&text, LadderStep::PersonalNote), [ToneRule::Shouting]);
        let emphasis = format!("{GOOD} Please reply by Friday, NOT Monday.");
        assert_eq!(
            rules(&emphasis, LadderStep::PersonalNote),
            [],
            "one word is emphasis"
        );
        let name = format!("{GOOD} We value working with ACME LLC.");
        assert_eq!(
            rules(&name, LadderStep::PersonalNote),
            [],
            "a name in capitals"
        );
        let calm =
            format!("{GOOD} Our IBAN and the PDF are attached; ref INV-0042, USD, ACH, VAT.");
        assert_eq!(rules(&calm, LadderStep::PersonalNote), []);
        let sentence = format!("{GOOD}\nTHIS IS YOUR LAST CHANCE TO PAY");
        assert_eq!(
            rules(&sentence, LadderStep::PersonalNote),
            [ToneRule::Shouting]
        );
    }

    #[test]
    fn runs_of_exclamation_marks_are_flagged() {
        assert_eq!(
            rules(
                &format!("{GOOD} Please pay!!"),
                LadderStep::FriendlyReminder
            ),
            [ToneRule::Exclamations]
        );
        assert_eq!(
            rules(
                &format!("{GOOD} Thanks! Cheers!"),
                LadderStep::FriendlyReminder
            ),
            []
        );
    }

    #[test]
    fn threats_only_in_the_last_resort() {
        let text = format!("{GOOD} Otherwise we will pass this to a collection agency.");
        assert_eq!(rules(&text, LadderStep::FormalReminder), [ToneRule::Threat]);
        assert_eq!(rules(&text, LadderStep::LastResort), []);
        let courteous = format!("{GOOD} We appreciate your courteous reply.");
        assert_eq!(
            rules(&courteous, LadderStep::FriendlyReminder),
            [],
            "courteous is not court"
        );
    }

    #[test]
    fn blame_is_flagged() {
        let text = format!("{GOOD} You failed to pay and you ignored our emails.");
        assert_eq!(
            rules(&text, LadderStep::PersonalNote),
            [ToneRule::Blame, ToneRule::Blame]
        );
        let ignored = format!("{GOOD} You have ignored every message we sent.");
        assert_eq!(rules(&ignored, LadderStep::PersonalNote), [ToneRule::Blame]);
        let excuses = format!("{GOOD} We are tired of your excuses.");
        assert_eq!(rules(&excuses, LadderStep::PersonalNote), [ToneRule::Blame]);
        let kind = format!("{GOOD} We know you have a lot on your plate.");
        assert_eq!(rules(&kind, LadderStep::PersonalNote), []);
    }

    #[test]
    fn essentials_are_required() {
        let bare = "Hi Ada, just checking in. Thank you.";
        assert_eq!(
            rules(bare, LadderStep::FriendlyReminder),
            [
                ToneRule::MissingAmount,
                ToneRule::MissingInvoiceNumber,
                ToneRule::MissingHowToPay
            ]
        );
    }
}
