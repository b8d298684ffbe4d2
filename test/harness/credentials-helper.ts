/**
 * Answers `this.getCredentials(type)` the way n8n's CLI does: credentials are kept encrypted
 * (n8n-core's `Credentials` + `Cipher`, keyed by the instance encryption key), decrypted on
 * request, and the credential type's defaults are filled in for fields the data leaves out.
 */
import { Credentials, UnrecognizedCredentialTypeError } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers } from 'n8n-workflow';
import { prepareN8nContainer } from './n8n-container';

/** Clear-text credential data per credential type name, e.g. `{ tencentCloudApi: { secretId, ... } }`. */
export interface HarnessCredentials {
	[credentialType: string]: ICredentialDataDecryptedObject;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Encrypted credentials per type: any node credential reference of that type gets them. */
	private readonly storedByType = new Map<string, Credentials>();

	private readonly typesByName: Map<string, ICredentialType>;

	private constructor(credentialTypes: ICredentialType[]) {
		super();
		this.typesByName = new Map(credentialTypes.map((type) => [type.name, type]));
	}

	static async create(
		credentialTypes: ICredentialType[],
		credentials: HarnessCredentials,
	): Promise<HarnessCredentialsHelper> {
		prepareN8nContainer(); // the Cipher behind Credentials needs the instance key
		const helper = new HarnessCredentialsHelper(credentialTypes);
		for (const [type, data] of Object.entries(credentials)) {
			await helper.store(type, data);
		}
		return helper;
	}

	getParentTypes(typeName: string): string[] {
		const parents = this.credentialType(typeName).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(typeName: string, nodeTypeName: string): boolean {
		const type = this.typesByName.get(typeName);
		if (type?.restrictToSupportedNodes !== true) return true;
		return type.supportedNodes?.includes(nodeTypeName) ?? false;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const stored = this.storedByType.get(type);
		if (stored === undefined) {
			throw new Error(`No "${type}" credentials were given to the harness`);
		}
		return new Credentials(nodeCredentials, type, stored.data);
	}

	async getDecrypted(
		_additionalData: unknown,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: unknown,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		const decrypted = await credentials.getData();
		return raw === true ? decrypted : this.withDefaults(type, decrypted);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.store(type, data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.store(type, data);
	}

	/** Parent types' fields first, so a child type's definition of the same field wins. */
	getCredentialsProperties(typeName: string): INodeProperties[] {
		const parentProperties = (this.credentialType(typeName).extends ?? []).flatMap((parent) =>
			this.getCredentialsProperties(parent),
		);
		return [...parentProperties, ...this.credentialType(typeName).properties];
	}

	// Request signing through credential types (`authenticate`, `preAuthentication`) is what
	// `httpRequestWithAuthentication` needs; nodes tested here sign their own requests.
	async authenticate(): Promise<IHttpRequestOptions> {
		throw new Error('The harness does not implement credential-type request authentication');
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		throw new Error('The harness does not implement credential-type pre-authentication');
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		throw new Error('The harness does not implement credential-type pre-authentication');
	}

	private async store(type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		const credentials = new Credentials({ id: null, name: type }, type);
		await credentials.setData(data);
		this.storedByType.set(type, credentials);
	}

	private withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		// Credential fields are flat values that getNodeParameters reads; only the static types differ.
		const values = data as INodeParameters;
		const withDefaults = NodeHelpers.getNodeParameters(properties, values, true, false, null, null);
		return { ...data, ...withDefaults } as ICredentialDataDecryptedObject;
	}

	private credentialType(typeName: string): ICredentialType {
		const type = this.typesByName.get(typeName);
		if (type === undefined) throw new UnrecognizedCredentialTypeError(typeName);
		return type;
	}
}
