// The audit trail of a customer or an invoice: every recorded change, newest
// first, with each field before and after. Folded away until opened, then
// loaded a page at a time, so the page it sits on shows as fast as before.

import { api } from "../api.js";
import { h, clear } from "../dom.js";
import { dateTime } from "../format.js";
import { olderList, ROWS } from "../pager.js";

function changeTable(changes) {
  if (!changes.length) return null;
  return h(
    "table",
    { class: "audit-changes" },
    h("thead", {}, h("tr", {}, h("th", {}, "Field"), h("th", {}, "Before"), h("th", {}, "After"))),
    h("tbody", {}, changes.map((c) => h("tr", {}, h("td", { class: "muted" }, c.field), h("td", { class: "pre" }, c.before ?? ""), h("td", { class: "pre" }, c.after ?? "")))),
  );
}

function entries(kind, id, first) {
  if (!first.total) return h("p", { class: "muted empty-line" }, "Nothing recorded yet.");
  return olderList({
    id: "audit-list",
    className: "timeline",
    first,
    fetch: (offset) => api.auditTrail(kind, id, { offset, limit: ROWS }),
    item: (e) => h("li", { class: "event" }, h("div", { class: "event-when" }, dateTime(e.date, e.time)), h("div", {}, h("p", { class: "event-title" }, e.what), changeTable(e.changes))),
    noun: "changes",
  });
}

/**
 * The "Audit trail" section for a customer page (`kind` "customer") or an
 * invoice page (`kind` "invoice"), given the record's id.
 */
export function auditSection(kind, id) {
  const body = h("div", { class: "section-gap" }, h("p", { class: "muted" }, "Loading…"));
  const section = h("details", { class: "card audit-trail", id: "audit-trail" }, h("summary", {}, h("strong", {}, "Audit trail"), h("span", { class: "muted" }, " · every change, as the book recorded it")), body);
  let loaded = false;
  section.addEventListener("toggle", async () => {
    if (!section.open || loaded) return;
    loaded = true;
    try {
      clear(body).appendChild(entries(kind, id, await api.auditTrail(kind, id, { offset: 0, limit: ROWS })));
    } catch (error) {
      loaded = false;
      clear(body).appendChild(h("p", { class: "form-error", role: "alert" }, error.message));
    }
  });
  return section;
}
