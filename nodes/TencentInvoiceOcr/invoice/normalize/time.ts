/** Times of day as tickets print them, as `HH:mm`. */
import { compact, type OcrText } from './text';

/** The first hours:minutes in the text (full-width colons and digits made ASCII first). */
const CLOCK_TIME = /(?<![\d:])(\d{1,2}):(\d{2})(?!\d)/;

/**
 * A time of day as `HH:mm`, from how tickets print it: `08:05开` (train departure), `9:00`, `05-18 21:14 周六`
 * (ride-hailing), full-width digits. Hours above 23, minutes above 59, and text without a time → `null`.
 */
export function toClockTime(text: OcrText): string | null {
	if (text == null) return null;
	// Each word compacted on its own, so a date before the time stays apart from it.
	const match = CLOCK_TIME.exec(text.split(/\s+/).map(compact).join(' '));
	if (!match) return null;
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	if (hours > 23 || minutes > 59) return null;
	return `${String(hours).padStart(2, '0')}:${match[2]}`;
}
