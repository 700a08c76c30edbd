// Settings: the business profile (who signs the invoices), logo, numbering and
// tax rates. Each part saves on its own, with its messages beside its fields.

import { api } from "../api.js";
import { h, toast, mount } from "../dom.js";
import { field, select, values, showErrors, clearErrors, saveState } from "../forms.js";
import { percent } from "../format.js";
import { refreshBook } from "../session.js";
import { mailCard } from "./mail-settings.js";
import { lateFeeCard } from "./late-fee-settings.js";
import { dataCard } from "./data-card.js";
import { aboutCard, aboutView } from "./about.js";

/**
 * The account and payment page printed with each invoice's reference: the
 * IBAN and BIC are checked when saved; a euro invoice gets a QR code from them.
 */
export function payFields(p) {
  return [
    field("IBAN", "iban", p.iban, { autocomplete: "off", spellcheck: "false", placeholder: "DE89 3704 0044 0532 0130 00", hint: "Printed with each invoice's RF payment reference; euro invoices also get a QR code banking apps scan." }),
    field("BIC", "bic", p.bic, { autocomplete: "off", spellcheck: "false", placeholder: "COBADEFFXXX", hint: "Optional: some banks abroad ask for it." }),
    h(
      "div",
      { class: "span-2" },
      field("Online payment link", "pay_link", p.pay_link, {
        type: "url",
        autocomplete: "off",
        spellcheck: "false",
        placeholder: "https://pay.example.com/you?amount={amount}&ref={invoice}",
        hint: "Your card payment page, printed on invoices and in reminders as \u201cPay online\u201d. Put {amount} and {invoice} where it takes them; {currency} and {reference} work too.",
      }),
    ),
  ];
}

