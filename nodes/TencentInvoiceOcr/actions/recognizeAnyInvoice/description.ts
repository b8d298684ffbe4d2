/** Recognize Any Invoice or Receipt: its own parameter (Document Type) and Options; the input, page and output parameters are Recognize VAT Invoice's. */
import type { INodeProperties } from 'n8n-workflow';

import { FORCEABLE_DOCUMENT_TYPES, type DocumentType } from '../../invoice/documents/documentTypes';
import { optionsCollection } from '../options';
import { INCLUDE_POLYGONS, recognizeToolDescriptions } from '../recognizeVatInvoice/description';
import { readDigitalLocallyOption } from '../digital/readDigitalOption';

const OPERATION = 'recognizeAnyInvoice';

/** "Train Ticket", "VAT Invoice": the vocabulary's words as n8n shows option names. */
const titleOf = (documentType: DocumentType) =>
	documentType.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase()).replace(/^Vat /, 'VAT ');

/** What a model reads about this operation as a tool, around what it must pass. */
const anyToolText = (input: string) =>
	'Reads every invoice, ticket and receipt on a scan, photo or PDF (VAT invoices, train and flight tickets, taxi and ' +
	'ride-hailing receipts…, several on one image) with Tencent Cloud OCR and returns one item per document: its ' +
	'documentType, amount paid (totalWithTax), date, seller or route, and needsReview with reviewReasons. ' +
	`${input} Each document read is billed by Tencent Cloud: call once per file, and do not repeat a call that answered.`;

/** Document Type goes first, right under the operation; the tool descriptions show on the tool variant only. */
export const description: INodeProperties[] = [
	{
		displayName: 'Document Type',
		name: 'documentType',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any', description: 'Read every kind of document found, each as Tencent recognizes it' },
			...FORCEABLE_DOCUMENT_TYPES.map((entry) => ({
				name: titleOf(entry.documentType),
				value: entry.documentType,
				description: `Read every document as this kind: ${entry.meaning}`,
			})),
		],
		default: 'any',
		description: "Which kind of document the files hold; Any lets Tencent tell each document's kind",
		displayOptions: { show: { operation: [OPERATION] } },
	},
	...recognizeToolDescriptions(OPERATION, anyToolText),
];

/** Shown after the Output parameter, as every operation's Options. */
export const options: INodeProperties = optionsCollection(OPERATION, 'RecognizeGeneralInvoice', [INCLUDE_POLYGONS, readDigitalLocallyOption]);
