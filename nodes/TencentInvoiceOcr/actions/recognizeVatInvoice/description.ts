/** Recognize VAT Invoice: its parameters as n8n shows them, and its Options. */
import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_MAX_PAGES,
	DEFAULT_MAX_PAGES_PER_ITEM,
	MAX_PAGES_LIMIT,
	MAX_PAGES_PER_ITEM_LIMIT,
} from '../../input/pageSelection';
import { toolDescription } from '../asTool';
import { optionsCollection } from '../options';
import { readDigitalLocallyOption } from '../digital/readDigitalOption';

/** The operations that read files: they share the input and page parameters below (and the Output parameter). */
export const RECOGNIZE_OPERATIONS = ['recognizeVatInvoice', 'recognizeAnyInvoice'];
const showFor = (inputType: string) => ({ show: { operation: RECOGNIZE_OPERATIONS, inputType: [inputType] } });
const showForOperation = { show: { operation: RECOGNIZE_OPERATIONS } };

export const INCLUDE_POLYGONS: INodeProperties = {
	displayName: 'Include Polygons',
	name: 'includePolygons',
	type: 'boolean',
	default: false,
	description: 'Whether to add each field\'s position on the page (four corner points) under polygons',
};

/** Input and pages: what every recognize operation asks, shown once for all of them. */
/** What a model must pass, per Input Type. */
const TOOL_INPUTS: Array<[inputType: string, input: string]> = [
	['url', 'Pass fileUrl: the http(s) URL of a PNG, JPEG, PDF or OFD file that Tencent Cloud can download within 3 seconds.'],
	['base64', 'Pass base64Content: the PNG, JPEG, PDF or OFD file encoded as base64 (a data URL works too).'],
	['binary', 'It reads the file the workflow gives it; the model passes no file.'],
];

/** A recognize operation's tool descriptions, one per Input Type, from its text around what the model must pass. */
export const recognizeToolDescriptions = (operation: string, textAround: (input: string) => string): INodeProperties[] =>
	TOOL_INPUTS.map(([inputType, input]) => toolDescription(operation, textAround(input), { inputType: [inputType] }));

/** What a model reads about Recognize as a tool: the same first and last sentence, what it must pass in between. */
const recognizeToolText = (input: string) =>
	'Reads a Chinese VAT invoice (增值税发票) with Tencent Cloud OCR and returns its number, code, issue date, seller, buyer, ' +
	'amounts before and after tax, line items, and needsReview with reviewReasons when the figures do not add up. ' +
	`${input} Each call is billed by Tencent Cloud (one call per PDF page read): call once per file, and do not repeat a call that answered.`;

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
			show: { operation: RECOGNIZE_OPERATIONS, inputType: ['binary'], processAllBinaryFields: [false] },
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
				name: 'Page Range',
				value: 'range',
				description: 'Recognize chosen pages, e.g. 1-3,5; each page is a separate billed call',
			},
			{
				name: 'All Pages',
				value: 'all',
				description: 'Recognize every page up to Max Pages; each page is a separate billed call',
			},
		],
		default: 'first',
		description: 'Which pages of a PDF to recognize; images have one page, and an OFD is read in one call (its page 1, or the first page chosen)',
		displayOptions: showForOperation,
	},
	{
		displayName: 'Page Number',
		name: 'pdfPageNumber',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: 'The page of the PDF that holds the invoice, counting from 1',
		displayOptions: { show: { operation: RECOGNIZE_OPERATIONS, pdfPages: ['specific'] } },
	},
	{
		displayName: 'Page Range',
		name: 'pdfPageRange',
		type: 'string',
		default: '1',
		required: true,
		placeholder: 'e.g. 1-3,5',
		description: 'Pages and ranges separated by commas, counting from 1; "2-" is page 2 to the end',
		displayOptions: { show: { operation: RECOGNIZE_OPERATIONS, pdfPages: ['range'] } },
	},
	{
		displayName: 'Max Pages',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGES_LIMIT, numberPrecision: 0 },
		default: DEFAULT_MAX_PAGES,
		description: `The most pages recognized per file, whatever the PDF claims (at most ${MAX_PAGES_LIMIT}); each page is a billed call. Pages left out are listed in pagesNotRecognized.`,
		displayOptions: { show: { operation: RECOGNIZE_OPERATIONS, pdfPages: ['all', 'range'] } },
	},
	{
		displayName: 'Max Pages per Item',
		name: 'maxPagesPerItem',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGES_PER_ITEM_LIMIT, numberPrecision: 0 },
		default: DEFAULT_MAX_PAGES_PER_ITEM,
		description: `The most pages recognized for one input item across all its files, e.g. every attachment of a mail (at most ${MAX_PAGES_PER_ITEM_LIMIT}); each PDF page, image or OFD is a billed call. Pages and files left out are named in pagesNotRecognized and the execution hint.`,
		displayOptions: showForOperation,
	},
	...recognizeToolDescriptions('recognizeVatInvoice', recognizeToolText),
];

/** Recognize's Options, shown after the Output parameter. */
export const options: INodeProperties = optionsCollection('recognizeVatInvoice', 'VatInvoiceOCR', [INCLUDE_POLYGONS, readDigitalLocallyOption]);
