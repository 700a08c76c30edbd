// Late fees: what the policy makes each overdue invoice owe as of a date
// (today by default), charged only when the owner confirms, as one
// finance-charge invoice per customer. Charged fees can be waived with a
// reason, as a goodwill gesture. Every amount is computed by the core.
//   #/late-fees?as_of=2026-11-25

import { api } from "../api.js";
import { h, toast, emptyState, mount } from "../dom.js";
import { field } from "../forms.js";
import { confirmDialog } from "../modal.js";
import { pagedTable } from "../pager.js";
import { money, date, span as period, daysLate } from "../format.js";

function plural(n, one, many) {
  return n === 1 ? `${n} ${one}` : `${n} ${many}`;
}

/** The fee lines a page at a time (a large book has thousands overdue). */
function feeTable(v, ctx, rerender) {
  const cur = v.currency;
  const row = (l) => {
    const charging = l.charging;
    const charged = Number(l.waived) > 0 ? h("span", {}, money(l.already_charged, cur), h("span", { class: "hint" }, ` (${money(l.waived, cur)} waived)`)) : money(l.already_charged, cur);
    return h(
      "tr",
      { class: charging ? null : "muted", dataset: { invoice: l.invoice_id } },
      h("td", {}, h("a", { class: "row-link", href: `#/customers/${l.customer_id}` }, l.customer_company)),
      h("td", { class: "nowrap" }, h("a", { class: "row-link", href: `#/invoices/${l.invoice_id}` }, l.invoice_number)),
      h("td", { class: "num" }, daysLate(l.days_late), h("div", { class: "hint" }, `due ${date(l.due_date)}`)),
      h("td", { class: "num" }, money(l.balance, cur)),
      h("td", { class: "num" }, money(l.fee_owed, cur)),
      h("td", { class: "num" }, charged),
      h("td", { class: "num" }, h("strong", {}, money(l.to_charge_now, cur)), charging ? h("div", { class: "hint nowrap" }, period(l.period_from, l.period_through)) : null),
      h(
        "td",
        { class: "num" },
        h(
          "button",
          {
            type: "button",
            class: "button ghost small",
            dataset: { dontCharge: l.invoice_number },
            title: `Don't charge a late fee on ${l.invoice_number}, or on any of ${l.customer_company}'s invoices`,
            // The scope is chosen, not guessed: this invoice, or every
            // invoice of the customer. Said before it is done.
            onclick: async () => {
              const scope = await confirmDialog({
                title: `Don't charge a late fee?`,
                sentence: `Choose what the exemption covers. You can charge again from this screen.`,
                fields: [scopeChoice(l)],
                confirmLabel: "Don't charge",
                onConfirm: async (v) => {
                  if (v.scope === "customer") await api.setLateFeeOptOut(l.customer_id, true);
                  else await api.setInvoiceLateFeeExempt(l.invoice_id, true);
                  return v.scope;
                },
              });
              if (!scope) return;
              toast(scope === "customer" ? `${l.customer_company} will not be charged late fees` : `No late fee on ${l.invoice_number}`);
              rerender();
            },
          },
          "Don't charge…",
        ),
      ),
    );
  };
  return pagedTable({
    id: "late-fee-lines",
    columns: [
      { label: "Customer" },
      { label: "Invoice" },
      { label: "Late", num: true },
      { label: "Balance", num: true },
      { label: "Fee owed", num: true },
      { label: "Already charged", num: true },
      { label: "To charge now", num: true },
      { label: "" },
    ],
    first: v.lines,
    fetch: ({ offset, limit }) => api.lateFeeLines(v.as_of, { offset, limit }),
    row,
    noun: "late fees",
  }).element;
}

/** The two scopes of "Don't charge", this invoice first (the smaller step). */
function scopeChoice(l) {
  const option = (value, label, hint, checked) =>
    h("label", { class: "choice" }, h("input", { type: "radio", name: "scope", value, checked }), h("span", {}, label, h("span", { class: "hint" }, hint)));
  return h(
    "fieldset",
    { class: "span-2 choices", id: "exempt-scope" },
    h("legend", { class: "label" }, "Don't charge"),
    option("invoice", `Only ${l.invoice_number}`, `${l.customer_company}'s other invoices still earn late fees.`, true),
    option("customer", `Every invoice of ${l.customer_company}`, "Now and in future, until you charge them again.", false),
  );
}

