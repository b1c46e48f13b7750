/**
 * Schemas of the CWMP structures messages carry, each checked by the compiler against the model
 * of `@meridian/cwmp` (`modelled`), so a method or field added to the model without its schema
 * here does not compile.
 */
import { Type as T, type Static } from '@sinclair/typebox';
import {
  XSD_TYPES,
  type AutonomousDUStateChangeComplete,
  type AutonomousTransferComplete,
  type CpeMethodRequest,
  type CpeMethodResponse,
  type DeviceIdStruct,
  type DUStateChangeComplete,
  type EventStruct,
  type Kicked,
  type ParameterValue,
  type RequestDownload,
  type SetParameterValuesFault,
  type TransferComplete,
} from '@meridian/cwmp';
import {
  bool,
  discriminated,
  enumOf,
  int,
  modelled,
  nonEmpty,
  num,
  str,
  type Same,
} from './schema';

const method = <N extends string>(name: N) => T.Literal(name);

export const parameterValue = modelled<ParameterValue>()(
  T.Object({ name: nonEmpty, value: str, type: enumOf(XSD_TYPES) }, { title: 'ParameterValue' }),
);
export const deviceIdStruct = modelled<DeviceIdStruct>()(
  T.Object(
    { manufacturer: str, oui: nonEmpty, productClass: str, serialNumber: nonEmpty },
    { title: 'DeviceIdStruct' },
  ),
);
export const eventStruct = modelled<EventStruct>()(
  T.Object({ eventCode: nonEmpty, commandKey: str }, { title: 'EventStruct' }),
);
export const setParameterValuesFault = modelled<SetParameterValuesFault>()(
  T.Object(
    { parameterName: str, faultCode: int, faultString: str },
    { title: 'SetParameterValuesFault' },
  ),
);

const notification = enumOf([0, 1, 2, 3, 4, 5, 6] as const);
const faultStruct = T.Object({ faultCode: int, faultString: str });
const transfer = { url: nonEmpty, username: str, password: str, fileType: nonEmpty };
const duOpResult = {
  uuid: str,
  deploymentUnitRef: str,
  version: str,
  currentState: str,
  resolved: bool,
  executionUnitRefList: str,
  startTime: str,
  completeTime: str,
  fault: faultStruct,
};

/** The RPC of a command: a method the ACS calls on the CPE (TR-069 Table 5), with its arguments. */
export const cpeRequest = modelled<CpeMethodRequest>()(
  discriminated(
    'name',
    [
      T.Object({ name: method('GetRPCMethods') }),
      T.Object({
        name: method('SetParameterValues'),
        parameterList: T.Array(parameterValue),
        parameterKey: str,
      }),
      T.Object({ name: method('GetParameterValues'), parameterNames: T.Array(str) }),
      T.Object({ name: method('GetParameterNames'), parameterPath: str, nextLevel: bool }),
      T.Object({
        name: method('SetParameterAttributes'),
        parameterList: T.Array(
          T.Object({
            name: str,
            notificationChange: bool,
            notification,
            accessListChange: bool,
            accessList: T.Array(str),
          }),
        ),
      }),
      T.Object({ name: method('GetParameterAttributes'), parameterNames: T.Array(str) }),
      T.Object({ name: method('AddObject'), objectName: nonEmpty, parameterKey: str }),
      T.Object({ name: method('DeleteObject'), objectName: nonEmpty, parameterKey: str }),
      T.Object({ name: method('Reboot'), commandKey: str }),
      T.Object({
        name: method('Download'),
        ...transfer,
        commandKey: str,
        fileSize: int,
        targetFileName: str,
        delaySeconds: int,
        successURL: str,
        failureURL: str,
      }),
      T.Object({ name: method('Upload'), ...transfer, commandKey: str, delaySeconds: int }),
      T.Object({ name: method('FactoryReset') }),
      T.Object({ name: method('ScheduleInform'), delaySeconds: int, commandKey: str }),
      T.Object({ name: method('GetQueuedTransfers') }),
      T.Object({ name: method('GetAllQueuedTransfers') }),
      T.Object({
        name: method('ScheduleDownload'),
        ...transfer,
        commandKey: str,
        fileSize: int,
        targetFileName: str,
        timeWindowList: T.Array(
          T.Object({
            windowStart: int,
            windowEnd: int,
            windowMode: str,
            userMessage: str,
            maxRetries: int,
          }),
        ),
      }),
      T.Object({ name: method('CancelTransfer'), commandKey: str }),
      T.Object({
        name: method('ChangeDUState'),
        operations: T.Array(
          discriminated(
            'op',
            [
              T.Object({
                op: T.Literal('Install'),
                url: str,
                uuid: str,
                username: str,
                password: str,
                executionEnvRef: str,
              }),
              T.Object({
                op: T.Literal('Update'),
                uuid: str,
                version: str,
                url: str,
                username: str,
                password: str,
              }),
              T.Object({
                op: T.Literal('Uninstall'),
                uuid: str,
                version: str,
                executionEnvRef: str,
              }),
            ],
            'a deployment unit operation',
          ),
        ),
        commandKey: str,
      }),
      T.Object({ name: method('SetVouchers'), voucherList: T.Array(str) }),
      T.Object({ name: method('GetOptions'), optionName: str }),
    ],
    'a CWMP method the ACS can call',
    {
      title: 'CpeMethodRequest',
      description: 'A method the ACS calls on the CPE (TR-069 Table 5), named by `name`.',
    },
  ),
);

