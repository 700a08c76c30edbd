// Customers: who owes what, found instantly as you type.

import { api } from "../api.js";
import { h, clear, emptyState, mount } from "../dom.js";
import { money, daysLate } from "../format.js";

const STATUS = { active: null, on_hold: "On hold", suspended: "Suspended" };

export async function render(root, _params, ctx) {
  const [rows, settings] = await Promise.all([api.listCustomers(false), api.settings()]);
  const currency = settings.profile.currency;
  root.appendChild(
    h(
      "header",
      { class: "screen-head" },
      h("div", {}, h("h1", {}, "Customers"), h("p", { class: "sub" }, rows.length === 1 ? "1 customer" : `${rows.length} customers`)),
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
  const body = h("tbody");
  const table = h(
    "div",
    { class: "table" },
    h(
      "table",
      { id: "customer-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "Company"), h("th", {}, "Billing contact"), h("th", { class: "num" }, "Open invoices"), h("th", { class: "num" }, "Oldest past due"), h("th", { class: "num" }, "Balance"))),
      body,
    ),
  );
  const draw = () => {
    const needle = search.value.trim().toLowerCase();
    clear(body);
    const shown = rows.filter((r) => !needle || `${r.company} ${r.billing_name} ${r.billing_email}`.toLowerCase().includes(needle));
    for (const r of shown) {
      body.appendChild(
        h(
          "tr",
          { class: "clickable", dataset: { id: r.id }, onclick: () => ctx.go(`#/customers/${r.id}`) },
          h("td", {}, h("a", { class: "row-link", href: `#/customers/${r.id}` }, r.company), STATUS[r.service_status] ? [" ", h("span", { class: "badge" }, STATUS[r.service_status])] : null),
          h("td", { class: "muted" }, r.billing_name),
          h("td", { class: "num" }, r.open_invoices || ""),
          h("td", { class: r.days_past_due ? "num late" : "num" }, daysLate(r.days_past_due)),
          h("td", { class: "num" }, money(r.balance, currency)),
        ),
      );
    }
    if (!shown.length) body.appendChild(h("tr", {}, h("td", { colspan: 5, class: "muted" }, `No customer matches “${search.value.trim()}”.`)));
  };
  search.addEventListener("input", draw);
  draw();
  mount(root, h("div", { class: "toolbar" }, search), table);
}
