/** The official SDK, over real HTTP, against the emulator's VatInvoiceVerifyNew and VerifyOfdVatInvoiceOCR. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { ocr } from 'tencentcloud-sdk-nodejs-ocr';

import {
	OFD_ERRORS,
	VERIFY_ERRORS,
	loadSampleOfdRecognition,
	loadSampleVerification,
	sampleVerifyAnswer,
	startEmulator,
	verifyError,
	type EmulatorOptions,
	type RecognizeOfdInput,
	type RunningEmulator,
	type VerifyRequest,
} from '../emulator';
import { chinaDate } from '../emulator/actions/verify-new-params';
import { emulatorSdkClient, sdkErrorCodeOf } from '../helpers/emulator-sdk';
import { serveFolder, type FixtureServer } from '../helpers/fixture-server';

type OcrClient = InstanceType<typeof ocr.v20181119.Client>;
type VerifyNewRequest = Parameters<OcrClient['VatInvoiceVerifyNew']>[0];

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', name));
const OFD = fixture('invoice.ofd').toString('base64');
const PNG = fixture('invoice.png').toString('base64');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A date in Beijing, where the emulator's (real) clock puts the tax authority's day. */
const daysFromToday = (days: number) => chinaDate(Date.now() + days * DAY_MS);
const ISSUED = daysFromToday(-30);
/** The page's own example request (the check code shortened to the documented last 6 digits), issued a month ago. */
const VERIFY_REQUEST: VerifyNewRequest = {
	InvoiceNo: '04138864',
	InvoiceCode: '144002288010',
	InvoiceDate: ISSUED,
	Amount: '498.90',
	CheckCode: '311400',
};

const outcomeOf = (call: Promise<unknown>) => call.then(() => 'OK', (error: { code?: string }) => error.code ?? 'no code');

async function withEmulator(options: EmulatorOptions, test: (emulator: RunningEmulator) => Promise<void>): Promise<void> {
	const emulator = await startEmulator(options);
	try {
		await test(emulator);
	} finally {
		await emulator.stop();
	}
}

