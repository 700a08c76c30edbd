// Customers: who owes what, found as you type (accents and case ignored),
// sorted by any column. Rust searches and sorts every customer; the window
// shows a page at a time.

import { api } from "../api.js";
import { h, emptyState, mount } from "../dom.js";
import { money, daysLate } from "../format.js";
import { pagedTable } from "../pager.js";

const STATUS = { active: null, on_hold: "On hold", suspended: "Suspended" };
const number = new Intl.NumberFormat();

/** "12 customers", or "3 of 12 customers" while a search narrows the list. */
function count(shown, all) {
  const noun = all === 1 ? "customer" : "customers";
  return shown === all ? `${number.format(all)} ${noun}` : `${number.format(shown)} of ${number.format(all)} ${noun}`;
}

export async function render(root, _params, ctx) {
  const search = h("input", { type: "search", class: "search", placeholder: "Search customers  ( / )", "aria-label": "Search customers", autofocus: true });
  const fetch = (page) => api.pageCustomers({ include_archived: false, search: search.value, ...page });
  const [first, settings] = await Promise.all([fetch({ offset: 0 }), api.settings()]);
  const currency = settings.profile.currency;
  const counted = h("p", { class: "sub", id: "customer-count" }, count(first.total, first.all));
  root.appendChild(
    h(
      "header",
      { class: "screen-head" },
      h("div", {}, h("h1", {}, "Customers"), counted),
      h("div", { class: "actions" }, h("button", { type: "button", class: "button primary", id: "new-customer", onclick: () => ctx.go("#/customers/new") }, "New customer")),
    ),
  );
  if (!first.all) {
    root.appendChild(
      emptyState(
        "No customers yet",
        "Add the first customer you bill: their billing contact, and someone to ask for help if an invoice gets stuck.",
        h("button", { type: "button", class: "button primary", onclick: () => ctx.go("#/customers/new") }, "Add a customer"),
      ),
    );
    return;
  }
  const table = pagedTable({
    id: "customer-table",
    noun: "customers",
    first,
    fetch,
    columns: [
      { label: "Company", sort: "company" },
      { label: "Billing contact", sort: "billing_name" },
      { label: "Open invoices", sort: "open_invoices", num: true },
      { label: "Oldest past due", sort: "days_past_due", num: true },
      { label: "Balance", sort: "balance", num: true },
    ],
    row: (r) =>
      h(
        "tr",
        { class: "clickable", dataset: { id: r.id }, onclick: () => ctx.go(`#/customers/${r.id}`) },
        h("td", {}, h("a", { class: "row-link", href: `#/customers/${r.id}` }, r.company), STATUS[r.service_status] ? [" ", h("span", { class: "badge" }, STATUS[r.service_status])] : null),
        h("td", { class: "muted" }, r.billing_name),
        h("td", { class: "num" }, r.open_invoices || ""),
        h("td", { class: r.days_past_due ? "num late" : "num" }, daysLate(r.days_past_due)),
        h("td", { class: "num" }, money(r.balance, currency)),
      ),
    empty: () => h("div", { class: "table" }, h("table", { id: "customer-table" }, h("tbody", {}, h("tr", {}, h("td", { class: "muted" }, `No customer matches “${search.value.trim()}”.`))))),
  });
  // The search runs in Rust over the whole book, case and accents ignored.
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const page = await table.reload();
      counted.textContent = count(page.total, page.all);
    }, 120);
  });
  mount(root, h("div", { class: "toolbar" }, search), table.element);
}
