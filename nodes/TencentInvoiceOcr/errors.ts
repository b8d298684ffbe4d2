/**
 * Problems the user can fix, found before any call to Tencent Cloud: the message says what is
 * wrong, the hint how to fix it. Pure code throws them; output/errorItems turns them into a
 * NodeOperationError that names the item. Also how a message quotes a URL-like setting without its
 * password, and the one problem found in an answer that no one but Tencent can fix: an answer off
 * its documented shape.
 */
export abstract class FixableProblem extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** A byte count as messages say it, e.g. `7.5 MB`. */
export const megabytes = (byteCount: number) => `${(byteCount / (1024 * 1024)).toFixed(1)} MB`;

/** The item's input: its file, URL, base64, page choice or the values to verify. */
export class InputError extends FixableProblem {}

/** The node's settings: the credential or an option. */
export class SettingsError extends FixableProblem {}

/**
 * An answer of Tencent's that does not have the documented shape, e.g. `null` inside
 * VatInvoiceInfos or a number for a Name: the call was made, but its answer cannot be read.
 */
export class UnexpectedAnswer extends Error {
	constructor(
		/** Where in the answer, e.g. `VatInvoiceInfos[3]` or `Items[0].Name`. */
		readonly fieldPath: string,
		/** What was found there instead, e.g. `null` or `a number`. */
		readonly found: string,
		readonly requestId: string | undefined,
	) {
		super(`${fieldPath} is ${found}`);
		this.name = 'UnexpectedAnswer';
	}
}

/**
 * A URL-like setting fit to quote in a message: whatever stands before an "@" in its host part (a
 * user name and password) becomes "***". Works on text that does not parse as a URL too.
 */
export function withoutUserInfo(text: string): string {
	const schemeEnd = text.indexOf('://');
	const hostStart = schemeEnd === -1 ? 0 : schemeEnd + 3;
	const rest = text.slice(hostStart);
	const hostEnd = rest.search(/[/?#\\]/);
	const host = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
	const at = host.lastIndexOf('@');
	if (at === -1) return text;
	return `${text.slice(0, hostStart)}***@${rest.slice(at + 1)}`;
}
