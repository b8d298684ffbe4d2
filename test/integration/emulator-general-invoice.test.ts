/** The emulator's RecognizeGeneralInvoice through the official SDK over real HTTP: documents, pages, billing, quota. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { emulatorSdkClient, sdkErrorCodeOf } from '../helpers/emulator-sdk';
import { blankPdf } from '../helpers/generated-pdf';
import { pngWithDocuments } from '../helpers/marked-files';

const PNG = readFileSync(path.join(__dirname, '..', 'fixtures', 'invoice.png'));
const base64 = (bytes: Buffer) => bytes.toString('base64');

type GeneralRequest = Parameters<InstanceType<typeof import('tencentcloud-sdk-nodejs-ocr').ocr.v20181119.Client>['RecognizeGeneralInvoice']>[0];

describe('RecognizeGeneralInvoice in the emulator', () => {
	let emulator: RunningEmulator;
	const recognize = (request: GeneralRequest) => emulatorSdkClient(emulator).RecognizeGeneralInvoice(request);

	beforeAll(async () => {
		emulator = await startEmulator({ rateLimitsPerAction: { RecognizeGeneralInvoice: 0 }, credentials: [DEMO_CREDENTIALS] });
	});
	afterAll(async () => await emulator.stop());
	beforeEach(() => emulator.resetStats());

	it('answers a mixed scan with each document in its struct, all on page 1, and bills each', async () => {
		const scan = pngWithDocuments(PNG, ['TrainTicket', 'TaxiTicket', 'VatElectronicInvoiceFull']);
		const answer = await recognize({ ImageBase64: base64(scan) });
		expect(answer.MixedInvoiceItems?.map((item) => [item.Code, item.SubType, item.Page])).toEqual([
			['OK', 'TrainTicket', 1],
			['OK', 'TaxiTicket', 1],
			['OK', 'VatElectronicInvoiceFull', 1],
		]);
		expect(answer.MixedInvoiceItems?.[0].SingleInvoiceInfos?.TrainTicket?.TrainNumber).toBe('G6017');
		expect(answer.MixedInvoiceItems?.[0].SingleInvoiceInfos?.TaxiTicket).toBeNull();
		expect(answer.TotalPDFCount).toBe(0);
		expect(emulator.stats().documentsBilled).toBe(3);
	});

	it('answers the VatInvoiceOCR sample invoice for an unmarked image', async () => {
		const answer = await recognize({ ImageBase64: base64(PNG) });
		expect(answer.MixedInvoiceItems?.[0].SingleInvoiceInfos?.VatElectronicCommonInvoice?.Number).toBe('63591128');
	});

	it('reads pages 1..30 of a 40-page PDF with EnableMultiplePage in one request, billing 30 documents', async () => {
		const answer = await recognize({ ImageBase64: base64(blankPdf(40, () => ['TaxiTicket'])), EnableMultiplePage: true, PdfPageNumber: 35 });
		expect(answer.MixedInvoiceItems?.map((item) => item.Page)).toEqual(Array.from({ length: 30 }, (_u, index) => index + 1));
		expect(answer.TotalPDFCount).toBe(40);
		const stats = emulator.stats();
		expect([stats.total, stats.documentsBilled]).toEqual([1, 30]);
	});

	it('reads the asked page alone, with what that page holds', async () => {
		const pdf = blankPdf(3, (page) => (page === 2 ? ['BusInvoice', 'Unsupported'] : []));
		const answer = await recognize({ ImageBase64: base64(pdf), PdfPageNumber: 2 });
		expect(answer.MixedInvoiceItems?.map((item) => [item.Code, item.Page])).toEqual([
			['OK', 2],
			['FailedOperation.UnsupportedInvoice', 2],
		]);
		expect(emulator.stats().documentsBilled).toBe(1);
		expect((await recognize({ ImageBase64: base64(pdf), PdfPageNumber: 3 })).MixedInvoiceItems).toEqual([]);
	});

	it('refuses two Types and a page past the end', async () => {
		expect(await sdkErrorCodeOf(recognize({ ImageBase64: base64(PNG), Types: [2, 3] }))).toBe('InvalidParameterValue.InvalidParameterValueLimit');
		expect(await sdkErrorCodeOf(recognize({ ImageBase64: base64(blankPdf(2)), PdfPageNumber: 3 }))).toBe(
			'InvalidParameterValue.InvalidParameterValueLimit',
		);
	});
});

describe('RecognizeGeneralInvoice quota', () => {
	it('allows 5 requests a second per SecretId by default, its own quota beside VatInvoiceOCR', async () => {
		// A stopped clock puts every request in one second, however slowly this machine sends them.
		const startedAt = Date.now();
		const emulator = await startEmulator({ nowMs: () => startedAt });
		try {
			const client = emulatorSdkClient(emulator);
			const answers = await Promise.allSettled(Array.from({ length: 6 }, () => client.RecognizeGeneralInvoice({ ImageBase64: base64(PNG) })));
			expect(answers.filter((answer) => answer.status === 'fulfilled')).toHaveLength(5);
			expect(emulator.stats().byErrorCode).toEqual({ RequestLimitExceeded: 1 });
			await expect(client.VatInvoiceOCR({ ImageBase64: base64(PNG) })).resolves.toBeDefined();
		} finally {
			await emulator.stop();
		}
	});
});
