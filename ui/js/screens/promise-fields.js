// The promise part of a form: kind first; for "the check is in the mail" the
// collector's questions (mailed when, which check number, sent where) with a
// gentle warning beside each one left unanswered. Shared by the promise form
// and the call form (where its fields are prefixed "promise.").

import { api } from "../api.js";
import { h } from "../dom.js";
import { field, select, inputValue } from "../forms.js";
import { money, date, PROMISE_KINDS } from "../format.js";

/**
 * @param prefix  "" or "promise." (the core's field paths)
 * @param open    the customer's open invoices (rows from listInvoices)
 * @param settings the settings view (addresses and the mail-time policy)
 * @param owed    what the customer owes in all (a decimal string from the core)
 */
export function promiseFields(prefix, open, settings, ctx, owed) {
  const p = settings.profile;
  const addresses = [p.check_address, p.address].filter(Boolean);
  const n = (name) => `${prefix}${name}`;
  const kind = select("What did they promise?", n("kind"), PROMISE_KINDS, "check_in_mail", { id: `${prefix}promise-kind` });
  const checkPart = h(
    "div",
    { class: "grid-2 check-questions" },
    field("When was it mailed?", n("mailed_on"), "", { type: "date" }),
    field("Check number", n("check_number"), "", { autocomplete: "off" }),
    h(
      "label",
      { class: "field span-2" },
      "Mailed to which address?",
      h("select", { name: n("mailed_to"), dataset: { field: n("mailed_to") } }, h("option", { value: "" }, "Not asked yet"), addresses.map((a) => h("option", { value: a }, a.replace(/\n/g, ", ")))),
    ),
  );
  const mailDays = settings.promise_policy.check_mail_days;
  const emptyHint = `For a check: leave empty to expect it ${mailDays} days after it was mailed.`;
  const promised = field("Expected on", n("promised_on"), "", { type: "date", hint: emptyHint });
  const expectationHint = promised.querySelector(".hint");
  const invoiceBoxes = h(
    "fieldset",
    { class: "span-2 covered", dataset: { field: n("invoice_ids") } },
    h("legend", { class: "small-legend" }, "Invoices it covers"),
    open.length
      ? open.map((r) =>
          h("label", { class: "check-row" }, h("input", { type: "checkbox", value: r.id, checked: true, dataset: { invoiceBox: "" } }), ` ${r.number} · due ${date(r.due_date)} · owes ${money(r.balance, r.currency)}`),
        )
      : h("p", { class: "muted" }, "This customer has no open invoices."),
  );
  const root = h(
    "div",
    { class: "promise-fields" },
    h("div", { class: "grid-2" }, kind, field("Amount", n("amount"), open.length ? owed : "", { inputmode: "decimal" })),
    checkPart,
    h("div", { class: "grid-2" }, promised, invoiceBoxes),
    field("Their words, or anything worth remembering (private: never sent)", n("notes"), "", { multiline: true, rows: 2 }),
  );
  const kindSelect = kind.querySelector("select");
  const collect = () => {
    const v = (name) => inputValue(root.querySelector(`[name="${n(name)}"]`));
    return {
      kind: kindSelect.value,
      amount: v("amount"),
      promised_on: v("promised_on"),
      made_on: ctx.today,
      check_number: kindSelect.value === "check_in_mail" ? v("check_number") : "",
      mailed_on: kindSelect.value === "check_in_mail" ? v("mailed_on") : "",
      mailed_to: kindSelect.value === "check_in_mail" ? v("mailed_to") : "",
      invoice_ids: [...root.querySelectorAll("[data-invoice-box]")].filter((b) => b.checked).map((b) => Number(b.value)),
      notes: v("notes"),
    };
  };
  // The collector's questions, asked again while the owner is on the phone.
  // Answers arrive out of order while typing: only the latest question's is drawn.
  let asked = 0;
  const ask = async () => {
    const mine = ++asked;
    checkPart.hidden = kindSelect.value !== "check_in_mail";
    const { questions, expectation } = await api.previewPromise(collect());
    if (mine !== asked) return;
    expectationHint.textContent = expectation ? expectationText(expectation, mailDays, ctx.today) : emptyHint;
    // What saving refused is said again, or not, from the answers as they are now.
    for (const el of root.querySelectorAll(".field-warning, .field-error")) el.remove();
    for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const q of questions) {
      const input = root.querySelector(`[data-field="${CSS.escape(prefix + q.field)}"]`);
      if (input) input.insertAdjacentElement("afterend", h("p", { class: "field-warning" }, q.message));
    }
  };
  root.addEventListener("input", ask);
  root.addEventListener("change", ask);
  ask();
  return { root, collect };
}

/** When the money is expected and when Duly will call the promise broken. */
function expectationText(e, mailDays, today) {
  const expected = `Expected by ${date(e.expected_on)}${e.from_mailing ? `, ${mailDays} days after mailing` : ""}`;
  const passed = e.expected_on < today ? ", a day already past" : "";
  return `${expected}${passed}; counted as broken if nothing has come by ${date(e.deadline)}.`;
}

/** The customer's open invoices, oldest first. */
export async function openInvoices(customerId) {
  const rows = await api.listInvoices({ status: "open", customer_id: customerId });
  return rows.reverse();
}

