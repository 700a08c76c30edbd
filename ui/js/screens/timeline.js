// A customer's history, newest first: invoices, payments and reversals,
// promises with their outcome, and every logged contact.

import { api } from "../api.js";
import { h, toast } from "../dom.js";
import { money, date, dateTime, methodWord, promiseWord, outcomeWord, channelWord, PROMISE_KINDS } from "../format.js";
import { field } from "../forms.js";
import { confirmDialog } from "../modal.js";
import { olderList, ROWS } from "../pager.js";

const RESOLUTION = { credit_note: "credit note", discount: "discount", corrected_invoice: "corrected invoice", explanation: "explained" };
const PERSON = { billing: "billing contact", escalation: "escalation contact", other: "" };

export function promiseSummary(p, currency) {
  const kind = (PROMISE_KINDS.find(([k]) => k === p.kind) || [p.kind, p.kind])[1];
  const check = p.kind === "check_in_mail"
    ? [p.check_number ? `check ${p.check_number}` : "check number not given", p.mailed_on ? `mailed ${date(p.mailed_on)}` : "mailing date not given", p.mailed_to ? `to ${p.mailed_to.split("\n")[0]}` : "address not given"].join(", ")
    : null;
  return h(
    "div",
    {},
    h("p", { class: "event-title" }, `${kind}: ${money(p.amount, currency)} by ${date(p.promised_on)}`, " ", h("span", { class: `badge promise-${p.outcome.status}` }, promiseWord(p.outcome.status)), p.outcome.paid_late_on ? h("span", { class: "muted" }, ` paid late, ${date(p.outcome.paid_late_on)}`) : null),
    h("p", { class: "muted" }, `Covers ${p.invoices.join(", ")}`, check ? ` · ${check}` : "", p.outcome.status === "partly_kept" ? ` · ${money(p.paid, currency)} received` : ""),
    p.notes ? h("p", { class: "pre quote" }, p.notes) : null,
  );
}

