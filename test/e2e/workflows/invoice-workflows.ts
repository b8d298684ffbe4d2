/**
 * The workflows the end-to-end suite and the demo run in real n8n, built from typed parts because
 * the emulator address, fixture paths and served URLs are known only at run time.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import { CREDENTIAL_TYPE, OCR_NODE_TYPE } from '../../helpers/package-names';
import type { N8nCredential, N8nWorkflow } from '../n8n-sandbox';

/** Node names tests read results from. */
export const NODE_NAMES = {
	trigger: 'When clicking Execute',
	readFile: 'Read Invoice File',
	ocr: 'Tencent Invoice OCR',
	checkTotals: 'Check Line Totals',
	verify: 'Verify Invoice',
	isValid: 'Is Valid',
	webhook: 'Invoices Uploaded',
	splitFiles: 'One Item per File',
} as const;

export interface TencentCredentialData {
	secretId: string;
	secretKey: string;
	region: string;
	/** Emulator URL, or the real `ocr.tencentcloudapi.com`. */
	endpoint: string;
	sessionToken?: string;
}

export type OcrInput =
	| { inputType: 'binary'; binaryPropertyName?: string }
	| { inputType: 'url'; fileUrl: string }
	| { inputType: 'base64'; base64Content: string };

export interface OcrOptions {
	/** The node's default is one item per invoice plus one per line item. */
	output?: 'invoicesAndLineItems' | 'invoices' | 'raw';
	pdfPages?: 'first' | 'specific' | 'all';
	pdfPageNumber?: number;
	/** n8n 2.x's node setting behind "Continue On Fail": failed items go on as regular output. */
	continueOnFail?: boolean;
}

const CREDENTIAL_ID = 'e2eTencentCred01';
const CREDENTIAL_NAME = 'Tencent Cloud (e2e)';

export function tencentCredential(data: TencentCredentialData): N8nCredential {
	const { sessionToken, ...required } = data;
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: CREDENTIAL_TYPE,
		data: sessionToken ? { ...required, sessionToken } : required,
	};
}

function manualTrigger(): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000001',
		name: NODE_NAMES.trigger,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** Read/Write Files from Disk; `fileSelector` is a glob, so one node can read several files. */
function readFile(fileSelector: string): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000002',
		name: NODE_NAMES.readFile,
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1.1,
		position: [220, 0],
		parameters: { operation: 'read', fileSelector, options: { dataPropertyName: 'data' } },
	};
}

function ocrNode(input: OcrInput, options: OcrOptions): INode {
	const parameters: INodeParameters = {
		operation: 'recognizeVatInvoice',
		...input,
		pdfPages: options.pdfPages ?? 'first',
		...(options.pdfPageNumber === undefined ? {} : { pdfPageNumber: options.pdfPageNumber }),
		...(options.output === undefined ? {} : { output: options.output }),
	};
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000003',
		name: NODE_NAMES.ocr,
		type: OCR_NODE_TYPE,
		typeVersion: 1,
		position: [440, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}

function chain(id: string, name: string, nodes: INode[]): N8nWorkflow {
	const connections: N8nWorkflow['connections'] = {};
	for (let index = 0; index + 1 < nodes.length; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** Manual Trigger → Read/Write Files from Disk → Tencent Invoice OCR (binary input). */
export function recognizeFilesFromDisk(id: string, fileSelector: string, options: OcrOptions = {}): N8nWorkflow {
	return chain(id, 'Recognise invoice files from disk', [
		manualTrigger(),
		readFile(fileSelector),
		ocrNode({ inputType: 'binary', binaryPropertyName: 'data' }, options),
	]);
}

/** Manual Trigger → Tencent Invoice OCR given a URL or base64 content. */
export function recognizeWithoutFile(id: string, input: OcrInput, options: OcrOptions = {}): N8nWorkflow {
	return chain(id, `Recognise an invoice (${input.inputType})`, [manualTrigger(), ocrNode(input, options)]);
}

/**
 * What a user writes in a Code node after the OCR node, with no mapping in between: sum each
 * invoice's line items and compare them with its total.
 */
const CHECK_LINE_TOTALS_CODE = `const items = $input.all();
const invoices = items.filter((item) => item.json.recordType === 'invoice');
return invoices.map((invoice) => {
  const lines = items.filter((item) => item.json.recordType === 'lineItem' && item.json.dedupeKey === invoice.json.dedupeKey);
  const lineAmountSum = Math.round(lines.reduce((sum, line) => sum + line.json.amountBeforeTax, 0) * 100) / 100;
  return {
    json: {
      invoiceNumber: invoice.json.invoiceNumber,
      lineCount: lines.length,
      lineAmountSum,
      totalBeforeTax: invoice.json.totalBeforeTax,
      linesMatchTotal: lineAmountSum === invoice.json.totalBeforeTax,
      needsReview: invoice.json.needsReview,
    },
  };
});`;

function checkLineTotals(): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000004',
		name: NODE_NAMES.checkTotals,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [660, 0],
		parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: CHECK_LINE_TOTALS_CODE },
	};
}

