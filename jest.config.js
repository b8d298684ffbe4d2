/** Three suites, one runner: pure functions, the node against the local emulator, real n8n. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }];

const project = (displayName, testMatch) => ({
	displayName,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	// TypeScript sources may be imported as `.js`, as Node's resolution (and tsx) needs for `X.node.ts`.
	moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
	testMatch,
	// A hang guard, not a speed check: jest's 5 s default failed a 10 MiB upload through the SDK on a busy
	// 2-core machine. Speed is measured by `npm run bench`; suites that need longer set their own.
	testTimeout: 60_000,
});

module.exports = {
	// Also at the top: with several projects selected at once, jest took the global default (5 s) over the projects' own.
	testTimeout: 60_000,
	projects: [
		project('unit', ['<rootDir>/test/unit/**/*.test.ts']),
		project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
		project('e2e', ['<rootDir>/test/e2e/**/*.test.ts']),
	],
};
