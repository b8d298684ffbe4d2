/** The npm tarball holds what n8n loads (compiled node and credential, icons, codex), README, LICENSE, package.json: nothing else. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { assertPackageBuilt, REPO_ROOT } from '../../e2e/built-package';

interface PackageJson {
	main?: string;
	license: string;
	author: { name: string; email: string };
	homepage: string;
	repository: { type: string; url: string };
	bugs: { url: string };
	n8n: { nodes: string[]; credentials: string[] };
}

const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

function sourceFiles(folder: string): string[] {
	return readdirSync(join(REPO_ROOT, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(REPO_ROOT, join(entry.parentPath, entry.name)));
}

/** What the build makes of a source file in the tarball, or null for a file that is not shipped. */
function shippedAs(sourceFile: string): string | null {
	if (sourceFile.endsWith('.d.ts')) return null;
	if (sourceFile.endsWith('.ts')) return join('dist', sourceFile.replace(/\.ts$/, '.js'));
	if (/\.(svg|png)$/.test(sourceFile) || sourceFile.endsWith('.node.json')) return join('dist', sourceFile);
	return null;
}

function packedFiles(): string[] {
	assertPackageBuilt();
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [pack] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
	return pack.files.map((file) => file.path).sort();
}

describe('the npm tarball', () => {
	const packed = packedFiles();

	it('holds exactly the compiled sources, icons, codex, README, LICENSE and package.json', () => {
		const expected = [...sourceFiles('nodes'), ...sourceFiles('credentials')]
			.map(shippedAs)
			.filter((file): file is string => file !== null);
		expect(packed).toEqual([...expected, 'LICENSE', 'README.md', 'package.json'].sort());
	});

	it('ships no source maps, declarations, TypeScript sources or tests', () => {
		expect(packed.filter((file) => /\.(map|ts)$|^test\/|\.test\./.test(file))).toEqual([]);
	});

	it('holds every file the n8n block of package.json names', () => {
		const named = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials];
		expect(named.filter((file) => !packed.includes(file))).toEqual([]);
	});

	it('ships the MIT licence text', () => {
		expect(packageJson.license).toBe('MIT');
		expect(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
	});
});

describe('package.json metadata', () => {
	it('names a GitHub repository, as npm provenance requires, and its homepage and issues', () => {
		const match = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(packageJson.repository.url);
		expect(packageJson.repository.type).toBe('git');
		expect(match).not.toBeNull();
		const repositoryPage = `https://github.com/${match?.[1]}`;
		expect(packageJson.homepage).toBe(`${repositoryPage}#readme`);
		expect(packageJson.bugs.url).toBe(`${repositoryPage}/issues`);
	});

	it('has an author with name and email, and no main entry (n8n loads the files of the n8n block)', () => {
		expect(packageJson.author.name).toMatch(/\S/);
		expect(packageJson.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
		expect(packageJson).not.toHaveProperty('main');
	});
});
