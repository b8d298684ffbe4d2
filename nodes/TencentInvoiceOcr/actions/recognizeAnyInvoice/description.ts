/** Recognize Any Invoice or Receipt: its own parameter (Document Type) and Options; the input, page and output parameters are Recognize VAT Invoice's. */
import type { INodeProperties } from 'n8n-workflow';

import { FORCEABLE_DOCUMENT_TYPES, type DocumentType } from '../../invoice/documents/documentTypes';
import { optionsCollection } from '../options';
import { INCLUDE_POLYGONS } from '../recognizeVatInvoice/description';

const OPERATION = 'recognizeAnyInvoice';

/** "Train Ticket", "VAT Invoice": the vocabulary's words as n8n shows option names. */
const titleOf = (documentType: DocumentType) =>
	documentType.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase()).replace(/^Vat /, 'VAT ');

/** Document Type goes first, right under the operation. */
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
];

/** Shown after the Output parameter, as every operation's Options. */
export const options: INodeProperties = optionsCollection(OPERATION, 'RecognizeGeneralInvoice', [INCLUDE_POLYGONS]);
