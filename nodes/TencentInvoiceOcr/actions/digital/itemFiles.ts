/**
 * An input item's files as results to output: invoices read locally (数电 XML, tagged OFD, the files in
 * a ZIP bundle), files for Tencent (PDF, PNG, JPEG, an OFD without tags), refusals and files passed
 * over. Files of one invoice give one result, from the best source; with Read Digital Invoices Locally
 * off, every file goes to Tencent as before.
 */
import { InputError } from '../../errors';
import { invoiceBaseName, groupByInvoice, isArchiveName } from '../../input/archive/invoiceGroups';
import type { InvoiceFile, SourceFile } from '../../input/invoiceFiles';
import { sourceFromFileBytes, type InvoiceSource } from '../../input/invoiceSource';
import type { InvoiceReading } from '../../invoice/fromAnswers';
import { DigitalReader, type DigitalFile, type DigitalOutcome } from './readDigitalFiles';

export type ItemFileResult =
	| { kind: 'read'; file: InvoiceFile; sourceFile: SourceFile; readFrom: 'xml' | 'ofd'; reading: InvoiceReading }
	| { kind: 'recognize'; file: InvoiceFile; sourceFile: SourceFile; source: InvoiceSource }
	/** Refused or failed before any call: the error (an InputError, or what reading the binary threw). */
	| { kind: 'failed'; file: InvoiceFile; sourceFile: SourceFile; error: unknown }
	/** A file of the item that is no invoice file (Process All Binary Fields passes it over). */
	| { kind: 'skipped'; file: InvoiceFile };

/** A file passed over inside a bundle, or as another file of an invoice already read, and why. */
export interface PassedOver {
	file: InvoiceFile;
	displayName: string;
	reason: string;
}

/** Every file to Tencent, as before digital invoices were read locally. */
export async function* filesForTencent(files: InvoiceFile[]): AsyncGenerator<ItemFileResult> {
	for (const file of files) {
		try {
			const source = await file.loadSource();
			yield source ? { kind: 'recognize', file, sourceFile: file.source, source } : { kind: 'skipped', file };
		} catch (error) {
			yield { kind: 'failed', file, sourceFile: file.source, error };
		}
	}
}

const displayNameOf = (file: InvoiceFile) => file.source.sourceFileName ?? file.source.sourceBinaryField ?? 'Base64 Content';

/** Archives first: an invoice read from a bundle makes a file of the same invoice beside the bundle redundant. */
const archivesFirst = (files: InvoiceFile[]) => [
	...files.filter((file) => isArchiveName(displayNameOf(file))),
	...files.filter((file) => !isArchiveName(displayNameOf(file))),
];

/**
 * Reads an item's files, digital ones locally. `processAllFiles`: a file that is no invoice file is
 * skipped rather than refused. Files passed over are told to `passOver`, for an execution hint.
 */
export async function* filesReadLocally(
	files: InvoiceFile[],
	processAllFiles: boolean,
	passOver: (passed: PassedOver) => void,
): AsyncGenerator<ItemFileResult> {
	const reader = new DigitalReader();
	/** Base names of invoices read from a bundle → the entry they were read from. */
	const readInBundles = new Map<string, string>();
	const sendable = files.filter((file) => file.loadBytes !== undefined);
	yield* filesForTencent(files.filter((file) => file.loadBytes === undefined));
	for (const group of groupByInvoice(archivesFirst(sendable), (file) => file.source.sourceFileName)) {
		const readAs = readInBundles.get(invoiceBaseName(displayNameOf(group[0])));
		if (readAs !== undefined && !isArchiveName(displayNameOf(group[0]))) {
			for (const file of group) passOver({ file, displayName: displayNameOf(file), reason: `the same invoice as ${readAs}` });
			continue;
		}
		const digitalFiles: DigitalFile[] = group.map((file) => ({
			displayName: displayNameOf(file),
			load: async () => await (file.loadBytes as () => Promise<Buffer | undefined>)(),
		}));
		for await (const outcome of reader.readGroup(digitalFiles, 0)) {
			const file = group.find((member) => isFileOrInside(displayNameOf(member), outcome.displayName)) ?? group[0];
			const inBundle = outcome.displayName !== displayNameOf(file);
			if (inBundle && (outcome.kind === 'read' || outcome.kind === 'forTencent')) {
				readInBundles.set(invoiceBaseName(outcome.displayName ?? ''), outcome.displayName ?? '');
			}
			yield* resultsOf(outcome, file, inBundle, processAllFiles, passOver);
		}
	}
}

const isFileOrInside = (fileName: string, displayName: string | null) =>
	displayName === fileName || (displayName ?? '').startsWith(`${fileName}/`);

async function* resultsOf(
	outcome: DigitalOutcome,
	file: InvoiceFile,
	inBundle: boolean,
	processAllFiles: boolean,
	passOver: (passed: PassedOver) => void,
): AsyncGenerator<ItemFileResult> {
	const sourceFile: SourceFile = inBundle ? { ...file.source, sourceFileName: outcome.displayName } : file.source;
	switch (outcome.kind) {
		case 'read':
			yield { kind: 'read', file, sourceFile, readFrom: outcome.readFrom, reading: outcome.reading };
			return;
		case 'forTencent':
			try {
				yield { kind: 'recognize', file, sourceFile, source: sourceFromFileBytes(outcome.fileBytes) };
			} catch (error) {
				yield { kind: 'failed', file, sourceFile, error };
			}
			return;
		case 'refused':
			yield { kind: 'failed', file, sourceFile, error: outcome.problem };
			return;
		case 'passedOver':
			if (inBundle || outcome.cause === 'sameInvoice') passOver({ file, displayName: outcome.displayName ?? '', reason: outcome.reason });
			else if (processAllFiles) yield { kind: 'skipped', file };
			else if (outcome.cause === 'noInvoiceInArchive') {
				const error = new InputError(
					`"${outcome.displayName}" is a ZIP archive without invoice files (XML, OFD, PDF, PNG or JPEG)`,
					'Check that the archive holds the invoices themselves; a ZIP inside it is read, one level deep.',
				);
				yield { kind: 'failed', file, sourceFile, error };
			}
			// A file of the item that is no invoice file: Tencent's checks say what it is, as before.
			else yield* filesForTencent([file]);
	}
}
