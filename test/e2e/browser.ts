/**
 * Debian's Chromium driven by playwright-core, for tests of the real n8n editor. Only loopback may be
 * contacted: every other request is aborted and recorded, so a test can tell what the editor tried to reach.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';

import { REPO_ROOT } from './built-package';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test', 'e2e', 'artifacts');

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface LoginDetails {
	email: string;
	password: string;
}

export interface EditorBrowser {
	browser: Browser;
	page: Page;
	/** Requests to anything but loopback, aborted. */
	blockedRequests: string[];
	/** Errors the page threw, for failure messages. */
	pageErrors: string[];
	close(): Promise<void>;
}

/** A font for the Chinese invoice texts; without one Chromium draws them as empty boxes. */
const CJK_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

/** Debian's chromium package and a Chinese font, installed when missing (as root, from Debian's archive). */
export function ensureChromium(): string {
	const missing = [
		...(existsSync(CHROMIUM_PATH) ? [] : ['chromium']),
		...(existsSync(CJK_FONT_PATH) ? [] : ['fonts-wqy-zenhei']),
	];
	if (missing.length === 0) return CHROMIUM_PATH;
	if (process.getuid?.() !== 0) throw new Error(`${missing.join(' and ')} missing: run \`apt-get install -y ${missing.join(' ')}\` as root`);
	process.stdout.write(`[browser] Installing Debian ${missing.join(', ')} (apt-get)...\n`);
	const aptEnvironment = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env: aptEnvironment });
	execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'ignore', env: aptEnvironment });
	if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get install chromium did not provide ${CHROMIUM_PATH}`);
	return CHROMIUM_PATH;
}

function isLoopbackOrInline(url: string): boolean {
	if (url.startsWith('data:') || url.startsWith('blob:')) return true;
	return LOOPBACK_HOSTS.has(new URL(url).hostname);
}

/**
 * Headless Chromium with a fresh profile (playwright-core makes a temporary user data dir per launch
 * and deletes it on close), a desktop-sized window, and only loopback reachable.
 */
export async function launchEditorBrowser(): Promise<EditorBrowser> {
	// n8n marks its UI with data-test-id (not playwright's default data-testid).
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
	const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
	const blockedRequests: string[] = [];
	await context.route('**/*', async (route) => {
		const url = route.request().url();
		if (isLoopbackOrInline(url)) return await route.continue();
		blockedRequests.push(url);
		return await route.abort('blockedbyclient');
	});
	const page = await context.newPage();
	const pageErrors: string[] = [];
	page.on('pageerror', (error) => pageErrors.push(error.message));
	return { browser, page, blockedRequests, pageErrors, close: () => browser.close() };
}

/** n8n's sign-in form, if it shows; the owner comes from N8N_INSTANCE_OWNER_* (see scripts/start.ts). */
export async function signInIfAsked(page: Page, baseUrl: string, login: LoginDetails): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	const signInForm = page.getByTestId('signin-form');
	const signedIn = page.getByTestId('project-home-menu-item');
	await signInForm.or(signedIn).first().waitFor();
	if (!(await signInForm.isVisible())) return;
	await page.locator('input[name="emailOrLdapLoginId"]').fill(login.email);
	await page.locator('input[name="password"]').fill(login.password);
	await page.getByTestId('form-submit-button').click();
	await signedIn.waitFor();
}

/** Closes n8n's toasts ("Workflow executed successfully") so they do not cover a screenshot. */
export async function dismissToasts(page: Page): Promise<void> {
	const closeButtons = page.locator('.el-notification .el-notification__closeBtn');
	for (const button of await closeButtons.all()) await button.click().catch(() => undefined);
	await page.locator('.el-notification').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

/** A screenshot in test/e2e/artifacts/ (git-ignored); returns its path. */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<string> {
	await mkdir(ARTIFACTS_DIR, { recursive: true });
	const path = join(ARTIFACTS_DIR, `${name}.png`);
	await target.screenshot({ path });
	return path;
}
