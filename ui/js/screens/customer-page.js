// The customer page, where most of the work happens: who they are, what they
// owe, what they promised, and the actions to take next.

import { api } from "../api.js";
import { h, clear, toast, emptyState, mount } from "../dom.js";
import { money, date } from "../format.js";
import { confirmDialog } from "../modal.js";
import { invoiceTable } from "./invoice-table.js";
import { timeline, promiseSummary } from "./timeline.js";
import { scheduleList } from "./recurring.js";
import { auditSection } from "./audit.js";
import { printDialog } from "./print.js";

async function pdfAction(fn, done) {
  try {
    await fn();
    toast(done);
  } catch (error) {
    toast(error.message);
  }
}

const SERVICE = { active: "Active", on_hold: "On hold", suspended: "Suspended" };
const TABS = [
  ["timeline", "Timeline"],
  ["invoices", "Invoices"],
  ["promises", "Promises"],
  ["disputes", "Disputes"],
  ["plans", "Plans"],
  ["recurring", "Recurring"],
];

/** The ladder's next step for this customer today, as This week and Draft follow-up show it. */
function nextStep(s, ctx, account) {
  // The owner's own follow-up, as logged with the last contact, beside the ladder's.
  const p = account.planned;
  const planned = p ? h("p", { class: "muted small", id: "customer-planned" }, `Your follow-up: ${date(p.on)}${p.on < ctx.today ? " (passed)" : ""}${p.next_step ? `, ${p.next_step}` : ""}`) : null;
  if (!s) return [Number(account.chaseable) ? null : h("p", { class: "muted small", id: "customer-next-step" }, Number(account.overdue) ? "Nothing to chase: what is past due is paused." : "Nothing overdue."), planned];
  const when = s.waiting ? `waiting; from ${date(s.due_on)}` : s.due_on > ctx.today ? `from ${date(s.due_on)}` : "due now";
  return [h("p", { class: "muted small", id: "customer-next-step" }, `Next step: step ${s.number}, ${s.title} (${when})`), planned];
}

