/**
 * The smoke suite in the last n8n 1.x release (pinned by test/e2e/n8n-1.x, Node 22): the package's
 * compatibility with n8n 1.x is tested, not claimed. The first run on a machine installs that n8n
 * (minutes, 2.7 GB, a cache folder of its own); later runs reuse it.
 */
import { N8N_1 } from '../../scripts/n8n-env';
import { SETUP_TIMEOUT_MS, registerSmokeTests, startSmokeEnvironment, type SmokeEnvironment } from './smoke-suite';

let environment: SmokeEnvironment;

beforeAll(async () => {
	environment = await startSmokeEnvironment(N8N_1);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await environment?.stop();
});

registerSmokeTests(() => environment);
