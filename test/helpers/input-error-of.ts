/** The InputError that `action` throws; fails the test when it throws nothing or something else. */
import { InputError } from '../../nodes/TencentInvoiceOcr/errors';

export function inputErrorOf(action: () => unknown): InputError {
	try {
		action();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}
