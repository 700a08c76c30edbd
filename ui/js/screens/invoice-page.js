// One invoice. Drafts open in the editor; issued and void invoices are shown
// as sent, read-only, with Void as their only change. Any of them can be
// duplicated as a new draft, for the same customer or another.

import { api } from "../api.js";
import { h, toast, mount } from "../dom.js";
import { money, unitPrice, date, percent, statusWord, daysLate } from "../format.js";
import { field } from "../forms.js";
import { customerPicker } from "../customer-picker.js";
import { confirmDialog } from "../modal.js";
import { renderDraft } from "./invoice-editor.js";
import { openDispute, extend, creditNote, disputeCard } from "./dispute-actions.js";
import { auditSection } from "./audit.js";
import { makeRecurring } from "./recurring.js";
import { printDialog } from "./print.js";

async function fileAction(fn, done) {
  try {
    if ((await fn()) !== false) toast(done);
  } catch (error) {
    toast(error.message);
  }
}

/** Why reminders and fees leave this invoice alone, in a few words. */
function pauseNote(pause) {
  if (!pause) return null;
  const words = { dispute: "paused while the dispute is open", plan: "paused by a payment plan in good standing", promise: "paused: waiting on a promise" };
  const until = pause.until ? ` (through ${date(pause.until)})` : "";
  return h("span", { class: "muted", id: "invoice-pause" }, ` · ${words[pause.reason]}${until}`);
}

