// The window: a left rail and one screen at a time, chosen by the URL hash.
//   #/welcome  #/week?as_of=2026-11-23  #/customers  #/customers/new  #/customers/12  #/customers/12/edit
//   #/customers/12/payment  #/customers/12/promise  #/customers/12/call
//   #/customers/12/draft?kind=extend_circle&invoice=5
//   #/invoices  #/invoices/new?customer=12  #/invoices/5  #/settings  #/setup (first run)  #/about

import { api } from "./api.js";
import { h, clear } from "./dom.js";
import { confirmDialog } from "./modal.js";
import { ctx, refreshBook, switchBook } from "./session.js";
import * as welcome from "./screens/welcome.js";
import * as trouble from "./screens/trouble.js";
import * as customerList from "./screens/customer-list.js";
import * as customerPage from "./screens/customer-page.js";
import * as customerForm from "./screens/customer-form.js";
import * as invoiceList from "./screens/invoice-list.js";
import * as invoiceEditor from "./screens/invoice-editor.js";
import * as invoicePage from "./screens/invoice-page.js";
import * as settings from "./screens/settings.js";
import * as setup from "./screens/setup.js";
import * as about from "./screens/about.js";
import * as paymentForm from "./screens/payment-form.js";
import * as promiseForm from "./screens/promise-form.js";
import * as callForm from "./screens/call-form.js";
import * as week from "./screens/week.js";
import * as importScreen from "./screens/import.js";
import * as draft from "./screens/draft.js";
import * as templates from "./screens/templates.js";
import * as planForm from "./screens/plan-form.js";
import * as lateFees from "./screens/late-fees.js";
import * as moneyIn from "./screens/money-in.js";
import { runDue } from "./screens/recurring.js";


