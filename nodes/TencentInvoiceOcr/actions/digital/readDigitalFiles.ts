/**
 * Digital invoices read without a call: a 数电 XML, an OFD whose tags give the invoice, and the
 * files inside a ZIP bundle, one invoice per group of files of the same invoice from its best source.
 * What cannot be read locally (PDFs, images, an OFD without tags) is handed back to go to Tencent;
 * each refused file or entry becomes one outcome naming it and the limit, and the others go on.
 */
import { InputError } from '../../errors';
import { detectFileType, isInvoiceFileType } from '../../input/fileType';
import { groupByInvoice, isArchiveName } from '../../input/archive/invoiceGroups';
import { ZipArchive, newInflateBudget, type InflateBudget } from '../../input/archive/zipReader';
import { NotAnEinvoice, readEinvoiceXml } from '../../invoice/digital/einvoiceXml';
import { readOfdLocally } from '../../invoice/digital/ofdInvoice';
import type { InvoiceReading } from '../../invoice/fromAnswers';

/** One file to read: a file of the item, or an entry of a ZIP it carries. */
export interface DigitalFile {
	/** As output items name it: `bundle.zip/xml/2544….xml`; null for URL and base64 input. */
	displayName: string | null;
	/** Undefined: no invoice file, passed over unread (e.g. an oversize attachment that is no invoice). */
	load(): Promise<Buffer | undefined>;
}

/** Why a file is passed over. */
export type PassOverCause = 'notAnInvoiceFile' | 'sameInvoice' | 'noInvoiceInArchive';

export type DigitalOutcome =
	/** Read without a call. */
	| { kind: 'read'; displayName: string | null; readFrom: 'xml' | 'ofd'; reading: InvoiceReading }
	/** For Tencent: a PDF, PNG or JPEG, or an OFD that cannot be read locally. */
	| { kind: 'forTencent'; displayName: string | null; fileBytes: Buffer }
	/** Refused: over a limit, damaged, hostile, not an invoice of a kind the node reads. */
	| { kind: 'refused'; displayName: string | null; problem: InputError }
	/** An entry of a bundle that is no invoice file, another file of an invoice already read, a ZIP without invoice files. */
	| { kind: 'passedOver'; displayName: string | null; reason: string; cause: PassOverCause };

/** A ZIP inside the attached ZIP is read; one inside that is refused. */
const MAX_ARCHIVE_DEPTH = 1;

/** What a file's bytes are: an invoice file, a ZIP bundle, XML, or something else. */
export function digitalKindOf(fileBytes: Buffer): 'xml' | 'ofd' | 'zip' | 'image' | 'other' {
	const fileType = detectFileType(fileBytes);
	if (fileType === 'ofd' || fileType === 'zip' || fileType === 'xml') return fileType;
	return isInvoiceFileType(fileType) ? 'image' : 'other';
}

/** An OFD read locally, each part it needs inflated within the archive limits when asked for, or left to Tencent. */
async function readOfd(fileBytes: Buffer, displayName: string, budget: InflateBudget): Promise<DigitalOutcome> {
	const archive = ZipArchive.open(fileBytes, displayName, budget);
	const entriesByName = new Map(archive.entries.map((entry) => [entry.name, entry]));
	const read = async (partName: string) => {
		const entry = entriesByName.get(partName);
		return entry ? await archive.read(entry) : undefined;
	};
	const outcome = await readOfdLocally({ fileName: displayName, read });
	if ('reading' in outcome) return { kind: 'read', displayName, readFrom: 'ofd', reading: outcome.reading };
	return { kind: 'forTencent', displayName, fileBytes };
}

const PASS_OVER_REASONS: Record<Exclude<PassOverCause, 'sameInvoice'>, string> = {
	notAnInvoiceFile: 'not an invoice file (XML, OFD, PDF, PNG or JPEG)',
	noInvoiceInArchive: 'a ZIP archive without invoice files (XML, OFD, PDF, PNG or JPEG)',
};

async function* passOver(displayName: string | null, cause: Exclude<PassOverCause, 'sameInvoice'>): AsyncGenerator<DigitalOutcome> {
	yield { kind: 'passedOver', displayName, reason: PASS_OVER_REASONS[cause], cause };
}

/** Reads a problem as an outcome: the node's own refusals are values; anything else is a bug and is thrown. */
function refusal(displayName: string | null, error: unknown): DigitalOutcome {
	if (error instanceof InputError) return { kind: 'refused', displayName, problem: error };
	throw error;
}

