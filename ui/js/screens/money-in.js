// Money in (#/money-in): the bank's statement file, matched. Choose the file
// (CAMT.053/054, OFX/QFX, or a CSV export, whose columns are mapped first);
// every line shows what Duly proposes and why; the owner keeps, changes or
// skips each; one button records them all, in one transaction, as if typed.

import { api } from "../api.js";
import { h, toast, clear, mount, emptyState } from "../dom.js";
import { money, date, methodWord } from "../format.js";
import { showErrors, clearErrors } from "../forms.js";
import { confirmDialog } from "../modal.js";
import { customerPicker } from "../customer-picker.js";
import { mappingForm, readMapping } from "./import.js";

const CONFIDENCE = { high: "Sure", medium: "Likely", low: "Check this" };
const IMPORTED = { paid: "recorded as a payment", reversed: "recorded as a reversal", skipped: "skipped as not a payment" };

function confidenceBadge(level) {
  return h("span", { class: `badge confidence-${level}` }, CONFIDENCE[level] || level);
}

/**
 * The decision control of one line, and how to read it back: a select of
 * what to do and, when the owner says someone else paid, a row under the
 * line with a customer picker.
 */
function decisionCell(line, onchange) {
  const p = line.proposal;
  if (p.kind === "imported" || (p.kind === "left_out" && !p.assignable)) {
    return { cell: h("td", { class: "muted" }, "—"), extra: null, read: () => null };
  }
  const options = [];
  if (p.kind === "payment") options.push(["pay", "Record payment"]);
  if (p.kind === "reversal") options.push(["reverse", "Take the payment back"]);
  if (line.credit) options.push(["other", p.kind === "payment" ? "Someone else paid…" : "Choose who paid…"]);
  options.push(["skip", "Not a payment (skip)"]);
  options.push(["later", "Leave for later"]);
  const initial = p.kind === "payment" ? (p.confidence === "low" ? "later" : "pay") : p.kind === "reversal" ? "reverse" : "later";
  const select = h(
    "select",
    { "aria-label": `What to do with ${line.counterparty || "this line"}`, dataset: { line: line.line }, class: "decision" },
    options.map(([value, label]) => h("option", { value, selected: value === initial }, label)),
  );
  const picker = customerPicker({ id: `payer-${line.line}`, name: `payer_${line.line}`, onchange });
  picker.input.placeholder = "Who paid? Type a company or contact name";
  const extra = h(
    "tr",
    { class: "payer-row", hidden: true },
    h("td", { colspan: 5 }, h("label", { class: "payer-choice", for: `payer-${line.line}` }, `Who paid ${money(line.amount, line.currency)}?`), picker.element, h("p", { class: "hint" }, "It goes to their oldest invoices first; anything left over is their credit.")),
  );
  select.addEventListener("change", () => {
    extra.hidden = select.value !== "other";
    if (!extra.hidden) picker.input.focus();
    onchange();
  });
  const read = () => {
    switch (select.value) {
      case "pay":
        return { action: "pay", line: line.line, customer_id: p.customer_id, allocations: p.shares.map((s) => ({ invoice_id: s.invoice_id, amount: s.amount })) };
      case "reverse":
        return { action: "reverse", line: line.line, payment_id: p.payment_id };
      case "other": {
        const id = picker.value;
        return id ? { action: "pay", line: line.line, customer_id: id, allocations: [] } : null;
      }
      case "skip":
        return { action: "skip", line: line.line };
      default:
        return null;
    }
  };
  return { cell: h("td", { class: "decision-cell" }, select), extra, read };
}

