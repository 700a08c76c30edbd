-- Duly book, version 16: the business's country (ISO 3166 alpha-2, empty
-- until chosen). It sets how the book writes dates, in the window, the
-- messages and the PDFs, and the paper a new book defaults to.

ALTER TABLE business_profile ADD COLUMN country TEXT NOT NULL DEFAULT ''
    CHECK (country = '' OR (length(country) = 2 AND country = upper(country)));

-- The audit trigger lists the columns it compares: put it back with the country.
DROP TRIGGER audit_business_profile_update;
CREATE TRIGGER audit_business_profile_update AFTER UPDATE ON business_profile
WHEN json_object('name', OLD.name, 'owner_name', OLD.owner_name, 'owner_title', OLD.owner_title,
        'address', OLD.address, 'country', OLD.country, 'email', OLD.email, 'phone', OLD.phone, 'tax_id', OLD.tax_id,
        'currency', OLD.currency, 'default_terms_days', OLD.default_terms_days,
        'bank_details', OLD.bank_details, 'check_address', OLD.check_address,
        'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
        'dispute_text', OLD.dispute_text, 'why_on_time', OLD.why_on_time,
        'logo_mime', OLD.logo_mime, 'logo_bytes', length(OLD.logo))
  IS NOT json_object('name', NEW.name, 'owner_name', NEW.owner_name, 'owner_title', NEW.owner_title,
        'address', NEW.address, 'country', NEW.country, 'email', NEW.email, 'phone', NEW.phone, 'tax_id', NEW.tax_id,
        'currency', NEW.currency, 'default_terms_days', NEW.default_terms_days,
        'bank_details', NEW.bank_details, 'check_address', NEW.check_address,
        'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
        'dispute_text', NEW.dispute_text, 'why_on_time', NEW.why_on_time,
        'logo_mime', NEW.logo_mime, 'logo_bytes', length(NEW.logo))
BEGIN
    INSERT INTO audit_log (table_name, row_id, action, before, after)
    VALUES ('business_profile', NEW.id, 'update',
        json_object('name', OLD.name, 'owner_name', OLD.owner_name, 'owner_title', OLD.owner_title,
            'address', OLD.address, 'country', OLD.country, 'email', OLD.email, 'phone', OLD.phone, 'tax_id', OLD.tax_id,
            'currency', OLD.currency, 'default_terms_days', OLD.default_terms_days,
            'bank_details', OLD.bank_details, 'check_address', OLD.check_address,
            'terms_text', OLD.terms_text, 'late_fee_text', OLD.late_fee_text,
            'dispute_text', OLD.dispute_text, 'why_on_time', OLD.why_on_time,
            'logo_mime', OLD.logo_mime, 'logo_bytes', length(OLD.logo)),
        json_object('name', NEW.name, 'owner_name', NEW.owner_name, 'owner_title', NEW.owner_title,
            'address', NEW.address, 'country', NEW.country, 'email', NEW.email, 'phone', NEW.phone, 'tax_id', NEW.tax_id,
            'currency', NEW.currency, 'default_terms_days', NEW.default_terms_days,
            'bank_details', NEW.bank_details, 'check_address', NEW.check_address,
            'terms_text', NEW.terms_text, 'late_fee_text', NEW.late_fee_text,
            'dispute_text', NEW.dispute_text, 'why_on_time', NEW.why_on_time,
            'logo_mime', NEW.logo_mime, 'logo_bytes', length(NEW.logo)));
END;
