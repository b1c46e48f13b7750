import type { XsdType } from '@meridian/cwmp';
import { decodeDataModel } from './decode';
import tr098 from './generated/tr-098.json';
import tr181 from './generated/tr-181.json';
import type { DataModel, DataModelId, EncodedModel, ParameterMeta, ParameterType } from './model';
import { XSD_TYPE_OF } from './model';

export * from './model';
export { decodeDataModel } from './decode';
export { isObjectPath, parentPathOf, schemaPathOf } from './paths';
export { checkValue, zeroValueOf } from './values';

const ENCODED: Readonly<Record<DataModelId, unknown>> = { 'tr-181': tr181, 'tr-098': tr098 };
const loaded = new Map<DataModelId, DataModel>();

/** The indexed data model; decoded once per process, then shared (it is read-only). */
export function loadDataModel(id: DataModelId): DataModel {
  let model = loaded.get(id);
  if (model === undefined) {
    model = decodeDataModel(id, ENCODED[id] as EncodedModel);
    loaded.set(id, model);
  }
  return model;
}

/** The CWMP wire type (xsi:type) of a parameter or a data model type. */
export function xsdTypeOf(of: ParameterMeta | ParameterType): XsdType {
  return XSD_TYPE_OF[typeof of === 'string' ? of : of.type];
}
