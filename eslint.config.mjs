import tsParser from '@typescript-eslint/parser';
import * as jsoncParser from 'jsonc-eslint-parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const n8nRules = (configName) => n8nNodesBase.configs[configName].rules;
const plugins = { 'n8n-nodes-base': n8nNodesBase };
const typescript = { parser: tsParser, sourceType: 'module' };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins,
		rules: n8nRules('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: typescript,
		plugins,
		rules: {
			...n8nRules('credentials'),
			// The plugin says so itself: only for n8n's own repository, whose docs use slugs.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: typescript,
		plugins,
		rules: {
			...n8nRules('nodes'),
			// n8n 1.x/2.x declare connections with NodeConnectionTypes; the rule predates it.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
];
