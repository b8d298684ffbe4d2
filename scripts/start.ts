/**
 * `npm start`: the pinned real n8n (editor UI and API) with the built package loaded as a community package,
 * the Tencent emulator answering, a "Tencent Cloud (emulator)" credential and the example workflows imported,
 * an owner account ready to log in with. Ctrl-C stops everything.
 *
 * The browser test starts the same thing through `startLocalN8n`, in a temporary user folder on free ports.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';

import { DEMO_CREDENTIALS, startEmulator, type RunningEmulator } from '../test/emulator';
import { FIXTURES_DIR, REPO_ROOT, assertPackageBuilt } from '../test/e2e/built-package';
import { N8nSandbox, type N8nCredential, type N8nWorkflow } from '../test/e2e/n8n-sandbox';
import { ownerEnvironment, serverEnvironment, startN8nProcess, type N8nOwner } from '../test/e2e/n8n-server';
import { CREDENTIAL_TYPE } from '../test/helpers/package-names';
import { ensureN8n, freePort } from './n8n-env';
import { sandboxKeys, type SandboxKeys } from './sandbox-keys';

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** `npm start`'s n8n user folder: database, credentials, installed package. Git-ignored. */
export const LOCAL_USER_FOLDER = join(REPO_ROOT, '.n8n-local');
/** Replaced in example workflows by the repo's fixtures folder, e.g. in a Read/Write Files from Disk path. */
export const FIXTURES_PLACEHOLDER = '__FIXTURES_DIR__';

/** The login of this local instance only (loopback, demo data): public, written here, so the welcome text says so. */
export const LOCAL_OWNER: Readonly<N8nOwner> = {
	email: 'owner@example.com',
	password: 'LocalDemo1',
	firstName: 'Local',
	lastName: 'Owner',
} as const;

export const EMULATOR_CREDENTIAL = { id: 'tencentEmulator1', name: 'Tencent Cloud (emulator)' } as const;

const DEFAULT_N8N_PORT = 5678;
const DEFAULT_EMULATOR_PORT = 9000;
/** Which example files were imported with which content, so a restart keeps edits made in the editor. */
const IMPORTED_EXAMPLES_FILE = 'imported-examples.json';

export interface LocalN8nOptions {
	userFolder: string;
	/** Default: 5678 when free, else a free port. */
	n8nPort?: number;
	/** Default: 9000 when free, else a free port. */
	emulatorPort?: number;
	/** Where n8n's own output goes; by default it is dropped. */
	onN8nOutput?: (chunk: string) => void;
	/** The encryption key and what is stored under it; default: the public key, the emulator's Tencent key only. */
	keys?: SandboxKeys;
}

export interface LocalN8n {
	/** The editor's address, e.g. http://localhost:5678. */
	url: string;
	emulator: RunningEmulator;
	userFolder: string;
	/** Names of the imported example workflows by file name (without .json): id and name. */
	examples: Map<string, { id: string; name: string }>;
	keys: SandboxKeys;
	stop(): Promise<void>;
}

function log(message: string): void {
	process.stdout.write(`[start] ${message}\n`);
}

async function isPortFree(port: number): Promise<boolean> {
	return await new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolvePromise(true)));
	});
}

async function preferredPort(port: number | undefined, fallback: number): Promise<number> {
	if (port !== undefined) return port;
	return (await isPortFree(fallback)) ? fallback : await freePort();
}

function emulatorCredential(emulator: RunningEmulator): N8nCredential {
	return {
		...EMULATOR_CREDENTIAL,
		type: CREDENTIAL_TYPE,
		data: { ...DEMO_CREDENTIALS, region: 'ap-guangzhou', endpoint: emulator.url },
	};
}

/** A stable 16-character id for an example without one, so re-imports update instead of duplicating. */
function exampleId(fileName: string): string {
	return createHash('sha256').update(fileName).digest('base64url').replace(/[-_]/g, 'x').slice(0, 16);
}

type ExampleWorkflow = Omit<N8nWorkflow, 'id'> & { id?: string };

/** Fills the fixtures placeholder and points every Tencent credential at the emulator credential. */
function prepareExample(fileName: string, text: string): N8nWorkflow {
	const workflow = JSON.parse(text.split(FIXTURES_PLACEHOLDER).join(FIXTURES_DIR)) as ExampleWorkflow;
	for (const node of workflow.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials[CREDENTIAL_TYPE] = { ...EMULATOR_CREDENTIAL };
	}
	return { ...workflow, id: workflow.id ?? exampleId(fileName), active: false };
}

