// "This week": the weekly past-due summary, the owner's Monday screen. Every
// figure is as of the chosen date (today by default), computed by the core.

import { api } from "../api.js";
import { h, s, toast, emptyState, mount } from "../dom.js";
import { money, date, span, daysLate, methodWord, promiseWord, PROMISE_KINDS } from "../format.js";
import { pagedTable } from "../pager.js";
import { reviewBanner } from "./recurring.js";
import { printDialog } from "./print.js";

/** Aging by customer, sorted in Rust by any column, with the totals underneath. */
function agingByCustomer(sm, cur, pages) {
  return pages("customers", {
    id: "aging-by-customer",
    noun: "customers",
    columns: [
      { label: "Customer", sort: "company" },
      ...sm.aging.labels.map((label, i) => ({ label, sort: i, num: true })),
      { label: "Total", sort: "total", num: true },
    ],
    row: (c) => h("tr", {}, h("td", {}, h("a", { class: "row-link", href: `#/customers/${c.customer_id}` }, c.company)), c.amounts.map((a) => h("td", { class: "num" }, Number(a) ? money(a, cur) : "")), h("td", { class: "num" }, money(c.total, cur))),
    foot: h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Total"), sm.aging.amounts.map((a) => h("td", { class: "num" }, money(a, cur))), h("td", { class: "num" }, money(sm.aging.total, cur)))),
  });
}

function agingChart(aging, currency) {
  const values = aging.amounts.map(Number); // for bar heights only; amounts shown are the exact strings
  const max = Math.max(...values, 1);
  const width = 560;
  const height = 120;
  const bar = 72;
  const gap = (width - bar * values.length) / (values.length + 1);
  const colors = ["#8fb3ba", "#e3b58f", "#d48f63", "#bb6a3e", "#8f4424"];
  return s(
    "svg",
    { viewBox: `0 0 ${width} ${height + 44}`, class: "aging-chart", role: "img", "aria-label": "Aging of what is owed" },
    values.map((v, i) => {
      const x = gap + i * (bar + gap);
      const hgt = Math.round((v / max) * height);
      return s(
        "g",
        {},
        s("rect", { x, y: height - hgt, width: bar, height: Math.max(hgt, 1), rx: 4, fill: colors[i] }),
        s("text", { x: x + bar / 2, y: height + 16, "text-anchor": "middle", class: "chart-label" }, aging.labels[i]),
        s("text", { x: x + bar / 2, y: height + 34, "text-anchor": "middle", class: "chart-amount" }, money(aging.amounts[i], currency)),
      );
    }),
  );
}

/** Disputes by cause, for the owner's own audits: what goes wrong, and how fast it is settled. */
function disputeReport(rows) {
  if (!rows.length) return null;
  return h(
    "details",
    { class: "card section-gap", id: "dispute-report" },
    h("summary", {}, "Disputes by cause (all time)"),
    h(
      "table",
      {},
      h("thead", {}, h("tr", {}, h("th", {}, "Cause"), h("th", { class: "num" }, "Disputes"), h("th", { class: "num" }, "Our error"), h("th", { class: "num" }, "Amount"), h("th", { class: "num" }, "Days to resolve (avg)"))),
      h("tbody", {}, rows.map((r) => h("tr", {}, h("td", {}, r.cause.replace("_", " ")), h("td", { class: "num" }, r.count), h("td", { class: "num" }, r.our_error), h("td", { class: "num" }, r.amount), h("td", { class: "num" }, r.average_days_to_resolve ?? "open")))),
    ),
  );
}

function figure(label, value, id, hint) {
  return h("div", { class: "card figure" }, h("div", { class: "muted" }, label), h("div", { class: "big", id }, value), hint ? h("p", { class: "hint" }, hint) : null);
}

