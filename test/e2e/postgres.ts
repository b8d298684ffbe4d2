/**
 * A throw-away PostgreSQL server on loopback for end-to-end tests: Debian's PostgreSQL binaries, a data
 * folder under the OS temp dir, a free port, password (scram) auth over TCP, fsync off. Queried with psql,
 * so the tests need no database driver of their own.
 *
 * As root (CI, containers) the server runs as the `postgres` user, or a dedicated system user created once:
 * initdb and postgres refuse to run as root.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { freePort, runCommand, type CommandResult } from '../../scripts/n8n-env';
import type { N8nCredential } from './n8n-sandbox';

export interface RunningPostgres {
	host: '127.0.0.1';
	port: number;
	user: string;
	/** The test user's password: hand it to n8n's credential, never print it. */
	password: string;
	database: string;
	/**
	 * The rows of one SELECT, as objects (numeric columns come back as numbers, dates as `YYYY-MM-DD`).
	 * `params` become psql variables: refer to them as `:'p1'`, `:'p2'`… in the SQL.
	 */
	query<Row = Record<string, unknown>>(sql: string, params?: Array<string | number>): Promise<Row[]>;
	/** Runs a script of statements (DDL, a setup file's content). */
	execute(sql: string): Promise<void>;
	/** Stops the server (pg_ctl stop -m fast) and deletes its folder; safe to call twice. */
	stop(): Promise<void>;
}

interface PostgresBinaries {
	initdb: string;
	pgCtl: string;
	psql: string;
}

/** Who runs the server: undefined when this process is not root and can run it itself. */
interface ServerAccount {
	name: string;
	uid: number;
	gid: number;
}

const HOST = '127.0.0.1';
const TEST_USER = 'n8n_e2e';
const TEST_DATABASE = 'erp_e2e';
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';
/** Created only when running as root on a machine without a `postgres` user. */
const FALLBACK_SERVER_USER = 'n8n-e2e-postgres';
const START_TIMEOUT_SECONDS = 60;

function describeFailure(label: string, result: CommandResult): Error {
	const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n');
	return new Error(`${label} failed (exit ${result.exitCode}):\n${tail}`);
}

