/** An input item's invoice files (one binary field, every binary field, a URL or base64), each read only when its turn comes and only when not oversize. */
import type { IBinaryData, IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

import {
	FILE_HEAD_BYTES,
	FILE_TAIL_BYTES,
	detectFileType,
	detectSampledFileType,
	isInvoiceFileType,
	type FileSample,
} from './fileType';
import { InputError } from '../errors';
import {
	MAX_FILE_BYTES,
	assertFileSizeAllowed,
	assertHasBinaryField,
	base64LengthOf,
	decodeBase64Content,
	decodedLengthOf,
	NO_FILE_HINT,
	sourceFromFileBytes,
	sourceFromFileUrl,
	type InvoiceSource,
} from './invoiceSource';

/** Where in the input item a file came from, as output items name it; null for URL and base64 input. */
export interface SourceFile {
	sourceFileName: string | null;
	sourceBinaryField: string | null;
}

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

/**
 * A binary's size without reading it: n8n's metadata for a file it stores (filesystem, S3,
 * database), the length of the base64 text for one held in the item; undefined when neither says.
 */
async function storedSizeOf(context: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (binary.id) {
		try {
			return (await context.helpers.getBinaryMetadata(binary.id)).fileSize;
		} catch {
			return typeof binary.bytes === 'number' ? binary.bytes : undefined;
		}
	}
	return typeof binary.data === 'string' && binary.data !== '' ? decodedLengthOf(binary.data) : binary.bytes;
}

/**
 * A stored file is streamed to its end to find its tail, keeping only the head and the tail in
 * memory; one larger than this is judged from its head alone (a ZIP or text is then passed over).
 */
export const MAX_SAMPLED_FILE_BYTES = 64 * 1024 * 1024;

/** The head and tail of a binary too large to read whole: at most FILE_HEAD_BYTES + FILE_TAIL_BYTES in memory. */
async function sampleOf(context: IExecuteFunctions, binary: IBinaryData): Promise<FileSample> {
	if (!binary.id) {
		const base64 = binary.data;
		const tailBase64Length = Math.min(base64.length, base64LengthOf(FILE_TAIL_BYTES));
		const tail = Buffer.from(base64.slice(base64.length - tailBase64Length), 'base64');
		return { head: Buffer.from(base64.slice(0, base64LengthOf(FILE_HEAD_BYTES)), 'base64'), tail, byteLength: decodedLengthOf(base64) };
	}
	const stream = await context.helpers.getBinaryStream(binary.id);
	const headChunks: Buffer[] = [];
	let tailChunks: Buffer[] = [];
	let tailLength = 0;
	let byteLength = 0;
	try {
		for await (const chunk of stream) {
			const bytes = chunk as Buffer;
			if (byteLength < FILE_HEAD_BYTES) headChunks.push(bytes.subarray(0, FILE_HEAD_BYTES - byteLength));
			byteLength += bytes.length;
			if (byteLength > MAX_SAMPLED_FILE_BYTES) {
				tailChunks = [];
				break;
			}
			tailChunks.push(bytes);
			tailLength += bytes.length;
			// Chunks wholly before the last FILE_TAIL_BYTES are dropped as the stream goes by.
			while (tailLength - tailChunks[0].length >= FILE_TAIL_BYTES) tailLength -= tailChunks.shift()!.length;
		}
	} finally {
		stream.destroy();
	}
	return { head: Buffer.concat(headChunks), tail: Buffer.concat(tailChunks), byteLength };
}

/**
 * Reads a binary field for recognition, refusing an oversize one from its stored size before
 * reading it. `skipOtherFiles`: a file that is not an invoice by its content is passed over
 * (undefined) whatever its size; one too large to read whole is judged from a bounded sample, so
 * only a file that is an invoice by content can be refused as too large.
 */
async function loadBinarySource(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	skipOtherFiles: boolean,
): Promise<InvoiceSource | undefined> {
	const binary = context.getInputData()[itemIndex].binary?.[binaryPropertyName] as IBinaryData;
	const byteCount = await storedSizeOf(context, binary);
	if (byteCount !== undefined && byteCount > MAX_FILE_BYTES) {
		if (skipOtherFiles && !isInvoiceFileType(detectSampledFileType(await sampleOf(context, binary)))) return undefined;
		assertFileSizeAllowed(byteCount);
	}
	const fileBytes = await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
	// Mails carry more than invoices (texts, documents); those are passed over, not errors.
	if (skipOtherFiles && !isInvoiceFileType(detectFileType(fileBytes))) return undefined;
	return sourceFromFileBytes(fileBytes);
}

function allBinaryFiles(context: IExecuteFunctions, itemIndex: number, binaries: IBinaryKeyData): InvoiceFile[] {
	const binaryPropertyNames = Object.keys(binaries);
	if (binaryPropertyNames.length === 0) throw new InputError('The item has no files', NO_FILE_HINT);
	return binaryPropertyNames.map((binaryPropertyName) => ({
		source: sourceOf(binaries, binaryPropertyName),
		binary: { [binaryPropertyName]: binaries[binaryPropertyName] },
		loadSource: async () => await loadBinarySource(context, itemIndex, binaryPropertyName, true),
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
			loadSource: async () => await loadBinarySource(this, itemIndex, binaryPropertyName, false),
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
