// The only module that talks to the Rust side. Every command returns plain
// data; failures arrive as {kind, message, fields} and become ApiError.

const invoke = window.__TAURI__.core.invoke;

/** A refusal from the core: `fields` says which inputs it concerns. */
export class ApiError extends Error {
  constructor(raw) {
    const e = typeof raw === "object" && raw !== null ? raw : { kind: "storage", message: String(raw) };
    super(e.message || "Something went wrong.");
    this.kind = e.kind || "storage";
    this.fields = Array.isArray(e.fields) ? e.fields : [];
  }
}

async function call(command, args = {}) {
  try {
    return await invoke(command, args);
  } catch (raw) {
    throw new ApiError(raw);
  }
}

// Every PDF is named the way the Rust side's `Printable` names it, so one
// command opens, saves or prints any of them.
const openDocument = (document) => call("open_document", { document });
const saveDocument = (document) => call("save_document", { document });

export const api = {
  bookInfo: () => call("book_info"),
  openDemoBook: () => call("open_demo_book"),
  openOwnBook: () => call("open_own_book"),
  bookWayOut: (way) => call("book_way_out", { way }),
  answerBookRequest: (open) => call("answer_book_request", { open }),
  overview: () => call("get_overview"),

  settings: () => call("get_settings"),
  saveProfile: (form) => call("save_profile", { form }),
  saveNumbering: (form) => call("save_numbering", { form }),
  setLogo: (dataBase64) => call("set_logo", { form: { data_base64: dataBase64 } }),
  saveTaxRate: (id, form) => call("save_tax_rate", { id, form }),
  setTaxRateArchived: (id, archived) => call("set_tax_rate_archived", { id, archived }),

  prepareLists: () => call("prepare_lists"),
  pageCustomers: (query) => call("page_customers", { query }),
  customer: (id) => call("get_customer", { id }),
  createCustomer: (form) => call("create_customer", { form }),
  updateCustomer: (id, form) => call("update_customer", { id, form }),
  setCustomerArchived: (id, archived) => call("set_customer_archived", { id, archived }),
  decideService: (id, status, reason) => call("decide_service", { id, form: { status, reason } }),

  previewInvoice: (form) => call("preview_invoice", { form }),
  saveDraft: (id, form) => call("save_draft", { id, form }),
  deleteDraft: (id) => call("delete_draft", { id }),
  issueInvoice: (id, form) => call("issue_invoice", { id, form }),
  voidInvoice: (id, reason) => call("void_invoice", { id, form: { reason } }),
  duplicateInvoice: (id, customerId) => call("duplicate_invoice", { id, form: { customer_id: customerId } }),
  runRecurring: () => call("run_recurring"),
  makeRecurring: (invoiceId, form) => call("make_recurring", { invoiceId, form }),
  previewRecurring: (invoiceId, form) => call("preview_recurring", { invoiceId, form }),
  listSchedules: (customerId) => call("list_schedules", { customerId }),
  changeSchedule: (id, change) => call("change_schedule", { id, change }),
  changeScheduleFuture: (id, form) => call("change_schedule_future", { id, form }),
  recurringToReview: () => call("recurring_to_review"),
  issueReviewed: () => call("issue_reviewed"),
  invoice: (id) => call("get_invoice", { id }),
  listInvoices: (query) => call("list_invoices", { query }),
  pageInvoices: (query) => call("page_invoices", { query }),

  customerAccount: (id) => call("customer_account", { id }),
  customerTimeline: (id, span) => call("customer_timeline", { id, span }),
  recordPayment: (form) => call("record_payment", { form }),
  reversePayment: (id, form) => call("reverse_payment", { id, form }),
  paymentEnteredInError: (id) => call("payment_entered_in_error", { id }),
  correctPaymentReference: (id, form) => call("correct_payment_reference", { id, form }),
  applyCredit: (customerId) => call("apply_credit", { customerId }),
  recordPromise: (customerId, form) => call("record_promise", { customerId, form }),
  previewPromise: (form) => call("preview_promise", { form }),
  logContact: (form) => call("log_contact", { form }),
  savePromisePolicy: (form) => call("save_promise_policy", { form }),
  saveSummaryPolicy: (form) => call("save_summary_policy", { form }),
  weeklySummary: (asOf) => call("weekly_summary", { asOf }),
  summaryPage: (asOf, list, query) => call("summary_page", { asOf, list, query }),
  saveLadderPolicy: (form) => call("save_ladder_policy", { form }),
  openDispute: (form) => call("open_dispute", { form }),
  acknowledgeDispute: (id) => call("acknowledge_dispute", { id }),
  updateDispute: (id, form) => call("update_dispute", { id, form }),
  resolveDispute: (id, form) => call("resolve_dispute", { id, form }),
  listDisputes: (customerId = null) => call("list_disputes", { customerId }),
  disputeReport: () => call("dispute_report"),
  issueCreditNote: (invoiceId, form) => call("issue_credit_note", { invoiceId, form }),
  createPlan: (customerId, form) => call("create_plan", { customerId, form }),
  cancelPlan: (id) => call("cancel_plan", { id }),
  listPlans: (customerId = null) => call("list_plans", { customerId }),
  extendInvoice: (invoiceId, form) => call("extend_invoice", { invoiceId, form }),
  listCreditNotes: (customerId) => call("list_credit_notes", { customerId }),
  openCreditNotePdf: (number) => openDocument({ kind: "credit_note", number }),
  exportSummaryPdf: (asOf) => saveDocument({ kind: "weekly_summary", as_of: asOf }),
  listPrinters: () => call("list_printers"),
  about: () => call("about"),
  printDocument: (document, form) => call("print_document", { document, form }),
  saveDocument,
  openInvoicePdf: (id) => openDocument({ kind: "invoice", id }),
  saveInvoicePdf: (id) => saveDocument({ kind: "invoice", id }),
  openStatement: (customerId, sinceDate = "") => openDocument({ kind: "statement", customer_id: customerId, since_date: sinceDate }),
  saveLetterPdf: (customerId, subject, body, cc, invoiceIds) => saveDocument({ kind: "letter", customer_id: customerId, subject, body, cc, invoice_ids: invoiceIds }),
  draftFollowUp: (customerId, step = null) => call("draft_follow_up", { customerId, step }),
  draftMessage: (customerId, kind, about = {}) => call("draft_message", { customerId, kind, about }),
  checkTone: (form) => call("check_tone", { form }),
  saveEml: (form) => call("save_eml", { form }),
  openEml: (form) => call("open_eml", { form }),
  sendEmail: (form) => call("send_email", { form }),
  readyToSend: (form) => call("ready_to_send", { form }),
  markSent: (form) => call("mark_sent", { form }),
  mailSettings: () => call("mail_settings"),
  saveMailSettings: (form) => call("save_mail_settings", { form }),
  testMailConnection: () => call("test_mail_connection"),
  listTemplates: () => call("list_templates"),
  saveTemplate: (kind, form) => call("save_template", { kind, form }),
  resetTemplate: (kind) => call("reset_template", { kind }),
  previewTemplate: (customerId, kind, form) => call("preview_template", { customerId, kind, form }),
  exportSummaryCsv: (asOf) => call("export_summary_csv", { asOf }),
  lateFeePolicy: () => call("late_fee_policy"),
  saveLateFeePolicy: (form) => call("save_late_fee_policy", { form }),
  lateFees: (asOf) => call("late_fees", { asOf }),
  lateFeeLines: (asOf, span) => call("late_fee_lines", { asOf, span }),
  applyLateFees: (asOf, customerIds = null) =>
    call("apply_late_fees", { asOf, customers: customerIds ? { kind: "only", ids: customerIds } : { kind: "all" } }),
  waiveLateFee: (invoiceId, reason) => call("waive_late_fee", { invoiceId, form: { reason } }),
  setLateFeeOptOut: (customerId, optOut) => call("set_late_fee_opt_out", { customerId, optOut }),
  setInvoiceLateFeeExempt: (invoiceId, exempt) => call("set_invoice_late_fee_exempt", { invoiceId, exempt }),

  // Your data: backups, restore, CSV export and import, the audit trail.
  backupStatus: () => call("backup_status"),
  backUpNow: () => call("back_up_now"),
  chooseBackup: () => call("choose_backup"),
  restoreBackup: () => call("restore_backup"),
  exportCsv: (what) => call("export_csv", { what }),
  chooseImportFile: (kind) => call("choose_import_file", { kind }),
  previewImport: (kind, mapping) => call("preview_import", { kind, mapping }),
  runImport: (kind, mapping) => call("run_import", { kind, mapping }),
  chooseBankStatement: () => call("choose_bank_statement"),
  mapBankStatement: (mapping) => call("map_bank_statement", { mapping }),
  confirmBankStatement: (decisions) => call("confirm_bank_statement", { decisions }),
  auditTrail: (subject, id, span) => call("audit_trail", { subject, id, span }),
};
