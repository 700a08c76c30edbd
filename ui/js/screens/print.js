// Print…: one dialog for every document (invoice, statement, credit note,
// letter, weekly summary). It lists this computer's printers, the default
// (or the one used last) first, asks how many copies and sends the PDF. With
// no printer it says why and offers Save PDF… instead.

import { api } from "../api.js";
import { h, toast } from "../dom.js";
import { field, select } from "../forms.js";
import { confirmDialog } from "../modal.js";

/** The printer chosen last in this session is offered first next time. */
let lastPrinter = null;

/**
 * `document` names what to print as the Rust side does (`{kind: "invoice",
 * id}`, `{kind: "statement", customer_id, since_date}`, …); `what` is how
 * the title names it ("invoice INV-0001").
 */
export async function printDialog(document, what) {
  let view;
  try {
    view = await api.listPrinters();
  } catch (error) {
    toast(error.message);
    return;
  }
  if (!view.printers.length) {
    const saved = await confirmDialog({
      title: "No printer",
      sentence: view.none_because,
      confirmLabel: "Save PDF…",
      onConfirm: () => api.saveDocument(document),
    });
    if (saved) toast(`Saved ${saved}`);
    return;
  }
  const names = view.printers.map((p) => p.name);
  const chosen = names.includes(lastPrinter) ? lastPrinter : names[0];
  const printed = await confirmDialog({
    title: `Print ${what}`,
    sentence: "Duly sends the PDF to the printer; it prints exactly what Open PDF shows.",
    confirmLabel: "Print",
    fields: [
      select("Printer", "printer", view.printers.map((p) => [p.name, p.is_default ? `${p.name} (default)` : p.name]), chosen, { id: "print-printer" }),
      field("Copies", "copies", "1", { type: "number", min: 1, max: 99, step: 1, id: "print-copies", inputmode: "numeric" }),
    ],
    onConfirm: (v) => api.printDocument(document, { printer: v.printer, copies: v.copies }),
  });
  if (printed) {
    lastPrinter = printed.printer;
    const copies = printed.copies > 1 ? `${printed.copies} copies of ` : "";
    toast(`Sent ${copies}${what} to ${printed.printer}`);
  }
}