/**
 * Reads an item's digital files and the bundles among them, one outcome at a time, so that only the
 * file being read is held inflated. Each file of the item has its own inflate budget (100 MB), which
 * the archives inside it share.
 */
export class DigitalReader {
	/**
	 * Reads one group of files of the same invoice, best source first: the first that gives the
	 * invoice (or goes to Tencent) ends the group; the group's other files are passed over.
	 * `depth`: 0 for a file of the item, 1 inside its ZIP, 2 inside a ZIP in that ZIP; `budget`: the
	 * archive's the group came from (none for the item's own files).
	 */
	async *readGroup(group: DigitalFile[], depth: number, budget?: InflateBudget): AsyncGenerator<DigitalOutcome> {
		for (const [index, file] of group.entries()) {
			let decidedBy: string | null | undefined;
			try {
				const fileBytes = await file.load();
				const outcomes = fileBytes
					? this.readFile(file, fileBytes, depth, budget ?? newInflateBudget())
					: passOver(file.displayName, 'notAnInvoiceFile');
				for await (const outcome of outcomes) {
					if (outcome.kind === 'read' || outcome.kind === 'forTencent') decidedBy = outcome.displayName;
					yield outcome;
				}
			} catch (error) {
				yield refusal(file.displayName, error);
			}
			if (decidedBy !== undefined) {
				for (const other of group.slice(index + 1)) {
					const reason = `the same invoice as ${decidedBy ?? 'the file before'}`;
					yield { kind: 'passedOver', displayName: other.displayName, reason, cause: 'sameInvoice' };
				}
				return;
			}
		}
	}

	/** A ZIP bundle's entries: directories skipped, nested archives read first, then groups of one invoice. */
	private async *readBundle(archiveBytes: Buffer, archiveName: string, depth: number, budget: InflateBudget): AsyncGenerator<DigitalOutcome> {
		const archive = ZipArchive.open(archiveBytes, archiveName, budget);
		const files = archive.entries
			.filter((entry) => !entry.isDirectory)
			.map((entry) => ({
				entryName: entry.name,
				displayName: `${archiveName}/${entry.name}`,
				load: async () => await archive.read(entry),
			}));
		const archives = files.filter((file) => isArchiveName(file.entryName));
		for (const nested of archives) yield* this.readGroup([nested], depth + 1, budget);
		const others = files.filter((file) => !isArchiveName(file.entryName));
		let foundInvoiceFile = false;
		for (const group of groupByInvoice(others, (file) => file.entryName)) {
			for await (const outcome of this.readGroup(group, depth + 1, budget)) {
				foundInvoiceFile ||= outcome.kind !== 'passedOver' || outcome.cause !== 'notAnInvoiceFile';
				yield outcome;
			}
		}
		// Office documents (.docx, .xlsx) are ZIP archives too: one without invoice files is passed over, not refused.
		if (!foundInvoiceFile && archives.length === 0) yield* passOver(archiveName, 'noInvoiceInArchive');
	}

	private async *readFile(file: DigitalFile, fileBytes: Buffer, depth: number, budget: InflateBudget): AsyncGenerator<DigitalOutcome> {
		const displayName = file.displayName;
		const name = displayName ?? 'the file';
		switch (digitalKindOf(fileBytes)) {
			case 'xml':
				try {
					yield { kind: 'read', displayName, readFrom: 'xml', reading: readEinvoiceXml(fileBytes, name) };
				} catch (error) {
					// Bundles carry other XML files (an index, a manifest): passed over, as their other entries are.
					if (depth > 0 && error instanceof NotAnEinvoice) yield { kind: 'passedOver', displayName, reason: error.message, cause: 'notAnInvoiceFile' };
					else yield refusal(displayName, error);
				}
				return;
			case 'ofd':
				yield await readOfd(fileBytes, name, budget);
				return;
			case 'zip':
				if (depth > MAX_ARCHIVE_DEPTH) {
					throw new InputError(
						`"${name}" is a ZIP inside a ZIP inside the attached ZIP: archives nested more than one level deep are not read`,
						'Unpack the inner archives and send the invoice files, or a ZIP that holds them directly.',
					);
				}
				yield* this.readBundle(fileBytes, name, depth, budget);
				return;
			case 'image':
				yield { kind: 'forTencent', displayName, fileBytes };
				return;
			default:
				yield* passOver(displayName, 'notAnInvoiceFile');
		}
	}
}
