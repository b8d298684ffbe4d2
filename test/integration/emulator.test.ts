/** The official SDK, over real HTTP, against the emulator: every check and fault as the node will meet it. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import TencentCloudSDKHttpException from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/exception/tencent_cloud_sdk_exception';
import { ocr } from 'tencentcloud-sdk-nodejs-ocr';

import {
	DEFAULT_MAX_BASE64_LENGTH,
	DEMO_CREDENTIALS,
	loadSampleRecognition,
	signRequest,
	startEmulator,
	type RunningEmulator,
} from '../emulator';
import { emulatorSdkClient, sdkErrorCodeOf, type ClientSettings } from '../helpers/emulator-sdk';
import { serveFolder, type FixtureServer } from '../helpers/fixture-server';

type VatInvoiceRequest = Parameters<InstanceType<typeof ocr.v20181119.Client>['VatInvoiceOCR']>[0];

const FIXTURES_FOLDER = path.join(__dirname, '..', 'fixtures');
const fixtureBase64 = (name: string) => readFileSync(path.join(FIXTURES_FOLDER, name)).toString('base64');
const PNG = fixtureBase64('invoice.png');
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SAMPLE_FIELD_COUNT = (loadSampleRecognition().VatInvoiceInfos as unknown[]).length;

function recognize(emulator: RunningEmulator, request: VatInvoiceRequest, settings?: ClientSettings) {
	return emulatorSdkClient(emulator, settings).VatInvoiceOCR(request);
}

async function postSigned(emulator: RunningEmulator, overrides: { timestamp?: number; version?: string } = {}) {
	const body = JSON.stringify({ ImageBase64: PNG });
	const timestamp = overrides.timestamp ?? Math.floor(Date.now() / 1000);
	const { authorization } = signRequest({
		method: 'POST',
		path: '/',
		query: '',
		headers: { 'content-type': 'application/json', host: '127.0.0.1' },
		signedHeaders: ['content-type', 'host'],
		payload: body,
		service: 'ocr',
		timestamp,
		...DEMO_CREDENTIALS,
	});
	const response = await fetch(emulator.url, {
		method: 'POST',
		body,
		headers: {
			Authorization: authorization,
			'Content-Type': 'application/json',
			'X-TC-Action': 'VatInvoiceOCR',
			'X-TC-Version': overrides.version ?? '2018-11-19',
			'X-TC-Region': 'ap-guangzhou',
			'X-TC-Timestamp': String(timestamp),
		},
	});
	return ((await response.json()) as { Response: { Error?: { Code: string; Message: string } } }).Response;
}

describe('the emulator through the official SDK', () => {
	let emulator: RunningEmulator;
	let fileServer: FixtureServer;
	let fileUrl: string;

	beforeAll(async () => {
		emulator = await startEmulator({
			rateLimitPerSecond: 0,
			credentials: [DEMO_CREDENTIALS, { secretId: 'AKIDtemporary', secretKey: 'temporaryKey', sessionToken: 'session-token' }],
		});
		fileServer = await serveFolder(FIXTURES_FOLDER);
		fileUrl = fileServer.url;
	});

	afterAll(async () => {
		await emulator.stop();
		await fileServer.stop();
	});

	beforeEach(() => {
		emulator.setFaults({});
		emulator.resetStats();
	});

	describe('recognition', () => {
		it('answers the documented sample for a PNG, with PdfPageSize 0 and a fresh RequestId', async () => {
			const first = await recognize(emulator, { ImageBase64: PNG });
			const second = await recognize(emulator, { ImageBase64: PNG });
			expect(first.VatInvoiceInfos).toHaveLength(SAMPLE_FIELD_COUNT);
			expect(first.VatInvoiceInfos?.find((info) => info.Name === '发票号码')?.Value).toBe('No63591128');
			expect(first.PdfPageSize).toBe(0);
			expect(first.RequestId).toMatch(UUID_V4);
			expect(second.RequestId).not.toBe(first.RequestId);
		});

		it('recognises a JPEG', async () => {
			const result = await recognize(emulator, { ImageBase64: fixtureBase64('invoice.jpg') });
			expect(result.Items?.[0].Name).toBe('客运服务费');
		});

		it('reports the page count of a 3-page PDF', async () => {
			const result = await recognize(emulator, {
				ImageBase64: fixtureBase64('invoice-3-pages.pdf'),
				IsPdf: true,
				PdfPageNumber: 2,
			});
			expect(result.PdfPageSize).toBe(3);
		});

		it('downloads ImageUrl from a loopback server, and prefers it over ImageBase64', async () => {
			const result = await recognize(emulator, {
				ImageUrl: `${fileUrl}/invoice-1-page.pdf`,
				ImageBase64: fixtureBase64('animation.gif'),
				IsPdf: true,
			});
			expect(result.PdfPageSize).toBe(1);
		});

		it('accepts a temporary key with its session token', async () => {
			const settings = { secretId: 'AKIDtemporary', secretKey: 'temporaryKey', token: 'session-token' };
			expect((await recognize(emulator, { ImageBase64: PNG }, settings)).PdfPageSize).toBe(0);
		});
	});

	describe('authentication failures', () => {
		it.each<[string, ClientSettings, string]>([
			['a wrong secret key', { secretKey: 'wrong-key' }, 'AuthFailure.SignatureFailure'],
			['an unknown SecretId', { secretId: 'AKIDunknown' }, 'AuthFailure.SecretIdNotFound'],
			['a wrong session token', { secretId: 'AKIDtemporary', secretKey: 'temporaryKey', token: 'other' }, 'AuthFailure.TokenFailure'],
		])('refuses %s', async (_case, settings, code) => {
			expect(await sdkErrorCodeOf(recognize(emulator, { ImageBase64: PNG }, settings))).toBe(code);
		});

		it('refuses a request signed for service 127, naming it', async () => {
			const call = recognize(emulator, { ImageBase64: PNG }, { host: '127.0.0.1' });
			await expect(call).rejects.toMatchObject({
				code: 'AuthFailure.InvalidAuthorization',
				message: expect.stringMatching(/`127`.*must be `ocr`/),
			});
		});

		it('refuses a timestamp more than 300 s old, and accepts the same request signed now', async () => {
			const stale = await postSigned(emulator, { timestamp: Math.floor(Date.now() / 1000) - 301 });
			expect(stale.Error?.Code).toBe('AuthFailure.SignatureExpire');
			expect((await postSigned(emulator)).Error).toBeUndefined();
		});
	});

	describe('operation and region', () => {
		it('refuses another action and another version', async () => {
			expect(await sdkErrorCodeOf(emulatorSdkClient(emulator).request('GeneralBasicOCR', { ImageBase64: PNG }))).toBe('InvalidAction');
			expect((await postSigned(emulator, { version: '2017-03-12' })).Error?.Code).toBe('NoSuchVersion');
		});

		it('refuses an unsupported region and a missing one', async () => {
			expect(await sdkErrorCodeOf(recognize(emulator, { ImageBase64: PNG }, { region: 'ap-singapore' }))).toBe('UnsupportedRegion');
			expect(await sdkErrorCodeOf(recognize(emulator, { ImageBase64: PNG }, { region: '' }))).toBe('MissingParameter');
		});
	});

	describe('parameter and image failures', () => {
		it.each<[string, VatInvoiceRequest, string]>([
			['no image (what the credential test sends)', {}, 'InvalidParameter'],
			['an unknown parameter', { ImageBase64: PNG, Colour: 'red' } as VatInvoiceRequest, 'UnknownParameter'],
			['invalid base64', { ImageBase64: '%%%not-base64%%%' }, 'FailedOperation.ImageDecodeFailed'],
			['an empty image', { ImageBase64: '' }, 'FailedOperation.EmptyImageError'],
			['a GIF', { ImageBase64: fixtureBase64('animation.gif') }, 'FailedOperation.ImageDecodeFailed'],
			['a text file', { ImageBase64: fixtureBase64('not-an-image.txt') }, 'FailedOperation.ImageDecodeFailed'],
			['a PDF without IsPdf', { ImageBase64: fixtureBase64('invoice-1-page.pdf') }, 'FailedOperation.ImageDecodeFailed'],
			['page 4 of 3', { ImageBase64: fixtureBase64('invoice-3-pages.pdf'), IsPdf: true, PdfPageNumber: 4 }, 'InvalidParameterValue'],
			['page 0', { ImageBase64: PNG, PdfPageNumber: 0 }, 'InvalidParameterValue'],
			['a URL off loopback', { ImageUrl: 'http://example.com/invoice.png' }, 'FailedOperation.DownLoadError'],
		])('refuses %s', async (_case, request, code) => {
			expect(await sdkErrorCodeOf(recognize(emulator, request))).toBe(code);
		});

		it('refuses a URL that does not download', async () => {
			expect(await sdkErrorCodeOf(recognize(emulator, { ImageUrl: `${fileUrl}/missing.png` }))).toBe('FailedOperation.DownLoadError');
		});

		it('refuses ImageBase64 longer than 10 MiB', async () => {
			const oversize = 'A'.repeat(DEFAULT_MAX_BASE64_LENGTH + 4);
			expect(await sdkErrorCodeOf(recognize(emulator, { ImageBase64: oversize }))).toBe('FailedOperation.ImageSizeTooLarge');
		});
	});

	describe('faults', () => {
		async function outcomes(count: number): Promise<Array<string | undefined>> {
			const results: Array<string | undefined> = [];
			for (let i = 0; i < count; i += 1) {
				results.push(await recognize(emulator, { ImageBase64: PNG }).then(() => 'OK', (error: { code?: string }) => error.code));
			}
			return results;
		}

		it('adds latency', async () => {
			emulator.setFaults({ latencyMs: 300 });
			const startedAt = Date.now();
			await recognize(emulator, { ImageBase64: PNG });
			expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
		});

		it('answers InternalError on every 2nd recognition', async () => {
			emulator.setFaults({ internalErrorEvery: 2 });
			expect(await outcomes(4)).toEqual(['OK', 'InternalError', 'OK', 'InternalError']);
		});

		it('drops every 2nd connection, which the SDK reports as a network error', async () => {
			emulator.setFaults({ dropConnectionEvery: 2 });
			await recognize(emulator, { ImageBase64: PNG });
			const dropped = recognize(emulator, { ImageBase64: PNG });
			await expect(dropped).rejects.toBeInstanceOf(TencentCloudSDKHttpException);
			await expect(dropped).rejects.toThrow(/socket hang up/);
			expect(await sdkErrorCodeOf(dropped)).toBeUndefined();
			expect(emulator.stats().droppedConnections).toBe(1);
		});

		it('scripts failures over the control endpoint, then recovers', async () => {
			const posted = await fetch(`${emulator.url}/__emulator/faults`, {
				method: 'POST',
				body: JSON.stringify({ failNext: { code: 'FailedOperation.ImageBlur', message: 'Image is blurred.', count: 2 } }),
			});
			expect(posted.status).toBe(200);
			expect(await outcomes(3)).toEqual(['FailedOperation.ImageBlur', 'FailedOperation.ImageBlur', 'OK']);
		});
	});

	describe('stats', () => {
		it('counts by action and error code, and lists requests without the image', async () => {
			await recognize(emulator, { ImageBase64: PNG });
			await sdkErrorCodeOf(recognize(emulator, { ImageBase64: fixtureBase64('animation.gif') }));
			const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as ReturnType<RunningEmulator['stats']>;
			expect(stats).toMatchObject({
				total: 2,
				succeeded: 1,
				byAction: { VatInvoiceOCR: 2 },
				byErrorCode: { 'FailedOperation.ImageDecodeFailed': 1 },
			});
			expect(stats.requests[0]).toMatchObject({
				action: 'VatInvoiceOCR',
				secretId: DEMO_CREDENTIALS.secretId,
				region: 'ap-guangzhou',
				params: { ImageBase64: `<${PNG.length} base64 chars>` },
				errorCode: null,
			});
			await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
			expect(emulator.stats().total).toBe(0);
		});
	});
});

describe('the rate limit', () => {
	it('lets 10 of a burst of 15 through for one SecretId and refuses 5 with RequestLimitExceeded', async () => {
		const emulator = await startEmulator();
		try {
			const results = await Promise.all(
				Array.from({ length: 15 }, () =>
					recognize(emulator, { ImageBase64: PNG }).then(() => 'OK', (error: { code?: string }) => error.code),
				),
			);
			expect(results.filter((result) => result === 'OK')).toHaveLength(10);
			expect(results.filter((result) => result === 'RequestLimitExceeded')).toHaveLength(5);
		} finally {
			await emulator.stop();
		}
	});
});
