/**
 * Files that tell the emulator's RecognizeGeneralInvoice which documents they hold (see
 * test/emulator/general-invoice-documents.ts): a PNG with the marker in a tEXt chunk, as a scanner's
 * metadata would sit, so the file stays a valid PNG.
 */
import { crc32 } from 'node:zlib';

/** The marker text for a list of fixture names; an empty list is a page without documents. */
export const documentsMarker = (names: string[]) => `emulator-documents:${names.length > 0 ? names.join(',') : 'none'}`;

const PNG_SIGNATURE_BYTES = 8;

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/** The PNG with a tEXt chunk (keyword "Comment") holding the marker, right after its IHDR chunk. */
export function pngWithDocuments(png: Buffer, names: string[]): Buffer {
	const ihdrEnd = PNG_SIGNATURE_BYTES + 4 + 4 + png.readUInt32BE(PNG_SIGNATURE_BYTES) + 4;
	const text = pngChunk('tEXt', Buffer.from(`Comment\0${documentsMarker(names)}`, 'latin1'));
	return Buffer.concat([png.subarray(0, ihdrEnd), text, png.subarray(ihdrEnd)]);
}
