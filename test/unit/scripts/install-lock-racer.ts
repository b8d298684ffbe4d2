/**
 * One racer of the install-lock race test, run as its own process: for each trial it waits until
 * every racer is ready, then takes the trial's lock (left by a dead owner), and while holding it
 * counts the holders. Prints one JSON line per trial: { trial, holdersSeen }, with `error` when the
 * lock failed, and goes on to the next trial so that the other racers are not left waiting.
 *
 * Usage: tsx install-lock-racer.ts <folder> <racer count> <trial count>
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { withInstallLock } from '../../../scripts/install-lock';

/** Long enough that a second holder, if the lock let one in, would find the first still there. */
const HOLD_MS = 15;

async function allReady(folder: string, trial: number, racerCount: number): Promise<void> {
	const readyFolder = join(folder, `ready-${trial}`);
	await mkdir(readyFolder, { recursive: true });
	await writeFile(join(readyFolder, String(process.pid)), '');
	while ((await readdir(readyFolder)).length < racerCount) await sleep(1);
}

async function main(): Promise<void> {
	const [folder, racerCountText, trialCountText] = process.argv.slice(2);
	const racerCount = Number(racerCountText);
	for (let trial = 0; trial < Number(trialCountText); trial++) {
		await allReady(folder, trial, racerCount);
		const holders = join(folder, `holders-${trial}`);
		let holdersSeen = 0;
		let error: string | undefined;
		try {
			await withInstallLock(
				join(folder, `lock-${trial}`),
				async () => {
					await writeFile(join(holders, String(process.pid)), '');
					holdersSeen = (await readdir(holders)).length;
					await sleep(HOLD_MS);
					holdersSeen = Math.max(holdersSeen, (await readdir(holders)).length);
					await rm(join(holders, String(process.pid)));
				},
				{ pollMs: 2 },
			);
		} catch (lockError) {
			error = lockError instanceof Error ? lockError.message : String(lockError);
		}
		process.stdout.write(`${JSON.stringify({ trial, holdersSeen, error })}\n`);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
