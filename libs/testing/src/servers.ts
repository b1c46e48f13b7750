/** Where the servers of scripts/infra listen, unless the environment says otherwise. */
export const REDIS_URL = process.env.MERIDIAN_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BROKERS = (process.env.MERIDIAN_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const MONGO_URL = process.env.MERIDIAN_MONGO_URL ?? 'mongodb://127.0.0.1:27017/meridian';
export const MQTT_URL = process.env.MERIDIAN_USP_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