function contactBlock(title, c, id) {
  const empty = !c.name && !c.email && !c.phone;
  return h(
    "div",
    { class: "card", id },
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
  const id = params.id;
  const [c, invoices, account, disputes, plans, schedules] = await Promise.all([
    api.customer(id),
    api.listInvoices({ customer_id: id }),
    api.customerAccount(id),
    api.listDisputes(id),
    api.listPlans(id),
    api.listSchedules(id),
  ]);
  const cur = account.currency;
  const tab = TABS.some(([k]) => k === params.query.get("tab")) ? params.query.get("tab") : "timeline";

  const archive = async () => {
    const done = await confirmDialog({
      title: c.archived ? "Restore customer" : "Archive customer",
      sentence: c.archived ? `${c.company} will show in the customer list again.` : `${c.company} will be hidden from the customer list; their invoices and history stay in the book.`,
      confirmLabel: c.archived ? "Restore" : "Archive",
      onConfirm: () => api.setCustomerArchived(c.id, !c.archived),
    });
    if (done) {
      toast(c.archived ? "Customer restored" : "Customer archived");
      ctx.go(`#/customers/${c.id}`);
    }
  };
  const decide = async () => {
    const done = await confirmDialog({
      title: "Service for this customer",
      sentence: "Your decision and its reason are kept in their history.",
      confirmLabel: "Record decision",
      fields: [
        h("label", { class: "field" }, "Service", h("select", { name: "status" }, Object.entries(SERVICE).map(([k, label]) => h("option", { value: k, selected: k === c.service_status }, label)))),
        h("div", { class: "span-2" }, h("label", { class: "field" }, "Reason", h("textarea", { name: "reason", rows: 2, dataset: { field: "reason" } }))),
      ],
      onConfirm: (v) => api.decideService(c.id, v.status, v.reason),
    });
    if (done) {
      toast("Decision recorded");
      ctx.go(`#/customers/${c.id}`);
    }
  };
  const applyCredit = async () => {
    const done = await confirmDialog({
      title: "Apply credit?",
      sentence: `${money(account.credit, cur)} of credit will pay toward ${c.company}'s oldest open invoices, dated today.`,
      confirmLabel: "Apply credit",
      onConfirm: () => api.applyCredit(c.id),
    });
    if (done) {
      toast("Credit applied");
      ctx.go(`#/customers/${c.id}`);
    }
  };

  const panel = h("div", { class: "tab-panel", id: "customer-panel" });
  const showTab = (key) => {
    for (const b of root.querySelectorAll(".tab")) b.setAttribute("aria-selected", String(b.dataset.tab === key));
    clear(panel);
    if (key === "timeline") panel.appendChild(timeline(account.timeline, cur, ctx, c.id));
    if (key === "recurring") panel.appendChild(scheduleList(schedules, ctx, c.id));
    if (key === "invoices") {
      panel.appendChild(
        invoices.length
          ? invoiceTable(invoices, ctx, { showCustomer: false })
          : emptyState("No invoices yet", `Bill ${c.company} for your work: the invoice adds up as you type.`, h("button", { type: "button", class: "button primary", onclick: () => ctx.go(`#/invoices/new?customer=${c.id}`) }, "New invoice")),
      );
    }
    if (key === "disputes") {
      panel.appendChild(
        disputes.length
          ? h("ol", { class: "timeline", id: "dispute-list" }, disputes.map((d) => h("li", { class: "event" }, h("div", { class: "event-when" }, date(d.opened_on)), h("div", {}, h("p", { class: "event-title" }, h("a", { href: `#/invoices/${d.invoice_id}` }, d.invoice_number), ` · ${d.cause.replace("_", " ")} · ${money(d.amount, cur)} `, h("span", { class: `badge ${d.overdue ? "overdue" : d.status === "resolved" ? "paid" : "open"}` }, d.status)), d.customer_words ? h("p", { class: "pre quote" }, d.customer_words) : null))))
          : h("p", { class: "muted empty-line" }, "No disputes. If they question an invoice, open a dispute from the invoice: reminders about it pause until it is settled."),
      );
    }
    if (key === "plans") {
      panel.appendChild(
        plans.length
          ? h("ol", { class: "timeline", id: "plan-list" }, plans.map((p) => h("li", { class: "event" }, h("div", { class: "event-when" }, date(p.created_on)), h("div", {}, h("p", { class: "event-title" }, `${money(p.total, cur)} in ${p.installments.length} installments for ${p.invoices.join(", ")} `, h("span", { class: `badge ${p.status === "broken" ? "overdue" : p.status === "completed" ? "paid" : "open"}` }, p.status)), h("p", { class: "muted" }, p.installments.map(([on, amount, paid]) => `${date(on)} ${money(amount, cur)}${paid ? " ✓" : ""}`).join(" · "))))))
          : h("p", { class: "muted empty-line" }, "No payment plans. When cash is tight for them, offer one from an open invoice."),
      );
    }
    if (key === "promises") {
      panel.appendChild(
        account.promises.length
          ? h("ol", { class: "timeline", id: "promise-list" }, account.promises.map((p) => h("li", { class: "event" }, h("div", { class: "event-when" }, "Promised"), promiseSummary(p, cur))))
          : h("p", { class: "muted empty-line" }, "No promises yet. When they tell you when they will pay, record it: Duly will hold them to it, politely."),
      );
    }
  };

  mount(root, 
    h(
      "header",
      { class: "screen-head" },
      h(
        "div",
        {},
        h("h1", { id: "customer-name" }, c.company),
        h("p", { class: "sub" }, SERVICE[c.service_status], c.archived ? " · archived" : "", c.terms_days ? ` · net ${c.terms_days}` : "", c.late_fee_opt_out ? " · no late fees" : ""),
        // The customer's own settings sit by their name, apart from the
        // day-to-day actions, so the toolbar keeps to one row.
        h(
          "div",
          { class: "head-links" },
          h("button", { type: "button", class: "button ghost small", id: "edit-customer", onclick: () => ctx.go(`#/customers/${c.id}/edit`) }, "Edit details"),
          h("button", { type: "button", class: "button ghost small", id: "decide-service", onclick: decide }, "Service…"),
          h("button", { type: "button", class: "button ghost small", onclick: archive }, c.archived ? "Restore" : "Archive"),
        ),
      ),
      h(
        "div",
        { class: "header-figures" },
        h("div", { class: "muted" }, "Balance"),
        h("div", { class: "big", id: "customer-balance" }, money(account.balance, cur)),
        h(
          "div",
          { class: "figures" },
          Number(account.overdue) ? h("span", { class: "late" }, "Overdue ", h("strong", { class: "late" }, money(account.overdue, cur))) : null,
          Number(account.credit) ? h("span", {}, "Credit ", h("strong", { id: "customer-credit" }, money(account.credit, cur))) : null,
          account.broken_promises ? h("span", { class: "late", id: "broken-promises" }, account.broken_promises === 1 ? "1 broken promise" : `${account.broken_promises} broken promises`) : null,
          account.pending_promises ? h("span", { class: "badge promise-pending" }, "Promise pending") : null,
          Number(account.in_plan) ? h("span", { class: "badge promise-pending", id: "customer-in-plan" }, `${money(account.in_plan, cur)} in a plan`) : null,
          Number(account.disputed) ? h("span", { class: "muted" }, `${money(account.disputed, cur)} under dispute`) : null,
        ),
        nextStep(account.suggestion, ctx, account),
      ),
    ),
    h(
      "div",
      { class: "actions toolbar" },
      // The primary action only while something is overdue to follow up.
      h("button", { type: "button", class: Number(account.chaseable) ? "button primary" : "button", id: "draft-follow-up", onclick: () => ctx.go(`#/customers/${c.id}/draft`) }, "Draft follow-up"),
      h("button", { type: "button", class: "button", id: "record-payment", onclick: () => ctx.go(`#/customers/${c.id}/payment`) }, "Record payment"),
      h("button", { type: "button", class: "button", id: "record-promise", onclick: () => ctx.go(`#/customers/${c.id}/promise`) }, "Record promise"),
      h("button", { type: "button", class: "button", id: "log-call", onclick: () => ctx.go(`#/customers/${c.id}/call`) }, "Log call"),
      h("button", { type: "button", class: "button", id: "new-invoice-for-customer", onclick: () => ctx.go(`#/invoices/new?customer=${c.id}`) }, "New invoice"),
      account.can_apply_credit ? h("button", { type: "button", class: "button", id: "apply-credit", onclick: applyCredit }, "Apply credit") : null,
      h("button", { type: "button", class: "button", id: "open-statement", onclick: () => pdfAction(() => api.openStatement(c.id), "Statement opened") }, "Statement (PDF)"),
      h("button", { type: "button", class: "button", id: "print-statement", onclick: () => printDialog({ kind: "statement", customer_id: c.id, since_date: "" }, `the statement for ${c.company}`) }, "Print statement…"),
    ),
    h("div", { class: "grid-3" }, contactBlock("Billing contact", c.billing, "billing-contact"), contactBlock("Escalation contact", c.escalation, "escalation-contact"), h("div", { class: "card" }, h("h3", { class: "muted" }, "Mailing address"), h("p", { class: "pre" }, c.address || "Not set yet."))),
    c.notes ? h("div", { class: "card" }, h("h3", { class: "muted" }, "Notes"), h("p", { class: "pre" }, c.notes)) : null,
    h("div", { class: "tabs section-gap", role: "tablist" }, TABS.map(([key, label]) => h("button", { type: "button", class: "tab", role: "tab", dataset: { tab: key }, onclick: () => showTab(key) }, label))),
    panel,
    auditSection("customer", c.id),
  );
  showTab(tab);
}
