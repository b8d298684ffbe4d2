/** The README documents what the code does: every mapped field, every parameter. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';

import { TencentCloudApi } from '../../credentials/TencentCloudApi.credentials';
import { INVOICE_FIELDS } from '../../nodes/TencentInvoiceOcr/invoice/fields';
import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

const displayNames = (properties: INodeProperties[]): string[] =>
	properties.flatMap((property) => [
		property.displayName,
		...((property.options ?? []) as Array<INodeProperties | { name: string }>).map((option) =>
			'displayName' in option ? option.displayName : option.name,
		),
	]);

describe('README', () => {
	it.each(INVOICE_FIELDS.map((field) => [field.key, field.chineseName]))(
		'has a row for %s (%s) in the invoice field table',
		(key, chineseName) => {
			expect(readme).toContain(`| \`${key}\` | ${chineseName} |`);
		},
	);

	it.each(displayNames(new TencentInvoiceOcr().description.properties))('names the node parameter "%s"', (name) => {
		expect(readme).toContain(name);
	});

	it.each(new TencentCloudApi().properties.map((property) => property.displayName))(
		'names the credential field "%s"',
		(name) => {
			expect(readme).toContain(`| ${name} |`);
		},
	);

	it.each(
		new TencentCloudApi().properties.flatMap((property) =>
			(property.options ?? []).map((option) => String((option as { value: string }).value)),
		),
	)('lists the region %s', (region) => {
		expect(readme).toContain(`\`${region}\``);
	});
});
