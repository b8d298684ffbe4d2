/** The self-check: reasons a person should look at an invoice before it is booked. */
import type { Invoice, LineItem } from './fields';
import { isFullyDigital } from './invoiceKind';
import { parseChineseAmount } from './normalize';

// Money is compared in fen (1/100 yuan) as integers, so float noise never fails a check.
const toFen = (yuan: number) => Math.round(yuan * 100);
const formatYuan = (fen: number) => (fen / 100).toFixed(2);
const sumFen = (values: number[]) => values.reduce((sum, value) => sum + toFen(value), 0);

/** Exempt and non-taxable lines print "***" as their tax, which reads as no tax at all. */
const lineTax = (line: LineItem) => line.taxAmount ?? (line.taxRate === null ? 0 : null);

interface LineSumLabels {
	/** e.g. "amount before tax": "The amount before tax of line 2 could not be read" */
	value: string;
	/** e.g. "Line amounts add up to …" */
	values: string;
	/** e.g. "… not the total before tax 87.28" */
	total: string;
}

function checkLineSum(labels: LineSumLabels, lineValues: Array<number | null>, total: number | null): string[] {
	const unreadable = lineValues.flatMap((value, index) => (value === null ? [index + 1] : []));
	if (unreadable.length > 0) return [`The ${labels.value} of line ${unreadable.join(', ')} could not be read`];
	if (total === null) return [`The ${labels.total} could not be read`];
	const lineSumFen = sumFen(lineValues as number[]);
	// Each line is rounded to the fen on its own: allow one fen per line.
	if (Math.abs(lineSumFen - toFen(total)) <= lineValues.length) return [];
	return [`${labels.values} add up to ${formatYuan(lineSumFen)}, not the ${labels.total} ${formatYuan(toFen(total))}`];
}

const AMOUNT_LABELS: LineSumLabels = { value: 'amount before tax', values: 'Line amounts before tax', total: 'total before tax' };
const TAX_LABELS: LineSumLabels = { value: 'tax', values: 'Line taxes', total: 'total tax' };

function checkGrandTotal(invoice: Invoice, totalTax: number | null): string[] {
	if (invoice.totalWithTax === null) return ['The total including tax could not be read'];
	if (invoice.totalBeforeTax === null || totalTax === null) return [];
	const sumOfPartsFen = toFen(invoice.totalBeforeTax) + toFen(totalTax);
	if (Math.abs(sumOfPartsFen - toFen(invoice.totalWithTax)) <= 1) return [];
	return [
		`Total before tax ${formatYuan(toFen(invoice.totalBeforeTax))} plus total tax ${formatYuan(toFen(totalTax))} is ${formatYuan(sumOfPartsFen)}, not the total including tax ${formatYuan(toFen(invoice.totalWithTax))}`,
	];
}

function checkAmountInWords(invoice: Invoice): string[] {
	if (invoice.totalWithTaxInWords === null || invoice.totalWithTax === null) return [];
	const amountInWords = parseChineseAmount(invoice.totalWithTaxInWords);
	if (amountInWords === null) return [`The amount in words "${invoice.totalWithTaxInWords}" could not be read`];
	if (toFen(amountInWords) === toFen(invoice.totalWithTax)) return [];
	return [
		`The amount in words (${formatYuan(toFen(amountInWords))}) differs from the total including tax (${formatYuan(toFen(invoice.totalWithTax))})`,
	];
}

/** Reasons a person should look at the invoice; none when every check passes. */
export function reviewInvoice(invoice: Invoice, lineItems: LineItem[]): string[] {
	const reasons: string[] = [];
	if (invoice.invoiceNumber === null) reasons.push('The invoice number could not be read');
	else if (invoice.invoiceCode === null && !isFullyDigital(invoice.invoiceCode, invoice.invoiceNumber)) {
		reasons.push('Invoice code not read: a classic invoice number is unique only together with its code');
	}
	if (invoice.issueDate === null) reasons.push('The issue date could not be read');

	reasons.push(...lineSumProblems(invoice, lineItems), ...checkGrandTotal(invoice, totalTaxOf(invoice, lineItems)));
	reasons.push(...checkAmountInWords(invoice));
	return reasons;
}

/** A wholly exempt invoice prints "***" as its total tax too. */
function totalTaxOf(invoice: Invoice, lineItems: LineItem[]): number | null {
	const allLinesUntaxed = lineItems.length > 0 && lineItems.every((line) => lineTax(line) === 0);
	return invoice.totalTax ?? (allLinesUntaxed ? 0 : null);
}

/** Whether the lines' amounts and taxes add up to the totals: none when they do (or there are no lines). */
export function lineSumProblems(invoice: Invoice, lineItems: LineItem[]): string[] {
	if (lineItems.length === 0) return [];
	return [
		...checkLineSum(AMOUNT_LABELS, lineItems.map((line) => line.amountBeforeTax), invoice.totalBeforeTax),
		...checkLineSum(TAX_LABELS, lineItems.map(lineTax), totalTaxOf(invoice, lineItems)),
	];
}
