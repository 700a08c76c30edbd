// First run: a short guided setup instead of the whole of Settings. One
// question at a time: the business and its owner, where it is (the country
// sets the book's dates and paper), its money, how customers pay, a tax
// rate, then the first customer. Each step saves as it goes, so an owner who
// stops halfway keeps what they typed; Settings holds the rest (email, the
// ladder, late fees) for later.

import { api } from "../api.js";
import { h, mount, clear } from "../dom.js";
import { field, select, values, showErrors, clearErrors } from "../forms.js";
import { refreshBook } from "../session.js";
import { countrySelect, payFields } from "./settings.js";

const PROFILE_FIELDS = ["name", "owner_name", "owner_title", "address", "country", "email", "phone", "tax_id", "currency", "default_terms_days", "bank_details", "iban", "bic", "pay_link", "check_address", "terms_text", "late_fee_text", "dispute_text", "why_on_time"];

/** How a date reads in each style, for the country step's hint. */
const DATE_EXAMPLE = { month_first: "Nov 25, 2026", day_first: "25 Nov 2026" };
const PAPER_NAME = { a4: "A4", us_letter: "US Letter" };

export async function render(root, params, ctx) {
  const s = await api.settings();
  const profile = Object.fromEntries(PROFILE_FIELDS.map((k) => [k, s.profile[k] === null || s.profile[k] === undefined ? "" : String(s.profile[k])]));
  const countryHint = (code) => {
    const c = s.countries.find((x) => x.code === code);
    return c ? `Your dates will read like ${DATE_EXAMPLE[c.dates]}, and your PDFs print on ${PAPER_NAME[c.paper]}.` : "Sets how your dates read and the paper your PDFs print on.";
  };

  const steps = [
    {
      title: "Your business",
      sub: "The name on your invoices, and who signs your follow-ups.",
      fields: () => [
        field("Business name", "name", profile.name, { autofocus: true, autocomplete: "organization" }),
        field("Your name", "owner_name", profile.owner_name, { hint: "Signs your personal follow-ups." }),
        field("Email", "email", profile.email, { type: "email", hint: "Where customers reply." }),
        field("Phone", "phone", profile.phone),
      ],
    },
    {
      title: "Where you are",
      sub: "Printed on every invoice.",
      fields: () => {
        const hint = h("p", { class: "hint", id: "country-hint" }, countryHint(profile.country));
        const country = countrySelect(s, profile.country);
        country.querySelector("select").addEventListener("change", (e) => (hint.textContent = countryHint(e.target.value)));
        return [field("Address", "address", profile.address, { multiline: true, autofocus: true }), h("div", {}, country, hint)];
      },
    },
    {
      title: "Your money",
      sub: "One currency per book: it cannot change once you have invoiced.",
      fields: () => [
        select("Currency", "currency", s.currencies.map(([code, name]) => [code, `${code} · ${name}`]), profile.currency, { disabled: s.currency_locked, autofocus: true }),
        field("Payment terms (days)", "default_terms_days", profile.default_terms_days, { inputmode: "numeric", hint: "Days a customer has to pay each invoice. You can give a customer their own." }),
      ],
    },
    {
      title: "How customers pay you",
      sub: "Printed under every invoice and quoted in your reminders. Fill in whichever you use.",
      fields: () => [
        field("Bank details", "bank_details", profile.bank_details, { multiline: true, autofocus: true, placeholder: "Bank, account name and number" }),
        field("Mailing address for checks", "check_address", profile.check_address, { multiline: true, placeholder: "Checks payable to …, mailed to …" }),
        ...payFields(profile),
      ],
    },
    {
      title: "A tax rate",
      sub: s.tax_rates.length ? `You have ${s.tax_rates.map((r) => `${r.name} (${r.percent}%)`).join(", ")}. Add another, or continue.` : "The sales tax or VAT you charge. Leave it empty if you charge none; you can add more in Settings.",
      tax: true,
      fields: () => [field("Name", "tax_name", "", { placeholder: "Sales tax, VAT…", autofocus: true }), field("Percent", "tax_percent", "", { inputmode: "decimal", placeholder: "8.25" })],
    },
  ];

  let at = Math.min(Number(params.query.get("step")) || 0, steps.length);

  const show = () => {
    if (at >= steps.length) return mount(clear(root), header(), done(profile));
    const step = steps[at];
    const form = h(
      "form",
      { id: "setup-form", class: "card setup-card", novalidate: true, dataset: { step: String(at + 1) } },
      h("p", { class: "setup-count" }, `Step ${at + 1} of ${steps.length}`),
      h("h2", { class: "section-title first" }, step.title),
      h("p", { class: "hint" }, step.sub),
      h("div", { class: "setup-fields" }, step.fields()),
      h("div", { "data-form-errors": "" }),
      h(
        "div",
        { class: "actions form-actions" },
        at > 0 ? h("button", { type: "button", class: "button ghost", id: "setup-back", onclick: () => { at -= 1; show(); } }, "Back") : null,
        h("button", { type: "submit", class: "button primary", id: "setup-next" }, at === steps.length - 1 ? "Finish" : "Continue"),
      ),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const typed = values(form);
      try {
        if (step.tax) {
          if (typed.tax_name.trim() || typed.tax_percent.trim()) {
            await api.saveTaxRate(null, { name: typed.tax_name, percent: typed.tax_percent }).catch((error) => {
              // The rate's fields are named apart from the profile's on this form.
              error.fields = (error.fields || []).map((f) => ({ ...f, field: `tax_${f.field}` }));
              throw error;
            });
          }
        } else {
          Object.assign(profile, typed);
          if (s.currency_locked) profile.currency = s.profile.currency;
          await api.saveProfile({ ...profile, page_size: "" });
          await refreshBook();
        }
        clearErrors(form);
        at += 1;
        show();
      } catch (error) {
        showErrors(form, error);
      }
    });
    mount(clear(root), header(), stepList(), form);
    form.querySelector("[autofocus]")?.focus();
  };

  const header = () =>
    at >= steps.length
      ? h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "You're set up"), h("p", { class: "sub" }, "Email, reminders and late fees are in Settings, when you want them.")))
      : h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Set up your business"), h("p", { class: "sub" }, "Five short steps. Email, reminders and late fees can wait for Settings.")));
  const stepList = () =>
    h(
      "ol",
      { class: "setup-steps", "aria-label": "Setup steps" },
      steps.map((step, i) => h("li", { class: i < at ? "done" : null, "aria-current": i === at ? "step" : null }, step.title)),
    );
  const done = (p) =>
    h(
      "section",
      { class: "card setup-card", id: "setup-done" },
      h("h2", { class: "section-title first" }, `${p.name} is set up`),
      h("p", {}, "Next, add the customer you bill first; then write their invoice."),
      h(
        "div",
        { class: "actions form-actions" },
        h("a", { class: "button primary", href: "#/customers/new", id: "setup-first-customer" }, "Add your first customer"),
        h("a", { class: "button ghost", href: "#/settings" }, "Review all settings"),
      ),
    );

  show();
}
