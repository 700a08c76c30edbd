// Customers: who owes what, found as you type (accents and case ignored),
// sorted by any column.

import { api } from "../api.js";
import { h, clear, emptyState, mount } from "../dom.js";
import { money, daysLate } from "../format.js";
import { sorter } from "../sort.js";

const STATUS = { active: null, on_hold: "On hold", suspended: "Suspended" };

/** "12 customers", or "3 of 12 customers" while a search narrows the list. */
function count(shown, all) {
  const noun = all === 1 ? "customer" : "customers";
  return shown === all ? `${all} ${noun}` : `${shown} of ${all} ${noun}`;
}

export async function render(root, _params, ctx) {
  const [rows, settings] = await Promise.all([api.listCustomers(false), api.settings()]);
  const currency = settings.profile.currency;
  root.appendChild(
    h(
      "header",
      { class: "screen-head" },
      h("div", {}, h("h1", {}, "Customers"), h("p", { class: "sub", id: "customer-count" }, count(rows.length, rows.length))),
      h("div", { class: "actions" }, h("button", { type: "button", class: "button primary", id: "new-customer", onclick: () => ctx.go("#/customers/new") }, "New customer")),
    ),
  );
  if (!rows.length) {
    root.appendChild(
      emptyState(
        "No customers yet",
        "Add the first customer you bill: their billing contact, and someone to ask for help if an invoice gets stuck.",
        h("button", { type: "button", class: "button primary", onclick: () => ctx.go("#/customers/new") }, "Add a customer"),
      ),
    );
    return;
  }
  const search = h("input", { type: "search", class: "search", placeholder: "Search customers  ( / )", "aria-label": "Search customers", autofocus: true });
  const table = h("div", { class: "table" });
  const sort = sorter(
    [
      { label: "Company", key: "company" },
      { label: "Billing contact", key: "billing_name" },
      { label: "Open invoices", key: "open_invoices", type: "number", num: true },
      { label: "Oldest past due", key: "days_past_due", type: "number", num: true },
      { label: "Balance", key: "balance", type: "decimal", num: true },
    ],
    () => draw(),
  );
  let shown = rows;
  const draw = () => {
    const body = h(
      "tbody",
      {},
      sort.sort(shown).map((r) =>
        h(
          "tr",
          { class: "clickable", dataset: { id: r.id }, onclick: () => ctx.go(`#/customers/${r.id}`) },
          h("td", {}, h("a", { class: "row-link", href: `#/customers/${r.id}` }, r.company), STATUS[r.service_status] ? [" ", h("span", { class: "badge" }, STATUS[r.service_status])] : null),
          h("td", { class: "muted" }, r.billing_name),
          h("td", { class: "num" }, r.open_invoices || ""),
          h("td", { class: r.days_past_due ? "num late" : "num" }, daysLate(r.days_past_due)),
          h("td", { class: "num" }, money(r.balance, currency)),
        ),
      ),
    );
    if (!shown.length) body.appendChild(h("tr", {}, h("td", { colspan: 5, class: "muted" }, `No customer matches “${search.value.trim()}”.`)));
    mount(clear(table), h("table", { id: "customer-table" }, sort.head(), body));
  };
  // The search runs in Rust over the whole book, case and accents ignored.
  let timer;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      shown = await api.listCustomers(false, search.value);
      document.getElementById("customer-count").textContent = count(shown.length, rows.length);
      draw();
    }, 120);
  });
  draw();
  mount(root, h("div", { class: "toolbar" }, search), table);
}
