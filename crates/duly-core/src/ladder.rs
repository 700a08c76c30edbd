//! The follow-up ladder: the next step for an overdue customer, and why.
//!
//! Steps go from mild to firm; each waits a number of days after the one
//! before (the owner sets them). A pending promise pauses the ladder until its
//! date plus grace; a broken promise moves the customer one step up. The
//! suggestion always says why, in plain words.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::country::DateStyle;
use crate::error::{DomainError, Problems};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LadderStep {
    FriendlyReminder,
    PersonalNote,
    ExtendCircle,
    FormalReminder,
    Options,
    LastResort,
}

impl LadderStep {
    pub const ALL: [LadderStep; 6] = [
        LadderStep::FriendlyReminder,
        LadderStep::PersonalNote,
        LadderStep::ExtendCircle,
        LadderStep::FormalReminder,
        LadderStep::Options,
        LadderStep::LastResort,
    ];

    /// The stored spelling; the schema's `CHECK` constraint lists the same words.
    pub fn as_str(self) -> &'static str {
        match self {
            LadderStep::FriendlyReminder => "friendly_reminder",
            LadderStep::PersonalNote => "personal_note",
            LadderStep::ExtendCircle => "extend_circle",
            LadderStep::FormalReminder => "formal_reminder",
            LadderStep::Options => "options",
            LadderStep::LastResort => "last_resort",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        LadderStep::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// 1-based position on the ladder.
    pub fn number(self) -> usize {
        self as usize + 1
    }

    /// Words for the owner ("extend the circle").
    pub fn title(self) -> &'static str {
        match self {
            LadderStep::FriendlyReminder => "Friendly reminder",
            LadderStep::PersonalNote => "Personal note from the owner",
            LadderStep::ExtendCircle => "Extend the circle",
            LadderStep::FormalReminder => "Formal reminder",
            LadderStep::Options => "Options: plan, extension or financing",
            LadderStep::LastResort => "Last resort",
        }
    }

    /// From step 3 on, the escalation contact is copied.
    pub fn copies_escalation(self) -> bool {
        self >= LadderStep::ExtendCircle
    }

    fn up(self, by: usize) -> LadderStep {
        LadderStep::ALL[(self as usize + by).min(LadderStep::ALL.len() - 1)]
    }
}

/// The ladder's timing, set by the owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LadderPolicy {
    /// Days past due before the first reminder.
    pub start_after_days: u32,
    /// Days to wait after each step (1–5) before the next one.
    pub gaps: [u32; 5],
    /// A customer never reminded whose oldest invoice is at least this many
    /// days past due starts at the personal note, extending the circle, or
    /// the formal reminder (0: never start there). A bookkeeper does not send
    /// a "friendly reminder" about an invoice four months late.
    pub first_steps: [u32; 3],
}

impl Default for LadderPolicy {
    fn default() -> Self {
        LadderPolicy {
            start_after_days: 3,
            gaps: [7, 7, 10, 10, 14],
            first_steps: [30, 45, 60],
        }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct LadderPolicyForm {
    pub start_after_days: String,
    pub gaps: [String; 5],
    pub first_steps: [String; 3],
}

impl LadderPolicyForm {
    pub fn validate(&self) -> Result<LadderPolicy, DomainError> {
        let mut p = Problems::new();
        let start_after_days = p.take(text::days(
            "start_after_days",
            "Days before the first reminder",
            &self.start_after_days,
            365,
        ));
        let mut gaps = [0u32; 5];
        for (i, g) in self.gaps.iter().enumerate() {
            gaps[i] = p.take(text::days(
                &format!("gaps[{i}]"),
                "Days between steps",
                g,
                365,
            ));
            if gaps[i] == 0 && !p.has_problem(&format!("gaps[{i}]")) {
                p.add(
                    format!("gaps[{i}]"),
                    "Leave at least a day between two steps.",
                );
            }
        }
        let mut first_steps = [0u32; 3];
        for (i, t) in self.first_steps.iter().enumerate() {
            let field = format!("first_steps[{i}]");
            first_steps[i] = if t.trim().is_empty() {
                0
            } else {
                p.take(text::days(&field, "Days past due", t, 3650))
            };
        }
        let set: Vec<(usize, u32)> = first_steps
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, d)| *d > 0)
            .collect();
        for pair in set.windows(2) {
            if pair[1].1 <= pair[0].1 {
                p.add(
                    format!("first_steps[{}]", pair[1].0),
                    "Each later step starts at more days past due than the one before.",
                );
            }
        }
        p.finish(LadderPolicy {
            start_after_days,
            gaps,
            first_steps,
        })
    }
}

