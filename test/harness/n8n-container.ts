/**
 * Sets up the parts of n8n's dependency-injection container that the execution engine reaches
 * for at run time (`Container.get(...)` inside n8n-core), as the n8n server does on start-up,
 * but hermetic: a throw-away n8n folder, a fixed encryption key and a silent logger.
 */
import { Logger } from '@n8n/backend-common';
import { GlobalConfig, InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	BinaryDataConfig,
	BinaryDataService,
	Cipher,
	EncryptionKeyProxy,
	ErrorReporter,
	InstanceSettings,
	type IEncryptionKeyProvider,
	type KeyInfo,
} from 'n8n-core';

/** n8n's own names for where binary data lives: in the item as base64, or in files on disk. */
export type BinaryDataMode = 'default' | 'filesystem';

const TEST_ENCRYPTION_KEY = 'n8n-nodes-tencent-invoice-ocr-test-key';

const FOLDER_PREFIX = 'n8n-harness-';

let n8nFolder: string | undefined;

/** Idempotent: the container is process-wide, so it is prepared once per test file. */
export function prepareN8nContainer(): void {
	if (n8nFolder !== undefined) return;
	removeFoldersOfEndedProcesses();
	n8nFolder = mkdtempSync(join(tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));

	configureInstanceSettings(n8nFolder);
	silenceLogger();
	// Credentials encrypt and decrypt through the Cipher, which asks this proxy for keys;
	// outside the n8n server nothing installs a provider, so we hand it the instance key.
	Container.get(EncryptionKeyProxy).setProvider(instanceKeyProvider());
	Container.get(BinaryDataConfig).localStoragePath = join(n8nFolder, 'binaryData');
}

/**
 * Replaces the process-wide BinaryDataService with one in the given mode. The binary helpers
 * (`prepareBinaryData`, `getBinaryDataBuffer`, ...) look the service up on every call, so
 * runs in different modes must not overlap in time.
 */
export async function useBinaryDataMode(mode: BinaryDataMode): Promise<void> {
	const config = Container.get(BinaryDataConfig);
	config.mode = mode;
	const service = new BinaryDataService(config, Container.get(ErrorReporter), Container.get(Logger));
	await service.init();
	Container.set(BinaryDataService, service);
}

/**
 * Exit handlers registered under jest never ran (its `process` is a sandbox copy), so each run
 * sweeps the folders of earlier runs instead; the pid in the name spares live parallel workers.
 */
function removeFoldersOfEndedProcesses(): void {
	for (const entry of readdirSync(tmpdir())) {
		const ownerPid = entry.startsWith(FOLDER_PREFIX) ? parseInt(entry.slice(FOLDER_PREFIX.length), 10) : NaN;
		if (Number.isInteger(ownerPid) && !isRunning(ownerPid)) {
			rmSync(join(tmpdir(), entry), { recursive: true, force: true });
		}
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM'; // exists, but belongs to another user
	}
}

/** Must run before anything asks for InstanceSettings, which writes its settings file on creation. */
function configureInstanceSettings(folder: string): void {
	Container.set(InstanceSettingsConfig, {
		...Container.get(InstanceSettingsConfig),
		n8nFolder: folder,
		userHome: folder,
		encryptionKey: TEST_ENCRYPTION_KEY,
		enforceSettingsFilePermissions: false,
	});
	Container.get(InstanceSettings);
}

function silenceLogger(): void {
	const globalConfig = Container.get(GlobalConfig);
	globalConfig.logging.level = 'silent';
	Container.set(Logger, new Logger(globalConfig, Container.get(InstanceSettingsConfig)));
}

/** A single legacy (unprefixed) key: the instance key, wrapped the way the Cipher expects. */
function instanceKeyProvider(): IEncryptionKeyProvider {
	const cipher = Container.get(Cipher);
	const legacyKey: KeyInfo = {
		id: 'legacy',
		value: cipher.encryptDEKWithInstanceKey(Container.get(InstanceSettings).encryptionKey),
		algorithm: 'aes-256-cbc',
		format: 'no-prefix',
	};
	return {
		getActiveKey: async () => legacyKey,
		getKeyById: async (id) => (id === legacyKey.id ? legacyKey : null),
		getLegacyKey: async () => legacyKey,
	};
}
