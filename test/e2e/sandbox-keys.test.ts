/**
 * `npm start`'s n8n, started as `npm start` starts it: its encryption key and owner password are
 * public, so it refuses to store a Tencent key that is not the emulator's (the editor's Save answers
 * HTTP 400 with the reason), while the emulator's key is stored as before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../../scripts/n8n-env';
import { LOCAL_OWNER, startLocalN8n, type LocalN8n } from '../../scripts/start';
import { DEMO_CREDENTIALS } from '../emulator';
import { CREDENTIAL_TYPE } from '../helpers/package-names';
import { signIn, type N8nRestSession } from './n8n-rest';

/** Installing and starting n8n on 2 shared cores can take minutes. */
const SETUP_TIMEOUT_MS = 600_000;

let userFolder: string;
let local: LocalN8n;
let session: N8nRestSession;

beforeAll(async () => {
	userFolder = await mkdtemp(join(tmpdir(), 'n8n-sandbox-keys-'));
	local = await startLocalN8n({ userFolder, n8nPort: await freePort(), emulatorPort: 0 });
	session = await signIn(local.url, LOCAL_OWNER);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await local?.stop();
	if (userFolder) await rm(userFolder, { recursive: true, force: true });
});

const tencentCredential = (secretId: string, secretKey: string) => ({
	name: `Tencent ${secretId.slice(0, 8)}`,
	type: CREDENTIAL_TYPE,
	data: { secretId, secretKey, region: 'ap-guangzhou', endpoint: local.emulator.url },
});

test('says where it starts that its password and key are public', () => {
	expect(local.keys.mode).toBe('guarded');
	expect(local.keys.notice).toMatch(/^SANDBOX: the owner password and the encryption key are public/);
});

test('refuses to store a real Tencent key, never echoing it', async () => {
	const realKey = tencentCredential('AKIDrealSecretIdNotTheEmulators000', 'realSecretKeyNotTheEmulators000000');
	const { status, body } = await session.saveCredential(realKey);

	expect(status).toBe(400);
	expect(JSON.parse(body)).toMatchObject({
		message: expect.stringMatching(/^This sandbox \(npm start\) stores only the emulator's Tencent key/),
	});
	expect(body).not.toContain('realSecretKey');
});

test("stores the emulator's key", async () => {
	const { status, body } = await session.saveCredential(tencentCredential(DEMO_CREDENTIALS.secretId, DEMO_CREDENTIALS.secretKey));

	expect({ status, body: status === 200 ? 'saved' : body }).toEqual({ status: 200, body: 'saved' });
});