/// What the ladder needs to know about one customer, as of `today`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LadderFacts {
    /// Days past due of the oldest overdue (not disputed) invoice; ≤ 0 if none.
    pub oldest_days_past_due: i64,
    /// Steps already taken, with the day each was sent.
    pub steps_taken: Vec<(LadderStep, NaiveDate)>,
    /// A pending promise holds the ladder until this day (promised + grace).
    pub promise_pending_until: Option<(NaiveDate, NaiveDate)>,
    /// A plan in good standing holds it until its next installment's date
    /// plus grace.
    pub plan_pending_until: Option<(NaiveDate, NaiveDate)>,
    /// Promised dates of broken promises, with the day each broke.
    pub broken_promises: Vec<(NaiveDate, NaiveDate)>,
    /// Due dates of missed plan installments, with the day each was missed.
    pub missed_installments: Vec<(NaiveDate, NaiveDate)>,
    pub last_contact: Option<NaiveDate>,
}

/// The ladder's advice for one customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub step: LadderStep,
    /// The step's place on the ladder (1–6) and its name, so every screen
    /// says it the same way.
    pub number: usize,
    pub title: &'static str,
    /// The day the step is due; after today means "not yet".
    pub due_on: NaiveDate,
    /// True when a pending promise means: wait, don't chase.
    pub waiting: bool,
    /// Why, in plain words ("promise of 3 Mar 2026 broken; last contact 12 days ago").
    pub why: Vec<String>,
}

fn ago(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n => format!("{n} days ago"),
    }
}

/// Where a customer never reminded starts: the furthest step whose threshold
/// the oldest invoice has reached.
fn first_step(days_past_due: i64, policy: &LadderPolicy) -> LadderStep {
    let later = [
        LadderStep::PersonalNote,
        LadderStep::ExtendCircle,
        LadderStep::FormalReminder,
    ];
    later
        .into_iter()
        .zip(policy.first_steps)
        .filter(|(_, days)| *days > 0 && days_past_due >= i64::from(*days))
        .map(|(step, _)| step)
        .max()
        .unwrap_or(LadderStep::FriendlyReminder)
}

