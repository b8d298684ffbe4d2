/**
 * Hostile digital files (XXE, billion laughs, ZIP bombs, 5,000 entries, an encrypted entry, a ZIP nested two
 * levels deep) through the node in n8n's engine, in a process of their own so that its memory is theirs: one
 * error item each, 0 calls, resident memory grows by less than 100 MB, and the node reads a good file afterwards.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, 'children', 'hostile-digital-files.ts');

interface ChildReport {
	rssBeforeMb: number;
	rssPeakMb: number;
	callsDuringHostile: number;
	outcomes: Array<[string, string]>;
	afterwards: string[];
}

let report: ChildReport;

beforeAll(() => {
	const output = execFileSync(process.execPath, ['--expose-gc', join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), CHILD], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		maxBuffer: 16 * 1024 * 1024,
	});
	report = JSON.parse(output.trim().split('\n').at(-1) as string) as ChildReport;
	process.stdout.write(`[hostile digital files] resident memory ${report.rssBeforeMb.toFixed(0)} MB before, ${report.rssPeakMb.toFixed(0)} MB at its peak\n`);
}, 300_000);

test('each hostile file gives one error item naming it and the limit, with 0 calls', () => {
	expect(report.outcomes).toEqual([
		['xxe.xml', expect.stringMatching(/^"xxe\.xml" has a DTD/)],
		['billion-laughs.xml', expect.stringMatching(/^"billion-laughs\.xml" has a DTD/)],
		['bomb-10gb.zip', expect.stringMatching(/^"bomb-10gb\.zip" holds more than 100 MB uncompressed in all \(it declares 10,240 MB\)/)],
		// 1 GB of zeros declared as 5 MB: stopped while it inflates, at the declared size.
		['bomb-lying-size.zip/bomb.xml', expect.stringMatching(/^Entry "bomb\.xml" of "bomb-lying-size\.zip" declares 5,242,880 bytes but inflates to more/)],
		['5000-entries.zip', expect.stringMatching(/^"5000-entries\.zip" has more than 1,000 entries \(5,000\)/)],
		['encrypted.zip/secret.xml', expect.stringMatching(/^Entry "secret\.xml" of "encrypted\.zip" is encrypted/)],
		['nested-two-levels.zip/one.zip/two.zip', expect.stringMatching(/is a ZIP inside a ZIP inside the attached ZIP/)],
	]);
	expect(report.callsDuringHostile).toBe(0);
});

test('resident memory grows by less than 100 MB', () => {
	expect(report.rssPeakMb - report.rssBeforeMb).toBeLessThan(100);
});

test('the node goes on reading afterwards', () => {
	expect(report.afterwards).toEqual(['25322000000055556666']);
});
