import { SettingsError } from '../../../nodes/TencentInvoiceOcr/errors';
import { DEFAULT_CALL_POLICY, readCallPolicy } from '../../../nodes/TencentInvoiceOcr/tencent/callPolicy';
import { TencentInvoiceOcr } from '../../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';

describe('readCallPolicy', () => {
	it('uses the defaults for options left out', () => {
		expect(readCallPolicy({})).toEqual({ maxConcurrency: 5, requestsPerSecond: 10, maxRetries: 3, timeoutSeconds: 30 });
	});

	it('takes the options given, from numbers or numeric text', () => {
		expect(readCallPolicy({ maxConcurrency: 8, requestsPerSecond: '20', maxRetries: 0, timeout: 5 })).toEqual({
			maxConcurrency: 8,
			requestsPerSecond: 20,
			maxRetries: 0,
			timeoutSeconds: 5,
		});
	});

	it.each([
		[{ maxConcurrency: 0 }, 'Max Concurrency must be a whole number from 1 up, not "0"'],
		[{ requestsPerSecond: 2.5 }, 'Requests Per Second must be a whole number from 1 up, not "2.5"'],
		[{ maxRetries: -1 }, 'Max Retries must be a whole number from 0 up, not "-1"'],
		[{ timeout: 'soon' }, 'Timeout must be a whole number from 1 up, not "soon"'],
	])('refuses %j', (options, message) => {
		expect(() => readCallPolicy(options)).toThrow(SettingsError);
		expect(() => readCallPolicy(options)).toThrow(message);
	});

	it('agrees with the defaults shown in the node', () => {
		const options = new TencentInvoiceOcr().description.properties.find((property) => property.name === 'options')!;
		const shownDefaults = Object.fromEntries(
			(options.options as Array<{ name: string; default: unknown }>).map((option) => [option.name, option.default]),
		);
		expect(readCallPolicy(shownDefaults)).toEqual(DEFAULT_CALL_POLICY);
	});
});
