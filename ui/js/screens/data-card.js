// The "Your data" card in Settings: where the book and its backups are, the
// last backup, "Back up now", "Restore from backup…", the CSV exports and the
// way to the import screen. Files are chosen in native dialogs on the Rust
// side; the page never sees or sends a path.

import { api } from "../api.js";
import { h, toast, clear } from "../dom.js";
import { showErrors, clearErrors } from "../forms.js";
import { dateTime } from "../format.js";
import { confirmDialog } from "../modal.js";
import { refreshBook } from "../session.js";

const KIND_WORDS = {
  daily: "Daily",
  manual: "Backed up by you",
  "before-migration": "Before an upgrade of Duly",
  "before-restore": "Before a restore",
};

const EXPORTS = [
  ["customers", "Customers"],
  ["invoices", "Invoices with lines"],
  ["payments", "Payments"],
  ["promises", "Promises"],
  ["contacts", "Contact log"],
];

function backupList(status) {
  if (!status.recent.length) return h("p", { class: "muted", id: "last-backup" }, "No backup yet.");
  const [last] = status.recent;
  return [
    h("p", { id: "last-backup" }, "Last backup: ", h("strong", {}, dateTime(last.date, last.time)), h("span", { class: "muted" }, ` · ${KIND_WORDS[last.kind] || last.kind}`)),
    h(
      "details",
      { class: "section-gap" },
      h("summary", {}, status.count === 1 ? "1 backup in the folder" : `${status.count} backups in the folder`),
      h(
        "div",
        { class: "table section-gap" },
        h(
          "table",
          { id: "backup-list" },
          h("thead", {}, h("tr", {}, h("th", {}, "Made"), h("th", {}, "Why"), h("th", {}, "File"))),
          h("tbody", {}, status.recent.map((b) => h("tr", {}, h("td", {}, dateTime(b.date, b.time)), h("td", {}, KIND_WORDS[b.kind] || b.kind), h("td", { class: "muted" }, b.file)))),
        ),
      ),
    ),
  ];
}

/** Builds the card; `ctx` is the screens' shared context (navigation). */
export async function dataCard(ctx) {
  const [info, status] = await Promise.all([api.bookInfo(), api.backupStatus()]);
  const card = h("div", { class: "card", id: "data-card" });
  const list = h("div", { id: "backups" }, backupList(status));

  const backUp = async () => {
    clearErrors(card);
    try {
      const now = await api.backUpNow();
      clear(list).append(...[backupList(now)].flat());
      toast("Backup made");
    } catch (error) {
      showErrors(card, error);
    }
  };

  const restore = async () => {
    clearErrors(card);
    let candidate;
    try {
      candidate = await api.chooseBackup();
    } catch (error) {
      showErrors(card, error);
      return;
    }
    if (!candidate) return;
    const what = `${candidate.customers === 1 ? "1 customer" : `${candidate.customers} customers`}, ${candidate.invoices === 1 ? "1 invoice" : `${candidate.invoices} invoices`}`;
    const done = await confirmDialog({
      title: "Restore this backup?",
      sentence: `Your book will be replaced by ${candidate.file} (${what}). The book as it is now is kept as a backup first, so this can be undone.${candidate.older ? " The backup is from an earlier Duly and will be brought up to date." : ""}`,
      confirmLabel: "Restore backup",
      danger: true,
      onConfirm: () => api.restoreBackup(),
    });
    if (done) {
      await refreshBook();
      toast("Backup restored");
      ctx.go("#/settings");
    }
  };

  const exportOne = async (what) => {
    clearErrors(card);
    try {
      const path = await api.exportCsv(what);
      if (path) toast(`Saved ${path}`);
    } catch (error) {
      showErrors(card, error);
    }
  };

  card.append(
    ...[
      h("h2", { class: "section-title first" }, "Your data"),
      h("p", { class: "hint" }, "Duly backs up your book on the first start of each day (keeping the last 7 days, 4 weeks and 12 months) and before every upgrade."),
      h("dl", { class: "kv section-gap" }, h("dt", {}, "Your book"), h("dd", { id: "book-file" }, status.book), h("dt", {}, "Backup folder"), h("dd", { id: "backup-folder" }, status.folder)),
      info.demo
        ? h("p", { class: "muted section-gap" }, "You are looking at the demo book. Backups and restores are for your own book.")
        : [
            list,
            h(
              "div",
              { class: "actions form-actions" },
              h("button", { type: "button", class: "button", id: "back-up-now", onclick: backUp }, "Back up now"),
              h("button", { type: "button", class: "button", id: "restore-backup", onclick: restore }, "Restore from backup…"),
            ),
          ],
      h("h3", { class: "section-title" }, "Export as CSV"),
      h("p", { class: "hint" }, "For a spreadsheet, your accountant or another program: UTF-8, one header row."),
      h("div", { class: "actions" }, EXPORTS.map(([what, label]) => h("button", { type: "button", class: "button", id: `export-${what}`, onclick: () => exportOne(what) }, label))),
      h("h3", { class: "section-title" }, "Import"),
      h("p", {}, h("a", { href: "#/import", id: "open-import" }, "Import customers or open invoices from a CSV file…")),
      h("p", {}, h("a", { href: "#/money-in", id: "open-money-in" }, "Import a bank statement and confirm the payments in it…")),
      h("div", { "data-form-errors": "" }),
    ].flat(),
  );
  return card;
}
