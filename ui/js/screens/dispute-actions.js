// The invoice page's actions for what happens after an invoice is sent:
// open a dispute (and move it along), grant an extension, issue a credit note.
// Each asks in one plain sentence and shows the core's messages in the dialog.

import { api } from "../api.js";
import { h, toast } from "../dom.js";
import { money, date } from "../format.js";
import { field, select } from "../forms.js";
import { confirmDialog } from "../modal.js";

const CAUSES = [
  ["price", "Price"],
  ["quantity", "Quantity"],
  ["quality", "Quality"],
  ["not_received", "Not received"],
  ["duplicate", "Duplicate"],
  ["other", "Other"],
];
const STATUS = { open: "Open", acknowledged: "Acknowledged", escalated: "Escalated", resolved: "Resolved", rejected: "Rejected" };

export async function openDispute(inv, ctx) {
  const lines = [["", "The whole invoice"], ...inv.lines.map((l, i) => [String(i), `Line ${i + 1}: ${l.description.split("\n")[0]}`])];
  const about = select("About", "line", lines, "");
  const amount = field("Amount in question", "amount", inv.balance, { inputmode: "decimal" });
  // Choosing a line questions that line's amount (the core's figure), until
  // the owner types an amount of their own.
  const amountInput = amount.querySelector("input");
  let typed = false;
  amountInput.addEventListener("input", () => (typed = true));
  about.querySelector("select").addEventListener("change", (e) => {
    if (typed) return;
    const line = inv.lines[Number(e.target.value)];
    amountInput.value = e.target.value === "" || !line ? inv.balance : line.dispute_amount;
  });
  const done = await confirmDialog({
    title: `Dispute on invoice ${inv.number}`,
    sentence: "Record what the customer questions. Reminders about this invoice pause until it is settled.",
    confirmLabel: "Open dispute",
    fields: [
      h("div", { class: "span-2" }, about),
      select("Cause", "cause", CAUSES, "price"),
      amount,
      h("div", { class: "span-2" }, field("Their words", "customer_words", "", { multiline: true, rows: 3 })),
    ],
    onConfirm: (v) => api.openDispute({ invoice_id: inv.id, line: v.line === "" ? null : Number(v.line), cause: v.cause, customer_words: v.customer_words, amount: v.amount }),
  });
  if (done) {
    toast("Dispute opened");
    ctx.go(`#/invoices/${inv.id}`);
  }
}

export async function extend(inv, ctx) {
  const done = await confirmDialog({
    title: `Extend invoice ${inv.number}`,
    sentence: `A new due date, with the reason. The original date (${date(inv.original_due_date)}) stays on the invoice.`,
    confirmLabel: "Grant extension",
    fields: [field("New due date", "new_due_date", "", { type: "date" }), field("Reason", "reason", "", { placeholder: "Waiting for their insurer" })],
    onConfirm: (v) => api.extendInvoice(inv.id, v),
  });
  if (done) {
    toast("Extension granted");
    ctx.go(`#/invoices/${inv.id}`);
  }
}

export async function creditNote(inv, ctx) {
  const done = await confirmDialog({
    title: `Credit note on ${inv.number}`,
    sentence: `Reduces what the invoice owes (${money(inv.balance, inv.currency)}), with its own number. It cannot be undone.`,
    confirmLabel: "Issue credit note",
    fields: [field("Amount", "amount", "", { inputmode: "decimal" }), field("Reason", "reason", "", { placeholder: "Goodwill: one hour not billed" })],
    onConfirm: (v) => api.issueCreditNote(inv.id, { amount: v.amount, reason: v.reason, line: null }),
  });
  if (done) {
    toast(`Credit note ${done} issued`);
    ctx.go(`#/invoices/${inv.id}`);
  }
}

/** The open dispute on this invoice, with what can be done next. */
export function disputeCard(d, inv, ctx) {
  const reload = () => ctx.go(`#/invoices/${inv.id}`);
  const ack = async () => {
    await api.acknowledgeDispute(d.id);
    toast("Acknowledged: draft the acknowledgement next");
    ctx.go(`#/customers/${inv.customer_id}/draft?kind=dispute_ack&dispute=${d.id}`);
  };
  const note = (escalate) => async () => {
    const done = await confirmDialog({
      title: escalate ? "Escalate this dispute" : "Add a note",
      sentence: escalate ? "Say who it goes to and why." : "What happened?",
      confirmLabel: escalate ? "Escalate" : "Add note",
      fields: [h("div", { class: "span-2" }, field("Note", "note", "", { multiline: true, rows: 3 }))],
      onConfirm: (v) => api.updateDispute(d.id, { note: v.note, escalate }),
    });
    if (done) reload();
  };
  const resolve = async () => {
    const done = await confirmDialog({
      title: "Resolve this dispute",
      sentence: "How was it settled? A credit note or discount reduces the invoice; a corrected invoice voids this one and drafts a new one.",
      confirmLabel: "Resolve",
      fields: [
        select("Resolution", "resolution", [["credit_note", "Credit note"], ["discount", "Discount"], ["corrected_invoice", "Corrected invoice"], ["explanation", "Explanation, no change"]], "credit_note"),
        field("Amount (credit or discount)", "amount", d.amount, { inputmode: "decimal" }),
        h("div", { class: "span-2" }, field("What to tell them", "note", "", { multiline: true, rows: 3 })),
        h("label", { class: "check-row span-2" }, h("input", { type: "checkbox", name: "our_error" }), " The error was ours (the letter apologises)"),
      ],
      onConfirm: (v) => api.resolveDispute(d.id, { resolution: v.resolution, amount: v.amount, note: v.note, our_error: Boolean(v.our_error), reject: false }),
    });
    if (done) {
      toast(done.credit_note ? `Resolved with credit note ${done.credit_note}` : "Resolved");
      const kind = d.our_error || done.dispute.our_error ? "dispute_apology" : "dispute_resolution";
      ctx.go(done.corrected_draft_id ? `#/invoices/${done.corrected_draft_id}` : `#/customers/${inv.customer_id}/draft?kind=${kind}&dispute=${d.id}`);
    }
  };
  return h(
    "div",
    { class: "card dispute-card", id: "dispute-card" },
    h("p", { class: "event-title" }, `Disputed: ${CAUSES.find(([k]) => k === d.cause)[1].toLowerCase()}, ${money(d.amount, inv.currency)} in question`, " ", h("span", { class: `badge ${d.overdue ? "overdue" : "open"}` }, STATUS[d.status])),
    d.resolve_by ? h("p", { class: d.overdue ? "late" : "muted" }, `Resolution promised by ${date(d.resolve_by)}`) : h("p", { class: "muted" }, "Not acknowledged yet."),
    d.customer_words ? h("p", { class: "pre quote" }, d.customer_words) : null,
    h("ol", { class: "dispute-updates" }, d.updates.map(([on, kind, text]) => h("li", {}, h("span", { class: "muted" }, `${date(on)} · ${kind}`), text ? ` ${text}` : ""))),
    h(
      "div",
      { class: "actions" },
      d.status === "open" ? h("button", { type: "button", class: "button primary", id: "acknowledge-dispute", onclick: ack }, "Acknowledge") : null,
      h("button", { type: "button", class: "button", id: "resolve-dispute", onclick: resolve }, "Resolve…"),
      h("button", { type: "button", class: "button ghost", onclick: note(false) }, "Add note"),
      d.status !== "escalated" ? h("button", { type: "button", class: "button ghost", onclick: note(true) }, "Escalate…") : null,
    ),
  );
}
