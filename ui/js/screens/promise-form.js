// Record a promise to pay, asking what a good collector asks.

import { api } from "../api.js";
import { h, toast, mount } from "../dom.js";
import { showErrors } from "../forms.js";
import { promiseFields, openInvoices } from "./promise-fields.js";

export async function render(root, params, ctx) {
  const [customer, open, settings, account] = await Promise.all([api.customer(params.id), openInvoices(params.id), api.settings(), api.customerAccount(params.id)]);
  const promise = promiseFields("", open, settings, ctx, account.balance);
  const form = h(
    "form",
    { id: "promise-form", novalidate: true },
    h("div", { class: "card" }, promise.root, h("div", { "data-form-errors": "" })),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "submit", class: "button primary", id: "save-promise" }, "Record promise"),
      h("button", { type: "button", class: "button ghost", onclick: () => history.back() }, "Cancel"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const receipt = await api.recordPromise(customer.id, promise.collect());
      toast(receipt.warnings.length ? "Promise recorded; some questions are still open" : "Promise recorded");
      ctx.go(`#/customers/${customer.id}`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  mount(root, h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Record a promise"), h("p", { class: "sub" }, `${customer.company}: what did they say, exactly?`))), form);
}
