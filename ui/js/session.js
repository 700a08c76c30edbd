// What every screen shares: the app's "today", navigation, and which book is
// open. Kept apart from app.js so screens never import the entry module.

import { api } from "./api.js";
import { setDateStyle } from "./format.js";

export const ctx = {
  /** The app's today (ISO), from the Rust side, which may be fixed by --today. */
  today: "",
  /**
   * Set by a screen holding typed work (the invoice editor, the call form):
   * returns true while something typed is not saved. Leaving then asks
   * first. Each navigation clears it; a screen clears it once it has saved.
   */
  unsaved: null,
  /** Shows a screen; going to the current one re-renders it. */
  go(hash) {
    if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
    else location.hash = hash;
  },
};

/** Updates the demo banner, the business name in the rail, the book's date style and `ctx.today`. */
export async function refreshBook() {
  const [info, overview] = await Promise.all([api.bookInfo(), api.overview()]);
  ctx.today = info.today;
  setDateStyle(overview.date_style);
  document.getElementById("demo-banner").hidden = !info.demo;
  document.getElementById("book-name").textContent = overview.business_name || "";
}

/** Opens the demo book (from the welcome screen) or goes back to the own book. */
export async function switchBook(demo) {
  if (demo) await api.openDemoBook();
  else await api.openOwnBook();
  await refreshBook();
  ctx.go("#/");
}
