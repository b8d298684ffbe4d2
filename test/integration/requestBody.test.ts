/**
 * The request body the node writes once (requestJson, handed to the SDK as JSON to send as given)
 * reaches Tencent as the same bytes, signed the same way, as when the official SDK serializes the
 * plain request itself. Real SDK, real signing, real HTTP, against the emulator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ocr } from 'tencentcloud-sdk-nodejs-ocr';

import {
	SDK_VERSIONS_SENDING_JSON_AS_GIVEN,
	createOcrClient,
	readTencentCredentials,
	type OcrAction,
	type OcrRequest,
} from '../../nodes/TencentInvoiceOcr/tencent/transport/client';
import { FileContent, plainRequest } from '../../nodes/TencentInvoiceOcr/tencent/transport/requestBody';
import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { emulatorSdkClient } from '../helpers/emulator-sdk';

const fixture = (name: string) => new FileContent(readFileSync(join(__dirname, '..', 'fixtures', name)));
const DAY_MS = 24 * 60 * 60 * 1000;
const monthAgo = new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10);

let emulator: RunningEmulator;
beforeAll(async () => {
	emulator = await startEmulator({ rateLimitPerSecond: 0, rateLimitsPerAction: { VatInvoiceVerifyNew: 0, VerifyOfdVatInvoiceOCR: 0 } });
});
afterAll(async () => await emulator.stop());
beforeEach(() => emulator.resetStats());

it("lists the installed SDK's version among those whose body passing has been checked", () => {
	// When this fails after an SDK upgrade: run this file; if the bodies below still match, add the version.
	const installedVersion = new ocr.v20181119.Client({ credential: {}, region: 'ap-guangzhou' }).sdkVersion;
	expect([...SDK_VERSIONS_SENDING_JSON_AS_GIVEN]).toContain(installedVersion);
});

const requests: Array<[string, OcrAction, OcrRequest<OcrAction>]> = [
	['page 2 of a PDF', 'VatInvoiceOCR', { ImageBase64: fixture('invoice-3-pages.pdf'), IsPdf: true, PdfPageNumber: 2 }],
	['a PNG', 'VatInvoiceOCR', { ImageBase64: fixture('invoice.png'), IsPdf: false }],
	['an OFD page', 'VerifyOfdVatInvoiceOCR', { OfdFileBase64: fixture('invoice.ofd'), OfdPageNumber: 1 }],
	['a URL', 'VatInvoiceOCR', { ImageUrl: 'https://invoices.example.com/nowhere.pdf', IsPdf: true }],
	[
		'a verification',
		'VatInvoiceVerifyNew',
		{ InvoiceNo: '04138864', InvoiceCode: '144002288010', InvoiceDate: monthAgo, Amount: '498.90', CheckCode: '311400' },
	],
];

it.each(requests)('sends %s as the bytes the SDK would write itself, and gets the same answer', async (_label, action, request) => {
	const credentials = readTencentCredentials({ ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url });
	const outcome = (call: Promise<unknown>) =>
		call.then(
			(answer) => ({ ...(answer as object), RequestId: 'any' }),
			(error: { code?: string }) => error.code,
		);
	const client = createOcrClient(credentials);
	const written = await outcome(client.send(client.prepare(action, request), new AbortController().signal));
	const bySdk = await outcome(emulatorSdkClient(emulator).request(action, plainRequest(request)));

	const [writtenRequest, sdkRequest] = emulator.stats().requests;
	expect(writtenRequest.bodySha256).toBe(sdkRequest.bodySha256);
	expect(writtenRequest.params).toEqual(sdkRequest.params);
	// Both were signed for these bytes: an answer, not AuthFailure.SignatureFailure.
	expect(written).toEqual(bySdk);
	expect(written).not.toBe('AuthFailure.SignatureFailure');
});
