/**
 * The node in the real n8n editor, in a real browser: n8n 2.41.1 started by the same code as `npm start`
 * (temporary user folder, free ports), driven through Debian's Chromium with playwright-core.
 * Selectors are n8n's own data-test-id attributes and the node's parameter names.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { DEMO_CREDENTIALS } from '../emulator';
import { freePort } from '../../scripts/n8n-env';
import { LOCAL_OWNER, startLocalN8n, type LocalN8n } from '../../scripts/start';
import { dismissToasts, ensureChromium, launchEditorBrowser, saveScreenshot, signInIfAsked, type EditorBrowser } from './browser';
import { assertPackageBuilt } from './built-package';
import { OCR_NODE_TYPE } from '../helpers/package-names';
import { NODE_NAMES } from './workflows/invoice-workflows';
import { TencentInvoiceOcr } from '../../nodes/TencentInvoiceOcr/TencentInvoiceOcr.node';

const SETUP_TIMEOUT_MS = 10 * 60_000;
const TEST_TIMEOUT_MS = 3 * 60_000;
/** UI steps wait this long at most; n8n's first page load compiles nothing but can be slow on 2 cores. */
const UI_TIMEOUT_MS = 60_000;
const EXAMPLE_FILE = 'recognize-invoice-file';
const WRONG_SECRET_KEY_MESSAGE = 'The signature does not match: the Secret Key is wrong for this Secret ID';

/** What the editor must render: the node's own description (the UI is checked against it, not against copies of its texts). */
const RECOGNIZE_PROPERTIES = new TencentInvoiceOcr().description.properties.filter(
	(property) => property.name === 'operation' || property.displayOptions?.show?.operation?.includes('recognizeVatInvoice'),
);
const propertyNamed = (name: string) => {
	const property = RECOGNIZE_PROPERTIES.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`Recognize VAT Invoice has no parameter ${name}`);
	return property;
};
/** Every parameter the Recognize VAT Invoice operation shows by default, by name, with its label. */
const RECOGNIZE_PARAMETERS = ['operation', 'inputType', 'processAllBinaryFields', 'binaryPropertyName', 'pdfPages', 'output', 'options'].map(
	(name) => ({ name, label: propertyNamed(name).displayName }),
);
const OPTION_LABELS = ((propertyNamed('options').options ?? []) as Array<{ displayName: string }>)
	.map((option) => option.displayName)
	.sort((a, b) => a.localeCompare(b));

let local: LocalN8n;
let userFolder: string;
let editor: EditorBrowser;
let page: Page;