function proposalCell(line) {
  const p = line.proposal;
  const cur = line.currency;
  switch (p.kind) {
    case "payment":
      return h(
        "td",
        { class: "proposal-cell" },
        h("div", {}, h("strong", {}, p.company), " ", confidenceBadge(p.confidence)),
        h("div", { class: "muted small" }, p.shares.length ? `Pays ${p.shares.map((s) => `${s.number} ${money(s.amount, cur)}`).join(", ")}` : "No open invoice: kept as credit", Number(p.credit) && p.shares.length ? `, ${money(p.credit, cur)} as credit` : "", ` · ${methodWord(p.method)}`),
        h("div", { class: "hint" }, p.reason),
      );
    case "reversal":
      return h(
        "td",
        { class: "proposal-cell" },
        h("div", {}, "Take back the payment of ", date(p.received_on), " from ", h("strong", {}, p.company), " ", confidenceBadge(p.confidence)),
        h("div", { class: "hint" }, p.reason),
      );
    case "imported":
      return h("td", { class: "proposal-cell muted" }, `Imported on ${date(p.on)}: ${IMPORTED[p.outcome] || p.outcome}.`);
    default:
      return h("td", { class: "proposal-cell muted" }, p.reason);
  }
}

function reviewTable(review, onchange) {
  const readers = [];
  const amounts = new Map(review.lines.map((l) => [l.line, l.amount]));
  const rows = review.lines.flatMap((line) => {
    const { cell, extra, read } = decisionCell(line, onchange);
    readers.push(read);
    const quiet = line.proposal.kind === "imported" || (line.proposal.kind === "left_out" && !line.proposal.assignable);
    const row = h(
      "tr",
      { class: quiet ? "quiet" : "", dataset: { line: line.line, kind: line.proposal.kind } },
      h("td", { class: "nowrap", title: `In the file: ${line.source}` }, date(line.booked_on)),
      h("td", {}, h("div", {}, line.counterparty || "—"), h("div", { class: "muted small" }, line.text)),
      h("td", { class: `num nowrap${line.credit ? "" : " muted"}` }, money(line.amount, line.currency)),
      proposalCell(line),
      cell,
    );
    return extra ? [row, extra] : [row];
  });
  const table = h(
    "div",
    { class: "table section-gap" },
    h("table", { id: "statement-lines" }, h("thead", {}, h("tr", {}, h("th", {}, "Booked"), h("th", {}, "From / to"), h("th", { class: "num" }, "Amount"), h("th", {}, "Duly proposes"), h("th", {}, "Your decision"))), h("tbody", {}, rows)),
  );
  return { table, decisions: () => readers.map((r) => r()).filter(Boolean), amountOf: (line) => amounts.get(line) };
}

/** Exact sum of canonical decimal strings of one currency (all with its decimals). */
function sum(amounts) {
  if (!amounts.length) return "0";
  const scale = (amounts[0].split(".")[1] || "").length;
  const total = amounts.reduce((acc, a) => acc + BigInt(a.replace(".", "")), 0n);
  const digits = total.toString().padStart(scale + 1, "0");
  return scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
}

