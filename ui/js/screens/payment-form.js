// Record a payment: when, how much, how (check number or reference), and to
// which invoices: oldest first unless the owner chooses.

import { api } from "../api.js";
import { h, toast, mount } from "../dom.js";
import { field, select, values, showErrors } from "../forms.js";
import { money, date, METHODS } from "../format.js";
import { openInvoices } from "./promise-fields.js";

export async function render(root, params, ctx) {
  const [customer, open, account] = await Promise.all([api.customer(params.id), openInvoices(params.id), api.customerAccount(params.id)]);
  const chosen = Number(params.query.get("invoice")) || null;
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
        field("Amount received", "amount", chosen ? (open.find((r) => r.id === chosen) || {}).balance || "" : "", { inputmode: "decimal", autofocus: true, hint: `${customer.company} owes ${money(account.balance, account.currency)} in all.` }),
        field("Date received", "received_on", ctx.today, { type: "date" }),
        select("Method", "method", METHODS, "check"),
        field("Check number or reference", "reference", "", { autocomplete: "off", hint: "A check number lets Duly match it to a promised check." }),
        h("div", { class: "span-2" }, field("Memo", "memo", "", { multiline: true, rows: 2 })),
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
    try {
      const receipt = await api.recordPayment({ customer_id: customer.id, received_on: v.received_on, amount: v.amount, method: v.method, reference: v.reference, memo: v.memo, allocations });
      const applied = receipt.applied.map(([n, a]) => `${n} ${money(a, receipt.currency)}`).join(", ");
      toast(`Payment recorded${applied ? `: ${applied}` : ""}${Number(receipt.credit) ? `; credit ${money(receipt.credit, receipt.currency)}` : ""}`);
      ctx.go(`#/customers/${customer.id}`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  mount(root, h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Record payment"), h("p", { class: "sub" }, customer.company))), form);
}
