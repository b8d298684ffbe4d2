/**
 * n8n's own package scan (`@n8n/scan-community-package`'s analyzePackage), offline: the scanner lints the
 * source (nodes/, credentials/, package.json) and the packed tarball's JavaScript, as it does for a published
 * package, but on this checkout and an `npm pack` of it instead of downloads.
 *
 * CLI (`npm run scan`, after the build): prints every finding; fails when any finding other than the one
 * waiver (the Tencent Cloud SDK as a runtime dependency, and imports of it, see eslint.config.mjs) remains.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..');
const SDK_PACKAGE = 'tencentcloud-sdk-nodejs-ocr';

interface AnalysisResult {
	passed: boolean;
	message?: string;
	details?: string;
}
interface Scanner {
	analyzePackage(packageDir: string, filePatterns?: string[]): Promise<AnalysisResult>;
	SOURCE_FILE_PATTERNS: string[];
}

export interface Finding {
	file: string;
	line: string;
	severity: string;
	message: string;
	rule: string;
}

/** The findings of ESLint's "stylish" report, the form analyzePackage returns them in. */
export function findingsOf(stylishReport: string): Finding[] {
	const findings: Finding[] = [];
	let file = '';
	for (const line of stylishReport.split('\n')) {
		const finding = /^\s+(\d+:\d+)\s+(error|warning)\s+(.*?)\s{2,}(\S+)\s*$/.exec(line);
		if (finding) findings.push({ file, line: finding[1], severity: finding[2], message: finding[3], rule: finding[4] });
		else if (line.startsWith('/')) file = line.trim();
	}
	return findings;
}

/** The one waiver (see eslint.config.mjs): the SDK as a runtime dependency, and imports of it. */
export function isWaived(finding: Finding): boolean {
	if (finding.rule === '@n8n/community-nodes/no-runtime-dependencies') return true;
	if (finding.rule !== '@n8n/community-nodes/no-restricted-imports') return false;
	return new RegExp(`of '${SDK_PACKAGE}(/[^']*)?' is not allowed`).test(finding.message);
}

/** `npm pack` of the built checkout, unpacked as the scanner unpacks a download. */
function packAndUnpack(): { packageDir: string; cleanUp: () => void } {
	const folder = mkdtempSync(join(tmpdir(), 'scan-community-package-'));
	const output = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	const [{ filename }] = JSON.parse(output) as Array<{ filename: string }>;
	const packageDir = join(folder, 'package');
	execFileSync('tar', ['-xzf', join(folder, filename), '-C', folder]);
	return { packageDir, cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

async function main(): Promise<void> {
	// The scanner ships no types: Scanner above names what is used of it.
	const scannerModule = '@n8n/scan-community-package/scanner/scanner.mjs';
	const scanner = (await import(scannerModule)) as Scanner;
	const { packageDir, cleanUp } = packAndUnpack();
	try {
		const legs: Array<[string, AnalysisResult]> = [
			['source', await scanner.analyzePackage(REPO_ROOT, scanner.SOURCE_FILE_PATTERNS)],
			['tarball', await scanner.analyzePackage(packageDir, ['**/*.js', 'package.json'])],
		];
		let remaining = 0;
		for (const [leg, result] of legs) {
			const findings = findingsOf(result.details ?? '');
			const unwaived = findings.filter((finding) => !isWaived(finding));
			remaining += unwaived.length;
			process.stdout.write(
				`scan (${leg}): ${result.passed ? 'passed' : result.message}; ${findings.length} findings, ${findings.length - unwaived.length} waived\n`,
			);
			for (const finding of unwaived) {
				process.stdout.write(`  ${finding.file.replace(`${packageDir}/`, 'tarball:')}:${finding.line} ${finding.severity} ${finding.rule}: ${finding.message}\n`);
			}
			if (!result.passed && !result.details) remaining += 1;
		}
		process.stdout.write(remaining === 0 ? 'scan: nothing but the SDK waiver\n' : `scan: ${remaining} findings to fix\n`);
		process.exitCode = remaining === 0 ? 0 : 1;
	} finally {
		cleanUp();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	});
}
