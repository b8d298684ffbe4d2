import type { Invoice, LineItem } from '../../../nodes/TencentInvoiceOcr/invoice/fields';
import { reviewInvoice } from '../../../nodes/TencentInvoiceOcr/invoice/selfCheck';
import { sampleInvoice, sampleLineItem } from './sample-invoice';

const line = (amountBeforeTax: number | null, taxAmount: number | null, taxRate: number | null = 0.03): LineItem =>
	sampleLineItem({ amountBeforeTax, taxAmount, taxRate });

describe('reviewInvoice', () => {
	it.each<[string, Partial<Invoice>, LineItem[], string[]]>([
		['a consistent invoice', {}, [line(87.28, 2.62)], []],
		['float noise in the line sums', { totalBeforeTax: 0.3, totalTax: 0.03, totalWithTax: 0.33, totalWithTaxInWords: '叁角叁分' }, [line(0.1, 0.01), line(0.2, 0.02)], []],
		['one fen of rounding per line', { totalBeforeTax: 87.3, totalTax: 2.62, totalWithTax: 89.92, totalWithTaxInWords: '捌拾玖圆玖角贰分' }, [line(43.64, 1.31), line(43.64, 1.31)], []],
		['three fen off over two lines', { totalBeforeTax: 87.31, totalWithTax: 89.93, totalWithTaxInWords: '捌拾玖圆玖角叁分' }, [line(43.64, 1.31), line(43.64, 1.31)], ['Line amounts before tax add up to 87.28, not the total before tax 87.31']],
		['line taxes that disagree', { totalTax: 2.72, totalWithTax: 90, totalWithTaxInWords: '玖拾圆整' }, [line(87.28, 2.62)], ['Line taxes add up to 2.62, not the total tax 2.72']],
		['parts that do not make the total', { totalWithTax: 89.99, totalWithTaxInWords: '捌拾玖圆玖角玖分' }, [line(87.28, 2.62)], ['Total before tax 87.28 plus total tax 2.62 is 89.90, not the total including tax 89.99']],
		['words that disagree', { totalWithTaxInWords: '捌拾玖圆整' }, [line(87.28, 2.62)], ['The amount in words (89.00) differs from the total including tax (89.90)']],
		['unreadable words', { totalWithTaxInWords: '捌拾玖X' }, [line(87.28, 2.62)], ['The amount in words "捌拾玖X" could not be read']],
		['no number and no date', { invoiceNumber: null, issueDate: null }, [line(87.28, 2.62)], ['The invoice number could not be read', 'The issue date could not be read']],
		['no line items: line checks skipped', { totalBeforeTax: 10 }, [], ['Total before tax 10.00 plus total tax 2.62 is 12.62, not the total including tax 89.90']],
		['an unreadable line amount', {}, [line(null, 2.62)], ['The amount before tax of line 1 could not be read']],
		['no readable total including tax', { totalWithTax: null }, [line(87.28, 2.62)], ['The total including tax could not be read']],
		['a red-letter invoice', { totalBeforeTax: -1000, totalTax: -130, totalWithTax: -1130, totalWithTaxInWords: '(负数)壹仟壹佰叁拾圆整' }, [line(-1000, -130, 0.13)], []],
		['an exempt line whose tax reads "***"', { totalBeforeTax: 187.28, totalTax: 2.62, totalWithTax: 189.9, totalWithTaxInWords: '壹佰捌拾玖圆玖角整' }, [line(87.28, 2.62), line(100, null, null)], []],
		['a wholly exempt invoice, total tax "***"', { totalBeforeTax: 100, totalTax: null, totalWithTax: 100, totalWithTaxInWords: '壹佰圆整' }, [line(100, null, null)], []],
		['a taxed line whose tax is unreadable', {}, [line(87.28, null, 0.03)], ['The tax of line 1 could not be read']],
		['an 8-digit number without a code', { invoiceCode: null }, [line(87.28, 2.62)], ['Invoice code not read: a classic invoice number is unique only together with its code']],
		['a number of another length without a code', { invoiceCode: null, invoiceNumber: '6359112' }, [line(87.28, 2.62)], ['Invoice code not read: a classic invoice number is unique only together with its code']],
		['a fully digital invoice: no code, 20 digits', { invoiceCode: null, invoiceNumber: '24442000000012345678' }, [line(87.28, 2.62)], []],
	])('%s', (_label, invoiceChanges, lineItems, reasons) => {
		expect(reviewInvoice(sampleInvoice(invoiceChanges), lineItems)).toEqual(reasons);
	});
});
