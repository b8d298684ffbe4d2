/**
 * Builds small ZIP archives for tests, laid out byte by byte as a ZIP writer does: stored or deflated
 * entries, and the hostile ones an attachment may be (encrypted, lying sizes, ZIP64 sizes of
 * gigabytes, bombs built small from a repeated deflate block).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
	name: string;
	content: string | Buffer;
	/** Deflate the content (method 8); stored (method 0) when absent. */
	deflate?: boolean;
	/** Already deflated data to store as this entry's data (method 8); `content` is then only its checksum's source. */
	deflatedData?: Buffer;
	/** Set the encryption flag (the data stays as it is). */
	encrypted?: boolean;
	/** The uncompressed size to declare instead of the real one; above 4 GB it goes into a ZIP64 extra field. */
	declaredBytes?: number;
	/** Name stored as bytes of another encoding (e.g. GBK) without the UTF-8 flag. */
	nameBytes?: Buffer;
}

const UINT32_MAX = 0xffffffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8_NAME = 0x0800;

function zip64Extra(uncompressedBytes: number, compressedBytes: number): Buffer {
	const extra = Buffer.alloc(20);
	extra.writeUInt16LE(0x0001, 0);
	extra.writeUInt16LE(16, 2);
	extra.writeBigUInt64LE(BigInt(uncompressedBytes), 4);
	extra.writeBigUInt64LE(BigInt(compressedBytes), 12);
	return extra;
}

/** Local headers with the data, then the central directory, then the end record (with an optional archive comment). */
export function zipArchive(entries: ZipEntry[], archiveComment = ''): Buffer {
	const localParts: Buffer[] = [];
	const directoryParts: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = entry.nameBytes ?? Buffer.from(entry.name, 'utf8');
		const content = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8');
		const data = entry.deflatedData ?? (entry.deflate ? deflateRawSync(content) : content);
		const method = entry.deflate || entry.deflatedData ? 8 : 0;
		const declared = entry.declaredBytes ?? content.length;
		const isZip64 = declared >= UINT32_MAX;
		const extra = isZip64 ? zip64Extra(declared, data.length) : Buffer.alloc(0);
		const flags = (entry.encrypted ? FLAG_ENCRYPTED : 0) | (entry.nameBytes ? 0 : FLAG_UTF8_NAME);
		const checksum = crc32(content);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(isZip64 ? 45 : 20, 4);
		local.writeUInt16LE(flags, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(checksum, 14);
		local.writeUInt32LE(isZip64 ? UINT32_MAX : data.length, 18);
		local.writeUInt32LE(isZip64 ? UINT32_MAX : declared, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(extra.length, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(isZip64 ? 45 : 20, 4);
		central.writeUInt16LE(isZip64 ? 45 : 20, 6);
		central.writeUInt16LE(flags, 8);
		central.writeUInt16LE(method, 10);
		central.writeUInt32LE(checksum, 16);
		central.writeUInt32LE(isZip64 ? UINT32_MAX : data.length, 20);
		central.writeUInt32LE(isZip64 ? UINT32_MAX : declared, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt16LE(extra.length, 30);
		central.writeUInt32LE(offset, 42);
		localParts.push(local, name, extra, data);
		directoryParts.push(central, name, extra);
		offset += local.length + name.length + extra.length + data.length;
	}
	const directory = Buffer.concat(directoryParts);
	const comment = Buffer.from(archiveComment, 'latin1');
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	end.writeUInt16LE(comment.length, 20);
	return Buffer.concat([...localParts, directory, end, comment]);
}

const MEGABYTE = 1024 * 1024;

/**
 * A raw deflate stream that inflates to `megabytes` MB of zeros, built from one flushed block of
 * 1 MB repeated (each block refers only to itself) and an empty final block: about 1 KB per MB,
 * without ever holding the inflated bytes.
 */
export function zerosDeflated(megabytes: number): Buffer {
	const block = deflateRawSync(Buffer.alloc(MEGABYTE), { finishFlush: constants.Z_SYNC_FLUSH });
	const finalBlock = deflateRawSync(Buffer.alloc(0));
	return Buffer.concat([...Array.from({ length: megabytes }, () => block), finalBlock]);
}
