export { FirmwareModule, FileServerService, type FirmwareOptions } from './firmware.module';
export { firmwareServiceOptions, type FirmwareServiceEnv } from './service-options';
export { fileServerHandler, type FileServerOptions } from './file-server';
export { parseRange, type RangeRequest } from './range';
export { checkAccess, signedFileUrl, type AccessCheck, type FileGrant } from './signing';
export { CampaignRunner, OUTCOMES_GROUP, type CampaignRunnerOptions } from './campaigns/runner';
export { campaignCommandId } from './campaigns/command-id';
export { campaignCandidates, deviceFilterOf } from './campaigns/candidates';
export { publishCampaignEvent } from './campaigns/events';
export { FIRMWARE_GROUP, TransferTracker, type TransferTrackingOptions } from './transfer-tracker';
export {
  FIRMWARE_IMAGE,
  admitResult,
  bootReport,
  isTransferResult,
  nextEnd,
  outcomeMessage,
  transferCompleteOf,
  type TransferEvent,
  type TransferFile,
} from './transfer-state';
export {
  answerRequest,
  type RequestAnswer,
  type RequestDownloadRule,
  type RequestingDevice,
} from './request-download';
