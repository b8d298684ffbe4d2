/**
 * Unsigned control endpoints under /__emulator/, for tests that drive the emulator from another process.
 * They are not Tencent API paths.
 */
import type { EmulatorFaults } from './faults';
import { parseMoment, type EmulatorStats } from './stats';

export const CONTROL_PREFIX = '/__emulator/';

export interface EmulatorControls {
	/** Given a moment (ms since the epoch), only the requests that arrived at or after it. */
	stats(sinceMs?: number): EmulatorStats;
	faults(): EmulatorFaults;
	setFaults(faults: EmulatorFaults): void;
	reset(): void;
}

export interface ControlAnswer {
	status: number;
	body: unknown;
}

const FAULT_NUMBERS = [
	'latencyMs',
	'internalErrorEvery',
	'dropConnectionEvery',
	'slowEvery',
	'slowLatencyMs',
	'truncateAnswerEvery',
	'claimPdfPageCount',
	'gatewayStatus',
] as const;
const FAULT_SWITCHES = ['hangAfterRequest', 'nonJsonAnswer'] as const;

const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Why a posted faults document is unusable, or undefined when it is fine. */
export function faultsProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the body must be a JSON object';
	const faults = value as Record<string, unknown>;
	const unknown = Object.keys(faults).find(
		(key) => ![...FAULT_NUMBERS, ...FAULT_SWITCHES, 'failNext', 'codeBeforeAction', 'failPages', 'pageLatencyMs', 'reshapeAnswer'].includes(key),
	);
	if (unknown) return `unknown fault \`${unknown}\``;
	const badSwitch = FAULT_SWITCHES.find((key) => faults[key] !== undefined && typeof faults[key] !== 'boolean');
	if (badSwitch) return `\`${badSwitch}\` must be true or false`;
	const badNumber = FAULT_NUMBERS.find(
		(key) => faults[key] !== undefined && !(typeof faults[key] === 'number' && (faults[key] as number) >= 0),
	);
	if (badNumber) return `\`${badNumber}\` must be a number >= 0`;
	const failNext = faults.failNext as Record<string, unknown> | undefined;
	if (failNext !== undefined && typeof failNext?.code !== 'string') return '`failNext.code` must be a string';
	const failPages = faults.failPages as Record<string, unknown> | undefined;
	if (failPages !== undefined && (typeof failPages?.code !== 'string' || !Array.isArray(failPages.pages) || !failPages.pages.every(isCount))) {
		return '`failPages` must be { pages: [page numbers], code: "…" }';
	}
	const pageLatencyMs = faults.pageLatencyMs;
	if (
		pageLatencyMs !== undefined &&
		(typeof pageLatencyMs !== 'object' || pageLatencyMs === null || !Object.values(pageLatencyMs).every(isCount))
	) {
		return '`pageLatencyMs` must map page numbers to milliseconds >= 0';
	}
	if (faults.codeBeforeAction !== undefined && typeof faults.codeBeforeAction !== 'string') return '`codeBeforeAction` must be a string';
	const reshape = faults.reshapeAnswer;
	if (reshape !== undefined && !(Array.isArray(reshape) && reshape.every((change) => typeof (change as { path?: unknown })?.path === 'string'))) {
		return '`reshapeAnswer` must be [{ path: "Items.0.Name", value: … }]';
	}
	return undefined;
}

function parseJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8') || '{}');
	} catch {
		return undefined;
	}
}

function postFaults(body: Buffer, controls: EmulatorControls): ControlAnswer {
	const faults = parseJson(body);
	const problem = faultsProblem(faults);
	if (problem) return { status: 400, body: { error: problem } };
	controls.setFaults(faults as EmulatorFaults);
	return { status: 200, body: controls.faults() };
}

/** `GET stats?since=<ms since the epoch or ISO date>`: the calls that started at or after that moment. */
function getStats(query: URLSearchParams, controls: EmulatorControls): ControlAnswer {
	const since = query.get('since');
	if (since === null) return { status: 200, body: controls.stats() };
	const sinceMs = parseMoment(since);
	if (sinceMs === undefined) return { status: 400, body: { error: '`since` must be milliseconds since the epoch or an ISO date' } };
	return { status: 200, body: controls.stats(sinceMs) };
}

export function answerControl(
	method: string,
	path: string,
	body: Buffer,
	controls: EmulatorControls,
	query: URLSearchParams = new URLSearchParams(),
): ControlAnswer {
	const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
	switch (route) {
		case 'GET health':
			return { status: 200, body: { ok: true } };
		case 'GET stats':
			return getStats(query, controls);
		case 'GET faults':
			return { status: 200, body: controls.faults() };
		case 'POST faults':
			return postFaults(body, controls);
		case 'POST reset':
			controls.reset();
			return { status: 200, body: { ok: true } };
		default:
			return {
				status: 404,
				body: { error: `No control endpoint ${route}; try GET stats[?since=ms], GET/POST faults, POST reset, GET health.` },
			};
	}
}
