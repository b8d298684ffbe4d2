/**
 * `npm run demo [-- ./invoice.pdf]`: recognises an invoice in a real n8n with the built package loaded.
 * Without Tencent credentials in the environment it runs against the local emulator (offline, free) and
 * verifies the invoice too (Recognize → Verify → If on status); with TENCENTCLOUD_SECRET_ID +
 * TENCENTCLOUD_SECRET_KEY and a file, it calls ocr.tencentcloudapi.com to recognise only.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../test/emulator';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from '../test/e2e/built-package';
import { INVOICE_FIELDS } from '../nodes/TencentInvoiceOcr/invoice/fields';
import { N8nSandbox, type WorkflowRun } from '../test/e2e/n8n-sandbox';
import {
	NODE_NAMES,
	recognizeFilesFromDisk,
	recognizeVerifyAndBranch,
	tencentCredential,
	type TencentCredentialData,
} from '../test/e2e/workflows/invoice-workflows';
import { ensureN8n } from './n8n-env';

const REAL_ENDPOINT = 'ocr.tencentcloudapi.com';
const DEFAULT_REGION = 'ap-guangzhou';
const SAMPLE_INVOICE = resolve(FIXTURES_DIR, 'invoice.png');

/** The output keys a reader checks first, in that order; labels come from the node's field table. */
const SHOWN_KEYS = [
	'invoiceType',
	'invoiceKind',
	'invoiceCode',
	'invoiceNumber',
	'issueDate',
	'buyerName',
	'buyerTaxId',
	'sellerName',
	'sellerTaxId',
	'totalBeforeTax',
	'totalTax',
	'totalWithTax',
	'totalWithTaxInWords',
	'checkCode',
];

interface DemoPlan {
	invoicePath: string;
	/** Present only to call the real service; otherwise the emulator answers. */
	realCredentials?: Omit<TencentCredentialData, 'endpoint'>;
}

function say(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function planFromEnvironment(fileArgument: string | undefined): DemoPlan {
	const invoicePath = resolve(fileArgument ?? SAMPLE_INVOICE);
	if (!existsSync(invoicePath)) throw new Error(`No such file: ${invoicePath}`);
	const secretId = process.env.TENCENTCLOUD_SECRET_ID;
	const secretKey = process.env.TENCENTCLOUD_SECRET_KEY;
	// Real calls are billed: only with credentials AND a file the user chose.
	if (!secretId || !secretKey || !fileArgument) return { invoicePath };
	return {
		invoicePath,
		realCredentials: {
			secretId,
			secretKey,
			region: process.env.TENCENTCLOUD_REGION || DEFAULT_REGION,
			sessionToken: process.env.TENCENTCLOUD_SESSION_TOKEN || undefined,
		},
	};
}

function describePlan(plan: DemoPlan): void {
	if (plan.realCredentials) {
		say(`Calling the REAL Tencent Cloud OCR at ${REAL_ENDPOINT} (region ${plan.realCredentials.region})`);
		say(`with the key named by TENCENTCLOUD_SECRET_ID (${plan.realCredentials.secretId.slice(0, 8)}…). Each recognised page is a billed call.`);
		return;
	}
	say('Using the local Tencent Cloud emulator (offline, no account needed): it answers with a sample invoice.');
	if (process.env.TENCENTCLOUD_SECRET_ID && process.env.TENCENTCLOUD_SECRET_KEY) {
		say('Tencent credentials are set: pass a file (npm run demo -- ./invoice.pdf) to call the real service.');
	}
}

/** Columns on a terminal: CJK characters take two. */
function displayWidth(text: string): number {
	return [...text].reduce((width, character) => width + (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uff60]/.test(character) ? 2 : 1), 0);
}

function printTable(rows: Array<[string, string]>): void {
	const labelWidth = Math.max(...rows.map(([label]) => displayWidth(label)));
	for (const [label, value] of rows) say(`  ${label}${' '.repeat(labelWidth - displayWidth(label))}  ${value}`);
}

/** The normalised fields worth reading, by output key and Chinese name; an error item's own values otherwise. */
function invoiceRows(json: IDataObject): Array<[string, string]> {
	if (json.recordType !== 'invoice') {
		return Object.entries(json)
			.filter(([, value]) => value !== null && typeof value !== 'object')
			.map(([key, value]) => [key, String(value)]);
	}
	const rows: Array<[string, string]> = SHOWN_KEYS.flatMap((key) => {
		const mapping = INVOICE_FIELDS.find((field) => field.key === key);
		const value = json[key];
		if (value === null || value === undefined) return [];
		return [[mapping ? `${key} (${mapping.chineseName})` : key, String(value)] as [string, string]];
	});
	rows.push(['dedupeKey', String(json.dedupeKey)]);
	if (json.pdfPage) rows.push(['PDF page', `${json.pdfPage} of ${json.pdfPageCount}`]);
	rows.push(['Self-check', selfCheckText(json)]);
	return rows;
}

function selfCheckText(json: IDataObject): string {
	const reasons = Array.isArray(json.reviewReasons) ? json.reviewReasons.join('; ') : '';
	return json.needsReview ? `needs review: ${reasons}` : 'totals agree';
}

