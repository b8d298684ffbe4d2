/** Builds small ZIP archives (entries stored, not compressed) for file-type tests: the bytes a ZIP writer lays out. */
import { crc32 } from 'node:zlib';

export interface ZipEntry {
	name: string;
	content: string | Buffer;
}

/** Local headers with the data, then the central directory, then the end record (with an optional archive comment). */
export function zipArchive(entries: ZipEntry[], archiveComment = ''): Buffer {
	const localParts: Buffer[] = [];
	const directoryParts: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const data = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8');
		const checksum = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(checksum, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt32LE(checksum, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		localParts.push(local, name, data);
		directoryParts.push(central, name);
		offset += local.length + name.length + data.length;
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
