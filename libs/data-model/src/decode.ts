import type {
  DataModel,
  DataModelId,
  EncodedFacets,
  EncodedModel,
  EncodedParameter,
  ObjectMeta,
  ParameterAccess,
  ParameterMeta,
  ParameterType,
} from './model';
import { parentPathOf, schemaPathOf } from './paths';

const TYPES: Readonly<Record<string, ParameterType>> = {
  s: 'string',
  i: 'int',
  u: 'unsignedInt',
  l: 'long',
  U: 'unsignedLong',
  b: 'boolean',
  d: 'dateTime',
  '6': 'base64',
  x: 'hexBinary',
};
const ACCESS: readonly ParameterAccess[] = ['readOnly', 'readWrite', 'writeOnceReadOnly'];

function decodeParameter(objectPath: string, row: EncodedParameter): ParameterMeta {
  const [name, typeCode, accessCode] = row;
  const facets: EncodedFacets = row[3] ?? {};
  const type = TYPES[typeCode];
  const access = ACCESS[accessCode];
  if (type === undefined || access === undefined) {
    throw new Error(`corrupt data model row ${objectPath}${name}`);
  }
  const meta: ParameterMeta = {
    path: objectPath + name,
    name,
    objectPath,
    type,
    access,
    writable: access !== 'readOnly',
  };
  if (facets.d !== undefined) meta.default = facets.d;
  if (facets.r?.[0] != null) meta.min = facets.r[0];
  if (facets.r?.[1] != null) meta.max = facets.r[1];
  if (facets.n !== undefined) meta.maxLength = facets.n;
  if (facets.e !== undefined) meta.enumeration = facets.e;
  if (facets.h === 1) meta.hidden = true;
  return meta;
}

/** Builds the indexed model from its generated encoding. */
export function decodeDataModel(id: DataModelId, encoded: EncodedModel): DataModel {
  const objects = new Map<string, ObjectMeta>();
  const parameters = new Map<string, ParameterMeta>();
  for (const [path, flags, rows] of encoded.objects) {
    const params = rows.map((row) => decodeParameter(path, row));
    objects.set(path, {
      path,
      multiInstance: (flags & 1) !== 0,
      writable: (flags & 2) !== 0,
      parameters: params,
    });
    for (const p of params) parameters.set(p.path, p);
  }
  const children = new Map<string, ObjectMeta[]>();
  for (const o of objects.values()) {
    const parent = parentPathOf(o.multiInstance ? o.path.slice(0, -'{i}.'.length) : o.path);
    const list = children.get(parent) ?? [];
    list.push(o);
    children.set(parent, list);
  }
  const colon = encoded.model.indexOf(':');
  return {
    id,
    root: colon === -1 ? encoded.model : encoded.model.slice(0, colon),
    version: encoded.model,
    objects,
    parameters,
    object: (path) => objects.get(schemaPathOf(path)),
    parameter: (path) => parameters.get(schemaPathOf(path)),
    childObjects: (path) => children.get(schemaPathOf(path)) ?? [],
  };
}