describe('VatInvoiceVerifyNew through the official SDK', () => {
	let emulator: RunningEmulator;
	let verify: jest.Mock<object, [VerifyRequest]>;

	beforeAll(async () => {
		verify = jest.fn((request: VerifyRequest) => sampleVerifyAnswer(request));
		emulator = await startEmulator({ rateLimitsPerAction: { VatInvoiceVerifyNew: 0 }, verify: (request) => verify(request) });
	});

	afterAll(() => emulator.stop());

	beforeEach(() => {
		verify.mockImplementation((request: VerifyRequest) => sampleVerifyAnswer(request));
		emulator.setFaults({});
	});

	it("answers the documented sample with the request's number, code and date", async () => {
		const answer = await emulatorSdkClient(emulator).VatInvoiceVerifyNew(VERIFY_REQUEST);
		const sample = loadSampleVerification() as { Invoice: Record<string, unknown> };
		expect(answer.Invoice).toEqual({ ...sample.Invoice, Number: '04138864', Code: '144002288010', Date: ISSUED.replaceAll('-', '') });
		expect(answer.UsedVehicleInvoiceInfo).toEqual(loadSampleVerification().UsedVehicleInvoiceInfo);
		expect(answer.RequestId).toMatch(UUID_V4);
	});

	it('tells answers apart by the request, and gives the hook every parameter', async () => {
		const today = daysFromToday(0);
		const electronic = { InvoiceNo: '24442000000012345678', InvoiceDate: today, Amount: '88.88', EnableTodayInvoice: true };
		const answer = await emulatorSdkClient(emulator).VatInvoiceVerifyNew(electronic);
		expect(answer.Invoice).toMatchObject({ Number: '24442000000012345678', Code: '', Date: today.replaceAll('-', '') });
		expect(verify).toHaveBeenLastCalledWith({
			invoiceNo: '24442000000012345678',
			invoiceDate: today,
			amount: '88.88',
			enableCommonElectronic: false,
			enableTodayInvoice: true,
		});
	});

	it.each([
		['void (作废)', { IsAbandoned: 'Y' }],
		['red-lettered (红冲)', { IsAbandoned: 'H', RedLetterInvoiceMark: true }],
	])('passes a %s invoice through the hook', async (_case, invoice) => {
		verify.mockImplementation((request) => sampleVerifyAnswer(request, invoice));
		expect((await emulatorSdkClient(emulator).VatInvoiceVerifyNew(VERIFY_REQUEST)).Invoice).toMatchObject(invoice);
	});

	it.each(Object.entries(VERIFY_ERRORS))('answers the documented %s error (%s) the hook throws', async (_name, code) => {
		verify.mockImplementation(() => {
			throw verifyError(code);
		});
		const error = await emulatorSdkClient(emulator).VatInvoiceVerifyNew(VERIFY_REQUEST).catch((rejection: unknown) => rejection);
		expect(error).toMatchObject({ code, message: expect.stringMatching(/。/) });
	});

	it.each<[string, Partial<VerifyNewRequest>, string]>([
		['a 9-digit number', { InvoiceNo: '041388640' }, VERIFY_ERRORS.badInvoiceNo],
		['a date in the future', { InvoiceDate: daysFromToday(2) }, VERIFY_ERRORS.badInvoiceDate],
		['a date six years ago', { InvoiceDate: daysFromToday(-6 * 366) }, VERIFY_ERRORS.badInvoiceDate],
		["today's invoice (in Beijing)", { InvoiceDate: daysFromToday(0) }, VERIFY_ERRORS.todayNotSupported],
		['a 7-digit code', { InvoiceCode: '1440022' }, VERIFY_ERRORS.badInvoiceCode],
		['a malformed amount', { Amount: '498,90' }, VERIFY_ERRORS.badAmountOrCheckCode],
		['an unknown region code', { RegionCode: '1100' }, VERIFY_ERRORS.noAreaCode],
	])('refuses %s before asking the hook', async (_case, change, code) => {
		verify.mockClear();
		expect(await sdkErrorCodeOf(emulatorSdkClient(emulator).VatInvoiceVerifyNew({ ...VERIFY_REQUEST, ...change }))).toBe(code);
		expect(verify).not.toHaveBeenCalled();
	});

	it('serves requests without a Region, as the page allows, while VatInvoiceOCR still requires one', async () => {
		expect((await emulatorSdkClient(emulator, { region: null }).VatInvoiceVerifyNew(VERIFY_REQUEST)).Invoice?.Number).toBe('04138864');
		expect(await sdkErrorCodeOf(emulatorSdkClient(emulator, { region: null }).VatInvoiceOCR({ ImageBase64: PNG }))).toBe('MissingParameter');
	});

	it('answers an injected fault after the checks', async () => {
		emulator.setFaults({ failNext: { code: VERIFY_ERRORS.taxNetwork } });
		expect(await sdkErrorCodeOf(emulatorSdkClient(emulator).VatInvoiceVerifyNew(VERIFY_REQUEST))).toBe(VERIFY_ERRORS.taxNetwork);
		expect(await outcomeOf(emulatorSdkClient(emulator).VatInvoiceVerifyNew(VERIFY_REQUEST))).toBe('OK');
	});
});

