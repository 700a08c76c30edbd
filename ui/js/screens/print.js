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
 * id}`, `{kind: "statement", customer_id, since_date}`, …), or is a list of
 * them printed in order (a letter and its enclosures); `what` is how the
 * title names it ("invoice INV-0001"). Resolves true once printed.
 */
export async function printDialog(document, what) {
  const documents = Array.isArray(document) ? document : [document];
  let view;
  try {
    view = await api.listPrinters();
  } catch (error) {
    toast(error.message);
    return false;
  }
  if (!view.printers.length) {
    const saved = await confirmDialog({
      title: "No printer",
      sentence: view.none_because,
      confirmLabel: "Save PDF…",
      onConfirm: () => api.saveDocument(documents[0]),
    });
    if (saved) toast(`Saved ${saved}`);
    return false;
  }
  const names = view.printers.map((p) => p.name);
  const chosen = names.includes(lastPrinter) ? lastPrinter : names[0];
  const printed = await confirmDialog({
    title: `Print ${what}`,
    sentence: documents.length > 1 ? "One after the other, the same PDFs you can open or save." : "Duly prints the same PDF you can open or save.",
    confirmLabel: "Print",
    fields: [
      select("Printer", "printer", view.printers.map((p) => [p.name, p.is_default ? `${p.name} (default)` : p.name]), chosen, { id: "print-printer" }),
      // Checked by Duly, so the message is its own, beside the field.
      field("Copies", "copies", "1", { id: "print-copies", inputmode: "numeric" }),
    ],
    onConfirm: async (v) => {
      let printed = null;
      for (const d of documents) printed = await api.printDocument(d, { printer: v.printer, copies: v.copies });
      return printed;
    },
  });
  if (!printed) return false;
  lastPrinter = printed.printer;
  const copies = printed.copies > 1 ? `${printed.copies} copies of ` : "";
  toast(`Sent ${copies}${what} to ${printed.printer}`);
  return true;
}