async function timed<T>(label: string, action: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	const result = await action();
	process.stdout.write(`[editor-browser] ${label}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
	return result;
}

function exampleWorkflowId(): string {
	const example = local.examples.get(EXAMPLE_FILE);
	if (!example) throw new Error(`examples/${EXAMPLE_FILE}.json was not imported`);
	return example.id;
}

function canvasNode(nodeName: string): Locator {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
}

async function openExampleWorkflow(): Promise<void> {
	await page.goto(`${local.url}/workflow/${exampleWorkflowId()}`);
	await canvasNode(NODE_NAMES.ocr).waitFor();
}

/** Double-click on the canvas opens n8n's node details view (NDV). */
async function openOcrNode(): Promise<Locator> {
	await canvasNode(NODE_NAMES.ocr).dblclick();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	return ndv;
}

/** The parameter's whole row: its label and its input, found by the parameter's name. */
function parameterItem(ndv: Locator, parameterName: string): Locator {
	return ndv.getByTestId('parameter-item').filter({ has: page.getByTestId(`parameter-input-${parameterName}`) });
}

/** The label's first line: the rest of the label row is n8n's Fixed/Expression switch. */
async function labelOf(ndv: Locator, parameterName: string): Promise<string> {
	const item =
		parameterName === 'options'
			? ndv.getByTestId('parameter-item').filter({ has: page.getByTestId('collection-parameter-add') })
			: parameterItem(ndv, parameterName);
	const labelText = await item.getByTestId('input-label').first().innerText();
	return labelText.split('\n')[0].trim();
}

/** n8n shows a parameter's description in a tooltip of the (?) icon that appears when the label is hovered. */
async function descriptionTooltip(ndv: Locator, parameterName: string): Promise<string> {
	const label = ndv.getByTestId('input-label').filter({ has: page.locator(`label[for="${parameterName}"]`) });
	await label.hover();
	await label.locator('svg[data-icon="circle-help"]').hover();
	const tooltip = page.locator('.n8n-tooltip:visible').last();
	await tooltip.waitFor();
	return await tooltip.innerText();
}

/** The visible entries of an options dropdown, opened from the parameter's input. */
async function dropdownText(ndv: Locator, parameterName: string): Promise<string> {
	await ndv.getByTestId(`parameter-input-${parameterName}`).click();
	const visibleDropdown = page.locator('.el-select__popper:visible').last();
	await visibleDropdown.waitFor();
	// This very list: Element Plus fades it out, and the next dropdown must not find it still there.
	const dropdown = await visibleDropdown.elementHandle();
	if (!dropdown) throw new Error(`The ${parameterName} dropdown did not open`);
	const text = await dropdown.innerText();
	await page.keyboard.press('Escape');
	await dropdown.waitForElementState('hidden');
	return text;
}

async function optionsCollectionLabels(ndv: Locator): Promise<string[]> {
	await ndv.getByTestId('collection-parameter-add').click();
	const options = page.getByTestId('collection-parameter-option');
	await options.first().waitFor();
	const labels = await options.allInnerTexts();
	await page.keyboard.press('Escape');
	return labels.map((label) => label.trim());
}

/** The parts of an <img> the test reads (the test's TypeScript has no DOM types). */
interface ImageState {
	src: string;
	complete: boolean;
	naturalWidth: number;
}

/** The icon as n8n 2.x draws it on the canvas: an <img> served from the package's dist folder. */
async function canvasIcon(nodeName: string): Promise<ImageState> {
	const icon = canvasNode(nodeName).locator('img').first();
	await icon.waitFor();
	await icon.evaluate((image) => (image as unknown as ImageState).complete || new Promise((loaded) => image.addEventListener('load', loaded)));
	return await icon.evaluate((image) => {
		const { src, complete, naturalWidth } = image as unknown as ImageState;
		return { src, complete, naturalWidth };
	});
}

async function runWorkflowFromCanvas(): Promise<void> {
	await page.getByTestId('execute-workflow-button').click();
	await canvasNode(NODE_NAMES.ocr).getByTestId('canvas-node-status-success').waitFor();
}

/** The output panel in JSON mode (n8n opens it on Binary, since invoice items keep the input file). */
async function outputPanelAsJson(ndv: Locator): Promise<Locator> {
	const outputPanel = ndv.getByTestId('output-panel');
	await outputPanel.getByTestId('radio-button-json').click();
	await outputPanel.getByText('"invoiceNumber"').first().waitFor();
	return outputPanel;
}

async function fillCredentialField(modal: Locator, field: string, value: string): Promise<void> {
	await modal.locator(`[data-test-id="parameter-input-${field}"] input`).fill(value);
}

beforeAll(async () => {
	assertPackageBuilt();
	await timed('ensure chromium', async () => ensureChromium());
	userFolder = await mkdtemp(join(tmpdir(), 'n8n-editor-'));
	local = await timed('start n8n as npm start does', async () =>
		startLocalN8n({ userFolder, n8nPort: await freePort(), emulatorPort: 0 }),
	);
	editor = await timed('launch chromium', launchEditorBrowser);
	page = editor.page;
	page.setDefaultTimeout(UI_TIMEOUT_MS);
	await timed('sign in', () => signInIfAsked(page, local.url, LOCAL_OWNER));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	if (editor?.blockedRequests.length) process.stdout.write(`[editor-browser] blocked non-loopback requests: ${editor.blockedRequests.join(', ')}\n`);
	await editor?.close();
	await local?.stop();
	if (userFolder) await rm(userFolder, { recursive: true, force: true });
});

afterEach(() => {
	// No script error in the page (a node description n8n cannot render shows up here).
	expect(editor.pageErrors).toEqual([]);
});

test('the node shows its icon, every parameter with its label, hint and description', async () => {
	await openExampleWorkflow();
	const icon = await canvasIcon(NODE_NAMES.ocr);
	expect(icon.src).toMatch(/\/tencentInvoiceOcr\.svg$/);
	expect(icon.naturalWidth).toBeGreaterThan(0);
	expect(await canvasNode(NODE_NAMES.ocr).getAttribute('data-node-type')).toBe(OCR_NODE_TYPE);

	const ndv = await openOcrNode();
	for (const { name, label } of RECOGNIZE_PARAMETERS) expect(await labelOf(ndv, name)).toBe(label);
	expect(await parameterItem(ndv, 'binaryPropertyName').innerText()).toContain(propertyNamed('binaryPropertyName').hint);
	expect(await descriptionTooltip(ndv, 'pdfPages')).toBe(propertyNamed('pdfPages').description);
	expect(await descriptionTooltip(ndv, 'processAllBinaryFields')).toBe(propertyNamed('processAllBinaryFields').description);
	expect(await dropdownText(ndv, 'output')).toContain('One item per invoice (recordType "invoice"), then one item per line item');
	expect(await dropdownText(ndv, 'inputType')).toContain('A file in an input binary field');
	expect((await optionsCollectionLabels(ndv)).sort((a, b) => a.localeCompare(b))).toEqual(OPTION_LABELS);
	await page.getByTestId('ndv-close-button').click();
}, TEST_TIMEOUT_MS);

test('Execute workflow in the editor shows the recognised invoice in the output panel', async () => {
	await openExampleWorkflow();
	await timed('execute from the canvas', runWorkflowFromCanvas);
	const ndv = await openOcrNode();
	const outputPanel = await outputPanelAsJson(ndv);
	const shown = await outputPanel.innerText();
	expect(shown).toContain('"recordType"');
	expect(shown).toContain('"invoice"');
	expect(shown).toContain('"63591128"');
	expect(shown).toContain('深圳腾讯游戏有限公司');
	await dismissToasts(page);
	const screenshot = await saveScreenshot(outputPanel, 'editor-output-panel');
	process.stdout.write(`[editor-browser] output panel screenshot: ${screenshot}\n`);
	await page.getByTestId('ndv-close-button').click();
}, TEST_TIMEOUT_MS);

test('a new credential with a wrong Secret Key gets the clear message from the credential test', async () => {
	await openExampleWorkflow();
	const ndv = await openOcrNode();
	await ndv.getByTestId('node-credentials-select').click();
	await page.getByTestId('node-credentials-select-item-new').click();
	const modal = page.getByTestId('editCredential-modal');
	await modal.waitFor();
	await fillCredentialField(modal, 'secretId', DEMO_CREDENTIALS.secretId);
	await fillCredentialField(modal, 'secretKey', 'not-the-secret-key');
	await fillCredentialField(modal, 'endpoint', local.emulator.url);
	await modal.getByTestId('credential-save-button').click();
	// n8n says "Couldn't connect with these settings"; the node's own message is behind "More details".
	await modal.getByText('More details').click();
	await modal.getByText(WRONG_SECRET_KEY_MESSAGE).waitFor();
	await saveScreenshot(modal, 'editor-credential-wrong-key');
}, TEST_TIMEOUT_MS);