/// The next step for a customer, or `None` when nothing is overdue enough.
///
/// Dates in the reasons are written in the book's `dates` style.
pub fn suggest(
    facts: &LadderFacts,
    policy: &LadderPolicy,
    dates: DateStyle,
    today: NaiveDate,
) -> Option<Suggestion> {
    if facts.oldest_days_past_due < i64::from(policy.start_after_days.max(1)) {
        return None;
    }
    let mut why = vec![format!(
        "oldest invoice {} day{} past due",
        facts.oldest_days_past_due,
        if facts.oldest_days_past_due == 1 {
            ""
        } else {
            "s"
        }
    )];
    let last = facts
        .steps_taken
        .iter()
        .max_by_key(|(step, on)| (*on, *step))
        .copied();
    // Broken promises and missed plan installments since the last step,
    // in the order they broke, each with the words that say which it was.
    let mut broken_since_last: Vec<(NaiveDate, NaiveDate, &str)> = facts
        .broken_promises
        .iter()
        .map(|(promised, broke)| (*promised, *broke, "promise of {} broken"))
        .chain(
            facts
                .missed_installments
                .iter()
                .map(|(due, broke)| (*due, *broke, "plan installment of {} missed")),
        )
        .filter(|(_, broke, _)| last.is_none_or(|(_, on)| *broke > on))
        .collect();
    broken_since_last.sort_by_key(|(_, broke, _)| *broke);
    let (step, due_on) = match last {
        None => {
            let first = first_step(facts.oldest_days_past_due, policy);
            if first > LadderStep::FriendlyReminder {
                why.push(format!(
                    "no reminder sent yet, and that lateness calls for step {} ({})",
                    first.number(),
                    first.title().to_lowercase()
                ));
            }
            (first, today)
        }
        Some((step, on)) => {
            let gap = policy.gaps[(step as usize).min(4)];
            let next = on.checked_add_days(Days::new(gap.into())).unwrap_or(on);
            why.push(format!(
                "{} sent {} ({})",
                step.title().to_lowercase(),
                dates.day(on),
                ago((today - on).num_days())
            ));
            (step.up(1), next)
        }
    };
    // A broken promise moves one step up, and there is no reason to wait.
    let (step, due_on) = match broken_since_last.last() {
        Some((promised, _, words)) => {
            why.push(words.replace("{}", &dates.day(*promised)));
            (
                if last.is_some() {
                    step.up(1)
                } else {
                    // Never reminded: at least the personal note, and no
                    // further than the lateness already calls for.
                    step.max(LadderStep::PersonalNote)
                },
                today.min(due_on),
            )
        }
        None => (step, due_on),
    };
    let mut due_on = due_on;
    let mut waiting = false;
    let holds = [
        (facts.promise_pending_until, "the promise for"),
        (facts.plan_pending_until, "the plan installment of"),
    ];
    for (hold, what) in holds {
        if let Some((from, until)) = hold.filter(|(_, until)| *until >= today) {
            why.push(format!(
                "waiting on {what} {} (until {})",
                dates.day(from),
                dates.day(until)
            ));
            due_on = due_on.max(until.checked_add_days(Days::new(1)).unwrap_or(until));
            waiting = true;
        }
    }
    if let Some(contact) = facts.last_contact {
        why.push(format!(
            "last contact {}",
            ago((today - contact).num_days())
        ));
    }
    Some(Suggestion {
        step,
        number: step.number(),
        title: step.title(),
        due_on,
        waiting,
        why,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, dd).expect("valid")
    }

    fn facts(days: i64) -> LadderFacts {
        LadderFacts {
            oldest_days_past_due: days,
            ..LadderFacts::default()
        }
    }

    const POLICY: LadderPolicy = LadderPolicy {
        start_after_days: 3,
        gaps: [7, 7, 10, 10, 14],
        first_steps: [30, 45, 60],
    };

    #[test]
    fn nothing_until_the_first_reminder_is_due() {
        assert_eq!(
            suggest(&facts(2), &POLICY, DateStyle::DayFirst, d(3, 20)),
            None
        );
        let s = suggest(&facts(3), &POLICY, DateStyle::DayFirst, d(3, 20)).expect("due");
        assert_eq!(
            (s.step, s.due_on, s.waiting),
            (LadderStep::FriendlyReminder, d(3, 20), false)
        );
        assert_eq!(s.why, ["oldest invoice 3 days past due"]);
    }

    #[test]
    fn each_step_waits_its_gap_after_the_last() {
        let mut f = facts(20);
        f.steps_taken = vec![
            (LadderStep::FriendlyReminder, d(3, 1)),
            (LadderStep::PersonalNote, d(3, 8)),
        ];
        f.last_contact = Some(d(3, 8));
        let s = suggest(&f, &POLICY, DateStyle::DayFirst, d(3, 12)).expect("next");
        assert_eq!(s.step, LadderStep::ExtendCircle);
        assert_eq!(s.due_on, d(3, 15), "7 days after the personal note");
        assert!(s.step.copies_escalation());
        assert_eq!(
            s.why[1],
            "personal note from the owner sent 8 Mar 2026 (4 days ago)"
        );
        assert_eq!(s.why[2], "last contact 4 days ago");
        let us = suggest(&f, &POLICY, DateStyle::MonthFirst, d(3, 12)).expect("next");
        assert_eq!(
            us.why[1], "personal note from the owner sent Mar 8, 2026 (4 days ago)",
            "a US book writes the month first"
        );
    }

    #[test]
    fn a_pending_promise_pauses_and_a_broken_one_moves_up() {
        let mut f = facts(20);
        f.steps_taken = vec![(LadderStep::FriendlyReminder, d(3, 1))];
        f.promise_pending_until = Some((d(3, 10), d(3, 13)));
        let waiting = suggest(&f, &POLICY, DateStyle::DayFirst, d(3, 9)).expect("suggestion");
        assert!(waiting.waiting);
        assert_eq!(waiting.due_on, d(3, 14), "the day after grace ends");

        f.promise_pending_until = None;
        f.broken_promises = vec![(d(3, 10), d(3, 14))];
        let broken = suggest(&f, &POLICY, DateStyle::DayFirst, d(3, 15)).expect("suggestion");
        assert_eq!(
            broken.step,
            LadderStep::ExtendCircle,
            "one step up from the personal note"
        );
        assert_eq!(
            broken.due_on,
            d(3, 8),
            "no waiting: the step was already due"
        );
        assert!(broken
            .why
            .contains(&"promise of 10 Mar 2026 broken".to_owned()));
    }

    #[test]
    fn a_customer_never_reminded_starts_at_the_step_the_lateness_calls_for() {
        let step =
            |days| suggest(&facts(days), &POLICY, DateStyle::DayFirst, d(3, 20)).map(|s| s.step);
        assert_eq!(step(29), Some(LadderStep::FriendlyReminder));
        assert_eq!(step(30), Some(LadderStep::PersonalNote));
        assert_eq!(step(50), Some(LadderStep::ExtendCircle));
        assert_eq!(step(106), Some(LadderStep::FormalReminder));
        let s = suggest(&facts(106), &POLICY, DateStyle::DayFirst, d(3, 20)).expect("due");
        assert!(
            s.why
                .iter()
                .any(|w| w.contains("calls for step 4 (formal reminder)")),
            "{:?}",
            s.why
        );
        let never = LadderPolicy {
            first_steps: [0, 0, 0],
            ..POLICY
        };
        assert_eq!(
            suggest(&facts(106), &never, DateStyle::DayFirst, d(3, 20)).map(|s| s.step),
            Some(LadderStep::FriendlyReminder),
            "0 turns a threshold off"
        );
    }

    #[test]
    fn a_broken_promise_before_any_step_starts_at_the_personal_note() {
        let mut f = facts(20);
        f.broken_promises = vec![(d(3, 1), d(3, 4))];
        assert_eq!(
            suggest(&f, &POLICY, DateStyle::DayFirst, d(3, 10)).map(|s| s.step),
            Some(LadderStep::PersonalNote)
        );
    }

    #[test]
    fn a_missed_installment_says_so_and_a_first_step_does_not_jump_past_the_lateness() {
        let mut f = facts(66);
        f.missed_installments = vec![(d(3, 2), d(3, 6))];
        let s = suggest(&f, &POLICY, DateStyle::DayFirst, d(3, 10)).expect("due");
        assert_eq!(
            s.step,
            LadderStep::FormalReminder,
            "66 days calls for the formal reminder"
        );
        assert!(
            s.why
                .contains(&"plan installment of 2 Mar 2026 missed".to_owned()),
            "{:?}",
            s.why
        );
    }

    #[test]
    fn the_ladder_stops_at_the_last_resort() {
        let mut f = facts(200);
        f.steps_taken = vec![(LadderStep::LastResort, d(1, 1))];
        assert_eq!(
            suggest(&f, &POLICY, DateStyle::DayFirst, d(3, 10)).map(|s| s.step),
            Some(LadderStep::LastResort)
        );
    }

    #[test]
    fn gaps_must_be_at_least_a_day() {
        let form = LadderPolicyForm {
            start_after_days: "3".into(),
            gaps: ["7".into(), "0".into(), "10".into(), "x".into(), "14".into()],
            first_steps: ["30".into(), "20".into(), String::new()],
        };
        let Err(DomainError::Invalid(e)) = form.validate() else {
            panic!("expected refusal");
        };
        let fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["gaps[1]", "gaps[3]", "first_steps[1]"]);
    }
}
