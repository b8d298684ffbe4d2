/** Three suites, one runner: pure functions, the node against the local emulator, real n8n. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }];

const project = (displayName, testMatch) => ({
	displayName,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch,
});

module.exports = {
	projects: [
		project('unit', ['<rootDir>/test/unit/**/*.test.ts']),
		project('integration', ['<rootDir>/test/integration/**/*.test.ts']),
		project('e2e', ['<rootDir>/test/e2e/**/*.test.ts']),
	],
};