function promiseRow(line, currency, ctx) {
  const p = line.promise;
  const kind = (PROMISE_KINDS.find(([k]) => k === p.kind) || [p.kind, p.kind])[1];
  return h(
    "tr",
    { class: "clickable", onclick: () => ctx.go(`#/customers/${line.customer_id}`) },
    h("td", {}, h("a", { class: "row-link", href: `#/customers/${line.customer_id}` }, line.company)),
    h("td", { class: "muted" }, kind, p.check_number ? ` · check ${p.check_number}` : ""),
    // A pending promise is awaited until its deadline, which may be after
    // the expected day (grace, or a check mailed before the call).
    h("td", {}, p.outcome.status === "pending" && p.outcome.deadline !== p.promised_on ? `expected ${date(p.promised_on)}, awaited until ${date(p.outcome.deadline)}` : date(p.promised_on)),
    h("td", {}, h("span", { class: `badge promise-${p.outcome.status}` }, promiseWord(p.outcome.status)), p.outcome.paid_late_on ? h("span", { class: "muted" }, ` paid late, ${date(p.outcome.paid_late_on)}`) : null),
    h("td", { class: "num" }, money(p.amount, currency)),
  );
}

const PROMISE_COLUMNS = [{ label: "Customer" }, { label: "Kind" }, { label: "Expected" }, { label: "Status" }, { label: "Amount", num: true }];

function promiseTable(pages, list, id, title, currency, ctx, empty) {
  return h(
    "section",
    { class: "week-section", id },
    h("h2", { class: "section-title" }, title),
    pages(list, { columns: PROMISE_COLUMNS, row: (l) => promiseRow(l, currency, ctx), empty: () => h("p", { class: "muted" }, empty) }),
  );
}

/** Past due, but the ladder waits: a pending promise or a plan in good standing. */
function waitingSection(sm, cur, pages) {
  if (!sm.lengths.waiting) return null;
  return h(
    "section",
    { class: "week-section", id: "week-waiting" },
    h("h2", { class: "section-title" }, "Waiting on a promise or a plan"),
    h("p", { class: "hint" }, "No reminder until the wait ends; a missed date brings them back to the follow-ups."),
    pages("waiting", {
      noun: "customers",
      columns: [{ label: "Customer" }, { label: "Past due", num: true }, { label: "Why" }, { label: "Next step" }],
      row: (a) =>
        h(
          "tr",
          { dataset: { customer: a.customer_id } },
          h("td", {}, h("a", { class: "row-link", href: `#/customers/${a.customer_id}` }, a.company)),
          h("td", { class: "num" }, money(a.overdue, cur)),
          h("td", { class: "muted small" }, a.why.filter((w) => w.startsWith("waiting on")).join("; ")),
          h("td", {}, a.step_title ? h("span", {}, a.step_title, h("span", { class: "muted" }, ` · from ${date(a.step_due_on)}`)) : null),
        ),
    }),
  );
}

