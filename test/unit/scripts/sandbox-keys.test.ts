/**
 * `npm start`'s encryption key: public by default, and then only the emulator's Tencent key is stored
 * (the external hook refuses any other); the user's own N8N_ENCRYPTION_KEY, or a declared sandbox, lift it.
 */
import { CREDENTIAL_GUARD_FILE, sandboxKeys } from '../../../scripts/sandbox-keys';

// The hook file is CommonJS for n8n's require(); its factory is what these tests drive.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const guardFile = require(CREDENTIAL_GUARD_FILE) as {
	createGuard(
		decrypt: (data: string) => Promise<string>,
		allowedSecretId: string,
	): { credentials: Record<'create' | 'update', Array<(credential: unknown) => Promise<void>>> };
};

const EMULATOR_SECRET_ID = 'AKIDemulatorDemoSecretId0000000000';

describe('sandboxKeys', () => {
	it.each<[string, NodeJS.ProcessEnv, string, NodeJS.ProcessEnv, string]>([
		['nothing set', {}, 'guarded', { EXTERNAL_HOOK_FILES: CREDENTIAL_GUARD_FILE, SANDBOX_EMULATOR_SECRET_ID: EMULATOR_SECRET_ID }, '/r/.n8n-local'],
		['an empty N8N_ENCRYPTION_KEY', { N8N_ENCRYPTION_KEY: ' ' }, 'guarded', { EXTERNAL_HOOK_FILES: CREDENTIAL_GUARD_FILE, SANDBOX_EMULATOR_SECRET_ID: EMULATOR_SECRET_ID }, '/r/.n8n-local'],
		['their own N8N_ENCRYPTION_KEY', { N8N_ENCRYPTION_KEY: 'my-own-key' }, 'ownKey', { N8N_ENCRYPTION_KEY: 'my-own-key' }, '/r/.n8n-local-own-key'],
		['SANDBOX_ACCEPTS_REAL_KEYS=yes', { SANDBOX_ACCEPTS_REAL_KEYS: 'yes' }, 'declaredSandbox', {}, '/r/.n8n-local'],
		['SANDBOX_ACCEPTS_REAL_KEYS=1 (not clearly said)', { SANDBOX_ACCEPTS_REAL_KEYS: '1' }, 'guarded', { EXTERNAL_HOOK_FILES: CREDENTIAL_GUARD_FILE, SANDBOX_EMULATOR_SECRET_ID: EMULATOR_SECRET_ID }, '/r/.n8n-local'],
	])('with %s', (_label, callerEnvironment, mode, environment, userFolder) => {
		const keys = sandboxKeys(callerEnvironment, '/r/.n8n-local', EMULATOR_SECRET_ID);
		expect({ mode: keys.mode, environment: keys.environment, userFolder: keys.userFolder }).toEqual({ mode, environment, userFolder });
		expect(keys.notice).toMatch(mode === 'ownKey' ? /owner password above is still public/ : /password and the encryption key are public/);
	});
});

describe('the credential guard hook', () => {
	const stored = (type: string, fields: Record<string, string>) => ({ name: 'x', type, data: JSON.stringify(fields) });
	const hooks = guardFile.createGuard(async (data) => data, EMULATOR_SECRET_ID).credentials;

	it.each<[string, ReturnType<typeof stored>, boolean]>([
		["the emulator's key", stored('tencentCloudApi', { secretId: EMULATOR_SECRET_ID, secretKey: 'emulatorDemoSecretKey0000000000000' }), true],
		["the emulator's Secret ID with a wrong Secret Key", stored('tencentCloudApi', { secretId: ` ${EMULATOR_SECRET_ID} `, secretKey: 'wrong' }), true],
		['no Secret ID yet', stored('tencentCloudApi', { secretKey: '' }), true],
		['another type of credential', stored('httpBasicAuth', { user: 'a', password: 'b' }), true],
		['a real Secret ID', stored('tencentCloudApi', { secretId: 'AKIDrealKey000000000000000000000000', secretKey: 'real' }), false],
	])('%s', async (_label, credential, allowed) => {
		for (const hook of [...hooks.create, ...hooks.update]) {
			const outcome = hook(credential);
			if (allowed) await expect(outcome).resolves.toBeUndefined();
			else {
				await expect(outcome).rejects.toMatchObject({
					message: expect.stringMatching(/^This sandbox \(npm start\) stores only the emulator's Tencent key/),
					httpStatusCode: 400,
					errorCode: 400,
				});
				await expect(outcome).rejects.not.toThrow(/AKIDreal/);
			}
		}
	});

	it('registers no hook without the emulator Secret ID to allow (n8n loads the file as it is)', () => {
		expect(Object.keys(guardFile)).toEqual([]);
	});
});
