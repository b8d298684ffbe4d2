/** The install-cache lock: one holder at a time, a dead holder's lock taken over, always released. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { withInstallLock } from '../../../scripts/install-lock';

const POLL_MS = 10;
/** Spawning processes on 2 cores shared with other test runs can take seconds: more than jest's default 5. */
const PROCESS_TEST_TIMEOUT_MS = 60_000;
let folder: string;
let lockPath: string;

beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'install-lock-'));
	lockPath = join(folder, 'cache', 'n8n-x.lock');
});

afterEach(async () => {
	await rm(folder, { recursive: true, force: true });
});

/** A promise with its resolve function, to hold an action open until the test lets it go. */
function gate(): { opened: Promise<void>; open: () => void } {
	let open = () => {};
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

async function writeLockOwnedBy(pid: number): Promise<void> {
	await mkdir(lockPath, { recursive: true });
	await writeFile(join(lockPath, 'owner.json'), JSON.stringify({ pid }));
}

function exited(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

test('a second holder waits until the first one has finished, and is told who holds the lock', async () => {
	const events: string[] = [];
	const firstMayFinish = gate();
	const secondIsWaiting = gate();
	const waitedFor: number[] = [];

	const first = withInstallLock(lockPath, async () => {
		events.push('first starts');
		await firstMayFinish.opened;
		events.push('first ends');
	}, { pollMs: POLL_MS });
	const second = withInstallLock(lockPath, async () => {
		events.push('second starts');
		events.push('second ends');
	}, {
		pollMs: POLL_MS,
		onWait: (pid) => {
			waitedFor.push(pid);
			secondIsWaiting.open();
		},
	});

	await secondIsWaiting.opened;
	firstMayFinish.open();
	await Promise.all([first, second]);

	expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
	expect(waitedFor).toEqual([process.pid]);
	expect(existsSync(lockPath)).toBe(false);
});

test('a lock left by a process that no longer exists is taken over', async () => {
	const finished = spawn('true');
	await exited(finished);
	await writeLockOwnedBy(finished.pid!);

	await expect(withInstallLock(lockPath, async () => 'installed', { pollMs: POLL_MS })).resolves.toBe('installed');
	expect(existsSync(lockPath)).toBe(false);
}, PROCESS_TEST_TIMEOUT_MS);

test('a lock held by another live process is waited for, and taken when that process dies', async () => {
	const holder = spawn('sleep', ['600']);
	await writeLockOwnedBy(holder.pid!);
	const holderIsWaitedFor = gate();
	const waitedFor: number[] = [];
	let ran = false;

	const waiting = withInstallLock(lockPath, async () => (ran = true), {
		pollMs: POLL_MS,
		onWait: (pid) => {
			waitedFor.push(pid);
			holderIsWaitedFor.open();
		},
	});
	await holderIsWaitedFor.opened;
	expect(ran).toBe(false);
	holder.kill('SIGKILL');
	await exited(holder);
	await waiting;

	expect(ran).toBe(true);
	expect(waitedFor).toEqual([holder.pid]);
}, PROCESS_TEST_TIMEOUT_MS);

test('the lock is released when the action fails, so the next run can install', async () => {
	await expect(
		withInstallLock(lockPath, async () => {
			throw new Error('npm ci failed');
		}),
	).rejects.toThrow('npm ci failed');
	expect(existsSync(lockPath)).toBe(false);
	await expect(withInstallLock(lockPath, async () => 'second try')).resolves.toBe('second try');
});
