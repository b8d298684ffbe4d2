import { compact, type OcrText } from './text';

/** Every form names its parts `year`, `month` and `day`. */
const DATE_FORMS = [
	/^(?<year>\d{4})年(?<month>\d{1,2})月(?<day>\d{1,2})日?$/,
	/^(?<year>\d{4})(?<separator>[-/.])(?<month>\d{1,2})\k<separator>(?<day>\d{1,2})$/,
	/^(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})$/,
];

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * An invoice date (开票日期) as `YYYY-MM-DD`, from `2019年06月16日`, `2021年1月9日`, `2019-6-9`,
 * `2019/06/16`, `2019.06.16` or `20220601`. Checked against the calendar with integers
 * (no `Date`, so no time zone can shift the day); `2021-02-30`, month 13 and garbage → `null`.
 */
export function toIsoDate(text: OcrText): string | null {
	if (text == null) return null;
	const dateText = compact(text);
	const parts = DATE_FORMS.map((form) => form.exec(dateText)?.groups).find((groups) => groups !== undefined);
	if (!parts) return null;
	const [year, month, day] = [parts.year, parts.month, parts.day].map(Number);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return `${parts.year}-${twoDigits(month)}-${twoDigits(day)}`;
}
