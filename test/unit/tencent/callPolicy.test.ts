import { SettingsError } from '../../../nodes/TencentInvoiceOcr/errors';
import { DEFAULT_CALL_POLICY, readCallPolicy } from '../../../nodes/TencentInvoiceOcr/tencent/callPolicy';
import { TencentInvoiceOcr } from '../../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';

describe('readCallPolicy', () => {
	it('uses the defaults for options left out', () => {
		expect(readCallPolicy({})).toEqual({
			maxConcurrency: 5,
			requestsPerSecond: 10,
			maxRetries: 3,
			timeoutSeconds: 30,
			retriesAfterNoAnswer: 1,
			throttledWaitBudgetSeconds: 180,
		});
	});

	it('takes the options given, from numbers or numeric text', () => {
		expect(
			readCallPolicy({
				maxConcurrency: 8,
				requestsPerSecond: '20',
				maxRetries: 0,
				timeout: 300,
				retriesAfterNoAnswer: 0,
				throttledWaitBudget: '60',
			}),
		).toEqual({
			maxConcurrency: 8,
			requestsPerSecond: 20,
			maxRetries: 0,
			timeoutSeconds: 300,
			retriesAfterNoAnswer: 0,
			throttledWaitBudgetSeconds: 60,
		});
	});

	it.each([
		[{ maxConcurrency: 0 }, 'Max Concurrency must be a whole number from 1 to 20, not "0"'],
		[{ maxConcurrency: 21 }, 'Max Concurrency must be a whole number from 1 to 20, not "21"'],
		[{ requestsPerSecond: 2.5 }, 'Requests Per Second must be a whole number from 1 up, not "2.5"'],
		[{ maxRetries: -1 }, 'Max Retries must be a whole number from 0 to 10, not "-1"'],
		[{ maxRetries: 11 }, 'Max Retries must be a whole number from 0 to 10, not "11"'],
		[{ maxRetries: 1e9 }, 'Max Retries must be a whole number from 0 to 10, not "1000000000"'],
		[{ timeout: 'soon' }, 'Timeout must be a whole number from 1 to 300, not "soon"'],
		[{ timeout: 2_147_484 }, 'Timeout must be a whole number from 1 to 300, not "2147484"'],
		[{ timeout: 0 }, 'Timeout must be a whole number from 1 to 300, not "0"'],
		[{ retriesAfterNoAnswer: -1 }, 'Retries After No Answer must be a whole number from 0 to 5, not "-1"'],
		[{ retriesAfterNoAnswer: 6 }, 'Retries After No Answer must be a whole number from 0 to 5, not "6"'],
		[{ throttledWaitBudget: 1.5 }, 'Throttled Wait Budget must be a whole number from 0 to 600, not "1.5"'],
		[{ throttledWaitBudget: 601 }, 'Throttled Wait Budget must be a whole number from 0 to 600, not "601"'],
	])('refuses %j', (options, message) => {
		expect(() => readCallPolicy(options)).toThrow(SettingsError);
		expect(() => readCallPolicy(options)).toThrow(message);
	});

	it('accepts each upper limit itself', () => {
		expect(readCallPolicy({ maxConcurrency: 20, maxRetries: 10, retriesAfterNoAnswer: 5, throttledWaitBudget: 600 })).toMatchObject({
			maxConcurrency: 20,
			maxRetries: 10,
			retriesAfterNoAnswer: 5,
			throttledWaitBudgetSeconds: 600,
		});
	});

	it('offers Retries After No Answer for recognition only: a verification is never resent', () => {
		const optionNames = (operation: string) =>
			(
				new TencentInvoiceOcr().description.properties.find(
					(property) => property.name === 'options' && property.displayOptions?.show?.operation?.[0] === operation,
				)!.options as Array<{ name: string }>
			).map((option) => option.name);
		expect(optionNames('recognizeVatInvoice')).toContain('retriesAfterNoAnswer');
		expect(optionNames('verifyVatInvoice')).not.toContain('retriesAfterNoAnswer');
		expect(optionNames('verifyVatInvoice')).toContain('throttledWaitBudget');
	});

	it('agrees with the defaults shown in the node', () => {
		const options = new TencentInvoiceOcr().description.properties.find((property) => property.name === 'options')!;
		const shownDefaults = Object.fromEntries(
			(options.options as Array<{ name: string; default: unknown }>).map((option) => [option.name, option.default]),
		);
		expect(readCallPolicy(shownDefaults)).toEqual(DEFAULT_CALL_POLICY);
	});
});
