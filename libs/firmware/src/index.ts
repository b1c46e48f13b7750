export { FirmwareModule, FileServerService, type FirmwareOptions } from './firmware.module';
export { fileServerHandler, type FileServerOptions } from './file-server';
export { parseRange, type RangeRequest } from './range';
export { checkAccess, signedFileUrl, type AccessCheck, type FileGrant } from './signing';
