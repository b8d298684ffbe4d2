/**
 * Which encryption key `npm start`'s n8n stores credentials under, and what it then accepts. The
 * sandbox's default key (and its owner password) are public, written in this repository: under it,
 * only the emulator's Tencent key is stored (an external hook refuses any other). A user who sets
 * their own N8N_ENCRYPTION_KEY gets a user folder of its own where real keys are stored under it; one
 * who declares the sandbox a sandbox (SANDBOX_ACCEPTS_REAL_KEYS=yes) may store real keys under the public key.
 */
import { join } from 'node:path';

/** The hook file n8n loads (EXTERNAL_HOOK_FILES) while the key is public. */
export const CREDENTIAL_GUARD_FILE = join(__dirname, 'sandbox-credential-guard.js');
/** The value of SANDBOX_ACCEPTS_REAL_KEYS that says: store real keys under the public key, I know. */
export const DECLARED_SANDBOX = 'yes';

export interface SandboxKeys {
	/** `guarded`: public key, emulator key only; `ownKey`: the user's key; `declaredSandbox`: public key, any key. */
	mode: 'guarded' | 'ownKey' | 'declaredSandbox';
	/** Over the sandbox's environment for every n8n command (the CLI import too, so that it encrypts alike). */
	environment: NodeJS.ProcessEnv;
	/** The user folder: a key of one's own gets a folder of its own, since n8n refuses a folder written under another key. */
	userFolder: string;
	/** What the welcome text says about the key and what is stored under it. */
	notice: string;
}

export function sandboxKeys(callerEnvironment: NodeJS.ProcessEnv, defaultUserFolder: string, emulatorSecretId: string): SandboxKeys {
	const ownKey = callerEnvironment.N8N_ENCRYPTION_KEY?.trim();
	if (ownKey) {
		return {
			mode: 'ownKey',
			environment: { N8N_ENCRYPTION_KEY: ownKey },
			userFolder: `${defaultUserFolder}-own-key`,
			notice: 'Credentials are encrypted with your N8N_ENCRYPTION_KEY. The owner password above is still public: keep this n8n on loopback.',
		};
	}
	if (callerEnvironment.SANDBOX_ACCEPTS_REAL_KEYS === DECLARED_SANDBOX) {
		return {
			mode: 'declaredSandbox',
			environment: {},
			userFolder: defaultUserFolder,
			notice:
				'SANDBOX: the owner password and the encryption key are public (in this repository). Real Tencent keys are accepted (SANDBOX_ACCEPTS_REAL_KEYS=yes) and stored as good as in clear.',
		};
	}
	return {
		mode: 'guarded',
		environment: { EXTERNAL_HOOK_FILES: CREDENTIAL_GUARD_FILE, SANDBOX_EMULATOR_SECRET_ID: emulatorSecretId },
		userFolder: defaultUserFolder,
		notice:
			"SANDBOX: the owner password and the encryption key are public (in this repository), so only the emulator's Tencent key is stored. For a real key, start with your own N8N_ENCRYPTION_KEY.",
	};
}
