/**
 * A real n8n for end-to-end runs: installs a Node runtime and an n8n pinned by a committed lockfile
 * (test/e2e/n8n for 2.x, test/e2e/n8n-1.x for the last 1.x) into a cache folder outside the clone
 * (about 2.7 GB each, minutes cold), and runs n8n commands hermetically.
 *
 * CLI: `tsx scripts/n8n-env.ts [2.x|1.x|all]` installs (or reuses) and prints where.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { constants as osConstants, homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

import { withInstallLock } from './install-lock';

const PACKAGE_NAME = 'n8n-nodes-tencent-invoice-ocr';
const E2E_DIR = resolve(__dirname, '..', 'test', 'e2e');
const INSTALL_MARKER = '.install-complete.json';
/** Fixed so that credentials imported by one command can be decrypted by the next one. */
const ENCRYPTION_KEY = 'n8n-e2e-fixed-encryption-key-not-a-secret';

/** One n8n line the suite runs: its pinned manifest folder and the Node it runs on. */
export interface N8nRelease {
	/** `2.x` or `1.x`: how tests and logs name it. */
	line: string;
	/** Folder with package.json (the exact n8n version) and the committed package-lock.json. */
	manifestDir: string;
	/** Pinned so that the cache key names exactly what was installed. */
	nodeVersion: string;
}

/** n8n 2.41.1 needs Node >= 24 (2.41.3 does not resolve from the registry here). */
export const N8N_2: N8nRelease = { line: '2.x', manifestDir: join(E2E_DIR, 'n8n'), nodeVersion: '24.21.0' };
/** The last n8n 1.x release; n8n 1.x was built and shipped on Node 22 (its engines allow 20 to 24). */
export const N8N_1: N8nRelease = { line: '1.x', manifestDir: join(E2E_DIR, 'n8n-1.x'), nodeVersion: '22.23.3' };
export const N8N_RELEASES = [N8N_2, N8N_1];

export interface N8nInstall {
	release: N8nRelease;
	/** The n8n version installed, e.g. 2.41.1. */
	n8nVersion: string;
	/** Node binary that runs n8n. */
	nodeBinary: string;
	/** n8n's bin script, run as `nodeBinary n8nEntry <command>`. */
	n8nEntry: string;
	/** Cache folder holding both. */
	home: string;
}

