// The draft editor: customer, lines, fees and notes, with totals computed live
// by the Rust core (the `preview` command), so the window never does its own
// arithmetic on money.

import { api } from "../api.js";
import { h, clear, toast, mount } from "../dom.js";
import { money, percent } from "../format.js";
import { field, showErrors, clearErrors } from "../forms.js";
import { confirmDialog } from "../modal.js";
import { customerPicker } from "../customer-picker.js";

/** New invoice: `#/invoices/new?customer=12`. */
export async function render(root, params, ctx) {
  const customer = Number(params.query.get("customer")) || null;
  await renderDraft(root, { id: null, customer_id: customer, lines: [emptyLine()], fees: [], notes: "" }, ctx);
}

/** Whom the draft bills, as the picker shows it (null: not chosen yet). */
async function billedTo(invoice) {
  if (!invoice.customer_id) return null;
  if (invoice.customer_company) return { id: invoice.customer_id, company: invoice.customer_company };
  const c = await api.customer(invoice.customer_id);
  return { id: c.id, company: c.company };
}

function emptyLine() {
  return { description: "", quantity: "1", unit: "", unit_price: "", discount_percent: "", tax_rate_id: null };
}

/** Edits a draft (`invoice.id` null for a new one). */
export async function renderDraft(root, invoice, ctx) {
  const [billed, settings] = await Promise.all([billedTo(invoice), api.settings()]);
  const currency = settings.profile.currency;
  const touched = new Set();
  let id = invoice.id;
  let showAll = false;

  const picker = customerPicker({
    id: "invoice-customer",
    chosen: billed,
    autofocus: !billed,
    onchange: () => {
      dirty = true;
      refresh();
    },
  });
  const lineBody = h("tbody", { id: "line-rows" });
  const feeList = h("div", { id: "fee-rows", class: "fee-rows" });
  const notes = field("Notes for the customer", "notes", invoice.notes, { multiline: true, rows: 2 });
  const totalsBox = h("div", { class: "card totals", id: "totals" });
  const form = h("form", { id: "invoice-form", novalidate: true });

  const rateOptions = (current) => {
    const rates = settings.tax_rates.filter((r) => !r.archived || r.id === current);
    return [h("option", { value: "" }, "No tax"), rates.map((r) => h("option", { value: r.id, selected: r.id === current }, `${r.name} (${percent(r.percent)})`))];
  };

  const addLine = (line) => {
    const row = h(
      "tr",
      { class: "line-row" },
      h("td", { class: "col-desc" }, h("textarea", { rows: 1, "aria-label": "Description", "data-key": "description", placeholder: "What you did or delivered" }, line.description)),
      h("td", { class: "col-qty" }, h("input", { class: "num-input", inputmode: "decimal", "aria-label": "Quantity", "data-key": "quantity", value: line.quantity })),
      h("td", { class: "col-unit" }, h("input", { "aria-label": "Unit", "data-key": "unit", placeholder: "h", value: line.unit })),
      h("td", { class: "col-price" }, h("input", { class: "num-input", inputmode: "decimal", "aria-label": "Unit price", "data-key": "unit_price", value: line.unit_price })),
      h("td", { class: "col-disc" }, h("input", { class: "num-input", inputmode: "decimal", "aria-label": "Discount %", "data-key": "discount_percent", placeholder: "0", value: line.discount_percent })),
      h("td", { class: "col-tax" }, h("select", { "aria-label": "Tax rate", "data-key": "tax_rate_id" }, rateOptions(line.tax_rate_id))),
      h("td", { class: "col-amount num line-amount" }, ""),
      h("td", { class: "col-x" }, h("button", { type: "button", class: "button ghost small remove-line", "aria-label": "Remove line", onclick: () => { row.remove(); renumber(); refresh(); } }, "×")),
    );
    lineBody.appendChild(row);
    renumber();
    return row;
  };

  const addFee = (fee) => {
    const row = h(
      "div",
      { class: "fee-row grid-3" },
      h("label", { class: "field" }, "Fee", h("input", { "data-key": "name", placeholder: "Shipping", value: fee.name })),
      h("label", { class: "field" }, "Amount", h("input", { class: "num-input", inputmode: "decimal", "data-key": "amount", value: fee.amount })),
      h("div", { class: "fee-remove" }, h("button", { type: "button", class: "button ghost small", onclick: () => { row.remove(); renumber(); refresh(); } }, "Remove fee")),
    );
    feeList.appendChild(row);
    renumber();
    return row;
  };

  // Field paths follow row order, so they are rewritten after every add/remove.
  function renumber() {
    [...lineBody.querySelectorAll("tr")].forEach((row, i) => {
      for (const el of row.querySelectorAll("[data-key]")) el.dataset.field = `lines[${i}].${el.dataset.key}`;
    });
    [...feeList.querySelectorAll(".fee-row")].forEach((row, i) => {
      for (const el of row.querySelectorAll("[data-key]")) el.dataset.field = `fees[${i}].${el.dataset.key}`;
    });
  }

  const collect = () => ({
    customer_id: picker.value,
    lines: [...lineBody.querySelectorAll("tr")].map((row) => {
      const v = (k) => row.querySelector(`[data-key="${k}"]`).value;
      return { description: v("description"), quantity: v("quantity"), unit: v("unit"), unit_price: v("unit_price"), discount_percent: v("discount_percent"), tax_rate_id: v("tax_rate_id") ? Number(v("tax_rate_id")) : null };
    }),
    fees: [...feeList.querySelectorAll(".fee-row")].map((row) => ({ name: row.querySelector('[data-key="name"]').value, amount: row.querySelector('[data-key="amount"]').value })),
    notes: form.querySelector('[name="notes"]').value,
  });

  // Without totals, say why: a field shown in error, or lines not filled in yet.
  const drawTotals = (t, flagged) => {
    clear(totalsBox);
    const amounts = [...lineBody.querySelectorAll(".line-amount")];
    amounts.forEach((cell, i) => (cell.textContent = t ? money(t.line_amounts[i], currency) : "—"));
    totalsBox.appendChild(h("h2", { class: "totals-title" }, "Total"));
    if (!t) {
      totalsBox.appendChild(h("p", { class: "muted" }, flagged ? "Fix the highlighted fields to see the totals." : "The totals appear as you fill in the lines."));
      return;
    }
    totalsBox.appendChild(
      h(
        "dl",
        {},
        h("dt", {}, "Subtotal"), h("dd", { id: "total-subtotal" }, money(t.subtotal, currency)),
        t.taxes.map((x) => [h("dt", {}, `${x.name} on ${money(x.base, currency)}`), h("dd", { class: "total-tax" }, money(x.amount, currency))]),
        collect().fees.map((f, i) => [h("dt", {}, f.name || `Fee ${i + 1}`), h("dd", {}, money(f.amount, currency))]),
        h("dt", { class: "grand" }, "Total"), h("dd", { class: "grand", id: "total-total" }, money(t.total, currency)),
      ),
    );
  };

  let seq = 0;
  async function refresh() {
    const mine = ++seq;
    const result = await api.previewInvoice(collect());
    if (mine !== seq) return;
    const visible = result.problems.filter((p) => showAll || touched.has(p.field));
    clearErrors(form);
    if (visible.length) showErrors(form, { fields: visible, message: "" }, { focus: false });
    drawTotals(result.totals, visible.length > 0);
    if (!visible.length) clearErrors(form);
  }

  let timer;
  // Typed and not yet saved: leaving asks first (see ctx.unsaved).
  let dirty = false;
  ctx.unsaved = () => dirty;
  form.addEventListener("input", () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
  form.addEventListener("focusout", (e) => {
    if (e.target.dataset && e.target.dataset.field) {
      touched.add(e.target.dataset.field);
      refresh();
    }
  });

  const save = async () => {
    showAll = true;
    try {
      const saved = await api.saveDraft(id, collect());
      id = saved.id;
      dirty = false;
      return saved;
    } catch (error) {
      showErrors(form, error);
      return null;
    }
  };

  const issue = async () => {
    const saved = await save();
    if (!saved) return;
    const done = await confirmDialog({
      title: "Issue this invoice?",
      sentence: `It gets the next invoice number and can no longer be edited, only voided. Total ${money(saved.totals.total, currency)} to ${saved.customer_company}.`,
      confirmLabel: "Issue invoice",
      fields: [
        field("Issue date", "issue_date", ctx.today, { type: "date" }),
        field("Due date", "due_date", "", { type: "date", hint: "Empty: issue date plus the payment terms." }),
      ],
      onConfirm: (v) => api.issueInvoice(saved.id, v),
    });
    if (done) {
      toast(`Invoice ${done.number} issued`);
      ctx.go(`#/invoices/${saved.id}`);
    }
  };

  const remove = async () => {
    const done = await confirmDialog({
      title: "Delete this draft?",
      sentence: "The draft has no number yet and will be removed for good.",
      confirmLabel: "Delete draft",
      onConfirm: () => api.deleteDraft(id),
    });
    if (done) {
      dirty = false;
      toast("Draft deleted");
      ctx.go("#/invoices");
    }
  };

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const saved = await save();
    if (saved) {
      toast("Draft saved");
      ctx.go(`#/invoices/${saved.id}`);
    }
  });

  for (const line of invoice.lines.length ? invoice.lines : [emptyLine()]) addLine(line);
  for (const fee of invoice.fees) addFee(fee);

  mount(form, 
    // The lines take the whole width (every column readable at 1024 px):
    // "Bill to" and the actions above them, the notes and the totals below,
    // as on the invoice itself.
    h(
      "div",
      { class: "editor invoice-editor" },
      h("div", { class: "card editor-bill" }, h("label", { class: "field" }, "Bill to", picker.element)),
      h(
        "div",
        { class: "actions stack editor-actions" },
        h("button", { type: "submit", class: "button primary", id: "save-draft" }, "Save draft"),
        h("button", { type: "button", class: "button", id: "issue-invoice", onclick: issue }, "Issue invoice…"),
        id ? h("button", { type: "button", class: "button ghost danger", id: "delete-draft", onclick: remove }, "Delete draft") : null,
      ),
      h(
        "div",
        { class: "card editor-lines" },
        h("h2", { class: "section-title first" }, "Lines"),
        h(
          "table",
          { class: "lines" },
          // The header's classes set the columns' widths (the table's layout is fixed).
          h("thead", {}, h("tr", {}, h("th", { class: "col-desc" }, "Description"), h("th", { class: "num col-qty" }, "Qty"), h("th", { class: "col-unit" }, "Unit"), h("th", { class: "num col-price" }, "Unit price"), h("th", { class: "num col-disc" }, "Disc. %"), h("th", { class: "col-tax" }, "Tax"), h("th", { class: "num col-amount" }, "Amount"), h("th", { class: "col-x" }))),
          lineBody,
        ),
        h("div", { class: "actions line-actions" },
          h("button", { type: "button", class: "button small", id: "add-line", onclick: () => { addLine(emptyLine()).querySelector("textarea").focus(); } }, "Add line"),
          h("button", { type: "button", class: "button small", id: "add-fee", onclick: () => { addFee({ name: "", amount: "" }).querySelector("input").focus(); } }, "Add fee"),
        ),
        feeList,
      ),
      h("div", { class: "card editor-notes" }, notes),
      h("aside", { class: "editor-totals" }, totalsBox),
      h("div", { class: "editor-errors", "data-form-errors": "" }),
    ),
  );

  mount(root, 
    h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, id ? "Draft invoice" : "New invoice"), h("p", { class: "sub" }, "Drafts have no number until you issue them."))),
    form,
  );
  await refresh();
}
