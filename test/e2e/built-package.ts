/** Where the built package is, and a clear stop when it is not built. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');

/** The files n8n loads, named by the package.json `n8n` block. */
const BUILT_FILES = ['dist/nodes/TencentInvoiceOcr/TencentInvoiceOcr.node.js', 'dist/credentials/TencentCloudApi.credentials.js'];

export function assertPackageBuilt(packageDir: string = REPO_ROOT): void {
	const missing = BUILT_FILES.filter((file) => !existsSync(join(packageDir, file)));
	if (missing.length > 0) {
		throw new Error(`The package is not built (missing ${missing.join(', ')}): run \`npm run build\` first.`);
	}
}
