/**
 * Long-running n8n processes (`n8n start`, `n8n worker`): their environment (editor and API on loopback, an
 * owner set up from the environment), start-up until n8n says it is ready, and stop by process group.
 * `npm start` (scripts/start.ts) and the e2e suites that need a server or workers use these.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8N_1, N8N_2, freePort, n8nEnvironment, type N8nInstall, type N8nRelease, type N8nRunOptions } from '../../scripts/n8n-env';

const READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 15_000;

export interface N8nOwner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export interface N8nProcess {
	/** The process's HTTP address: the editor and API (`start`) or the health server (`worker`). */
	url: string;
	/** The last lines n8n printed, for failure messages. */
	outputTail(): string;
	stop(): Promise<void>;
}

/** n8n checks the owner's password against a bcrypt hash; n8n's own bcryptjs makes it. */
function bcryptHash(install: N8nInstall, password: string): string {
	const requireFromN8n = createRequire(join(install.home, 'n8n', 'package.json'));
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(text: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

/**
 * n8n 2.x has no "user management disabled" mode: N8N_INSTANCE_OWNER_MANAGED_BY_ENV sets the owner
 * up (or resets it) at every start, so the editor shows a sign-in page, never the owner sign-up.
 */
export function ownerEnvironment(install: N8nInstall, owner: N8nOwner): NodeJS.ProcessEnv {
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(install, owner.password),
	};
}

/** The editor and API on loopback only, plain http, nothing fetched from n8n's servers (n8n 2.x by default). */
export function serverEnvironment(port: number, release: N8nRelease = N8N_2): NodeJS.ProcessEnv {
	return {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		N8N_SECURE_COOKIE: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// Its only job here would be a refresh from api.n8n.io, which fails offline with a stack trace. n8n 1.x has
		// no such module, and refuses to start when told to disable one it does not know.
		...(release.line === N8N_1.line ? {} : { N8N_DISABLED_MODULES: 'mcp-registry' }),
	};
}

/** A worker's health server on a loopback port of its own, so the suite can wait for its readiness. */
export function workerEnvironment(healthPort: number): NodeJS.ProcessEnv {
	return {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
}

function spawnN8n(install: N8nInstall, args: string[], env: NodeJS.ProcessEnv, cwd: string, onOutput: (chunk: string) => void): ChildProcess {
	// A process group of its own, so stopping it also ends n8n's task runner.
	const child = spawn(install.nodeBinary, [install.n8nEntry, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	child.stdout?.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
	child.stderr?.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
	return child;
}

/** n8n (server or worker) answers /healthz/readiness with 200 once its database (and Redis) are up. */
async function waitUntilReady(url: string, server: ChildProcess, recentOutput: () => string): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`n8n exited (code ${server.exitCode}) while starting:\n${recentOutput()}`);
		const ready = await fetch(`${url}/healthz/readiness`).then(
			(response) => response.ok,
			() => false,
		);
		if (ready) return;
		await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
	}
	throw new Error(`n8n was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${recentOutput()}`);
}

/** SIGTERM to n8n's process group, SIGKILL if it has not ended after a grace period. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
	const pid = child.pid;
	const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-pid, signal);
		} catch {
			// Already gone.
		}
	};
	signalGroup('SIGTERM');
	const timer = setTimeout(() => signalGroup('SIGKILL'), STOP_GRACE_MS);
	await exited;
	clearTimeout(timer);
	signalGroup('SIGKILL');
}

/** The last lines n8n printed, for error messages. */
function outputTail(onOutput: ((chunk: string) => void) | undefined): { record(chunk: string): void; tail(): string } {
	let recent = '';
	return {
		record(chunk) {
			recent = (recent + chunk).slice(-6000);
			onOutput?.(chunk);
		},
		tail: () => recent,
	};
}

export interface N8nProcessOptions extends N8nRunOptions {
	/** `['start']`, `['worker', '--concurrency=10']`, ... */
	args: string[];
	/** Where /healthz/readiness answers: the server's URL, or a worker's health server. */
	url: string;
	/** Where n8n's own output goes; by default it is kept only for failure messages. */
	onOutput?: (chunk: string) => void;
}

/** Starts a long-running n8n command in the hermetic environment and resolves once it is ready. */
export async function startN8nProcess(install: N8nInstall, options: N8nProcessOptions): Promise<N8nProcess> {
	const env = await n8nEnvironment(install, options);
	const output = outputTail(options.onOutput);
	const child = spawnN8n(install, options.args, env, options.userFolder, output.record);
	const stop = () => stopProcessGroup(child);
	await waitUntilReady(options.url, child, output.tail).catch(async (error: unknown) => {
		await stop();
		throw error;
	});
	return { url: options.url, outputTail: output.tail, stop };
}

/** `n8n start` on a free loopback port, with the given environment over the defaults. */
export async function startN8nServer(install: N8nInstall, options: N8nRunOptions): Promise<N8nProcess> {
	const port = await freePort();
	const environment = { ...serverEnvironment(port, install.release), ...options.environment };
	return await startN8nProcess(install, { ...options, environment, args: ['start'], url: `http://localhost:${port}` });
}

/** `n8n worker` (queue mode) with its health server on a free loopback port. */
export async function startN8nWorker(install: N8nInstall, options: N8nRunOptions & { concurrency: number }): Promise<N8nProcess> {
	const healthPort = await freePort();
	const environment = { ...options.environment, ...workerEnvironment(healthPort) };
	const args = ['worker', `--concurrency=${options.concurrency}`];
	return await startN8nProcess(install, { ...options, environment, args, url: `http://127.0.0.1:${healthPort}` });
}

/**
 * A fresh user folder whose community packages are the given folder's (a symlink): several processes of
 * one instance (main and workers) load the same installed package, each with its own folder for the rest.
 */
export async function userFolderSharingPackages(userFolder: string): Promise<{ userFolder: string; dispose(): Promise<void> }> {
	const sibling = await mkdtemp(join(tmpdir(), 'n8n-e2e-'));
	await mkdir(join(sibling, '.n8n'), { recursive: true });
	await symlink(join(userFolder, '.n8n', 'nodes'), join(sibling, '.n8n', 'nodes'), 'dir');
	return { userFolder: sibling, dispose: () => rm(sibling, { recursive: true, force: true }) };
}
