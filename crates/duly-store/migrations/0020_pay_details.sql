-- Duly book, version 20: how customers pay by bank and online.
-- The profile gains the account (IBAN, BIC: checked before they are saved)
-- and the owner's payment-page address with its fill-ins. An invoice freezes
-- them when it is issued, like its payment text, so a reprint shows what the
-- customer was sent; invoices issued before this version have none, and
-- their reprints stay as they were.

ALTER TABLE business_profile ADD COLUMN iban TEXT NOT NULL DEFAULT '';
ALTER TABLE business_profile ADD COLUMN bic TEXT NOT NULL DEFAULT '';
ALTER TABLE business_profile ADD COLUMN pay_link TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN pay_iban TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN pay_bic TEXT NOT NULL DEFAULT '';
ALTER TABLE invoices ADD COLUMN pay_link TEXT NOT NULL DEFAULT '';

-- The audit trigger lists the columns it compares: put it back with the new ones.
DROP TRIGGER audit_business_profile_update;
CREATE TRIGGER audit_business_profile_update AFTER UPDATE ON business_profile
WHEN json_object('name', OLD.name, 'owner_name', OLD.owner_name, 'owner_title', OLD.owner_title,
        'address', OLD.address, 'country', OLD.country, 'email', OLD.email, 'phone', OLD.phone, 'tax_id', OLD.tax_id,
        'currency', OLD.currency, 'default_terms_days', OLD.default_terms_days,
        'bank_details', OLD.bank_details, 'iban', OLD.iban, 'bic', OLD.bic, 'pay_link', OLD.pay_link, 'check_address', OLD.check_address,
        'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
        'dispute_text', OLD.dispute_text, 'why_on_time', OLD.why_on_time,
        'logo_mime', OLD.logo_mime, 'logo_bytes', length(OLD.logo))
  IS NOT json_object('name', NEW.name, 'owner_name', NEW.owner_name, 'owner_title', NEW.owner_title,
        'address', NEW.address, 'country', NEW.country, 'email', NEW.email, 'phone', NEW.phone, 'tax_id', NEW.tax_id,
        'currency', NEW.currency, 'default_terms_days', NEW.default_terms_days,
        'bank_details', NEW.bank_details, 'iban', NEW.iban, 'bic', NEW.bic, 'pay_link', NEW.pay_link, 'check_address', NEW.check_address,
        'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
        'dispute_text', NEW.dispute_text, 'why_on_time', NEW.why_on_time,
        'logo_mime', NEW.logo_mime, 'logo_bytes', length(NEW.logo))
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('business_profile', NEW.id, 'update',
        json_object('name', OLD.name, 'owner_name', OLD.owner_name, 'owner_title', OLD.owner_title,
            'address', OLD.address, 'country', OLD.country, 'email', OLD.email, 'phone', OLD.phone, 'tax_id', OLD.tax_id,
            'currency', OLD.currency, 'default_terms_days', OLD.default_terms_days,
            'bank_details', OLD.bank_details, 'iban', OLD.iban, 'bic', OLD.bic, 'pay_link', OLD.pay_link, 'check_address', OLD.check_address,
            'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
            'dispute_text', OLD.dispute_text, 'why_on_time', OLD.why_on_time,
            'logo_mime', OLD.logo_mime, 'logo_bytes', length(OLD.logo)),
        json_object('name', NEW.name, 'owner_name', NEW.owner_name, 'owner_title', NEW.owner_title,
            'address', NEW.address, 'country', NEW.country, 'email', NEW.email, 'phone', NEW.phone, 'tax_id', NEW.tax_id,
            'currency', NEW.currency, 'default_terms_days', NEW.default_terms_days,
            'bank_details', NEW.bank_details, 'iban', NEW.iban, 'bic', NEW.bic, 'pay_link', NEW.pay_link, 'check_address', NEW.check_address,
            'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
            'dispute_text', NEW.dispute_text, 'why_on_time', NEW.why_on_time,
            'logo_mime', NEW.logo_mime, 'logo_bytes', length(NEW.logo)));
END;
