/**
 * A PDF's page count read locally from its page tree, for planning calls before any is made. Untrusted files:
 * every step is a bounded search, and the count is given only when the page tree and the page objects agree.
 */

/** More pages than any invoice file has; a larger claim is not believed. */
const MAX_BELIEVED_PAGES = 100_000;
/** An object's dictionary is looked for in this many bytes after its `n g obj`. */
const MAX_OBJECT_BYTES = 64 * 1024;

const lastMatch = (text: string, pattern: RegExp): RegExpExecArray | undefined => {
	let last: RegExpExecArray | undefined;
	for (const match of text.matchAll(pattern)) last = match;
	return last;
};

/** The text of indirect object `number generation` (its last definition, as incremental updates append), or undefined. */
function objectText(text: string, number: string, generation: string): string | undefined {
	const start = lastMatch(text, new RegExp(`(?<![0-9])${number}\\s+${generation}\\s+obj(?![A-Za-z])`, 'g'));
	if (!start) return undefined;
	const from = start.index + start[0].length;
	const window = text.slice(from, from + MAX_OBJECT_BYTES);
	const end = window.indexOf('endobj');
	return end === -1 ? undefined : window.slice(0, end);
}

/** The object an entry refers to, e.g. `/Root 1 0 R` → the catalog's text. */
function referredObject(text: string, holder: string, key: string): string | undefined {
	const reference = new RegExp(`/${key}\\s+(\\d{1,10})\\s+(\\d{1,5})\\s+R`).exec(holder);
	return reference ? objectText(text, reference[1], reference[2]) : undefined;
}

/**
 * The page count of a PDF, from trailer /Root → catalog /Pages → /Count, when the file's page objects
 * (`/Type /Page`) are as many; undefined when it cannot be read that way: objects in compressed object
 * streams, an indirect /Count, an incremental update that changed the pages, or anything else unusual.
 * A caller then plans as if the count were unknown (one page per call), never on a guess.
 */
export function countPdfPages(fileBytes: Uint8Array): number | undefined {
	const text = Buffer.from(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength).toString('latin1');
	const trailerRoot = lastMatch(text, /\/Root\s+\d{1,10}\s+\d{1,5}\s+R/g);
	if (!trailerRoot) return undefined;
	const catalog = referredObject(text, trailerRoot[0], 'Root');
	const pageTree = catalog === undefined ? undefined : referredObject(text, catalog, 'Pages');
	const count = pageTree === undefined ? undefined : /\/Count\s+(\d{1,7})(?![\d.\s]*R)/.exec(pageTree);
	if (!count) return undefined;
	const pageCount = Number(count[1]);
	if (pageCount < 1 || pageCount > MAX_BELIEVED_PAGES) return undefined;
	const pageObjects = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
	return pageObjects === pageCount ? pageCount : undefined;
}
