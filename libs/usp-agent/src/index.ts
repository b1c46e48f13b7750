export * from './cwmp-client';
export * from './translator';
export * from './mqtt-mtp';
export * from './service';
export * from './kafka-mtp';
export * from './notify-delivery';
export * from './session-contexts';
export * from './operate';
