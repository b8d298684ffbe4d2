/**
 * A lock between processes on one machine: two first runs (`npm start` in two terminals, CI jobs on one
 * runner) share the n8n install cache, and the one that installs must not have its folder deleted or
 * half-read by the other.
 *
 * The lock is a folder holding one file named after its owner, `<pid>-<random>.owner`. It appears whole
 * or not at all: the owner's file is written in a folder of the acquirer's own, which is then renamed to
 * the lock's path, and renaming a folder onto one that is not empty fails (POSIX rename), so of several
 * acquirers exactly one wins. A dead owner's lock is taken over by deleting that owner's file by its
 * name, which can never delete a newer owner's, and then acquiring as anyone does. Release deletes the
 * owner's own file, after checking that it is still there.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const OWNER_SUFFIX = '.owner';
/** The owner file of locks written before owner files were named after their owner. */
const LEGACY_OWNER_FILE = 'owner.json';
const NEW_LOCK_SUFFIX = '.new';
const DEFAULT_POLL_MS = 500;
/** A lock folder with no owner file this long was left by a crash between creating it and writing its owner. */
const OWNERLESS_LIMIT_MS = 30_000;

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

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** What the lock folder holds: its owner file and pid, and any other entries. */
interface LockContents {
	owner?: { file: string; pid: number };
	otherEntries: string[];
}

async function pidInLegacyOwnerFile(lockPath: string): Promise<number | undefined> {
	try {
		const { pid } = JSON.parse(await readFile(join(lockPath, LEGACY_OWNER_FILE), 'utf8')) as { pid?: unknown };
		return typeof pid === 'number' ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** The lock folder's contents; undefined when there is no lock folder. */
async function contentsOf(lockPath: string): Promise<LockContents | undefined> {
	let entries: string[];
	try {
		entries = await readdir(lockPath);
	} catch (error) {
		if (errorCode(error) === 'ENOENT') return undefined;
		throw error;
	}
	const contents: LockContents = { otherEntries: [] };
	for (const entry of entries) {
		const pid = entry.endsWith(OWNER_SUFFIX)
			? Number(entry.split('-')[0])
			: entry === LEGACY_OWNER_FILE
				? await pidInLegacyOwnerFile(lockPath)
				: undefined;
		if (pid !== undefined && Number.isSafeInteger(pid) && pid > 0 && !contents.owner) contents.owner = { file: entry, pid };
		else contents.otherEntries.push(entry);
	}
	return contents;
}

/** Writes the owner file in a folder of our own and renames it to the lock's path; false when a lock with an owner is there. */
async function tryAcquire(lockPath: string, ownerFile: string): Promise<boolean> {
	const newLock = `${lockPath}.${ownerFile}${NEW_LOCK_SUFFIX}`;
	await mkdir(newLock);
	try {
		await writeFile(join(newLock, ownerFile), JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
		await rename(newLock, lockPath);
		return true;
	} catch (error) {
		if (['ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes(errorCode(error) ?? '')) return false;
		throw error;
	} finally {
		await rm(newLock, { recursive: true, force: true });
	}
}

/** New-lock folders left next to the lock by processes killed between writing and renaming them. */
async function removeAbandonedNewLocks(lockPath: string): Promise<void> {
	const prefix = `${basename(lockPath)}.`;
	for (const entry of await readdir(dirname(lockPath))) {
		if (!entry.startsWith(prefix) || !entry.endsWith(`${OWNER_SUFFIX}${NEW_LOCK_SUFFIX}`)) continue;
		const pid = Number(entry.slice(prefix.length).split('-')[0]);
		if (Number.isSafeInteger(pid) && pid > 0 && !isAlive(pid)) await rm(join(dirname(lockPath), entry), { recursive: true, force: true });
	}
}

/** Deletes our own owner file, failing if it is gone (someone took the lock over while we held it), then the empty folder. */
async function release(lockPath: string, ownerFile: string): Promise<void> {
	try {
		await rm(join(lockPath, ownerFile));
	} catch (error) {
		if (errorCode(error) === 'ENOENT') throw new Error(`The install lock ${lockPath} was taken over while this process (${process.pid}) held it`);
		throw error;
	}
	try {
		await rmdir(lockPath);
	} catch (error) {
		// The next owner may already have renamed its lock onto the emptied folder, or removed it.
		if (!['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes(errorCode(error) ?? '')) throw error;
	}
}

/** Runs `action` while holding the lock at `lockPath`; waits for a live owner, takes over a dead one's lock. */
export async function withInstallLock<T>(lockPath: string, action: () => Promise<T>, options: InstallLockOptions = {}): Promise<T> {
	await mkdir(dirname(lockPath), { recursive: true });
	await removeAbandonedNewLocks(lockPath);
	const ownerFile = `${process.pid}-${randomBytes(8).toString('hex')}${OWNER_SUFFIX}`;
	let toldWaiting = false;
	let ownerlessSince: number | undefined;
	while (!(await tryAcquire(lockPath, ownerFile))) {
		const contents = await contentsOf(lockPath);
		// Released (or emptied by a takeover) since: try again at once.
		if (!contents || (!contents.owner && contents.otherEntries.length === 0)) continue;
		if (contents.owner && !isAlive(contents.owner.pid)) {
			// By its own name: if another process took the lock over first, its new owner file stays.
			await rm(join(lockPath, contents.owner.file), { force: true });
			continue;
		}
		if (contents.owner) {
			ownerlessSince = undefined;
			if (!toldWaiting) options.onWait?.(contents.owner.pid);
			toldWaiting = true;
		} else {
			ownerlessSince ??= Date.now();
			if (Date.now() - ownerlessSince > OWNERLESS_LIMIT_MS) {
				for (const entry of contents.otherEntries) await rm(join(lockPath, entry), { recursive: true, force: true });
			}
		}
		await sleep(options.pollMs ?? DEFAULT_POLL_MS);
	}
	try {
		return await action();
	} finally {
		await release(lockPath, ownerFile);
	}
}