async function mustRun(label: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<CommandResult> {
	const result = await runCommand(command, args, { env: env ?? process.env, timeoutMs: 5 * 60_000 });
	if (result.exitCode !== 0) throw describeFailure(label, result);
	return result;
}

function hasServerBinaries(folder: string): boolean {
	return existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl'));
}

/** Debian keeps each major version in /usr/lib/postgresql/<ver>/bin; the newest wins. */
async function debianBinFolders(): Promise<string[]> {
	if (!existsSync(DEBIAN_POSTGRES_ROOT)) return [];
	const versions = (await readdir(DEBIAN_POSTGRES_ROOT)).filter((name) => /^\d+$/.test(name));
	return versions.sort((a, b) => Number(b) - Number(a)).map((version) => join(DEBIAN_POSTGRES_ROOT, version, 'bin'));
}

async function findServerBinFolder(): Promise<string | undefined> {
	const pathFolders = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
	return [...pathFolders, ...(await debianBinFolders())].find(hasServerBinaries);
}

/** On a fresh Debian machine: the distribution's package, which brings initdb, pg_ctl and psql. */
async function installDebianPostgres(): Promise<void> {
	if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
		throw new Error('PostgreSQL (initdb, pg_ctl) is not installed: install Debian\'s `postgresql` package.');
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await mustRun('apt-get update', 'apt-get', ['update'], env);
	await mustRun('apt-get install postgresql', 'apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], env);
}

async function postgresBinaries(): Promise<PostgresBinaries> {
	let binFolder = await findServerBinFolder();
	if (!binFolder) {
		await installDebianPostgres();
		binFolder = await findServerBinFolder();
	}
	if (!binFolder) throw new Error('PostgreSQL was installed but initdb and pg_ctl were not found.');
	// Debian's /usr/bin/psql is a wrapper; the versioned folder has the real client next to the server.
	const psql = existsSync(join(binFolder, 'psql')) ? join(binFolder, 'psql') : 'psql';
	return { initdb: join(binFolder, 'initdb'), pgCtl: join(binFolder, 'pg_ctl'), psql };
}

async function numericId(flag: '-u' | '-g', name: string): Promise<number | undefined> {
	const result = await runCommand('id', [flag, name]);
	return result.exitCode === 0 ? Number(result.stdout.trim()) : undefined;
}

async function accountNamed(name: string): Promise<ServerAccount | undefined> {
	const uid = await numericId('-u', name);
	const gid = await numericId('-g', name);
	return uid === undefined || gid === undefined ? undefined : { name, uid, gid };
}

async function serverAccount(): Promise<ServerAccount | undefined> {
	if (process.getuid?.() !== 0) return undefined;
	const existing = (await accountNamed('postgres')) ?? (await accountNamed(FALLBACK_SERVER_USER));
	if (existing) return existing;
	await mustRun('useradd', 'useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', FALLBACK_SERVER_USER]);
	const created = await accountNamed(FALLBACK_SERVER_USER);
	if (!created) throw new Error(`useradd ${FALLBACK_SERVER_USER} succeeded but the user is not there`);
	return created;
}

/** Runs a server-side command as the server account (runuser execs it directly: no login shell needed). */
function runAsServer(account: ServerAccount | undefined, command: string, args: string[]): Promise<CommandResult> {
	const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
	if (!account) return runCommand(command, args, { env, timeoutMs: 2 * 60_000 });
	return runCommand('runuser', ['-u', account.name, '--', command, ...args], { env, timeoutMs: 2 * 60_000 });
}

/** psql reading SQL from stdin, where (unlike -c) psql variables are interpolated. */
function runPsql(psql: string, args: string[], sql: string, password: string): Promise<CommandResult> {
	const startedAt = Date.now();
	const env = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10', PGCLIENTENCODING: 'UTF8' };
	return new Promise((resolvePromise, reject) => {
		const child = spawn(psql, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			resolvePromise({
				exitCode: code ?? 1,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				durationMs: Date.now() - startedAt,
			}),
		);
		child.stdin.end(sql);
	});
}

interface ClusterPaths {
	folder: string;
	dataFolder: string;
	logFile: string;
}

/** The folder is the server account's: initdb writes into it, and the unix socket lives there too. */
async function createClusterFolder(account: ServerAccount | undefined): Promise<ClusterPaths> {
	const folder = await mkdtemp(join(tmpdir(), 'pg-e2e-'));
	if (account) await chown(folder, account.uid, account.gid);
	return { folder, dataFolder: join(folder, 'data'), logFile: join(folder, 'server.log') };
}

async function initCluster(binaries: PostgresBinaries, account: ServerAccount | undefined, paths: ClusterPaths, password: string): Promise<void> {
	// initdb reads the superuser's password from a file; it is deleted right after.
	const passwordFile = join(paths.folder, 'pwfile');
	await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
	if (account) await chown(passwordFile, account.uid, account.gid);
	try {
		const args = [
			'-D', paths.dataFolder, `--username=${TEST_USER}`, `--pwfile=${passwordFile}`,
			// TCP (what n8n uses) needs the password; the socket in the private folder is for nobody else.
			'--auth-host=scram-sha-256', '--auth-local=trust',
			'--no-locale', '--encoding=UTF8', '--no-sync',
		];
		const result = await runAsServer(account, binaries.initdb, args);
		if (result.exitCode !== 0) throw describeFailure('initdb', result);
	} finally {
		await rm(passwordFile, { force: true });
	}
}

function serverOptions(paths: ClusterPaths, port: number): string {
	// Loopback only, its own port and socket folder; durability off: the data is thrown away.
	return [
		`-c listen_addresses=${HOST}`, `-p ${port}`, `-k '${paths.folder}'`,
		'-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
	].join(' ');
}

async function logTail(logFile: string): Promise<string> {
	return existsSync(logFile) ? (await readFile(logFile, 'utf8')).split('\n').slice(-20).join('\n') : '(no server log)';
}

async function startServer(binaries: PostgresBinaries, account: ServerAccount | undefined, paths: ClusterPaths, port: number): Promise<void> {
	const args = ['-D', paths.dataFolder, '-l', paths.logFile, '-w', '-t', String(START_TIMEOUT_SECONDS), '-o', serverOptions(paths, port), 'start'];
	const result = await runAsServer(account, binaries.pgCtl, args);
	if (result.exitCode !== 0) throw new Error(`${describeFailure('pg_ctl start', result).message}\n${await logTail(paths.logFile)}`);
}

/** The postmaster's pid, from the first line of postmaster.pid; undefined once it is gone. */
function postmasterPid(dataFolder: string): number | undefined {
	try {
		const pid = Number(readFileSync(join(dataFolder, 'postmaster.pid'), 'utf8').split('\n')[0]);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** If jest exits without afterAll (a crash, Ctrl-C), do not leave a server behind: SIGQUIT is immediate shutdown. */
function stopOnExit(paths: ClusterPaths): () => void {
	const onExit = () => {
		const pid = postmasterPid(paths.dataFolder);
		if (pid) {
			try {
				process.kill(pid, 'SIGQUIT');
			} catch {
				// Already gone.
			}
		}
		rmSync(paths.folder, { recursive: true, force: true });
	};
	process.once('exit', onExit);
	return () => process.removeListener('exit', onExit);
}

async function stopServer(binaries: PostgresBinaries, account: ServerAccount | undefined, paths: ClusterPaths): Promise<void> {
	const result = await runAsServer(account, binaries.pgCtl, ['-D', paths.dataFolder, '-m', 'fast', '-w', '-t', '30', 'stop']);
	const pid = postmasterPid(paths.dataFolder);
	if (result.exitCode !== 0 && pid) process.kill(pid, 'SIGKILL');
	await rm(paths.folder, { recursive: true, force: true });
}

function psqlArguments(port: number, database: string, params: Array<string | number>): string[] {
	const variables = params.flatMap((value, index) => ['-v', `p${index + 1}=${value}`]);
	return ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', HOST, '-p', String(port), '-U', TEST_USER, '-d', database, ...variables];
}

function connection(binaries: PostgresBinaries, port: number, password: string, database: string) {
	const run = async (sql: string, params: Array<string | number>): Promise<string> => {
		const result = await runPsql(binaries.psql, psqlArguments(port, database, params), sql, password);
		if (result.exitCode !== 0) throw describeFailure(`psql (${sql.trim().split('\n')[0]})`, result);
		return result.stdout;
	};
	return {
		execute: async (sql: string) => void (await run(sql, [])),
		query: async <Row>(sql: string, params: Array<string | number> = []): Promise<Row[]> => {
			// json_agg turns any SELECT into one JSON value: no parsing of psql's table output.
			const select = sql.trim().replace(/;$/, '');
			const output = await run(`select coalesce(json_agg(q), '[]'::json) from (\n${select}\n) q;\n`, params);
			return JSON.parse(output) as Row[];
		},
	};
}

/** Starts a fresh server with an empty database `erp_e2e` owned by the password-authenticated test user. */
export async function startPostgres(): Promise<RunningPostgres> {
	const binaries = await postgresBinaries();
	const account = await serverAccount();
	const paths = await createClusterFolder(account);
	const forgetExitHook = stopOnExit(paths);
	const password = randomBytes(18).toString('base64url');
	const port = await freePort();
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		forgetExitHook();
		await stopServer(binaries, account, paths);
	};
	try {
		await initCluster(binaries, account, paths, password);
		await startServer(binaries, account, paths, port);
		await connection(binaries, port, password, 'postgres').execute(`create database ${TEST_DATABASE};`);
	} catch (error) {
		await stop();
		throw error;
	}
	const { query, execute } = connection(binaries, port, password, TEST_DATABASE);
	return { host: HOST, port, user: TEST_USER, password, database: TEST_DATABASE, query, execute, stop };
}

/** n8n's Postgres credential (type `postgres`) for the throw-away server: plain TCP on loopback. */
export function postgresCredential(server: RunningPostgres): N8nCredential {
	return {
		id: 'e2ePostgresCred1',
		name: 'Postgres (e2e)',
		type: 'postgres',
		data: {
			host: server.host,
			port: server.port,
			database: server.database,
			user: server.user,
			password: server.password,
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			maxConnections: 10,
			sshTunnel: false,
		},
	};
}