export async function render(root, params, ctx) {
  const inv = await api.invoice(params.id);
  if (inv.state === "draft") return renderDraft(root, inv, ctx);
  const credits = (await api.listCreditNotes(inv.customer_id)).filter((n) => n.invoice_id === inv.id);
  const dispute = (await api.listDisputes(inv.customer_id)).find((d) => d.invoice_id === inv.id && d.open);
  // What the invoice allows is the account standing's answer, not the page's.
  const allows = inv.allows;
  const c = inv.currency;
  const voidIt = async () => {
    const done = await confirmDialog({
      title: `Void invoice ${inv.number}?`,
      sentence: "It stays in the book, marked void, and no longer counts as owed. This cannot be undone.",
      confirmLabel: "Void invoice",
      fields: [h("div", { class: "span-2" }, field("Reason", "reason", "", { multiline: true, rows: 2, placeholder: "Billed to the wrong customer" }))],
      onConfirm: (v) => api.voidInvoice(inv.id, v.reason),
    });
    if (done) {
      toast(`Invoice ${inv.number} voided`);
      ctx.go(`#/invoices/${inv.id}`);
    }
  };
  const duplicate = async () => {
    const billTo = customerPicker({ id: "duplicate-customer", chosen: { id: inv.customer_id, company: inv.customer_company } });
    const copy = await confirmDialog({
      title: `Duplicate invoice ${inv.number}?`,
      sentence: "A new draft with the same lines, fees and notes. It gets its own number and dates when you issue it.",
      confirmLabel: "Create the draft",
      fields: [h("div", { class: "span-2" }, h("label", { class: "field" }, "Bill to", billTo.element))],
      onConfirm: () => api.duplicateInvoice(inv.id, billTo.value),
    });
    if (copy) {
      toast(`Draft for ${copy.customer_company} created from ${inv.number}`);
      ctx.go(`#/invoices/${copy.id}`);
    }
  };
  const t = inv.totals;
  mount(root, 
    h(
      "header",
      { class: "screen-head" },
      h(
        "div",
        {},
        h("h1", { id: "invoice-number" }, `Invoice ${inv.number}`),
        h("p", { class: "sub" }, h("span", { class: `badge ${inv.status}`, id: "invoice-status" }, statusWord(inv.status)), inv.days_past_due ? h("span", { class: "late" }, ` ${daysLate(inv.days_past_due)} past due`) : null, pauseNote(inv.pause)),
        // Where it belongs and how to take it back sit by the number, so the
        // toolbar keeps to one row of things to do with the invoice.
        h(
          "div",
          { class: "head-links" },
          h("a", { class: "button ghost small", href: `#/customers/${inv.customer_id}` }, `Go to ${inv.customer_company}`),
          h("button", { type: "button", class: "button ghost small", id: "duplicate-invoice", onclick: duplicate }, "Duplicate…"),
          h("button", { type: "button", class: "button ghost small", id: "make-recurring", onclick: () => makeRecurring(inv, ctx) }, "Make recurring…"),
          allows.void ? h("button", { type: "button", class: "button ghost small", id: "void-invoice", onclick: voidIt }, "Void…") : null,
        ),
      ),
      h("div", { class: "header-figures" }, h("div", { class: "muted" }, inv.status === "void" ? "Was" : "Balance"), h("div", { class: "big", id: "invoice-balance" }, money(inv.status === "void" ? t.total : inv.balance, c))),
    ),
    h(
      "div",
      { class: "actions toolbar" },
      allows.record_payment
        ? h("button", { type: "button", class: "button primary", id: "invoice-record-payment", onclick: () => ctx.go(`#/customers/${inv.customer_id}/payment?invoice=${inv.id}`) }, "Record payment")
        : null,
      h("button", { type: "button", class: "button", id: "open-pdf", onclick: () => fileAction(() => api.openInvoicePdf(inv.id), "PDF opened") }, "Open PDF"),
      h("button", { type: "button", class: "button", id: "save-pdf", onclick: () => fileAction(async () => (await api.saveInvoicePdf(inv.id)) || false, "PDF saved") }, "Save PDF…"),
      h("button", { type: "button", class: "button", id: "print-invoice", onclick: () => printDialog({ kind: "invoice", id: inv.id }, `invoice ${inv.number}`) }, "Print…"),
      allows.email ? h("button", { type: "button", class: "button", id: "email-invoice", onclick: () => ctx.go(`#/customers/${inv.customer_id}/draft?kind=invoice_email&invoice=${inv.id}`) }, "Email…") : null,
      allows.dispute ? h("button", { type: "button", class: "button", id: "open-dispute", onclick: () => openDispute(inv, ctx) }, "Dispute…") : null,
      allows.extend ? h("button", { type: "button", class: "button", id: "extend-invoice", onclick: () => extend(inv, ctx) }, "Extend…") : null,
      allows.offer_plan ? h("button", { type: "button", class: "button", id: "offer-plan", onclick: () => ctx.go(`#/customers/${inv.customer_id}/plan?invoice=${inv.id}`) }, "Offer plan…") : null,
      allows.credit_note ? h("button", { type: "button", class: "button", id: "credit-note", onclick: () => creditNote(inv, ctx) }, "Credit note…") : null,
    ),
    dispute ? disputeCard(dispute, inv, ctx) : null,
    inv.void_reason ? h("div", { class: "card void-note" }, h("h3", {}, "Void"), h("p", { class: "pre" }, inv.void_reason)) : null,
    h(
      "div",
      { class: "card" },
      h(
        "dl",
        { class: "kv" },
        h("dt", {}, "Bill to"), h("dd", { id: "invoice-customer" }, inv.customer_company),
        h("dt", {}, "Issued"), h("dd", {}, date(inv.issue_date)),
        h("dt", {}, "Due"), h("dd", {}, date(inv.due_date), inv.terms_days !== null ? h("span", { class: "muted" }, ` (net ${inv.terms_days})`) : null, inv.original_due_date !== inv.due_date ? h("span", { class: "muted" }, ` · extended from ${date(inv.original_due_date)}`) : null),
      ),
    ),
    h(
      "div",
      { class: "table section-gap" },
      h(
        "table",
        { id: "invoice-lines" },
        h("thead", {}, h("tr", {}, h("th", {}, "Description"), h("th", { class: "num" }, "Qty"), h("th", {}, "Unit"), h("th", { class: "num" }, "Unit price"), h("th", { class: "num" }, "Discount"), h("th", {}, "Tax"), h("th", { class: "num" }, "Amount"))),
        h(
          "tbody",
          {},
          inv.lines.map((l, i) =>
            h("tr", {}, h("td", { class: "pre" }, l.description), h("td", { class: "num" }, l.quantity), h("td", {}, l.unit), h("td", { class: "num" }, unitPrice(l.unit_price, c)), h("td", { class: "num" }, percent(l.discount_percent)), h("td", { class: "muted" }, l.tax_name ? `${l.tax_name} (${percent(l.tax_percent)})` : "No tax"), h("td", { class: "num" }, money(t.line_amounts[i], c))),
          ),
        ),
      ),
    ),
    h(
      "div",
      { class: "totals-row" },
      h(
        "div",
        { class: "card totals" },
        h(
          "dl",
          {},
          h("dt", {}, "Subtotal"), h("dd", {}, money(t.subtotal, c)),
          t.taxes.map((x) => [h("dt", {}, `${x.name} on ${money(x.base, c)}`), h("dd", {}, money(x.amount, c))]),
          inv.fees.map((f) => [h("dt", {}, f.name), h("dd", {}, money(f.amount, c))]),
          h("dt", { class: "grand" }, "Total"), h("dd", { class: "grand", id: "invoice-total" }, money(t.total, c)),
          inv.state === "issued" && Number(inv.credited) ? [h("dt", {}, "Credit notes"), h("dd", { id: "invoice-credited" }, money(inv.credited, c))] : null,
          inv.state === "issued" ? [h("dt", {}, "Amount paid"), h("dd", { id: "invoice-paid" }, money(inv.paid, c)), h("dt", { class: "grand" }, "Balance due"), h("dd", { class: "grand" }, money(inv.balance, c))] : null,
        ),
      ),
    ),
    credits.length
      ? h(
          "div",
          { class: "card", id: "credit-notes" },
          h("h3", { class: "muted" }, "Credit notes"),
          credits.map((n) =>
            h("p", {}, `${n.number} · ${date(n.issued_on)} · ${money(n.amount, c)} · ${n.reason} `, h("button", { type: "button", class: "button ghost small", onclick: () => fileAction(() => api.openCreditNotePdf(n.number), "Credit note opened") }, "Open PDF"), " ", h("button", { type: "button", class: "button ghost small", onclick: () => printDialog({ kind: "credit_note", number: n.number }, `credit note ${n.number}`) }, "Print…")),
          ),
        )
      : null,
    inv.notes ? h("div", { class: "card" }, h("h3", { class: "muted" }, "Notes"), h("p", { class: "pre" }, inv.notes)) : null,
    auditSection("invoice", inv.id),
  );
}
