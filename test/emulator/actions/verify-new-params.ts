/** The VatInvoiceVerifyNew request body, checked as its page describes each parameter. */
import { TencentApiError } from '../api-error';
import { optionalOfType, rejectUnknownParameters } from '../request-params';
import { VERIFY_ERRORS, verifyError, type VerifyErrorCode } from './verify-errors';

export interface VerifyRequest {
	invoiceNo: string;
	/** YYYY-MM-DD, as sent. */
	invoiceDate: string;
	invoiceCode?: string;
	invoiceKind?: string;
	checkCode?: string;
	amount?: string;
	regionCode?: string;
	sellerTaxCode?: string;
	enableCommonElectronic: boolean;
	enableTodayInvoice: boolean;
}

const KNOWN_PARAMETERS = [
	'InvoiceNo',
	'InvoiceDate',
	'InvoiceCode',
	'InvoiceKind',
	'CheckCode',
	'Amount',
	'RegionCode',
	'SellerTaxCode',
	'EnableCommonElectronic',
	'EnableTodayInvoice',
];
/** 票种类型 as the page lists them. */
const INVOICE_KINDS = ['01', '02', '03', '04', '08', '10', '11', '14', '15', '16', '32'];
/** Kinds for which the page makes CheckCode (校验码后 6 位) mandatory. */
const KINDS_NEEDING_CHECK_CODE = ['04', '10', '11', '14', '16'];
/** Kinds for which the page makes Amount (不含税金额) mandatory. */
const KINDS_NEEDING_AMOUNT = ['01', '03', '08', '15', '16', '32'];
/** 通用机打电子发票 regions: 广东 4400, 浙江 3300. */
const REGION_CODES = ['4400', '3300'];
const INVOICE_NO = /^(\d{8}|\d{20})$/;
const INVOICE_CODE = /^(\d{10}|\d{12})$/;
/** The last 6 digits; 5 characters for blockchain invoices; the page's own example sends all 20 digits. */
const CHECK_CODE = /^(\d{6}|[0-9A-Za-z]{5}|\d{20})$/;
const AMOUNT = /^-?\d+(\.\d{1,2})?$/;
const SELLER_TAX_CODE = /^[0-9A-Z]{15,20}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** The page: 支持五年以内开具的发票. */
const MAX_AGE_YEARS = 5;