function chargeStatus(c, cur) {
  if (c.waived) return h("span", {}, h("span", { class: "badge" }, "Waived"), h("div", { class: "hint" }, c.waiver_reason || ""));
  if (c.state === "void") return h("span", {}, h("span", { class: "badge void" }, "Void"), h("div", { class: "hint" }, c.void_reason || ""));
  if (Number(c.balance) <= 0) return h("span", { class: "badge paid" }, "Paid");
  return h("span", { class: "badge open" }, `${money(c.balance, cur)} due`);
}

function chargesTable(v, ctx, rerender) {
  const cur = v.currency;
  return h(
    "div",
    { class: "table" },
    h(
      "table",
      { id: "finance-charges" },
      h("thead", {}, h("tr", {}, h("th", {}, "Invoice"), h("th", {}, "Customer"), h("th", {}, "Issued"), h("th", {}, "For"), h("th", { class: "num" }, "Total"), h("th", {}, "Status"), h("th", {}))),
      h(
        "tbody",
        {},
        v.charges.map((c) =>
          h(
            "tr",
            { dataset: { invoice: c.invoice_id } },
            h("td", { class: "nowrap" }, h("a", { class: "row-link", href: `#/invoices/${c.invoice_id}` }, c.number)),
            h("td", {}, c.customer_company),
            h("td", { class: "nowrap" }, date(c.issue_date)),
            h(
              "td",
              { class: "muted small" },
              c.fees.map((f) => h("div", { class: "nowrap" }, `${f.invoice_number} · ${money(f.amount, cur)}`, f.through !== c.issue_date ? ` · through ${date(f.through)}` : "")),
            ),
            h("td", { class: "num" }, money(c.total, cur)),
            h("td", {}, chargeStatus(c, cur)),
            h(
              "td",
              { class: "num" },
              !c.waived && c.state === "issued"
                ? h(
                    "button",
                    {
                      type: "button",
                      class: "button ghost small waive",
                      onclick: async () => {
                        const done = await confirmDialog({
                          title: "Waive late fee",
                          sentence: `Waive the late fees on ${c.number} (${money(c.total, cur)}) for ${c.customer_company}? The invoice is voided with your reason, and these days are not charged again.`,
                          confirmLabel: "Waive fee",
                          fields: [field("Reason", "reason", "", { multiline: true, rows: 2, placeholder: "A goodwill gesture: a long-standing customer, late for the first time." })],
                          onConfirm: (form) => api.waiveLateFee(c.invoice_id, form.reason),
                        });
                        if (done) {
                          toast(`Late fee on ${c.number} waived`);
                          rerender();
                        }
                      },
                    },
                    "Waive…",
                  )
                : null,
            ),
          ),
        ),
      ),
    ),
  );
}

