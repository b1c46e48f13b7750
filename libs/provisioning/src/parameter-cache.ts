import type { ResultMessage } from '@meridian/contracts';
import type { ParameterInput } from '@meridian/store';

/** ManagementServer.Password: what the CPE presents to the ACS. */
const ACS_PASSWORD = /^(Device|InternetGatewayDevice)\.ManagementServer\.Password$/;

/** What a completed command tells about the device's parameters: paths to upsert and subtrees gone. */
export interface CacheUpdate {
  upsert: ParameterInput[];
  deleteSubtree?: string;
}

/**
 * Pure: the parameter cache change implied by a command's `done` result, whoever produced the
 * command. Reads need only the response; Set/Add/Delete need the RPC the result carries.
 */
export function cacheUpdateOf(result: ResultMessage, at: Date): CacheUpdate {
  if (result.outcome !== 'done') return { upsert: [] };
  const { response, rpc } = result;
  switch (response.name) {
    case 'GetParameterValuesResponse':
      return {
        upsert: response.parameterList.map((p) => ({
          path: p.name,
          value: p.value,
          type: p.type,
          updatedAt: at,
        })),
      };
    case 'GetParameterNamesResponse':
      return {
        upsert: response.parameterList.map((p) => ({
          path: p.name,
          writable: p.writable,
          updatedAt: at,
        })),
      };
    case 'SetParameterValuesResponse':
      return rpc?.name === 'SetParameterValues'
        ? {
            upsert: rpc.parameterList.map((p) => ({
              path: p.name,
              // What a CPE reads back too: the ACS password must not be readable in the NBI.
              value: ACS_PASSWORD.test(p.name) ? '' : p.value,
              type: p.type,
              updatedAt: at,
            })),
          }
        : { upsert: [] };
    case 'AddObjectResponse':
      return rpc?.name === 'AddObject'
        ? { upsert: [{ path: `${rpc.objectName}${response.instanceNumber}.`, updatedAt: at }] }
        : { upsert: [] };
    case 'DeleteObjectResponse':
      return rpc?.name === 'DeleteObject'
        ? { upsert: [], deleteSubtree: rpc.objectName }
        : { upsert: [] };
    default:
      return { upsert: [] };
  }
}
