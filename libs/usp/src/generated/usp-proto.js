/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars*/
"use strict";

var $protobuf = require("protobufjs/minimal");

var $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;

var $root = $protobuf.roots["meridian_usp"] || ($protobuf.roots["meridian_usp"] = {});

$root.usp_record = (function() {

    var usp_record = {};

    usp_record.Record = (function() {

        function Record(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Record.prototype.version = "";
        Record.prototype.toId = "";
        Record.prototype.fromId = "";
        Record.prototype.payloadSecurity = 0;
        Record.prototype.macSignature = $util.newBuffer([]);
        Record.prototype.senderCert = $util.newBuffer([]);
        Record.prototype.noSessionContext = null;
        Record.prototype.sessionContext = null;
        Record.prototype.websocketConnect = null;
        Record.prototype.mqttConnect = null;
        Record.prototype.stompConnect = null;
        Record.prototype.disconnect = null;
        Record.prototype.udsConnect = null;

        var $oneOfFields;

        Object.defineProperty(Record.prototype, "recordType", {
            get: $util.oneOfGetter($oneOfFields = ["noSessionContext", "sessionContext", "websocketConnect", "mqttConnect", "stompConnect", "disconnect", "udsConnect"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        Record.create = function create(properties) {
            return new Record(properties);
        };

        Record.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                writer.uint32(10).string(message.version);
            if (message.toId != null && Object.hasOwnProperty.call(message, "toId"))
                writer.uint32(18).string(message.toId);
            if (message.fromId != null && Object.hasOwnProperty.call(message, "fromId"))
                writer.uint32(26).string(message.fromId);
            if (message.payloadSecurity != null && Object.hasOwnProperty.call(message, "payloadSecurity"))
                writer.uint32(32).int32(message.payloadSecurity);
            if (message.macSignature != null && Object.hasOwnProperty.call(message, "macSignature"))
                writer.uint32(42).bytes(message.macSignature);
            if (message.senderCert != null && Object.hasOwnProperty.call(message, "senderCert"))
                writer.uint32(50).bytes(message.senderCert);
            if (message.noSessionContext != null && Object.hasOwnProperty.call(message, "noSessionContext"))
                $root.usp_record.NoSessionContextRecord.encode(message.noSessionContext, writer.uint32(58).fork(), q + 1).ldelim();
            if (message.sessionContext != null && Object.hasOwnProperty.call(message, "sessionContext"))
                $root.usp_record.SessionContextRecord.encode(message.sessionContext, writer.uint32(66).fork(), q + 1).ldelim();
            if (message.websocketConnect != null && Object.hasOwnProperty.call(message, "websocketConnect"))
                $root.usp_record.WebSocketConnectRecord.encode(message.websocketConnect, writer.uint32(74).fork(), q + 1).ldelim();
            if (message.mqttConnect != null && Object.hasOwnProperty.call(message, "mqttConnect"))
                $root.usp_record.MQTTConnectRecord.encode(message.mqttConnect, writer.uint32(82).fork(), q + 1).ldelim();
            if (message.stompConnect != null && Object.hasOwnProperty.call(message, "stompConnect"))
                $root.usp_record.STOMPConnectRecord.encode(message.stompConnect, writer.uint32(90).fork(), q + 1).ldelim();
            if (message.disconnect != null && Object.hasOwnProperty.call(message, "disconnect"))
                $root.usp_record.DisconnectRecord.encode(message.disconnect, writer.uint32(98).fork(), q + 1).ldelim();
            if (message.udsConnect != null && Object.hasOwnProperty.call(message, "udsConnect"))
                $root.usp_record.UDSConnectRecord.encode(message.udsConnect, writer.uint32(106).fork(), q + 1).ldelim();
            return writer;
        };

        Record.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.Record();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.version = reader.string();
                        break;
                    }
                case 2: {
                        message.toId = reader.string();
                        break;
                    }
                case 3: {
                        message.fromId = reader.string();
                        break;
                    }
                case 4: {
                        message.payloadSecurity = reader.int32();
                        break;
                    }
                case 5: {
                        message.macSignature = reader.bytes();
                        break;
                    }
                case 6: {
                        message.senderCert = reader.bytes();
                        break;
                    }
                case 7: {
                        message.noSessionContext = $root.usp_record.NoSessionContextRecord.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 8: {
                        message.sessionContext = $root.usp_record.SessionContextRecord.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 9: {
                        message.websocketConnect = $root.usp_record.WebSocketConnectRecord.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 10: {
                        message.mqttConnect = $root.usp_record.MQTTConnectRecord.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 11: {
                        message.stompConnect = $root.usp_record.STOMPConnectRecord.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 12: {
                        message.disconnect = $root.usp_record.DisconnectRecord.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 13: {
                        message.udsConnect = $root.usp_record.UDSConnectRecord.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Record.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.Record";
        };

        Record.PayloadSecurity = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "PLAINTEXT"] = 0;
            values[valuesById[1] = "TLS12"] = 1;
            return values;
        })();

        return Record;
    })();

    usp_record.NoSessionContextRecord = (function() {

        function NoSessionContextRecord(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        NoSessionContextRecord.prototype.payload = $util.newBuffer([]);

        NoSessionContextRecord.create = function create(properties) {
            return new NoSessionContextRecord(properties);
        };

        NoSessionContextRecord.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.payload != null && Object.hasOwnProperty.call(message, "payload"))
                writer.uint32(18).bytes(message.payload);
            return writer;
        };

        NoSessionContextRecord.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.NoSessionContextRecord();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 2: {
                        message.payload = reader.bytes();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        NoSessionContextRecord.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.NoSessionContextRecord";
        };

        return NoSessionContextRecord;
    })();

    usp_record.SessionContextRecord = (function() {

        function SessionContextRecord(properties) {
            this.payload = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        SessionContextRecord.prototype.sessionId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        SessionContextRecord.prototype.sequenceId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        SessionContextRecord.prototype.expectedId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        SessionContextRecord.prototype.retransmitId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
        SessionContextRecord.prototype.payloadSarState = 0;
        SessionContextRecord.prototype.payloadrecSarState = 0;
        SessionContextRecord.prototype.payload = $util.emptyArray;

        SessionContextRecord.create = function create(properties) {
            return new SessionContextRecord(properties);
        };

        SessionContextRecord.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.sessionId != null && Object.hasOwnProperty.call(message, "sessionId"))
                writer.uint32(8).uint64(message.sessionId);
            if (message.sequenceId != null && Object.hasOwnProperty.call(message, "sequenceId"))
                writer.uint32(16).uint64(message.sequenceId);
            if (message.expectedId != null && Object.hasOwnProperty.call(message, "expectedId"))
                writer.uint32(24).uint64(message.expectedId);
            if (message.retransmitId != null && Object.hasOwnProperty.call(message, "retransmitId"))
                writer.uint32(32).uint64(message.retransmitId);
            if (message.payloadSarState != null && Object.hasOwnProperty.call(message, "payloadSarState"))
                writer.uint32(40).int32(message.payloadSarState);
            if (message.payloadrecSarState != null && Object.hasOwnProperty.call(message, "payloadrecSarState"))
                writer.uint32(48).int32(message.payloadrecSarState);
            if (message.payload != null && message.payload.length)
                for (var i = 0; i < message.payload.length; ++i)
                    writer.uint32(58).bytes(message.payload[i]);
            return writer;
        };

        SessionContextRecord.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.SessionContextRecord();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.sessionId = reader.uint64();
                        break;
                    }
                case 2: {
                        message.sequenceId = reader.uint64();
                        break;
                    }
                case 3: {
                        message.expectedId = reader.uint64();
                        break;
                    }
                case 4: {
                        message.retransmitId = reader.uint64();
                        break;
                    }
                case 5: {
                        message.payloadSarState = reader.int32();
                        break;
                    }
                case 6: {
                        message.payloadrecSarState = reader.int32();
                        break;
                    }
                case 7: {
                        if (!(message.payload && message.payload.length))
                            message.payload = [];
                        message.payload.push(reader.bytes());
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        SessionContextRecord.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.SessionContextRecord";
        };

        SessionContextRecord.PayloadSARState = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "NONE"] = 0;
            values[valuesById[1] = "BEGIN"] = 1;
            values[valuesById[2] = "INPROCESS"] = 2;
            values[valuesById[3] = "COMPLETE"] = 3;
            return values;
        })();

        return SessionContextRecord;
    })();

    usp_record.WebSocketConnectRecord = (function() {

        function WebSocketConnectRecord(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        WebSocketConnectRecord.create = function create(properties) {
            return new WebSocketConnectRecord(properties);
        };

        WebSocketConnectRecord.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            return writer;
        };

        WebSocketConnectRecord.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.WebSocketConnectRecord();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        WebSocketConnectRecord.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.WebSocketConnectRecord";
        };

        return WebSocketConnectRecord;
    })();

    usp_record.MQTTConnectRecord = (function() {

        function MQTTConnectRecord(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        MQTTConnectRecord.prototype.version = 0;
        MQTTConnectRecord.prototype.subscribedTopic = "";

        MQTTConnectRecord.create = function create(properties) {
            return new MQTTConnectRecord(properties);
        };

        MQTTConnectRecord.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                writer.uint32(8).int32(message.version);
            if (message.subscribedTopic != null && Object.hasOwnProperty.call(message, "subscribedTopic"))
                writer.uint32(18).string(message.subscribedTopic);
            return writer;
        };

        MQTTConnectRecord.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.MQTTConnectRecord();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.version = reader.int32();
                        break;
                    }
                case 2: {
                        message.subscribedTopic = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        MQTTConnectRecord.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.MQTTConnectRecord";
        };

        MQTTConnectRecord.MQTTVersion = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "V3_1_1"] = 0;
            values[valuesById[1] = "V5"] = 1;
            return values;
        })();

        return MQTTConnectRecord;
    })();

    usp_record.STOMPConnectRecord = (function() {

        function STOMPConnectRecord(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        STOMPConnectRecord.prototype.version = 0;
        STOMPConnectRecord.prototype.subscribedDestination = "";

        STOMPConnectRecord.create = function create(properties) {
            return new STOMPConnectRecord(properties);
        };

        STOMPConnectRecord.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.version != null && Object.hasOwnProperty.call(message, "version"))
                writer.uint32(8).int32(message.version);
            if (message.subscribedDestination != null && Object.hasOwnProperty.call(message, "subscribedDestination"))
                writer.uint32(18).string(message.subscribedDestination);
            return writer;
        };

        STOMPConnectRecord.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.STOMPConnectRecord();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.version = reader.int32();
                        break;
                    }
                case 2: {
                        message.subscribedDestination = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        STOMPConnectRecord.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.STOMPConnectRecord";
        };

        STOMPConnectRecord.STOMPVersion = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "V1_2"] = 0;
            return values;
        })();

        return STOMPConnectRecord;
    })();

    usp_record.UDSConnectRecord = (function() {

        function UDSConnectRecord(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        UDSConnectRecord.create = function create(properties) {
            return new UDSConnectRecord(properties);
        };

        UDSConnectRecord.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            return writer;
        };

        UDSConnectRecord.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.UDSConnectRecord();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        UDSConnectRecord.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.UDSConnectRecord";
        };

        return UDSConnectRecord;
    })();

    usp_record.DisconnectRecord = (function() {

        function DisconnectRecord(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        DisconnectRecord.prototype.reason = "";
        DisconnectRecord.prototype.reasonCode = 0;

        DisconnectRecord.create = function create(properties) {
            return new DisconnectRecord(properties);
        };

        DisconnectRecord.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.reason != null && Object.hasOwnProperty.call(message, "reason"))
                writer.uint32(10).string(message.reason);
            if (message.reasonCode != null && Object.hasOwnProperty.call(message, "reasonCode"))
                writer.uint32(21).fixed32(message.reasonCode);
            return writer;
        };

        DisconnectRecord.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp_record.DisconnectRecord();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.reason = reader.string();
                        break;
                    }
                case 2: {
                        message.reasonCode = reader.fixed32();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        DisconnectRecord.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp_record.DisconnectRecord";
        };

        return DisconnectRecord;
    })();

    return usp_record;
})();

