/**
 * A ZIP archive (a bundle of invoice files, or an OFD) read in memory, one entry at a time, within
 * limits checked first from its central directory and again while inflating. Nothing is written
 * to disk and an entry's name is only a name: no path is ever opened. Entries are inflated with the
 * platform's streaming DecompressionStream (a global: n8n's rules for community nodes allow no
 * `node:zlib` import), read chunk by chunk and stopped as soon as they pass their declared size.
 */
import { InputError } from '../../errors';
import { crc32 } from './crc32';

const MEGABYTE = 1024 * 1024;

export interface ArchiveLimits {
	/** More entries refuse the archive. */
	maxEntries: number;
	/** More bytes uncompressed, declared or inflated, in all (nested archives included) refuse the archive. */
	maxTotalBytes: number;
	/** A higher ratio of uncompressed to compressed size refuses the entry. */
	maxRatio: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 1000, maxTotalBytes: 100 * MEGABYTE, maxRatio: 100 };

/** One entry as the central directory declares it; read its bytes with `ZipArchive.read`. */
export interface ArchiveEntry {
	/** As stored, with `\` turned into `/`: a name, never opened as a path. */
	name: string;
	isDirectory: boolean;
	compressedBytes: number;
	declaredBytes: number;
	method: number;
	encrypted: boolean;
	crc: number;
	localHeaderOffset: number;
}

/** A limit or damage that refuses the whole archive: nothing of it is read. */
export class ArchiveRefused extends InputError {}

/** A limit or damage that refuses one entry: the archive's other entries are read. */
export class EntryRefused extends InputError {
	constructor(
		readonly entryName: string,
		message: string,
		hint: string,
	) {
		super(message, hint);
	}
}

const SIGNATURES = {
	endRecord: 0x06054b50,
	zip64EndLocator: 0x07064b50,
	zip64EndRecord: 0x06064b50,
	directoryEntry: 0x02014b50,
	localHeader: 0x04034b50,
};
const END_RECORD_BYTES = 22;
const ZIP64_LOCATOR_BYTES = 20;
const MAX_COMMENT_BYTES = 0xffff;
const DIRECTORY_ENTRY_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
const ZIP64_EXTRA_ID = 0x0001;
const UINT16_MAX = 0xffff;
const UINT32_MAX = 0xffffffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
/** WinZip's AES encryption stores its entries under this method. */
const METHOD_AES = 99;

const DAMAGED_HINT = 'The archive is damaged or not a ZIP file: download or export it again.';
const LIMIT_HINT =
	'Unpack the archive and send its invoice files (XML, OFD, PDF, PNG or JPEG) one by one, or in smaller archives.';

