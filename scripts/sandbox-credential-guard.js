/**
 * An n8n external hook file (EXTERNAL_HOOK_FILES) for `npm start`'s n8n, whose encryption key is
 * public: it refuses to store a Tencent Cloud API credential whose Secret ID is not the emulator's,
 * since a real key stored under a public key is as good as stored in clear. Plain CommonJS because
 * n8n loads it with require(); scripts/sandbox-keys.ts decides when it is used.
 */
'use strict';

const CREDENTIAL_TYPE = 'tencentCloudApi';

/** The error n8n's REST layer answers as HTTP 400 with this message (it takes any error carrying these codes). */
function refusal(message, hint) {
	return Object.assign(new Error(message), { httpStatusCode: 400, errorCode: 400, hint });
}

/**
 * The hooks, given how to read a stored credential's data and the one Secret ID allowed.
 * `decrypt(data)` returns the credential's fields as n8n encrypted them.
 */
function createGuard(decrypt, allowedSecretId) {
	async function refuseRealKeys(credential) {
		if (!credential || credential.type !== CREDENTIAL_TYPE || typeof credential.data !== 'string') return;
		const fields = JSON.parse(await decrypt(credential.data));
		const secretId = typeof fields.secretId === 'string' ? fields.secretId.trim() : '';
		if (secretId === '' || secretId === allowedSecretId) return;
		throw refusal(
			"This sandbox (npm start) stores only the emulator's Tencent key: its encryption key is public, so a real key would be readable by anyone with its files",
			`Use Secret ID ${allowedSecretId} here, or restart with your own N8N_ENCRYPTION_KEY (npm start then uses the folder .n8n-local-own-key).`,
		);
	}
	return { credentials: { create: [refuseRealKeys], update: [refuseRealKeys] } };
}

/** Reads a credential's data with the running n8n's own cipher (n8n 2.x decryptV2, 1.x decrypt). */
async function decryptWithN8nCipher(data) {
	const { Container } = require.main.require('@n8n/di');
	const { Cipher } = require.main.require('n8n-core');
	const cipher = Container.get(Cipher);
	return typeof cipher.decryptV2 === 'function' ? await cipher.decryptV2(data) : cipher.decrypt(data);
}

const allowedSecretId = process.env.SANDBOX_EMULATOR_SECRET_ID;
module.exports = allowedSecretId ? createGuard(decryptWithN8nCipher, allowedSecretId) : {};
// For the tests; not enumerable, so n8n does not take it for a hook.
Object.defineProperty(module.exports, 'createGuard', { value: createGuard, enumerable: false });
