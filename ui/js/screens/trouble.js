// When the book did not open: what is wrong, in the Rust side's words, and
// the ways out that fit it (duly_app::opening). Nothing here writes to the
// book that failed; each button asks the Rust side to try one way.

import { api } from "../api.js";
import { h } from "../dom.js";
import { dateTime } from "../format.js";
import { ctx, holderSince, holderWords, refreshBook } from "../session.js";

/** The heading for each fault; the message under it says the rest. */
const HEADINGS = {
  folder_missing: "Duly cannot find the folder of your book",
  book_missing: "Duly cannot find your book",
  not_a_book: "Duly cannot open this file",
  damaged: "Your book is damaged",
  newer: "Update Duly to open this book",
  read_only: "This book is read-only",
  in_use: "Your book is in use",
  full: "No room left on the disk",
  busy: "Another program is holding the book",
  io: "The disk could not read the book",
};

function label(way, trouble) {
  const b = trouble.newest_backup;
  switch (way) {
    case "newest_backup":
      return b ? `Open the backup of ${dateTime(b.date, b.time)}` : "Open the newest good backup";
    case "read_only":
      return "Open it read-only";
    case "try_again":
      return "Try again";
    case "choose_another":
      return "Choose another book…";
    case "demo":
      return "Try the demo book";
    default:
      return way;
  }
}

/** What each way out does, in one line under the buttons. */
function explain(trouble) {
  const lines = [];
  const kind = trouble.fault && trouble.fault.kind;
  if (trouble.ways_out.includes("newest_backup")) {
    lines.push("Opening the backup keeps the book that would not open beside it, renamed; nothing is deleted.");
  } else if (["damaged", "not_a_book", "newer"].includes(kind)) {
    lines.push("Duly found no good backup in the book's backups folder. If you keep copies elsewhere (a USB drive, a cloud folder), open one with Choose another book….");
  }
  if (trouble.ways_out.includes("read_only")) {
    lines.push("Read-only shows everything in the book and changes nothing.");
  }
  if (kind === "folder_missing" || kind === "book_missing") lines.push("Connect the drive or put the folder back, then try again.");
  if (kind === "full") lines.push("Free some space on the disk (empty the trash, remove large files), then try again.");
  if (kind === "in_use") lines.push("Close Duly where it is open, then try again.");
  return lines;
}

/** The message under the heading: the Rust side's, but for who holds a book
 * in use, which is written here so its date is in the owner's style. */
function message(trouble) {
  const f = trouble.fault;
  if (f && f.kind === "in_use" && f.holder) {
    return `${holderWords(f.holder)} has had this book open in Duly since ${holderSince(f.holder)}. ` +
      "Two Dulys writing one book could give one invoice number twice, so this one will not write to it.";
  }
  return trouble.message;
}

export async function render(root) {
  const trouble = ctx.trouble;
  if (!trouble) return ctx.go("#/");
  const kind = trouble.fault ? trouble.fault.kind : null;
  // Filled (and made an alert) only when a way out failed.
  const status = h("p", { class: "trouble-error", id: "trouble-error" });
  const act = async (way, button) => {
    status.textContent = "";
    status.removeAttribute("role");
    button.disabled = true;
    try {
      await refreshBook(await api.bookWayOut(way));
      ctx.go("#/");
    } catch (error) {
      status.textContent = error.message;
      status.setAttribute("role", "alert");
    } finally {
      button.disabled = false;
    }
  };
  const buttons = trouble.ways_out.map((way, i) => {
    const button = h(
      "button",
      { type: "button", class: i === 0 ? "button primary" : "button", dataset: { way }, autofocus: i === 0 },
      label(way, trouble),
    );
    button.addEventListener("click", () => act(way, button));
    return button;
  });
  root.appendChild(
    h(
      "section",
      { class: "welcome trouble", dataset: { fault: kind || "other" } },
      h("h1", {}, HEADINGS[kind] || "Duly could not open your book"),
      h("p", { id: "trouble-message" }, message(trouble)),
      h("p", { class: "trouble-file" }, h("span", {}, "Book: "), h("code", {}, trouble.book)),
      h("div", { class: "actions" }, buttons),
      status,
      ...explain(trouble).map((line) => h("p", { class: "trouble-hint" }, line)),
    ),
  );
}
