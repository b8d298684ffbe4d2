/** `npm run emulator [-- --port 9000 --rate-limit 10 --latency 0 ...]`: the emulator in the foreground. */
import { parseArgs } from 'node:util';

import { DEMO_CREDENTIALS, SERVED_ACTIONS, startEmulator, type EmulatorFaults } from './index';

const USAGE = `Usage: npm run emulator -- [--port N] [--rate-limit N] [--latency MS] [--internal-error-every N]
                          [--drop-connection-every N] [--slow-every N --slow-latency MS]
                          [--truncate-answer-every N] [--secret-id ID] [--secret-key KEY] [--quiet]
The port also comes from EMULATOR_PORT; default 9000. --rate-limit is VatInvoiceOCR's (default 10);
VatInvoiceVerifyNew (20), VerifyOfdVatInvoiceOCR (10) and RecognizeGeneralInvoice (5) keep their pages' limits.
RecognizeGeneralInvoice answers the fixtures of test/fixtures/general-invoice/ that a file names in a marker
"emulator-documents:TrainTicket,TaxiTicket" (one per PDF page, or one for all; "none": no document); without
one, the VatInvoiceOCR sample's invoice. GET /__emulator/stats counts the documents it billed (documentsBilled).`;

function numberFlag(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
	const text = values[name];
	if (typeof text !== 'string') return undefined;
	const value = Number(text);
	if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0, got ${text}`);
	return value;
}

function faultsFrom(values: Record<string, string | boolean | undefined>): EmulatorFaults {
	return {
		latencyMs: numberFlag(values, 'latency'),
		internalErrorEvery: numberFlag(values, 'internal-error-every'),
		dropConnectionEvery: numberFlag(values, 'drop-connection-every'),
		slowEvery: numberFlag(values, 'slow-every'),
		slowLatencyMs: numberFlag(values, 'slow-latency'),
		truncateAnswerEvery: numberFlag(values, 'truncate-answer-every'),
	};
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			'rate-limit': { type: 'string' },
			latency: { type: 'string' },
			'internal-error-every': { type: 'string' },
			'drop-connection-every': { type: 'string' },
			'slow-every': { type: 'string' },
			'slow-latency': { type: 'string' },
			'truncate-answer-every': { type: 'string' },
			'secret-id': { type: 'string' },
			'secret-key': { type: 'string' },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	const credential = {
		secretId: values['secret-id'] ?? DEMO_CREDENTIALS.secretId,
		secretKey: values['secret-key'] ?? DEMO_CREDENTIALS.secretKey,
	};
	const emulator = await startEmulator({
		port: numberFlag({ port: values.port ?? process.env.EMULATOR_PORT ?? '9000' }, 'port'),
		rateLimitPerSecond: numberFlag(values, 'rate-limit'),
		credentials: [credential],
		faults: faultsFrom(values),
		log: !values.quiet,
	});
	console.log(`Tencent Cloud OCR emulator (2018-11-19: ${SERVED_ACTIONS.join(', ')}) listening on ${emulator.url}

Put this in the n8n "Tencent Cloud API" credential:
  Secret ID:  ${credential.secretId}
  Secret Key: ${credential.secretKey}
  Region:     ap-guangzhou
  Endpoint:   ${emulator.url}

Control: GET ${emulator.url}/__emulator/stats, POST ${emulator.url}/__emulator/faults, POST ${emulator.url}/__emulator/reset
Ctrl-C stops it.`);
	const stop = () => {
		emulator.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(`${error.message}\n${USAGE}`);
	process.exit(1);
});