export async function render(root, params, ctx) {
  const s = await api.settings();
  const p = s.profile;
  const rerender = () => ctx.go("#/settings");

  const profileForm = h(
    "form",
    { id: "profile-form", class: "card", novalidate: true },
    h("h2", { class: "section-title first" }, "Business profile"),
    h(
      "div",
      { class: "grid-2" },
      field("Business name", "name", p.name, { autofocus: !p.name }),
      field("Email", "email", p.email, { type: "email" }),
      field("Owner's name", "owner_name", p.owner_name, { hint: "Signs your personal follow-ups." }),
      field("Owner's title", "owner_title", p.owner_title, { placeholder: "Owner" }),
      field("Phone", "phone", p.phone),
      field("Tax id", "tax_id", p.tax_id),
      field("Address", "address", p.address, { multiline: true }),
      h(
        "div",
        { class: "grid-2 inner" },
        countrySelect(s, p.country),
        select("Currency", "currency", s.currencies.map(([code, name]) => [code, `${code} · ${name}`]), p.currency, { disabled: s.currency_locked }),
        field("Default payment terms (days)", "default_terms_days", String(p.default_terms_days), { inputmode: "numeric" }),
        paperSelect(s.page_size),
      ),
    ),
    h("h2", { class: "section-title" }, "How to pay you"),
    h(
      "div",
      { class: "grid-2" },
      field("Bank details", "bank_details", p.bank_details, { multiline: true }),
      field("Mailing address for checks", "check_address", p.check_address, { multiline: true }),
      ...payFields(p),
    ),
    h("h2", { class: "section-title" }, "Invoice footer"),
    h(
      "div",
      { class: "grid-2" },
      field("Terms and conditions", "terms_text", p.terms_text, { multiline: true }),
      h("div", { class: "field" }, h("span", { class: "label" }, "Late-fee terms"), h("p", { class: "hint", id: "late-fee-terms-note" }, "Printed on each invoice from your late-fee policy (Invoices → Late fees → Policy…), so an invoice never states a rate you do not charge.")),
      field("Dispute policy", "dispute_text", p.dispute_text, { multiline: true, placeholder: "Questions about this invoice? Contact us within 10 days." }),
      field("Why on-time payment matters to you", "why_on_time", p.why_on_time, { multiline: true, hint: "In your own words; quoted in your personal follow-ups." }),
    ),
    h("div", { "data-form-errors": "" }),
    h("div", { class: "actions form-actions" }, h("button", { type: "submit", class: "button primary", id: "save-profile" }, "Save profile")),
  );
  followCountry(profileForm, s);
  const profileSaved = saveState(profileForm);
  profileForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = values(profileForm);
    if (s.currency_locked) form.currency = p.currency;
    try {
      await api.saveProfile(form);
      clearErrors(profileForm);
      await refreshBook();
      profileSaved();
      toast("Profile saved");
    } catch (error) {
      showErrors(profileForm, error);
    }
  });

  const logoInput = h("input", { type: "file", accept: "image/png,image/jpeg", id: "logo-file", "data-field": "logo", "aria-label": "Logo image" });
  const logoCard = h(
    "div",
    { class: "card", id: "logo-card" },
    h("h2", { class: "section-title first" }, "Logo"),
    h("p", { class: "hint" }, "A PNG or JPEG under 1 MB, printed at the top of your invoices."),
    h("div", { class: "toolbar logo-row" }, s.logo ? h("img", { src: s.logo, alt: "Your logo", class: "logo-preview" }) : null, logoInput, s.logo ? h("button", { type: "button", class: "button ghost", onclick: async () => { await api.setLogo(""); rerender(); } }, "Remove logo") : null),
    h("div", { "data-form-errors": "" }),
  );
  logoInput.addEventListener("change", async () => {
    const file = logoInput.files[0];
    if (!file) return;
    const base64 = await readBase64(file);
    try {
      await api.setLogo(base64);
      toast("Logo saved");
      rerender();
    } catch (error) {
      showErrors(logoCard, error);
    }
  });

  const numberingForm = h(
    "form",
    { class: "card", id: "numbering-form", novalidate: true },
    h("h2", { class: "section-title first" }, "Invoice numbers"),
    h("div", { class: "grid-3" }, field("Prefix", "prefix", s.invoice_prefix, { hint: `Next numbers look like ${s.invoice_prefix}0001.` })),
    h("div", { "data-form-errors": "" }),
    h("div", { class: "actions form-actions" }, h("button", { type: "submit", class: "button" }, "Save prefix")),
  );
  const numberingSaved = saveState(numberingForm);
  numberingForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const view = await api.saveNumbering(values(numberingForm));
      clearErrors(numberingForm);
      numberingForm.querySelector(".hint").textContent = `Next numbers look like ${view.invoice_prefix}0001.`;
      numberingSaved();
      toast("Numbering saved");
    } catch (error) {
      showErrors(numberingForm, error);
    }
  });

  const rateForm = h(
    "form",
    { class: "grid-3 rate-form", id: "tax-rate-form", novalidate: true },
    field("Name", "name", "", { placeholder: "VAT 20%" }),
    field("Percent", "percent", "", { inputmode: "decimal", placeholder: "20" }),
    h("div", { class: "fee-remove" }, h("button", { type: "submit", class: "button", id: "add-tax-rate" }, "Add rate")),
  );
  rateForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.saveTaxRate(null, values(rateForm));
      toast("Tax rate added");
      rerender();
    } catch (error) {
      showErrors(rateForm, error);
    }
  });
  const ratesCard = h(
    "div",
    { class: "card", id: "tax-rates" },
    h("h2", { class: "section-title first" }, "Tax rates"),
    s.tax_rates.length
      ? h(
          "table",
          {},
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", { class: "num" }, "Rate"), h("th", {}))),
          h(
            "tbody",
            {},
            s.tax_rates.map((r) =>
              h(
                "tr",
                { class: r.archived ? "muted" : null },
                h("td", {}, r.name, r.archived ? " (archived)" : ""),
                h("td", { class: "num" }, percent(r.percent)),
                h("td", { class: "num" }, h("button", { type: "button", class: "button ghost small", onclick: async () => { await api.setTaxRateArchived(r.id, !r.archived); rerender(); } }, r.archived ? "Restore" : "Archive")),
              ),
            ),
          ),
        )
      : h("p", { class: "muted" }, "No tax rates yet. Add the rates you charge; lines without one are untaxed."),
    h("h3", { class: "section-title" }, "Add a rate"),
    rateForm,
  );

  const policyForm = h(
    "form",
    { class: "card", id: "promise-policy-form", novalidate: true },
    h("h2", { class: "section-title first" }, "Promises to pay"),
    h(
      "div",
      { class: "grid-3" },
      field("Grace days after the promised date", "grace_days", String(s.promise_policy.grace_days), { inputmode: "numeric", hint: "A promise counts as broken only after these days pass." }),
      field("Days a check takes by mail", "check_mail_days", String(s.promise_policy.check_mail_days), { inputmode: "numeric", hint: "Sets when a mailed check is expected." }),
    ),
    h("div", { "data-form-errors": "" }),
    h("div", { class: "actions form-actions" }, h("button", { type: "submit", class: "button" }, "Save")),
  );
  const policyFormSaved = saveState(policyForm);
  policyForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.savePromisePolicy(values(policyForm));
      clearErrors(policyForm);
      policyFormSaved();
      toast("Promise settings saved");
    } catch (error) {
      showErrors(policyForm, error);
    }
  });

  const sp = s.summary_policy;
  const summaryForm = h(
    "form",
    { class: "card", id: "summary-policy-form", novalidate: true },
    h("h2", { class: "section-title first" }, "Weekly summary"),
    h("p", { class: "hint" }, "Aging buckets end at these days past due; the suspension policy points out customers for you to decide about (0 turns a rule off)."),
    h(
      "div",
      { class: "grid-3 section-gap" },
      field("First bucket ends at", "aging.first", String(sp.aging[0]), { inputmode: "numeric" }),
      field("Second bucket ends at", "aging.second", String(sp.aging[1]), { inputmode: "numeric" }),
      field("Third bucket ends at", "aging.third", String(sp.aging[2]), { inputmode: "numeric" }),
      field("Suggest suspending at days past due", "suspend_days_past_due", String(sp.suspend_days_past_due), { inputmode: "numeric" }),
      field("…or after broken promises", "suspend_broken_promises", String(sp.suspend_broken_promises), { inputmode: "numeric" }),
    ),
    h("div", { "data-form-errors": "" }),
    h("div", { class: "actions form-actions" }, h("button", { type: "submit", class: "button" }, "Save")),
  );
  const summaryFormSaved = saveState(summaryForm);
  summaryForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.saveSummaryPolicy(values(summaryForm));
      clearErrors(summaryForm);
      summaryFormSaved();
      toast("Summary settings saved");
    } catch (error) {
      showErrors(summaryForm, error);
    }
  });

  const lp = s.ladder_policy;
  const ladderForm = h(
    "form",
    { class: "card", id: "ladder-policy-form", novalidate: true },
    h("h2", { class: "section-title first" }, "Follow-up ladder"),
    h("p", { class: "hint" }, "When Duly suggests each step. A pending promise always waits for its date plus the grace days; a broken one moves a step up."),
    h(
      "div",
      { class: "grid-3 section-gap" },
      field("First reminder at days past due", "start_after_days", String(lp.start_after_days), { inputmode: "numeric" }),
      ...["the friendly reminder", "the personal note", "copying the escalation contact (step 3)", "the formal reminder", "offering options"].map((name, i) =>
        field(`Days after ${name}`, `gaps[${i}]`, String(lp.gaps[i]), { inputmode: "numeric" }),
      ),
    ),
    h("p", { class: "hint section-gap" }, "A customer never reminded starts further up when the oldest invoice is already this late (leave empty to never start there)."),
    h(
      "div",
      { class: "grid-3" },
      ...["step 2 (personal note)", "step 3 (escalation contact)", "step 4 (formal reminder)"].map((name, i) =>
        field(`Start at ${name} from days past due`, `first_steps[${i}]`, lp.first_steps[i] ? String(lp.first_steps[i]) : "", { inputmode: "numeric" }),
      ),
    ),
    h("div", { "data-form-errors": "" }),
    h("div", { class: "actions form-actions" }, h("button", { type: "submit", class: "button" }, "Save"), h("a", { class: "button ghost", href: "#/settings/templates", id: "edit-templates" }, "Edit the templates…")),
  );
  const ladderFormSaved = saveState(ladderForm);
  ladderForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = values(ladderForm);
    const gaps = [0, 1, 2, 3, 4].map((i) => ladderForm.querySelector(`[name="gaps[${i}]"]`).value);
    const firstSteps = [0, 1, 2].map((i) => ladderForm.querySelector(`[name="first_steps[${i}]"]`).value);
    try {
      await api.saveLadderPolicy({ start_after_days: v.start_after_days, gaps, first_steps: firstSteps });
      clearErrors(ladderForm);
      ladderFormSaved();
      toast("Ladder timing saved");
    } catch (error) {
      showErrors(ladderForm, error);
    }
  });
  const mail = await mailCard();

  mount(root, 
    h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Settings"), h("p", { class: "sub" }, "Your business as your customers see it."))),
    profileForm,
    logoCard,
    h("div", { class: "grid-2 settings-pair" }, numberingForm, ratesCard),
    policyForm,
    await lateFeeCard(),
    ladderForm,
    mail,
    summaryForm,
    await dataCard(ctx),
    aboutCard(await aboutView()),
  );
  // Another screen may send the owner to one card ("#/settings?at=mail-form").
  const at = params.query.get("at");
  if (at) document.getElementById(at)?.scrollIntoView({ block: "start" });
}

