/** `npm run scan` reads the scanner's report and lets through only the one waiver: the Tencent Cloud SDK as a dependency, and imports of it. */
import { findingsOf, isWaived, type Finding } from '../../../scripts/scan';

const REPORT = [
	'',
	'/tmp/pkg/dist/nodes/X/tencent/client.js',
	"   6:20  error  Require of 'node:dns' is not allowed. n8n Cloud does not allow community nodes with dependencies  @n8n/community-nodes/no-restricted-imports",
	"  12:1   error  Require of 'tencentcloud-sdk-nodejs-ocr' is not allowed. n8n Cloud does not allow community nodes with dependencies  @n8n/community-nodes/no-restricted-imports",
	'',
	'/tmp/pkg/package.json',
	'  30:3  warning  Package has runtime dependencies  @n8n/community-nodes/no-runtime-dependencies',
	'',
	'✖ 3 problems (2 errors, 1 warning)',
].join('\n');

const finding = (rule: string, message: string, file = 'f'): Finding => ({ file, line: '1:1', severity: 'error', rule, message });

describe('findingsOf', () => {
	it('reads file, position, severity, message and rule of each line of a stylish report', () => {
		expect(findingsOf(REPORT).map(({ file, line, severity, rule }) => [file, line, severity, rule])).toEqual([
			['/tmp/pkg/dist/nodes/X/tencent/client.js', '6:20', 'error', '@n8n/community-nodes/no-restricted-imports'],
			['/tmp/pkg/dist/nodes/X/tencent/client.js', '12:1', 'error', '@n8n/community-nodes/no-restricted-imports'],
			['/tmp/pkg/package.json', '30:3', 'warning', '@n8n/community-nodes/no-runtime-dependencies'],
		]);
	});

	it('finds nothing in an empty report', () => {
		expect(findingsOf('')).toEqual([]);
	});
});

describe('isWaived', () => {
	it.each([
		['@n8n/community-nodes/no-runtime-dependencies', 'Package has runtime dependencies', true],
		['@n8n/community-nodes/no-restricted-imports', "Import of 'tencentcloud-sdk-nodejs-ocr' is not allowed.", true],
		['@n8n/community-nodes/no-restricted-imports', "Import of 'tencentcloud-sdk-nodejs-ocr/tencentcloud/services/ocr' is not allowed.", true],
		['@n8n/community-nodes/no-restricted-imports', "Require of 'tencentcloud-sdk-nodejs-ocr' is not allowed.", true],
		['@n8n/community-nodes/no-restricted-imports', "Import of 'node:https' is not allowed.", false],
		['@n8n/community-nodes/no-restricted-imports', "Import of 'tencentcloud-sdk-nodejs-common' is not allowed.", false],
		['@n8n/community-nodes/no-restricted-globals', "Use of restricted global 'setTimeout' is not allowed.", false],
		['@n8n/community-nodes/credential-unnecessary-password', "Field 'proxyUrl' does not appear to be sensitive but uses 'typeOptions: { password: true }'.", false],
		['@n8n/community-nodes/credential-unnecessary-password', "Field 'region' does not appear to be sensitive but uses 'typeOptions: { password: true }'.", false],
	])('%s "%s" → %s', (rule, message, waived) => {
		expect(isWaived(finding(rule, message))).toBe(waived);
	});

	it.each([
		['/repo/nodes/TencentInvoiceOcr/tencent/transport/client.ts', "Import of 'node:https' is not allowed.", false],
		['/tmp/pkg/dist/nodes/TencentInvoiceOcr/tencent/transport/connections.js', "Require of 'node:http' is not allowed.", false],
		['/repo/nodes/TencentInvoiceOcr/tencent/transport/client.ts', "Import of 'tencentcloud-sdk-nodejs-ocr' is not allowed.", true],
	])('in %s: "%s" → %s (no file has a waiver of its own)', (file, message, waived) => {
		expect(isWaived(finding('@n8n/community-nodes/no-restricted-imports', message, file))).toBe(waived);
	});
});
