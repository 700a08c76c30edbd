// Recurring invoices in the window: "Make recurring…" on an invoice, the
// customer's Recurring tab (what each schedule made, what comes next,
// pause, resume, end), and This week's "ready to review" with its one step.
// The rules (which periods are due, how they are named) are the core's.

import { api } from "../api.js";
import { h, toast } from "../dom.js";
import { field, select } from "../forms.js";
import { date, money } from "../format.js";
import { confirmDialog } from "../modal.js";

const EVERY = [
  ["month", "Every month"],
  ["quarter", "Every quarter"],
  ["year", "Every year"],
  ["week", "Every week"],
];

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The dialog that makes a schedule from an issued invoice. */
export async function makeRecurring(inv, ctx) {
  const preview = h("p", { class: "hint", id: "recurring-preview" }, "");
  const firstLine = inv.lines.length ? `${inv.lines[0].description}, {{ period }}` : "";
  const option = (value, label, hint, checked) =>
    h("label", { class: "choice" }, h("input", { type: "radio", name: "mode", value, checked }), h("span", {}, label, h("span", { class: "hint" }, hint)));
  const fields = [
    select("Repeat", "every", EVERY, "month", { id: "recurring-every" }),
    field("First invoice on", "starts_on", ctx.today, { type: "date", id: "recurring-start" }),
    field("Last invoice by", "ends_on", "", { type: "date", hint: "Optional." }),
    field("Number of invoices", "max_count", "", { inputmode: "numeric", hint: "Optional: empty runs until you end it." }),
    h("div", { class: "span-2" }, field("First line", "first_line", firstLine, { id: "recurring-first-line", hint: "“{{ period }}” becomes the period billed: November 2026, Q4 2026, 2026." }), preview),
    h(
      "fieldset",
      { class: "span-2 choices" },
      h("legend", { class: "label" }, "Each period"),
      option("draft", "Create a draft for me to review", "This week lists them; issue them in one step.", true),
      option("issue", "Issue it", "Numbered and dated for its period, as soon as it is due.", false),
    ),
  ];
  const form = () => {
    const root = document.getElementById("modal-root");
    const value = (name) => root.querySelector(`[name="${name}"]`)?.value ?? "";
    return { every: value("every"), starts_on: value("starts_on"), ends_on: value("ends_on"), max_count: value("max_count"), first_line: value("first_line"), issue: root.querySelector('[name="mode"][value="issue"]')?.checked ?? false };
  };
  const refresh = async () => {
    try {
      const line = await api.previewRecurring(inv.id, form());
      preview.textContent = line ? `The first will read: “${line}”` : "";
    } catch {
      preview.textContent = "";
    }
  };
  setTimeout(() => {
    for (const el of document.querySelectorAll("#modal-root input, #modal-root select")) el.addEventListener("input", refresh);
    refresh();
  });
  const made = await confirmDialog({
    title: `Bill ${inv.customer_company} again and again?`,
    sentence: `A schedule with the lines, fees and notes of ${inv.number}. Duly bills each period when it starts or the day changes, once, in order.`,
    confirmLabel: "Make recurring",
    fields,
    onConfirm: () => api.makeRecurring(inv.id, form()),
  });
  if (made) {
    toast(`Recurring: ${made.describe}`);
    ctx.go(`#/customers/${inv.customer_id}?tab=recurring`);
  }
}

/** "Change…": what future periods bill; what was billed stays. */
async function changeFuture(s, ctx, customerId) {
  const option = (value, label, checked) => h("label", { class: "choice" }, h("input", { type: "radio", name: "mode", value, checked }), h("span", {}, label));
  const done = await confirmDialog({
    title: "Change the future invoices",
    sentence: `${s.describe}. Invoices already made stay as they are.`,
    confirmLabel: "Save",
    fields: [
      field("Last invoice by", "ends_on", s.ends_on || "", { type: "date", hint: "Optional." }),
      field("Number of invoices", "max_count", s.max_count ? String(s.max_count) : "", { inputmode: "numeric", hint: "Optional, counting those made." }),
      h("div", { class: "span-2" }, field("First line", "first_line", s.first_line, { hint: "“{{ period }}” becomes the period billed." })),
      h("fieldset", { class: "span-2 choices" }, h("legend", { class: "label" }, "Each period"), option("draft", "Create a draft for me to review", !s.issue), option("issue", "Issue it", s.issue)),
    ],
    onConfirm: (v) => api.changeScheduleFuture(s.id, { ends_on: v.ends_on, max_count: v.max_count, first_line: v.first_line, issue: v.mode === "issue" }),
  });
  if (done) {
    toast("Recurring invoice changed");
    ctx.go(`#/customers/${customerId}?tab=recurring`);
  }
}

