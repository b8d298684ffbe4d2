/** The install-cache lock: one holder at a time, a dead holder's lock taken over, always released. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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

/** A lock as withInstallLock leaves it: a folder with its owner's file, named after the owner's pid. */
async function writeLockOwnedBy(pid: number, ownerFile = `${pid}-0123456789abcdef.owner`): Promise<void> {
	await mkdir(lockPath, { recursive: true });
	await writeFile(join(lockPath, ownerFile), JSON.stringify({ pid }));
}

async function deadPid(): Promise<number> {
	const finished = spawn('true');
	await exited(finished);
	return finished.pid!;
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

test.each([
	['as this version writes it', undefined],
	['as earlier versions wrote it (owner.json)', 'owner.json'],
])('a lock left by a process that no longer exists is taken over, %s', async (_label, ownerFile) => {
	await writeLockOwnedBy(await deadPid(), ownerFile);

	await expect(withInstallLock(lockPath, async () => 'installed', { pollMs: POLL_MS })).resolves.toBe('installed');
	expect(existsSync(lockPath)).toBe(false);
}, PROCESS_TEST_TIMEOUT_MS);

test('the owner checks on release that the lock is still its own, and says so when it is not', async () => {
	await expect(
		withInstallLock(lockPath, async () => {
			// What a second holder would do: take the lock from under its owner.
			await rm(lockPath, { recursive: true });
			await writeLockOwnedBy(process.pid, `${process.pid}-fedcba9876543210.owner`);
		}),
	).rejects.toThrow(`The install lock ${lockPath} was taken over while this process (${process.pid}) held it`);
	// The other owner's lock stays.
	expect(readdirSync(lockPath)).toEqual([`${process.pid}-fedcba9876543210.owner`]);
});

test('a new-lock folder left by a process killed before renaming it is cleared', async () => {
	const pid = await deadPid();
	const abandoned = `${lockPath}.${pid}-0123456789abcdef.owner.new`;
	await mkdir(abandoned, { recursive: true });

	await expect(withInstallLock(lockPath, async () => 'installed')).resolves.toBe('installed');
	expect(existsSync(abandoned)).toBe(false);
});

/**
 * Racing takeovers, in processes: each trial leaves a lock owned by a dead process, then several
 * racers, released together, take it over. Every racer gets the lock once, and none ever sees
 * another holder (the earlier lock let two in, 2 times in 30 trials).
 */
test('racing takeovers of a dead owner\'s lock have exactly one holder at a time, in every trial', async () => {
	const racerCount = 4;
	const trialCount = 40;
	const dead = await deadPid();
	for (let trial = 0; trial < trialCount; trial++) {
		lockPath = join(folder, `lock-${trial}`);
		await writeLockOwnedBy(dead);
		await mkdir(join(folder, `holders-${trial}`));
	}
	const racer = join(__dirname, 'install-lock-racer.ts');
	const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
	const racers = Array.from({ length: racerCount }, () => {
		const child = spawn(tsx, [racer, folder, String(racerCount), String(trialCount)], { stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let errors = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		return new Promise<{ code: number | null; lines: Array<{ trial: number; holdersSeen: number; error?: string }>; errors: string }>((resolve) =>
			child.once('close', (code) =>
				resolve({ code, errors, lines: output.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) }),
			),
		);
	});
	const results = await Promise.all(racers);

	expect(results.map(({ code, errors }) => ({ code, errors }))).toEqual(Array(racerCount).fill({ code: 0, errors: '' }));
	const lines = results.flatMap((result) => result.lines);
	expect(lines).toHaveLength(racerCount * trialCount);
	expect(lines.filter((line) => line.holdersSeen !== 1 || line.error !== undefined)).toEqual([]);
	for (let trial = 0; trial < trialCount; trial++) expect(existsSync(join(folder, `lock-${trial}`))).toBe(false);
}, 120_000);

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