function requiredString(params: Record<string, unknown>, name: string): string {
	const value = optionalOfType<string>(params, name, 'string');
	if (value === undefined || value === '') {
		throw new TencentApiError('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
	}
	return value;
}

/** The calendar date in Beijing time, where the tax authority's day begins. */
export function chinaDate(nowMs: number): string {
	return new Date(nowMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function isCalendarDate(text: string): boolean {
	const match = ISO_DATE.exec(text);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.toISOString().slice(0, 10) === text;
}

function yearsBefore(isoDate: string, years: number): string {
	return `${String(Number(isoDate.slice(0, 4)) - years).padStart(4, '0')}${isoDate.slice(4)}`;
}

function checkInvoiceDate(invoiceDate: string, today: string, enableTodayInvoice: boolean): void {
	if (!isCalendarDate(invoiceDate)) {
		throw verifyError(VERIFY_ERRORS.badInvoiceDate, `InvoiceDate must be a date as YYYY-MM-DD, got \`${invoiceDate}\`.`);
	}
	if (invoiceDate > today) throw verifyError(VERIFY_ERRORS.badInvoiceDate, `InvoiceDate ${invoiceDate} is in the future.`);
	if (invoiceDate < yearsBefore(today, MAX_AGE_YEARS)) {
		throw verifyError(VERIFY_ERRORS.badInvoiceDate, `Only invoices of the last ${MAX_AGE_YEARS} years can be verified.`);
	}
	if (invoiceDate === today && !enableTodayInvoice) {
		throw verifyError(VERIFY_ERRORS.todayNotSupported, 'Set EnableTodayInvoice to verify an invoice issued today.');
	}
}

function checkInvoiceCode(invoiceCode: string | undefined, invoiceNo: string): void {
	if (invoiceCode) {
		if (!INVOICE_CODE.test(invoiceCode)) {
			throw verifyError(VERIFY_ERRORS.badInvoiceCode, `InvoiceCode must have 10 or 12 digits, got \`${invoiceCode}\`.`);
		}
	} else if (invoiceNo.length === 8) {
		throw verifyError(VERIFY_ERRORS.badInvoiceCode, 'InvoiceCode is required unless InvoiceNo has 20 digits (全电发票).');
	}
}

function checkPattern(value: string | undefined, pattern: RegExp, code: VerifyErrorCode, what: string): void {
	if (value !== undefined && !pattern.test(value)) throw verifyError(code, `${what}, got \`${value}\`.`);
}

function checkAmountOrCheckCode(request: VerifyRequest): void {
	const { invoiceKind: kind, checkCode, amount } = request;
	if (kind && KINDS_NEEDING_CHECK_CODE.includes(kind) && !checkCode) {
		throw verifyError(VERIFY_ERRORS.badAmountOrCheckCode, `CheckCode is required for InvoiceKind ${kind}.`);
	}
	if (kind && KINDS_NEEDING_AMOUNT.includes(kind) && !amount) {
		throw verifyError(VERIFY_ERRORS.badAmountOrCheckCode, `Amount is required for InvoiceKind ${kind}.`);
	}
	if (!checkCode && !amount) {
		throw verifyError(VERIFY_ERRORS.badAmountOrCheckCode, 'One of CheckCode or Amount is required for every kind of invoice.');
	}
}

function readFields(params: Record<string, unknown>): VerifyRequest {
	const text = (name: string) => optionalOfType<string>(params, name, 'string');
	const flag = (name: string) => optionalOfType<boolean>(params, name, 'boolean') ?? false;
	return {
		invoiceNo: requiredString(params, 'InvoiceNo'),
		invoiceDate: requiredString(params, 'InvoiceDate'),
		invoiceCode: text('InvoiceCode'),
		invoiceKind: text('InvoiceKind'),
		checkCode: text('CheckCode'),
		amount: text('Amount'),
		regionCode: text('RegionCode'),
		sellerTaxCode: text('SellerTaxCode'),
		enableCommonElectronic: flag('EnableCommonElectronic'),
		enableTodayInvoice: flag('EnableTodayInvoice'),
	};
}

function checkInvoiceKind(invoiceKind: string | undefined): void {
	if (invoiceKind !== undefined && !INVOICE_KINDS.includes(invoiceKind)) {
		throw verifyError(VERIFY_ERRORS.invalidValue, `InvoiceKind must be one of ${INVOICE_KINDS.join(', ')}, got \`${invoiceKind}\`.`);
	}
}

function checkCommonElectronicFields(request: VerifyRequest): void {
	if (request.regionCode !== undefined && !REGION_CODES.includes(request.regionCode)) {
		throw verifyError(VERIFY_ERRORS.noAreaCode, `RegionCode must be 4400 (广东) or 3300 (浙江), got \`${request.regionCode}\`.`);
	}
	checkPattern(request.sellerTaxCode, SELLER_TAX_CODE, VERIFY_ERRORS.invalidValue, 'SellerTaxCode must be a 15 to 20 character taxpayer number');
}

/** `today` is Beijing's date (see chinaDate): no future invoices, none older than five years, today's only on request. */
export function readVerifyParams(params: Record<string, unknown>, today: string): VerifyRequest {
	rejectUnknownParameters(params, KNOWN_PARAMETERS);
	const request = readFields(params);
	checkPattern(request.invoiceNo, INVOICE_NO, VERIFY_ERRORS.badInvoiceNo, 'InvoiceNo must have 8 digits, or 20 for 全电发票');
	checkInvoiceDate(request.invoiceDate, today, request.enableTodayInvoice);
	checkInvoiceCode(request.invoiceCode, request.invoiceNo);
	checkInvoiceKind(request.invoiceKind);
	checkPattern(request.checkCode, CHECK_CODE, VERIFY_ERRORS.badAmountOrCheckCode, 'CheckCode must be the last 6 digits of the check code (5 characters for blockchain invoices)');
	checkPattern(request.amount, AMOUNT, VERIFY_ERRORS.badAmountOrCheckCode, 'Amount must be a decimal string with at most 2 decimals, like 88.88');
	checkAmountOrCheckCode(request);
	checkCommonElectronicFields(request);
	return request;
}
