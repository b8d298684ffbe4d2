/**
 * n8n 2.41.1 in queue mode, for real: PostgreSQL, Redis, a main process (`n8n start`, EXECUTIONS_MODE=queue)
 * receiving the upload webhook and two `n8n worker` processes running the executions, all with the built
 * package loaded and one encryption key. Binary data in 2.41.1's queue-mode store, the database: the main
 * process stores the uploaded files, the worker that takes the job reads them.
 * 4 webhook executions at once, 25 invoices each, against the emulator at 10/s and 300 ms: every invoice comes
 * back once with no error item; the quota share and throttled answers are printed (issue 11 §3).
 */
import { ensureN8n, type N8nInstall } from '../../scripts/n8n-env';
import type { RunningEmulator } from '../emulator';
import { assertPackageBuilt } from './built-package';
import { invoiceBatch, waitForWebhook } from './invoice-batches';
import type { N8nSandbox } from './n8n-sandbox';
import { startN8nServer, startN8nWorker, userFolderSharingPackages, type N8nProcess } from './n8n-server';
import { startPostgres, type RunningPostgres } from './postgres';
import { startRedis, type RunningRedis } from './redis';
import {
	LOAD_TEST_TIMEOUT_MS,
	STOP_TIMEOUT_MS,
	UPLOAD_WEBHOOK_PATH,
	expectEveryInvoiceOnce,
	fireConcurrentUploads,
	prepareUploadSandbox,
	startLoadEmulator,
	stepTimer,
} from './upload-load';

const WORKERS = 2;
/** Jobs a worker runs at once (n8n's default is 10): enough for every upload to run on either worker. */
const WORKER_CONCURRENCY = 10;

const SETUP_TIMEOUT_MS = 12 * 60_000;

const timed = stepTimer('queue');
let postgres: RunningPostgres;
let redis: RunningRedis;
let emulator: RunningEmulator;
let sandbox: N8nSandbox;
const processes: N8nProcess[] = [];
const workerFolders: Array<{ dispose(): Promise<void> }> = [];
let webhookUrl: string;

/** What every process of the instance shares: queue mode, the database, Redis and the binary data store. */
function queueEnvironment(): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// 2.41.1's default in queue mode, said explicitly: filesystem mode is not shared between processes.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
	};
}

async function startWorker(install: N8nInstall): Promise<N8nProcess> {
	const folder = await userFolderSharingPackages(sandbox.userFolder);
	workerFolders.push(folder);
	return await startN8nWorker(install, { userFolder: folder.userFolder, environment: queueEnvironment(), concurrency: WORKER_CONCURRENCY });
}

beforeAll(async () => {
	assertPackageBuilt();
	[postgres, redis, emulator] = await timed('start PostgreSQL, Redis and the emulator', () =>
		Promise.all([startPostgres(), startRedis(), startLoadEmulator()]),
	);
	const install = await timed('ensure n8n installed', ensureN8n);
	sandbox = await timed('install the package, import credential and workflow (migrations), publish it', () =>
		prepareUploadSandbox(install, emulator.url, queueEnvironment()),
	);
	const started = await timed(`main process and ${WORKERS} workers until ready`, () =>
		Promise.allSettled([
			startN8nServer(install, { userFolder: sandbox.userFolder, environment: queueEnvironment() }),
			...Array.from({ length: WORKERS }, () => startWorker(install)),
		]),
	);
	for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
	const failed = started.find((result) => result.status === 'rejected');
	if (failed) throw failed.reason;
	webhookUrl = `${processes[0].url}/webhook/${UPLOAD_WEBHOOK_PATH}`;
	// One warm-up upload per worker (each starts its Code node task runner), not part of what is measured.
	await timed('webhook answering (warm-up uploads)', () =>
		Promise.all(Array.from({ length: WORKERS }, (_unused, worker) => waitForWebhook(webhookUrl, invoiceBatch(90 + worker, 1)))),
	);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await Promise.all(processes.map((process) => process.stop()));
	await Promise.all(workerFolders.map((folder) => folder.dispose()));
	await sandbox?.dispose();
	await emulator?.stop();
	await redis?.stop();
	await postgres?.stop();
}, STOP_TIMEOUT_MS);

test(
	'queue mode, 2 workers: 4 webhook executions at once, 25 invoices each, every invoice back exactly once, no error item',
	async () => {
		const result = await timed('4 × 25 invoices at once', () => fireConcurrentUploads(webhookUrl, emulator, 'queue, 2 workers, 4 executions'));
		const jobsByWorker = processes.slice(1).map((worker) => (worker.outputTail().match(/started execution/gi) ?? []).length);
		process.stdout.write(`[e2e queue] executions started per worker (from their recent logs): ${jobsByWorker.join(', ')}\n`);
		expectEveryInvoiceOnce(result);
	},
	LOAD_TEST_TIMEOUT_MS,
);
