// What every screen shares: the app's "today", navigation, and which book is
// open. Kept apart from app.js so screens never import the entry module.

import { api } from "./api.js";
import { dateTime, setDateStyle } from "./format.js";

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
  document.getElementById("demo-banner").hidden = !info.demo || Boolean(info.trouble);
  document.getElementById("read-only-banner").hidden = !info.read_only;
  document.getElementById("read-only-text").textContent = info.read_only || "";
  if (info.restored) {
    const { from, kept_as: keptAs } = info.restored;
    document.getElementById("notice-text").textContent =
      `Duly opened your backup of ${dateTime(from.date, from.time)}. ` +
      `The book that could not be opened is kept beside it as ${keptAs}.`;
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
