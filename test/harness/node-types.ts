import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** Node type name (as in a workflow's `node.type`) → node type instance. */
export type NodeTypeRegistry = Record<string, INodeType | IVersionedNodeType>;

/** The engine's view of installed nodes: here just the instances a test hands in. */
export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly registry: NodeTypeRegistry) {}

	getByName(nodeTypeName: string): INodeType | IVersionedNodeType {
		return this.lookUp(nodeTypeName);
	}

	getByNameAndVersion(nodeTypeName: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.lookUp(nodeTypeName), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}

	private lookUp(nodeTypeName: string): INodeType | IVersionedNodeType {
		const nodeType = this.registry[nodeTypeName];
		if (nodeType === undefined) {
			const known = Object.keys(this.registry).join(', ');
			throw new Error(`Node type "${nodeTypeName}" is not registered with the harness (known: ${known})`);
		}
		return nodeType;
	}
}
