/**
 * The credential test as n8n's "Test" button runs it: the real SDK signing a real request to the emulator.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator';
import { testCredential as testCredentialAt } from './test-credential';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimitPerSecond: 1000 });
});

afterAll(async () => await emulator.stop());

beforeEach(() => emulator.resetStats());

const testCredential = async (overrides: ICredentialDataDecryptedObject) => await testCredentialAt(emulator.url, overrides);

describe('credential test', () => {
	it('accepts the right key without recognising (or billing) anything', async () => {
		expect(await testCredential({})).toEqual({
			status: 'OK',
			message: 'Connection successful: Tencent Cloud accepted the Secret ID and Secret Key',
		});
		expect(emulator.stats().succeeded).toBe(0);
		expect(emulator.stats().total).toBe(1);
	});

	it.each([
		['a wrong Secret Key', { secretKey: 'wrong' }, /^The signature does not match: the Secret Key is wrong/],
		['an unknown Secret ID', { secretId: 'AKIDnobody00000000000000000000000000' }, /^Tencent Cloud does not know this Secret ID/],
		['an unsupported region', { region: 'eu-frankfurt' }, /^VatInvoiceOCR is not offered in the region/],
		['a wrong session token', { sessionToken: 'stale-token' }, /^The Session Token is invalid or has expired/],
		['an endpoint with a path', { endpoint: 'https://ocr.tencentcloudapi.com/v3' }, /has a path or query/],
		['no Secret Key', { secretKey: '' }, /has no Secret ID or Secret Key/],
	])('tells %s', async (_label, overrides, message) => {
		const result = await testCredential(overrides);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain(DEMO_CREDENTIALS.secretKey);
	});

	it("tells a clock more than five minutes off Tencent's", async () => {
		const skewedEmulator = await startEmulator({ nowMs: () => Date.now() - 10 * 60 * 1000 });
		try {
			const result = await testCredential({ endpoint: skewedEmulator.url });

			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^The request's timestamp is more than 5 minutes away .*NTP/);
		} finally {
			await skewedEmulator.stop();
		}
	});

	it('tells an unreachable endpoint by the address typed', async () => {
		const result = await testCredential({ endpoint: 'http://127.0.0.1:9' });

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Could not reach Tencent Cloud at http:\/\/127\.0\.0\.1:9\. The connection failed before the request was sent \(request to http:\/\/127\.0\.0\.1:9 failed, reason: connect ECONNREFUSED 127\.0\.0\.1:9\)/,
		);
	});

	it.each([
		['InternalError', /^Could not confirm the credential: Tencent Cloud had an internal error\./],
		['RequestLimitExceeded', /^Could not confirm the credential: Too many requests/],
		['ResourceUnavailable.InArrears', /^Could not confirm the credential: The Tencent Cloud account is in arrears\./],
	])('says it could not confirm the key when Tencent answers %s', async (code, message) => {
		emulator.setFaults({ codeBeforeAction: code });
		const result = await testCredential({ endpoint: emulator.url });
		emulator.setFaults({});

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(emulator.stats().total).toBe(1);
	});

	it('refuses a session token with a line break before any call, without showing it', async () => {
		const result = await testCredential({ sessionToken: 'tokenPartOne\ntokenPartTwo' });

		expect(result).toEqual({
			status: 'Error',
			message:
				"The credential's Session Token contains a character that cannot be sent (U+000A at position 13). Copy the Session Token again from the Tencent Cloud console and paste it alone: line breaks, spaces, zero-width and other non-ASCII characters are not part of it.",
		});
		expect(emulator.stats().total).toBe(0);
	});
});
