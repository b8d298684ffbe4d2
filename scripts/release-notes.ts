/**
 * The release notes of one version: its section of CHANGELOG.md (`## X.Y.Z` up to the next `## `).
 *
 * CLI (the release workflow): `tsx scripts/release-notes.ts v1.2.3` prints the notes, or fails when
 * CHANGELOG.md has no section, or an empty one, for that version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHANGELOG_PATH = join(__dirname, '..', 'CHANGELOG.md');

/** The section's text, trimmed; null when the version has no section or an empty one. A leading `v` (a tag) is dropped. */
export function releaseNotesOf(changelog: string, version: string): string | null {
	const wanted = version.replace(/^v/, '');
	const sections = changelog.split(/^## +/m).slice(1);
	for (const section of sections) {
		const [heading, ...body] = section.split('\n');
		// A heading may carry a date or a link after the version: `## 1.2.3 (2026-12-01)`.
		if (heading.trim().split(/\s+/)[0] !== wanted) continue;
		const notes = body.join('\n').trim();
		return notes === '' ? null : notes;
	}
	return null;
}

if (require.main === module) {
	const version = process.argv[2];
	const notes = version ? releaseNotesOf(readFileSync(CHANGELOG_PATH, 'utf8'), version) : null;
	if (notes === null) {
		process.stderr.write(`CHANGELOG.md has no notes for "${version ?? ''}": add a "## X.Y.Z" section before tagging.\n`);
		process.exit(1);
	}
	process.stdout.write(`${notes}\n`);
}