async function exampleFiles(): Promise<string[]> {
	if (!existsSync(EXAMPLES_DIR)) return [];
	return (await readdir(EXAMPLES_DIR)).filter((file) => file.endsWith('.json')).sort();
}

async function readImportedHashes(userFolder: string): Promise<Record<string, string>> {
	const file = join(userFolder, IMPORTED_EXAMPLES_FILE);
	return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Record<string, string>) : {};
}

/** Imports each example that is new or changed since the last start; unchanged ones keep the user's edits. */
async function importExamples(sandbox: N8nSandbox): Promise<LocalN8n['examples']> {
	const importedHashes = await readImportedHashes(sandbox.userFolder);
	const examples: LocalN8n['examples'] = new Map();
	for (const file of await exampleFiles()) {
		const text = await readFile(join(EXAMPLES_DIR, file), 'utf8');
		const workflow = prepareExample(file, text);
		examples.set(basename(file, '.json'), { id: workflow.id, name: workflow.name });
		const contentHash = createHash('sha256').update(text).digest('hex');
		if (importedHashes[file] === contentHash) continue;
		await sandbox.importWorkflow(workflow);
		importedHashes[file] = contentHash;
		log(`Imported example ${file}: "${workflow.name}"`);
	}
	await writeFile(join(sandbox.userFolder, IMPORTED_EXAMPLES_FILE), JSON.stringify(importedHashes, null, 2));
	return examples;
}

async function startEmulatorOn(port: number | undefined): Promise<RunningEmulator> {
	const chosenPort = await preferredPort(port, DEFAULT_EMULATOR_PORT);
	return await startEmulator({ port: chosenPort, credentials: [DEMO_CREDENTIALS] });
}

/** Everything `npm start` runs: package installed, emulator up, credential and examples imported, n8n serving. */
export async function startLocalN8n(options: LocalN8nOptions): Promise<LocalN8n> {
	assertPackageBuilt();
	const keys = options.keys ?? sandboxKeys({}, options.userFolder, DEMO_CREDENTIALS.secretId);
	const install = await ensureN8n();
	await mkdir(options.userFolder, { recursive: true });
	const readableFolders = [FIXTURES_DIR];
	const sandbox = await N8nSandbox.create({
		install,
		packageDir: REPO_ROOT,
		readableFolders,
		userFolder: options.userFolder,
		environment: keys.environment,
	});
	const emulator = await startEmulatorOn(options.emulatorPort);
	try {
		await sandbox.importCredentials([emulatorCredential(emulator)]);
		const examples = await importExamples(sandbox);
		const port = await preferredPort(options.n8nPort, DEFAULT_N8N_PORT);
		const url = `http://localhost:${port}`;
		const server = await startN8nProcess(install, {
			userFolder: options.userFolder,
			readableFolders,
			environment: { ...serverEnvironment(port), ...ownerEnvironment(install, LOCAL_OWNER), ...keys.environment },
			args: ['start'],
			url,
			onOutput: options.onN8nOutput,
		});
		const stop = async () => {
			await server.stop();
			await emulator.stop();
		};
		return { url, emulator, userFolder: options.userFolder, examples, keys, stop };
	} catch (error) {
		await emulator.stop();
		throw error;
	}
}

function printWelcome(local: LocalN8n): void {
	const exampleLines = [...local.examples.values()].map((example) => `    ${example.name}: ${local.url}/workflow/${example.id}`);
	const lines = [
		'',
		`n8n is running: ${local.url}`,
		`  Log in with  ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}   (public: this local instance only, on loopback)`,
		`  ${local.keys.notice}`,
		`  Emulator     ${local.emulator.url}  (credential "${EMULATOR_CREDENTIAL.name}")`,
		`  User folder  ${local.userFolder}`,
		'  Examples:',
		...(exampleLines.length > 0 ? exampleLines : ['    none']),
		'Ctrl-C stops n8n and the emulator.',
		'',
	];
	process.stdout.write(lines.join('\n'));
}

function portFromEnvironment(name: string): number | undefined {
	const text = process.env[name];
	return text ? Number(text) : undefined;
}

async function main(): Promise<void> {
	const keys = sandboxKeys(process.env, LOCAL_USER_FOLDER, DEMO_CREDENTIALS.secretId);
	const local = await startLocalN8n({
		userFolder: keys.userFolder,
		keys,
		n8nPort: portFromEnvironment('N8N_PORT'),
		emulatorPort: portFromEnvironment('EMULATOR_PORT'),
		onN8nOutput: process.env.N8N_VERBOSE ? (chunk) => process.stdout.write(chunk) : undefined,
	});
	printWelcome(local);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the emulator...');
		local.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