const responses = discriminated(
  'name',
  [
    T.Object({ name: method('GetRPCMethodsResponse') }),
    T.Object({ name: method('SetParameterValuesResponse') }),
    T.Object({
      name: method('GetParameterValuesResponse'),
      parameterList: T.Array(parameterValue),
    }),
    T.Object({ name: method('GetParameterNamesResponse') }),
    T.Object({ name: method('SetParameterAttributesResponse') }),
    T.Object({ name: method('GetParameterAttributesResponse') }),
    T.Object({ name: method('AddObjectResponse'), instanceNumber: int }),
    T.Object({ name: method('DeleteObjectResponse') }),
    T.Object({ name: method('RebootResponse') }),
    T.Object({ name: method('DownloadResponse') }),
    T.Object({ name: method('UploadResponse') }),
    T.Object({ name: method('FactoryResetResponse') }),
    T.Object({ name: method('ScheduleInformResponse') }),
    T.Object({ name: method('GetQueuedTransfersResponse') }),
    T.Object({ name: method('GetAllQueuedTransfersResponse') }),
    T.Object({ name: method('ScheduleDownloadResponse') }),
    T.Object({ name: method('CancelTransferResponse') }),
    T.Object({ name: method('ChangeDUStateResponse') }),
    T.Object({ name: method('SetVouchersResponse') }),
    T.Object({ name: method('GetOptionsResponse') }),
  ],
  'a CWMP response method',
  {
    title: 'CpeMethodResponse',
    description:
      "The CPE's response as the gateway decoded it, with the fields of TR-069 Annex A; only the name and the fields consumers read are checked.",
  },
);
/** Responses travel from the gateway's own decoder, so the name is what matters to consumers. */
export const cpeResponse = T.Unsafe<CpeMethodResponse>(responses);
// A response method added to the model without its entry above does not compile.
const _everyResponse: Same<Static<typeof responses>['name'], CpeMethodResponse['name']> = true;
void _everyResponse;

/** The CPE-initiated methods other than Inform that cwmp.events carries. */
export const eventRpc = modelled<
  | TransferComplete
  | AutonomousTransferComplete
  | RequestDownload
  | Kicked
  | DUStateChangeComplete
  | AutonomousDUStateChangeComplete
>()(
  discriminated(
    'name',
    [
      T.Object({
        name: method('TransferComplete'),
        commandKey: str,
        faultStruct,
        startTime: str,
        completeTime: str,
      }),
      T.Object({
        name: method('AutonomousTransferComplete'),
        announceURL: str,
        transferURL: str,
        isDownload: bool,
        fileType: str,
        fileSize: num,
        targetFileName: str,
        faultStruct,
        startTime: str,
        completeTime: str,
      }),
      T.Object({
        name: method('RequestDownload'),
        fileType: str,
        fileTypeArg: T.Array(T.Object({ name: str, value: str })),
      }),
      T.Object({ name: method('Kicked'), command: str, referer: str, arg: str, next: str }),
      T.Object({
        name: method('DUStateChangeComplete'),
        results: T.Array(T.Object(duOpResult)),
        commandKey: str,
      }),
      T.Object({
        name: method('AutonomousDUStateChangeComplete'),
        results: T.Array(
          T.Object({
            ...duOpResult,
            operationPerformed: enumOf(['Install', 'Update', 'Uninstall'] as const),
          }),
        ),
      }),
    ],
    'a CPE-initiated CWMP event method',
    { title: 'CpeEventRequest' },
  ),
);
