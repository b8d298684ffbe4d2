/** The `code` of what `action` throws (a Tencent error code), or undefined when it does not throw. */
export function errorCodeOf(action: () => unknown): string | undefined {
	try {
		action();
		return undefined;
	} catch (error) {
		return (error as { code?: string }).code;
	}
}