/** One line per line item: name, quantity × unit price, amount before tax, tax rate and tax. */
function lineItemRows(lineItems: IDataObject[]): Array<[string, string]> {
	return lineItems.map((line, index) => [
		`Line ${line.lineNo ?? index + 1}`,
		`${line.itemName ?? ''}  ${line.quantity ?? ''} × ${line.unitPrice ?? ''} = ${line.amountBeforeTax ?? ''}  tax ${line.taxRateText ?? ''} ${line.taxAmount ?? ''}`,
	]);
}

/** The node's error and its hint; n8n's whole output only when no node error explains the failure. */
function describeFailedRun(run: WorkflowRun): string {
	const nodeError = run.runData[NODE_NAMES.ocr]?.[0]?.error;
	if (!nodeError) return `n8n could not run the workflow:\n${run.output.slice(-3000)}`;
	const hint = 'description' in nodeError && nodeError.description ? `\n${nodeError.description}` : '';
	return `${nodeError.message}${hint}`;
}

interface RecognizedInvoice {
	/** The invoice item, or an error item. */
	json: IDataObject;
	lineItems: IDataObject[];
}

/** The Recognize output (each invoice item followed by its line items) grouped by invoice. */
function groupByInvoice(items: IDataObject[]): RecognizedInvoice[] {
	const invoices: RecognizedInvoice[] = [];
	for (const json of items) {
		const current = invoices[invoices.length - 1];
		if (json.recordType === 'lineItem' && current) current.lineItems.push(json);
		else invoices.push({ json, lineItems: [] });
	}
	return invoices;
}

interface DemoResults {
	invoices: RecognizedInvoice[];
	/** The Verify output, one per invoice; empty when the real service was called (each query is billed). */
	verdicts: IDataObject[];
}

async function recognise(plan: DemoPlan, endpoint: string): Promise<DemoResults> {
	const install = await ensureN8n();
	const credentials = plan.realCredentials ?? { ...DEMO_CREDENTIALS, region: DEFAULT_REGION };
	const sandbox = await N8nSandbox.create({ install, packageDir: REPO_ROOT, readableFolders: [dirname(plan.invoicePath)] });
	try {
		await sandbox.importCredentials([tencentCredential({ ...credentials, endpoint })]);
		// Against the emulator, Recognize → Verify → If: its sample is recent enough to verify, and its tax authority knows it.
		const workflow = plan.realCredentials
			? recognizeFilesFromDisk('demoRecognise001', plan.invoicePath)
			: recognizeVerifyAndBranch('demoRecognise002', plan.invoicePath);
		const run = await sandbox.importAndExecute(workflow);
		if (run.exitCode !== 0) throw new Error(describeFailedRun(run));
		say(`n8n ran the workflow in ${(run.durationMs / 1000).toFixed(1)} s`);
		return {
			invoices: groupByInvoice(run.itemsOf(NODE_NAMES.ocr).map((item) => item.json)),
			// Verify's line items repeat the invoice's lines: the verdicts are its invoice (and error) items.
			verdicts: plan.realCredentials ? [] : run.itemsOf(NODE_NAMES.verify).map((item) => item.json).filter((json) => json.recordType !== 'lineItem'),
		};
	} finally {
		await sandbox.dispose();
	}
}

/** The Verify node's status, what it means, and the values it sent. */
function verdictRows(verdict: IDataObject): Array<[string, string]> {
	const sent = (verdict.verifiedWith ?? {}) as IDataObject;
	return [
		['status', `${String(verdict.status ?? verdict.error)}: ${String(verdict.statusMessage ?? verdict.hint ?? '')}`],
		['verified with', Object.entries(sent).filter(([, value]) => value !== null).map(([name, value]) => `${name} ${String(value)}`).join(', ')],
	];
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	assertPackageBuilt();
	const plan = planFromEnvironment(process.argv[2]);
	describePlan(plan);
	say(`Invoice file: ${plan.invoicePath}`);
	let emulator: RunningEmulator | undefined;
	try {
		if (!plan.realCredentials) emulator = await startEmulator();
		const { invoices, verdicts } = await recognise(plan, emulator?.url ?? REAL_ENDPOINT);
		invoices.forEach(({ json, lineItems }, index) => {
			say();
			say(invoices.length > 1 ? `Recognised invoice (result ${index + 1} of ${invoices.length}):` : 'Recognised invoice:');
			printTable(invoiceRows(json));
			if (lineItems.length > 0) {
				say('Line items:');
				printTable(lineItemRows(lineItems));
			}
		});
		verdicts.forEach((verdict) => {
			say();
			say(`Verified with the (emulated) tax authority, invoice ${String(verdict.invoiceNumber ?? (verdict.verifiedWith as IDataObject | undefined)?.InvoiceNo ?? '')}:`);
			printTable(verdictRows(verdict));
		});
		say();
		say(`Done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s in all (including n8n start-up).`);
	} finally {
		await emulator?.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`\nDemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
