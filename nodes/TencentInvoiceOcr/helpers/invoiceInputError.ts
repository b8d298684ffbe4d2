/**
 * A problem with what the user gave the node, found before any call to Tencent Cloud.
 * Pure helpers throw it; the router turns it into a NodeOperationError that names the item.
 */
export class InvoiceInputError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'InvoiceInputError';
	}
}