/** Manual Trigger → Read/Write Files from Disk → Tencent Invoice OCR (all pages) → Code. */
export function recognizeAndCheckTotals(id: string, fileSelector: string): N8nWorkflow {
	return chain(id, 'Recognise invoices and check line totals', [
		manualTrigger(),
		readFile(fileSelector),
		ocrNode({ inputType: 'binary', binaryPropertyName: 'data' }, { pdfPages: 'all' }),
		checkLineTotals(),
	]);
}

function verifyNode(): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000005',
		name: NODE_NAMES.verify,
		type: OCR_NODE_TYPE,
		typeVersion: 1,
		position: [660, 0],
		// Every input keeps its default: expressions reading the Recognize output. Line items nested, so the If sees invoices only.
		parameters: { operation: 'verifyVatInvoice', output: 'invoices' },
		credentials: { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
	};
}

function isValidStatus(): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000006',
		name: NODE_NAMES.isValid,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position: [880, 0],
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
				conditions: [
					{
						id: 'a1b2c3d4-0000-4000-8000-000000000007',
						leftValue: '={{ $json.status }}',
						rightValue: 'valid',
						operator: { type: 'string', operation: 'equals' },
					},
				],
				combinator: 'and',
			},
			options: {},
		},
	};
}

/** Manual Trigger → Read/Write Files from Disk → Recognize (all pages) → Verify → If status is valid. */
export function recognizeVerifyAndBranch(id: string, fileSelector: string): N8nWorkflow {
	return chain(id, 'Recognise, verify and branch on the status', [
		manualTrigger(),
		readFile(fileSelector),
		ocrNode({ inputType: 'binary', binaryPropertyName: 'data' }, { pdfPages: 'all' }),
		verifyNode(),
		isValidStatus(),
	]);
}

/** A production webhook that answers with the last node's items once the execution has finished. */
function uploadWebhook(path: string): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000008',
		name: NODE_NAMES.webhook,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: 'a1b2c3d4-0000-4000-8000-00000000000a',
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
}

/** A multipart upload is one item with a binary field per file; a user splits it into one item per file like this. */
const SPLIT_FILES_CODE = `return $input.all().flatMap((item) =>
  Object.entries(item.binary ?? {}).map(([field, file]) => ({ json: { field }, binary: { data: file } })),
);`;

function splitFiles(): INode {
	return {
		id: 'a1b2c3d4-0000-4000-8000-000000000009',
		name: NODE_NAMES.splitFiles,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: SPLIT_FILES_CODE },
	};
}

/**
 * Webhook (multipart upload of invoice files) → one item per file → Tencent Invoice OCR (invoices output,
 * Continue On Fail), answering the upload with every item: how an upload form or another system sends a batch.
 * A file that fails comes back as an error item, so an answer shows exactly which invoices were lost.
 */
export function recognizeUploadedInvoices(id: string, webhookPath: string): N8nWorkflow {
	return chain(id, 'Recognise uploaded invoices', [
		uploadWebhook(webhookPath),
		splitFiles(),
		ocrNode({ inputType: 'binary', binaryPropertyName: 'data' }, { output: 'invoices', continueOnFail: true }),
	]);
}
