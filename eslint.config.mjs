// Lint: n8n's community-node rules on what ships (nodes/, credentials/, package.json), ordinary TypeScript rules on test/ and scripts/.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

import layers from './eslint-rules/layers.cjs';

const community = n8nCommunityNodesPlugin.configs.recommended;
const nodesBaseRules = (configName) => n8nNodesBase.configs[configName].rules;

/**
 * The one deliberate exception to n8n Cloud's rules: the official Tencent Cloud SDK is a runtime dependency
 * (it signs the requests, TC3-HMAC-SHA256), so `no-runtime-dependencies` is off and `no-restricted-imports`
 * lets imports of `tencentcloud-sdk-nodejs-ocr` through while it keeps reporting every other module.
 * This keeps the package from n8n Cloud verification; the README's "Dependencies" says so.
 */
const SDK_PACKAGE = 'tencentcloud-sdk-nodejs-ocr';
const restrictedImports = n8nCommunityNodesPlugin.rules['no-restricted-imports'];
const importsButTheSdk = {
	meta: restrictedImports.meta,
	create(context) {
		const isSdk = (modulePath) => modulePath === SDK_PACKAGE || modulePath?.startsWith(`${SDK_PACKAGE}/`);
		const report = (descriptor) => {
			if (!isSdk(descriptor.data?.modulePath)) context.report(descriptor);
		};
		return restrictedImports.create(Object.create(context, { report: { value: report } }));
	},
};
const sdkWaiver = {
	plugins: { 'tencent-sdk': { rules: { 'no-restricted-imports': importsButTheSdk } } },
	rules: {
		'@n8n/community-nodes/no-runtime-dependencies': 'off',
		'@n8n/community-nodes/no-restricted-imports': 'off',
		'tencent-sdk/no-restricted-imports': 'error',
	},
};

const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'test/e2e/n8n/**', 'test/e2e/artifacts/**', '**/*.js', '**/*.mjs'] },
	{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, sourceType: 'module' } },
	// package.json is a JSON object literal, which the TypeScript parser reads as the community rules expect.
	{ files: ['package.json'], languageOptions: { parser: tseslint.parser } },
	{ ...community, files: shipped },
	{ ...sdkWaiver, files: shipped },
	// eslint-plugin-n8n-nodes-base: the UX and description rules the community plugin does not have, configured
	// as n8n's own scanner (@n8n/scan-community-package) configures them.
	{ files: shipped, plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{ files: ['package.json'], rules: nodesBaseRules('community') },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...nodesBaseRules('credentials'),
			// Only for n8n's own repository, whose docs use slugs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// The community plugin's credential-password-field decides this, knowing that an ID is not a secret.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...nodesBaseRules('nodes'),
			// n8n 1.x/2.x declare connections with NodeConnectionTypes; these rules predate it.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	// The folders' import directions and no cycles (ARCHITECTURE.md); test/unit/lint proves both rules can fail.
	{
		files: ['nodes/**/*.ts'],
		plugins: { layers },
		rules: { 'layers/import-direction': 'error', 'layers/no-cycle': 'error' },
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		extends: [tseslint.configs.recommended],
		rules: {
			// `const { RequestId: _requestId, ...body } = response` is how the tests drop a key.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
		},
	},
);
