// Record a payment: when, how much, how (check number or reference), and to
// which invoices: oldest first unless the owner chooses. After a payment is
// marked entered in error, the form opens filled with it (`?again=1&amount=…`)
// to be entered again as it should have been.

import { api } from "../api.js";
import { h, toast, mount } from "../dom.js";
import { field, select, values, showErrors } from "../forms.js";
import { money, date, METHODS } from "../format.js";
import { confirmDialog } from "../modal.js";
import { compareDecimal } from "../sort.js";
import { openInvoices } from "./promise-fields.js";

export async function render(root, params, ctx) {
  const [customer, open, account] = await Promise.all([api.customer(params.id), openInvoices(params.id), api.customerAccount(params.id)]);
  const chosen = Number(params.query.get("invoice")) || null;
  const q = params.query;
  const again = q.get("again") === "1";
  const byHand = h("input", { type: "checkbox", id: "allocate-by-hand", checked: Boolean(chosen) });
  const shares = h(
    "table",
    { class: "shares", hidden: !chosen },
    h("thead", {}, h("tr", {}, h("th", {}, "Invoice"), h("th", {}, "Due"), h("th", { class: "num" }, "Owes"), h("th", { class: "num" }, "Apply"))),
    h(
      "tbody",
      {},
      open.map((r, i) =>
        h(
          "tr",
          {},
          h("td", {}, r.number),
          h("td", { class: "muted" }, date(r.due_date)),
          h("td", { class: "num" }, money(r.balance, r.currency)),
          h("td", { class: "num" }, h("input", { class: "num-input share", inputmode: "decimal", dataset: { invoiceId: r.id, field: `allocations[${i}].amount` }, value: r.id === chosen ? r.balance : "", "aria-label": `Apply to ${r.number}` })),
        ),
      ),
    ),
  );
  byHand.addEventListener("change", () => (shares.hidden = !byHand.checked));
  const form = h(
    "form",
    { id: "payment-form", novalidate: true },
    h(
      "div",
      { class: "card" },
      h(
        "div",
        { class: "grid-2" },
        field("Amount received", "amount", again ? q.get("amount") || "" : chosen ? (open.find((r) => r.id === chosen) || {}).balance || "" : "", { inputmode: "decimal", autofocus: true, hint: `${customer.company} owes ${money(account.balance, account.currency)} in all.` }),
        field("Date received", "received_on", (again && q.get("received_on")) || ctx.today, { type: "date" }),
        select("Method", "method", METHODS, (again && q.get("method")) || "check"),
        field("Check number or reference", "reference", again ? q.get("reference") || "" : "", { autocomplete: "off", hint: "A check number lets Duly match it to a promised check." }),
        h("div", { class: "span-2" }, field("Memo", "memo", again ? q.get("memo") || "" : "", { multiline: true, rows: 2 })),
      ),
    ),
    h(
      "div",
      { class: "card" },
      h("h2", { class: "section-title first" }, "Apply to invoices"),
      open.length
        ? [h("label", { class: "check-row" }, byHand, " Choose the invoices myself (otherwise the oldest are paid first)"), shares]
        : h("p", { class: "muted" }, "Nothing is open: the whole payment is kept as credit for a later invoice."),
      h("p", { class: "hint" }, "Anything not applied is kept as the customer's credit."),
      h("div", { "data-form-errors": "" }),
    ),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "submit", class: "button primary", id: "save-payment" }, "Record payment"),
      h("button", { type: "button", class: "button ghost", onclick: () => history.back() }, "Cancel"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = values(form);
    const allocations = byHand.checked ? [...shares.querySelectorAll(".share")].map((el) => ({ invoice_id: Number(el.dataset.invoiceId), amount: el.value })) : [];
    // More than is owed: asked before the rest is kept as credit. (A typed
    // amount that is not a number is left to the core's message.)
    const typed = v.amount.trim().replace(/,/g, "");
    if (/^\d+(\.\d+)?$/.test(typed) && compareDecimal(typed, account.balance) > 0) {
      const keep = await confirmDialog({
        title: "More than is owed?",
        sentence: `${money(typed, account.currency)} is more than the ${money(account.balance, account.currency)} ${customer.company} owes in all. The rest will be kept as their credit, for later invoices.`,
        confirmLabel: "Record it, rest as credit",
        cancelLabel: "Change the amount",
        onConfirm: () => true,
      });
      if (!keep) return;
    }
    try {
      const receipt = await api.recordPayment({ customer_id: customer.id, received_on: v.received_on, amount: v.amount, method: v.method, reference: v.reference, memo: v.memo, allocations });
      const applied = receipt.applied.map(([n, a]) => `${n} ${money(a, receipt.currency)}`).join(", ");
      const said = `Payment recorded${applied ? `: ${applied}` : ""}${Number(receipt.credit) ? `; credit ${money(receipt.credit, receipt.currency)}` : ""}.`;
      // Thanks are offered while the payment is fresh, never sent unasked.
      const thank = await confirmDialog({
        title: "Payment recorded",
        sentence: `${said} Thank ${customer.company} for it?`,
        confirmLabel: "Draft a thank-you",
        cancelLabel: "Not now",
        onConfirm: () => true,
      });
      ctx.go(thank ? `#/customers/${customer.id}/draft?kind=thank_you&payment=${receipt.payment_id}` : `#/customers/${customer.id}`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  mount(root, h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Record payment"), h("p", { class: "sub" }, customer.company))), form);
}
