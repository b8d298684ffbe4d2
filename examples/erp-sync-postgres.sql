-- Tables for examples/erp-sync-postgres.json (Tencent Invoice OCR → PostgreSQL upsert).
-- Run once: psql "postgres://USER@HOST/DATABASE" -f examples/erp-sync-postgres.sql
-- Re-running is harmless (if not exists).

-- One row per invoice. dedupe_key is the node's dedupeKey: code-number for classic invoices, the
-- 20-digit number for fully digital (数电) ones; the same invoice from any file or page gets the same key.
create table if not exists invoices (
	dedupe_key text primary key,
	invoice_number text,
	invoice_code text,                -- null on fully digital invoices
	issue_date date,
	seller_name text,
	seller_tax_id text,
	buyer_name text,
	buyer_tax_id text,
	total_before_tax numeric(14, 2),  -- negative on red-letter invoices
	total_tax numeric(14, 2),
	total_with_tax numeric(14, 2),
	needs_review boolean,             -- a self-check failed: see review_reasons
	review_reasons text,              -- one reason per line, null when none
	pdf_page int,                     -- null for images
	request_id text                   -- Tencent's RequestId, for support tickets
);

-- One row per line item. line_key is the node's lineKey: dedupe_key#line_no, or dedupe_key#pos<position>
-- when the printed line number was not read (or two lines printed the same one).
create table if not exists invoice_lines (
	line_key text primary key,
	dedupe_key text references invoices,
	line_no int,
	item_name text,
	specification text,
	unit_of_measure text,
	quantity numeric,
	unit_price numeric,               -- unrounded, e.g. 84.955752
	amount_before_tax numeric(14, 2),
	tax_rate numeric(6, 4),           -- a fraction (0.13); null when exempt or not taxable, see tax_rate_text
	tax_rate_text text,               -- as printed: 13%, 免税, 不征税
	tax_amount numeric(14, 2)         -- null when printed as *** (exempt)
);

create index if not exists invoice_lines_dedupe_key on invoice_lines (dedupe_key);
