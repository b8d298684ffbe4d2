import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	isOfdSource,
	ofdRequestForPage,
	parsePdfPageSelection,
	requestForPage,
	type InvoiceSource,
	type PdfPageSelection,
} from '../input/invoiceSource';
import { ofdAsVatInvoiceResponse } from '../invoice/fromOfd';
import { toInvoiceItems, type OutputMode, type RecognizedPage } from '../output/invoiceItems';
import type { OcrCaller } from '../tencent/caller';
import { ACTION_QUOTAS } from '../tencent/client';
import { optionsCollection } from '../tencent/callPolicy';
import { assertSomeInvoiceFile, invoiceFilesOf, type InvoiceFile } from '../input/invoiceFiles';
import { errorItem, toNodeError } from '../output/errorItems';

const showFor = (inputType: string) => ({ show: { operation: ['recognizeVatInvoice'], inputType: [inputType] } });
const showForOperation = { show: { operation: ['recognizeVatInvoice'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A file in an input binary field, e.g. an e-mail attachment or a downloaded file',
			},
			{ name: 'URL', value: 'url', description: 'A public address that Tencent Cloud downloads the file from' },
			{ name: 'Base64 String', value: 'base64', description: 'The file content encoded as base64' },
		],
		default: 'binary',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Process All Binary Fields',
		name: 'processAllBinaryFields',
		type: 'boolean',
		default: false,
		description:
			'Whether to recognize every file of the item, e.g. all attachments of an e-mail (attachment_0, attachment_1, …), instead of one named field. Files that are not PNG, JPEG, PDF or OFD are passed over.',
		displayOptions: showFor('binary'),
	},
	{
		displayName: 'Input Data Field Name',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the invoice file (PNG, JPEG, PDF or OFD)',
		displayOptions: {
			show: { operation: ['recognizeVatInvoice'], inputType: ['binary'], processAllBinaryFields: [false] },
		},
	},
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/invoice.pdf',
		description: 'Address of a PNG, JPEG, PDF or OFD (name ending in .ofd) invoice; Tencent Cloud must be able to download it within 3 seconds',
		displayOptions: showFor('url'),
	},
	{
		displayName: 'Base64 Content',
		name: 'base64Content',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. JVBERi0xLjQK…',
		description: 'The invoice file (PNG, JPEG, PDF or OFD) as base64, or as a data URL',
		displayOptions: showFor('base64'),
	},
	{
		displayName: 'PDF Pages',
		name: 'pdfPages',
		type: 'options',
		options: [
			{ name: 'First Page', value: 'first', description: 'Recognize page 1 only (one billed call)' },
			{ name: 'Specific Page', value: 'specific', description: 'Recognize one chosen page (one billed call)' },
			{
				name: 'All Pages',
				value: 'all',
				description: 'Recognize every page; each page is a separate billed call',
			},
		],
		default: 'first',
		description: 'Which pages of a PDF to recognize; images always have one page',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Page Number',
		name: 'pdfPageNumber',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'The page of the PDF that holds the invoice, counting from 1',
		displayOptions: { show: { operation: ['recognizeVatInvoice'], pdfPages: ['specific'] } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{
				name: 'Invoices and Line Items',
				value: 'invoicesAndLineItems',
				description:
					'One item per invoice (recordType "invoice"), then one item per line item (recordType "lineItem")',
			},
			{
				name: 'Invoices',
				value: 'invoices',
				description: 'One item per invoice, its line items nested in lineItems',
			},
			{
				name: 'Raw Response',
				value: 'raw',
				description: "Tencent's response as it comes, one item per call",
			},
		],
		default: 'invoicesAndLineItems',
		displayOptions: showForOperation,
	},
	optionsCollection('recognizeVatInvoice', ACTION_QUOTAS.VatInvoiceOCR, [
		{
			displayName: 'Include Polygons',
			name: 'includePolygons',
			type: 'boolean',
			default: false,
			description: 'Whether to add each field\'s position on the page (four corner points) under polygons',
		},
	]),
];

interface ItemSettings {
	pageSelection: PdfPageSelection;
	outputMode: OutputMode;
	includePolygons: boolean;
}

/** OFD files go to VerifyOfdVatInvoiceOCR, restated in VatInvoiceOCR's terms; the rest to VatInvoiceOCR. */
async function recognizePageOf(source: InvoiceSource, pageNumber: number, caller: OcrCaller): Promise<RecognizedPage> {
	if (isOfdSource(source)) {
		const ofdResponse = await caller.call('VerifyOfdVatInvoiceOCR', ofdRequestForPage(source, pageNumber));
		return { requestedPage: pageNumber, response: ofdAsVatInvoiceResponse(ofdResponse), rawResponse: ofdResponse };
	}
	const response = await caller.call('VatInvoiceOCR', requestForPage(source, pageNumber));
	return { requestedPage: pageNumber, response, rawResponse: response };
}

async function recognizeFile(
	file: InvoiceFile,
	source: InvoiceSource,
	caller: OcrCaller,
	settings: ItemSettings,
): Promise<INodeExecutionData[]> {
	const { pageSelection } = settings;
	const firstPageNumber = pageSelection.mode === 'specific' ? pageSelection.pageNumber : 1;
	const recognizePage = (pageNumber: number) => recognizePageOf(source, pageNumber, caller);
	const firstPage = await recognizePage(firstPageNumber);
	const pageCount = pageSelection.mode === 'all' ? (firstPage.response.PdfPageSize ?? 0) : 0;
	// Pages 2..N go out together; the caller keeps them within the quota, and they keep their order.
	const laterPages = await Promise.all(
		Array.from({ length: Math.max(pageCount - 1, 0) }, (_unused, index) => recognizePage(index + 2)),
	);
	return toInvoiceItems([firstPage, ...laterPages], {
		outputMode: settings.outputMode,
		includePolygons: settings.includePolygons,
		inputBinary: file.binary,
		sourceFile: file.source,
	});
}

/**
 * Recognizes one input item: for each of its files, the invoices (one per recognized page) and
 * line items, in order. Under Continue On Fail a failed file gives an error item naming the file,
 * and the item's other files go on.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	caller: OcrCaller,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includePolygons?: boolean };
	const settings: ItemSettings = {
		pageSelection: parsePdfPageSelection(
			this.getNodeParameter('pdfPages', itemIndex) as string,
			this.getNodeParameter('pdfPageNumber', itemIndex, 1),
		),
		outputMode: this.getNodeParameter('output', itemIndex, 'invoicesAndLineItems') as OutputMode,
		includePolygons: options.includePolygons === true,
	};
	const files = invoiceFilesOf.call(this, itemIndex);
	const outputItems: INodeExecutionData[] = [];
	const skippedFiles: InvoiceFile[] = [];
	for (const file of files) {
		try {
			const source = await file.loadSource();
			if (source) outputItems.push(...(await recognizeFile(file, source, caller, settings)));
			else skippedFiles.push(file);
		} catch (error) {
			const nodeError = toNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			outputItems.push(errorItem(nodeError, itemIndex, { ...file.source }));
		}
	}
	assertSomeInvoiceFile(skippedFiles, files.length);
	return outputItems;
}
