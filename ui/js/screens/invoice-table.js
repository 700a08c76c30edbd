// The invoice table, shared by the Invoices screen and the customer page:
// sortable by any column, over every row given (a long list is cut only
// after sorting, so "largest balance first" means of them all).

import { h, clear, mount } from "../dom.js";
import { money, date, statusWord, daysLate } from "../format.js";
import { sorter } from "../sort.js";

export function invoiceTable(rows, ctx, { showCustomer = true, limit = Infinity } = {}) {
  const columns = [
    { label: "Number", key: (r) => r.number || "", cell: "col-number" },
    showCustomer ? { label: "Customer", key: "customer_company" } : null,
    { label: "Issued", key: "issue_date", type: "date", cell: "col-issued" },
    { label: "Due", key: "due_date", type: "date", cell: "col-due" },
    { label: "Status", key: (r) => statusWord(r.status) },
    { label: "Total", key: "total", type: "decimal", num: true },
    { label: "Balance", key: (r) => (r.status === "void" || r.status === "draft" ? "0" : r.balance), type: "decimal", num: true },
  ].filter(Boolean);
  const box = h("div", { class: "table" });
  const sort = sorter(columns, () => draw());
  const draw = () => {
    const body = h(
      "tbody",
      {},
      sort
        .sort(rows)
        .slice(0, limit)
        .map((r) =>
          h(
            "tr",
            { class: "clickable", dataset: { id: r.id, status: r.status }, onclick: () => ctx.go(`#/invoices/${r.id}`) },
            h("td", { class: "col-number" }, h("a", { class: "row-link", href: `#/invoices/${r.id}` }, r.number || "Draft")),
            showCustomer ? h("td", {}, r.customer_company) : null,
            h("td", { class: "muted col-issued" }, date(r.issue_date)),
            h("td", { class: "muted col-due" }, date(r.due_date)),
            h("td", {}, h("span", { class: `badge ${r.status}` }, statusWord(r.status)), r.days_past_due ? h("span", { class: "late" }, ` ${daysLate(r.days_past_due)}`) : null),
            h("td", { class: "num" }, money(r.total, r.currency)),
            h("td", { class: "num" }, r.status === "void" || r.status === "draft" ? "" : money(r.balance, r.currency)),
          ),
        ),
    );
    mount(clear(box), h("table", { class: "invoice-table" }, sort.head(), body));
  };
  draw();
  return box;
}
