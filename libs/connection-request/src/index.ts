export {
  createConnectionRequester,
  systemClock,
  systemRandom,
  type ConnectionRequestDelivery,
  type ConnectionRequester,
  type ConnectionRequesterOptions,
} from './connection-requester';
export {
  ConnectionRequestError,
  type ConnectionRequestFailure,
  type ConnectionRequestMethod,
} from './errors';
export type { Clock, ConnectionRequestTarget, Logger, Random, TargetLookup } from './types';
export {
  defaultRetryPolicy,
  backoffDelay,
  retry,
  type RetryPolicy,
  type RetryOptions,
} from './retry';
export { defaultHttpRequestOptions, type HttpRequestOptions } from './http-request';
export { defaultUdpRequestOptions, type UdpRequestOptions } from './udp-request';
export {
  basicAuthorization,
  chooseChallenge,
  digestAuthorization,
  digestResponse,
  parseChallenges,
  type Challenge,
  type DigestAlgorithm,
  type DigestChallenge,
  type DigestInput,
  type DigestQop,
} from './digest';
export {
  parseUdpAddress,
  udpRequestMessage,
  udpSignature,
  type UdpRequestFields,
} from './udp-message';
