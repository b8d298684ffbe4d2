/**
 * Builds a small valid PDF of any page count (blank pages, a correct xref table), for page tests: 1,000 pages are
 * about 60 KB. `pageDocuments` puts an emulator marker (a PDF comment) before each page: what the emulator's
 * RecognizeGeneralInvoice finds on that page.
 */

import { documentsMarker } from './marked-files';

export function blankPdf(pageCount: number, pageDocuments?: (page: number) => string[]): Buffer {
	const pageMarker = (page: number) => (pageDocuments ? `% ${documentsMarker(pageDocuments(page))}\n` : '');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		`<< /Type /Pages /Count ${pageCount} /Kids [${Array.from({ length: pageCount }, (_u, index) => `${index + 3} 0 R`).join(' ')}] >>`,
		...Array.from({ length: pageCount }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		if (index >= 2) body += pageMarker(index - 1);
		offsets.push(body.length);
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xrefOffset = body.length;
	const xref = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

