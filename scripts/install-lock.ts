/**
 * A lock between processes on one machine: two first runs (`npm start` in two terminals, CI jobs on one
 * runner) share the n8n install cache, and the one that installs must not have its folder deleted or
 * half-read by the other. The lock is a folder (mkdir is atomic) holding the owner's process id; a lock
 * whose owner is gone (a killed install) is taken over.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const OWNER_FILE = 'owner.json';
const DEFAULT_POLL_MS = 500;

export interface InstallLockOptions {
	/** How often a waiting process looks again. */
	pollMs?: number;
	/** Called once when the lock is held by another live process, e.g. to say why nothing happens. */
	onWait?: (ownerPid: number) => void;
}

function isAlive(pid: number): boolean {
	try {
		// Signal 0 checks that the process exists without touching it.
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The owner's pid, or undefined while the owner has created the folder but not yet written its file. */
async function ownerOf(lockPath: string): Promise<number | undefined> {
	try {
		const { pid } = JSON.parse(await readFile(join(lockPath, OWNER_FILE), 'utf8')) as { pid: number };
		return pid;
	} catch {
		return undefined;
	}
}

async function tryAcquire(lockPath: string): Promise<boolean> {
	try {
		await mkdir(lockPath);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
	await writeFile(join(lockPath, OWNER_FILE), JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
	return true;
}

/** Runs `action` while holding the lock at `lockPath`; waits for a live owner, replaces a dead one's lock. */
export async function withInstallLock<T>(lockPath: string, action: () => Promise<T>, options: InstallLockOptions = {}): Promise<T> {
	await mkdir(dirname(lockPath), { recursive: true });
	let toldWaiting = false;
	let ownerMissingSince: number | undefined;
	while (!(await tryAcquire(lockPath))) {
		const owner = await ownerOf(lockPath);
		if (owner !== undefined && !isAlive(owner)) {
			await rm(lockPath, { recursive: true, force: true });
			continue;
		}
		if (owner === undefined) {
			// A folder without an owner file for long: its creator died between mkdir and writeFile.
			ownerMissingSince ??= Date.now();
			if (Date.now() - ownerMissingSince > 30_000) await rm(lockPath, { recursive: true, force: true });
		} else {
			ownerMissingSince = undefined;
			if (!toldWaiting) options.onWait?.(owner);
			toldWaiting = true;
		}
		await sleep(options.pollMs ?? DEFAULT_POLL_MS);
	}
	try {
		return await action();
	} finally {
		await rm(lockPath, { recursive: true, force: true });
	}
}
