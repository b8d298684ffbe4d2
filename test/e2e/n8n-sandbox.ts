/**
 * One throw-away n8n user folder with the BUILT package installed the way n8n's Community Nodes screen
 * installs it, plus the CLI steps a test needs: import credentials and workflows, execute, read results.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IConnections, INode, INodeExecutionData, IRun, IRunData } from 'n8n-workflow';

import { runCommand, runN8n, type CommandResult, type N8nInstall } from '../../scripts/n8n-env';

export interface N8nCredential {
	id: string;
	name: string;
	type: string;
	/** In clear: n8n encrypts it on import with N8N_ENCRYPTION_KEY. Numbers and booleans for fields typed so (a port). */
	data: Record<string, string | number | boolean>;
}

export interface N8nWorkflow {
	id: string;
	name: string;
	active: false;
	nodes: INode[];
	connections: IConnections;
	settings?: Record<string, unknown>;
}

export interface WorkflowRun {
	exitCode: number;
	durationMs: number;
	/** Empty when n8n printed no execution result (it failed before running the workflow). */
	runData: IRunData;
	/** The workflow-level error of a failed execution, if any. */
	errorMessage?: string;
	/** Everything n8n printed, for failure messages. */
	output: string;
	/** Items of the named node's first output in its first run. */
	itemsOf(nodeName: string): INodeExecutionData[];
}

export interface SandboxOptions {
	install: N8nInstall;
	/** Folder with the built package: package.json + dist/. */
	packageDir: string;
	/** Folders the Read/Write Files from Disk node may read. */
	readableFolders?: string[];
	/** A user folder to keep (`npm start`'s); by default a fresh temporary one. */
	userFolder?: string;
	/** For every CLI command, over the defaults: e.g. PostgreSQL instead of SQLite (queue mode). */
	environment?: NodeJS.ProcessEnv;
}

function describeFailure(label: string, result: CommandResult): Error {
	const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
	return new Error(`${label} failed (exit ${result.exitCode}):\n${tail}`);
}

async function mustSucceed(label: string, resultPromise: Promise<CommandResult>): Promise<CommandResult> {
	const result = await resultPromise;
	if (result.exitCode !== 0) throw describeFailure(label, result);
	return result;
}

async function readPackageManifest(packageDir: string): Promise<{ name: string; version: string }> {
	return JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
}

/** `npm pack` of the built package: exactly the files a user downloads from the registry. */
async function packPackage(packageDir: string, destination: string): Promise<string> {
	const result = await mustSucceed(
		'npm pack',
		runCommand('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: packageDir }),
	);
	const [packed] = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as Array<{ filename: string }>;
	return join(destination, packed.filename);
}

/**
 * Installs the tarball as n8n 2.41's Community Nodes screen does: unpack into
 * `.n8n/nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its package.json, then
 * `npm install` the production dependencies inside it. n8n-workflow is thus NOT installed with the package:
 * n8n puts its own node_modules on NODE_PATH, so the package's `require('n8n-workflow')` gets n8n's copy,
 * and error classes (instanceof NodeApiError / NodeOperationError) match n8n's.
 */
async function installCommunityPackage(packageDir: string, userFolder: string): Promise<void> {
	const { name, version } = await readPackageManifest(packageDir);
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesFolder, 'node_modules', name);
	// A kept user folder may hold an older build: no file of it may survive.
	await rm(target, { recursive: true, force: true });
	await mkdir(target, { recursive: true });
	const tarball = await packPackage(packageDir, nodesFolder);
	await mustSucceed('unpacking the package', runCommand('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']));
	await rm(tarball);

	const manifestPath = join(target, 'package.json');
	const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[field];
	await writeFile(manifestPath, JSON.stringify(manifest, null, 2));
	await mustSucceed(
		'npm install of the package dependencies',
		runCommand(
			'npm',
			['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'],
			{ cwd: target },
		),
	);
	await writeFile(
		join(nodesFolder, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [name]: version } }, null, 2),
	);
	if (existsSync(join(target, 'node_modules', 'n8n-workflow'))) {
		throw new Error(`${name} brought its own n8n-workflow: its errors would not be n8n's error classes`);
	}
}

/** The JSON printed by `execute`: from the first line that is exactly `{` to the first that is exactly `}`. */
export function parseExecutionOutput(output: string): IRun | undefined {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start === -1 || end === -1) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as IRun;
}

