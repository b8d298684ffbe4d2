import { compact, type OcrText } from './text';

/** Upper-case digits (大写), plus the lower-case ones, 〇 and 两 that OCR sometimes gives instead. */
const DIGIT_VALUES: Record<string, number> = {
	零: 0, 〇: 0,
	壹: 1, 一: 1,
	贰: 2, 二: 2, 两: 2,
	叁: 3, 三: 3,
	肆: 4, 四: 4,
	伍: 5, 五: 5,
	陆: 6, 六: 6,
	柒: 7, 七: 7,
	捌: 8, 八: 8,
	玖: 9, 九: 9,
};
const PLACE_UNITS: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const SECTION_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };
const TEN = 10;

/** `(负数)` / `（负数）`, `负` or `⊗`: how red-letter (negative) invoices print it. */
const NEGATIVE_MARK = /^(?:\(负数\)|负|⊗)/;
/** `整`/`正` closes an amount with no 分 (or no 角 and 分); it adds nothing. */
const CLOSING_MARK = /[整正]$/;
const YUAN_MARK = /[圆元]/;
const DIGIT = `[${Object.keys(DIGIT_VALUES).join('')}]`;
/** What follows 圆: `玖角`, `玖角捌分`, `零伍分` (a zero stands for the missing 角). */
const JIAO_AND_FEN = new RegExp(`^(?:(?<jiao>${DIGIT})角)?[零〇]?(?:(?<fen>${DIGIT})分)?$`);

/**
 * An amount in Chinese upper-case numerals (大写金额, as in 价税合计(大写)) in yuan: `捌拾玖圆玖角整` → 89.9,
 * `壹万零伍元零伍分` → 10005.05, `玖角` → 0.9, `(负数)壹仟壹佰叁拾圆整` → -1130. Spaces are ignored.
 * Counted in fen (integers), so the result has at most 2 decimals and no float noise.
 * Empty, `***`, an unknown character or an ambiguous amount such as `壹佰伍圆` (150 or 105?) → `null`.
 */
export function parseChineseAmount(text: OcrText): number | null {
	if (text == null) return null;
	const amountText = compact(text);
	const fen = parseFen(amountText.replace(NEGATIVE_MARK, '').replace(CLOSING_MARK, ''));
	if (fen === null) return null;
	const yuan = fen / 100;
	return NEGATIVE_MARK.test(amountText) && fen !== 0 ? -yuan : yuan;
}

function parseFen(amountText: string): number | null {
	const parts = amountText.split(YUAN_MARK);
	if (parts.length === 1) return /[角分]/.test(amountText) ? parseJiaoAndFen(amountText) : null;
	if (parts.length > 2) return null;
	const [yuanText, jiaoAndFenText] = parts;
	const yuan = parseYuan(yuanText);
	const jiaoAndFen = parseJiaoAndFen(jiaoAndFenText);
	if (yuan === null || jiaoAndFen === null) return null;
	const fen = yuan * 100 + jiaoAndFen;
	return Number.isSafeInteger(fen) ? fen : null;
}

/** The part after 圆 in fen: `玖角捌分` → 98. */
function parseJiaoAndFen(jiaoAndFenText: string): number | null {
	const parts = JIAO_AND_FEN.exec(jiaoAndFenText)?.groups;
	if (!parts) return null;
	const digitValue = (digit: string | undefined) => (digit === undefined ? 0 : DIGIT_VALUES[digit]);
	return digitValue(parts.jiao) * 10 + digitValue(parts.fen);
}

/** The whole yuan before 圆: `壹佰零捌万零叁佰` → 1080300. */
function parseYuan(yuanText: string): number | null {
	const reader = new YuanReader();
	for (const character of yuanText) {
		if (!reader.read(character)) return null;
	}
	return reader.finish();
}

/** Reads the yuan numeral from the left; each step says whether the numeral is still well formed. */
class YuanReader {
	/** Yuan already closed by 亿. */
	private yi = 0;
	/** Yuan closed by 万 since the last 亿. */
	private wan = 0;
	/** The open group below 万: its 仟, 佰 and 拾 so far. */
	private group = 0;
	/** A digit still waiting for its 拾/佰/仟, or to be the ones of its group. */
	private pendingDigit: number | null = null;
	/**
	 * Whether the pending digit may be a ones digit. `壹佰伍` and `壹万伍` are 150 and 15000 in speech
	 * but 105 and 10005 if a 零 was lost; printed amounts write `壹佰伍拾` or `壹佰零伍`, so only a ones
	 * digit after 零, after 拾 or alone is unambiguous.
	 */
	private pendingDigitMayBeOnes = false;
	/** 仟, 佰, 拾 must come in descending order within a group. */
	private lastPlaceUnit = Infinity;
	private previous: 'start' | 'zero' | 'ten' | 'other' = 'start';

	read(character: string): boolean {
		const digitValue = DIGIT_VALUES[character];
		if (digitValue === 0) return this.readZero();
		if (digitValue !== undefined) return this.readDigit(digitValue);
		if (character in PLACE_UNITS) return this.readPlaceUnit(PLACE_UNITS[character]);
		if (character in SECTION_UNITS) return this.closeSection(SECTION_UNITS[character]);
		return false;
	}

	finish(): number | null {
		if (this.previous === 'start' || !this.takeOnes()) return null;
		return this.yi + this.wan + this.group;
	}

	private readZero(): boolean {
		this.previous = 'zero';
		// `伍零`: a digit must get its unit before a zero.
		return this.pendingDigit === null;
	}

	private readDigit(digitValue: number): boolean {
		if (this.pendingDigit !== null) return false;
		this.pendingDigit = digitValue;
		this.pendingDigitMayBeOnes = this.previous !== 'other';
		this.previous = 'other';
		return true;
	}

	private readPlaceUnit(placeUnit: number): boolean {
		// `拾圆` and `拾伍万` start with an implied 壹; no other unit may stand without its digit.
		const multiplier = this.pendingDigit ?? (placeUnit === TEN && this.previous === 'start' ? 1 : null);
		if (multiplier === null || placeUnit >= this.lastPlaceUnit) return false;
		this.group += multiplier * placeUnit;
		this.lastPlaceUnit = placeUnit;
		this.pendingDigit = null;
		this.previous = placeUnit === TEN ? 'ten' : 'other';
		return true;
	}

	/** 万 multiplies the group before it, 亿 everything since the last 亿 (so `壹万亿` is 10^12). */
	private closeSection(sectionUnit: number): boolean {
		if (!this.takeOnes()) return false;
		if (sectionUnit === SECTION_UNITS.万) {
			if (this.wan !== 0 || this.group === 0) return false;
			this.wan = this.group * sectionUnit;
		} else {
			if (this.yi !== 0 || this.wan + this.group === 0) return false;
			this.yi = (this.wan + this.group) * sectionUnit;
			this.wan = 0;
		}
		this.group = 0;
		this.lastPlaceUnit = Infinity;
		this.previous = 'other';
		return true;
	}

	private takeOnes(): boolean {
		if (this.pendingDigit === null) return true;
		if (!this.pendingDigitMayBeOnes) return false;
		this.group += this.pendingDigit;
		this.pendingDigit = null;
		return true;
	}
}