export interface CommandResult {
	exitCode: number;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface N8nRunOptions {
	/** Becomes N8N_USER_FOLDER (n8n keeps `.n8n/` with its database and community nodes there) and HOME. */
	userFolder: string;
	/** Folders the Read/Write Files from Disk node may read (N8N_RESTRICT_FILE_ACCESS_TO). */
	readableFolders?: string[];
	/** Set last, over the defaults: a server's port, PostgreSQL and Redis for queue mode, ... */
	environment?: NodeJS.ProcessEnv;
	timeoutMs?: number;
}

function log(message: string): void {
	process.stdout.write(`[n8n-env] ${message}\n`);
}

function seconds(durationMs: number): string {
	return `${(durationMs / 1000).toFixed(1)} s`;
}

export async function n8nVersionOf(release: N8nRelease): Promise<string> {
	const manifest = JSON.parse(await readFile(join(release.manifestDir, 'package.json'), 'utf8')) as {
		dependencies: Record<string, string>;
	};
	return manifest.dependencies.n8n;
}

async function lockfileHash(release: N8nRelease): Promise<string> {
	const lockfile = await readFile(join(release.manifestDir, 'package-lock.json'));
	return createHash('sha256').update(lockfile).digest('hex').slice(0, 12);
}

/** `N8N_E2E_HOME` or ~/.cache/<package>: holds one keyed folder per install, and their locks. */
export function cacheRoot(): string {
	const override = process.env.N8N_E2E_HOME;
	return override ? resolve(override) : join(homedir(), '.cache', PACKAGE_NAME);
}

/** A folder in the cache keyed by everything that changes the install. */
export async function installHome(release: N8nRelease): Promise<string> {
	const key = `n8n-${await n8nVersionOf(release)}-node-${release.nodeVersion}-${await lockfileHash(release)}`;
	return join(cacheRoot(), key);
}

/** The `node` package keeps the real runtime in a platform package, headers included. */
function nodeRuntimeFolder(home: string): string {
	return join(home, 'node-runtime', 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
}

function installPaths(home: string, release: N8nRelease, n8nVersion: string): N8nInstall {
	return {
		home,
		release,
		n8nVersion,
		nodeBinary: join(nodeRuntimeFolder(home), 'bin', 'node'),
		n8nEntry: join(home, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** Runs a command to completion, collecting its output; rejects only if it cannot start. */
export function runCommand(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
	const startedAt = Date.now();
	return new Promise((resolvePromise, reject) => {
		// Under a time limit, a process group of its own, so the limit also ends what it started (n8n's task runner).
		const detached = options.timeoutMs !== undefined;
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		const killGroup = () => child.pid && process.kill(-child.pid, 'SIGKILL');
		const timer = options.timeoutMs ? setTimeout(killGroup, options.timeoutMs) : undefined;
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolvePromise({
				exitCode: code ?? 128 + (signal ? osConstants.signals[signal] : 0),
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				durationMs: Date.now() - startedAt,
			});
		});
	});
}

async function mustRun(label: string, command: string, args: string[], options: Parameters<typeof runCommand>[2]): Promise<void> {
	log(`${label}...`);
	const result = await runCommand(command, args, options);
	if (result.exitCode !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${label} failed (exit ${result.exitCode}):\n${tail}`);
	}
	log(`${label}: done in ${seconds(result.durationMs)}`);
}

/** npm with n8n's Node first on PATH, so npm, node-gyp and install scripts all build for n8n's runtime. */
function npmEnvironment(install: N8nInstall): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: [dirname(install.nodeBinary), process.env.PATH].join(delimiter),
		npm_config_nodedir: nodeRuntimeFolder(install.home),
		npm_config_update_notifier: 'false',
	};
}

async function installNodeRuntime(install: N8nInstall): Promise<void> {
	const folder = join(install.home, 'node-runtime');
	const { nodeVersion } = install.release;
	await mkdir(folder, { recursive: true });
	await writeFile(join(folder, 'package.json'), JSON.stringify({ private: true }));
	// The `node` package fetches its platform binary in an install script: scripts must run here.
	await mustRun(`Installing Node ${nodeVersion}`, 'npm', ['install', `node@${nodeVersion}`, '--ignore-scripts=false', '--no-audit', '--no-fund'], {
		cwd: folder,
	});
}

async function installN8n(install: N8nInstall): Promise<void> {
	const folder = join(install.home, 'n8n');
	await mkdir(folder, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) {
		await writeFile(join(folder, file), await readFile(join(install.release.manifestDir, file)));
	}
	const env = npmEnvironment(install);
	// n8n's full install scripts fail offline (one downloads sources); only two native addons matter.
	await mustRun('Installing n8n from the committed lockfile', 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: folder, env });
	await mustRun('Building native addons (sqlite3, isolated-vm)', 'npm', ['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false'], {
		cwd: folder,
		env,
	});
}

async function verifyInstall(paths: N8nInstall, expectedVersion: string): Promise<void> {
	const result = await runCommand(paths.nodeBinary, [paths.n8nEntry, '--version'], { timeoutMs: 60_000 });
	if (!result.stdout.includes(expectedVersion)) {
		throw new Error(`n8n --version printed "${result.stdout.trim()}" (exit ${result.exitCode}), expected ${expectedVersion}:\n${result.stderr}`);
	}
}

function isInstalled(home: string): boolean {
	return existsSync(join(home, INSTALL_MARKER));
}

/**
 * Installs the release's Node and n8n into its cache folder unless a complete install is already there.
 * Under a lock: a second first run waits for the first one's install instead of deleting it half-way.
 */
export async function ensureN8n(release: N8nRelease = N8N_2): Promise<N8nInstall> {
	const home = await installHome(release);
	const n8nVersion = await n8nVersionOf(release);
	const paths = installPaths(home, release, n8nVersion);
	const described = `n8n ${n8nVersion} (Node ${release.nodeVersion})`;
	if (isInstalled(home)) {
		log(`Reusing ${described} in ${home}`);
		return paths;
	}
	const onWait = (pid: number) => log(`Another process (pid ${pid}) is installing into ${cacheRoot()}: waiting for it`);
	return await withInstallLock(`${home}.lock`, async () => {
		// The process we waited for may have installed it.
		if (isInstalled(home)) {
			log(`Reusing ${described} in ${home}, installed meanwhile`);
			return paths;
		}
		const startedAt = Date.now();
		log(`Installing ${described} into ${home} (cold: about 3-5 minutes, 2.7 GB)`);
		// Whatever is there lacks the marker: a half install from an interrupted run.
		await rm(home, { recursive: true, force: true });
		await mkdir(home, { recursive: true });
		await installNodeRuntime(paths);
		await installN8n(paths);
		await verifyInstall(paths, n8nVersion);
		const marker = { n8nVersion, nodeVersion: release.nodeVersion, installedAt: new Date().toISOString() };
		await writeFile(join(home, INSTALL_MARKER), JSON.stringify(marker, null, 2));
		log(`n8n ready in ${seconds(Date.now() - startedAt)}`);
		return paths;
	}, { onWait });
}

export function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePromise(port));
		});
	});
}

/**
 * A clean environment: nothing from the caller's (no Tencent secrets, no stray N8N_* settings),
 * no outbound connection but n8n's own task broker, on a port of its own so runs can overlap.
 */
export async function n8nEnvironment(install: N8nInstall, options: N8nRunOptions): Promise<NodeJS.ProcessEnv> {
	const readableFolders = await Promise.all((options.readableFolders ?? []).map((folder) => realpath(folder)));
	// An empty N8N_RESTRICT_FILE_ACCESS_TO would lift the restriction: without folders keep n8n's default.
	const fileAccess = readableFolders.length > 0 ? { N8N_RESTRICT_FILE_ACCESS_TO: readableFolders.join(';') } : {};
	return {
		PATH: [dirname(install.nodeBinary), process.env.PATH].join(delimiter),
		HOME: options.userFolder,
		TZ: 'UTC',
		N8N_USER_FOLDER: options.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		DB_TYPE: 'sqlite',
		// n8n 2.x lets file nodes read only ~/.n8n-files (here inside the user folder) unless told otherwise.
		...fileAccess,
		...options.environment,
	};
}

/**
 * n8n 2.x evaluates expressions in an isolated-vm isolate by default (N8N_EXPRESSION_ENGINE=vm). A one-shot
 * command that starts it (`execute`) ends with process.exit() while the isolate is alive, and Node then
 * often dies with SIGSEGV (exit 139) after the result was printed: 5 runs of 6 here. The legacy engine
 * (n8n 1.x's, the same expression language) has no isolate, so the process exits cleanly (6 of 6).
 * A long-running `n8n start` never exits per execution and keeps n8n's default.
 */
const ONE_SHOT_COMMAND_ENVIRONMENT = { N8N_EXPRESSION_ENGINE: 'legacy' };

/** Runs one n8n CLI command (`import:workflow`, `execute`, ...) against the given user folder. */
export async function runN8n(install: N8nInstall, args: string[], options: N8nRunOptions): Promise<CommandResult> {
	const env = { ...(await n8nEnvironment(install, options)), ...ONE_SHOT_COMMAND_ENVIRONMENT };
	return runCommand(install.nodeBinary, [install.n8nEntry, ...args], {
		cwd: options.userFolder,
		env,
		timeoutMs: options.timeoutMs ?? 180_000,
	});
}

/** `2.x`, `1.x` or `all` (default `2.x`, what `npm start` and the e2e suite need first). */
function releasesNamed(argument: string | undefined): N8nRelease[] {
	if (argument === undefined) return [N8N_2];
	if (argument === 'all') return N8N_RELEASES;
	const release = N8N_RELEASES.find((candidate) => candidate.line === argument);
	if (!release) throw new Error(`Unknown n8n line "${argument}": use ${N8N_RELEASES.map((r) => r.line).join(', ')} or all`);
	return [release];
}

async function installFromCli(argument: string | undefined): Promise<void> {
	for (const release of releasesNamed(argument)) {
		const install = await ensureN8n(release);
		log(`node: ${install.nodeBinary}`);
		log(`n8n:  ${install.n8nEntry}`);
	}
}

if (require.main === module) {
	installFromCli(process.argv[2]).catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
