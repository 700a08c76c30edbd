// Templates: every message Duly drafts, editable, with a live preview against
// a real customer, the tone check, and the list of variables.

import { api } from "../api.js";
import { h, clear, toast, mount } from "../dom.js";
import { showErrors, clearErrors } from "../forms.js";
import { customerPicker } from "../customer-picker.js";

export async function render(root, params, ctx) {
  // The preview starts on the customer who owes the most: a reminder's
  // variables then all have something to show.
  const [{ templates, variables }, most] = await Promise.all([
    api.listTemplates(),
    api.pageCustomers({ offset: 0, limit: 1, sort: "balance", descending: true }),
  ]);
  const first = most.rows[0];
  const current = templates.find((t) => t.kind === params.query.get("kind")) || templates[0];
  const subject = h("input", { id: "template-subject", value: current.subject, dataset: { field: "subject" } });
  const body = h("textarea", { id: "template-body", rows: 18, dataset: { field: "body" } }, current.body);
  const customer = customerPicker({
    id: "preview-customer",
    chosen: first ? { id: first.id, company: first.company } : null,
    sort: "balance",
    descending: true,
    onchange: () => refresh(),
  });
  const preview = h("div", { class: "card preview", id: "template-preview" });
  const form = h("form", { class: "card", id: "template-form", novalidate: true });

  const refresh = async () => {
    clear(preview);
    if (!customer.value) {
      preview.appendChild(h("p", { class: "muted" }, first ? "Choose a customer to see a preview." : "Add a customer to see a preview."));
      return;
    }
    try {
      const p = await api.previewTemplate(customer.value, current.kind, { subject: subject.value, body: body.value });
      clearErrors(form);
      mount(preview, 
        h("p", { class: "event-title" }, p.rendered.subject),
        h("p", { class: "pre preview-body" }, p.rendered.body),
        p.tone.length ? h("ul", { class: "tone-list" }, p.tone.map((i) => h("li", {}, i.message))) : h("p", { class: "good-news" }, "Passes the tone check."),
      );
    } catch (error) {
      showErrors(form, error);
    }
  };
  let timer;
  for (const el of [subject, body]) el.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 300); });

  mount(form, 
    h("label", { class: "field" }, "Subject", subject),
    h("label", { class: "field section-gap" }, "Message", body),
    h("div", { "data-form-errors": "" }),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "submit", class: "button primary", id: "save-template" }, "Save template"),
      current.edited ? h("button", { type: "button", class: "button ghost", onclick: async () => { await api.resetTemplate(current.kind); toast("Back to the default"); ctx.go(`#/settings/templates?kind=${current.kind}`); } }, "Back to the default") : null,
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.saveTemplate(current.kind, { subject: subject.value, body: body.value });
      toast("Template saved");
      ctx.go(`#/settings/templates?kind=${current.kind}`);
    } catch (error) {
      showErrors(form, error);
    }
  });

  mount(root, 
    h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Templates"), h("p", { class: "sub" }, "The messages Duly drafts for you. Edit them in your own words; the tone check reads along."))),
    h(
      "div",
      { class: "templates-layout" },
      h("nav", { class: "card template-list" }, templates.map((t) => h("a", { class: "rail-link", href: `#/settings/templates?kind=${t.kind}`, "aria-current": t.kind === current.kind ? "page" : null }, t.title, t.edited ? h("span", { class: "muted" }, " · edited") : null))),
      h("div", {}, form, h("h2", { class: "section-title" }, "Variables"), h("dl", { class: "kv card small" }, variables.map(([name, what]) => [h("dt", {}, h("code", {}, `{{ ${name} }}`)), h("dd", {}, what)]))),
      h("div", {}, h("label", { class: "inline-field" }, "Preview for ", customer.element), preview),
    ),
  );
  await refresh();
}
