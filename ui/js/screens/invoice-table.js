// The invoice table, shared by the Invoices screen (a page at a time, sorted
// in Rust over the whole book) and the customer page (one customer's
// invoices, sorted here).

import { h, clear, mount } from "../dom.js";
import { money, date, statusWord, daysLate } from "../format.js";
import { sorter } from "../sort.js";
import { pagedTable } from "../pager.js";

const owes = (r) => r.status !== "void" && r.status !== "draft";

/** The columns, with the key the customer page sorts by and the name Rust sorts by. */
function columns(showCustomer) {
  return [
    { label: "Number", key: (r) => r.number || "", sort: "number", cell: "col-number" },
    showCustomer ? { label: "Customer", key: "customer_company", sort: "customer" } : null,
    { label: "Issued", key: "issue_date", type: "date", sort: "issued", cell: "col-issued" },
    { label: "Due", key: "due_date", type: "date", sort: "due", cell: "col-due" },
    { label: "Status", key: (r) => statusWord(r.status), sort: "status" },
    { label: "Total", key: "total", type: "decimal", sort: "total", num: true },
    { label: "Balance", key: (r) => (owes(r) ? r.balance : "0"), type: "decimal", sort: "balance", num: true },
  ].filter(Boolean);
}

function row(r, ctx, showCustomer) {
  return h(
    "tr",
    { class: "clickable", dataset: { id: r.id, status: r.status }, onclick: () => ctx.go(`#/invoices/${r.id}`) },
    h("td", { class: "col-number" }, h("a", { class: "row-link", href: `#/invoices/${r.id}` }, r.number || "Draft")),
    showCustomer ? h("td", {}, r.customer_company) : null,
    h("td", { class: "muted col-issued" }, date(r.issue_date)),
    h("td", { class: "muted col-due" }, date(r.due_date)),
    h("td", {}, h("span", { class: `badge ${r.status}` }, statusWord(r.status)), r.days_past_due ? h("span", { class: "late" }, ` ${daysLate(r.days_past_due)}`) : null),
    h("td", { class: "num" }, money(r.total, r.currency)),
    h("td", { class: "num" }, owes(r) ? money(r.balance, r.currency) : ""),
  );
}

/** One customer's invoices, all given, sorted here. */
export function invoiceTable(rows, ctx, { showCustomer = true } = {}) {
  const box = h("div", { class: "table" });
  const sort = sorter(columns(showCustomer), () => draw());
  const draw = () => mount(clear(box), h("table", { class: "invoice-table" }, sort.head(), h("tbody", {}, sort.sort(rows).map((r) => row(r, ctx, showCustomer)))));
  draw();
  return box;
}

/** The book's invoices a page at a time: `fetch(page)` asks Rust for one. */
export function pagedInvoiceTable(ctx, fetch, first, empty) {
  return pagedTable({ className: "invoice-table", noun: "invoices", columns: columns(true), fetch, first, empty, row: (r) => row(r, ctx, true) });
}
