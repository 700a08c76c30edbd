// Draft follow-up: the step the ladder suggests and why; the message to edit
// (to, cc, subject, body, attachments); the tone check beside it as you type;
// then copy, save as .eml, open in the mail client, or send. Whatever leaves
// is logged in the customer's history with its step.

import { api } from "../api.js";
import { h, clear, toast, mount, emptyState } from "../dom.js";
import { date } from "../format.js";
import { showErrors } from "../forms.js";
import { confirmDialog } from "../modal.js";
import { printDialog } from "./print.js";

const STEPS = [
  ["friendly_reminder", "1 · Friendly reminder"],
  ["personal_note", "2 · Personal note from the owner"],
  ["extend_circle", "3 · Extend the circle"],
  ["formal_reminder", "4 · Formal reminder"],
  ["options", "5 · Options: plan, extension, financing"],
  ["last_resort", "6 · Last resort"],
];
const OTHER = [
  ["statement_email", "Statement of account"],
  ["call_recap", "Call recap"],
  ["invoice_email", "New invoice email"],
  ["thank_you", "Thank-you for a payment"],
  ["plan_confirmation", "Payment plan confirmation"],
  ["dispute_ack", "Dispute acknowledgement"],
  ["dispute_resolution", "Dispute resolution"],
  ["dispute_apology", "Dispute resolution, with apology"],
];

