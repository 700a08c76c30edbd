// Invoices: filtered by status, searchable by number, customer or amount.
// Rust filters, searches and sorts the whole book; the window shows a page.

import { api } from "../api.js";
import { h, emptyState, mount } from "../dom.js";
import { pagedInvoiceTable } from "./invoice-table.js";

const FILTERS = [
  ["all", "All"],
  ["draft", "Drafts"],
  ["open", "Open"],
  ["overdue", "Overdue"],
  ["disputed", "Disputed"],
  ["paid", "Paid"],
  ["void", "Void"],
];

export async function render(root, params, ctx) {
  const status = FILTERS.some(([k]) => k === params.query.get("status")) ? params.query.get("status") : "all";
  const search = h("input", { type: "search", class: "search", id: "invoice-search", placeholder: "Number, customer or amount  ( / )", "aria-label": "Search invoices", value: params.query.get("q") || "" });
  const tabs = h(
    "div",
    { class: "tabs", role: "tablist" },
    FILTERS.map(([key, label]) =>
      h("button", { type: "button", class: "tab", role: "tab", "aria-selected": String(key === status), dataset: { filter: key }, onclick: () => ctx.go(`#/invoices?status=${key}`) }, label),
    ),
  );
  const fetch = (page) => api.pageInvoices({ status, search: search.value, ...page });
  const [first, overview] = await Promise.all([fetch({ offset: 0 }), api.overview()]);
  const empty = () =>
    !overview.invoices
      ? emptyState("No invoices yet", "Create your first invoice: pick a customer, add lines, and Duly adds it up.", h("button", { type: "button", class: "button primary", onclick: () => ctx.go("#/invoices/new") }, "New invoice"))
      : emptyState("Nothing here", search.value ? `No invoice matches “${search.value}”.` : "No invoice has this status right now.", null);
  const table = pagedInvoiceTable(ctx, fetch, first, empty);
  table.element.id = "invoice-results";
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => table.reload(), 120);
  });
  mount(
    root,
    h(
      "header",
      { class: "screen-head" },
      h("div", {}, h("h1", {}, "Invoices")),
      h("div", { class: "actions" }, h("a", { class: "button ghost", href: "#/late-fees", id: "late-fees-link" }, "Late fees…"), h("button", { type: "button", class: "button primary", id: "new-invoice", onclick: () => ctx.go("#/invoices/new") }, "New invoice")),
    ),
    tabs,
    h("div", { class: "toolbar after-tabs" }, search),
    table.element,
  );
  search.setAttribute("autofocus", "");
}
