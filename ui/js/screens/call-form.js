// Log a call (or email, letter, meeting): who, what was said, what happens
// next. "They promised to pay" opens the promise form right here; after saving,
// the recap to send is shown, ready to copy.

import { api } from "../api.js";
import { h, clear, toast, mount } from "../dom.js";
import { field, select, values, showErrors } from "../forms.js";
import { date, CHANNEL_CHOICES, OUTCOME_CHOICES } from "../format.js";
import { promiseFields, openInvoices } from "./promise-fields.js";

export async function render(root, params, ctx) {
  // "When" defaults to the app's clock (which --today may fix), read now.
  const [customer, open, settings, account, book] = await Promise.all([api.customer(params.id), openInvoices(params.id), api.settings(), api.customerAccount(params.id), api.bookInfo()]);
  const who = [["billing", `${customer.billing.name || "Billing contact"} (billing)`], ["escalation", `${customer.escalation.name || "Escalation contact"}${customer.escalation.title ? `, ${customer.escalation.title}` : ""}`], ["other", "Someone else"]];
  const promise = promiseFields("promise.", open, settings, ctx, account.balance);
  const promiseBox = h("div", { class: "card", id: "call-promise", hidden: true }, h("h2", { class: "section-title first" }, "What they promised"), promise.root);
  const outcome = select("Outcome", "outcome", OUTCOME_CHOICES, "reached", { id: "call-outcome" });
  const person = select("Who", "person", who, "billing");
  const otherName = field("Their name", "person_name", "");
  otherName.hidden = true;
  const form = h(
    "form",
    { id: "call-form", novalidate: true },
    h(
      "div",
      { class: "card" },
      h(
        "div",
        { class: "grid-3" },
        select("How", "channel", CHANNEL_CHOICES, "call"),
        field("When", "happened_at", book.now, { type: "datetime-local" }),
        outcome,
        person,
        otherName,
      ),
      h(
        "div",
        { class: "grid-2 section-gap" },
        field("Notes (private: never sent to the customer)", "notes", "", { multiline: true, rows: 4, autofocus: true, placeholder: "What did they say? Listen first; write it down as they said it." }),
        field("What we agreed (the recap confirms this)", "agreed", "", { multiline: true, rows: 4, placeholder: "You will send the remittance advice with the check." }),
      ),
      h("div", { class: "grid-2 section-gap" }, field("Next step (the recap states it)", "next_step", "", { placeholder: "I will call you after the 15th" }), field("Follow up on", "follow_up_on", "", { type: "date" })),
    ),
    promiseBox,
    h("div", { "data-form-errors": "" }),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "submit", class: "button primary", id: "save-call" }, "Save"),
      h("button", { type: "button", class: "button ghost", onclick: () => history.back() }, "Cancel"),
    ),
  );
  // Typed and not yet saved: leaving asks first (see ctx.unsaved).
  let dirty = false;
  ctx.unsaved = () => dirty;
  form.addEventListener("input", () => (dirty = true));
  const outcomeSelect = outcome.querySelector("select");
  outcomeSelect.addEventListener("change", () => (promiseBox.hidden = outcomeSelect.value !== "promised_to_pay"));
  const personSelect = person.querySelector("select");
  personSelect.addEventListener("change", () => (otherName.hidden = personSelect.value !== "other"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = values(form);
    const body = {
      customer_id: customer.id,
      happened_at: v.happened_at,
      channel: v.channel,
      person: v.person,
      person_name: v.person === "other" ? v.person_name : "",
      notes: v.notes,
      agreed: v.agreed,
      outcome: v.outcome,
      next_step: v.next_step,
      follow_up_on: v.follow_up_on,
      promise: outcomeSelect.value === "promised_to_pay" ? promise.collect() : null,
    };
    try {
      const receipt = await api.logContact(body);
      dirty = false;
      toast(receipt.promise ? "Call and promise saved" : "Saved to the contact log");
      // A recap confirms a conversation; a voicemail or an email has none.
      if (receipt.recap.offered) showRecap(root, customer, receipt, ctx);
      else ctx.go(`#/customers/${customer.id}`);
    } catch (error) {
      showErrors(form, error);
    }
  });
  mount(root, h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Log a call"), h("p", { class: "sub" }, customer.company))), form);
}

/** After a call: offer the recap, so what was agreed is in writing. */
function showRecap(root, customer, receipt, ctx) {
  const r = receipt.recap;
  const confirms = [r.promise, r.agreed].filter(Boolean);
  mount(clear(root), 
    h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Send a recap?"), h("p", { class: "sub" }, `A short note to ${r.to || customer.company} puts what you agreed in writing, with the invoices attached. Your private notes stay out of it.`))),
    h(
      "div",
      { class: "card", id: "recap-confirms" },
      confirms.length
        ? [h("h2", { class: "section-title first" }, "The recap will confirm"), h("ul", { class: "recap-list" }, confirms.map((c) => h("li", { class: "pre" }, c)))]
        : h("p", { class: "muted" }, "Nothing was agreed on this call: the recap thanks them and lists what is open."),
      r.next_step ? h("p", { class: "muted" }, `Next: ${r.next_step}`, r.follow_up_on ? ` · follow up ${date(r.follow_up_on)}` : "") : null,
    ),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "button", class: "button primary", id: "draft-recap", onclick: () => ctx.go(`#/customers/${customer.id}/draft?kind=call_recap&contact=${receipt.contact_id}`) }, "Draft the recap email"),
      h("button", { type: "button", class: "button", id: "recap-done", onclick: () => ctx.go(`#/customers/${customer.id}`) }, "Not now"),
    ),
  );
}
