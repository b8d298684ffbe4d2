/** The release reads its notes from CHANGELOG.md: one version's section, or nothing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CHANGELOG_PATH, releaseNotesOf } from '../../../scripts/release-notes';

const CHANGELOG = [
	'# Changelog',
	'',
	'Intro text, not a version.',
	'',
	'## Unreleased',
	'',
	'## 1.2.0 (2026-12-01)',
	'',
	'- Added a thing.',
	'- Fixed another.',
	'',
	'## 1.1.0',
	'',
	'## 1.0.0',
	'- First release.',
	'',
].join('\n');

describe('releaseNotesOf', () => {
	it.each([
		['1.2.0', '- Added a thing.\n- Fixed another.'],
		['v1.2.0', '- Added a thing.\n- Fixed another.'],
		['1.0.0', '- First release.'],
		['1.1.0', null],
		['1.2', null],
		['2.0.0', null],
		['Unreleased', null],
	])('for %s gives %j', (version, notes) => {
		expect(releaseNotesOf(CHANGELOG, version)).toBe(notes);
	});

	it('finds notes in CHANGELOG.md for the version in package.json, which a tag of it would publish', () => {
		const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
			version: string;
		};
		expect(releaseNotesOf(readFileSync(CHANGELOG_PATH, 'utf8'), `v${version}`)).toMatch(/^- /);
	});
});