/** The customer's history: `page` is its newest page (AccountView.timeline). */
export function timeline(page, currency, ctx, customerId) {
  if (!page.total) return h("p", { class: "muted empty-line" }, "Nothing has happened yet. Invoices, payments, promises and calls will appear here.");
  const reverse = async (e) => {
    const done = await confirmDialog({
      title: "Reverse this payment?",
      sentence: `The ${money(e.amount, currency)} ${e.reference ? `(${e.reference}) ` : ""}stops counting and the invoices it paid owe again. Both events stay in the history.`,
      confirmLabel: "Reverse payment",
      fields: [field("Date", "reversed_on", ctx.today, { type: "date" }), h("div", { class: "span-2" }, field("Reason", "reason", "Check returned by the bank", { multiline: true, rows: 2 }))],
      onConfirm: (v) => api.reversePayment(e.payment_id, v),
    });
    if (done) {
      toast("Payment reversed");
      ctx.go(`#/customers/${customerId}`);
    }
  };
  const enteredInError = async (e) => {
    const again = await confirmDialog({
      title: "Entered in error?",
      sentence: `The ${money(e.amount, currency)} ${e.reference ? `(${e.reference}) ` : ""}is taken back as if never entered: the invoices it paid owe again, and the history says "entered in error", not "bounced". Then enter it again as it should have been.`,
      confirmLabel: "Take it back and enter it again",
      onConfirm: () => api.paymentEnteredInError(e.payment_id),
    });
    if (!again) return;
    toast("Payment marked entered in error");
    const q = new URLSearchParams({ again: "1", amount: again.amount, received_on: again.received_on, method: again.method, reference: again.reference, memo: again.memo });
    ctx.go(`#/customers/${again.customer_id}/payment?${q}`);
  };
  const editReference = async (e) => {
    const done = await confirmDialog({
      title: "Correct the reference",
      sentence: "The amount, date and customer stay as recorded; if one of those is wrong, mark the payment entered in error instead.",
      confirmLabel: "Save",
      fields: [field("Check number or reference", "reference", e.reference, { autocomplete: "off" }), h("div", { class: "span-2" }, field("Memo", "memo", e.memo, { multiline: true, rows: 2 }))],
      onConfirm: (v) => api.correctPaymentReference(e.payment_id, v),
    });
    if (done) {
      toast("Payment reference saved");
      ctx.go(`#/customers/${customerId}`);
    }
  };
  const item = (e) => {
    switch (e.event) {
      case "invoice_issued":
        return [date(e.date), "Invoice", h("div", {}, h("p", { class: "event-title" }, h("a", { href: `#/invoices/${e.invoice_id}` }, `Invoice ${e.number}`), ` issued for ${money(e.total, currency)}`), h("p", { class: "muted" }, `Due ${date(e.due_date)}`))];
      case "invoice_voided":
        return [date(e.date), "Void", h("div", {}, h("p", { class: "event-title" }, `Invoice ${e.number} voided`), h("p", { class: "muted pre" }, e.reason))];
      case "payment_received":
        if (e.entered_in_error)
          return [
            date(e.date),
            "Payment",
            h("div", { class: "entered-in-error" }, h("p", { class: "event-title" }, h("s", {}, `${money(e.amount, currency)} by ${methodWord(e.method).toLowerCase()}`, e.reference ? ` (${e.reference})` : ""), " ", h("span", { class: "badge void" }, "entered in error")), h("p", { class: "muted" }, "Taken back: it never counted.")),
          ];
        return [
          date(e.date),
          "Payment",
          h(
            "div",
            {},
            h("p", { class: "event-title" }, `${money(e.amount, currency)} received by ${methodWord(e.method).toLowerCase()}`, e.reference ? ` (${e.reference})` : "", e.reversed ? h("span", { class: "badge void" }, "reversed") : null),
            h("p", { class: "muted" }, e.applied.length ? `Applied to ${e.applied.map(([n, a]) => `${n} ${money(a, currency)}`).join(", ")}` : "Not applied to an invoice", Number(e.credit) ? ` · credit ${money(e.credit, currency)}` : ""),
            e.memo ? h("p", { class: "pre quote" }, e.memo) : null,
            e.reversed
              ? null
              : h(
                  "div",
                  { class: "actions event-actions" },
                  h("button", { type: "button", class: "button ghost small reverse-payment", onclick: () => reverse(e) }, "Reverse (bounced)…"),
                  h("button", { type: "button", class: "button ghost small entered-in-error", onclick: () => enteredInError(e) }, "Entered in error…"),
                  h("button", { type: "button", class: "button ghost small edit-reference", onclick: () => editReference(e) }, "Edit reference…"),
                ),
          ),
        ];
      case "payment_reversed":
        return [date(e.date), "Reversal", h("div", {}, h("p", { class: "event-title late" }, `${money(e.amount, currency)} payment${e.reference ? ` ${e.reference}` : ""} reversed`), h("p", { class: "muted pre" }, e.reason))];
      case "promise":
        return [date(e.made_on), "Promise", promiseSummary(e, currency)];
      case "dispute_opened":
        return [date(e.date), "Dispute", h("div", {}, h("p", { class: "event-title" }, h("a", { href: `#/invoices/${e.invoice_id}` }, e.invoice_number), ` questioned: ${e.about}, ${money(e.amount, currency)}`), e.customer_words ? h("p", { class: "pre quote" }, e.customer_words) : null)];
      case "dispute_closed":
        return [date(e.date), "Dispute", h("div", {}, h("p", { class: "event-title" }, `Dispute on ${e.invoice_number} ${e.status === "rejected" ? "closed: the invoice stands" : "resolved"}`, e.resolution ? h("span", { class: "muted" }, ` · ${RESOLUTION[e.resolution] || e.resolution}`) : null))];
      case "credit_note_issued":
        return [date(e.date), "Credit note", h("div", {}, h("p", { class: "event-title" }, `Credit note ${e.number} for ${money(e.amount, currency)} on `, h("a", { href: `#/invoices/${e.invoice_id}` }, e.invoice_number)), e.reason ? h("p", { class: "muted pre" }, e.reason) : null)];
      case "service_decision":
        return [date(e.date), "Service", h("div", {}, h("p", { class: "event-title" }, `Service set to ${e.status.replace("_", " ")}`), h("p", { class: "pre quote" }, e.reason))];
      case "contact":
        return [
          dateTime(e.date, e.time),
          channelWord(e.channel),
          h(
            "div",
            {},
            h("p", { class: "event-title" }, `${channelWord(e.channel)} with ${e.person_name || "them"}`, PERSON[e.person] ? ` (${PERSON[e.person]})` : "", e.outcome === "other" ? "" : ` · ${outcomeWord(e.outcome)}`),
            e.notes ? h("p", { class: "pre quote", title: "Your private notes" }, e.notes) : null,
            e.agreed ? h("p", { class: "pre agreed" }, h("span", { class: "event-label" }, "Agreed "), e.agreed) : null,
            e.next_step || e.follow_up_on ? h("p", { class: "muted" }, e.next_step ? `Next: ${e.next_step}` : "", e.follow_up_on ? ` · follow up ${date(e.follow_up_on)}` : "") : null,
            e.recap ? h("a", { class: "button ghost small", href: `#/customers/${customerId}/draft?kind=call_recap&contact=${e.contact_id}` }, "Recap…") : null,
          ),
        ];
      default:
        return null;
    }
  };
  const entry = (e) => {
    const parts = item(e);
    if (!parts) return null;
    const [when, label, body] = parts;
    return h("li", { class: `event event-${e.event}`, dataset: { event: e.event } }, h("div", { class: "event-when" }, h("span", {}, when), h("span", { class: "event-label" }, label)), body);
  };
  return olderList({
    id: "timeline",
    className: "timeline",
    first: page,
    fetch: (offset) => api.customerTimeline(customerId, { offset, limit: ROWS }),
    item: entry,
  });
}