$root.usp = (function() {

    var usp = {};

    usp.Msg = (function() {

        function Msg(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Msg.prototype.header = null;
        Msg.prototype.body = null;

        Msg.create = function create(properties) {
            return new Msg(properties);
        };

        Msg.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.header != null && Object.hasOwnProperty.call(message, "header"))
                $root.usp.Header.encode(message.header, writer.uint32(10).fork(), q + 1).ldelim();
            if (message.body != null && Object.hasOwnProperty.call(message, "body"))
                $root.usp.Body.encode(message.body, writer.uint32(18).fork(), q + 1).ldelim();
            return writer;
        };

        Msg.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Msg();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.header = $root.usp.Header.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 2: {
                        message.body = $root.usp.Body.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Msg.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Msg";
        };

        return Msg;
    })();

    usp.Header = (function() {

        function Header(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Header.prototype.msgId = "";
        Header.prototype.msgType = 0;

        Header.create = function create(properties) {
            return new Header(properties);
        };

        Header.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.msgId != null && Object.hasOwnProperty.call(message, "msgId"))
                writer.uint32(10).string(message.msgId);
            if (message.msgType != null && Object.hasOwnProperty.call(message, "msgType"))
                writer.uint32(16).int32(message.msgType);
            return writer;
        };

        Header.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Header();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.msgId = reader.string();
                        break;
                    }
                case 2: {
                        message.msgType = reader.int32();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Header.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Header";
        };

        Header.MsgType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "ERROR"] = 0;
            values[valuesById[1] = "GET"] = 1;
            values[valuesById[2] = "GET_RESP"] = 2;
            values[valuesById[3] = "NOTIFY"] = 3;
            values[valuesById[4] = "SET"] = 4;
            values[valuesById[5] = "SET_RESP"] = 5;
            values[valuesById[6] = "OPERATE"] = 6;
            values[valuesById[7] = "OPERATE_RESP"] = 7;
            values[valuesById[8] = "ADD"] = 8;
            values[valuesById[9] = "ADD_RESP"] = 9;
            values[valuesById[10] = "DELETE"] = 10;
            values[valuesById[11] = "DELETE_RESP"] = 11;
            values[valuesById[12] = "GET_SUPPORTED_DM"] = 12;
            values[valuesById[13] = "GET_SUPPORTED_DM_RESP"] = 13;
            values[valuesById[14] = "GET_INSTANCES"] = 14;
            values[valuesById[15] = "GET_INSTANCES_RESP"] = 15;
            values[valuesById[16] = "NOTIFY_RESP"] = 16;
            values[valuesById[17] = "GET_SUPPORTED_PROTO"] = 17;
            values[valuesById[18] = "GET_SUPPORTED_PROTO_RESP"] = 18;
            values[valuesById[19] = "REGISTER"] = 19;
            values[valuesById[20] = "REGISTER_RESP"] = 20;
            values[valuesById[21] = "DEREGISTER"] = 21;
            values[valuesById[22] = "DEREGISTER_RESP"] = 22;
            return values;
        })();

        return Header;
    })();

    usp.Body = (function() {

        function Body(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Body.prototype.request = null;
        Body.prototype.response = null;
        Body.prototype.error = null;

        var $oneOfFields;

        Object.defineProperty(Body.prototype, "msgBody", {
            get: $util.oneOfGetter($oneOfFields = ["request", "response", "error"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        Body.create = function create(properties) {
            return new Body(properties);
        };

        Body.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.request != null && Object.hasOwnProperty.call(message, "request"))
                $root.usp.Request.encode(message.request, writer.uint32(10).fork(), q + 1).ldelim();
            if (message.response != null && Object.hasOwnProperty.call(message, "response"))
                $root.usp.Response.encode(message.response, writer.uint32(18).fork(), q + 1).ldelim();
            if (message.error != null && Object.hasOwnProperty.call(message, "error"))
                $root.usp.Error.encode(message.error, writer.uint32(26).fork(), q + 1).ldelim();
            return writer;
        };

        Body.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Body();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.request = $root.usp.Request.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 2: {
                        message.response = $root.usp.Response.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 3: {
                        message.error = $root.usp.Error.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Body.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Body";
        };

        return Body;
    })();

    usp.Request = (function() {

        function Request(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Request.prototype.get = null;
        Request.prototype.getSupportedDm = null;
        Request.prototype.getInstances = null;
        Request.prototype.set = null;
        Request.prototype.add = null;
        Request.prototype["delete"] = null;
        Request.prototype.operate = null;
        Request.prototype.notify = null;
        Request.prototype.getSupportedProtocol = null;
        Request.prototype.register = null;
        Request.prototype.deregister = null;

        var $oneOfFields;

        Object.defineProperty(Request.prototype, "reqType", {
            get: $util.oneOfGetter($oneOfFields = ["get", "getSupportedDm", "getInstances", "set", "add", "delete", "operate", "notify", "getSupportedProtocol", "register", "deregister"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        Request.create = function create(properties) {
            return new Request(properties);
        };

        Request.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.get != null && Object.hasOwnProperty.call(message, "get"))
                $root.usp.Get.encode(message.get, writer.uint32(10).fork(), q + 1).ldelim();
            if (message.getSupportedDm != null && Object.hasOwnProperty.call(message, "getSupportedDm"))
                $root.usp.GetSupportedDM.encode(message.getSupportedDm, writer.uint32(18).fork(), q + 1).ldelim();
            if (message.getInstances != null && Object.hasOwnProperty.call(message, "getInstances"))
                $root.usp.GetInstances.encode(message.getInstances, writer.uint32(26).fork(), q + 1).ldelim();
            if (message.set != null && Object.hasOwnProperty.call(message, "set"))
                $root.usp.Set.encode(message.set, writer.uint32(34).fork(), q + 1).ldelim();
            if (message.add != null && Object.hasOwnProperty.call(message, "add"))
                $root.usp.Add.encode(message.add, writer.uint32(42).fork(), q + 1).ldelim();
            if (message["delete"] != null && Object.hasOwnProperty.call(message, "delete"))
                $root.usp.Delete.encode(message["delete"], writer.uint32(50).fork(), q + 1).ldelim();
            if (message.operate != null && Object.hasOwnProperty.call(message, "operate"))
                $root.usp.Operate.encode(message.operate, writer.uint32(58).fork(), q + 1).ldelim();
            if (message.notify != null && Object.hasOwnProperty.call(message, "notify"))
                $root.usp.Notify.encode(message.notify, writer.uint32(66).fork(), q + 1).ldelim();
            if (message.getSupportedProtocol != null && Object.hasOwnProperty.call(message, "getSupportedProtocol"))
                $root.usp.GetSupportedProtocol.encode(message.getSupportedProtocol, writer.uint32(74).fork(), q + 1).ldelim();
            if (message.register != null && Object.hasOwnProperty.call(message, "register"))
                $root.usp.Register.encode(message.register, writer.uint32(82).fork(), q + 1).ldelim();
            if (message.deregister != null && Object.hasOwnProperty.call(message, "deregister"))
                $root.usp.Deregister.encode(message.deregister, writer.uint32(90).fork(), q + 1).ldelim();
            return writer;
        };

        Request.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Request();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.get = $root.usp.Get.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 2: {
                        message.getSupportedDm = $root.usp.GetSupportedDM.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 3: {
                        message.getInstances = $root.usp.GetInstances.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 4: {
                        message.set = $root.usp.Set.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 5: {
                        message.add = $root.usp.Add.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 6: {
                        message["delete"] = $root.usp.Delete.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 7: {
                        message.operate = $root.usp.Operate.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 8: {
                        message.notify = $root.usp.Notify.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 9: {
                        message.getSupportedProtocol = $root.usp.GetSupportedProtocol.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 10: {
                        message.register = $root.usp.Register.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 11: {
                        message.deregister = $root.usp.Deregister.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Request.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Request";
        };

        return Request;
    })();

    usp.Response = (function() {

        function Response(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Response.prototype.getResp = null;
        Response.prototype.getSupportedDmResp = null;
        Response.prototype.getInstancesResp = null;
        Response.prototype.setResp = null;
        Response.prototype.addResp = null;
        Response.prototype.deleteResp = null;
        Response.prototype.operateResp = null;
        Response.prototype.notifyResp = null;
        Response.prototype.getSupportedProtocolResp = null;
        Response.prototype.registerResp = null;
        Response.prototype.deregisterResp = null;

        var $oneOfFields;

        Object.defineProperty(Response.prototype, "respType", {
            get: $util.oneOfGetter($oneOfFields = ["getResp", "getSupportedDmResp", "getInstancesResp", "setResp", "addResp", "deleteResp", "operateResp", "notifyResp", "getSupportedProtocolResp", "registerResp", "deregisterResp"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        Response.create = function create(properties) {
            return new Response(properties);
        };

        Response.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.getResp != null && Object.hasOwnProperty.call(message, "getResp"))
                $root.usp.GetResp.encode(message.getResp, writer.uint32(10).fork(), q + 1).ldelim();
            if (message.getSupportedDmResp != null && Object.hasOwnProperty.call(message, "getSupportedDmResp"))
                $root.usp.GetSupportedDMResp.encode(message.getSupportedDmResp, writer.uint32(18).fork(), q + 1).ldelim();
            if (message.getInstancesResp != null && Object.hasOwnProperty.call(message, "getInstancesResp"))
                $root.usp.GetInstancesResp.encode(message.getInstancesResp, writer.uint32(26).fork(), q + 1).ldelim();
            if (message.setResp != null && Object.hasOwnProperty.call(message, "setResp"))
                $root.usp.SetResp.encode(message.setResp, writer.uint32(34).fork(), q + 1).ldelim();
            if (message.addResp != null && Object.hasOwnProperty.call(message, "addResp"))
                $root.usp.AddResp.encode(message.addResp, writer.uint32(42).fork(), q + 1).ldelim();
            if (message.deleteResp != null && Object.hasOwnProperty.call(message, "deleteResp"))
                $root.usp.DeleteResp.encode(message.deleteResp, writer.uint32(50).fork(), q + 1).ldelim();
            if (message.operateResp != null && Object.hasOwnProperty.call(message, "operateResp"))
                $root.usp.OperateResp.encode(message.operateResp, writer.uint32(58).fork(), q + 1).ldelim();
            if (message.notifyResp != null && Object.hasOwnProperty.call(message, "notifyResp"))
                $root.usp.NotifyResp.encode(message.notifyResp, writer.uint32(66).fork(), q + 1).ldelim();
            if (message.getSupportedProtocolResp != null && Object.hasOwnProperty.call(message, "getSupportedProtocolResp"))
                $root.usp.GetSupportedProtocolResp.encode(message.getSupportedProtocolResp, writer.uint32(74).fork(), q + 1).ldelim();
            if (message.registerResp != null && Object.hasOwnProperty.call(message, "registerResp"))
                $root.usp.RegisterResp.encode(message.registerResp, writer.uint32(82).fork(), q + 1).ldelim();
            if (message.deregisterResp != null && Object.hasOwnProperty.call(message, "deregisterResp"))
                $root.usp.DeregisterResp.encode(message.deregisterResp, writer.uint32(90).fork(), q + 1).ldelim();
            return writer;
        };

        Response.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Response();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.getResp = $root.usp.GetResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 2: {
                        message.getSupportedDmResp = $root.usp.GetSupportedDMResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 3: {
                        message.getInstancesResp = $root.usp.GetInstancesResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 4: {
                        message.setResp = $root.usp.SetResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 5: {
                        message.addResp = $root.usp.AddResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 6: {
                        message.deleteResp = $root.usp.DeleteResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 7: {
                        message.operateResp = $root.usp.OperateResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 8: {
                        message.notifyResp = $root.usp.NotifyResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 9: {
                        message.getSupportedProtocolResp = $root.usp.GetSupportedProtocolResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 10: {
                        message.registerResp = $root.usp.RegisterResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 11: {
                        message.deregisterResp = $root.usp.DeregisterResp.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Response.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Response";
        };

        return Response;
    })();

    usp.Error = (function() {

        function Error(properties) {
            this.paramErrs = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Error.prototype.errCode = 0;
        Error.prototype.errMsg = "";
        Error.prototype.paramErrs = $util.emptyArray;

        Error.create = function create(properties) {
            return new Error(properties);
        };

        Error.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                writer.uint32(13).fixed32(message.errCode);
            if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                writer.uint32(18).string(message.errMsg);
            if (message.paramErrs != null && message.paramErrs.length)
                for (var i = 0; i < message.paramErrs.length; ++i)
                    $root.usp.Error.ParamError.encode(message.paramErrs[i], writer.uint32(26).fork(), q + 1).ldelim();
            return writer;
        };

        Error.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Error();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.errCode = reader.fixed32();
                        break;
                    }
                case 2: {
                        message.errMsg = reader.string();
                        break;
                    }
                case 3: {
                        if (!(message.paramErrs && message.paramErrs.length))
                            message.paramErrs = [];
                        message.paramErrs.push($root.usp.Error.ParamError.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Error.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Error";
        };

        Error.ParamError = (function() {

            function ParamError(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ParamError.prototype.paramPath = "";
            ParamError.prototype.errCode = 0;
            ParamError.prototype.errMsg = "";

            ParamError.create = function create(properties) {
                return new ParamError(properties);
            };

            ParamError.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.paramPath != null && Object.hasOwnProperty.call(message, "paramPath"))
                    writer.uint32(10).string(message.paramPath);
                if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                    writer.uint32(21).fixed32(message.errCode);
                if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                    writer.uint32(26).string(message.errMsg);
                return writer;
            };

            ParamError.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Error.ParamError();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.paramPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.errCode = reader.fixed32();
                            break;
                        }
                    case 3: {
                            message.errMsg = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ParamError.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Error.ParamError";
            };

            return ParamError;
        })();

        return Error;
    })();

    usp.Get = (function() {

        function Get(properties) {
            this.paramPaths = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Get.prototype.paramPaths = $util.emptyArray;
        Get.prototype.maxDepth = 0;

        Get.create = function create(properties) {
            return new Get(properties);
        };

        Get.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.paramPaths != null && message.paramPaths.length)
                for (var i = 0; i < message.paramPaths.length; ++i)
                    writer.uint32(10).string(message.paramPaths[i]);
            if (message.maxDepth != null && Object.hasOwnProperty.call(message, "maxDepth"))
                writer.uint32(21).fixed32(message.maxDepth);
            return writer;
        };

        Get.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Get();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.paramPaths && message.paramPaths.length))
                            message.paramPaths = [];
                        message.paramPaths.push(reader.string());
                        break;
                    }
                case 2: {
                        message.maxDepth = reader.fixed32();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Get.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Get";
        };

        return Get;
    })();

    usp.GetResp = (function() {

        function GetResp(properties) {
            this.reqPathResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        GetResp.prototype.reqPathResults = $util.emptyArray;

        GetResp.create = function create(properties) {
            return new GetResp(properties);
        };

        GetResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.reqPathResults != null && message.reqPathResults.length)
                for (var i = 0; i < message.reqPathResults.length; ++i)
                    $root.usp.GetResp.RequestedPathResult.encode(message.reqPathResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        GetResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.GetResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.reqPathResults && message.reqPathResults.length))
                            message.reqPathResults = [];
                        message.reqPathResults.push($root.usp.GetResp.RequestedPathResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        GetResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.GetResp";
        };

        GetResp.RequestedPathResult = (function() {

            function RequestedPathResult(properties) {
                this.resolvedPathResults = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            RequestedPathResult.prototype.requestedPath = "";
            RequestedPathResult.prototype.errCode = 0;
            RequestedPathResult.prototype.errMsg = "";
            RequestedPathResult.prototype.resolvedPathResults = $util.emptyArray;

            RequestedPathResult.create = function create(properties) {
                return new RequestedPathResult(properties);
            };

            RequestedPathResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.requestedPath != null && Object.hasOwnProperty.call(message, "requestedPath"))
                    writer.uint32(10).string(message.requestedPath);
                if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                    writer.uint32(21).fixed32(message.errCode);
                if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                    writer.uint32(26).string(message.errMsg);
                if (message.resolvedPathResults != null && message.resolvedPathResults.length)
                    for (var i = 0; i < message.resolvedPathResults.length; ++i)
                        $root.usp.GetResp.ResolvedPathResult.encode(message.resolvedPathResults[i], writer.uint32(34).fork(), q + 1).ldelim();
                return writer;
            };

            RequestedPathResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetResp.RequestedPathResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.requestedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.errCode = reader.fixed32();
                            break;
                        }
                    case 3: {
                            message.errMsg = reader.string();
                            break;
                        }
                    case 4: {
                            if (!(message.resolvedPathResults && message.resolvedPathResults.length))
                                message.resolvedPathResults = [];
                            message.resolvedPathResults.push($root.usp.GetResp.ResolvedPathResult.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            RequestedPathResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetResp.RequestedPathResult";
            };

            return RequestedPathResult;
        })();

        GetResp.ResolvedPathResult = (function() {

            function ResolvedPathResult(properties) {
                this.resultParams = {};
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ResolvedPathResult.prototype.resolvedPath = "";
            ResolvedPathResult.prototype.resultParams = $util.emptyObject;

            ResolvedPathResult.create = function create(properties) {
                return new ResolvedPathResult(properties);
            };

            ResolvedPathResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.resolvedPath != null && Object.hasOwnProperty.call(message, "resolvedPath"))
                    writer.uint32(10).string(message.resolvedPath);
                if (message.resultParams != null && Object.hasOwnProperty.call(message, "resultParams"))
                    for (var keys = Object.keys(message.resultParams), i = 0; i < keys.length; ++i)
                        writer.uint32(18).fork().uint32(10).string(keys[i]).uint32(18).string(message.resultParams[keys[i]]).ldelim();
                return writer;
            };

            ResolvedPathResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetResp.ResolvedPathResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.resolvedPath = reader.string();
                            break;
                        }
                    case 2: {
                            if (message.resultParams === $util.emptyObject)
                                message.resultParams = {};
                            var end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                var tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.resultParams, key);
                            message.resultParams[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ResolvedPathResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetResp.ResolvedPathResult";
            };

            return ResolvedPathResult;
        })();

        return GetResp;
    })();

    usp.GetSupportedDM = (function() {

        function GetSupportedDM(properties) {
            this.objPaths = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        GetSupportedDM.prototype.objPaths = $util.emptyArray;
        GetSupportedDM.prototype.firstLevelOnly = false;
        GetSupportedDM.prototype.returnCommands = false;
        GetSupportedDM.prototype.returnEvents = false;
        GetSupportedDM.prototype.returnParams = false;
        GetSupportedDM.prototype.returnUniqueKeySets = false;

        GetSupportedDM.create = function create(properties) {
            return new GetSupportedDM(properties);
        };

        GetSupportedDM.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.objPaths != null && message.objPaths.length)
                for (var i = 0; i < message.objPaths.length; ++i)
                    writer.uint32(10).string(message.objPaths[i]);
            if (message.firstLevelOnly != null && Object.hasOwnProperty.call(message, "firstLevelOnly"))
                writer.uint32(16).bool(message.firstLevelOnly);
            if (message.returnCommands != null && Object.hasOwnProperty.call(message, "returnCommands"))
                writer.uint32(24).bool(message.returnCommands);
            if (message.returnEvents != null && Object.hasOwnProperty.call(message, "returnEvents"))
                writer.uint32(32).bool(message.returnEvents);
            if (message.returnParams != null && Object.hasOwnProperty.call(message, "returnParams"))
                writer.uint32(40).bool(message.returnParams);
            if (message.returnUniqueKeySets != null && Object.hasOwnProperty.call(message, "returnUniqueKeySets"))
                writer.uint32(48).bool(message.returnUniqueKeySets);
            return writer;
        };

        GetSupportedDM.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.GetSupportedDM();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.objPaths && message.objPaths.length))
                            message.objPaths = [];
                        message.objPaths.push(reader.string());
                        break;
                    }
                case 2: {
                        message.firstLevelOnly = reader.bool();
                        break;
                    }
                case 3: {
                        message.returnCommands = reader.bool();
                        break;
                    }
                case 4: {
                        message.returnEvents = reader.bool();
                        break;
                    }
                case 5: {
                        message.returnParams = reader.bool();
                        break;
                    }
                case 6: {
                        message.returnUniqueKeySets = reader.bool();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        GetSupportedDM.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.GetSupportedDM";
        };

        return GetSupportedDM;
    })();

    usp.GetSupportedDMResp = (function() {

        function GetSupportedDMResp(properties) {
            this.reqObjResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        GetSupportedDMResp.prototype.reqObjResults = $util.emptyArray;

        GetSupportedDMResp.create = function create(properties) {
            return new GetSupportedDMResp(properties);
        };

        GetSupportedDMResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.reqObjResults != null && message.reqObjResults.length)
                for (var i = 0; i < message.reqObjResults.length; ++i)
                    $root.usp.GetSupportedDMResp.RequestedObjectResult.encode(message.reqObjResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        GetSupportedDMResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.GetSupportedDMResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.reqObjResults && message.reqObjResults.length))
                            message.reqObjResults = [];
                        message.reqObjResults.push($root.usp.GetSupportedDMResp.RequestedObjectResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        GetSupportedDMResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.GetSupportedDMResp";
        };

        GetSupportedDMResp.RequestedObjectResult = (function() {

            function RequestedObjectResult(properties) {
                this.supportedObjs = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            RequestedObjectResult.prototype.reqObjPath = "";
            RequestedObjectResult.prototype.errCode = 0;
            RequestedObjectResult.prototype.errMsg = "";
            RequestedObjectResult.prototype.dataModelInstUri = "";
            RequestedObjectResult.prototype.supportedObjs = $util.emptyArray;

            RequestedObjectResult.create = function create(properties) {
                return new RequestedObjectResult(properties);
            };

            RequestedObjectResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.reqObjPath != null && Object.hasOwnProperty.call(message, "reqObjPath"))
                    writer.uint32(10).string(message.reqObjPath);
                if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                    writer.uint32(21).fixed32(message.errCode);
                if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                    writer.uint32(26).string(message.errMsg);
                if (message.dataModelInstUri != null && Object.hasOwnProperty.call(message, "dataModelInstUri"))
                    writer.uint32(34).string(message.dataModelInstUri);
                if (message.supportedObjs != null && message.supportedObjs.length)
                    for (var i = 0; i < message.supportedObjs.length; ++i)
                        $root.usp.GetSupportedDMResp.SupportedObjectResult.encode(message.supportedObjs[i], writer.uint32(42).fork(), q + 1).ldelim();
                return writer;
            };

            RequestedObjectResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetSupportedDMResp.RequestedObjectResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.reqObjPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.errCode = reader.fixed32();
                            break;
                        }
                    case 3: {
                            message.errMsg = reader.string();
                            break;
                        }
                    case 4: {
                            message.dataModelInstUri = reader.string();
                            break;
                        }
                    case 5: {
                            if (!(message.supportedObjs && message.supportedObjs.length))
                                message.supportedObjs = [];
                            message.supportedObjs.push($root.usp.GetSupportedDMResp.SupportedObjectResult.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            RequestedObjectResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetSupportedDMResp.RequestedObjectResult";
            };

            return RequestedObjectResult;
        })();

        GetSupportedDMResp.SupportedObjectResult = (function() {

            function SupportedObjectResult(properties) {
                this.supportedCommands = [];
                this.supportedEvents = [];
                this.supportedParams = [];
                this.divergentPaths = [];
                this.uniqueKeySets = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SupportedObjectResult.prototype.supportedObjPath = "";
            SupportedObjectResult.prototype.access = 0;
            SupportedObjectResult.prototype.isMultiInstance = false;
            SupportedObjectResult.prototype.supportedCommands = $util.emptyArray;
            SupportedObjectResult.prototype.supportedEvents = $util.emptyArray;
            SupportedObjectResult.prototype.supportedParams = $util.emptyArray;
            SupportedObjectResult.prototype.divergentPaths = $util.emptyArray;
            SupportedObjectResult.prototype.uniqueKeySets = $util.emptyArray;

            SupportedObjectResult.create = function create(properties) {
                return new SupportedObjectResult(properties);
            };

            SupportedObjectResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.supportedObjPath != null && Object.hasOwnProperty.call(message, "supportedObjPath"))
                    writer.uint32(10).string(message.supportedObjPath);
                if (message.access != null && Object.hasOwnProperty.call(message, "access"))
                    writer.uint32(16).int32(message.access);
                if (message.isMultiInstance != null && Object.hasOwnProperty.call(message, "isMultiInstance"))
                    writer.uint32(24).bool(message.isMultiInstance);
                if (message.supportedCommands != null && message.supportedCommands.length)
                    for (var i = 0; i < message.supportedCommands.length; ++i)
                        $root.usp.GetSupportedDMResp.SupportedCommandResult.encode(message.supportedCommands[i], writer.uint32(34).fork(), q + 1).ldelim();
                if (message.supportedEvents != null && message.supportedEvents.length)
                    for (var i = 0; i < message.supportedEvents.length; ++i)
                        $root.usp.GetSupportedDMResp.SupportedEventResult.encode(message.supportedEvents[i], writer.uint32(42).fork(), q + 1).ldelim();
                if (message.supportedParams != null && message.supportedParams.length)
                    for (var i = 0; i < message.supportedParams.length; ++i)
                        $root.usp.GetSupportedDMResp.SupportedParamResult.encode(message.supportedParams[i], writer.uint32(50).fork(), q + 1).ldelim();
                if (message.divergentPaths != null && message.divergentPaths.length)
                    for (var i = 0; i < message.divergentPaths.length; ++i)
                        writer.uint32(58).string(message.divergentPaths[i]);
                if (message.uniqueKeySets != null && message.uniqueKeySets.length)
                    for (var i = 0; i < message.uniqueKeySets.length; ++i)
                        $root.usp.GetSupportedDMResp.SupportedUniqueKeySet.encode(message.uniqueKeySets[i], writer.uint32(66).fork(), q + 1).ldelim();
                return writer;
            };

            SupportedObjectResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetSupportedDMResp.SupportedObjectResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.supportedObjPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.access = reader.int32();
                            break;
                        }
                    case 3: {
                            message.isMultiInstance = reader.bool();
                            break;
                        }
                    case 4: {
                            if (!(message.supportedCommands && message.supportedCommands.length))
                                message.supportedCommands = [];
                            message.supportedCommands.push($root.usp.GetSupportedDMResp.SupportedCommandResult.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 5: {
                            if (!(message.supportedEvents && message.supportedEvents.length))
                                message.supportedEvents = [];
                            message.supportedEvents.push($root.usp.GetSupportedDMResp.SupportedEventResult.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 6: {
                            if (!(message.supportedParams && message.supportedParams.length))
                                message.supportedParams = [];
                            message.supportedParams.push($root.usp.GetSupportedDMResp.SupportedParamResult.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 7: {
                            if (!(message.divergentPaths && message.divergentPaths.length))
                                message.divergentPaths = [];
                            message.divergentPaths.push(reader.string());
                            break;
                        }
                    case 8: {
                            if (!(message.uniqueKeySets && message.uniqueKeySets.length))
                                message.uniqueKeySets = [];
                            message.uniqueKeySets.push($root.usp.GetSupportedDMResp.SupportedUniqueKeySet.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SupportedObjectResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetSupportedDMResp.SupportedObjectResult";
            };

            return SupportedObjectResult;
        })();

        GetSupportedDMResp.SupportedParamResult = (function() {

            function SupportedParamResult(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SupportedParamResult.prototype.paramName = "";
            SupportedParamResult.prototype.access = 0;
            SupportedParamResult.prototype.valueType = 0;
            SupportedParamResult.prototype.valueChange = 0;

            SupportedParamResult.create = function create(properties) {
                return new SupportedParamResult(properties);
            };

            SupportedParamResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.paramName != null && Object.hasOwnProperty.call(message, "paramName"))
                    writer.uint32(10).string(message.paramName);
                if (message.access != null && Object.hasOwnProperty.call(message, "access"))
                    writer.uint32(16).int32(message.access);
                if (message.valueType != null && Object.hasOwnProperty.call(message, "valueType"))
                    writer.uint32(24).int32(message.valueType);
                if (message.valueChange != null && Object.hasOwnProperty.call(message, "valueChange"))
                    writer.uint32(32).int32(message.valueChange);
                return writer;
            };

            SupportedParamResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetSupportedDMResp.SupportedParamResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.paramName = reader.string();
                            break;
                        }
                    case 2: {
                            message.access = reader.int32();
                            break;
                        }
                    case 3: {
                            message.valueType = reader.int32();
                            break;
                        }
                    case 4: {
                            message.valueChange = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SupportedParamResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetSupportedDMResp.SupportedParamResult";
            };

            return SupportedParamResult;
        })();

        GetSupportedDMResp.SupportedCommandResult = (function() {

            function SupportedCommandResult(properties) {
                this.inputArgNames = [];
                this.outputArgNames = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SupportedCommandResult.prototype.commandName = "";
            SupportedCommandResult.prototype.inputArgNames = $util.emptyArray;
            SupportedCommandResult.prototype.outputArgNames = $util.emptyArray;
            SupportedCommandResult.prototype.commandType = 0;

            SupportedCommandResult.create = function create(properties) {
                return new SupportedCommandResult(properties);
            };

            SupportedCommandResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.commandName != null && Object.hasOwnProperty.call(message, "commandName"))
                    writer.uint32(10).string(message.commandName);
                if (message.inputArgNames != null && message.inputArgNames.length)
                    for (var i = 0; i < message.inputArgNames.length; ++i)
                        writer.uint32(18).string(message.inputArgNames[i]);
                if (message.outputArgNames != null && message.outputArgNames.length)
                    for (var i = 0; i < message.outputArgNames.length; ++i)
                        writer.uint32(26).string(message.outputArgNames[i]);
                if (message.commandType != null && Object.hasOwnProperty.call(message, "commandType"))
                    writer.uint32(32).int32(message.commandType);
                return writer;
            };

            SupportedCommandResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetSupportedDMResp.SupportedCommandResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.commandName = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.inputArgNames && message.inputArgNames.length))
                                message.inputArgNames = [];
                            message.inputArgNames.push(reader.string());
                            break;
                        }
                    case 3: {
                            if (!(message.outputArgNames && message.outputArgNames.length))
                                message.outputArgNames = [];
                            message.outputArgNames.push(reader.string());
                            break;
                        }
                    case 4: {
                            message.commandType = reader.int32();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SupportedCommandResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetSupportedDMResp.SupportedCommandResult";
            };

            return SupportedCommandResult;
        })();

        GetSupportedDMResp.SupportedEventResult = (function() {

            function SupportedEventResult(properties) {
                this.argNames = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SupportedEventResult.prototype.eventName = "";
            SupportedEventResult.prototype.argNames = $util.emptyArray;

            SupportedEventResult.create = function create(properties) {
                return new SupportedEventResult(properties);
            };

            SupportedEventResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.eventName != null && Object.hasOwnProperty.call(message, "eventName"))
                    writer.uint32(10).string(message.eventName);
                if (message.argNames != null && message.argNames.length)
                    for (var i = 0; i < message.argNames.length; ++i)
                        writer.uint32(18).string(message.argNames[i]);
                return writer;
            };

            SupportedEventResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetSupportedDMResp.SupportedEventResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.eventName = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.argNames && message.argNames.length))
                                message.argNames = [];
                            message.argNames.push(reader.string());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SupportedEventResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetSupportedDMResp.SupportedEventResult";
            };

            return SupportedEventResult;
        })();

        GetSupportedDMResp.SupportedUniqueKeySet = (function() {

            function SupportedUniqueKeySet(properties) {
                this.keyNames = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            SupportedUniqueKeySet.prototype.keyNames = $util.emptyArray;

            SupportedUniqueKeySet.create = function create(properties) {
                return new SupportedUniqueKeySet(properties);
            };

            SupportedUniqueKeySet.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.keyNames != null && message.keyNames.length)
                    for (var i = 0; i < message.keyNames.length; ++i)
                        writer.uint32(10).string(message.keyNames[i]);
                return writer;
            };

            SupportedUniqueKeySet.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetSupportedDMResp.SupportedUniqueKeySet();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            if (!(message.keyNames && message.keyNames.length))
                                message.keyNames = [];
                            message.keyNames.push(reader.string());
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            SupportedUniqueKeySet.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetSupportedDMResp.SupportedUniqueKeySet";
            };

            return SupportedUniqueKeySet;
        })();

        GetSupportedDMResp.ParamAccessType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "PARAM_READ_ONLY"] = 0;
            values[valuesById[1] = "PARAM_READ_WRITE"] = 1;
            values[valuesById[2] = "PARAM_WRITE_ONLY"] = 2;
            return values;
        })();

        GetSupportedDMResp.ObjAccessType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "OBJ_READ_ONLY"] = 0;
            values[valuesById[1] = "OBJ_ADD_DELETE"] = 1;
            values[valuesById[2] = "OBJ_ADD_ONLY"] = 2;
            values[valuesById[3] = "OBJ_DELETE_ONLY"] = 3;
            return values;
        })();

        GetSupportedDMResp.ParamValueType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "PARAM_UNKNOWN"] = 0;
            values[valuesById[1] = "PARAM_BASE_64"] = 1;
            values[valuesById[2] = "PARAM_BOOLEAN"] = 2;
            values[valuesById[3] = "PARAM_DATE_TIME"] = 3;
            values[valuesById[4] = "PARAM_DECIMAL"] = 4;
            values[valuesById[5] = "PARAM_HEX_BINARY"] = 5;
            values[valuesById[6] = "PARAM_INT"] = 6;
            values[valuesById[7] = "PARAM_LONG"] = 7;
            values[valuesById[8] = "PARAM_STRING"] = 8;
            values[valuesById[9] = "PARAM_UNSIGNED_INT"] = 9;
            values[valuesById[10] = "PARAM_UNSIGNED_LONG"] = 10;
            return values;
        })();

        GetSupportedDMResp.ValueChangeType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "VALUE_CHANGE_UNKNOWN"] = 0;
            values[valuesById[1] = "VALUE_CHANGE_ALLOWED"] = 1;
            values[valuesById[2] = "VALUE_CHANGE_WILL_IGNORE"] = 2;
            return values;
        })();

        GetSupportedDMResp.CmdType = (function() {
            var valuesById = {}, values = Object.create(valuesById);
            values[valuesById[0] = "CMD_UNKNOWN"] = 0;
            values[valuesById[1] = "CMD_SYNC"] = 1;
            values[valuesById[2] = "CMD_ASYNC"] = 2;
            return values;
        })();

        return GetSupportedDMResp;
    })();

    usp.GetInstances = (function() {

        function GetInstances(properties) {
            this.objPaths = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        GetInstances.prototype.objPaths = $util.emptyArray;
        GetInstances.prototype.firstLevelOnly = false;

        GetInstances.create = function create(properties) {
            return new GetInstances(properties);
        };

        GetInstances.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.objPaths != null && message.objPaths.length)
                for (var i = 0; i < message.objPaths.length; ++i)
                    writer.uint32(10).string(message.objPaths[i]);
            if (message.firstLevelOnly != null && Object.hasOwnProperty.call(message, "firstLevelOnly"))
                writer.uint32(16).bool(message.firstLevelOnly);
            return writer;
        };

        GetInstances.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.GetInstances();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.objPaths && message.objPaths.length))
                            message.objPaths = [];
                        message.objPaths.push(reader.string());
                        break;
                    }
                case 2: {
                        message.firstLevelOnly = reader.bool();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        GetInstances.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.GetInstances";
        };

        return GetInstances;
    })();

    usp.GetInstancesResp = (function() {

        function GetInstancesResp(properties) {
            this.reqPathResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        GetInstancesResp.prototype.reqPathResults = $util.emptyArray;

        GetInstancesResp.create = function create(properties) {
            return new GetInstancesResp(properties);
        };

        GetInstancesResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.reqPathResults != null && message.reqPathResults.length)
                for (var i = 0; i < message.reqPathResults.length; ++i)
                    $root.usp.GetInstancesResp.RequestedPathResult.encode(message.reqPathResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        GetInstancesResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.GetInstancesResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.reqPathResults && message.reqPathResults.length))
                            message.reqPathResults = [];
                        message.reqPathResults.push($root.usp.GetInstancesResp.RequestedPathResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        GetInstancesResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.GetInstancesResp";
        };

        GetInstancesResp.RequestedPathResult = (function() {

            function RequestedPathResult(properties) {
                this.currInsts = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            RequestedPathResult.prototype.requestedPath = "";
            RequestedPathResult.prototype.errCode = 0;
            RequestedPathResult.prototype.errMsg = "";
            RequestedPathResult.prototype.currInsts = $util.emptyArray;

            RequestedPathResult.create = function create(properties) {
                return new RequestedPathResult(properties);
            };

            RequestedPathResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.requestedPath != null && Object.hasOwnProperty.call(message, "requestedPath"))
                    writer.uint32(10).string(message.requestedPath);
                if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                    writer.uint32(21).fixed32(message.errCode);
                if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                    writer.uint32(26).string(message.errMsg);
                if (message.currInsts != null && message.currInsts.length)
                    for (var i = 0; i < message.currInsts.length; ++i)
                        $root.usp.GetInstancesResp.CurrInstance.encode(message.currInsts[i], writer.uint32(34).fork(), q + 1).ldelim();
                return writer;
            };

            RequestedPathResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetInstancesResp.RequestedPathResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.requestedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.errCode = reader.fixed32();
                            break;
                        }
                    case 3: {
                            message.errMsg = reader.string();
                            break;
                        }
                    case 4: {
                            if (!(message.currInsts && message.currInsts.length))
                                message.currInsts = [];
                            message.currInsts.push($root.usp.GetInstancesResp.CurrInstance.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            RequestedPathResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetInstancesResp.RequestedPathResult";
            };

            return RequestedPathResult;
        })();

        GetInstancesResp.CurrInstance = (function() {

            function CurrInstance(properties) {
                this.uniqueKeys = {};
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            CurrInstance.prototype.instantiatedObjPath = "";
            CurrInstance.prototype.uniqueKeys = $util.emptyObject;

            CurrInstance.create = function create(properties) {
                return new CurrInstance(properties);
            };

            CurrInstance.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.instantiatedObjPath != null && Object.hasOwnProperty.call(message, "instantiatedObjPath"))
                    writer.uint32(10).string(message.instantiatedObjPath);
                if (message.uniqueKeys != null && Object.hasOwnProperty.call(message, "uniqueKeys"))
                    for (var keys = Object.keys(message.uniqueKeys), i = 0; i < keys.length; ++i)
                        writer.uint32(18).fork().uint32(10).string(keys[i]).uint32(18).string(message.uniqueKeys[keys[i]]).ldelim();
                return writer;
            };

            CurrInstance.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.GetInstancesResp.CurrInstance();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.instantiatedObjPath = reader.string();
                            break;
                        }
                    case 2: {
                            if (message.uniqueKeys === $util.emptyObject)
                                message.uniqueKeys = {};
                            var end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                var tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.uniqueKeys, key);
                            message.uniqueKeys[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            CurrInstance.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.GetInstancesResp.CurrInstance";
            };

            return CurrInstance;
        })();

        return GetInstancesResp;
    })();

    usp.GetSupportedProtocol = (function() {

        function GetSupportedProtocol(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        GetSupportedProtocol.prototype.controllerSupportedProtocolVersions = "";

        GetSupportedProtocol.create = function create(properties) {
            return new GetSupportedProtocol(properties);
        };

        GetSupportedProtocol.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.controllerSupportedProtocolVersions != null && Object.hasOwnProperty.call(message, "controllerSupportedProtocolVersions"))
                writer.uint32(10).string(message.controllerSupportedProtocolVersions);
            return writer;
        };

        GetSupportedProtocol.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.GetSupportedProtocol();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.controllerSupportedProtocolVersions = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        GetSupportedProtocol.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.GetSupportedProtocol";
        };

        return GetSupportedProtocol;
    })();

    usp.GetSupportedProtocolResp = (function() {

        function GetSupportedProtocolResp(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        GetSupportedProtocolResp.prototype.agentSupportedProtocolVersions = "";

        GetSupportedProtocolResp.create = function create(properties) {
            return new GetSupportedProtocolResp(properties);
        };

        GetSupportedProtocolResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.agentSupportedProtocolVersions != null && Object.hasOwnProperty.call(message, "agentSupportedProtocolVersions"))
                writer.uint32(10).string(message.agentSupportedProtocolVersions);
            return writer;
        };

        GetSupportedProtocolResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.GetSupportedProtocolResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.agentSupportedProtocolVersions = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        GetSupportedProtocolResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.GetSupportedProtocolResp";
        };

        return GetSupportedProtocolResp;
    })();

    usp.Add = (function() {

        function Add(properties) {
            this.createObjs = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Add.prototype.allowPartial = false;
        Add.prototype.createObjs = $util.emptyArray;

        Add.create = function create(properties) {
            return new Add(properties);
        };

        Add.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.allowPartial != null && Object.hasOwnProperty.call(message, "allowPartial"))
                writer.uint32(8).bool(message.allowPartial);
            if (message.createObjs != null && message.createObjs.length)
                for (var i = 0; i < message.createObjs.length; ++i)
                    $root.usp.Add.CreateObject.encode(message.createObjs[i], writer.uint32(18).fork(), q + 1).ldelim();
            return writer;
        };

        Add.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Add();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.allowPartial = reader.bool();
                        break;
                    }
                case 2: {
                        if (!(message.createObjs && message.createObjs.length))
                            message.createObjs = [];
                        message.createObjs.push($root.usp.Add.CreateObject.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Add.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Add";
        };

        Add.CreateObject = (function() {

            function CreateObject(properties) {
                this.paramSettings = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            CreateObject.prototype.objPath = "";
            CreateObject.prototype.paramSettings = $util.emptyArray;

            CreateObject.create = function create(properties) {
                return new CreateObject(properties);
            };

            CreateObject.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.objPath != null && Object.hasOwnProperty.call(message, "objPath"))
                    writer.uint32(10).string(message.objPath);
                if (message.paramSettings != null && message.paramSettings.length)
                    for (var i = 0; i < message.paramSettings.length; ++i)
                        $root.usp.Add.CreateParamSetting.encode(message.paramSettings[i], writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            CreateObject.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Add.CreateObject();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.objPath = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.paramSettings && message.paramSettings.length))
                                message.paramSettings = [];
                            message.paramSettings.push($root.usp.Add.CreateParamSetting.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            CreateObject.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Add.CreateObject";
            };

            return CreateObject;
        })();

        Add.CreateParamSetting = (function() {

            function CreateParamSetting(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            CreateParamSetting.prototype.param = "";
            CreateParamSetting.prototype.value = "";
            CreateParamSetting.prototype.required = false;

            CreateParamSetting.create = function create(properties) {
                return new CreateParamSetting(properties);
            };

            CreateParamSetting.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.param != null && Object.hasOwnProperty.call(message, "param"))
                    writer.uint32(10).string(message.param);
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    writer.uint32(18).string(message.value);
                if (message.required != null && Object.hasOwnProperty.call(message, "required"))
                    writer.uint32(24).bool(message.required);
                return writer;
            };

            CreateParamSetting.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Add.CreateParamSetting();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.param = reader.string();
                            break;
                        }
                    case 2: {
                            message.value = reader.string();
                            break;
                        }
                    case 3: {
                            message.required = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            CreateParamSetting.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Add.CreateParamSetting";
            };

            return CreateParamSetting;
        })();

        return Add;
    })();

    usp.AddResp = (function() {

        function AddResp(properties) {
            this.createdObjResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        AddResp.prototype.createdObjResults = $util.emptyArray;

        AddResp.create = function create(properties) {
            return new AddResp(properties);
        };

        AddResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.createdObjResults != null && message.createdObjResults.length)
                for (var i = 0; i < message.createdObjResults.length; ++i)
                    $root.usp.AddResp.CreatedObjectResult.encode(message.createdObjResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        AddResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.AddResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.createdObjResults && message.createdObjResults.length))
                            message.createdObjResults = [];
                        message.createdObjResults.push($root.usp.AddResp.CreatedObjectResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        AddResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.AddResp";
        };

        AddResp.CreatedObjectResult = (function() {

            function CreatedObjectResult(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            CreatedObjectResult.prototype.requestedPath = "";
            CreatedObjectResult.prototype.operStatus = null;

            CreatedObjectResult.create = function create(properties) {
                return new CreatedObjectResult(properties);
            };

            CreatedObjectResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.requestedPath != null && Object.hasOwnProperty.call(message, "requestedPath"))
                    writer.uint32(10).string(message.requestedPath);
                if (message.operStatus != null && Object.hasOwnProperty.call(message, "operStatus"))
                    $root.usp.AddResp.CreatedObjectResult.OperationStatus.encode(message.operStatus, writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            CreatedObjectResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.AddResp.CreatedObjectResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.requestedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.operStatus = $root.usp.AddResp.CreatedObjectResult.OperationStatus.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            CreatedObjectResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.AddResp.CreatedObjectResult";
            };

            CreatedObjectResult.OperationStatus = (function() {

                function OperationStatus(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                OperationStatus.prototype.operFailure = null;
                OperationStatus.prototype.operSuccess = null;

                var $oneOfFields;

                Object.defineProperty(OperationStatus.prototype, "operStatus", {
                    get: $util.oneOfGetter($oneOfFields = ["operFailure", "operSuccess"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                OperationStatus.create = function create(properties) {
                    return new OperationStatus(properties);
                };

                OperationStatus.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.operFailure != null && Object.hasOwnProperty.call(message, "operFailure"))
                        $root.usp.AddResp.CreatedObjectResult.OperationStatus.OperationFailure.encode(message.operFailure, writer.uint32(10).fork(), q + 1).ldelim();
                    if (message.operSuccess != null && Object.hasOwnProperty.call(message, "operSuccess"))
                        $root.usp.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess.encode(message.operSuccess, writer.uint32(18).fork(), q + 1).ldelim();
                    return writer;
                };

                OperationStatus.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.AddResp.CreatedObjectResult.OperationStatus();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.operFailure = $root.usp.AddResp.CreatedObjectResult.OperationStatus.OperationFailure.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 2: {
                                message.operSuccess = $root.usp.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                OperationStatus.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.AddResp.CreatedObjectResult.OperationStatus";
                };

                OperationStatus.OperationFailure = (function() {

                    function OperationFailure(properties) {
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationFailure.prototype.errCode = 0;
                    OperationFailure.prototype.errMsg = "";

                    OperationFailure.create = function create(properties) {
                        return new OperationFailure(properties);
                    };

                    OperationFailure.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                            writer.uint32(13).fixed32(message.errCode);
                        if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                            writer.uint32(18).string(message.errMsg);
                        return writer;
                    };

                    OperationFailure.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.AddResp.CreatedObjectResult.OperationStatus.OperationFailure();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    message.errCode = reader.fixed32();
                                    break;
                                }
                            case 2: {
                                    message.errMsg = reader.string();
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.AddResp.CreatedObjectResult.OperationStatus.OperationFailure";
                    };

                    return OperationFailure;
                })();

                OperationStatus.OperationSuccess = (function() {

                    function OperationSuccess(properties) {
                        this.paramErrs = [];
                        this.uniqueKeys = {};
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationSuccess.prototype.instantiatedPath = "";
                    OperationSuccess.prototype.paramErrs = $util.emptyArray;
                    OperationSuccess.prototype.uniqueKeys = $util.emptyObject;

                    OperationSuccess.create = function create(properties) {
                        return new OperationSuccess(properties);
                    };

                    OperationSuccess.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.instantiatedPath != null && Object.hasOwnProperty.call(message, "instantiatedPath"))
                            writer.uint32(10).string(message.instantiatedPath);
                        if (message.paramErrs != null && message.paramErrs.length)
                            for (var i = 0; i < message.paramErrs.length; ++i)
                                $root.usp.AddResp.ParameterError.encode(message.paramErrs[i], writer.uint32(18).fork(), q + 1).ldelim();
                        if (message.uniqueKeys != null && Object.hasOwnProperty.call(message, "uniqueKeys"))
                            for (var keys = Object.keys(message.uniqueKeys), i = 0; i < keys.length; ++i)
                                writer.uint32(26).fork().uint32(10).string(keys[i]).uint32(18).string(message.uniqueKeys[keys[i]]).ldelim();
                        return writer;
                    };

                    OperationSuccess.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message, key, value;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    message.instantiatedPath = reader.string();
                                    break;
                                }
                            case 2: {
                                    if (!(message.paramErrs && message.paramErrs.length))
                                        message.paramErrs = [];
                                    message.paramErrs.push($root.usp.AddResp.ParameterError.decode(reader, reader.uint32(), undefined, long + 1));
                                    break;
                                }
                            case 3: {
                                    if (message.uniqueKeys === $util.emptyObject)
                                        message.uniqueKeys = {};
                                    var end2 = reader.uint32() + reader.pos;
                                    if (end2 > reader.len)
                                        throw RangeError("index out of range");
                                    reader.len = end2;
                                    key = "";
                                    value = "";
                                    while (reader.pos < end2) {
                                        var tag2 = reader.uint32();
                                        switch (tag2 >>> 3) {
                                        case 1:
                                            key = reader.string();
                                            break;
                                        case 2:
                                            value = reader.string();
                                            break;
                                        default:
                                            reader.skipType(tag2 & 7, long);
                                            break;
                                        }
                                    }
                                    if (reader.pos !== end2)
                                        throw RangeError("index out of range");
                                    reader.len = end;
                                    if (key === "__proto__")
                                        $util.makeProp(message.uniqueKeys, key);
                                    message.uniqueKeys[key] = value;
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationSuccess.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess";
                    };

                    return OperationSuccess;
                })();

                return OperationStatus;
            })();

            return CreatedObjectResult;
        })();

        AddResp.ParameterError = (function() {

            function ParameterError(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ParameterError.prototype.param = "";
            ParameterError.prototype.errCode = 0;
            ParameterError.prototype.errMsg = "";

            ParameterError.create = function create(properties) {
                return new ParameterError(properties);
            };

            ParameterError.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.param != null && Object.hasOwnProperty.call(message, "param"))
                    writer.uint32(10).string(message.param);
                if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                    writer.uint32(21).fixed32(message.errCode);
                if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                    writer.uint32(26).string(message.errMsg);
                return writer;
            };

            ParameterError.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.AddResp.ParameterError();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.param = reader.string();
                            break;
                        }
                    case 2: {
                            message.errCode = reader.fixed32();
                            break;
                        }
                    case 3: {
                            message.errMsg = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ParameterError.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.AddResp.ParameterError";
            };

            return ParameterError;
        })();

        return AddResp;
    })();

    usp.Delete = (function() {

        function Delete(properties) {
            this.objPaths = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Delete.prototype.allowPartial = false;
        Delete.prototype.objPaths = $util.emptyArray;

        Delete.create = function create(properties) {
            return new Delete(properties);
        };

        Delete.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.allowPartial != null && Object.hasOwnProperty.call(message, "allowPartial"))
                writer.uint32(8).bool(message.allowPartial);
            if (message.objPaths != null && message.objPaths.length)
                for (var i = 0; i < message.objPaths.length; ++i)
                    writer.uint32(18).string(message.objPaths[i]);
            return writer;
        };

        Delete.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Delete();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.allowPartial = reader.bool();
                        break;
                    }
                case 2: {
                        if (!(message.objPaths && message.objPaths.length))
                            message.objPaths = [];
                        message.objPaths.push(reader.string());
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Delete.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Delete";
        };

        return Delete;
    })();

    usp.DeleteResp = (function() {

        function DeleteResp(properties) {
            this.deletedObjResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        DeleteResp.prototype.deletedObjResults = $util.emptyArray;

        DeleteResp.create = function create(properties) {
            return new DeleteResp(properties);
        };

        DeleteResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.deletedObjResults != null && message.deletedObjResults.length)
                for (var i = 0; i < message.deletedObjResults.length; ++i)
                    $root.usp.DeleteResp.DeletedObjectResult.encode(message.deletedObjResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        DeleteResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.DeleteResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.deletedObjResults && message.deletedObjResults.length))
                            message.deletedObjResults = [];
                        message.deletedObjResults.push($root.usp.DeleteResp.DeletedObjectResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        DeleteResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.DeleteResp";
        };

        DeleteResp.DeletedObjectResult = (function() {

            function DeletedObjectResult(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            DeletedObjectResult.prototype.requestedPath = "";
            DeletedObjectResult.prototype.operStatus = null;

            DeletedObjectResult.create = function create(properties) {
                return new DeletedObjectResult(properties);
            };

            DeletedObjectResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.requestedPath != null && Object.hasOwnProperty.call(message, "requestedPath"))
                    writer.uint32(10).string(message.requestedPath);
                if (message.operStatus != null && Object.hasOwnProperty.call(message, "operStatus"))
                    $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.encode(message.operStatus, writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            DeletedObjectResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.DeleteResp.DeletedObjectResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.requestedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.operStatus = $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            DeletedObjectResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.DeleteResp.DeletedObjectResult";
            };

            DeletedObjectResult.OperationStatus = (function() {

                function OperationStatus(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                OperationStatus.prototype.operFailure = null;
                OperationStatus.prototype.operSuccess = null;

                var $oneOfFields;

                Object.defineProperty(OperationStatus.prototype, "operStatus", {
                    get: $util.oneOfGetter($oneOfFields = ["operFailure", "operSuccess"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                OperationStatus.create = function create(properties) {
                    return new OperationStatus(properties);
                };

                OperationStatus.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.operFailure != null && Object.hasOwnProperty.call(message, "operFailure"))
                        $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure.encode(message.operFailure, writer.uint32(10).fork(), q + 1).ldelim();
                    if (message.operSuccess != null && Object.hasOwnProperty.call(message, "operSuccess"))
                        $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.encode(message.operSuccess, writer.uint32(18).fork(), q + 1).ldelim();
                    return writer;
                };

                OperationStatus.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.DeleteResp.DeletedObjectResult.OperationStatus();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.operFailure = $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 2: {
                                message.operSuccess = $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                OperationStatus.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.DeleteResp.DeletedObjectResult.OperationStatus";
                };

                OperationStatus.OperationFailure = (function() {

                    function OperationFailure(properties) {
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationFailure.prototype.errCode = 0;
                    OperationFailure.prototype.errMsg = "";

                    OperationFailure.create = function create(properties) {
                        return new OperationFailure(properties);
                    };

                    OperationFailure.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                            writer.uint32(13).fixed32(message.errCode);
                        if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                            writer.uint32(18).string(message.errMsg);
                        return writer;
                    };

                    OperationFailure.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    message.errCode = reader.fixed32();
                                    break;
                                }
                            case 2: {
                                    message.errMsg = reader.string();
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure";
                    };

                    return OperationFailure;
                })();

                OperationStatus.OperationSuccess = (function() {

                    function OperationSuccess(properties) {
                        this.affectedPaths = [];
                        this.unaffectedPathErrs = [];
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationSuccess.prototype.affectedPaths = $util.emptyArray;
                    OperationSuccess.prototype.unaffectedPathErrs = $util.emptyArray;

                    OperationSuccess.create = function create(properties) {
                        return new OperationSuccess(properties);
                    };

                    OperationSuccess.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.affectedPaths != null && message.affectedPaths.length)
                            for (var i = 0; i < message.affectedPaths.length; ++i)
                                writer.uint32(10).string(message.affectedPaths[i]);
                        if (message.unaffectedPathErrs != null && message.unaffectedPathErrs.length)
                            for (var i = 0; i < message.unaffectedPathErrs.length; ++i)
                                $root.usp.DeleteResp.UnaffectedPathError.encode(message.unaffectedPathErrs[i], writer.uint32(18).fork(), q + 1).ldelim();
                        return writer;
                    };

                    OperationSuccess.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    if (!(message.affectedPaths && message.affectedPaths.length))
                                        message.affectedPaths = [];
                                    message.affectedPaths.push(reader.string());
                                    break;
                                }
                            case 2: {
                                    if (!(message.unaffectedPathErrs && message.unaffectedPathErrs.length))
                                        message.unaffectedPathErrs = [];
                                    message.unaffectedPathErrs.push($root.usp.DeleteResp.UnaffectedPathError.decode(reader, reader.uint32(), undefined, long + 1));
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationSuccess.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess";
                    };

                    return OperationSuccess;
                })();

                return OperationStatus;
            })();

            return DeletedObjectResult;
        })();

        DeleteResp.UnaffectedPathError = (function() {

            function UnaffectedPathError(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            UnaffectedPathError.prototype.unaffectedPath = "";
            UnaffectedPathError.prototype.errCode = 0;
            UnaffectedPathError.prototype.errMsg = "";

            UnaffectedPathError.create = function create(properties) {
                return new UnaffectedPathError(properties);
            };

            UnaffectedPathError.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.unaffectedPath != null && Object.hasOwnProperty.call(message, "unaffectedPath"))
                    writer.uint32(10).string(message.unaffectedPath);
                if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                    writer.uint32(21).fixed32(message.errCode);
                if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                    writer.uint32(26).string(message.errMsg);
                return writer;
            };

            UnaffectedPathError.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.DeleteResp.UnaffectedPathError();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.unaffectedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.errCode = reader.fixed32();
                            break;
                        }
                    case 3: {
                            message.errMsg = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            UnaffectedPathError.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.DeleteResp.UnaffectedPathError";
            };

            return UnaffectedPathError;
        })();

        return DeleteResp;
    })();

    usp.Set = (function() {

        function Set(properties) {
            this.updateObjs = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Set.prototype.allowPartial = false;
        Set.prototype.updateObjs = $util.emptyArray;

        Set.create = function create(properties) {
            return new Set(properties);
        };

        Set.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.allowPartial != null && Object.hasOwnProperty.call(message, "allowPartial"))
                writer.uint32(8).bool(message.allowPartial);
            if (message.updateObjs != null && message.updateObjs.length)
                for (var i = 0; i < message.updateObjs.length; ++i)
                    $root.usp.Set.UpdateObject.encode(message.updateObjs[i], writer.uint32(18).fork(), q + 1).ldelim();
            return writer;
        };

        Set.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Set();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.allowPartial = reader.bool();
                        break;
                    }
                case 2: {
                        if (!(message.updateObjs && message.updateObjs.length))
                            message.updateObjs = [];
                        message.updateObjs.push($root.usp.Set.UpdateObject.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Set.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Set";
        };

        Set.UpdateObject = (function() {

            function UpdateObject(properties) {
                this.paramSettings = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            UpdateObject.prototype.objPath = "";
            UpdateObject.prototype.paramSettings = $util.emptyArray;

            UpdateObject.create = function create(properties) {
                return new UpdateObject(properties);
            };

            UpdateObject.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.objPath != null && Object.hasOwnProperty.call(message, "objPath"))
                    writer.uint32(10).string(message.objPath);
                if (message.paramSettings != null && message.paramSettings.length)
                    for (var i = 0; i < message.paramSettings.length; ++i)
                        $root.usp.Set.UpdateParamSetting.encode(message.paramSettings[i], writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            UpdateObject.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Set.UpdateObject();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.objPath = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.paramSettings && message.paramSettings.length))
                                message.paramSettings = [];
                            message.paramSettings.push($root.usp.Set.UpdateParamSetting.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            UpdateObject.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Set.UpdateObject";
            };

            return UpdateObject;
        })();

        Set.UpdateParamSetting = (function() {

            function UpdateParamSetting(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            UpdateParamSetting.prototype.param = "";
            UpdateParamSetting.prototype.value = "";
            UpdateParamSetting.prototype.required = false;

            UpdateParamSetting.create = function create(properties) {
                return new UpdateParamSetting(properties);
            };

            UpdateParamSetting.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.param != null && Object.hasOwnProperty.call(message, "param"))
                    writer.uint32(10).string(message.param);
                if (message.value != null && Object.hasOwnProperty.call(message, "value"))
                    writer.uint32(18).string(message.value);
                if (message.required != null && Object.hasOwnProperty.call(message, "required"))
                    writer.uint32(24).bool(message.required);
                return writer;
            };

            UpdateParamSetting.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Set.UpdateParamSetting();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.param = reader.string();
                            break;
                        }
                    case 2: {
                            message.value = reader.string();
                            break;
                        }
                    case 3: {
                            message.required = reader.bool();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            UpdateParamSetting.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Set.UpdateParamSetting";
            };

            return UpdateParamSetting;
        })();

        return Set;
    })();

    usp.SetResp = (function() {

        function SetResp(properties) {
            this.updatedObjResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        SetResp.prototype.updatedObjResults = $util.emptyArray;

        SetResp.create = function create(properties) {
            return new SetResp(properties);
        };

        SetResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.updatedObjResults != null && message.updatedObjResults.length)
                for (var i = 0; i < message.updatedObjResults.length; ++i)
                    $root.usp.SetResp.UpdatedObjectResult.encode(message.updatedObjResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        SetResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.SetResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.updatedObjResults && message.updatedObjResults.length))
                            message.updatedObjResults = [];
                        message.updatedObjResults.push($root.usp.SetResp.UpdatedObjectResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        SetResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.SetResp";
        };

        SetResp.UpdatedObjectResult = (function() {

            function UpdatedObjectResult(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            UpdatedObjectResult.prototype.requestedPath = "";
            UpdatedObjectResult.prototype.operStatus = null;

            UpdatedObjectResult.create = function create(properties) {
                return new UpdatedObjectResult(properties);
            };

            UpdatedObjectResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.requestedPath != null && Object.hasOwnProperty.call(message, "requestedPath"))
                    writer.uint32(10).string(message.requestedPath);
                if (message.operStatus != null && Object.hasOwnProperty.call(message, "operStatus"))
                    $root.usp.SetResp.UpdatedObjectResult.OperationStatus.encode(message.operStatus, writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            UpdatedObjectResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.SetResp.UpdatedObjectResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.requestedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.operStatus = $root.usp.SetResp.UpdatedObjectResult.OperationStatus.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            UpdatedObjectResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.SetResp.UpdatedObjectResult";
            };

            UpdatedObjectResult.OperationStatus = (function() {

                function OperationStatus(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                OperationStatus.prototype.operFailure = null;
                OperationStatus.prototype.operSuccess = null;

                var $oneOfFields;

                Object.defineProperty(OperationStatus.prototype, "operStatus", {
                    get: $util.oneOfGetter($oneOfFields = ["operFailure", "operSuccess"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                OperationStatus.create = function create(properties) {
                    return new OperationStatus(properties);
                };

                OperationStatus.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.operFailure != null && Object.hasOwnProperty.call(message, "operFailure"))
                        $root.usp.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure.encode(message.operFailure, writer.uint32(10).fork(), q + 1).ldelim();
                    if (message.operSuccess != null && Object.hasOwnProperty.call(message, "operSuccess"))
                        $root.usp.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess.encode(message.operSuccess, writer.uint32(18).fork(), q + 1).ldelim();
                    return writer;
                };

                OperationStatus.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.SetResp.UpdatedObjectResult.OperationStatus();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.operFailure = $root.usp.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 2: {
                                message.operSuccess = $root.usp.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                OperationStatus.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.SetResp.UpdatedObjectResult.OperationStatus";
                };

                OperationStatus.OperationFailure = (function() {

                    function OperationFailure(properties) {
                        this.updatedInstFailures = [];
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationFailure.prototype.errCode = 0;
                    OperationFailure.prototype.errMsg = "";
                    OperationFailure.prototype.updatedInstFailures = $util.emptyArray;

                    OperationFailure.create = function create(properties) {
                        return new OperationFailure(properties);
                    };

                    OperationFailure.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                            writer.uint32(13).fixed32(message.errCode);
                        if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                            writer.uint32(18).string(message.errMsg);
                        if (message.updatedInstFailures != null && message.updatedInstFailures.length)
                            for (var i = 0; i < message.updatedInstFailures.length; ++i)
                                $root.usp.SetResp.UpdatedInstanceFailure.encode(message.updatedInstFailures[i], writer.uint32(26).fork(), q + 1).ldelim();
                        return writer;
                    };

                    OperationFailure.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    message.errCode = reader.fixed32();
                                    break;
                                }
                            case 2: {
                                    message.errMsg = reader.string();
                                    break;
                                }
                            case 3: {
                                    if (!(message.updatedInstFailures && message.updatedInstFailures.length))
                                        message.updatedInstFailures = [];
                                    message.updatedInstFailures.push($root.usp.SetResp.UpdatedInstanceFailure.decode(reader, reader.uint32(), undefined, long + 1));
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure";
                    };

                    return OperationFailure;
                })();

                OperationStatus.OperationSuccess = (function() {

                    function OperationSuccess(properties) {
                        this.updatedInstResults = [];
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationSuccess.prototype.updatedInstResults = $util.emptyArray;

                    OperationSuccess.create = function create(properties) {
                        return new OperationSuccess(properties);
                    };

                    OperationSuccess.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.updatedInstResults != null && message.updatedInstResults.length)
                            for (var i = 0; i < message.updatedInstResults.length; ++i)
                                $root.usp.SetResp.UpdatedInstanceResult.encode(message.updatedInstResults[i], writer.uint32(10).fork(), q + 1).ldelim();
                        return writer;
                    };

                    OperationSuccess.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    if (!(message.updatedInstResults && message.updatedInstResults.length))
                                        message.updatedInstResults = [];
                                    message.updatedInstResults.push($root.usp.SetResp.UpdatedInstanceResult.decode(reader, reader.uint32(), undefined, long + 1));
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationSuccess.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess";
                    };

                    return OperationSuccess;
                })();

                return OperationStatus;
            })();

            return UpdatedObjectResult;
        })();

        SetResp.UpdatedInstanceFailure = (function() {

            function UpdatedInstanceFailure(properties) {
                this.paramErrs = [];
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            UpdatedInstanceFailure.prototype.affectedPath = "";
            UpdatedInstanceFailure.prototype.paramErrs = $util.emptyArray;

            UpdatedInstanceFailure.create = function create(properties) {
                return new UpdatedInstanceFailure(properties);
            };

            UpdatedInstanceFailure.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.affectedPath != null && Object.hasOwnProperty.call(message, "affectedPath"))
                    writer.uint32(10).string(message.affectedPath);
                if (message.paramErrs != null && message.paramErrs.length)
                    for (var i = 0; i < message.paramErrs.length; ++i)
                        $root.usp.SetResp.ParameterError.encode(message.paramErrs[i], writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            UpdatedInstanceFailure.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.SetResp.UpdatedInstanceFailure();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.affectedPath = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.paramErrs && message.paramErrs.length))
                                message.paramErrs = [];
                            message.paramErrs.push($root.usp.SetResp.ParameterError.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            UpdatedInstanceFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.SetResp.UpdatedInstanceFailure";
            };

            return UpdatedInstanceFailure;
        })();

        SetResp.UpdatedInstanceResult = (function() {

            function UpdatedInstanceResult(properties) {
                this.paramErrs = [];
                this.updatedParams = {};
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            UpdatedInstanceResult.prototype.affectedPath = "";
            UpdatedInstanceResult.prototype.paramErrs = $util.emptyArray;
            UpdatedInstanceResult.prototype.updatedParams = $util.emptyObject;

            UpdatedInstanceResult.create = function create(properties) {
                return new UpdatedInstanceResult(properties);
            };

            UpdatedInstanceResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.affectedPath != null && Object.hasOwnProperty.call(message, "affectedPath"))
                    writer.uint32(10).string(message.affectedPath);
                if (message.paramErrs != null && message.paramErrs.length)
                    for (var i = 0; i < message.paramErrs.length; ++i)
                        $root.usp.SetResp.ParameterError.encode(message.paramErrs[i], writer.uint32(18).fork(), q + 1).ldelim();
                if (message.updatedParams != null && Object.hasOwnProperty.call(message, "updatedParams"))
                    for (var keys = Object.keys(message.updatedParams), i = 0; i < keys.length; ++i)
                        writer.uint32(26).fork().uint32(10).string(keys[i]).uint32(18).string(message.updatedParams[keys[i]]).ldelim();
                return writer;
            };

            UpdatedInstanceResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.SetResp.UpdatedInstanceResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.affectedPath = reader.string();
                            break;
                        }
                    case 2: {
                            if (!(message.paramErrs && message.paramErrs.length))
                                message.paramErrs = [];
                            message.paramErrs.push($root.usp.SetResp.ParameterError.decode(reader, reader.uint32(), undefined, long + 1));
                            break;
                        }
                    case 3: {
                            if (message.updatedParams === $util.emptyObject)
                                message.updatedParams = {};
                            var end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                var tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.updatedParams, key);
                            message.updatedParams[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            UpdatedInstanceResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.SetResp.UpdatedInstanceResult";
            };

            return UpdatedInstanceResult;
        })();

        SetResp.ParameterError = (function() {

            function ParameterError(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ParameterError.prototype.param = "";
            ParameterError.prototype.errCode = 0;
            ParameterError.prototype.errMsg = "";

            ParameterError.create = function create(properties) {
                return new ParameterError(properties);
            };

            ParameterError.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.param != null && Object.hasOwnProperty.call(message, "param"))
                    writer.uint32(10).string(message.param);
                if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                    writer.uint32(21).fixed32(message.errCode);
                if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                    writer.uint32(26).string(message.errMsg);
                return writer;
            };

            ParameterError.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.SetResp.ParameterError();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.param = reader.string();
                            break;
                        }
                    case 2: {
                            message.errCode = reader.fixed32();
                            break;
                        }
                    case 3: {
                            message.errMsg = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ParameterError.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.SetResp.ParameterError";
            };

            return ParameterError;
        })();

        return SetResp;
    })();

    usp.Operate = (function() {

        function Operate(properties) {
            this.inputArgs = {};
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Operate.prototype.command = "";
        Operate.prototype.commandKey = "";
        Operate.prototype.sendResp = false;
        Operate.prototype.inputArgs = $util.emptyObject;

        Operate.create = function create(properties) {
            return new Operate(properties);
        };

        Operate.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.command != null && Object.hasOwnProperty.call(message, "command"))
                writer.uint32(10).string(message.command);
            if (message.commandKey != null && Object.hasOwnProperty.call(message, "commandKey"))
                writer.uint32(18).string(message.commandKey);
            if (message.sendResp != null && Object.hasOwnProperty.call(message, "sendResp"))
                writer.uint32(24).bool(message.sendResp);
            if (message.inputArgs != null && Object.hasOwnProperty.call(message, "inputArgs"))
                for (var keys = Object.keys(message.inputArgs), i = 0; i < keys.length; ++i)
                    writer.uint32(34).fork().uint32(10).string(keys[i]).uint32(18).string(message.inputArgs[keys[i]]).ldelim();
            return writer;
        };

        Operate.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message, key, value;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Operate();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.command = reader.string();
                        break;
                    }
                case 2: {
                        message.commandKey = reader.string();
                        break;
                    }
                case 3: {
                        message.sendResp = reader.bool();
                        break;
                    }
                case 4: {
                        if (message.inputArgs === $util.emptyObject)
                            message.inputArgs = {};
                        var end2 = reader.uint32() + reader.pos;
                        if (end2 > reader.len)
                            throw RangeError("index out of range");
                        reader.len = end2;
                        key = "";
                        value = "";
                        while (reader.pos < end2) {
                            var tag2 = reader.uint32();
                            switch (tag2 >>> 3) {
                            case 1:
                                key = reader.string();
                                break;
                            case 2:
                                value = reader.string();
                                break;
                            default:
                                reader.skipType(tag2 & 7, long);
                                break;
                            }
                        }
                        if (reader.pos !== end2)
                            throw RangeError("index out of range");
                        reader.len = end;
                        if (key === "__proto__")
                            $util.makeProp(message.inputArgs, key);
                        message.inputArgs[key] = value;
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Operate.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Operate";
        };

        return Operate;
    })();

    usp.OperateResp = (function() {

        function OperateResp(properties) {
            this.operationResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        OperateResp.prototype.operationResults = $util.emptyArray;

        OperateResp.create = function create(properties) {
            return new OperateResp(properties);
        };

        OperateResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.operationResults != null && message.operationResults.length)
                for (var i = 0; i < message.operationResults.length; ++i)
                    $root.usp.OperateResp.OperationResult.encode(message.operationResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        OperateResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.OperateResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.operationResults && message.operationResults.length))
                            message.operationResults = [];
                        message.operationResults.push($root.usp.OperateResp.OperationResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        OperateResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.OperateResp";
        };

        OperateResp.OperationResult = (function() {

            function OperationResult(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            OperationResult.prototype.executedCommand = "";
            OperationResult.prototype.reqObjPath = null;
            OperationResult.prototype.reqOutputArgs = null;
            OperationResult.prototype.cmdFailure = null;

            var $oneOfFields;

            Object.defineProperty(OperationResult.prototype, "operationResp", {
                get: $util.oneOfGetter($oneOfFields = ["reqObjPath", "reqOutputArgs", "cmdFailure"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            OperationResult.create = function create(properties) {
                return new OperationResult(properties);
            };

            OperationResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.executedCommand != null && Object.hasOwnProperty.call(message, "executedCommand"))
                    writer.uint32(10).string(message.executedCommand);
                if (message.reqObjPath != null && Object.hasOwnProperty.call(message, "reqObjPath"))
                    writer.uint32(18).string(message.reqObjPath);
                if (message.reqOutputArgs != null && Object.hasOwnProperty.call(message, "reqOutputArgs"))
                    $root.usp.OperateResp.OperationResult.OutputArgs.encode(message.reqOutputArgs, writer.uint32(26).fork(), q + 1).ldelim();
                if (message.cmdFailure != null && Object.hasOwnProperty.call(message, "cmdFailure"))
                    $root.usp.OperateResp.OperationResult.CommandFailure.encode(message.cmdFailure, writer.uint32(34).fork(), q + 1).ldelim();
                return writer;
            };

            OperationResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.OperateResp.OperationResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.executedCommand = reader.string();
                            break;
                        }
                    case 2: {
                            message.reqObjPath = reader.string();
                            break;
                        }
                    case 3: {
                            message.reqOutputArgs = $root.usp.OperateResp.OperationResult.OutputArgs.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 4: {
                            message.cmdFailure = $root.usp.OperateResp.OperationResult.CommandFailure.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            OperationResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.OperateResp.OperationResult";
            };

            OperationResult.OutputArgs = (function() {

                function OutputArgs(properties) {
                    this.outputArgs = {};
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                OutputArgs.prototype.outputArgs = $util.emptyObject;

                OutputArgs.create = function create(properties) {
                    return new OutputArgs(properties);
                };

                OutputArgs.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.outputArgs != null && Object.hasOwnProperty.call(message, "outputArgs"))
                        for (var keys = Object.keys(message.outputArgs), i = 0; i < keys.length; ++i)
                            writer.uint32(10).fork().uint32(10).string(keys[i]).uint32(18).string(message.outputArgs[keys[i]]).ldelim();
                    return writer;
                };

                OutputArgs.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message, key, value;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.OperateResp.OperationResult.OutputArgs();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (message.outputArgs === $util.emptyObject)
                                    message.outputArgs = {};
                                var end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = "";
                                while (reader.pos < end2) {
                                    var tag2 = reader.uint32();
                                    switch (tag2 >>> 3) {
                                    case 1:
                                        key = reader.string();
                                        break;
                                    case 2:
                                        value = reader.string();
                                        break;
                                    default:
                                        reader.skipType(tag2 & 7, long);
                                        break;
                                    }
                                }
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.outputArgs, key);
                                message.outputArgs[key] = value;
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                OutputArgs.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.OperateResp.OperationResult.OutputArgs";
                };

                return OutputArgs;
            })();

            OperationResult.CommandFailure = (function() {

                function CommandFailure(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                CommandFailure.prototype.errCode = 0;
                CommandFailure.prototype.errMsg = "";

                CommandFailure.create = function create(properties) {
                    return new CommandFailure(properties);
                };

                CommandFailure.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                        writer.uint32(13).fixed32(message.errCode);
                    if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                        writer.uint32(18).string(message.errMsg);
                    return writer;
                };

                CommandFailure.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.OperateResp.OperationResult.CommandFailure();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.errCode = reader.fixed32();
                                break;
                            }
                        case 2: {
                                message.errMsg = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                CommandFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.OperateResp.OperationResult.CommandFailure";
                };

                return CommandFailure;
            })();

            return OperationResult;
        })();

        return OperateResp;
    })();

    usp.Notify = (function() {

        function Notify(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Notify.prototype.subscriptionId = "";
        Notify.prototype.sendResp = false;
        Notify.prototype.event = null;
        Notify.prototype.valueChange = null;
        Notify.prototype.objCreation = null;
        Notify.prototype.objDeletion = null;
        Notify.prototype.operComplete = null;
        Notify.prototype.onBoardReq = null;

        var $oneOfFields;

        Object.defineProperty(Notify.prototype, "notification", {
            get: $util.oneOfGetter($oneOfFields = ["event", "valueChange", "objCreation", "objDeletion", "operComplete", "onBoardReq"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        Notify.create = function create(properties) {
            return new Notify(properties);
        };

        Notify.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.subscriptionId != null && Object.hasOwnProperty.call(message, "subscriptionId"))
                writer.uint32(10).string(message.subscriptionId);
            if (message.sendResp != null && Object.hasOwnProperty.call(message, "sendResp"))
                writer.uint32(16).bool(message.sendResp);
            if (message.event != null && Object.hasOwnProperty.call(message, "event"))
                $root.usp.Notify.Event.encode(message.event, writer.uint32(26).fork(), q + 1).ldelim();
            if (message.valueChange != null && Object.hasOwnProperty.call(message, "valueChange"))
                $root.usp.Notify.ValueChange.encode(message.valueChange, writer.uint32(34).fork(), q + 1).ldelim();
            if (message.objCreation != null && Object.hasOwnProperty.call(message, "objCreation"))
                $root.usp.Notify.ObjectCreation.encode(message.objCreation, writer.uint32(42).fork(), q + 1).ldelim();
            if (message.objDeletion != null && Object.hasOwnProperty.call(message, "objDeletion"))
                $root.usp.Notify.ObjectDeletion.encode(message.objDeletion, writer.uint32(50).fork(), q + 1).ldelim();
            if (message.operComplete != null && Object.hasOwnProperty.call(message, "operComplete"))
                $root.usp.Notify.OperationComplete.encode(message.operComplete, writer.uint32(58).fork(), q + 1).ldelim();
            if (message.onBoardReq != null && Object.hasOwnProperty.call(message, "onBoardReq"))
                $root.usp.Notify.OnBoardRequest.encode(message.onBoardReq, writer.uint32(66).fork(), q + 1).ldelim();
            return writer;
        };

        Notify.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Notify();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.subscriptionId = reader.string();
                        break;
                    }
                case 2: {
                        message.sendResp = reader.bool();
                        break;
                    }
                case 3: {
                        message.event = $root.usp.Notify.Event.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 4: {
                        message.valueChange = $root.usp.Notify.ValueChange.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 5: {
                        message.objCreation = $root.usp.Notify.ObjectCreation.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 6: {
                        message.objDeletion = $root.usp.Notify.ObjectDeletion.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 7: {
                        message.operComplete = $root.usp.Notify.OperationComplete.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                case 8: {
                        message.onBoardReq = $root.usp.Notify.OnBoardRequest.decode(reader, reader.uint32(), undefined, long + 1);
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Notify.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Notify";
        };

        Notify.Event = (function() {

            function Event(properties) {
                this.params = {};
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            Event.prototype.objPath = "";
            Event.prototype.eventName = "";
            Event.prototype.params = $util.emptyObject;

            Event.create = function create(properties) {
                return new Event(properties);
            };

            Event.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.objPath != null && Object.hasOwnProperty.call(message, "objPath"))
                    writer.uint32(10).string(message.objPath);
                if (message.eventName != null && Object.hasOwnProperty.call(message, "eventName"))
                    writer.uint32(18).string(message.eventName);
                if (message.params != null && Object.hasOwnProperty.call(message, "params"))
                    for (var keys = Object.keys(message.params), i = 0; i < keys.length; ++i)
                        writer.uint32(26).fork().uint32(10).string(keys[i]).uint32(18).string(message.params[keys[i]]).ldelim();
                return writer;
            };

            Event.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Notify.Event();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.objPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.eventName = reader.string();
                            break;
                        }
                    case 3: {
                            if (message.params === $util.emptyObject)
                                message.params = {};
                            var end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                var tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.params, key);
                            message.params[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            Event.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Notify.Event";
            };

            return Event;
        })();

        Notify.ValueChange = (function() {

            function ValueChange(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ValueChange.prototype.paramPath = "";
            ValueChange.prototype.paramValue = "";

            ValueChange.create = function create(properties) {
                return new ValueChange(properties);
            };

            ValueChange.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.paramPath != null && Object.hasOwnProperty.call(message, "paramPath"))
                    writer.uint32(10).string(message.paramPath);
                if (message.paramValue != null && Object.hasOwnProperty.call(message, "paramValue"))
                    writer.uint32(18).string(message.paramValue);
                return writer;
            };

            ValueChange.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Notify.ValueChange();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.paramPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.paramValue = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ValueChange.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Notify.ValueChange";
            };

            return ValueChange;
        })();

        Notify.ObjectCreation = (function() {

            function ObjectCreation(properties) {
                this.uniqueKeys = {};
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ObjectCreation.prototype.objPath = "";
            ObjectCreation.prototype.uniqueKeys = $util.emptyObject;

            ObjectCreation.create = function create(properties) {
                return new ObjectCreation(properties);
            };

            ObjectCreation.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.objPath != null && Object.hasOwnProperty.call(message, "objPath"))
                    writer.uint32(10).string(message.objPath);
                if (message.uniqueKeys != null && Object.hasOwnProperty.call(message, "uniqueKeys"))
                    for (var keys = Object.keys(message.uniqueKeys), i = 0; i < keys.length; ++i)
                        writer.uint32(18).fork().uint32(10).string(keys[i]).uint32(18).string(message.uniqueKeys[keys[i]]).ldelim();
                return writer;
            };

            ObjectCreation.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message, key, value;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Notify.ObjectCreation();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.objPath = reader.string();
                            break;
                        }
                    case 2: {
                            if (message.uniqueKeys === $util.emptyObject)
                                message.uniqueKeys = {};
                            var end2 = reader.uint32() + reader.pos;
                            if (end2 > reader.len)
                                throw RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                var tag2 = reader.uint32();
                                switch (tag2 >>> 3) {
                                case 1:
                                    key = reader.string();
                                    break;
                                case 2:
                                    value = reader.string();
                                    break;
                                default:
                                    reader.skipType(tag2 & 7, long);
                                    break;
                                }
                            }
                            if (reader.pos !== end2)
                                throw RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.uniqueKeys, key);
                            message.uniqueKeys[key] = value;
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ObjectCreation.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Notify.ObjectCreation";
            };

            return ObjectCreation;
        })();

        Notify.ObjectDeletion = (function() {

            function ObjectDeletion(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            ObjectDeletion.prototype.objPath = "";

            ObjectDeletion.create = function create(properties) {
                return new ObjectDeletion(properties);
            };

            ObjectDeletion.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.objPath != null && Object.hasOwnProperty.call(message, "objPath"))
                    writer.uint32(10).string(message.objPath);
                return writer;
            };

            ObjectDeletion.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Notify.ObjectDeletion();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.objPath = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            ObjectDeletion.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Notify.ObjectDeletion";
            };

            return ObjectDeletion;
        })();

        Notify.OperationComplete = (function() {

            function OperationComplete(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            OperationComplete.prototype.objPath = "";
            OperationComplete.prototype.commandName = "";
            OperationComplete.prototype.commandKey = "";
            OperationComplete.prototype.reqOutputArgs = null;
            OperationComplete.prototype.cmdFailure = null;

            var $oneOfFields;

            Object.defineProperty(OperationComplete.prototype, "operationResp", {
                get: $util.oneOfGetter($oneOfFields = ["reqOutputArgs", "cmdFailure"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            OperationComplete.create = function create(properties) {
                return new OperationComplete(properties);
            };

            OperationComplete.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.objPath != null && Object.hasOwnProperty.call(message, "objPath"))
                    writer.uint32(10).string(message.objPath);
                if (message.commandName != null && Object.hasOwnProperty.call(message, "commandName"))
                    writer.uint32(18).string(message.commandName);
                if (message.commandKey != null && Object.hasOwnProperty.call(message, "commandKey"))
                    writer.uint32(26).string(message.commandKey);
                if (message.reqOutputArgs != null && Object.hasOwnProperty.call(message, "reqOutputArgs"))
                    $root.usp.Notify.OperationComplete.OutputArgs.encode(message.reqOutputArgs, writer.uint32(34).fork(), q + 1).ldelim();
                if (message.cmdFailure != null && Object.hasOwnProperty.call(message, "cmdFailure"))
                    $root.usp.Notify.OperationComplete.CommandFailure.encode(message.cmdFailure, writer.uint32(42).fork(), q + 1).ldelim();
                return writer;
            };

            OperationComplete.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Notify.OperationComplete();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.objPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.commandName = reader.string();
                            break;
                        }
                    case 3: {
                            message.commandKey = reader.string();
                            break;
                        }
                    case 4: {
                            message.reqOutputArgs = $root.usp.Notify.OperationComplete.OutputArgs.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    case 5: {
                            message.cmdFailure = $root.usp.Notify.OperationComplete.CommandFailure.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            OperationComplete.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Notify.OperationComplete";
            };

            OperationComplete.OutputArgs = (function() {

                function OutputArgs(properties) {
                    this.outputArgs = {};
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                OutputArgs.prototype.outputArgs = $util.emptyObject;

                OutputArgs.create = function create(properties) {
                    return new OutputArgs(properties);
                };

                OutputArgs.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.outputArgs != null && Object.hasOwnProperty.call(message, "outputArgs"))
                        for (var keys = Object.keys(message.outputArgs), i = 0; i < keys.length; ++i)
                            writer.uint32(10).fork().uint32(10).string(keys[i]).uint32(18).string(message.outputArgs[keys[i]]).ldelim();
                    return writer;
                };

                OutputArgs.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message, key, value;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.Notify.OperationComplete.OutputArgs();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                if (message.outputArgs === $util.emptyObject)
                                    message.outputArgs = {};
                                var end2 = reader.uint32() + reader.pos;
                                if (end2 > reader.len)
                                    throw RangeError("index out of range");
                                reader.len = end2;
                                key = "";
                                value = "";
                                while (reader.pos < end2) {
                                    var tag2 = reader.uint32();
                                    switch (tag2 >>> 3) {
                                    case 1:
                                        key = reader.string();
                                        break;
                                    case 2:
                                        value = reader.string();
                                        break;
                                    default:
                                        reader.skipType(tag2 & 7, long);
                                        break;
                                    }
                                }
                                if (reader.pos !== end2)
                                    throw RangeError("index out of range");
                                reader.len = end;
                                if (key === "__proto__")
                                    $util.makeProp(message.outputArgs, key);
                                message.outputArgs[key] = value;
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                OutputArgs.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.Notify.OperationComplete.OutputArgs";
                };

                return OutputArgs;
            })();

            OperationComplete.CommandFailure = (function() {

                function CommandFailure(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                CommandFailure.prototype.errCode = 0;
                CommandFailure.prototype.errMsg = "";

                CommandFailure.create = function create(properties) {
                    return new CommandFailure(properties);
                };

                CommandFailure.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                        writer.uint32(13).fixed32(message.errCode);
                    if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                        writer.uint32(18).string(message.errMsg);
                    return writer;
                };

                CommandFailure.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.Notify.OperationComplete.CommandFailure();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.errCode = reader.fixed32();
                                break;
                            }
                        case 2: {
                                message.errMsg = reader.string();
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                CommandFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.Notify.OperationComplete.CommandFailure";
                };

                return CommandFailure;
            })();

            return OperationComplete;
        })();

        Notify.OnBoardRequest = (function() {

            function OnBoardRequest(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            OnBoardRequest.prototype.oui = "";
            OnBoardRequest.prototype.productClass = "";
            OnBoardRequest.prototype.serialNumber = "";
            OnBoardRequest.prototype.agentSupportedProtocolVersions = "";

            OnBoardRequest.create = function create(properties) {
                return new OnBoardRequest(properties);
            };

            OnBoardRequest.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.oui != null && Object.hasOwnProperty.call(message, "oui"))
                    writer.uint32(10).string(message.oui);
                if (message.productClass != null && Object.hasOwnProperty.call(message, "productClass"))
                    writer.uint32(18).string(message.productClass);
                if (message.serialNumber != null && Object.hasOwnProperty.call(message, "serialNumber"))
                    writer.uint32(26).string(message.serialNumber);
                if (message.agentSupportedProtocolVersions != null && Object.hasOwnProperty.call(message, "agentSupportedProtocolVersions"))
                    writer.uint32(34).string(message.agentSupportedProtocolVersions);
                return writer;
            };

            OnBoardRequest.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Notify.OnBoardRequest();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.oui = reader.string();
                            break;
                        }
                    case 2: {
                            message.productClass = reader.string();
                            break;
                        }
                    case 3: {
                            message.serialNumber = reader.string();
                            break;
                        }
                    case 4: {
                            message.agentSupportedProtocolVersions = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            OnBoardRequest.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Notify.OnBoardRequest";
            };

            return OnBoardRequest;
        })();

        return Notify;
    })();

    usp.NotifyResp = (function() {

        function NotifyResp(properties) {
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        NotifyResp.prototype.subscriptionId = "";

        NotifyResp.create = function create(properties) {
            return new NotifyResp(properties);
        };

        NotifyResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.subscriptionId != null && Object.hasOwnProperty.call(message, "subscriptionId"))
                writer.uint32(10).string(message.subscriptionId);
            return writer;
        };

        NotifyResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.NotifyResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.subscriptionId = reader.string();
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        NotifyResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.NotifyResp";
        };

        return NotifyResp;
    })();

    usp.Register = (function() {

        function Register(properties) {
            this.regPaths = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Register.prototype.allowPartial = false;
        Register.prototype.regPaths = $util.emptyArray;

        Register.create = function create(properties) {
            return new Register(properties);
        };

        Register.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.allowPartial != null && Object.hasOwnProperty.call(message, "allowPartial"))
                writer.uint32(8).bool(message.allowPartial);
            if (message.regPaths != null && message.regPaths.length)
                for (var i = 0; i < message.regPaths.length; ++i)
                    $root.usp.Register.RegistrationPath.encode(message.regPaths[i], writer.uint32(18).fork(), q + 1).ldelim();
            return writer;
        };

        Register.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Register();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        message.allowPartial = reader.bool();
                        break;
                    }
                case 2: {
                        if (!(message.regPaths && message.regPaths.length))
                            message.regPaths = [];
                        message.regPaths.push($root.usp.Register.RegistrationPath.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Register.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Register";
        };

        Register.RegistrationPath = (function() {

            function RegistrationPath(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            RegistrationPath.prototype.path = "";

            RegistrationPath.create = function create(properties) {
                return new RegistrationPath(properties);
            };

            RegistrationPath.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.path != null && Object.hasOwnProperty.call(message, "path"))
                    writer.uint32(10).string(message.path);
                return writer;
            };

            RegistrationPath.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.Register.RegistrationPath();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.path = reader.string();
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            RegistrationPath.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.Register.RegistrationPath";
            };

            return RegistrationPath;
        })();

        return Register;
    })();

    usp.RegisterResp = (function() {

        function RegisterResp(properties) {
            this.registeredPathResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        RegisterResp.prototype.registeredPathResults = $util.emptyArray;

        RegisterResp.create = function create(properties) {
            return new RegisterResp(properties);
        };

        RegisterResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.registeredPathResults != null && message.registeredPathResults.length)
                for (var i = 0; i < message.registeredPathResults.length; ++i)
                    $root.usp.RegisterResp.RegisteredPathResult.encode(message.registeredPathResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        RegisterResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.RegisterResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.registeredPathResults && message.registeredPathResults.length))
                            message.registeredPathResults = [];
                        message.registeredPathResults.push($root.usp.RegisterResp.RegisteredPathResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        RegisterResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.RegisterResp";
        };

        RegisterResp.RegisteredPathResult = (function() {

            function RegisteredPathResult(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            RegisteredPathResult.prototype.requestedPath = "";
            RegisteredPathResult.prototype.operStatus = null;

            RegisteredPathResult.create = function create(properties) {
                return new RegisteredPathResult(properties);
            };

            RegisteredPathResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.requestedPath != null && Object.hasOwnProperty.call(message, "requestedPath"))
                    writer.uint32(10).string(message.requestedPath);
                if (message.operStatus != null && Object.hasOwnProperty.call(message, "operStatus"))
                    $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.encode(message.operStatus, writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            RegisteredPathResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.RegisterResp.RegisteredPathResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.requestedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.operStatus = $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            RegisteredPathResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.RegisterResp.RegisteredPathResult";
            };

            RegisteredPathResult.OperationStatus = (function() {

                function OperationStatus(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                OperationStatus.prototype.operFailure = null;
                OperationStatus.prototype.operSuccess = null;

                var $oneOfFields;

                Object.defineProperty(OperationStatus.prototype, "operStatus", {
                    get: $util.oneOfGetter($oneOfFields = ["operFailure", "operSuccess"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                OperationStatus.create = function create(properties) {
                    return new OperationStatus(properties);
                };

                OperationStatus.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.operFailure != null && Object.hasOwnProperty.call(message, "operFailure"))
                        $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationFailure.encode(message.operFailure, writer.uint32(10).fork(), q + 1).ldelim();
                    if (message.operSuccess != null && Object.hasOwnProperty.call(message, "operSuccess"))
                        $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationSuccess.encode(message.operSuccess, writer.uint32(18).fork(), q + 1).ldelim();
                    return writer;
                };

                OperationStatus.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.RegisterResp.RegisteredPathResult.OperationStatus();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.operFailure = $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationFailure.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 2: {
                                message.operSuccess = $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationSuccess.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                OperationStatus.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.RegisterResp.RegisteredPathResult.OperationStatus";
                };

                OperationStatus.OperationFailure = (function() {

                    function OperationFailure(properties) {
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationFailure.prototype.errCode = 0;
                    OperationFailure.prototype.errMsg = "";

                    OperationFailure.create = function create(properties) {
                        return new OperationFailure(properties);
                    };

                    OperationFailure.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                            writer.uint32(13).fixed32(message.errCode);
                        if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                            writer.uint32(18).string(message.errMsg);
                        return writer;
                    };

                    OperationFailure.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationFailure();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    message.errCode = reader.fixed32();
                                    break;
                                }
                            case 2: {
                                    message.errMsg = reader.string();
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationFailure";
                    };

                    return OperationFailure;
                })();

                OperationStatus.OperationSuccess = (function() {

                    function OperationSuccess(properties) {
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationSuccess.prototype.registeredPath = "";

                    OperationSuccess.create = function create(properties) {
                        return new OperationSuccess(properties);
                    };

                    OperationSuccess.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.registeredPath != null && Object.hasOwnProperty.call(message, "registeredPath"))
                            writer.uint32(10).string(message.registeredPath);
                        return writer;
                    };

                    OperationSuccess.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationSuccess();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    message.registeredPath = reader.string();
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationSuccess.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationSuccess";
                    };

                    return OperationSuccess;
                })();

                return OperationStatus;
            })();

            return RegisteredPathResult;
        })();

        return RegisterResp;
    })();

    usp.Deregister = (function() {

        function Deregister(properties) {
            this.paths = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        Deregister.prototype.paths = $util.emptyArray;

        Deregister.create = function create(properties) {
            return new Deregister(properties);
        };

        Deregister.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.paths != null && message.paths.length)
                for (var i = 0; i < message.paths.length; ++i)
                    writer.uint32(10).string(message.paths[i]);
            return writer;
        };

        Deregister.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.Deregister();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.paths && message.paths.length))
                            message.paths = [];
                        message.paths.push(reader.string());
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        Deregister.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.Deregister";
        };

        return Deregister;
    })();

    usp.DeregisterResp = (function() {

        function DeregisterResp(properties) {
            this.deregisteredPathResults = [];
            if (properties)
                for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        }

        DeregisterResp.prototype.deregisteredPathResults = $util.emptyArray;

        DeregisterResp.create = function create(properties) {
            return new DeregisterResp(properties);
        };

        DeregisterResp.encode = function encode(message, writer, q) {
            if (!writer)
                writer = $Writer.create();
            if (q === undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw Error("max depth exceeded");
            if (message.deregisteredPathResults != null && message.deregisteredPathResults.length)
                for (var i = 0; i < message.deregisteredPathResults.length; ++i)
                    $root.usp.DeregisterResp.DeregisteredPathResult.encode(message.deregisteredPathResults[i], writer.uint32(10).fork(), q + 1).ldelim();
            return writer;
        };

        DeregisterResp.decode = function decode(reader, length, error, long) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (long === undefined)
                long = 0;
            if (long > $Reader.recursionLimit)
                throw Error("maximum nesting depth exceeded");
            var end, message;
            if (length === undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = new $root.usp.DeregisterResp();
            while (reader.pos < end) {
                var tag = reader.uint32();
                if (tag === error)
                    break;
                switch (tag >>> 3) {
                case 1: {
                        if (!(message.deregisteredPathResults && message.deregisteredPathResults.length))
                            message.deregisteredPathResults = [];
                        message.deregisteredPathResults.push($root.usp.DeregisterResp.DeregisteredPathResult.decode(reader, reader.uint32(), undefined, long + 1));
                        break;
                    }
                default:
                    reader.skipType(tag & 7, long);
                    break;
                }
            }
            if (length !== undefined) {
                if (reader.pos !== end)
                    throw RangeError("index out of range");
                reader.len = length;
            }
            return message;
        };

        DeregisterResp.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
            if (typeUrlPrefix === undefined) {
                typeUrlPrefix = "type.googleapis.com";
            }
            return typeUrlPrefix + "/usp.DeregisterResp";
        };

        DeregisterResp.DeregisteredPathResult = (function() {

            function DeregisteredPathResult(properties) {
                if (properties)
                    for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            }

            DeregisteredPathResult.prototype.requestedPath = "";
            DeregisteredPathResult.prototype.operStatus = null;

            DeregisteredPathResult.create = function create(properties) {
                return new DeregisteredPathResult(properties);
            };

            DeregisteredPathResult.encode = function encode(message, writer, q) {
                if (!writer)
                    writer = $Writer.create();
                if (q === undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw Error("max depth exceeded");
                if (message.requestedPath != null && Object.hasOwnProperty.call(message, "requestedPath"))
                    writer.uint32(10).string(message.requestedPath);
                if (message.operStatus != null && Object.hasOwnProperty.call(message, "operStatus"))
                    $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.encode(message.operStatus, writer.uint32(18).fork(), q + 1).ldelim();
                return writer;
            };

            DeregisteredPathResult.decode = function decode(reader, length, error, long) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (long === undefined)
                    long = 0;
                if (long > $Reader.recursionLimit)
                    throw Error("maximum nesting depth exceeded");
                var end, message;
                if (length === undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = new $root.usp.DeregisterResp.DeregisteredPathResult();
                while (reader.pos < end) {
                    var tag = reader.uint32();
                    if (tag === error)
                        break;
                    switch (tag >>> 3) {
                    case 1: {
                            message.requestedPath = reader.string();
                            break;
                        }
                    case 2: {
                            message.operStatus = $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.decode(reader, reader.uint32(), undefined, long + 1);
                            break;
                        }
                    default:
                        reader.skipType(tag & 7, long);
                        break;
                    }
                }
                if (length !== undefined) {
                    if (reader.pos !== end)
                        throw RangeError("index out of range");
                    reader.len = length;
                }
                return message;
            };

            DeregisteredPathResult.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                if (typeUrlPrefix === undefined) {
                    typeUrlPrefix = "type.googleapis.com";
                }
                return typeUrlPrefix + "/usp.DeregisterResp.DeregisteredPathResult";
            };

            DeregisteredPathResult.OperationStatus = (function() {

                function OperationStatus(properties) {
                    if (properties)
                        for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                }

                OperationStatus.prototype.operFailure = null;
                OperationStatus.prototype.operSuccess = null;

                var $oneOfFields;

                Object.defineProperty(OperationStatus.prototype, "operStatus", {
                    get: $util.oneOfGetter($oneOfFields = ["operFailure", "operSuccess"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                OperationStatus.create = function create(properties) {
                    return new OperationStatus(properties);
                };

                OperationStatus.encode = function encode(message, writer, q) {
                    if (!writer)
                        writer = $Writer.create();
                    if (q === undefined)
                        q = 0;
                    if (q > $util.recursionLimit)
                        throw Error("max depth exceeded");
                    if (message.operFailure != null && Object.hasOwnProperty.call(message, "operFailure"))
                        $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationFailure.encode(message.operFailure, writer.uint32(10).fork(), q + 1).ldelim();
                    if (message.operSuccess != null && Object.hasOwnProperty.call(message, "operSuccess"))
                        $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationSuccess.encode(message.operSuccess, writer.uint32(18).fork(), q + 1).ldelim();
                    return writer;
                };

                OperationStatus.decode = function decode(reader, length, error, long) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (long === undefined)
                        long = 0;
                    if (long > $Reader.recursionLimit)
                        throw Error("maximum nesting depth exceeded");
                    var end, message;
                    if (length === undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = new $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus();
                    while (reader.pos < end) {
                        var tag = reader.uint32();
                        if (tag === error)
                            break;
                        switch (tag >>> 3) {
                        case 1: {
                                message.operFailure = $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationFailure.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        case 2: {
                                message.operSuccess = $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationSuccess.decode(reader, reader.uint32(), undefined, long + 1);
                                break;
                            }
                        default:
                            reader.skipType(tag & 7, long);
                            break;
                        }
                    }
                    if (length !== undefined) {
                        if (reader.pos !== end)
                            throw RangeError("index out of range");
                        reader.len = length;
                    }
                    return message;
                };

                OperationStatus.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                    if (typeUrlPrefix === undefined) {
                        typeUrlPrefix = "type.googleapis.com";
                    }
                    return typeUrlPrefix + "/usp.DeregisterResp.DeregisteredPathResult.OperationStatus";
                };

                OperationStatus.OperationFailure = (function() {

                    function OperationFailure(properties) {
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationFailure.prototype.errCode = 0;
                    OperationFailure.prototype.errMsg = "";

                    OperationFailure.create = function create(properties) {
                        return new OperationFailure(properties);
                    };

                    OperationFailure.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.errCode != null && Object.hasOwnProperty.call(message, "errCode"))
                            writer.uint32(13).fixed32(message.errCode);
                        if (message.errMsg != null && Object.hasOwnProperty.call(message, "errMsg"))
                            writer.uint32(18).string(message.errMsg);
                        return writer;
                    };

                    OperationFailure.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationFailure();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    message.errCode = reader.fixed32();
                                    break;
                                }
                            case 2: {
                                    message.errMsg = reader.string();
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationFailure.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationFailure";
                    };

                    return OperationFailure;
                })();

                OperationStatus.OperationSuccess = (function() {

                    function OperationSuccess(properties) {
                        this.deregisteredPath = [];
                        if (properties)
                            for (var keys = Object.keys(properties), i = 0; i < keys.length; ++i)
                                if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                    this[keys[i]] = properties[keys[i]];
                    }

                    OperationSuccess.prototype.deregisteredPath = $util.emptyArray;

                    OperationSuccess.create = function create(properties) {
                        return new OperationSuccess(properties);
                    };

                    OperationSuccess.encode = function encode(message, writer, q) {
                        if (!writer)
                            writer = $Writer.create();
                        if (q === undefined)
                            q = 0;
                        if (q > $util.recursionLimit)
                            throw Error("max depth exceeded");
                        if (message.deregisteredPath != null && message.deregisteredPath.length)
                            for (var i = 0; i < message.deregisteredPath.length; ++i)
                                writer.uint32(10).string(message.deregisteredPath[i]);
                        return writer;
                    };

                    OperationSuccess.decode = function decode(reader, length, error, long) {
                        if (!(reader instanceof $Reader))
                            reader = $Reader.create(reader);
                        if (long === undefined)
                            long = 0;
                        if (long > $Reader.recursionLimit)
                            throw Error("maximum nesting depth exceeded");
                        var end, message;
                        if (length === undefined)
                            end = reader.len;
                        else {
                            end = reader.pos + length;
                            if (end > reader.len)
                                throw RangeError("index out of range");
                            length = reader.len;
                            reader.len = end;
                        }
                        message = new $root.usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationSuccess();
                        while (reader.pos < end) {
                            var tag = reader.uint32();
                            if (tag === error)
                                break;
                            switch (tag >>> 3) {
                            case 1: {
                                    if (!(message.deregisteredPath && message.deregisteredPath.length))
                                        message.deregisteredPath = [];
                                    message.deregisteredPath.push(reader.string());
                                    break;
                                }
                            default:
                                reader.skipType(tag & 7, long);
                                break;
                            }
                        }
                        if (length !== undefined) {
                            if (reader.pos !== end)
                                throw RangeError("index out of range");
                            reader.len = length;
                        }
                        return message;
                    };

                    OperationSuccess.getTypeUrl = function getTypeUrl(typeUrlPrefix) {
                        if (typeUrlPrefix === undefined) {
                            typeUrlPrefix = "type.googleapis.com";
                        }
                        return typeUrlPrefix + "/usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationSuccess";
                    };

                    return OperationSuccess;
                })();

                return OperationStatus;
            })();

            return DeregisteredPathResult;
        })();

        return DeregisterResp;
    })();

    return usp;
})();

module.exports = $root;
