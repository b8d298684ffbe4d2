// The node's folders and the way their imports may point (ARCHITECTURE.md), as two ESLint rules:
// `layers/import-direction` reports an import that runs against the data's journey, `layers/no-cycle`
// an import through which a chain of imports comes back to the file. A local plugin: no dependency.
'use strict';
const { existsSync, readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

/**
 * Which folders each folder may import besides itself; `*` is any. The node file and errors.ts sit at
 * the root: errors.ts may be imported from anywhere, the node file imports what it shows and runs.
 */
const NODE_LAYERS = {
	root: 'nodes/TencentInvoiceOcr',
	mayImport: {
		'.': ['*'],
		actions: ['*'],
		output: ['invoice'],
		input: [],
		tencent: [],
		invoice: [],
	},
	importableFromAnywhere: ['errors.ts'],
};

const toPosix = (path) => path.split(sep).join('/');

/** The first folder of a path under the root ('.' for a file at the root), or undefined outside it. */
function layerOf(root, absolutePath) {
	const inRoot = toPosix(relative(root, absolutePath));
	if (inRoot.startsWith('..')) return undefined;
	const slash = inRoot.indexOf('/');
	return slash === -1 ? '.' : inRoot.slice(0, slash);
}

/** A relative import → the .ts file it names, as TypeScript resolves it (file.ts, or folder/index.ts). */
function resolveImport(fromFile, specifier) {
	if (!specifier.startsWith('.')) return undefined;
	const base = resolve(dirname(fromFile), specifier.replace(/\.js$/, ''));
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return undefined;
}

const IMPORT_SPECIFIERS = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The files a source file imports, type-only imports included: a type is a dependency too. */
function importsOf(file, cache) {
	if (cache.has(file)) return cache.get(file);
	const source = readFileSync(file, 'utf8');
	const targets = [...source.matchAll(IMPORT_SPECIFIERS)]
		.map((match) => resolveImport(file, match[1] ?? match[2]))
		.filter((target) => target !== undefined);
	cache.set(file, targets);
	return targets;
}

/** A chain of imports from `start` back to `file`, or undefined. */
function cycleThrough(file, start, cache) {
	const seen = new Set();
	const pathTo = new Map([[start, [start]]]);
	const stack = [start];
	while (stack.length > 0) {
		const current = stack.pop();
		if (seen.has(current)) continue;
		seen.add(current);
		for (const next of importsOf(current, cache)) {
			if (next === file) return [...pathTo.get(current), file];
			if (!seen.has(next)) {
				pathTo.set(next, [...pathTo.get(current), next]);
				stack.push(next);
			}
		}
	}
	return undefined;
}

const optionsSchema = [
	{
		type: 'object',
		properties: {
			root: { type: 'string' },
			mayImport: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
			importableFromAnywhere: { type: 'array', items: { type: 'string' } },
		},
		additionalProperties: false,
	},
];

/** Calls `check` with every relative import of the file being linted, and the file it resolves to. */
function eachImport(context, check) {
	const visit = (node) => {
		const specifier = node.source?.value;
		if (typeof specifier !== 'string') return;
		const target = resolveImport(context.filename, specifier);
		if (target) check(node, specifier, target);
	};
	return { ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit };
}

const importDirection = {
	meta: {
		type: 'problem',
		docs: { description: "Imports point one way along the data's journey: actions → input / tencent / invoice / output; output → invoice" },
		schema: optionsSchema,
		messages: {
			backward:
				"{{from}}/ may not import {{to}}/ ('{{specifier}}'): {{from}}/ imports only {{allowed}}. Move the shared piece to where both may reach it (see ARCHITECTURE.md).",
		},
	},
	create(context) {
		const { root, mayImport, importableFromAnywhere } = { ...NODE_LAYERS, ...context.options[0] };
		const rootPath = resolve(context.cwd, root);
		const from = layerOf(rootPath, context.filename);
		if (from === undefined || !(from in mayImport)) return {};
		return eachImport(context, (node, specifier, target) => {
			const to = layerOf(rootPath, target);
			if (to === undefined || to === from) return;
			if (to === '.' && importableFromAnywhere.includes(toPosix(relative(rootPath, target)))) return;
			const allowed = mayImport[from];
			if (allowed.includes('*') || allowed.includes(to)) return;
			context.report({
				node,
				messageId: 'backward',
				data: { from, to, specifier, allowed: [from, ...allowed, ...importableFromAnywhere].join(', ') },
			});
		});
	},
};

const noCycle = {
	meta: {
		type: 'problem',
		docs: { description: 'No chain of relative imports comes back to the file it starts from' },
		schema: [],
		messages: { cycle: "Import cycle: {{chain}}. Break it by moving what both need into a module they import." },
	},
	create(context) {
		// One lint run reads each file's imports once.
		const cache = new Map();
		const file = context.filename;
		return eachImport(context, (node, _specifier, target) => {
			const chain = cycleThrough(file, target, cache);
			if (!chain) return;
			const shown = [file, ...chain].map((path) => toPosix(relative(context.cwd, path))).join(' → ');
			context.report({ node, messageId: 'cycle', data: { chain: shown } });
		});
	},
};

module.exports = { meta: { name: 'layers' }, rules: { 'import-direction': importDirection, 'no-cycle': noCycle }, NODE_LAYERS };
