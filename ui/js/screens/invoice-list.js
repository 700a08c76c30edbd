// Invoices: filtered by status, searchable by number, customer or amount.

import { api } from "../api.js";
import { h, clear, emptyState, mount } from "../dom.js";
import { invoiceTable } from "./invoice-table.js";

const FILTERS = [
  ["all", "All"],
  ["draft", "Drafts"],
  ["open", "Open"],
  ["overdue", "Overdue"],
  ["disputed", "Disputed"],
  ["paid", "Paid"],
  ["void", "Void"],
];
/** Long lists are cut here; search narrows them. */
const SHOWN = 300;

export async function render(root, params, ctx) {
  const status = FILTERS.some(([k]) => k === params.query.get("status")) ? params.query.get("status") : "all";
  const search = h("input", { type: "search", class: "search", id: "invoice-search", placeholder: "Number, customer or amount  ( / )", "aria-label": "Search invoices", value: params.query.get("q") || "" });
  const results = h("div", { id: "invoice-results" });
  const tabs = h(
    "div",
    { class: "tabs", role: "tablist" },
    FILTERS.map(([key, label]) =>
      h("button", { type: "button", class: "tab", role: "tab", "aria-selected": String(key === status), dataset: { filter: key }, onclick: () => ctx.go(`#/invoices?status=${key}`) }, label),
    ),
  );
  const anyInvoices = (await api.overview()).invoices > 0;
  const draw = async () => {
    const rows = await api.listInvoices({ status, search: search.value });
    clear(results);
    if (!rows.length) {
      results.appendChild(
        !anyInvoices
          ? emptyState("No invoices yet", "Create your first invoice: pick a customer, add lines, and Duly adds it up.", h("button", { type: "button", class: "button primary", onclick: () => ctx.go("#/invoices/new") }, "New invoice"))
          : emptyState("Nothing here", search.value ? `No invoice matches “${search.value}”.` : "No invoice has this status right now.", null),
      );
      return;
    }
    results.appendChild(invoiceTable(rows, ctx, { limit: SHOWN }));
    if (rows.length > SHOWN) results.appendChild(h("p", { class: "hint" }, `Showing the first ${SHOWN} of ${rows.length} in this order; search to narrow.`));
  };
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(draw, 120);
  });
  await draw();
  mount(root, 
    h(
      "header",
      { class: "screen-head" },
      h("div", {}, h("h1", {}, "Invoices")),
      h("div", { class: "actions" }, h("a", { class: "button ghost", href: "#/late-fees", id: "late-fees-link" }, "Late fees…"), h("button", { type: "button", class: "button primary", id: "new-invoice", onclick: () => ctx.go("#/invoices/new") }, "New invoice")),
    ),
    tabs,
    h("div", { class: "toolbar after-tabs" }, search),
    results,
  );
  search.setAttribute("autofocus", "");
}
