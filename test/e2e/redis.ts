/**
 * A throw-away Redis server on loopback for queue-mode tests: Debian's `redis-server` (installed with apt-get
 * when missing, as root), a free port, no persistence, a temporary working folder; stopped and deleted afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { freePort, runCommand } from '../../scripts/n8n-env';

export interface RunningRedis {
	host: '127.0.0.1';
	port: number;
	/** Stops the server and deletes its folder; safe to call twice. */
	stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

function findRedisServer(): string | undefined {
	const folders = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/usr/sbin'];
	return folders.map((folder) => join(folder, 'redis-server')).find((path) => existsSync(path));
}

/** On a fresh Debian machine: the distribution's package (Debian 12: Redis 7.0). */
async function installDebianRedis(): Promise<void> {
	if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
		throw new Error('redis-server is not installed: install Debian\'s `redis-server` package.');
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'redis-server']]) {
		const result = await runCommand('apt-get', args, { env, timeoutMs: 5 * 60_000 });
		if (result.exitCode !== 0) {
			const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n');
			throw new Error(`apt-get ${args[0]} failed (exit ${result.exitCode}):\n${tail}`);
		}
	}
}

async function redisServerBinary(): Promise<string> {
	const found = findRedisServer();
	if (found) return found;
	await installDebianRedis();
	const installed = findRedisServer();
	if (!installed) throw new Error('redis-server was installed but is not on PATH or in /usr/bin');
	return installed;
}

/** One PING over RESP: true once the server answers +PONG. */
function answersPing(port: number): Promise<boolean> {
	return new Promise((resolvePromise) => {
		const socket = connect({ host: HOST, port });
		let answer = '';
		const finish = (ok: boolean) => {
			socket.destroy();
			resolvePromise(ok);
		};
		socket.setTimeout(1_000, () => finish(false));
		socket.on('error', () => finish(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk: Buffer) => {
			answer += chunk.toString('utf8');
			if (answer.includes('\r\n')) finish(answer.startsWith('+PONG'));
		});
	});
}

async function waitUntilAnswering(port: number, server: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`redis-server exited (code ${server.exitCode}):\n${output()}`);
		if (await answersPing(port)) return;
		await new Promise((resolvePromise) => setTimeout(resolvePromise, 100));
	}
	throw new Error(`redis-server did not answer PING within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function stopServer(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null || server.signalCode !== null) return;
	const exited = new Promise<void>((resolvePromise) => server.once('exit', () => resolvePromise()));
	server.kill('SIGTERM');
	const timer = setTimeout(() => server.kill('SIGKILL'), STOP_GRACE_MS);
	await exited;
	clearTimeout(timer);
}

/** Starts a fresh Redis on a free loopback port: nothing saved, nothing appended, nothing kept. */
export async function startRedis(): Promise<RunningRedis> {
	const binary = await redisServerBinary();
	const folder = await mkdtemp(join(tmpdir(), 'redis-e2e-'));
	const port = await freePort();
	const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', folder, '--daemonize', 'no'];
	const server = spawn(binary, args, { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const record = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
	server.stdout?.on('data', record);
	server.stderr?.on('data', record);
	// If jest exits without afterAll (a crash, Ctrl-C), do not leave a server behind.
	const onExit = () => {
		server.kill('SIGKILL');
		rmSync(folder, { recursive: true, force: true });
	};
	process.once('exit', onExit);
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		process.removeListener('exit', onExit);
		await stopServer(server);
		await rm(folder, { recursive: true, force: true });
	};
	try {
		await waitUntilAnswering(port, server, () => output);
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: HOST, port, stop };
}
