/**
 * The lint rules that keep the folders' arrows pointing one way and free of cycles (eslint-rules/layers.cjs):
 * they pass on the node's own sources, and fail on a deliberate backward import and on a cycle, linted
 * through ESLint's Node API as `npm run lint` lints.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'layers');

/** An ESLint with only the two layer rules, the node's folder rules, run from `cwd`. */
async function layerLinter(cwd: string): Promise<ESLint> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the plugin is CommonJS, as eslint.config.mjs loads it
	const layers = require(join(REPO_ROOT, 'eslint-rules', 'layers.cjs')) as ESLint.Plugin;
	return new ESLint({
		cwd,
		overrideConfigFile: true,
		overrideConfig: [
			{
				files: ['**/*.ts'],
				languageOptions: { parser: tseslint.parser as never, sourceType: 'module' },
				plugins: { layers },
				rules: { 'layers/import-direction': 'error', 'layers/no-cycle': 'error' },
			},
		],
	});
}

/** Every .ts file under a folder, as paths relative to the repository (ESLint's globbing needs ESM loading jest lacks). */
const sourcesUnder = (folder: string): string[] =>
	readdirSync(join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
		.filter((path) => path.endsWith('.ts'))
		.map((path) => relative(REPO_ROOT, join(REPO_ROOT, folder, path)));

async function problemsOf(cwd: string, files: string[]) {
	const results = await (await layerLinter(cwd)).lintFiles(files);
	return results.flatMap((result) =>
		result.messages.map((message) => ({ file: result.filePath.slice(cwd.length + 1), rule: message.ruleId, message: message.message })),
	);
}

describe('the layer rules', () => {
	it("pass on the node's own sources", async () => {
		const sources = sourcesUnder('nodes');
		expect(sources.length).toBeGreaterThan(30);
		expect(await problemsOf(REPO_ROOT, sources)).toEqual([]);
	}, 60_000);

	it('fail on a backward import: output/ importing input/', async () => {
		expect(await problemsOf(FIXTURES, ['nodes/TencentInvoiceOcr/output/backward.ts'])).toEqual([
			{
				file: 'nodes/TencentInvoiceOcr/output/backward.ts',
				rule: 'layers/import-direction',
				message: expect.stringMatching(/^output\/ may not import input\/ \('\.\.\/input\/file'\): output\/ imports only output, invoice, errors\.ts\./),
			},
		]);
	});

	it('fail on an import cycle, naming its chain', async () => {
		expect(await problemsOf(FIXTURES, ['nodes/TencentInvoiceOcr/invoice/first.ts'])).toEqual([
			{
				file: 'nodes/TencentInvoiceOcr/invoice/first.ts',
				rule: 'layers/no-cycle',
				message: expect.stringContaining(
					'Import cycle: nodes/TencentInvoiceOcr/invoice/first.ts → nodes/TencentInvoiceOcr/invoice/second.ts → nodes/TencentInvoiceOcr/invoice/first.ts.',
				),
			},
		]);
	});

	it('let actions/ import any folder', async () => {
		expect(await problemsOf(FIXTURES, ['nodes/TencentInvoiceOcr/actions/forward.ts', 'nodes/TencentInvoiceOcr/input/file.ts'])).toEqual([]);
	});
});