const formatCount = (count: number) => count.toLocaleString('en-US');
export const formatMegabytes = (byteCount: number) =>
	`${(byteCount / MEGABYTE).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** How much may still be inflated: shared by an archive and the archives inside it. */
export interface InflateBudget {
	remainingBytes: number;
}

export const newInflateBudget = (limits: ArchiveLimits = ARCHIVE_LIMITS): InflateBudget => ({
	remainingBytes: limits.maxTotalBytes,
});

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/**
 * Names flagged UTF-8 are UTF-8; Chinese Windows archivers write unflagged names in GBK, which
 * GB18030 decodes (a superset); an unflagged name that is valid UTF-8 is taken as UTF-8.
 */
function decodeName(nameBytes: Buffer, isUtf8: boolean): string {
	let name: string;
	try {
		name = utf8Strict.decode(nameBytes);
	} catch {
		name = isUtf8 ? nameBytes.toString('utf8') : gb18030.decode(nameBytes);
	}
	return name.replace(/\\/g, '/');
}

/** The ZIP64 extra field holds, in this order, the sizes and offset whose 32-bit fields are all ones. */
function readZip64Extra(extra: Buffer, entry: ArchiveEntry): void {
	let position = 0;
	while (position + 4 <= extra.length) {
		const id = extra.readUInt16LE(position);
		const size = extra.readUInt16LE(position + 2);
		const body = extra.subarray(position + 4, position + 4 + size);
		position += 4 + size;
		if (id !== ZIP64_EXTRA_ID) continue;
		let field = 0;
		const next = () => {
			const value = field + 8 <= body.length ? Number(body.readBigUInt64LE(field)) : UINT32_MAX;
			field += 8;
			return value;
		};
		if (entry.declaredBytes === UINT32_MAX) entry.declaredBytes = next();
		if (entry.compressedBytes === UINT32_MAX) entry.compressedBytes = next();
		if (entry.localHeaderOffset === UINT32_MAX) entry.localHeaderOffset = next();
		return;
	}
}

function findEndRecord(bytes: Buffer): number | undefined {
	const lowest = Math.max(0, bytes.length - END_RECORD_BYTES - MAX_COMMENT_BYTES);
	for (let offset = bytes.length - END_RECORD_BYTES; offset >= lowest; offset--) {
		if (bytes.readUInt32LE(offset) === SIGNATURES.endRecord) return offset;
	}
	return undefined;
}

/** The entry count and where the directory starts, from the end record or its ZIP64 counterpart. */
function readDirectoryPosition(bytes: Buffer, archiveName: string): { entryCount: number; directoryOffset: number } {
	const endRecord = findEndRecord(bytes);
	if (endRecord === undefined) throw new ArchiveRefused(`"${archiveName}" is not a readable ZIP archive (no end record)`, DAMAGED_HINT);
	let entryCount = bytes.readUInt16LE(endRecord + 10);
	let directoryOffset = bytes.readUInt32LE(endRecord + 16);
	const locator = endRecord - ZIP64_LOCATOR_BYTES;
	const mayBeZip64 = entryCount === UINT16_MAX || directoryOffset === UINT32_MAX;
	if (mayBeZip64 && locator >= 0 && bytes.readUInt32LE(locator) === SIGNATURES.zip64EndLocator) {
		const zip64End = Number(bytes.readBigUInt64LE(locator + 8));
		if (zip64End + 56 <= bytes.length && bytes.readUInt32LE(zip64End) === SIGNATURES.zip64EndRecord) {
			entryCount = Number(bytes.readBigUInt64LE(zip64End + 32));
			directoryOffset = Number(bytes.readBigUInt64LE(zip64End + 48));
		}
	}
	return { entryCount, directoryOffset };
}

function readDirectory(bytes: Buffer, archiveName: string, limits: ArchiveLimits): ArchiveEntry[] {
	const { entryCount, directoryOffset } = readDirectoryPosition(bytes, archiveName);
	// From the declared count, before a single entry is walked.
	if (entryCount > limits.maxEntries) {
		throw new ArchiveRefused(
			`"${archiveName}" has more than ${formatCount(limits.maxEntries)} entries (${formatCount(entryCount)})`,
			LIMIT_HINT,
		);
	}
	const entries: ArchiveEntry[] = [];
	let offset = directoryOffset;
	for (let index = 0; index < entryCount; index++) {
		if (offset + DIRECTORY_ENTRY_BYTES > bytes.length || bytes.readUInt32LE(offset) !== SIGNATURES.directoryEntry) {
			throw new ArchiveRefused(`"${archiveName}" has a damaged directory (entry ${index + 1})`, DAMAGED_HINT);
		}
		const flags = bytes.readUInt16LE(offset + 8);
		const nameLength = bytes.readUInt16LE(offset + 28);
		const extraLength = bytes.readUInt16LE(offset + 30);
		const commentLength = bytes.readUInt16LE(offset + 32);
		const nameStart = offset + DIRECTORY_ENTRY_BYTES;
		const method = bytes.readUInt16LE(offset + 10);
		const name = decodeName(bytes.subarray(nameStart, nameStart + nameLength), (flags & FLAG_UTF8_NAME) !== 0);
		const entry: ArchiveEntry = {
			name,
			isDirectory: name.endsWith('/'),
			compressedBytes: bytes.readUInt32LE(offset + 20),
			declaredBytes: bytes.readUInt32LE(offset + 24),
			method,
			encrypted: (flags & FLAG_ENCRYPTED) !== 0 || method === METHOD_AES,
			crc: bytes.readUInt32LE(offset + 16),
			localHeaderOffset: bytes.readUInt32LE(offset + 42),
		};
		readZip64Extra(bytes.subarray(nameStart + nameLength, nameStart + nameLength + extraLength), entry);
		entries.push(entry);
		offset = nameStart + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** The reasons the directory alone gives to refuse an entry; undefined when it may be inflated. */
function declaredProblem(entry: ArchiveEntry, limits: ArchiveLimits): string | undefined {
	if (entry.encrypted) return 'is encrypted';
	if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATED) {
		return `uses compression method ${entry.method}, which the node does not read (only stored and deflated)`;
	}
	if (entry.method === METHOD_STORED && entry.compressedBytes !== entry.declaredBytes) {
		return `declares ${formatCount(entry.declaredBytes)} bytes but stores ${formatCount(entry.compressedBytes)}`;
	}
	if (entry.declaredBytes > limits.maxRatio * entry.compressedBytes) {
		const ratio = entry.compressedBytes === 0 ? 'from nothing' : `${Math.round(entry.declaredBytes / entry.compressedBytes)} : 1`;
		return `has a compression ratio above ${limits.maxRatio} : 1 (${ratio})`;
	}
	return undefined;
}

/**
 * A ZIP archive whose directory has been checked: entries within the count and total size, and
 * each entry inflated only when asked, within its declared size, so that a bomb stops while it
 * inflates and the archive is never held inflated whole.
 */
export class ZipArchive {
	readonly entries: ArchiveEntry[];

	private constructor(
		private readonly bytes: Buffer,
		readonly archiveName: string,
		private readonly limits: ArchiveLimits,
		private readonly budget: InflateBudget,
	) {
		this.entries = readDirectory(bytes, archiveName, limits);
	}

	/**
	 * Opens an archive, refusing it (ArchiveRefused) when its directory is damaged, has too many
	 * entries or declares more bytes in all than the budget left; `budget` is shared with the
	 * archive it came from, if any.
	 */
	static open(bytes: Buffer, archiveName: string, budget?: InflateBudget, limits: ArchiveLimits = ARCHIVE_LIMITS): ZipArchive {
		const archive = new ZipArchive(bytes, archiveName, limits, budget ?? newInflateBudget(limits));
		const declaredTotal = archive.entries.reduce((total, entry) => total + entry.declaredBytes, 0);
		if (declaredTotal > archive.budget.remainingBytes) {
			throw new ArchiveRefused(
				`"${archiveName}" holds more than ${formatMegabytes(limits.maxTotalBytes)} uncompressed in all (it declares ${formatMegabytes(declaredTotal)})`,
				LIMIT_HINT,
			);
		}
		return archive;
	}

	/** The entry's bytes, or EntryRefused naming the entry and the limit it broke. */
	async read(entry: ArchiveEntry): Promise<Buffer> {
		const refuse = (problem: string, hint = LIMIT_HINT) =>
			new EntryRefused(entry.name, `Entry "${entry.name}" of "${this.archiveName}" ${problem}`, hint);
		const problem = declaredProblem(entry, this.limits);
		if (problem) {
			throw refuse(problem, entry.encrypted ? 'Send the invoice files without a password, or unpack them first.' : LIMIT_HINT);
		}
		const data = this.compressedData(entry, refuse);
		const content = entry.method === METHOD_STORED ? data : await this.inflate(data, entry, refuse);
		if (content.length !== entry.declaredBytes) {
			throw refuse(`declares ${formatCount(entry.declaredBytes)} bytes but holds ${formatCount(content.length)}`);
		}
		if (crc32(content) !== entry.crc) throw refuse('is damaged (its checksum does not match)', DAMAGED_HINT);
		this.budget.remainingBytes -= content.length;
		return content;
	}

	private compressedData(entry: ArchiveEntry, refuse: (problem: string, hint?: string) => EntryRefused): Buffer {
		const header = entry.localHeaderOffset;
		if (header + LOCAL_HEADER_BYTES > this.bytes.length || this.bytes.readUInt32LE(header) !== SIGNATURES.localHeader) {
			throw refuse('is damaged (no local header where the directory points)', DAMAGED_HINT);
		}
		const dataStart = header + LOCAL_HEADER_BYTES + this.bytes.readUInt16LE(header + 26) + this.bytes.readUInt16LE(header + 28);
		if (dataStart + entry.compressedBytes > this.bytes.length) {
			throw refuse('is damaged (its data runs past the end of the archive)', DAMAGED_HINT);
		}
		return this.bytes.subarray(dataStart, dataStart + entry.compressedBytes);
	}

	/** Inflates chunk by chunk and stops as soon as the output passes the declared size (or what the budget has left). */
	private async inflate(data: Buffer, entry: ArchiveEntry, refuse: (problem: string, hint?: string) => EntryRefused): Promise<Buffer> {
		const maxOutputLength = Math.min(entry.declaredBytes, this.budget.remainingBytes);
		const compressed = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(data);
				controller.close();
			},
		});
		const reader = compressed.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
		const chunks: Uint8Array[] = [];
		let length = 0;
		let exceeded = false;
		try {
			for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
				length += chunk.value.length;
				exceeded = length > maxOutputLength;
				if (exceeded) break;
				chunks.push(chunk.value);
			}
		} catch {
			throw refuse('is damaged (its compressed data cannot be inflated)', DAMAGED_HINT);
		}
		if (exceeded) {
			await reader.cancel();
			throw refuse(`declares ${formatCount(entry.declaredBytes)} bytes but inflates to more`);
		}
		return Buffer.concat(chunks, length);
	}
}