function toWorkflowRun(result: CommandResult): WorkflowRun {
	const output = `${result.stdout}\n${result.stderr}`;
	const execution = parseExecutionOutput(result.stdout) ?? parseExecutionOutput(result.stderr);
	const runData = execution?.data.resultData.runData ?? {};
	return {
		exitCode: result.exitCode,
		durationMs: result.durationMs,
		runData,
		errorMessage: execution?.data.resultData.error?.message,
		output,
		itemsOf(nodeName) {
			const items = runData[nodeName]?.[0]?.data?.main[0];
			if (!items) throw new Error(`Node "${nodeName}" produced no output. n8n printed:\n${output.slice(-4000)}`);
			return items;
		},
	};
}

/** Points a node's credential placeholders at the imported credentials of the same type. */
export function withImportedCredentials(node: INode, imported: N8nCredential[]): INode {
	if (!node.credentials) return node;
	const replaced = Object.fromEntries(
		Object.keys(node.credentials).map((type) => {
			const credential = imported.find((candidate) => candidate.type === type);
			if (!credential) throw new Error(`No imported credential of type ${type} for node "${node.name}"`);
			return [type, { id: credential.id, name: credential.name }];
		}),
	);
	return { ...node, credentials: replaced };
}

export class N8nSandbox {
	private constructor(
		private readonly install: N8nInstall,
		readonly userFolder: string,
		private readonly readableFolders: string[],
		private readonly environment: NodeJS.ProcessEnv,
	) {}

	static async create(options: SandboxOptions): Promise<N8nSandbox> {
		const userFolder = options.userFolder ?? (await mkdtemp(join(tmpdir(), 'n8n-e2e-')));
		try {
			await installCommunityPackage(options.packageDir, userFolder);
		} catch (error) {
			if (!options.userFolder) await rm(userFolder, { recursive: true, force: true });
			throw error;
		}
		return new N8nSandbox(options.install, userFolder, options.readableFolders ?? [], options.environment ?? {});
	}

	private async cli(label: string, args: string[]): Promise<CommandResult> {
		return await mustSucceed(label, this.n8n(args));
	}

	private n8n(args: string[]): Promise<CommandResult> {
		return runN8n(this.install, args, {
			userFolder: this.userFolder,
			readableFolders: this.readableFolders,
			environment: this.environment,
		});
	}

	/** Imports through a file that is deleted right away: it holds secrets in clear. */
	private async importFile(kind: 'credentials' | 'workflow', content: unknown): Promise<void> {
		const file = join(this.userFolder, `import-${kind}-${Date.now()}.json`);
		await writeFile(file, JSON.stringify(content), { mode: 0o600 });
		try {
			await this.cli(`n8n import:${kind}`, [`import:${kind}`, `--input=${file}`]);
		} finally {
			await rm(file, { force: true });
		}
	}

	async importCredentials(credentials: N8nCredential[]): Promise<void> {
		await this.importFile('credentials', credentials);
	}

	async importWorkflow(workflow: N8nWorkflow): Promise<void> {
		await this.importFile('workflow', [workflow]);
	}

	/**
	 * Activates a (webhook) workflow for the next `n8n start`: import leaves every workflow inactive. n8n 1.x has
	 * no `publish:workflow`; its `update:workflow --active=true` (deprecated in 2.x) does it there.
	 */
	async publishWorkflow(workflowId: string): Promise<void> {
		if (this.install.release.line === '1.x') {
			await this.cli('n8n update:workflow', ['update:workflow', `--id=${workflowId}`, '--active=true']);
			return;
		}
		await this.cli('n8n publish:workflow', ['publish:workflow', `--id=${workflowId}`]);
	}

	/** `n8n execute`: a failing workflow is a result (exit code 1, errorMessage), not a thrown error. */
	async execute(workflowId: string): Promise<WorkflowRun> {
		return toWorkflowRun(await this.n8n(['execute', `--id=${workflowId}`, '--rawOutput']));
	}

	async importAndExecute(workflow: N8nWorkflow): Promise<WorkflowRun> {
		await this.importWorkflow(workflow);
		return await this.execute(workflow.id);
	}

	async dispose(): Promise<void> {
		await rm(this.userFolder, { recursive: true, force: true });
	}
}
