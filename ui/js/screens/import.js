// Import (#/import): customers or open invoices from another program's CSV
// export. Choose what and the file; say what each column is (Duly suggests
// from the column names); check the file, which lists every row it would
// skip or refuse and why; then import, all rows or none.

import { api } from "../api.js";
import { h, toast, clear, mount } from "../dom.js";
import { showErrors, clearErrors } from "../forms.js";
import { confirmDialog } from "../modal.js";

const KINDS = [
  ["customers", "Customers"],
  ["invoices", "Open invoices"],
];

const DATE_FORMATS = [
  ["iso", "2026-11-25 (year-month-day)"],
  ["month_day_year", "11/25/2026 (month/day/year)"],
  ["day_month_year", "25/11/2026 (day/month/year)"],
  ["day_month_year_dots", "25.11.2026 (day.month.year)"],
];

function notes(title, rows, id) {
  if (!rows.length) return null;
  return h(
    "section",
    { id },
    h("h3", { class: "section-title" }, title),
    h("ul", {}, rows.map((r) => h("li", {}, h("strong", {}, `Line ${r.line}: `), r.reasons.join(" ")))),
  );
}

/** The column mapping step; the bank statement screen uses it for a bank's CSV export. */
export function mappingForm(view) {
  const choices = [["", "— Leave out —"], ...view.fields.map((f) => [f.key, f.required ? `${f.label} (required)` : f.label])];
  const rows = view.headers.map((header, i) => {
    const select = h(
      "select",
      { name: `mapping[${i}]`, dataset: { field: `mapping[${i}]` }, "aria-label": `What ${header} holds` },
      choices.map(([key, label]) => h("option", { value: key, selected: key === view.suggested.columns[i] }, label)),
    );
    const samples = view.samples.map((row) => row[i]).filter((v) => v && v.trim());
    return h("tr", {}, h("td", {}, h("strong", {}, header)), h("td", { class: "muted pre" }, samples.join("\n")), h("td", {}, select));
  });
  const invoiceOptions =
    view.kind !== "customers" // invoices and bank statements have dates and amounts
      ? h(
          "div",
          { class: "grid-3 section-gap" },
          h("label", { class: "field" }, "Dates are written like", h("select", { name: "date_format", id: "date-format" }, DATE_FORMATS.map(([k, label]) => h("option", { value: k, selected: k === view.suggested.date_format }, label)))),
          h("label", { class: "field inline-field" }, h("input", { type: "checkbox", name: "decimal_comma", id: "decimal-comma", checked: view.suggested.decimal_comma }), " Amounts use a decimal comma (1.234,50)"),
        )
      : null;
  return h(
    "form",
    { class: "card", id: "import-mapping", novalidate: true },
    h("h2", { class: "section-title first" }, `${view.name}: ${view.rows === 1 ? "1 row" : `${view.rows} rows`}`),
    h("p", { class: "hint" }, `Separated by ${view.separator === "tab" ? "tabs" : `“${view.separator}”`}. Say what each column holds; several columns for one name or address are joined.`),
    h("div", { class: "table section-gap" }, h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Column"), h("th", {}, "First values"), h("th", {}, "Import as"))), h("tbody", {}, rows))),
    invoiceOptions,
    h("div", { "data-form-errors": "" }),
    h("div", { class: "actions form-actions" }, h("button", { type: "submit", class: "button primary", id: "check-import" }, "Check the file")),
  );
}

export function readMapping(form, view) {
  const columns = view.headers.map((_, i) => form.querySelector(`[name="mapping[${i}]"]`).value);
  const dateFormat = form.querySelector("[name=date_format]");
  const comma = form.querySelector("[name=decimal_comma]");
  return { columns, date_format: dateFormat ? dateFormat.value : "iso", decimal_comma: comma ? comma.checked : false };
}

export async function render(root, _params, ctx) {
  let kind = "customers";
  const step = h("div", { id: "import-step" });
  const kindSelect = h("select", { id: "import-kind", "aria-label": "What to import" }, KINDS.map(([k, label]) => h("option", { value: k }, label)));
  kindSelect.addEventListener("change", () => {
    kind = kindSelect.value;
    clear(step);
  });
  const chooser = h(
    "div",
    { class: "card", id: "import-choose" },
    h("h2", { class: "section-title first" }, "What and from which file"),
    h("p", { class: "hint" }, "A CSV file exported from your old invoicing program or a spreadsheet (UTF-8 or Windows encoding, commas, semicolons or tabs). Import customers first, then their open invoices: each becomes a Duly invoice with the next number and a note of its old one."),
    h(
      "div",
      { class: "actions section-gap" },
      h("label", { class: "inline-field" }, "Import ", kindSelect),
      h("button", { type: "button", class: "button primary", id: "choose-import-file", onclick: () => choose() }, "Choose CSV file…"),
    ),
    h("div", { "data-form-errors": "" }),
  );

  async function choose() {
    clearErrors(chooser);
    let view;
    try {
      view = await api.chooseImportFile(kind);
    } catch (error) {
      showErrors(chooser, error);
      return;
    }
    if (view) showMapping(view);
  }

  function showMapping(view) {
    const form = mappingForm(view);
    const result = h("div", { id: "import-preview" });
    form.addEventListener("change", () => clear(result)); // a new choice needs a new check
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearErrors(form);
      clear(result);
      const mapping = readMapping(form, view);
      try {
        showPreview(result, await api.previewImport(view.kind, mapping), mapping);
      } catch (error) {
        showErrors(form, error);
      }
    });
    clear(step).append(form, result);
  }

  function showPreview(result, preview, mapping) {
    const what = preview.kind === "customers" ? "customers" : "invoices";
    const ok = !preview.rejected.length && preview.ready > 0;
    const run = async () => {
      const done = await confirmDialog({
        title: `Import ${preview.ready} ${what}?`,
        sentence: "They are added to your book in one go; the audit trail records each one.",
        confirmLabel: `Import ${what}`,
        onConfirm: () => api.runImport(preview.kind, mapping),
      });
      if (done) {
        toast(`Imported ${done.imported} ${what}${done.skipped ? `, skipped ${done.skipped}` : ""}`);
        ctx.go(preview.kind === "customers" ? "#/customers" : "#/invoices");
      }
    };
    mount(
      clear(result),
      h(
        "div",
        { class: "card section-gap" },
        h("h2", { class: "section-title first" }, preview.rejected.length ? `${preview.rejected.length === 1 ? "1 row needs" : `${preview.rejected.length} rows need`} fixing first` : `${preview.ready} ${what} ready to import`),
        preview.rejected.length ? h("p", { class: "hint" }, "Nothing is imported until every row is right: fix these in the file (and choose it again) or change the column choices.") : null,
        notes("Refused", preview.rejected, "import-rejected"),
        preview.ready_sample.length ? h("section", {}, h("h3", { class: "section-title" }, "Ready"), h("ul", { id: "import-ready" }, preview.ready_sample.map((s) => h("li", {}, s))), preview.ready > preview.ready_sample.length ? h("p", { class: "muted" }, `…and ${preview.ready - preview.ready_sample.length} more.`) : null) : null,
        notes("Skipped (nothing to do)", preview.skipped, "import-skipped"),
        h("div", { class: "actions form-actions" }, h("button", { type: "button", class: "button primary", id: "run-import", disabled: !ok, onclick: run }, `Import ${preview.ready} ${what}`)),
      ),
    );
  }

  mount(
    root,
    h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Import"), h("p", { class: "sub" }, "Customers and open invoices from another program."))),
    chooser,
    step,
  );
}
