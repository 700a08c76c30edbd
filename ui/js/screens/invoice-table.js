// The invoice table, shared by the Invoices screen and the customer page.

import { h } from "../dom.js";
import { money, date, statusWord, daysLate } from "../format.js";

export function invoiceTable(rows, ctx, { showCustomer = true } = {}) {
  return h(
    "div",
    { class: "table" },
    h(
      "table",
      { class: "invoice-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, "Number"),
          showCustomer ? h("th", {}, "Customer") : null,
          h("th", {}, "Issued"),
          h("th", {}, "Due"),
          h("th", {}, "Status"),
          h("th", { class: "num" }, "Total"),
          h("th", { class: "num" }, "Balance"),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((r) =>
          h(
            "tr",
            { class: "clickable", dataset: { id: r.id, status: r.status }, onclick: () => ctx.go(`#/invoices/${r.id}`) },
            h("td", {}, h("a", { class: "row-link", href: `#/invoices/${r.id}` }, r.number || "Draft")),
            showCustomer ? h("td", {}, r.customer_company) : null,
            h("td", { class: "muted" }, date(r.issue_date)),
            h("td", { class: "muted" }, date(r.due_date)),
            h("td", {}, h("span", { class: `badge ${r.status}` }, statusWord(r.status)), r.days_past_due ? h("span", { class: "late" }, ` ${daysLate(r.days_past_due)}`) : null),
            h("td", { class: "num" }, money(r.total, r.currency)),
            h("td", { class: "num" }, r.status === "void" || r.status === "draft" ? "" : money(r.balance, r.currency)),
          ),
        ),
      ),
    ),
  );
}
