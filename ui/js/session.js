// What every screen shares: the app's "today", navigation, and which book is
// open. Kept apart from app.js so screens never import the entry module.

import { api } from "./api.js";
import { h, clear } from "./dom.js";
import { dateTime, setDateStyle } from "./format.js";

/** Who has the book, in words: "maria on front-desk" (or "someone on front-desk"). */
export function holderWords(holder) {
  return `${holder.user || "someone"} on ${holder.computer}`;
}

/** The "since" of a lock ("YYYY-MM-DD HH:MM"), in the owner's style. */
export function holderSince(holder) {
  const [day, time] = holder.since.split(" ");
  return dateTime(day, time);
}

/** The read-only banner's sentence. */
function readOnlyWords(readOnly) {
  if (readOnly.why === "in_use") {
    const who = readOnly.holder;
    return who
      ? `Read-only: ${holderWords(who)} has this book open in Duly, since ${holderSince(who)}.`
      : "Read-only: this book is open in another Duly.";
  }
  return "Read-only: the book's file or folder is marked read-only.";
}

export const ctx = {
  /** The app's today (ISO), from the Rust side, which may be fixed by --today. */
  today: "",
  /**
   * Set by a screen holding typed work (the invoice editor, the call form):
   * returns true while something typed is not saved. Leaving then asks
   * first. Each navigation clears it; a screen clears it once it has saved.
   */
  unsaved: null,
  /** Why no book is open (the trouble screen shows it), or null. */
  trouble: null,
  /** Why the open book takes no changes (the banner says it), or null. */
  readOnly: null,
  /** Shows a screen; going to the current one re-renders it. */
  go(hash) {
    if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
    else location.hash = hash;
  },
};

/**
 * Updates the banners (demo, read-only, a notice), the business name in the
 * rail, the book's date style, `ctx.today`, and `ctx.trouble` (set when no
 * book is open: the window then shows only the trouble screen). `given` is
 * the book info a command just returned: it carries a one-time notice.
 */
export async function refreshBook(given) {
  const info = given || (await api.bookInfo());
  ctx.today = info.today;
  ctx.trouble = info.trouble || null;
  ctx.readOnly = info.read_only || null;
  document.body.classList.toggle("no-book", Boolean(info.trouble));
  document.getElementById("demo-banner").hidden = !info.demo || Boolean(info.trouble);
  document.getElementById("read-only-banner").hidden = !info.read_only;
  document.getElementById("read-only-text").textContent = info.read_only ? readOnlyWords(info.read_only) : "";
  document.getElementById("backup-warning").hidden = !info.backup_failed;
  document.getElementById("backup-warning-text").textContent = info.backup_failed
    ? `Today's backup was not made: ${info.backup_failed} Your book itself is saved. Once that is fixed, use Back up now in Settings.`
    : "";
  if (info.restored) {
    const { from, kept_as: keptAs } = info.restored;
    clear(document.getElementById("notice-text")).append(
      `Duly opened your backup of ${dateTime(from.date, from.time)}; anything entered after that is not in it. ` +
        "The book that could not be opened is kept beside it as ",
      h("code", { class: "file-name" }, keptAs),
      ".",
    );
    document.getElementById("notice-banner").hidden = false;
  }
  if (info.trouble) {
    document.getElementById("book-name").textContent = "";
    return info;
  }
  const overview = await api.overview();
  setDateStyle(overview.date_style);
  document.getElementById("book-name").textContent = overview.business_name || "";
  return info;
}

/** Opens the demo book (from the welcome screen) or goes back to the own book. */
export async function switchBook(demo) {
  await refreshBook(demo ? await api.openDemoBook() : await api.openOwnBook());
  ctx.go("#/");
}
