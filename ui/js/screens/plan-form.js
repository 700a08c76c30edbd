// Offer a payment plan: which invoices, how many installments, how often,
// from when. The core splits the balance exactly (remainder on the last).

import { api } from "../api.js";
import { h, toast, mount } from "../dom.js";
import { field, select, showErrors } from "../forms.js";
import { money, date } from "../format.js";
import { openInvoices } from "./promise-fields.js";

export async function render(root, params, ctx) {
  const [customer, open] = await Promise.all([api.customer(params.id), openInvoices(params.id)]);
  const chosen = Number(params.query.get("invoice")) || null;
  const boxes = open.map((r) => ({ r, box: h("input", { type: "checkbox", value: r.id, checked: !chosen || r.id === chosen }) }));
  const form = h(
    "form",
    { id: "plan-form", class: "card", novalidate: true },
    h(
      "fieldset",
      { dataset: { field: "invoice_ids" } },
      h("legend", { class: "small-legend" }, "Invoices in the plan"),
      open.length ? boxes.map(({ r, box }) => h("label", { class: "check-row" }, box, ` ${r.number} · due ${date(r.due_date)} · owes ${money(r.balance, r.currency)}`)) : h("p", { class: "muted" }, "Nothing is open."),
    ),
    h(
      "div",
      { class: "grid-3 section-gap" },
      field("Installments", "count", "3", { inputmode: "numeric", autofocus: true }),
      select("Every", "frequency", [["weekly", "Week"], ["biweekly", "Two weeks"], ["monthly", "Month"]], "monthly"),
      field("First installment", "first_on", ctx.today, { type: "date" }),
    ),
    h("div", { "data-form-errors": "" }),
    h("div", { class: "actions form-actions" }, h("button", { type: "submit", class: "button primary", id: "save-plan" }, "Set up plan"), h("button", { type: "button", class: "button ghost", onclick: () => history.back() }, "Cancel")),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = (name) => form.querySelector(`[name="${name}"]`).value;
    try {
      const plan = await api.createPlan(customer.id, { invoice_ids: boxes.filter((b) => b.box.checked).map((b) => b.r.id), count: v("count"), frequency: v("frequency"), first_on: v("first_on") });
      toast(`Plan set up: ${plan.installments.length} installments`);
      ctx.go(`#/customers/${customer.id}/draft?kind=plan_confirmation&plan=${plan.id}`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  mount(root, h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Offer a payment plan"), h("p", { class: "sub" }, customer.company))), form);
}