/** The customer's schedules, each with what it made and what comes next. */
export function scheduleList(schedules, ctx, customerId) {
  if (!schedules.length) return h("p", { class: "muted empty-line" }, "No recurring invoices. To bill the same lines every month, open an invoice and choose Make recurring.");
  const change = async (s, what, done) => {
    try {
      await api.changeSchedule(s.id, what);
      toast(done);
      ctx.go(`#/customers/${customerId}?tab=recurring`);
    } catch (error) {
      toast(error.message);
    }
  };
  return h(
    "ol",
    { class: "timeline", id: "schedule-list" },
    schedules.map((s) =>
      h(
        "li",
        { class: "event", dataset: { schedule: s.id } },
        h("div", { class: "event-when" }, h("span", {}, s.ended ? "Ended" : s.paused ? "Paused" : "Running"), h("span", { class: "event-label" }, s.issue ? "Issues" : "Drafts")),
        h(
          "div",
          {},
          h("p", { class: "event-title" }, s.describe),
          s.next_on ? h("p", { class: "muted schedule-next" }, `Next: ${date(s.next_on)}, “${s.next_first_line || ""}”`) : null,
          s.made.length
            ? h("p", { class: "muted schedule-made" }, "Made: ", s.made.map((m, i) => [i ? ", " : "", m.invoice_id ? h("a", { href: `#/invoices/${m.invoice_id}` }, `${m.label} (${m.period})`) : `${m.label} (${m.period})`]))
            : h("p", { class: "muted" }, "Nothing billed yet."),
          s.ended
            ? null
            : h(
                "div",
                { class: "actions event-actions" },
                s.paused
                  ? h("button", { type: "button", class: "button ghost small", onclick: () => change(s, "resume", "Recurring invoice resumed") }, "Resume")
                  : h("button", { type: "button", class: "button ghost small", onclick: () => change(s, "pause", "Recurring invoice paused") }, "Pause"),
                h("button", { type: "button", class: "button ghost small", onclick: () => changeFuture(s, ctx, customerId) }, "Change…"),
                h("button", { type: "button", class: "button ghost small", onclick: () => change(s, "end", "Recurring invoice ended") }, "End"),
              ),
        ),
      ),
    ),
  );
}

/** This week's note of drafts waiting, with "Issue them"; nothing when none wait. */
export async function reviewBanner(ctx) {
  const drafts = await api.recurringToReview();
  if (!drafts.length) return null;
  const issueAll = async () => {
    const issued = await confirmDialog({
      title: `Issue ${plural(drafts.length, "recurring invoice", "recurring invoices")}?`,
      sentence: "Each is numbered and dated for the period it bills. Issued invoices are never edited; void one if it is wrong.",
      confirmLabel: "Issue them",
      onConfirm: () => api.issueReviewed(),
    });
    if (!issued) return;
    ctx.go("#/week");
    // The email for each is offered, never sent unasked: the first now, the
    // others from their invoice pages.
    const first = issued[0];
    const email = await confirmDialog({
      title: `Issued ${issued.map((i) => i.number).join(", ")}`,
      sentence: issued.length === 1 ? `Email ${first.number} to its customer now?` : `Email each to its customer? Start with ${first.number}; the others are on their invoice pages.`,
      confirmLabel: `Email ${first.number}`,
      cancelLabel: "Not now",
      onConfirm: () => true,
    });
    const customer = drafts.find((d) => d.id === first.invoice_id)?.customer_id;
    if (email && customer) ctx.go(`#/customers/${customer}/draft?kind=invoice_email&invoice=${first.invoice_id}`);
  };
  return h(
    "div",
    { class: "card review-banner", id: "recurring-review" },
    h("p", {}, h("strong", {}, `${plural(drafts.length, "recurring invoice", "recurring invoices")} ready to review`), ": ", drafts.map((d, i) => [i ? ", " : "", h("a", { href: `#/invoices/${d.id}` }, `${d.customer_company} ${money(d.total, d.currency)}`)])),
    h("div", { class: "actions" }, h("button", { type: "button", class: "button primary", id: "issue-reviewed", onclick: issueAll }, "Issue them")),
  );
}

/** Runs what is due (at start and when the day changes), saying what it made. */
export async function runDue() {
  const report = await api.runRecurring();
  const parts = [];
  if (report.drafts) parts.push(`${plural(report.drafts, "recurring invoice", "recurring invoices")} ready to review`);
  if (report.issued.length) parts.push(`issued ${report.issued.join(", ")}`);
  if (parts.length) toast(parts.join("; ").replace(/^./, (c) => c.toUpperCase()));
}