export async function render(root, params, ctx) {
  const id = params.id;
  const kind = params.query.get("kind");
  const num = (key) => Number(params.query.get(key)) || null;
  const about = { invoice_id: num("invoice"), payment_id: num("payment"), contact_id: num("contact"), dispute_id: num("dispute"), plan_id: num("plan") };
  const customer = await api.customer(id);
  let d;
  try {
    d = await (kind && !STEPS.some(([k]) => k === kind) ? api.draftMessage(id, kind, about) : api.draftFollowUp(id, kind));
  } catch (error) {
    // Nothing overdue (or only what is paused): there is no reminder to
    // draft, and the page says why instead of failing.
    if (error.kind !== "not_allowed") throw error;
    const others = h(
      "select",
      { id: "draft-kind", "aria-label": "Which message" },
      h("option", { value: "", selected: true }, "Another message…"),
      OTHER.map(([k, label]) => h("option", { value: k }, label)),
    );
    others.addEventListener("change", () => others.value && ctx.go(`#/customers/${id}/draft?kind=${others.value}`));
    mount(root,
      h("header", { class: "screen-head" }, h("div", {}, h("h1", {}, "Draft follow-up"), h("p", { class: "sub" }, customer.company)), h("div", { class: "actions" }, others)),
      emptyState("No reminder to draft", error.message, h("div", { class: "actions" },
        h("a", { class: "button primary", id: "draft-statement", href: `#/customers/${id}/draft?kind=statement_email` }, "Email the statement"),
        h("a", { class: "button", href: `#/customers/${id}` }, `Back to ${customer.company}`),
      )),
    );
    return;
  }
  const s = d.suggestion;
  const picker = h(
    "select",
    { id: "draft-kind", "aria-label": "Which message" },
    h("optgroup", { label: "Follow-up ladder" }, STEPS.map(([k, label]) => h("option", { value: k, selected: k === d.kind }, label, s && s.step === k ? "  (suggested)" : ""))),
    h("optgroup", { label: "Other messages" }, OTHER.map(([k, label]) => h("option", { value: k, selected: k === d.kind }, label))),
  );
  const keep = ["invoice", "payment", "contact", "dispute", "plan"].filter((k) => params.query.get(k)).map((k) => `&${k}=${params.query.get(k)}`).join("");
  picker.addEventListener("change", () => ctx.go(`#/customers/${id}/draft?kind=${picker.value}${keep}`));

  const to = h("input", { id: "draft-to", value: d.to.join(", "), dataset: { field: "to" } });
  const cc = h("input", { id: "draft-cc", value: d.cc.join(", "), dataset: { field: "cc" } });
  const subject = h("input", { id: "draft-subject", value: d.subject, dataset: { field: "subject" } });
  const body = h("textarea", { id: "draft-body", rows: 18, dataset: { field: "body" } }, d.body);
  const attachments = d.attachments.map((a) => ({ a, box: h("input", { type: "checkbox", checked: true }) }));
  const tonePanel = h("div", { class: "card tone", id: "tone-panel" });
  const drawTone = (issues) => {
    mount(clear(tonePanel), 
      h("h3", {}, "Tone check"),
      issues.length
        ? h("ul", { class: "tone-list" }, issues.map((i) => h("li", { class: `tone-${i.rule}` }, i.message)))
        : h("p", { class: "good-news" }, "Courteous, specific, and says how to pay."),
    );
  };
  drawTone(d.tone);
  const list = (text) => text.split(/[,;]/).map((x) => x.trim()).filter(Boolean);
  const collect = () => ({
    customer_id: id,
    kind: d.kind,
    to: list(to.value),
    cc: list(cc.value),
    subject: subject.value,
    body: body.value,
    attachments: attachments.filter((x) => x.box.checked).map((x) => x.a),
  });
  let timer;
  const recheck = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => drawTone(await api.checkTone({ customer_id: id, kind: d.kind, subject: subject.value, body: body.value })), 250);
  };
  subject.addEventListener("input", recheck);
  body.addEventListener("input", recheck);

  const form = h("form", { id: "draft-form", class: "draft-form", novalidate: true });
  const act = (label, fn) => async () => {
    try {
      const result = await fn();
      if (result !== false) toast(label);
    } catch (error) {
      showErrors(form, error);
    }
  };
  // Asked before the confirm dialog: a missing address or an unset mail
  // server is said on the page, with the way to fix it, not in the dialog.
  const send = async () => {
    try {
      await api.readyToSend(collect());
    } catch (error) {
      showErrors(form, error);
      if (error.kind === "not_allowed") {
        form.querySelector("[data-form-errors]").appendChild(h("p", {}, h("a", { class: "button", id: "set-up-email", href: "#/settings?at=mail-form" }, "Set up email in Settings")));
      }
      return;
    }
    const done = await confirmDialog({
      title: "Send this email?",
      sentence: `It goes to ${list(to.value).join(", ")}${list(cc.value).length ? `, copying ${list(cc.value).join(", ")}` : ""}, from your mail server, and is logged in ${customer.company}'s history.`,
      confirmLabel: "Send",
      onConfirm: () => api.sendEmail(collect()),
    });
    if (done) {
      toast("Sent, and logged");
      ctx.go(`#/customers/${id}`);
    }
  };

  // A message saved or opened in the mail app is logged as prepared; the
  // ladder moves on only once the owner says it went out.
  const markSent = h(
    "div",
    { class: "card sent-prompt", hidden: true },
    h("p", {}, "Not sent yet. Once it has gone out (from your mail app, or in the post), say so: the follow-up ladder moves on a sent message only."),
    h("button", { type: "button", class: "button primary", id: "mark-sent", onclick: act("Marked as sent, and logged", async () => { await api.markSent(collect()); markSent.hidden = true; }) }, "I sent it: mark as sent"),
  );
  // What the letter asks to be paid (its payment panel and QR code): the
  // invoices the message attaches.
  const asked = () => collect().attachments.filter((a) => a.kind === "invoice").map((a) => a.invoice_id);
  // The letter and what the message says is attached, as enclosures: a
  // letter that says "a statement is attached" has it in the envelope.
  const printLetter = async () => {
    const enclosed = collect().attachments.map((a) => (a.kind === "statement" ? { kind: "statement", customer_id: id, since_date: "" } : { kind: "invoice", id: a.invoice_id }));
    const what = enclosed.length ? `the letter for ${customer.company} and ${enclosed.length === 1 ? "its enclosure" : `its ${enclosed.length} enclosures`}` : `the letter for ${customer.company}`;
    if (await printDialog([{ kind: "letter", customer_id: id, subject: subject.value, body: body.value, cc: list(cc.value), invoice_ids: asked() }, ...enclosed], what)) prepared();
  };
  const prepared = () => {
    markSent.hidden = false;
    form.querySelector("#send-email").classList.remove("primary");
    return true;
  };

  mount(form, 
    h(
      "div",
      { class: "card" },
      h("div", { class: "draft-row" }, h("label", { for: "draft-to" }, "To"), to),
      h("div", { class: "draft-row" }, h("label", { for: "draft-cc" }, "Cc"), cc),
      h("div", { class: "draft-row" }, h("label", { for: "draft-subject" }, "Subject"), subject),
      body,
      attachments.length
        ? h("div", { class: "attachments" }, h("span", { class: "muted" }, "Attached: "), attachments.map(({ a, box }) => h("label", { class: "attachment" }, box, " ", a.kind === "statement" ? "Statement of account (PDF)" : `Invoice ${a.number} (PDF)`)))
        : null,
      h("div", { "data-form-errors": "" }),
    ),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "button", class: "button primary", id: "send-email", onclick: send }, "Send…"),
      h("button", { type: "button", class: "button", id: "save-eml", onclick: act("Saved as an email file", async () => ((await api.saveEml(collect())) ? prepared() : false)) }, "Save .eml…"),
      h("button", { type: "button", class: "button", id: "open-eml", onclick: act("Opened in your mail app", async () => { await api.openEml(collect()); prepared(); }) }, "Open in mail app"),
      d.step ? h("button", { type: "button", class: "button", id: "save-letter", title: "The message as a signed letter on your letterhead, to print and post", onclick: act("Letter saved", async () => ((await api.saveLetterPdf(id, subject.value, body.value, list(cc.value), asked())) ? true : false)) }, "Letter PDF…") : null,
      d.step ? h("button", { type: "button", class: "button", id: "print-letter", onclick: printLetter }, "Print letter…") : null,
      h("button", { type: "button", class: "button ghost", id: "copy-draft", onclick: act("Copied", () => navigator.clipboard.writeText(`${subject.value}\n\n${body.value}`)) }, "Copy text"),
    ),
    markSent,
  );

  mount(root, 
    h(
      "header",
      { class: "screen-head" },
      h("div", {}, h("h1", {}, d.title), h("p", { class: "sub" }, customer.company)),
      h("div", { class: "actions" }, picker),
    ),
    s
      ? h(
          "div",
          { class: `card suggestion${s.waiting ? " waiting" : ""}`, id: "ladder-suggestion" },
          h("p", { class: "event-title" }, s.waiting ? `Waiting: the next step (${s.number}, ${s.title.toLowerCase()}) is due ${date(s.due_on)}.` : `Suggested: step ${s.number}, ${s.title}${s.due_on > ctx.today ? `, due ${date(s.due_on)}` : ""}.`),
          h("p", { class: "muted", id: "ladder-why" }, "Why: ", s.why.join("; "), "."),
        )
      : null,
    h("div", { class: "editor" }, form, h("aside", {}, tonePanel, d.call_script ? h("div", { class: "card" }, h("h3", {}, "If you call instead"), h("p", { class: "pre small" }, d.call_script)) : null)),
  );
}
