/**
 * Text a user (or an expression over mail or webhook data) hands to a parameter: its length is
 * bounded before any parser looks at it, and what a message quotes of it is short.
 */
import { InputError } from '../errors';

/** How much of a refused value a message quotes: enough to recognize it, never a pasted file. */
const QUOTED_CHARACTERS = 40;

/** The value as a message quotes it: the first characters, then "…" and the length when it is longer. */
export function quoteValue(text: string): string {
	if (text.length <= QUOTED_CHARACTERS) return `"${text}"`;
	return `"${text.slice(0, QUOTED_CHARACTERS)}…" (${text.length.toLocaleString('en-US')} characters)`;
}

/**
 * The value as text, refused when longer than `maxLength` characters: parsers then work on a
 * bounded input, whatever an expression put there.
 */
export function boundedText(value: unknown, label: string, maxLength: number, hint: string): string {
	const text = typeof value === 'string' ? value : String(value ?? '');
	if (text.length > maxLength) {
		throw new InputError(
			`${label} is ${text.length.toLocaleString('en-US')} characters long; it may have at most ${maxLength.toLocaleString('en-US')}`,
			hint,
		);
	}
	return text;
}