export async function render(root, params, ctx) {
  const asOf = params.query.get("as_of") || ctx.today;
  const [sm, report] = await Promise.all([api.weeklySummary(asOf), api.disputeReport()]);
  const cur = sm.currency;
  const picker = h("input", { type: "date", id: "as-of", value: sm.as_of, "aria-label": "As of" });
  picker.addEventListener("change", () => picker.value && ctx.go(`#/week?as_of=${picker.value}`));
  const exportPdf = async () => {
    try {
      const path = await api.exportSummaryPdf(sm.as_of);
      if (path) toast(`Saved ${path}`);
    } catch (error) {
      toast(error.message);
    }
  };
  const exportCsv = async () => {
    try {
      const path = await api.exportSummaryCsv(sm.as_of);
      if (path) toast(`Saved ${path}`);
    } catch (error) {
      toast(error.message);
    }
  };

  mount(root, 
    h(
      "header",
      { class: "screen-head wrap" },
      h("div", {}, h("h1", {}, "This week"), h("p", { class: "sub" }, `Who to contact, what was promised, and what to expect, as of ${date(sm.as_of)}.`)),
      h(
        "div",
        { class: "actions" },
        h("label", { class: "inline-field" }, "As of ", picker),
        h("a", { class: "button", id: "money-in", href: "#/money-in" }, "Import bank statement"),
        h("button", { type: "button", class: "button", id: "export-pdf", onclick: exportPdf }, "Export PDF"),
        h("button", { type: "button", class: "button", id: "print-summary", onclick: () => printDialog({ kind: "weekly_summary", as_of: sm.as_of }, "the weekly summary") }, "Print…"),
        h("button", { type: "button", class: "button", id: "export-csv", onclick: exportCsv }, "Export CSV"),
      ),
    ),
    await reviewBanner(ctx),
    h(
      "div",
      { class: "figures-row" },
      figure("Owed to you", money(sm.aging.total, cur), "week-total"),
      figure("Overdue", money(sm.aging.overdue, cur), "week-overdue", Number(sm.paused) ? `of which ${money(sm.paused, cur)} paused by a dispute, a plan or a promise` : null),
      figure("Received in the last 7 days", money(sm.payments_total, cur), "week-received"),
      figure("Days sales outstanding", sm.dso.days ? `${sm.dso.days} days` : "—", "week-dso", `${money(sm.dso.receivables, cur)} owed ÷ ${money(sm.dso.credit_sales, cur)} billed in the last ${sm.dso.period_days} days × ${sm.dso.period_days}`),
    ),
  );

  // Each list shows its first page with the screen (sm.shown rows); the
  // rest a page at a time from the summary Rust keeps for this date.
  const pages = (list, options) =>
    pagedTable({
      ...options,
      rows: sm.shown,
      first: { offset: 0, total: sm.lengths[list], rows: sm[list] },
      fetch: (page) => api.summaryPage(sm.as_of, list, page),
    }).element;

  // This week's actions: the heart of the screen.
  mount(
    root,
    h(
      "section",
      { class: "week-section", id: "week-actions" },
      h("h2", { class: "section-title first" }, "This week's follow-ups"),
      pages("actions", {
        noun: "customers",
        columns: [{ label: "Customer" }, { label: "Overdue", num: true }, { label: "Oldest" }, { label: "Promises" }, { label: "Last contact" }, { label: "Next step" }, { label: "" }],
        row: (a) =>
          h(
            "tr",
            { dataset: { customer: a.customer_id } },
            h("td", {}, h("a", { class: "row-link", href: `#/customers/${a.customer_id}` }, a.company), h("div", { class: "muted small" }, a.overdue_invoices === 1 ? "1 invoice" : `${a.overdue_invoices} invoices`)),
            h("td", { class: "num" }, money(a.overdue, cur)),
            h("td", { class: "late" }, daysLate(a.oldest_days)),
            h("td", {}, a.broken_promises ? h("span", { class: "late" }, a.broken_promises === 1 ? `1 broken (${date(a.last_broken_on)})` : `${a.broken_promises} broken`) : null, a.waiting_until ? h("span", { class: "badge promise-pending" }, `until ${date(a.waiting_until)}`) : null),
            h("td", { class: "muted" }, a.last_contact ? date(a.last_contact) : "never"),
            h("td", {}, a.step_title ? h("div", { class: "event-title" }, a.step_title, a.step_due_on && a.step_due_on > sm.as_of ? h("span", { class: "muted" }, ` · from ${date(a.step_due_on)}`) : null) : null, h("div", { class: "muted small" }, a.why.join("; "))),
            h("td", { class: "num nowrap" }, h("a", { class: "button small", href: `#/customers/${a.customer_id}/draft` }, "Draft"), " ", h("a", { class: "button small", href: `#/customers/${a.customer_id}/call` }, "Log call")),
          ),
        empty: () =>
          sm.lengths.waiting
            ? emptyState("No follow-ups due", "Everyone past due is waiting on a promise or a payment plan: see below.", null)
            : emptyState("Nobody is overdue", "Nothing to chase this week. Enjoy it.", null),
      }),
    ),
    waitingSection(sm, cur, pages),
    h(
      "div",
      { class: "grid-2 week-pair" },
      promiseTable(pages, "promises_due", "week-promises-due", "Promises awaited this week", cur, ctx, "No promise is awaited this week."),
      promiseTable(pages, "promises_broken", "week-promises-broken", "Promises broken in the last 7 days", cur, ctx, "No promise was broken this week."),
    ),
    h(
      "div",
      { class: "grid-2 week-pair" },
      promiseTable(pages, "checks_late", "week-checks-late", "Checks “in the mail” not arrived", cur, ctx, "No check in the mail is late."),
      h(
        "section",
        { class: "week-section", id: "week-payments" },
        h("h2", { class: "section-title" }, "Payments received in the last 7 days"),
        pages("payments", {
          noun: "payments",
          columns: [{ label: "Customer" }, { label: "Received" }, { label: "How" }, { label: "Amount", num: true }],
          row: (p) => h("tr", {}, h("td", {}, h("a", { class: "row-link", href: `#/customers/${p.customer_id}` }, p.company)), h("td", { class: "muted" }, date(p.received_on)), h("td", { class: "muted" }, methodWord(p.method), p.reference ? ` ${p.reference}` : ""), h("td", { class: "num" }, money(p.amount, cur))),
          empty: () => h("p", { class: "muted" }, "No payments in the last 7 days."),
        }),
      ),
    ),
    h(
      "div",
      { class: "grid-2 week-pair" },
      h("section", { class: "week-section" }, h("h2", { class: "section-title" }, "Aging"), h("div", { class: "card chart-card" }, agingChart(sm.aging, cur))),
      h(
        "section",
        { class: "week-section", id: "week-cash" },
        h("h2", { class: "section-title" }, "Cash expected from promises"),
        h("div", { class: "table" }, h("table", {}, h("tbody", {}, sm.cash_expected.map((w) => h("tr", {}, h("td", {}, span(w.from, w.to)), h("td", { class: "num" }, money(w.amount, cur))))))),
      ),
    ),
    h(
      "section",
      { class: "week-section", id: "week-disputes" },
      h("h2", { class: "section-title" }, "Open disputes"),
      pages("disputes", {
        noun: "disputes",
        columns: [{ label: "Invoice" }, { label: "Cause" }, { label: "Resolution" }, { label: "Amount", num: true }],
        row: (d) => h("tr", {}, h("td", {}, h("a", { class: "row-link", href: `#/invoices/${d.invoice_id}` }, d.invoice_number)), h("td", { class: "muted" }, d.cause.replace("_", " ")), h("td", { class: d.overdue ? "late" : "muted" }, d.resolve_by ? `${d.overdue ? "overdue since" : "resolve by"} ${date(d.resolve_by)}` : "not acknowledged yet"), h("td", { class: "num" }, money(d.amount, cur))),
        empty: () => h("p", { class: "muted" }, "No open disputes."),
      }),
      disputeReport(report),
    ),
    h(
      "section",
      { class: "week-section", id: "week-suspension" },
      h("h2", { class: "section-title" }, "Meets your suspension policy"),
      h("p", { class: "hint" }, "For you to decide: the policy only points them out."),
      pages("suspension", {
        noun: "customers",
        columns: [{ label: "Customer" }, { label: "Past due" }, { label: "Broken promises" }, { label: "Overdue", num: true }],
        row: (c) => h("tr", {}, h("td", {}, h("a", { class: "row-link", href: `#/customers/${c.customer_id}` }, c.company)), h("td", { class: "late" }, `${daysLate(c.oldest_days)} past due`), h("td", { class: "muted" }, c.broken.length ? `${c.broken.length} broken promise${c.broken.length === 1 ? "" : "s"}: ${c.broken.map((p) => date(p.promised_on)).join(", ")}` : ""), h("td", { class: "num" }, money(c.overdue, cur))),
        empty: () => h("p", { class: "muted" }, "Nobody meets it."),
      }),
    ),
    h(
      "section",
      { class: "week-section", id: "week-customers" },
      h("h2", { class: "section-title" }, "Aging by customer"),
      agingByCustomer(sm, cur, pages),
    ),
  );
}
