//! The Monday reminder: a desktop notification on the first start of each
//! week, or on Monday morning while Duly runs ("5 customers need a follow-up;
//! USD 4,950.00 overdue"). The book remembers the week, so it comes once.
//! It also works today's summary out at start, for This week.

use std::time::Duration;

use chrono::{Datelike, Timelike, Weekday};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::state::AppState;

/// Checks now, then every hour.
pub fn start(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut first = true;
        loop {
            let state = app.state::<AppState>();
            let monday_morning = {
                let now = state.now();
                now.weekday() == Weekday::Mon && now.hour() >= 8
            };
            if first || monday_morning {
                if let Ok(Some(message)) = state.run(duly_app::summary::weekly_notice).await {
                    // No notification service (a bare X server, a locked-down
                    // desktop) is not worth interrupting the owner for.
                    let _ = app
                        .notification()
                        .builder()
                        .title("Duly: this week")
                        .body(message)
                        .show();
                }
            }
            if first {
                // Today's summary is worked out while the window loads: This
                // week is the first screen of a book in use, and on a large
                // book the standings take a moment. After the notice (which
                // notes its week first, then works the summary out) this is
                // the memo's answer; otherwise the work is done here, once.
                let _ = state
                    .run(|book, now| duly_app::summary::compute(book, now.date()).map(drop))
                    .await;
            }
            first = false;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    });
}
