// Where a value sits in the spec document: keys and list indexes from the root, e.g. ['environments', 'box', 'ports', 0].
export type DataPath = (string | number)[];
