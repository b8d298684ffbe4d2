import { SettingsError } from '../../../nodes/TencentInvoiceOcr/errors';
import { readTencentCredentials } from '../../../nodes/TencentInvoiceOcr/tencent/transport/client';
import { credentialTestResult } from '../../../nodes/TencentInvoiceOcr/tencent/transport/credentialTest';

const valid = { secretId: 'AKIDexample', secretKey: 'keyExample', region: 'ap-shanghai' };

describe('readTencentCredentials', () => {
	it('trims the fields and fills in the default region', () => {
		expect(readTencentCredentials({ secretId: ' AKIDexample\n', secretKey: 'keyExample', sessionToken: '' })).toEqual({
			secretId: 'AKIDexample',
			secretKey: 'keyExample',
			region: 'ap-guangzhou',
			sessionToken: undefined,
			endpoint: undefined,
			proxyUrl: undefined,
		});
	});

	it.each([
		['Session Token', { sessionToken: 'tok\u200ben-value' }, 'U+200B at position 4'],
		['Session Token', { sessionToken: 'token\nsecond-line' }, 'U+000A at position 6'],
		['Secret Key', { secretKey: 'key with space' }, 'U+0020 at position 4'],
		['Secret ID', { secretId: 'AKIDé' }, 'U+00E9 at position 5'],
		['Region', { region: 'ap-shang\u200bhai' }, 'U+200B at position 9'],
	])('refuses a %s that cannot go in a header, naming the field, never the value', (field, change, where) => {
		const data = { ...valid, ...change };
		const refuse = () => readTencentCredentials(data);
		expect(refuse).toThrow(SettingsError);
		expect(refuse).toThrow(`The credential's ${field} contains a character that cannot be sent (${where})`);
		let error = new SettingsError('not thrown', '');
		try {
			refuse();
		} catch (thrown) {
			error = thrown as SettingsError;
		}
		const value = Object.values(change)[0];
		expect(`${error.message} ${error.hint}`).not.toContain(value);
		expect(`${error.message} ${error.hint}`).not.toContain(value.slice(0, 3));
	});

	it('refuses a credential without Secret ID or Secret Key', () => {
		expect(() => readTencentCredentials({ secretId: 'AKIDexample', secretKey: '  ' })).toThrow(
			'The Tencent Cloud credential has no Secret ID or Secret Key',
		);
	});
});

describe('credentialTestResult', () => {
	const answer = (code: string) => credentialTestResult({ source: 'tencent', code, message: 'Tencent says' });

	it.each(['InvalidParameter', 'InvalidParameterValue.ImageEmpty', 'MissingParameter', 'FailedOperation.ImageDecodeFailed'])(
		'%s proves the key accepted',
		(code) => {
			expect(answer(code)).toEqual({
				status: 'OK',
				message: 'Connection successful: Tencent Cloud accepted the Secret ID and Secret Key',
			});
		},
	);

	it.each([
		['RequestLimitExceeded', /^Could not confirm the credential: Too many requests/],
		['InternalError', /^Could not confirm the credential: Tencent Cloud had an internal error/],
		['ResourceUnavailable.InArrears', /^Could not confirm the credential: The Tencent Cloud account is in arrears\. Top up/],
		['FailedOperation.UnKnowError', /^Could not confirm the credential: Tencent Cloud failed with an unknown error/],
		['AuthFailure.SignatureFailure', /^The signature does not match/],
		['FailedOperation.UnOpenError', /^The OCR service is not activated/],
	])('%s → %s', (code, message) => {
		const result = answer(code);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});

	it('names the endpoint a network failure could not reach', () => {
		expect(
			credentialTestResult({ source: 'unreached', message: 'connect ECONNREFUSED', endpoint: 'http://127.0.0.1:9999' }).message,
		).toMatch(/^Could not reach Tencent Cloud at http:\/\/127\.0\.0\.1:9999\. /);
	});
});