const routes = [
  [/^#\/welcome$/, welcome, null],
  [/^#\/trouble$/, trouble, null],
  [/^#\/week$/, week, "week"],
  [/^#\/customers$/, customerList, "customers"],
  [/^#\/customers\/new$/, customerForm, "customers"],
  [/^#\/customers\/(\d+)\/edit$/, customerForm, "customers"],
  [/^#\/customers\/(\d+)$/, customerPage, "customers"],
  [/^#\/customers\/(\d+)\/payment$/, paymentForm, "customers"],
  [/^#\/customers\/(\d+)\/promise$/, promiseForm, "customers"],
  [/^#\/customers\/(\d+)\/call$/, callForm, "customers"],
  [/^#\/customers\/(\d+)\/draft$/, draft, "customers"],
  [/^#\/customers\/(\d+)\/plan$/, planForm, "customers"],
  [/^#\/invoices$/, invoiceList, "invoices"],
  [/^#\/invoices\/new$/, invoiceEditor, "invoices"],
  [/^#\/invoices\/(\d+)$/, invoicePage, "invoices"],
  [/^#\/settings$/, settings, "settings"],
  [/^#\/setup$/, setup, null],
  [/^#\/about$/, about, "settings"],
  [/^#\/import$/, importScreen, "settings"],
  [/^#\/settings\/templates$/, templates, "settings"],
  [/^#\/late-fees$/, lateFees, "invoices"],
  [/^#\/money-in$/, moneyIn, "week"],
];

let renderId = 0;
/** The hash of the screen on show, to go back to when leaving is cancelled. */
let shown = "";

async function route() {
  const screen = document.getElementById("screen");
  // Typed work is never thrown away without a word.
  if (ctx.unsaved && ctx.unsaved() && location.hash !== shown) {
    const target = location.hash;
    history.replaceState(null, "", shown);
    const leave = await confirmDialog({
      title: "Leave without saving?",
      sentence: "What you typed on this page has not been saved. Leave it, or stay and save it.",
      confirmLabel: "Leave without saving",
      cancelLabel: "Stay on this page",
      onConfirm: () => true,
    });
    if (!leave) return;
    ctx.unsaved = null;
    history.replaceState(null, "", target);
  }
  ctx.unsaved = null;
  shown = location.hash;
  const [path, query] = location.hash.split("?");
  // With no book open there is one screen: what is wrong and the ways out.
  if (ctx.trouble && path !== "#/trouble") {
    history.replaceState(null, "", "#/trouble");
    return route();
  }
  if (!ctx.trouble && path === "#/trouble") {
    history.replaceState(null, "", "#/");
    return route();
  }
  if (!path || path === "#" || path === "#/") {
    const o = await api.overview();
    const empty = o.customers === 0 && o.invoices === 0 && !o.set_up;
    const home = empty ? "#/welcome" : o.issued > 0 ? "#/week" : "#/invoices";
    history.replaceState(null, "", home);
    return route();
  }
  const match = routes.find(([re]) => re.test(path));
  if (!match) return ctx.go("#/");
  const [re, module, nav] = match;
  const params = { id: Number(path.match(re)[1]) || null, query: new URLSearchParams(query || "") };
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === nav) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const mine = ++renderId;
  const page = h("div", { class: "page", dataset: { screen: path.replace(/^#\//, "").replace(/\/\d+/g, "/id") } });
  try {
    await module.render(page, params, ctx);
  } catch (error) {
    page.appendChild(h("div", { class: "empty card" }, h("h2", {}, "This page could not be shown"), h("p", {}, error.message)));
  }
  if (mine !== renderId) return; // a newer navigation won
  clear(screen).appendChild(page);
  screen.scrollTop = 0;
  const autofocus = page.querySelector("[autofocus]");
  if (autofocus) autofocus.focus();
}

// `/` focuses the screen's search box, as in most list-heavy apps.
document.addEventListener("keydown", (event) => {
  const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing) {
    const search = document.querySelector("#screen .search");
    if (search) {
      event.preventDefault();
      search.focus();
    }
  }
});

document.getElementById("leave-demo").addEventListener("click", () => switchBook(false));
document.getElementById("open-for-writing").addEventListener("click", () => switchBook(false));
document.getElementById("dismiss-notice").addEventListener("click", () => {
  document.getElementById("notice-banner").hidden = true;
});

// Another launch of Duly brought this window to the front, maybe asking for
// another book: the owner says whether to switch (the open book is saved).
let asking = false;
window.addEventListener("focus", async () => {
  if (asking) return;
  const info = await api.bookInfo();
  if (!info.requested) return;
  asking = true;
  const open = await confirmDialog({
    title: "Open another book?",
    sentence: `Duly was asked to open ${info.requested}. Everything in the book open now is saved.`,
    confirmLabel: "Open that book",
    cancelLabel: "Stay on this book",
    onConfirm: () => true,
  });
  asking = false;
  await refreshBook(await api.answerBookRequest(Boolean(open)));
  if (open) ctx.go("#/");
});
window.addEventListener("hashchange", route);

// Anything unexpected is said plainly instead of leaving a blank screen.
function unexpected(error) {
  const screen = document.getElementById("screen");
  const message = (error && (error.message || String(error))) || "Unknown error";
  screen.appendChild(h("div", { class: "empty card", role: "alert" }, h("h2", {}, "Something went wrong"), h("p", {}, message)));
}
window.addEventListener("unhandledrejection", (e) => unexpected(e.reason));
window.addEventListener("error", (e) => unexpected(e.error || e.message));

await refreshBook();
// Recurring invoices bill what is due when Duly starts, and again when the
// day changes while it is open (the clock is the Rust side's, --today too);
// not in a book that is read-only or did not open.
const billDue = () => (ctx.trouble || ctx.readOnly ? Promise.resolve() : runDue().catch((error) => unexpected(error)));
await billDue();
// Today's backup is made beside the window's work; a failure is said once known.
const backupWatch = setInterval(async () => {
  const info = await api.bookInfo();
  if (info.backup_pending) return;
  clearInterval(backupWatch);
  if (info.backup_failed) await refreshBook(info);
}, 2_000);
setInterval(async () => {
  const info = await api.bookInfo();
  if (info.today !== ctx.today) {
    await refreshBook();
    await billDue();
  }
}, 60_000);
await route();
// The lists the owner goes to next are worked out while they read the first
// screen (kept until the book changes) instead of when they click. A failure
// here is shown by the list itself when it is visited.
if (!ctx.trouble) api.prepareLists().catch(() => {});
