// The customer page: who they are, who to contact, what they owe.

import { api } from "../api.js";
import { h, toast, emptyState } from "../dom.js";
import { money } from "../format.js";
import { confirmDialog } from "../modal.js";
import { invoiceTable } from "./invoice-table.js";

const SERVICE = { active: "Active", on_hold: "On hold", suspended: "Suspended" };

function contactBlock(title, c) {
  const empty = !c.name && !c.email && !c.phone;
  return h(
    "div",
    { class: "card" },
    h("h3", { class: "muted" }, title),
    empty
      ? h("p", { class: "muted" }, "Not set yet.")
      : h(
          "div",
          {},
          h("p", { class: "contact-name" }, c.name, c.title ? h("span", { class: "muted" }, `, ${c.title}`) : null),
          c.email ? h("p", {}, c.email) : null,
          c.phone ? h("p", { class: "muted" }, c.phone) : null,
        ),
  );
}

export async function render(root, params, ctx) {
  const [c, invoices, all] = await Promise.all([
    api.customer(params.id),
    api.listInvoices({ customer_id: params.id }),
    api.listCustomers(true),
  ]);
  const summary = all.find((r) => r.id === c.id);
  const settings = await api.settings();
  const currency = settings.profile.currency;
  const archive = async () => {
    const done = await confirmDialog({
      title: c.archived ? "Restore customer" : "Archive customer",
      sentence: c.archived
        ? `${c.company} will show in the customer list again.`
        : `${c.company} will be hidden from the customer list; their invoices stay in the book.`,
      confirmLabel: c.archived ? "Restore" : "Archive",
      onConfirm: () => api.setCustomerArchived(c.id, !c.archived),
    });
    if (done) {
      toast(c.archived ? "Customer restored" : "Customer archived");
      ctx.go(`#/customers/${c.id}`);
    }
  };
  root.append(
    h(
      "header",
      { class: "screen-head" },
      h(
        "div",
        {},
        h("h1", { id: "customer-name" }, c.company),
        h("p", { class: "sub" }, SERVICE[c.service_status], c.archived ? " · archived" : "", c.terms_days ? ` · net ${c.terms_days}` : ""),
      ),
      h(
        "div",
        { class: "header-figures" },
        h("div", { class: "muted" }, "Balance"),
        h("div", { class: "big", id: "customer-balance" }, money(summary ? summary.balance : "0", currency)),
      ),
    ),
    h(
      "div",
      { class: "actions toolbar" },
      h("button", { type: "button", class: "button primary", id: "new-invoice-for-customer", onclick: () => ctx.go(`#/invoices/new?customer=${c.id}`) }, "New invoice"),
      h("button", { type: "button", class: "button", id: "edit-customer", onclick: () => ctx.go(`#/customers/${c.id}/edit`) }, "Edit details"),
      h("button", { type: "button", class: "button ghost", onclick: archive }, c.archived ? "Restore" : "Archive"),
    ),
    h("div", { class: "grid-3" }, contactBlock("Billing contact", c.billing), contactBlock("Escalation contact", c.escalation), h("div", { class: "card" }, h("h3", { class: "muted" }, "Mailing address"), h("p", { class: "pre" }, c.address || "Not set yet."))),
    c.notes ? h("div", { class: "card" }, h("h3", { class: "muted" }, "Notes"), h("p", { class: "pre" }, c.notes)) : null,
    h("h2", { class: "section-title" }, "Invoices"),
    invoices.length
      ? invoiceTable(invoices, ctx, { showCustomer: false })
      : emptyState("No invoices yet", `Bill ${c.company} for your work: the invoice adds up as you type.`, h("button", { type: "button", class: "button primary", onclick: () => ctx.go(`#/invoices/new?customer=${c.id}`) }, "New invoice")),
  );
}