describe('VerifyOfdVatInvoiceOCR through the official SDK', () => {
	let emulator: RunningEmulator;
	let fileServer: FixtureServer;
	let fileUrl: string;
	const received: RecognizeOfdInput[] = [];

	beforeAll(async () => {
		emulator = await startEmulator({
			recognizeOfd: (input) => {
				received.push(input);
				return loadSampleOfdRecognition();
			},
		});
		fileServer = await serveFolder(path.join(__dirname, '..', 'fixtures'));
		fileUrl = fileServer.url;
	});

	afterAll(async () => {
		await emulator.stop();
		await fileServer.stop();
	});

	beforeEach(() => {
		received.length = 0;
		emulator.resetStats();
	});

	it('answers the documented sample for invoice.ofd, and hands the hook the file and page', async () => {
		const answer = await emulatorSdkClient(emulator).VerifyOfdVatInvoiceOCR({ OfdFileBase64: OFD });
		const { RequestId, ...recognition } = answer;
		expect(recognition).toEqual(loadSampleOfdRecognition());
		expect(RequestId).toMatch(UUID_V4);
		expect(received).toEqual([{ fileBytes: fixture('invoice.ofd'), pageNumber: 1, pageCount: 1 }]);
	});

	it('downloads OfdFileUrl from loopback, preferring it over OfdFileBase64 as the page says', async () => {
		await emulatorSdkClient(emulator).VerifyOfdVatInvoiceOCR({ OfdFileUrl: `${fileUrl}/invoice.ofd`, OfdFileBase64: PNG });
		expect(received[0].fileBytes).toEqual(fixture('invoice.ofd'));
	});

	it.each<[string, Parameters<OcrClient['VerifyOfdVatInvoiceOCR']>[0], string]>([
		['a ZIP without OFD.xml', { OfdFileBase64: fixture('not-ofd.zip').toString('base64') }, OFD_ERRORS.ocrFailed],
		['a PNG', { OfdFileBase64: PNG }, OFD_ERRORS.ocrFailed],
		['a PNG by URL', { OfdFileUrl: 'PLACEHOLDER/invoice.png' }, OFD_ERRORS.ocrFailed],
		['a missing URL', { OfdFileUrl: 'PLACEHOLDER/missing.ofd' }, OFD_ERRORS.downloadFailed],
		['a page beyond the last', { OfdFileBase64: OFD, OfdPageNumber: 2 }, OFD_ERRORS.invalidValue],
		['a data URL', { OfdFileBase64: `data:application/ofd;base64,${OFD}` }, OFD_ERRORS.invalidValue],
		['no file', {}, OFD_ERRORS.invalidValue],
	])('refuses %s', async (_case, request, code) => {
		const withUrl = request.OfdFileUrl ? { ...request, OfdFileUrl: request.OfdFileUrl.replace('PLACEHOLDER', fileUrl) } : request;
		expect(await sdkErrorCodeOf(emulatorSdkClient(emulator).VerifyOfdVatInvoiceOCR(withUrl))).toBe(code);
		expect(received).toHaveLength(0);
	});

	it('counts by action and keeps file contents out of the request summaries', async () => {
		await emulatorSdkClient(emulator).VerifyOfdVatInvoiceOCR({ OfdFileBase64: OFD, OfdPageNumber: 1 });
		const stats = emulator.stats();
		expect(stats.byAction).toEqual({ VerifyOfdVatInvoiceOCR: 1 });
		expect(stats.requests[0].params).toEqual({ OfdFileBase64: `<${OFD.length} base64 chars>`, OfdPageNumber: 1 });
	});
});

describe('the rate limit per action', () => {
	const burst = (count: number, call: () => Promise<unknown>) => Promise.all(Array.from({ length: count }, () => outcomeOf(call())));
	const countOk = (outcomes: string[]) => outcomes.filter((outcome) => outcome === 'OK').length;

	it("lets 20 VatInvoiceVerifyNew requests a second through by default, as the page says, and refuses the rest", async () => {
		await withEmulator({}, async (emulator) => {
			const outcomes = await burst(24, () => emulatorSdkClient(emulator).VatInvoiceVerifyNew(VERIFY_REQUEST));
			expect(countOk(outcomes)).toBe(20);
			expect(outcomes.filter((outcome) => outcome === 'RequestLimitExceeded')).toHaveLength(4);
		});
	});

	it("keeps each action's quota apart for one SecretId", async () => {
		const limits = { VatInvoiceOCR: 2, VatInvoiceVerifyNew: 3, VerifyOfdVatInvoiceOCR: 4 };
		await withEmulator({ rateLimitsPerAction: limits }, async (emulator) => {
			const client = emulatorSdkClient(emulator);
			const [ocrOutcomes, verifyOutcomes, ofdOutcomes] = await Promise.all([
				burst(6, () => client.VatInvoiceOCR({ ImageBase64: PNG })),
				burst(6, () => client.VatInvoiceVerifyNew(VERIFY_REQUEST)),
				burst(6, () => client.VerifyOfdVatInvoiceOCR({ OfdFileBase64: OFD })),
			]);
			expect([countOk(ocrOutcomes), countOk(verifyOutcomes), countOk(ofdOutcomes)]).toEqual([2, 3, 4]);
		});
	});

	it('keeps rateLimitPerSecond meaning VatInvoiceOCR only', async () => {
		await withEmulator({ rateLimitPerSecond: 1 }, async (emulator) => {
			const client = emulatorSdkClient(emulator);
			expect(countOk(await burst(3, () => client.VatInvoiceOCR({ ImageBase64: PNG })))).toBe(1);
			expect(countOk(await burst(3, () => client.VerifyOfdVatInvoiceOCR({ OfdFileBase64: OFD })))).toBe(3);
		});
	});
});
