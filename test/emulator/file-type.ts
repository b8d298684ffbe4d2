/** Recognising uploaded files by their magic bytes, and counting a PDF's pages. */

export type FileKind = 'png' | 'jpeg' | 'pdf' | 'gif' | 'unknown';

const SIGNATURES: Array<{ kind: FileKind; magic: Buffer }> = [
	{ kind: 'png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
	{ kind: 'jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
	{ kind: 'pdf', magic: Buffer.from('%PDF-', 'latin1') },
	{ kind: 'gif', magic: Buffer.from('GIF8', 'latin1') },
];

export function detectFileKind(bytes: Buffer): FileKind {
	const match = SIGNATURES.find(({ magic }) => bytes.subarray(0, magic.length).equals(magic));
	return match ? match.kind : 'unknown';
}

/** Kinds VatInvoiceOCR accepts; GIF is documented as not supported. */
export function isSupportedKind(kind: FileKind): boolean {
	return kind === 'png' || kind === 'jpeg' || kind === 'pdf';
}

/** Page objects are dictionaries with "/Type /Page" (not "/Pages"); enough for uncompressed object tables. */
export function countPdfPages(bytes: Buffer): number {
	return bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
