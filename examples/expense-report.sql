-- Table for examples/expense-report.json (receipts from e-mail → Tencent Invoice OCR, Recognize Any Invoice or Receipt → PostgreSQL).
-- Run once: psql "postgres://USER@HOST/DATABASE" -f examples/expense-report.sql
-- Re-running is harmless (if not exists).

-- One row per document found: a VAT invoice, a train or flight ticket, a taxi receipt…
-- dedupe_key is the node's dedupeKey: the same document from any mail, file or page gets the same key.
create table if not exists expenses (
	dedupe_key text primary key,
	document_type text not null,      -- the node's documentType, e.g. trainTicket, taxiReceipt, vatInvoice
	document_type_name text,          -- Tencent's Chinese name, e.g. 电子发票(普通发票)
	expense_date date,                -- issueDate, else the travel date
	amount numeric(14, 2),            -- totalWithTax: what was paid
	seller_or_route text,             -- "departure → arrival" for tickets, else the seller
	needs_review boolean,             -- look before booking: see the node's reviewReasons
	source_file text,                 -- the attachment's file name
	request_id text                   -- Tencent's RequestId, for support tickets
);
