// The Late fees card in Settings: the policy (none, flat, or percent per month
// accrued daily), grace days, an optional minimum and cap. Duly never charges
// a fee by itself: the Late fees screen shows what is owed and charges it
// when the owner confirms.

import { api } from "../api.js";
import { h, toast } from "../dom.js";
import { field, select, values, showErrors, clearErrors } from "../forms.js";

const KINDS = [
  ["none", "No late fees"],
  ["flat", "Flat amount per invoice"],
  ["percent_per_month", "Percent per month"],
];

export async function lateFeeCard() {
  const p = await api.lateFeePolicy();
  const f = p.form;
  const currency = p.currency;
  const flat = field(`Flat fee (${currency})`, "flat_amount", f.flat_amount, { inputmode: "decimal", placeholder: "25.00" });
  const pct = field("Percent per month", "percent_per_month", f.percent_per_month, { inputmode: "decimal", placeholder: "1.5", hint: "Of the balance, accrued daily: percent × 12 / 365 per day late." });
  const kind = select("Late fee", "kind", KINDS, f.kind, { id: "late-fee-kind" });
  const rest = [
    field("Grace days after the due date", "grace_days", f.grace_days, { inputmode: "numeric", hint: "No fee accrues during these days." }),
    field(`Minimum fee (${currency})`, "minimum", f.minimum, { inputmode: "decimal", hint: "Optional. The least fee on an invoice once it earns one." }),
    field(`Cap per invoice (${currency})`, "cap", f.cap, { inputmode: "decimal", hint: "Optional. The most fee one invoice ever earns." }),
  ];
  const sentence = h("p", { class: "muted", id: "late-fee-policy-sentence" }, p.description);
  const show = () => {
    const k = kind.querySelector("select").value;
    flat.hidden = k !== "flat";
    pct.hidden = k !== "percent_per_month";
    for (const el of rest) el.hidden = k === "none";
  };
  kind.querySelector("select").addEventListener("change", show);
  show();

  const form = h(
    "form",
    { class: "card", id: "late-fee-form", novalidate: true },
    h("h2", { class: "section-title first" }, "Late fees"),
    h("p", { class: "hint" }, "Duly never charges a fee by itself: the Late fees screen shows what each overdue invoice owes and bills it as a finance-charge invoice when you confirm. Say the same in the late-fee terms printed on your invoices."),
    sentence,
    h("div", { class: "grid-3 section-gap" }, kind, flat, pct, ...rest),
    h("div", { "data-form-errors": "" }),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "submit", class: "button", id: "save-late-fees" }, "Save"),
      h("a", { class: "button ghost", href: "#/late-fees", id: "open-late-fees" }, "Late fees…"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const saved = await api.saveLateFeePolicy(values(form));
      clearErrors(form);
      sentence.textContent = saved.description;
      toast("Late-fee policy saved");
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}
