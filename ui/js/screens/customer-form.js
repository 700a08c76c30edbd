// The customer form: company, billing contact, the escalation contact ("cc the
// boss"), address, terms, service status and whether late fees apply.

import { api } from "../api.js";
import { h, toast, mount } from "../dom.js";
import { field, select, values, showErrors } from "../forms.js";

export async function render(root, params, ctx) {
  const editing = params.id !== null;
  const c = editing
    ? await api.customer(params.id)
    : { company: "", billing: {}, escalation: {}, address: "", terms_days: "", notes: "", service_status: "active", late_fee_opt_out: false };
  const settings = await api.settings();
  const form = h(
    "form",
    { id: "customer-form", novalidate: true },
    h(
      "div",
      { class: "card" },
      h("div", { class: "grid-2" }, h("div", { class: "span-2" }, field("Company name", "company", c.company, { autofocus: true, autocomplete: "off" }))),
    ),
    h(
      "div",
      { class: "card" },
      h(
        "fieldset",
        {},
        h("legend", {}, "Billing contact"),
        h("div", { class: "grid-3" }, field("Name", "billing.name", c.billing.name), field("Email", "billing.email", c.billing.email, { type: "email" }), field("Phone", "billing.phone", c.billing.phone)),
      ),
    ),
    h(
      "div",
      { class: "card" },
      h(
        "fieldset",
        {},
        h("legend", {}, "Escalation contact"),
        h("p", { class: "hint" }, "The person to ask for help when an invoice gets stuck: their manager, or the owner."),
        h(
          "div",
          { class: "grid-2", id: "escalation-grid" },
          field("Name", "escalation.name", c.escalation.name),
          field("Title", "escalation.title", c.escalation.title, { placeholder: "Finance director" }),
          field("Email", "escalation.email", c.escalation.email, { type: "email" }),
          field("Phone", "escalation.phone", c.escalation.phone),
        ),
      ),
    ),
    h(
      "div",
      { class: "card" },
      h(
        "div",
        { class: "grid-2" },
        field("Mailing address", "address", c.address, { multiline: true }),
        field("Notes", "notes", c.notes, { multiline: true }),
        field("Payment terms (days)", "terms_days", c.terms_days, {
          inputmode: "numeric",
          hint: `Leave empty to use your default of ${settings.profile.default_terms_days} days.`,
        }),
        select("Service", "service_status", [["active", "Active"], ["on_hold", "On hold"], ["suspended", "Suspended"]], c.service_status),
        h(
          "label",
          { class: "check-row span-2" },
          h("input", { type: "checkbox", name: "late_fee_opt_out", id: "late-fee-opt-out", checked: Boolean(c.late_fee_opt_out) }),
          " Never charge this customer late fees",
        ),
      ),
      h("div", { "data-form-errors": "" }),
    ),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "submit", class: "button primary", id: "save-customer" }, editing ? "Save changes" : "Add customer"),
      h("button", { type: "button", class: "button ghost", onclick: () => history.back() }, "Cancel"),
    ),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const saved = editing ? await api.updateCustomer(params.id, values(form)) : await api.createCustomer(values(form));
      toast(editing ? "Changes saved" : `${saved.company} added`);
      ctx.go(`#/customers/${saved.id}`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  mount(root, 
    h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, editing ? `Edit ${c.company}` : "New customer"))),
    form,
  );
}
