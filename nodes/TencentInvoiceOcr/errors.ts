/**
 * Problems the user can fix, found before any call to Tencent Cloud: the message says what is
 * wrong, the hint how to fix it; and how a message quotes a URL-like setting without its password. Pure code throws them; output/errorItems turns them into a
 * NodeOperationError that names the item.
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

/** The item's input: its file, URL, base64, page choice or the values to verify. */
export class InputError extends FixableProblem {}

/** The node's settings: the credential or an option. */
export class SettingsError extends FixableProblem {}

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
