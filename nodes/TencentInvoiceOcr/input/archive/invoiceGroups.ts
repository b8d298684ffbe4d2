/**
 * Which files are the same invoice: issuers hand out one invoice as XML, OFD and PDF with the same
 * base name, in folders (`xml/2544….xml`, `pdf/2544….pdf`, `ofd/2544….ofd`) or side by side. Files
 * are grouped by base name, one file of each format per group, the best source first: XML (the
 * signed data itself), then OFD (the same values as tagged text), then PDF or image (OCR).
 */

/** Rank of a file by the format its name says; the content decides what it really is when it is read. */
const FORMAT_RANKS: Readonly<Record<string, number>> = { xml: 0, ofd: 1, pdf: 2, png: 3, jpg: 3, jpeg: 3 };
const UNKNOWN_FORMAT_RANK = 4;

/** `bundle.zip/xml/2544….xml` → `2544…`: the name without folders and extension, case and width folded. */
export function invoiceBaseName(fileName: string): string {
	const name = fileName.split('/').pop() ?? '';
	const dot = name.lastIndexOf('.');
	return (dot > 0 ? name.slice(0, dot) : name).normalize('NFKC').toLowerCase();
}

const extensionOf = (fileName: string) => {
	const dot = fileName.lastIndexOf('.');
	return dot > fileName.lastIndexOf('/') ? fileName.slice(dot + 1).toLowerCase() : '';
};

export const formatRank = (fileName: string) => FORMAT_RANKS[extensionOf(fileName)] ?? UNKNOWN_FORMAT_RANK;

/** Whether a name says ZIP archive: such entries are opened as bundles before the others are grouped. */
export const isArchiveName = (fileName: string) => extensionOf(fileName) === 'zip';

/**
 * Groups of files of one invoice, in the order their first file came, each best source first.
 * Files without a name, or of no invoice format by name, stand alone; a second file of the same
 * format and base name (e.g. `a/invoice.xml` and `b/invoice.xml`) starts a group of its own.
 */
export function groupByInvoice<File>(files: File[], nameOf: (file: File) => string | null): File[][] {
	const groups: File[][] = [];
	const openGroups = new Map<string, Array<{ files: File[]; ranks: Set<number> }>>();
	for (const file of files) {
		const name = nameOf(file);
		const rank = name === null ? UNKNOWN_FORMAT_RANK : formatRank(name);
		if (name === null || rank === UNKNOWN_FORMAT_RANK) {
			groups.push([file]);
			continue;
		}
		const baseName = invoiceBaseName(name);
		const candidates = openGroups.get(baseName) ?? [];
		let group = candidates.find((candidate) => !candidate.ranks.has(rank));
		if (!group) {
			group = { files: [], ranks: new Set() };
			candidates.push(group);
			openGroups.set(baseName, candidates);
			groups.push(group.files);
		}
		group.files.push(file);
		group.ranks.add(rank);
	}
	return groups.map((group) =>
		[...group].sort((a, b) => formatRank(nameOf(a) ?? '') - formatRank(nameOf(b) ?? '')),
	);
}