export async function render(root, params, ctx) {
  const asOf = params.query.get("as_of") || ctx.today;
  const v = await api.lateFees(asOf);
  const cur = v.currency;
  const rerender = () => ctx.go(`#/late-fees?as_of=${v.as_of}`);
  const picker = h("input", { type: "date", id: "as-of", value: v.as_of, max: ctx.today || null, "aria-label": "As of" });
  picker.addEventListener("change", () => picker.value && ctx.go(`#/late-fees?as_of=${picker.value}`));

  const head = h(
    "header",
    { class: "screen-head" },
    h("div", {}, h("h1", {}, "Late fees"), h("p", { class: "sub", id: "late-fee-policy" }, v.policy)),
    h("div", { class: "actions" }, h("label", { class: "muted" }, "As of ", picker), h("a", { class: "button ghost", href: "#/settings", id: "late-fee-policy-link" }, "Policy…")),
  );

  if (!v.policy_active) {
    mount(root,
      head,
      emptyState(
        "No late-fee policy yet",
        "Choose a flat fee or a percent per month in Settings; Duly then shows here what each overdue invoice owes, and charges it only when you confirm.",
        h("a", { class: "button primary", href: "#/settings" }, "Set a policy"),
      ),
      v.charges.length ? [h("h2", { class: "section-title" }, "Finance-charge invoices"), chargesTable(v, ctx, rerender)] : null,
    );
    return;
  }

  const n = v.to_charge_count;
  const charge = async () => {
    const sentence = `Charge ${plural(n, "late fee", "late fees")} totalling ${money(v.to_charge_total, cur)} as ${v.invoices_to_issue === 1 ? "a finance-charge invoice" : `${v.invoices_to_issue} finance-charge invoices`}?`;
    const applied = await confirmDialog({
      title: "Charge late fees",
      sentence,
      confirmLabel: n === 1 ? "Charge fee" : "Charge fees",
      onConfirm: () => api.applyLateFees(v.as_of),
    });
    if (applied && Array.isArray(applied)) {
      toast(applied.length ? `Issued ${applied.map((a) => a.number).join(", ")}` : "Nothing left to charge");
      rerender();
    }
  };

  const toCharge = v.lines.total
    ? [
        feeTable(v, ctx, rerender),
        h(
          "div",
          { class: "toolbar late-fee-total" },
          h("p", { id: "late-fee-summary" }, n ? `${plural(n, "fee", "fees")} to charge, ${money(v.to_charge_total, cur)} in all, as ${plural(v.invoices_to_issue, "finance-charge invoice", "finance-charge invoices")} (one per customer, untaxed).` : "Everything owed as of this date has been charged."),
          h("button", { type: "button", class: "button primary", id: "charge-late-fees", disabled: n === 0, onclick: charge }, n ? `Charge ${plural(n, "late fee", "late fees")}…` : "Nothing to charge"),
        ),
      ]
    : [emptyState("No late fees owed", v.paused ? `As of ${date(v.as_of)}, ${plural(v.paused, "overdue invoice is", "overdue invoices are")} paused by a dispute, a payment plan or a pending promise, and earn${v.paused === 1 ? "s" : ""} no fee while paused. No other invoice is past its due date and grace days.` : v.exempt_invoices.length || v.opted_out.length ? `As of ${date(v.as_of)}, no invoice you charge late fees on is past its due date and grace days. Those you chose not to charge are listed below.` : `As of ${date(v.as_of)}, no invoice is past its due date and grace days with a balance.`, null)];
  const pausedNote = v.lines.total && v.paused ? h("p", { class: "hint", id: "late-fees-paused" }, `${plural(v.paused, "overdue invoice is", "overdue invoices are")} not listed: paused by a dispute, a payment plan or a pending promise.`) : null;

  mount(root,
    head,
    h("h2", { class: "section-title first" }, `Owed as of ${date(v.as_of)}`),
    ...toCharge,
    pausedNote,
    h("h2", { class: "section-title" }, "Finance-charge invoices"),
    v.charges.length ? chargesTable(v, ctx, rerender) : h("p", { class: "muted" }, "None yet. Charged fees appear here, where you can waive them."),
    v.exempt_invoices.length
      ? h(
          "section",
          { id: "late-fee-exempt-invoices" },
          h("h2", { class: "section-title" }, "Invoices not charged late fees"),
          h(
            "ul",
            { class: "plain-list" },
            v.exempt_invoices.map((x) =>
              h(
                "li",
                {},
                h("a", { class: "row-link", href: `#/invoices/${x.invoice_id}` }, x.number),
                ` · ${x.company} `,
                h("button", { type: "button", class: "button ghost small", onclick: async () => { await api.setInvoiceLateFeeExempt(x.invoice_id, false); toast(`${x.number} will be charged late fees again`); rerender(); } }, "Charge again"),
              ),
            ),
          ),
        )
      : null,
    v.opted_out.length
      ? h(
          "section",
          { id: "late-fee-opted-out" },
          h("h2", { class: "section-title" }, "Never charged late fees"),
          h(
            "ul",
            { class: "plain-list" },
            v.opted_out.map((o) =>
              h(
                "li",
                {},
                h("a", { class: "row-link", href: `#/customers/${o.customer_id}` }, o.company),
                " ",
                h("button", { type: "button", class: "button ghost small", onclick: async () => { await api.setLateFeeOptOut(o.customer_id, false); toast(`${o.company} will be charged late fees again`); rerender(); } }, "Charge again"),
              ),
            ),
          ),
        )
      : null,
  );
}
