/** An input item's invoice files (one binary field, every binary field, a URL or base64), each read only when its turn comes and only when not oversize. */
import type { IBinaryData, IBinaryKeyData, IExecuteFunctions } from 'n8n-workflow';

import {
	FILE_HEAD_BYTES,
	FILE_TAIL_BYTES,
	detectFileType,
	detectSampledFileType,
	isInvoiceFileType,
	type DetectedFileType,
	type FileSample,
} from './fileType';
import { InputError, megabytes } from '../errors';
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
	/**
	 * The file's bytes for reading locally (digital invoices: XML, OFD, ZIP), within the local limit
	 * rather than Tencent's; undefined for a URL, whose content only Tencent sees.
	 */
	loadBytes?: () => Promise<Buffer | undefined>;
}

/** Files read locally (XML, OFD, ZIP bundles) are not sent, so Tencent's limit does not bind them; this one does. */
export const MAX_LOCAL_FILE_BYTES = 50 * 1024 * 1024;

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

/** A ZIP (bundle or OFD) or XML: read locally, so held to the local limit rather than Tencent's. */
const isReadLocally = (fileType: DetectedFileType) => ['zip', 'ofd', 'xml'].includes(fileType);

/**
 * Reads a binary field, refusing an oversize one from its stored size before reading it: over
 * Tencent's limit, its content decides, judged from a bounded sample (head and tail). `readLocally`: a
 * ZIP or XML is held to the local limit instead. `skipOtherFiles`: a file that is no invoice file by its
 * content is passed over (undefined) whatever its size, so only an invoice file can be too large.
 */
async function loadBinaryBytes(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	{ skipOtherFiles, readLocally }: { skipOtherFiles: boolean; readLocally: boolean },
): Promise<Buffer | undefined> {
	const binary = context.getInputData()[itemIndex].binary?.[binaryPropertyName] as IBinaryData;
	const byteCount = await storedSizeOf(context, binary);
	if (byteCount !== undefined && byteCount > MAX_FILE_BYTES) {
		const fileType = readLocally || skipOtherFiles ? detectSampledFileType(await sampleOf(context, binary)) : undefined;
		if (fileType && readLocally && isReadLocally(fileType)) assertLocalFileSizeAllowed(binary.fileName ?? binaryPropertyName, byteCount);
		else if (fileType && skipOtherFiles && !isInvoiceFileType(fileType)) return undefined;
		else assertFileSizeAllowed(byteCount);
	}
	return await context.helpers.getBinaryDataBuffer(itemIndex, binaryPropertyName);
}

/** Reads a binary field for Tencent; with `skipOtherFiles`, a file that is no PNG, JPEG, PDF or OFD is passed over. */
async function loadBinarySource(
	context: IExecuteFunctions,
	itemIndex: number,
	binaryPropertyName: string,
	skipOtherFiles: boolean,
): Promise<InvoiceSource | undefined> {
	const fileBytes = await loadBinaryBytes(context, itemIndex, binaryPropertyName, { skipOtherFiles, readLocally: false });
	// Mails carry more than invoices (texts, documents); those are passed over, not errors.
	if (!fileBytes || (skipOtherFiles && !isInvoiceFileType(detectFileType(fileBytes)))) return undefined;
	return sourceFromFileBytes(fileBytes);
}

export function assertLocalFileSizeAllowed(fileName: string, byteCount: number): void {
	if (byteCount <= MAX_LOCAL_FILE_BYTES) return;
	throw new InputError(
		`"${fileName}" is too large: ${megabytes(byteCount)}; a file read locally (XML, OFD, ZIP) may have at most 50 MB`,
		'Split the archive into smaller ones, or send the invoice files one by one.',
	);
}

function allBinaryFiles(context: IExecuteFunctions, itemIndex: number, binaries: IBinaryKeyData): InvoiceFile[] {
	const binaryPropertyNames = Object.keys(binaries);
	if (binaryPropertyNames.length === 0) throw new InputError('The item has no files', NO_FILE_HINT);
	return binaryPropertyNames.map((binaryPropertyName) => ({
		source: sourceOf(binaries, binaryPropertyName),
		binary: { [binaryPropertyName]: binaries[binaryPropertyName] },
		loadSource: async () => await loadBinarySource(context, itemIndex, binaryPropertyName, true),
		loadBytes: async () => await loadBinaryBytes(context, itemIndex, binaryPropertyName, { skipOtherFiles: true, readLocally: true }),
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
				loadBytes: async () => decodeBase64Content(base64Content),
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
			loadBytes: async () => await loadBinaryBytes(this, itemIndex, binaryPropertyName, { skipOtherFiles: false, readLocally: true }),
		},
	];
}

/** `readLocally`: XML files and ZIP bundles are invoice files too (Read Digital Invoices Locally). */
export function assertSomeInvoiceFile(skippedFiles: InvoiceFile[], fileCount: number, readLocally = false): void {
	if (fileCount === 0 || skippedFiles.length < fileCount) return;
	const names = skippedFiles.map(({ source }) => source.sourceFileName ?? source.sourceBinaryField).join(', ');
	if (readLocally) {
		throw new InputError(
			`None of the item's files is a PNG, JPEG, PDF, OFD, 数电 XML or a ZIP holding them (${names})`,
			'Check that the mail or step before carries the invoice itself, not a link to it.',
		);
	}
	throw new InputError(
		`None of the item's files is a PNG, JPEG, PDF or OFD (${names})`,
		'Check that the mail or step before carries the invoice itself, not a link or an archive.',
	);
}
