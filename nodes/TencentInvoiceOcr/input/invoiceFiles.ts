import type { IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

import { detectFileType, isInvoiceFileType } from './fileType';
import { InputError } from '../errors';
import type { SourceFile } from '../output/invoiceItems';
import {
	assertHasBinaryField,
	decodeBase64Content,
	NO_FILE_HINT,
	sourceFromFileBytes,
	sourceFromFileUrl,
	type InvoiceSource,
} from './invoiceSource';

/** One file of an input item to recognize, and where it came from. */
export interface InvoiceFile {
	source: SourceFile;
	/** The binary that the file's invoice items carry on. */
	binary?: IBinaryKeyData;
	/**
	 * Reads and checks the file only when its turn comes, so that only files being recognized
	 * are held in memory. Undefined: not an invoice file, skipped (Process All Binary Fields only).
	 */
	loadSource: () => Promise<InvoiceSource | undefined>;
}

/** URL and base64 input come from no file of the item. */
const NO_SOURCE_FILE: SourceFile = { sourceFileName: null, sourceBinaryField: null };

const sourceOf = (binaries: IBinaryKeyData, binaryPropertyName: string): SourceFile => ({
	sourceFileName: binaries[binaryPropertyName].fileName ?? null,
	sourceBinaryField: binaryPropertyName,
});

function allBinaryFiles(context: IExecuteFunctions, itemIndex: number, binaries: IBinaryKeyData): InvoiceFile[] {
	const binaryPropertyNames = Object.keys(binaries);
	if (binaryPropertyNames.length === 0) throw new InputError('The item has no files', NO_FILE_HINT);
	return binaryPropertyNames.map((binaryPropertyName) => ({
		source: sourceOf(binaries, binaryPropertyName),
		binary: { [binaryPropertyName]: binaries[binaryPropertyName] },
		loadSource: async () => {
			const fileBytes = await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
			// Mails carry more than invoices (texts, documents); those are passed over, not errors.
			return isInvoiceFileType(detectFileType(fileBytes)) ? sourceFromFileBytes(fileBytes) : undefined;
		},
	}));
}

export function invoiceFilesOf(this: IExecuteFunctions, itemIndex: number): InvoiceFile[] {
	const inputType = this.getNodeParameter('inputType', itemIndex) as string;
	if (inputType === 'url') {
		const fileUrl = this.getNodeParameter('fileUrl', itemIndex);
		return [{ source: NO_SOURCE_FILE, loadSource: async () => sourceFromFileUrl(fileUrl) }];
	}
	if (inputType === 'base64') {
		const base64Content = this.getNodeParameter('base64Content', itemIndex);
		return [
			{
				source: NO_SOURCE_FILE,
				loadSource: async () => sourceFromFileBytes(decodeBase64Content(base64Content)),
			},
		];
	}
	const binaries = this.getInputData()[itemIndex].binary ?? {};
	if (this.getNodeParameter('processAllBinaryFields', itemIndex, false) === true) {
		return allBinaryFiles(this, itemIndex, binaries);
	}
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
	assertHasBinaryField(Object.keys(binaries), binaryPropertyName);
	return [
		{
			source: sourceOf(binaries, binaryPropertyName),
			binary: binaries,
			loadSource: async () => sourceFromFileBytes(await this.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName)),
		},
	];
}

export function assertSomeInvoiceFile(skippedFiles: InvoiceFile[], fileCount: number): void {
	if (fileCount === 0 || skippedFiles.length < fileCount) return;
	const names = skippedFiles.map(({ source }) => source.sourceFileName ?? source.sourceBinaryField).join(', ');
	throw new InputError(
		`None of the item's files is a PNG, JPEG, PDF or OFD (${names})`,
		'Check that the mail or step before carries the invoice itself, not a link or an archive.',
	);
}