export async function render(root, _params, ctx) {
  const step = h("div", { id: "money-in-step" });
  const chooser = h(
    "div",
    { class: "card", id: "money-in-choose" },
    h("h2", { class: "section-title first" }, "Your bank's statement file"),
    h(
      "p",
      { class: "hint" },
      "Download the statement from your online banking as CAMT.053 (or .054), OFX/QFX, or CSV. Duly matches each payment by the invoice's reference or number, a promised check's number, or the payer's name and amount. Nothing is recorded until you confirm, and a line imported once is never imported twice.",
    ),
    h("div", { class: "actions section-gap" }, h("button", { type: "button", class: "button primary", id: "choose-statement", onclick: () => choose() }, "Choose statement file…")),
    h("div", { "data-form-errors": "" }),
  );

  async function choose() {
    clearErrors(chooser);
    let chosen;
    try {
      chosen = await api.chooseBankStatement();
    } catch (error) {
      showErrors(chooser, error);
      return;
    }
    if (!chosen) return;
    if (chosen.step === "map") showMapping(chosen.view);
    else showReview(chosen.review);
  }

  function showMapping(view) {
    chooser.hidden = true;
    const form = mappingForm(view);
    const submit = form.querySelector("#check-import");
    submit.textContent = "Read the statement";
    submit.after(h("button", { type: "button", class: "button", id: "choose-another", onclick: () => choose() }, "Choose another file…"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearErrors(form);
      try {
        showReview(await api.mapBankStatement(readMapping(form, view)));
      } catch (error) {
        showErrors(form, error);
      }
    });
    clear(step).append(form);
  }

  function showReview(review) {
    const action = h("button", { type: "button", class: "button primary", id: "confirm-statement" }, "Record");
    const errors = h("div", { "data-form-errors": "" });
    const box = h("section", { class: "card section-gap", id: "statement-review" });
    const counts = h("p", { class: "hint", id: "statement-counts" });
    const { table, decisions, amountOf } = reviewTable(review, () => label());
    const currency = review.currency;
    // What the button and the question say: how many, and how much.
    const wording = () => {
      const chosen = decisions();
      const pays = chosen.filter((d) => d.action === "pay");
      const reversals = chosen.filter((d) => d.action === "reverse").length;
      const parts = [];
      if (pays.length) parts.push(`${pays.length === 1 ? "1 payment" : `${pays.length} payments`} of ${money(sum(pays.map((d) => amountOf(d.line))), currency)}`);
      if (reversals) parts.push(reversals === 1 ? "1 reversal" : `${reversals} reversals`);
      const skips = chosen.filter((d) => d.action === "skip").length;
      if (!parts.length && skips) parts.push(skips === 1 ? "1 line as not a payment" : `${skips} lines as not payments`);
      return { chosen, pays: pays.length, text: parts.length ? `Record ${parts.join(" and ")}` : "Nothing to record" };
    };
    const label = () => {
      const { chosen, text } = wording();
      action.textContent = text;
      action.disabled = !chosen.length;
      const toCheck = review.lines.filter((l) => l.proposal.kind === "payment" && l.proposal.confidence === "low").length;
      counts.textContent = [
        `${review.lines.length} ${review.lines.length === 1 ? "line" : "lines"}`,
        review.payments ? `${review.payments} ${review.payments === 1 ? "payment" : "payments"} matched${toCheck ? ` (${toCheck} to check)` : ""}` : null,
        review.reversals ? `${review.reversals} returned` : null,
        review.left_out ? `${review.left_out} left out` : null,
        review.imported_before ? `${review.imported_before} imported before` : null,
        review.not_booked ? `${review.not_booked} not booked by the bank yet, not shown` : null,
        `${chosen.length} chosen to record`,
      ]
        .filter(Boolean)
        .join(" · ");
      // Leaving with decisions made asks first.
      ctx.unsaved = chosen.length ? () => true : null;
    };
    action.addEventListener("click", async () => {
      clearErrors(box);
      const { chosen, pays, text } = wording();
      const done = await confirmDialog({
        title: `${text}?`,
        sentence: `${pays ? "Each payment is recorded as if typed, dated as the bank booked it, and counts toward promises and plans. " : ""}Lines you skip are remembered; lines left for later are offered again next time.`,
        confirmLabel: text,
        onConfirm: () => api.confirmBankStatement(chosen),
      }).catch((error) => {
        showErrors(box, error);
        return null;
      });
      if (!done) return;
      const said = [];
      if (done.paid) said.push(`${done.paid === 1 ? "1 payment" : `${done.paid} payments`} of ${money(done.total, done.currency)} recorded`);
      if (done.reversed) said.push(`${done.reversed} taken back`);
      if (done.skipped) said.push(`${done.skipped} skipped`);
      toast(said.join(", ") || "Done");
      ctx.unsaved = null;
      ctx.go("#/week");
    });
    chooser.hidden = true;
    mount(
      box,
      h(
        "div",
        { class: "section-head" },
        h("h2", { class: "section-title first" }, `${review.name} (${review.format})`),
        h("button", { type: "button", class: "button small", id: "choose-another", onclick: () => choose() }, "Choose another file…"),
      ),
      counts,
      review.lines.length ? table : emptyState("No booked lines", "This statement has nothing booked yet."),
      errors,
      h("div", { class: "actions form-actions" }, action),
    );
    label();
    clear(step).append(box);
  }

  mount(
    root,
    h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Money in"), h("p", { class: "sub" }, "Import your bank statement; confirm what Duly matched."))),
    chooser,
    step,
  );
}