/**
 * The countries most owners pick come first, under their everyday names, so
 * typing "Uni" lands on the United States, not the Emirates; then every
 * country by its ISO name.
 */
const COMMON = [["US", "United States"], ["CA", "Canada"], ["GB", "United Kingdom"], ["IE", "Ireland"], ["AU", "Australia"], ["NZ", "New Zealand"], ["DE", "Germany"], ["FR", "France"], ["NL", "Netherlands"], ["ES", "Spain"]];

/** The country sets the book's date style and, when chosen, the paper. */
export function countrySelect(s, current) {
  const option = ([code, name]) => h("option", { value: code, selected: code === (current || "") }, name);
  const el = h(
    "select",
    { name: "country", id: "country", dataset: { field: "country" } },
    option(["", "Choose your country"]),
    h("optgroup", { label: "Common" }, COMMON.filter(([code]) => s.countries.some((c) => c.code === code)).map(option)),
    h("optgroup", { label: "All countries" }, s.countries.map((c) => option([c.code, c.name]))),
  );
  // The same country is listed twice; the first (common) one is the chosen.
  if (current) el.value = current;
  return h("label", { class: "field" }, "Country", el);
}

export function paperSelect(current) {
  return select("Paper for PDFs", "page_size", [["a4", "A4"], ["us_letter", "US Letter"]], current, { id: "page-size" });
}

/** Choosing a country proposes its paper (Letter in the US and Canada); the owner may still change it. */
export function followCountry(form, s) {
  const country = form.querySelector("#country");
  const paper = form.querySelector("#page-size");
  country.addEventListener("change", () => {
    const chosen = s.countries.find((c) => c.code === country.value);
    if (chosen) paper.value = chosen.paper;
  });
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",")[1] || "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
