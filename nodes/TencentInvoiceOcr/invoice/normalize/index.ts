/** Turns the strings Tencent's OCR actions return into clean values; every function is pure. */
export { parseChineseAmount } from './chineseAmount';
export { toIsoDate } from './date';
export { parseAmount, parseLineNumber, parseTaxRate } from './number';
export { cleanText, normalizeInvoiceNumber, parseFlag, type OcrText } from './text';
export { toClockTime } from './time';
