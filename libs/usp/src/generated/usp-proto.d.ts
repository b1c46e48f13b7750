import * as $protobuf from "protobufjs";
import Long = require("long");
export namespace usp_record {

    interface IRecord {
        version?: (string|null);
        toId?: (string|null);
        fromId?: (string|null);
        payloadSecurity?: (usp_record.Record.PayloadSecurity|null);
        macSignature?: (Uint8Array|null);
        senderCert?: (Uint8Array|null);
        noSessionContext?: (usp_record.INoSessionContextRecord|null);
        sessionContext?: (usp_record.ISessionContextRecord|null);
        websocketConnect?: (usp_record.IWebSocketConnectRecord|null);
        mqttConnect?: (usp_record.IMQTTConnectRecord|null);
        stompConnect?: (usp_record.ISTOMPConnectRecord|null);
        disconnect?: (usp_record.IDisconnectRecord|null);
        udsConnect?: (usp_record.IUDSConnectRecord|null);
    }

    class Record implements IRecord {
        constructor(properties?: usp_record.IRecord);
        public version: string;
        public toId: string;
        public fromId: string;
        public payloadSecurity: usp_record.Record.PayloadSecurity;
        public macSignature: Uint8Array;
        public senderCert: Uint8Array;
        public noSessionContext?: (usp_record.INoSessionContextRecord|null);
        public sessionContext?: (usp_record.ISessionContextRecord|null);
        public websocketConnect?: (usp_record.IWebSocketConnectRecord|null);
        public mqttConnect?: (usp_record.IMQTTConnectRecord|null);
        public stompConnect?: (usp_record.ISTOMPConnectRecord|null);
        public disconnect?: (usp_record.IDisconnectRecord|null);
        public udsConnect?: (usp_record.IUDSConnectRecord|null);
        public recordType?: ("noSessionContext"|"sessionContext"|"websocketConnect"|"mqttConnect"|"stompConnect"|"disconnect"|"udsConnect");
        public static create(properties?: usp_record.IRecord): usp_record.Record;
        public static encode(message: usp_record.IRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.Record;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace Record {

        enum PayloadSecurity {
            PLAINTEXT = 0,
            TLS12 = 1
        }
    }

    interface INoSessionContextRecord {
        payload?: (Uint8Array|null);
    }

    class NoSessionContextRecord implements INoSessionContextRecord {
        constructor(properties?: usp_record.INoSessionContextRecord);
        public payload: Uint8Array;
        public static create(properties?: usp_record.INoSessionContextRecord): usp_record.NoSessionContextRecord;
        public static encode(message: usp_record.INoSessionContextRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.NoSessionContextRecord;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface ISessionContextRecord {
        sessionId?: (number|Long|null);
        sequenceId?: (number|Long|null);
        expectedId?: (number|Long|null);
        retransmitId?: (number|Long|null);
        payloadSarState?: (usp_record.SessionContextRecord.PayloadSARState|null);
        payloadrecSarState?: (usp_record.SessionContextRecord.PayloadSARState|null);
        payload?: (Uint8Array[]|null);
    }

    class SessionContextRecord implements ISessionContextRecord {
        constructor(properties?: usp_record.ISessionContextRecord);
        public sessionId: (number|Long);
        public sequenceId: (number|Long);
        public expectedId: (number|Long);
        public retransmitId: (number|Long);
        public payloadSarState: usp_record.SessionContextRecord.PayloadSARState;
        public payloadrecSarState: usp_record.SessionContextRecord.PayloadSARState;
        public payload: Uint8Array[];
        public static create(properties?: usp_record.ISessionContextRecord): usp_record.SessionContextRecord;
        public static encode(message: usp_record.ISessionContextRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.SessionContextRecord;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace SessionContextRecord {

        enum PayloadSARState {
            NONE = 0,
            BEGIN = 1,
            INPROCESS = 2,
            COMPLETE = 3
        }
    }

    interface IWebSocketConnectRecord {
    }

    class WebSocketConnectRecord implements IWebSocketConnectRecord {
        constructor(properties?: usp_record.IWebSocketConnectRecord);
        public static create(properties?: usp_record.IWebSocketConnectRecord): usp_record.WebSocketConnectRecord;
        public static encode(message: usp_record.IWebSocketConnectRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.WebSocketConnectRecord;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IMQTTConnectRecord {
        version?: (usp_record.MQTTConnectRecord.MQTTVersion|null);
        subscribedTopic?: (string|null);
    }

    class MQTTConnectRecord implements IMQTTConnectRecord {
        constructor(properties?: usp_record.IMQTTConnectRecord);
        public version: usp_record.MQTTConnectRecord.MQTTVersion;
        public subscribedTopic: string;
        public static create(properties?: usp_record.IMQTTConnectRecord): usp_record.MQTTConnectRecord;
        public static encode(message: usp_record.IMQTTConnectRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.MQTTConnectRecord;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace MQTTConnectRecord {

        enum MQTTVersion {
            V3_1_1 = 0,
            V5 = 1
        }
    }

    interface ISTOMPConnectRecord {
        version?: (usp_record.STOMPConnectRecord.STOMPVersion|null);
        subscribedDestination?: (string|null);
    }

    class STOMPConnectRecord implements ISTOMPConnectRecord {
        constructor(properties?: usp_record.ISTOMPConnectRecord);
        public version: usp_record.STOMPConnectRecord.STOMPVersion;
        public subscribedDestination: string;
        public static create(properties?: usp_record.ISTOMPConnectRecord): usp_record.STOMPConnectRecord;
        public static encode(message: usp_record.ISTOMPConnectRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.STOMPConnectRecord;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace STOMPConnectRecord {

        enum STOMPVersion {
            V1_2 = 0
        }
    }

    interface IUDSConnectRecord {
    }

    class UDSConnectRecord implements IUDSConnectRecord {
        constructor(properties?: usp_record.IUDSConnectRecord);
        public static create(properties?: usp_record.IUDSConnectRecord): usp_record.UDSConnectRecord;
        public static encode(message: usp_record.IUDSConnectRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.UDSConnectRecord;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IDisconnectRecord {
        reason?: (string|null);
        reasonCode?: (number|null);
    }

    class DisconnectRecord implements IDisconnectRecord {
        constructor(properties?: usp_record.IDisconnectRecord);
        public reason: string;
        public reasonCode: number;
        public static create(properties?: usp_record.IDisconnectRecord): usp_record.DisconnectRecord;
        public static encode(message: usp_record.IDisconnectRecord, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp_record.DisconnectRecord;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }
}

export namespace usp {

    interface IMsg {
        header?: (usp.IHeader|null);
        body?: (usp.IBody|null);
    }

    class Msg implements IMsg {
        constructor(properties?: usp.IMsg);
        public header?: (usp.IHeader|null);
        public body?: (usp.IBody|null);
        public static create(properties?: usp.IMsg): usp.Msg;
        public static encode(message: usp.IMsg, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Msg;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IHeader {
        msgId?: (string|null);
        msgType?: (usp.Header.MsgType|null);
    }

    class Header implements IHeader {
        constructor(properties?: usp.IHeader);
        public msgId: string;
        public msgType: usp.Header.MsgType;
        public static create(properties?: usp.IHeader): usp.Header;
        public static encode(message: usp.IHeader, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Header;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace Header {

        enum MsgType {
            ERROR = 0,
            GET = 1,
            GET_RESP = 2,
            NOTIFY = 3,
            SET = 4,
            SET_RESP = 5,
            OPERATE = 6,
            OPERATE_RESP = 7,
            ADD = 8,
            ADD_RESP = 9,
            DELETE = 10,
            DELETE_RESP = 11,
            GET_SUPPORTED_DM = 12,
            GET_SUPPORTED_DM_RESP = 13,
            GET_INSTANCES = 14,
            GET_INSTANCES_RESP = 15,
            NOTIFY_RESP = 16,
            GET_SUPPORTED_PROTO = 17,
            GET_SUPPORTED_PROTO_RESP = 18,
            REGISTER = 19,
            REGISTER_RESP = 20,
            DEREGISTER = 21,
            DEREGISTER_RESP = 22
        }
    }

    interface IBody {
        request?: (usp.IRequest|null);
        response?: (usp.IResponse|null);
        error?: (usp.IError|null);
    }

    class Body implements IBody {
        constructor(properties?: usp.IBody);
        public request?: (usp.IRequest|null);
        public response?: (usp.IResponse|null);
        public error?: (usp.IError|null);
        public msgBody?: ("request"|"response"|"error");
        public static create(properties?: usp.IBody): usp.Body;
        public static encode(message: usp.IBody, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Body;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IRequest {
        get?: (usp.IGet|null);
        getSupportedDm?: (usp.IGetSupportedDM|null);
        getInstances?: (usp.IGetInstances|null);
        set?: (usp.ISet|null);
        add?: (usp.IAdd|null);
        "delete"?: (usp.IDelete|null);
        operate?: (usp.IOperate|null);
        notify?: (usp.INotify|null);
        getSupportedProtocol?: (usp.IGetSupportedProtocol|null);
        register?: (usp.IRegister|null);
        deregister?: (usp.IDeregister|null);
    }

    class Request implements IRequest {
        constructor(properties?: usp.IRequest);
        public get?: (usp.IGet|null);
        public getSupportedDm?: (usp.IGetSupportedDM|null);
        public getInstances?: (usp.IGetInstances|null);
        public set?: (usp.ISet|null);
        public add?: (usp.IAdd|null);
        public delete?: (usp.IDelete|null);
        public operate?: (usp.IOperate|null);
        public notify?: (usp.INotify|null);
        public getSupportedProtocol?: (usp.IGetSupportedProtocol|null);
        public register?: (usp.IRegister|null);
        public deregister?: (usp.IDeregister|null);
        public reqType?: ("get"|"getSupportedDm"|"getInstances"|"set"|"add"|"delete"|"operate"|"notify"|"getSupportedProtocol"|"register"|"deregister");
        public static create(properties?: usp.IRequest): usp.Request;
        public static encode(message: usp.IRequest, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Request;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IResponse {
        getResp?: (usp.IGetResp|null);
        getSupportedDmResp?: (usp.IGetSupportedDMResp|null);
        getInstancesResp?: (usp.IGetInstancesResp|null);
        setResp?: (usp.ISetResp|null);
        addResp?: (usp.IAddResp|null);
        deleteResp?: (usp.IDeleteResp|null);
        operateResp?: (usp.IOperateResp|null);
        notifyResp?: (usp.INotifyResp|null);
        getSupportedProtocolResp?: (usp.IGetSupportedProtocolResp|null);
        registerResp?: (usp.IRegisterResp|null);
        deregisterResp?: (usp.IDeregisterResp|null);
    }

    class Response implements IResponse {
        constructor(properties?: usp.IResponse);
        public getResp?: (usp.IGetResp|null);
        public getSupportedDmResp?: (usp.IGetSupportedDMResp|null);
        public getInstancesResp?: (usp.IGetInstancesResp|null);
        public setResp?: (usp.ISetResp|null);
        public addResp?: (usp.IAddResp|null);
        public deleteResp?: (usp.IDeleteResp|null);
        public operateResp?: (usp.IOperateResp|null);
        public notifyResp?: (usp.INotifyResp|null);
        public getSupportedProtocolResp?: (usp.IGetSupportedProtocolResp|null);
        public registerResp?: (usp.IRegisterResp|null);
        public deregisterResp?: (usp.IDeregisterResp|null);
        public respType?: ("getResp"|"getSupportedDmResp"|"getInstancesResp"|"setResp"|"addResp"|"deleteResp"|"operateResp"|"notifyResp"|"getSupportedProtocolResp"|"registerResp"|"deregisterResp");
        public static create(properties?: usp.IResponse): usp.Response;
        public static encode(message: usp.IResponse, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Response;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IError {
        errCode?: (number|null);
        errMsg?: (string|null);
        paramErrs?: (usp.Error.IParamError[]|null);
    }

    class Error implements IError {
        constructor(properties?: usp.IError);
        public errCode: number;
        public errMsg: string;
        public paramErrs: usp.Error.IParamError[];
        public static create(properties?: usp.IError): usp.Error;
        public static encode(message: usp.IError, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Error;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace Error {

        interface IParamError {
            paramPath?: (string|null);
            errCode?: (number|null);
            errMsg?: (string|null);
        }

        class ParamError implements IParamError {
            constructor(properties?: usp.Error.IParamError);
            public paramPath: string;
            public errCode: number;
            public errMsg: string;
            public static create(properties?: usp.Error.IParamError): usp.Error.ParamError;
            public static encode(message: usp.Error.IParamError, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Error.ParamError;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IGet {
        paramPaths?: (string[]|null);
        maxDepth?: (number|null);
    }

    class Get implements IGet {
        constructor(properties?: usp.IGet);
        public paramPaths: string[];
        public maxDepth: number;
        public static create(properties?: usp.IGet): usp.Get;
        public static encode(message: usp.IGet, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Get;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IGetResp {
        reqPathResults?: (usp.GetResp.IRequestedPathResult[]|null);
    }

    class GetResp implements IGetResp {
        constructor(properties?: usp.IGetResp);
        public reqPathResults: usp.GetResp.IRequestedPathResult[];
        public static create(properties?: usp.IGetResp): usp.GetResp;
        public static encode(message: usp.IGetResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace GetResp {

        interface IRequestedPathResult {
            requestedPath?: (string|null);
            errCode?: (number|null);
            errMsg?: (string|null);
            resolvedPathResults?: (usp.GetResp.IResolvedPathResult[]|null);
        }

        class RequestedPathResult implements IRequestedPathResult {
            constructor(properties?: usp.GetResp.IRequestedPathResult);
            public requestedPath: string;
            public errCode: number;
            public errMsg: string;
            public resolvedPathResults: usp.GetResp.IResolvedPathResult[];
            public static create(properties?: usp.GetResp.IRequestedPathResult): usp.GetResp.RequestedPathResult;
            public static encode(message: usp.GetResp.IRequestedPathResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetResp.RequestedPathResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IResolvedPathResult {
            resolvedPath?: (string|null);
            resultParams?: ({ [k: string]: string }|null);
        }

        class ResolvedPathResult implements IResolvedPathResult {
            constructor(properties?: usp.GetResp.IResolvedPathResult);
            public resolvedPath: string;
            public resultParams: { [k: string]: string };
            public static create(properties?: usp.GetResp.IResolvedPathResult): usp.GetResp.ResolvedPathResult;
            public static encode(message: usp.GetResp.IResolvedPathResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetResp.ResolvedPathResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IGetSupportedDM {
        objPaths?: (string[]|null);
        firstLevelOnly?: (boolean|null);
        returnCommands?: (boolean|null);
        returnEvents?: (boolean|null);
        returnParams?: (boolean|null);
        returnUniqueKeySets?: (boolean|null);
    }

    class GetSupportedDM implements IGetSupportedDM {
        constructor(properties?: usp.IGetSupportedDM);
        public objPaths: string[];
        public firstLevelOnly: boolean;
        public returnCommands: boolean;
        public returnEvents: boolean;
        public returnParams: boolean;
        public returnUniqueKeySets: boolean;
        public static create(properties?: usp.IGetSupportedDM): usp.GetSupportedDM;
        public static encode(message: usp.IGetSupportedDM, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDM;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IGetSupportedDMResp {
        reqObjResults?: (usp.GetSupportedDMResp.IRequestedObjectResult[]|null);
    }

    class GetSupportedDMResp implements IGetSupportedDMResp {
        constructor(properties?: usp.IGetSupportedDMResp);
        public reqObjResults: usp.GetSupportedDMResp.IRequestedObjectResult[];
        public static create(properties?: usp.IGetSupportedDMResp): usp.GetSupportedDMResp;
        public static encode(message: usp.IGetSupportedDMResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDMResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace GetSupportedDMResp {

        interface IRequestedObjectResult {
            reqObjPath?: (string|null);
            errCode?: (number|null);
            errMsg?: (string|null);
            dataModelInstUri?: (string|null);
            supportedObjs?: (usp.GetSupportedDMResp.ISupportedObjectResult[]|null);
        }

        class RequestedObjectResult implements IRequestedObjectResult {
            constructor(properties?: usp.GetSupportedDMResp.IRequestedObjectResult);
            public reqObjPath: string;
            public errCode: number;
            public errMsg: string;
            public dataModelInstUri: string;
            public supportedObjs: usp.GetSupportedDMResp.ISupportedObjectResult[];
            public static create(properties?: usp.GetSupportedDMResp.IRequestedObjectResult): usp.GetSupportedDMResp.RequestedObjectResult;
            public static encode(message: usp.GetSupportedDMResp.IRequestedObjectResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDMResp.RequestedObjectResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISupportedObjectResult {
            supportedObjPath?: (string|null);
            access?: (usp.GetSupportedDMResp.ObjAccessType|null);
            isMultiInstance?: (boolean|null);
            supportedCommands?: (usp.GetSupportedDMResp.ISupportedCommandResult[]|null);
            supportedEvents?: (usp.GetSupportedDMResp.ISupportedEventResult[]|null);
            supportedParams?: (usp.GetSupportedDMResp.ISupportedParamResult[]|null);
            divergentPaths?: (string[]|null);
            uniqueKeySets?: (usp.GetSupportedDMResp.ISupportedUniqueKeySet[]|null);
        }

        class SupportedObjectResult implements ISupportedObjectResult {
            constructor(properties?: usp.GetSupportedDMResp.ISupportedObjectResult);
            public supportedObjPath: string;
            public access: usp.GetSupportedDMResp.ObjAccessType;
            public isMultiInstance: boolean;
            public supportedCommands: usp.GetSupportedDMResp.ISupportedCommandResult[];
            public supportedEvents: usp.GetSupportedDMResp.ISupportedEventResult[];
            public supportedParams: usp.GetSupportedDMResp.ISupportedParamResult[];
            public divergentPaths: string[];
            public uniqueKeySets: usp.GetSupportedDMResp.ISupportedUniqueKeySet[];
            public static create(properties?: usp.GetSupportedDMResp.ISupportedObjectResult): usp.GetSupportedDMResp.SupportedObjectResult;
            public static encode(message: usp.GetSupportedDMResp.ISupportedObjectResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDMResp.SupportedObjectResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISupportedParamResult {
            paramName?: (string|null);
            access?: (usp.GetSupportedDMResp.ParamAccessType|null);
            valueType?: (usp.GetSupportedDMResp.ParamValueType|null);
            valueChange?: (usp.GetSupportedDMResp.ValueChangeType|null);
        }

        class SupportedParamResult implements ISupportedParamResult {
            constructor(properties?: usp.GetSupportedDMResp.ISupportedParamResult);
            public paramName: string;
            public access: usp.GetSupportedDMResp.ParamAccessType;
            public valueType: usp.GetSupportedDMResp.ParamValueType;
            public valueChange: usp.GetSupportedDMResp.ValueChangeType;
            public static create(properties?: usp.GetSupportedDMResp.ISupportedParamResult): usp.GetSupportedDMResp.SupportedParamResult;
            public static encode(message: usp.GetSupportedDMResp.ISupportedParamResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDMResp.SupportedParamResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISupportedCommandResult {
            commandName?: (string|null);
            inputArgNames?: (string[]|null);
            outputArgNames?: (string[]|null);
            commandType?: (usp.GetSupportedDMResp.CmdType|null);
        }

        class SupportedCommandResult implements ISupportedCommandResult {
            constructor(properties?: usp.GetSupportedDMResp.ISupportedCommandResult);
            public commandName: string;
            public inputArgNames: string[];
            public outputArgNames: string[];
            public commandType: usp.GetSupportedDMResp.CmdType;
            public static create(properties?: usp.GetSupportedDMResp.ISupportedCommandResult): usp.GetSupportedDMResp.SupportedCommandResult;
            public static encode(message: usp.GetSupportedDMResp.ISupportedCommandResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDMResp.SupportedCommandResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISupportedEventResult {
            eventName?: (string|null);
            argNames?: (string[]|null);
        }

        class SupportedEventResult implements ISupportedEventResult {
            constructor(properties?: usp.GetSupportedDMResp.ISupportedEventResult);
            public eventName: string;
            public argNames: string[];
            public static create(properties?: usp.GetSupportedDMResp.ISupportedEventResult): usp.GetSupportedDMResp.SupportedEventResult;
            public static encode(message: usp.GetSupportedDMResp.ISupportedEventResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDMResp.SupportedEventResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ISupportedUniqueKeySet {
            keyNames?: (string[]|null);
        }

        class SupportedUniqueKeySet implements ISupportedUniqueKeySet {
            constructor(properties?: usp.GetSupportedDMResp.ISupportedUniqueKeySet);
            public keyNames: string[];
            public static create(properties?: usp.GetSupportedDMResp.ISupportedUniqueKeySet): usp.GetSupportedDMResp.SupportedUniqueKeySet;
            public static encode(message: usp.GetSupportedDMResp.ISupportedUniqueKeySet, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedDMResp.SupportedUniqueKeySet;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        enum ParamAccessType {
            PARAM_READ_ONLY = 0,
            PARAM_READ_WRITE = 1,
            PARAM_WRITE_ONLY = 2
        }

        enum ObjAccessType {
            OBJ_READ_ONLY = 0,
            OBJ_ADD_DELETE = 1,
            OBJ_ADD_ONLY = 2,
            OBJ_DELETE_ONLY = 3
        }

        enum ParamValueType {
            PARAM_UNKNOWN = 0,
            PARAM_BASE_64 = 1,
            PARAM_BOOLEAN = 2,
            PARAM_DATE_TIME = 3,
            PARAM_DECIMAL = 4,
            PARAM_HEX_BINARY = 5,
            PARAM_INT = 6,
            PARAM_LONG = 7,
            PARAM_STRING = 8,
            PARAM_UNSIGNED_INT = 9,
            PARAM_UNSIGNED_LONG = 10
        }

        enum ValueChangeType {
            VALUE_CHANGE_UNKNOWN = 0,
            VALUE_CHANGE_ALLOWED = 1,
            VALUE_CHANGE_WILL_IGNORE = 2
        }

        enum CmdType {
            CMD_UNKNOWN = 0,
            CMD_SYNC = 1,
            CMD_ASYNC = 2
        }
    }

    interface IGetInstances {
        objPaths?: (string[]|null);
        firstLevelOnly?: (boolean|null);
    }

    class GetInstances implements IGetInstances {
        constructor(properties?: usp.IGetInstances);
        public objPaths: string[];
        public firstLevelOnly: boolean;
        public static create(properties?: usp.IGetInstances): usp.GetInstances;
        public static encode(message: usp.IGetInstances, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetInstances;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IGetInstancesResp {
        reqPathResults?: (usp.GetInstancesResp.IRequestedPathResult[]|null);
    }

    class GetInstancesResp implements IGetInstancesResp {
        constructor(properties?: usp.IGetInstancesResp);
        public reqPathResults: usp.GetInstancesResp.IRequestedPathResult[];
        public static create(properties?: usp.IGetInstancesResp): usp.GetInstancesResp;
        public static encode(message: usp.IGetInstancesResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetInstancesResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace GetInstancesResp {

        interface IRequestedPathResult {
            requestedPath?: (string|null);
            errCode?: (number|null);
            errMsg?: (string|null);
            currInsts?: (usp.GetInstancesResp.ICurrInstance[]|null);
        }

        class RequestedPathResult implements IRequestedPathResult {
            constructor(properties?: usp.GetInstancesResp.IRequestedPathResult);
            public requestedPath: string;
            public errCode: number;
            public errMsg: string;
            public currInsts: usp.GetInstancesResp.ICurrInstance[];
            public static create(properties?: usp.GetInstancesResp.IRequestedPathResult): usp.GetInstancesResp.RequestedPathResult;
            public static encode(message: usp.GetInstancesResp.IRequestedPathResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetInstancesResp.RequestedPathResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ICurrInstance {
            instantiatedObjPath?: (string|null);
            uniqueKeys?: ({ [k: string]: string }|null);
        }

        class CurrInstance implements ICurrInstance {
            constructor(properties?: usp.GetInstancesResp.ICurrInstance);
            public instantiatedObjPath: string;
            public uniqueKeys: { [k: string]: string };
            public static create(properties?: usp.GetInstancesResp.ICurrInstance): usp.GetInstancesResp.CurrInstance;
            public static encode(message: usp.GetInstancesResp.ICurrInstance, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetInstancesResp.CurrInstance;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IGetSupportedProtocol {
        controllerSupportedProtocolVersions?: (string|null);
    }

    class GetSupportedProtocol implements IGetSupportedProtocol {
        constructor(properties?: usp.IGetSupportedProtocol);
        public controllerSupportedProtocolVersions: string;
        public static create(properties?: usp.IGetSupportedProtocol): usp.GetSupportedProtocol;
        public static encode(message: usp.IGetSupportedProtocol, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedProtocol;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IGetSupportedProtocolResp {
        agentSupportedProtocolVersions?: (string|null);
    }

    class GetSupportedProtocolResp implements IGetSupportedProtocolResp {
        constructor(properties?: usp.IGetSupportedProtocolResp);
        public agentSupportedProtocolVersions: string;
        public static create(properties?: usp.IGetSupportedProtocolResp): usp.GetSupportedProtocolResp;
        public static encode(message: usp.IGetSupportedProtocolResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.GetSupportedProtocolResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IAdd {
        allowPartial?: (boolean|null);
        createObjs?: (usp.Add.ICreateObject[]|null);
    }

    class Add implements IAdd {
        constructor(properties?: usp.IAdd);
        public allowPartial: boolean;
        public createObjs: usp.Add.ICreateObject[];
        public static create(properties?: usp.IAdd): usp.Add;
        public static encode(message: usp.IAdd, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Add;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace Add {

        interface ICreateObject {
            objPath?: (string|null);
            paramSettings?: (usp.Add.ICreateParamSetting[]|null);
        }

        class CreateObject implements ICreateObject {
            constructor(properties?: usp.Add.ICreateObject);
            public objPath: string;
            public paramSettings: usp.Add.ICreateParamSetting[];
            public static create(properties?: usp.Add.ICreateObject): usp.Add.CreateObject;
            public static encode(message: usp.Add.ICreateObject, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Add.CreateObject;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface ICreateParamSetting {
            param?: (string|null);
            value?: (string|null);
            required?: (boolean|null);
        }

        class CreateParamSetting implements ICreateParamSetting {
            constructor(properties?: usp.Add.ICreateParamSetting);
            public param: string;
            public value: string;
            public required: boolean;
            public static create(properties?: usp.Add.ICreateParamSetting): usp.Add.CreateParamSetting;
            public static encode(message: usp.Add.ICreateParamSetting, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Add.CreateParamSetting;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IAddResp {
        createdObjResults?: (usp.AddResp.ICreatedObjectResult[]|null);
    }

    class AddResp implements IAddResp {
        constructor(properties?: usp.IAddResp);
        public createdObjResults: usp.AddResp.ICreatedObjectResult[];
        public static create(properties?: usp.IAddResp): usp.AddResp;
        public static encode(message: usp.IAddResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.AddResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace AddResp {

        interface ICreatedObjectResult {
            requestedPath?: (string|null);
            operStatus?: (usp.AddResp.CreatedObjectResult.IOperationStatus|null);
        }

        class CreatedObjectResult implements ICreatedObjectResult {
            constructor(properties?: usp.AddResp.ICreatedObjectResult);
            public requestedPath: string;
            public operStatus?: (usp.AddResp.CreatedObjectResult.IOperationStatus|null);
            public static create(properties?: usp.AddResp.ICreatedObjectResult): usp.AddResp.CreatedObjectResult;
            public static encode(message: usp.AddResp.ICreatedObjectResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.AddResp.CreatedObjectResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace CreatedObjectResult {

            interface IOperationStatus {
                operFailure?: (usp.AddResp.CreatedObjectResult.OperationStatus.IOperationFailure|null);
                operSuccess?: (usp.AddResp.CreatedObjectResult.OperationStatus.IOperationSuccess|null);
            }

            class OperationStatus implements IOperationStatus {
                constructor(properties?: usp.AddResp.CreatedObjectResult.IOperationStatus);
                public operFailure?: (usp.AddResp.CreatedObjectResult.OperationStatus.IOperationFailure|null);
                public operSuccess?: (usp.AddResp.CreatedObjectResult.OperationStatus.IOperationSuccess|null);
                public operStatus?: ("operFailure"|"operSuccess");
                public static create(properties?: usp.AddResp.CreatedObjectResult.IOperationStatus): usp.AddResp.CreatedObjectResult.OperationStatus;
                public static encode(message: usp.AddResp.CreatedObjectResult.IOperationStatus, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.AddResp.CreatedObjectResult.OperationStatus;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            namespace OperationStatus {

                interface IOperationFailure {
                    errCode?: (number|null);
                    errMsg?: (string|null);
                }

                class OperationFailure implements IOperationFailure {
                    constructor(properties?: usp.AddResp.CreatedObjectResult.OperationStatus.IOperationFailure);
                    public errCode: number;
                    public errMsg: string;
                    public static create(properties?: usp.AddResp.CreatedObjectResult.OperationStatus.IOperationFailure): usp.AddResp.CreatedObjectResult.OperationStatus.OperationFailure;
                    public static encode(message: usp.AddResp.CreatedObjectResult.OperationStatus.IOperationFailure, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.AddResp.CreatedObjectResult.OperationStatus.OperationFailure;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }

                interface IOperationSuccess {
                    instantiatedPath?: (string|null);
                    paramErrs?: (usp.AddResp.IParameterError[]|null);
                    uniqueKeys?: ({ [k: string]: string }|null);
                }

                class OperationSuccess implements IOperationSuccess {
                    constructor(properties?: usp.AddResp.CreatedObjectResult.OperationStatus.IOperationSuccess);
                    public instantiatedPath: string;
                    public paramErrs: usp.AddResp.IParameterError[];
                    public uniqueKeys: { [k: string]: string };
                    public static create(properties?: usp.AddResp.CreatedObjectResult.OperationStatus.IOperationSuccess): usp.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess;
                    public static encode(message: usp.AddResp.CreatedObjectResult.OperationStatus.IOperationSuccess, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.AddResp.CreatedObjectResult.OperationStatus.OperationSuccess;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }
            }
        }

        interface IParameterError {
            param?: (string|null);
            errCode?: (number|null);
            errMsg?: (string|null);
        }

        class ParameterError implements IParameterError {
            constructor(properties?: usp.AddResp.IParameterError);
            public param: string;
            public errCode: number;
            public errMsg: string;
            public static create(properties?: usp.AddResp.IParameterError): usp.AddResp.ParameterError;
            public static encode(message: usp.AddResp.IParameterError, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.AddResp.ParameterError;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IDelete {
        allowPartial?: (boolean|null);
        objPaths?: (string[]|null);
    }

    class Delete implements IDelete {
        constructor(properties?: usp.IDelete);
        public allowPartial: boolean;
        public objPaths: string[];
        public static create(properties?: usp.IDelete): usp.Delete;
        public static encode(message: usp.IDelete, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Delete;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IDeleteResp {
        deletedObjResults?: (usp.DeleteResp.IDeletedObjectResult[]|null);
    }

    class DeleteResp implements IDeleteResp {
        constructor(properties?: usp.IDeleteResp);
        public deletedObjResults: usp.DeleteResp.IDeletedObjectResult[];
        public static create(properties?: usp.IDeleteResp): usp.DeleteResp;
        public static encode(message: usp.IDeleteResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeleteResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace DeleteResp {

        interface IDeletedObjectResult {
            requestedPath?: (string|null);
            operStatus?: (usp.DeleteResp.DeletedObjectResult.IOperationStatus|null);
        }

        class DeletedObjectResult implements IDeletedObjectResult {
            constructor(properties?: usp.DeleteResp.IDeletedObjectResult);
            public requestedPath: string;
            public operStatus?: (usp.DeleteResp.DeletedObjectResult.IOperationStatus|null);
            public static create(properties?: usp.DeleteResp.IDeletedObjectResult): usp.DeleteResp.DeletedObjectResult;
            public static encode(message: usp.DeleteResp.IDeletedObjectResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeleteResp.DeletedObjectResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace DeletedObjectResult {

            interface IOperationStatus {
                operFailure?: (usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationFailure|null);
                operSuccess?: (usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationSuccess|null);
            }

            class OperationStatus implements IOperationStatus {
                constructor(properties?: usp.DeleteResp.DeletedObjectResult.IOperationStatus);
                public operFailure?: (usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationFailure|null);
                public operSuccess?: (usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationSuccess|null);
                public operStatus?: ("operFailure"|"operSuccess");
                public static create(properties?: usp.DeleteResp.DeletedObjectResult.IOperationStatus): usp.DeleteResp.DeletedObjectResult.OperationStatus;
                public static encode(message: usp.DeleteResp.DeletedObjectResult.IOperationStatus, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeleteResp.DeletedObjectResult.OperationStatus;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            namespace OperationStatus {

                interface IOperationFailure {
                    errCode?: (number|null);
                    errMsg?: (string|null);
                }

                class OperationFailure implements IOperationFailure {
                    constructor(properties?: usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationFailure);
                    public errCode: number;
                    public errMsg: string;
                    public static create(properties?: usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationFailure): usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure;
                    public static encode(message: usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationFailure, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationFailure;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }

                interface IOperationSuccess {
                    affectedPaths?: (string[]|null);
                    unaffectedPathErrs?: (usp.DeleteResp.IUnaffectedPathError[]|null);
                }

                class OperationSuccess implements IOperationSuccess {
                    constructor(properties?: usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationSuccess);
                    public affectedPaths: string[];
                    public unaffectedPathErrs: usp.DeleteResp.IUnaffectedPathError[];
                    public static create(properties?: usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationSuccess): usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess;
                    public static encode(message: usp.DeleteResp.DeletedObjectResult.OperationStatus.IOperationSuccess, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeleteResp.DeletedObjectResult.OperationStatus.OperationSuccess;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }
            }
        }

        interface IUnaffectedPathError {
            unaffectedPath?: (string|null);
            errCode?: (number|null);
            errMsg?: (string|null);
        }

        class UnaffectedPathError implements IUnaffectedPathError {
            constructor(properties?: usp.DeleteResp.IUnaffectedPathError);
            public unaffectedPath: string;
            public errCode: number;
            public errMsg: string;
            public static create(properties?: usp.DeleteResp.IUnaffectedPathError): usp.DeleteResp.UnaffectedPathError;
            public static encode(message: usp.DeleteResp.IUnaffectedPathError, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeleteResp.UnaffectedPathError;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface ISet {
        allowPartial?: (boolean|null);
        updateObjs?: (usp.Set.IUpdateObject[]|null);
    }

    class Set implements ISet {
        constructor(properties?: usp.ISet);
        public allowPartial: boolean;
        public updateObjs: usp.Set.IUpdateObject[];
        public static create(properties?: usp.ISet): usp.Set;
        public static encode(message: usp.ISet, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Set;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace Set {

        interface IUpdateObject {
            objPath?: (string|null);
            paramSettings?: (usp.Set.IUpdateParamSetting[]|null);
        }

        class UpdateObject implements IUpdateObject {
            constructor(properties?: usp.Set.IUpdateObject);
            public objPath: string;
            public paramSettings: usp.Set.IUpdateParamSetting[];
            public static create(properties?: usp.Set.IUpdateObject): usp.Set.UpdateObject;
            public static encode(message: usp.Set.IUpdateObject, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Set.UpdateObject;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IUpdateParamSetting {
            param?: (string|null);
            value?: (string|null);
            required?: (boolean|null);
        }

        class UpdateParamSetting implements IUpdateParamSetting {
            constructor(properties?: usp.Set.IUpdateParamSetting);
            public param: string;
            public value: string;
            public required: boolean;
            public static create(properties?: usp.Set.IUpdateParamSetting): usp.Set.UpdateParamSetting;
            public static encode(message: usp.Set.IUpdateParamSetting, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Set.UpdateParamSetting;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface ISetResp {
        updatedObjResults?: (usp.SetResp.IUpdatedObjectResult[]|null);
    }

    class SetResp implements ISetResp {
        constructor(properties?: usp.ISetResp);
        public updatedObjResults: usp.SetResp.IUpdatedObjectResult[];
        public static create(properties?: usp.ISetResp): usp.SetResp;
        public static encode(message: usp.ISetResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace SetResp {

        interface IUpdatedObjectResult {
            requestedPath?: (string|null);
            operStatus?: (usp.SetResp.UpdatedObjectResult.IOperationStatus|null);
        }

        class UpdatedObjectResult implements IUpdatedObjectResult {
            constructor(properties?: usp.SetResp.IUpdatedObjectResult);
            public requestedPath: string;
            public operStatus?: (usp.SetResp.UpdatedObjectResult.IOperationStatus|null);
            public static create(properties?: usp.SetResp.IUpdatedObjectResult): usp.SetResp.UpdatedObjectResult;
            public static encode(message: usp.SetResp.IUpdatedObjectResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp.UpdatedObjectResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace UpdatedObjectResult {

            interface IOperationStatus {
                operFailure?: (usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationFailure|null);
                operSuccess?: (usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationSuccess|null);
            }

            class OperationStatus implements IOperationStatus {
                constructor(properties?: usp.SetResp.UpdatedObjectResult.IOperationStatus);
                public operFailure?: (usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationFailure|null);
                public operSuccess?: (usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationSuccess|null);
                public operStatus?: ("operFailure"|"operSuccess");
                public static create(properties?: usp.SetResp.UpdatedObjectResult.IOperationStatus): usp.SetResp.UpdatedObjectResult.OperationStatus;
                public static encode(message: usp.SetResp.UpdatedObjectResult.IOperationStatus, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp.UpdatedObjectResult.OperationStatus;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            namespace OperationStatus {

                interface IOperationFailure {
                    errCode?: (number|null);
                    errMsg?: (string|null);
                    updatedInstFailures?: (usp.SetResp.IUpdatedInstanceFailure[]|null);
                }

                class OperationFailure implements IOperationFailure {
                    constructor(properties?: usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationFailure);
                    public errCode: number;
                    public errMsg: string;
                    public updatedInstFailures: usp.SetResp.IUpdatedInstanceFailure[];
                    public static create(properties?: usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationFailure): usp.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure;
                    public static encode(message: usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationFailure, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp.UpdatedObjectResult.OperationStatus.OperationFailure;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }

                interface IOperationSuccess {
                    updatedInstResults?: (usp.SetResp.IUpdatedInstanceResult[]|null);
                }

                class OperationSuccess implements IOperationSuccess {
                    constructor(properties?: usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationSuccess);
                    public updatedInstResults: usp.SetResp.IUpdatedInstanceResult[];
                    public static create(properties?: usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationSuccess): usp.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess;
                    public static encode(message: usp.SetResp.UpdatedObjectResult.OperationStatus.IOperationSuccess, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp.UpdatedObjectResult.OperationStatus.OperationSuccess;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }
            }
        }

        interface IUpdatedInstanceFailure {
            affectedPath?: (string|null);
            paramErrs?: (usp.SetResp.IParameterError[]|null);
        }

        class UpdatedInstanceFailure implements IUpdatedInstanceFailure {
            constructor(properties?: usp.SetResp.IUpdatedInstanceFailure);
            public affectedPath: string;
            public paramErrs: usp.SetResp.IParameterError[];
            public static create(properties?: usp.SetResp.IUpdatedInstanceFailure): usp.SetResp.UpdatedInstanceFailure;
            public static encode(message: usp.SetResp.IUpdatedInstanceFailure, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp.UpdatedInstanceFailure;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IUpdatedInstanceResult {
            affectedPath?: (string|null);
            paramErrs?: (usp.SetResp.IParameterError[]|null);
            updatedParams?: ({ [k: string]: string }|null);
        }

        class UpdatedInstanceResult implements IUpdatedInstanceResult {
            constructor(properties?: usp.SetResp.IUpdatedInstanceResult);
            public affectedPath: string;
            public paramErrs: usp.SetResp.IParameterError[];
            public updatedParams: { [k: string]: string };
            public static create(properties?: usp.SetResp.IUpdatedInstanceResult): usp.SetResp.UpdatedInstanceResult;
            public static encode(message: usp.SetResp.IUpdatedInstanceResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp.UpdatedInstanceResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IParameterError {
            param?: (string|null);
            errCode?: (number|null);
            errMsg?: (string|null);
        }

        class ParameterError implements IParameterError {
            constructor(properties?: usp.SetResp.IParameterError);
            public param: string;
            public errCode: number;
            public errMsg: string;
            public static create(properties?: usp.SetResp.IParameterError): usp.SetResp.ParameterError;
            public static encode(message: usp.SetResp.IParameterError, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.SetResp.ParameterError;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IOperate {
        command?: (string|null);
        commandKey?: (string|null);
        sendResp?: (boolean|null);
        inputArgs?: ({ [k: string]: string }|null);
    }

    class Operate implements IOperate {
        constructor(properties?: usp.IOperate);
        public command: string;
        public commandKey: string;
        public sendResp: boolean;
        public inputArgs: { [k: string]: string };
        public static create(properties?: usp.IOperate): usp.Operate;
        public static encode(message: usp.IOperate, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Operate;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IOperateResp {
        operationResults?: (usp.OperateResp.IOperationResult[]|null);
    }

    class OperateResp implements IOperateResp {
        constructor(properties?: usp.IOperateResp);
        public operationResults: usp.OperateResp.IOperationResult[];
        public static create(properties?: usp.IOperateResp): usp.OperateResp;
        public static encode(message: usp.IOperateResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.OperateResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace OperateResp {

        interface IOperationResult {
            executedCommand?: (string|null);
            reqObjPath?: (string|null);
            reqOutputArgs?: (usp.OperateResp.OperationResult.IOutputArgs|null);
            cmdFailure?: (usp.OperateResp.OperationResult.ICommandFailure|null);
        }

        class OperationResult implements IOperationResult {
            constructor(properties?: usp.OperateResp.IOperationResult);
            public executedCommand: string;
            public reqObjPath?: (string|null);
            public reqOutputArgs?: (usp.OperateResp.OperationResult.IOutputArgs|null);
            public cmdFailure?: (usp.OperateResp.OperationResult.ICommandFailure|null);
            public operationResp?: ("reqObjPath"|"reqOutputArgs"|"cmdFailure");
            public static create(properties?: usp.OperateResp.IOperationResult): usp.OperateResp.OperationResult;
            public static encode(message: usp.OperateResp.IOperationResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.OperateResp.OperationResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace OperationResult {

            interface IOutputArgs {
                outputArgs?: ({ [k: string]: string }|null);
            }

            class OutputArgs implements IOutputArgs {
                constructor(properties?: usp.OperateResp.OperationResult.IOutputArgs);
                public outputArgs: { [k: string]: string };
                public static create(properties?: usp.OperateResp.OperationResult.IOutputArgs): usp.OperateResp.OperationResult.OutputArgs;
                public static encode(message: usp.OperateResp.OperationResult.IOutputArgs, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.OperateResp.OperationResult.OutputArgs;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            interface ICommandFailure {
                errCode?: (number|null);
                errMsg?: (string|null);
            }

            class CommandFailure implements ICommandFailure {
                constructor(properties?: usp.OperateResp.OperationResult.ICommandFailure);
                public errCode: number;
                public errMsg: string;
                public static create(properties?: usp.OperateResp.OperationResult.ICommandFailure): usp.OperateResp.OperationResult.CommandFailure;
                public static encode(message: usp.OperateResp.OperationResult.ICommandFailure, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.OperateResp.OperationResult.CommandFailure;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }
        }
    }

    interface INotify {
        subscriptionId?: (string|null);
        sendResp?: (boolean|null);
        event?: (usp.Notify.IEvent|null);
        valueChange?: (usp.Notify.IValueChange|null);
        objCreation?: (usp.Notify.IObjectCreation|null);
        objDeletion?: (usp.Notify.IObjectDeletion|null);
        operComplete?: (usp.Notify.IOperationComplete|null);
        onBoardReq?: (usp.Notify.IOnBoardRequest|null);
    }

    class Notify implements INotify {
        constructor(properties?: usp.INotify);
        public subscriptionId: string;
        public sendResp: boolean;
        public event?: (usp.Notify.IEvent|null);
        public valueChange?: (usp.Notify.IValueChange|null);
        public objCreation?: (usp.Notify.IObjectCreation|null);
        public objDeletion?: (usp.Notify.IObjectDeletion|null);
        public operComplete?: (usp.Notify.IOperationComplete|null);
        public onBoardReq?: (usp.Notify.IOnBoardRequest|null);
        public notification?: ("event"|"valueChange"|"objCreation"|"objDeletion"|"operComplete"|"onBoardReq");
        public static create(properties?: usp.INotify): usp.Notify;
        public static encode(message: usp.INotify, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace Notify {

        interface IEvent {
            objPath?: (string|null);
            eventName?: (string|null);
            params?: ({ [k: string]: string }|null);
        }

        class Event implements IEvent {
            constructor(properties?: usp.Notify.IEvent);
            public objPath: string;
            public eventName: string;
            public params: { [k: string]: string };
            public static create(properties?: usp.Notify.IEvent): usp.Notify.Event;
            public static encode(message: usp.Notify.IEvent, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.Event;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IValueChange {
            paramPath?: (string|null);
            paramValue?: (string|null);
        }

        class ValueChange implements IValueChange {
            constructor(properties?: usp.Notify.IValueChange);
            public paramPath: string;
            public paramValue: string;
            public static create(properties?: usp.Notify.IValueChange): usp.Notify.ValueChange;
            public static encode(message: usp.Notify.IValueChange, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.ValueChange;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IObjectCreation {
            objPath?: (string|null);
            uniqueKeys?: ({ [k: string]: string }|null);
        }

        class ObjectCreation implements IObjectCreation {
            constructor(properties?: usp.Notify.IObjectCreation);
            public objPath: string;
            public uniqueKeys: { [k: string]: string };
            public static create(properties?: usp.Notify.IObjectCreation): usp.Notify.ObjectCreation;
            public static encode(message: usp.Notify.IObjectCreation, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.ObjectCreation;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IObjectDeletion {
            objPath?: (string|null);
        }

        class ObjectDeletion implements IObjectDeletion {
            constructor(properties?: usp.Notify.IObjectDeletion);
            public objPath: string;
            public static create(properties?: usp.Notify.IObjectDeletion): usp.Notify.ObjectDeletion;
            public static encode(message: usp.Notify.IObjectDeletion, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.ObjectDeletion;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        interface IOperationComplete {
            objPath?: (string|null);
            commandName?: (string|null);
            commandKey?: (string|null);
            reqOutputArgs?: (usp.Notify.OperationComplete.IOutputArgs|null);
            cmdFailure?: (usp.Notify.OperationComplete.ICommandFailure|null);
        }

        class OperationComplete implements IOperationComplete {
            constructor(properties?: usp.Notify.IOperationComplete);
            public objPath: string;
            public commandName: string;
            public commandKey: string;
            public reqOutputArgs?: (usp.Notify.OperationComplete.IOutputArgs|null);
            public cmdFailure?: (usp.Notify.OperationComplete.ICommandFailure|null);
            public operationResp?: ("reqOutputArgs"|"cmdFailure");
            public static create(properties?: usp.Notify.IOperationComplete): usp.Notify.OperationComplete;
            public static encode(message: usp.Notify.IOperationComplete, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.OperationComplete;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace OperationComplete {

            interface IOutputArgs {
                outputArgs?: ({ [k: string]: string }|null);
            }

            class OutputArgs implements IOutputArgs {
                constructor(properties?: usp.Notify.OperationComplete.IOutputArgs);
                public outputArgs: { [k: string]: string };
                public static create(properties?: usp.Notify.OperationComplete.IOutputArgs): usp.Notify.OperationComplete.OutputArgs;
                public static encode(message: usp.Notify.OperationComplete.IOutputArgs, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.OperationComplete.OutputArgs;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            interface ICommandFailure {
                errCode?: (number|null);
                errMsg?: (string|null);
            }

            class CommandFailure implements ICommandFailure {
                constructor(properties?: usp.Notify.OperationComplete.ICommandFailure);
                public errCode: number;
                public errMsg: string;
                public static create(properties?: usp.Notify.OperationComplete.ICommandFailure): usp.Notify.OperationComplete.CommandFailure;
                public static encode(message: usp.Notify.OperationComplete.ICommandFailure, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.OperationComplete.CommandFailure;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }
        }

        interface IOnBoardRequest {
            oui?: (string|null);
            productClass?: (string|null);
            serialNumber?: (string|null);
            agentSupportedProtocolVersions?: (string|null);
        }

        class OnBoardRequest implements IOnBoardRequest {
            constructor(properties?: usp.Notify.IOnBoardRequest);
            public oui: string;
            public productClass: string;
            public serialNumber: string;
            public agentSupportedProtocolVersions: string;
            public static create(properties?: usp.Notify.IOnBoardRequest): usp.Notify.OnBoardRequest;
            public static encode(message: usp.Notify.IOnBoardRequest, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Notify.OnBoardRequest;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface INotifyResp {
        subscriptionId?: (string|null);
    }

    class NotifyResp implements INotifyResp {
        constructor(properties?: usp.INotifyResp);
        public subscriptionId: string;
        public static create(properties?: usp.INotifyResp): usp.NotifyResp;
        public static encode(message: usp.INotifyResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.NotifyResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IRegister {
        allowPartial?: (boolean|null);
        regPaths?: (usp.Register.IRegistrationPath[]|null);
    }

    class Register implements IRegister {
        constructor(properties?: usp.IRegister);
        public allowPartial: boolean;
        public regPaths: usp.Register.IRegistrationPath[];
        public static create(properties?: usp.IRegister): usp.Register;
        public static encode(message: usp.IRegister, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Register;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace Register {

        interface IRegistrationPath {
            path?: (string|null);
        }

        class RegistrationPath implements IRegistrationPath {
            constructor(properties?: usp.Register.IRegistrationPath);
            public path: string;
            public static create(properties?: usp.Register.IRegistrationPath): usp.Register.RegistrationPath;
            public static encode(message: usp.Register.IRegistrationPath, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Register.RegistrationPath;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }
    }

    interface IRegisterResp {
        registeredPathResults?: (usp.RegisterResp.IRegisteredPathResult[]|null);
    }

    class RegisterResp implements IRegisterResp {
        constructor(properties?: usp.IRegisterResp);
        public registeredPathResults: usp.RegisterResp.IRegisteredPathResult[];
        public static create(properties?: usp.IRegisterResp): usp.RegisterResp;
        public static encode(message: usp.IRegisterResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.RegisterResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace RegisterResp {

        interface IRegisteredPathResult {
            requestedPath?: (string|null);
            operStatus?: (usp.RegisterResp.RegisteredPathResult.IOperationStatus|null);
        }

        class RegisteredPathResult implements IRegisteredPathResult {
            constructor(properties?: usp.RegisterResp.IRegisteredPathResult);
            public requestedPath: string;
            public operStatus?: (usp.RegisterResp.RegisteredPathResult.IOperationStatus|null);
            public static create(properties?: usp.RegisterResp.IRegisteredPathResult): usp.RegisterResp.RegisteredPathResult;
            public static encode(message: usp.RegisterResp.IRegisteredPathResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.RegisterResp.RegisteredPathResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace RegisteredPathResult {

            interface IOperationStatus {
                operFailure?: (usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationFailure|null);
                operSuccess?: (usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationSuccess|null);
            }

            class OperationStatus implements IOperationStatus {
                constructor(properties?: usp.RegisterResp.RegisteredPathResult.IOperationStatus);
                public operFailure?: (usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationFailure|null);
                public operSuccess?: (usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationSuccess|null);
                public operStatus?: ("operFailure"|"operSuccess");
                public static create(properties?: usp.RegisterResp.RegisteredPathResult.IOperationStatus): usp.RegisterResp.RegisteredPathResult.OperationStatus;
                public static encode(message: usp.RegisterResp.RegisteredPathResult.IOperationStatus, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.RegisterResp.RegisteredPathResult.OperationStatus;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            namespace OperationStatus {

                interface IOperationFailure {
                    errCode?: (number|null);
                    errMsg?: (string|null);
                }

                class OperationFailure implements IOperationFailure {
                    constructor(properties?: usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationFailure);
                    public errCode: number;
                    public errMsg: string;
                    public static create(properties?: usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationFailure): usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationFailure;
                    public static encode(message: usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationFailure, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationFailure;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }

                interface IOperationSuccess {
                    registeredPath?: (string|null);
                }

                class OperationSuccess implements IOperationSuccess {
                    constructor(properties?: usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationSuccess);
                    public registeredPath: string;
                    public static create(properties?: usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationSuccess): usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationSuccess;
                    public static encode(message: usp.RegisterResp.RegisteredPathResult.OperationStatus.IOperationSuccess, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.RegisterResp.RegisteredPathResult.OperationStatus.OperationSuccess;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }
            }
        }
    }

    interface IDeregister {
        paths?: (string[]|null);
    }

    class Deregister implements IDeregister {
        constructor(properties?: usp.IDeregister);
        public paths: string[];
        public static create(properties?: usp.IDeregister): usp.Deregister;
        public static encode(message: usp.IDeregister, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.Deregister;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    interface IDeregisterResp {
        deregisteredPathResults?: (usp.DeregisterResp.IDeregisteredPathResult[]|null);
    }

    class DeregisterResp implements IDeregisterResp {
        constructor(properties?: usp.IDeregisterResp);
        public deregisteredPathResults: usp.DeregisterResp.IDeregisteredPathResult[];
        public static create(properties?: usp.IDeregisterResp): usp.DeregisterResp;
        public static encode(message: usp.IDeregisterResp, writer?: $protobuf.Writer): $protobuf.Writer;
        public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeregisterResp;
        public static getTypeUrl(typeUrlPrefix?: string): string;
    }

    namespace DeregisterResp {

        interface IDeregisteredPathResult {
            requestedPath?: (string|null);
            operStatus?: (usp.DeregisterResp.DeregisteredPathResult.IOperationStatus|null);
        }

        class DeregisteredPathResult implements IDeregisteredPathResult {
            constructor(properties?: usp.DeregisterResp.IDeregisteredPathResult);
            public requestedPath: string;
            public operStatus?: (usp.DeregisterResp.DeregisteredPathResult.IOperationStatus|null);
            public static create(properties?: usp.DeregisterResp.IDeregisteredPathResult): usp.DeregisterResp.DeregisteredPathResult;
            public static encode(message: usp.DeregisterResp.IDeregisteredPathResult, writer?: $protobuf.Writer): $protobuf.Writer;
            public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeregisterResp.DeregisteredPathResult;
            public static getTypeUrl(typeUrlPrefix?: string): string;
        }

        namespace DeregisteredPathResult {

            interface IOperationStatus {
                operFailure?: (usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationFailure|null);
                operSuccess?: (usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationSuccess|null);
            }

            class OperationStatus implements IOperationStatus {
                constructor(properties?: usp.DeregisterResp.DeregisteredPathResult.IOperationStatus);
                public operFailure?: (usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationFailure|null);
                public operSuccess?: (usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationSuccess|null);
                public operStatus?: ("operFailure"|"operSuccess");
                public static create(properties?: usp.DeregisterResp.DeregisteredPathResult.IOperationStatus): usp.DeregisterResp.DeregisteredPathResult.OperationStatus;
                public static encode(message: usp.DeregisterResp.DeregisteredPathResult.IOperationStatus, writer?: $protobuf.Writer): $protobuf.Writer;
                public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeregisterResp.DeregisteredPathResult.OperationStatus;
                public static getTypeUrl(typeUrlPrefix?: string): string;
            }

            namespace OperationStatus {

                interface IOperationFailure {
                    errCode?: (number|null);
                    errMsg?: (string|null);
                }

                class OperationFailure implements IOperationFailure {
                    constructor(properties?: usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationFailure);
                    public errCode: number;
                    public errMsg: string;
                    public static create(properties?: usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationFailure): usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationFailure;
                    public static encode(message: usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationFailure, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationFailure;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }

                interface IOperationSuccess {
                    deregisteredPath?: (string[]|null);
                }

                class OperationSuccess implements IOperationSuccess {
                    constructor(properties?: usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationSuccess);
                    public deregisteredPath: string[];
                    public static create(properties?: usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationSuccess): usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationSuccess;
                    public static encode(message: usp.DeregisterResp.DeregisteredPathResult.OperationStatus.IOperationSuccess, writer?: $protobuf.Writer): $protobuf.Writer;
                    public static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): usp.DeregisterResp.DeregisteredPathResult.OperationStatus.OperationSuccess;
                    public static getTypeUrl(typeUrlPrefix?: string): string;
                }
            }
        }
    }
}
