//! Scenario 8: on the demo book, This week shows what is owed and overdue,
//! the follow-ups, the promises and the cash expected; an earlier as-of date
//! gives other figures; the exported CSV's Total row is, to the cent, the
//! total on the screen, and the exported PDF shows the same owed and overdue.
//! Aging by customer sorts by any column and totals underneath.

use anyhow::{ensure, Context, Result};
use duly_e2e::saved_files::{pdf_text, read_csv};
use duly_e2e::{play_from, Start, User, Week};

/// "$52,176.85" → "52176.85": the screen's dollars as the CSV writes them.
fn plain(amount: &str) -> Result<String> {
    let digits = amount
        .strip_prefix('$')
        .with_context(|| format!("{amount:?} is not in dollars"))?;
    Ok(digits.replace(',', ""))
}

/// Exports the CSV of the week shown and checks its Total row against the
/// screen's "Owed to you".
async fn export_matches_screen(user: &mut User, week: &Week) -> Result<()> {
    let path = user.export_csv().await?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    ensure!(
        name == format!("aging-{}.csv", week.as_of),
        "the CSV is named {name}"
    );
    let rows = read_csv(&path)?;
    let total = rows
        .iter()
        .find(|row| row.first().is_some_and(|cell| cell == "Total"))
        .and_then(|row| row.last())
        .with_context(|| format!("{} has no Total row: {rows:?}", path.display()))?;
    let shown = plain(&week.total)?;
    ensure!(
        *total == shown,
        "as of {}, the CSV's total is {total} but the screen shows {} ({shown})",
        week.as_of,
        week.total
    );
    Ok(())
}

#[tokio::test]
async fn the_weekly_summary_as_of_two_dates_and_its_csv() -> Result<()> {
    play_from(
        "weekly-summary",
        Start::demo_book(),
        async |user: &mut User| {
            let week = user.open_week().await?;
            ensure!(
                week.as_of == duly_e2e::TODAY,
                "This week opens as of {}, not today",
                week.as_of
            );
            ensure!(
                week.total == "$52,176.85",
                "the demo owes {} in all, not $52,176.85",
                week.total
            );
            ensure!(
                plain(&week.overdue)? != "0.00" && week.overdue != week.total,
                "the overdue figure reads {}",
                week.overdue
            );
            ensure!(
                week.follow_ups.len() >= 3
                    && week
                        .follow_ups
                        .iter()
                        .all(|f| !f.next_step.is_empty() && f.overdue.starts_with('$')),
                "the follow-ups table should list overdue customers with their next step: {:#?}",
                week.follow_ups
            );
            ensure!(
                !week.promises_due.is_empty(),
                "no promise falls due this week in the demo"
            );
            ensure!(
                week.cash_expected.len() == 4
                    && week
                        .cash_expected
                        .iter()
                        .any(|(_, amount)| amount != "$0.00"),
                "the cash expected reads {:?}",
                week.cash_expected
            );
            // Aging by customer: its totals row is the screen's total, and
            // sorting by Total puts the largest balance first.
            let by_total = user.sort_table("#aging-by-customer", "Total").await?;
            ensure!(
                by_total.totals.first().map(String::as_str) == Some("Total")
                    && by_total.totals.last() == Some(&week.total),
                "the aging totals row reads {:?}",
                by_total.totals
            );
            // Compared in cents, exactly: "52176.85" → 5217685.
            let totals: Vec<i64> = by_total
                .rows
                .iter()
                .map(|r| {
                    plain(r.last().map_or("", String::as_str))
                        .and_then(|t| Ok(t.replace('.', "").parse::<i64>()?))
                })
                .collect::<Result<_>>()?;
            ensure!(
                by_total.sorted == Some(("Total".into(), "descending".into()))
                    && totals.windows(2).all(|w| w[0] >= w[1]),
                "sorted by Total, the aging reads {:?}: {totals:?}",
                by_total.sorted
            );
            let by_name = user.sort_table("#aging-by-customer", "Customer").await?;
            let names: Vec<String> = by_name.rows.iter().map(|r| r[0].to_lowercase()).collect();
            ensure!(
                names.windows(2).all(|w| w[0] <= w[1]),
                "sorted by Customer, the aging reads {names:?}"
            );
            export_matches_screen(user, &week).await?;
            let pdf = user.export_pdf().await?;
            let text = pdf_text(&pdf)?;
            for figure in [&week.total, &week.overdue] {
                ensure!(
                    text.contains(figure.as_str()),
                    "the PDF does not show {figure}:\n{text}"
                );
            }

            let earlier = user.set_as_of("2026-10-01").await?;
            ensure!(
                earlier.total != week.total && earlier.overdue != week.overdue,
                "as of 2026-10-01 the figures are the same as today's: {} owed, {} overdue",
                earlier.total,
                earlier.overdue
            );
            export_matches_screen(user, &earlier).await?;
            Ok(())
        },
    )
    .await
}
