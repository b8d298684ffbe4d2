/**
 * Problems the user can fix, found before any call to Tencent Cloud: the message says what is
 * wrong, the hint how to fix it. Pure code throws them; output/errorItems turns them into a
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
