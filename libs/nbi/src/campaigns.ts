import { Type as T, type Static } from '@sinclair/typebox';
import { Ajv, type ErrorObject } from 'ajv';
import { specProblems, type CampaignSpec, type StopRules } from '@meridian/campaign';
import { ApiError } from './errors';

const count = (min: number, description?: string) =>
  T.Integer({ minimum: min, ...(description ? { description } : {}) });

export const StopRulesBody = T.Object(
  {
    failuresInWindow: T.Optional(
      T.Object(
        { failures: count(0), window: count(1) },
        {
          additionalProperties: false,
          description:
            'Pause when more than `failures` of the last `window` finished devices failed.',
        },
      ),
    ),
    stageFailureRatePercent: T.Optional(
      T.Number({
        minimum: 0,
        exclusiveMaximum: 100,
        description:
          "Pause when the failed share of the stage's finished devices is above this, judged once 10 (or all) of them finished.",
      }),
    ),
    stageTimeoutSeconds: T.Optional(
      count(1, 'Pause when a stage has not finished this long after it started or was resumed.'),
    ),
  },
  { additionalProperties: false, title: 'CampaignStopRules' },
);

/** POST /campaigns. */
export const CampaignBody = T.Object(
  {
    name: T.String({ minLength: 1, maxLength: 200 }),
    file: T.String({ minLength: 1, description: 'The image, by its name in /files.' }),
    version: T.Optional(
      T.String({
        minLength: 1,
        description: "The version the image installs; default the file's version.",
      }),
    ),
    target: T.Object(
      {
        oui: T.Optional(T.String({ minLength: 1 })),
        productClass: T.Optional(T.String({ minLength: 1 })),
        softwareVersion: T.Optional(
          T.String({ minLength: 1, description: 'The version the devices run now.' }),
        ),
        tags: T.Optional(T.Array(T.String({ minLength: 1 }))),
        parameter: T.Optional(
          T.Object(
            { path: T.String({ minLength: 1 }), value: T.String() },
            { additionalProperties: false, description: 'A cached parameter holds this value.' },
          ),
        ),
      },
      { additionalProperties: false, description: 'Every criterion given must hold.' },
    ),
    stages: T.Array(
      T.Object(
        {
          percent: T.Number({ exclusiveMinimum: 0, maximum: 100 }),
          soakSeconds: T.Optional(count(0, 'Wait after the stage finished; default 0.')),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 1,
        description:
          'Cumulative share of the devices upgraded by the end of each stage, increasing, the last 100; e.g. 1, 10, 100.',
      },
    ),
    maxInFlight: T.Optional(count(1, 'Devices downloading at once; default 50.')),
    window: T.Optional(
      T.Object(
        {
          start: T.String({ description: 'HH:MM' }),
          end: T.String({ description: 'HH:MM (before start: the window spans midnight)' }),
          timeZone: T.String({
            description:
              'IANA time zone (Europe/Paris), POSIX TZ string (CET-1CEST,M3.5.0,M10.5.0/3), or "device": each device\'s own, as it reports it in Device.Time.LocalTimeZone (TR-098: InternetGatewayDevice.Time.LocalTimeZoneName)',
          }),
          scheduleDownload: T.Optional(
            T.Boolean({
              description:
                'Send each device a ScheduleDownload (CWMP 1-2) whose TimeWindow ends when its window closes, instead of a Download',
            }),
          ),
          fallbackTimeZone: T.Optional(
            T.String({
              description:
                'With "device": the zone of devices that report none (IANA or POSIX); default UTC',
            }),
          ),
        },
        { additionalProperties: false, description: 'Devices start only inside it.' },
      ),
    ),
    stopRules: T.Optional(StopRulesBody),
  },
  { additionalProperties: false, title: 'CampaignBody' },
);
export type CampaignBody = Static<typeof CampaignBody>;

/** POST /campaigns/{id}/resume: optionally with changed stop rules. */
export const ResumeBody = T.Object(
  { stopRules: T.Optional(StopRulesBody) },
  { additionalProperties: false, title: 'CampaignResume' },
);
export type ResumeBody = Static<typeof ResumeBody>;

const ajv = new Ajv({ allErrors: true, strict: false });
const checkCampaign = ajv.compile(CampaignBody);
const checkResume = ajv.compile(ResumeBody);

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => {
    const where = `body${e.instancePath.replace(/\//g, '.')}`;
    if (e.keyword === 'additionalProperties') {
      return `${where}: unknown field ${(e.params as { additionalProperty: string }).additionalProperty}`;
    }
    return `${where} ${e.message ?? 'is not valid'}`;
  });

const invalid = (problems: string[]): ApiError =>
  new ApiError(400, 'invalid_campaign', problems.join('; '), problems);

/** The spec of a campaign body once the file's version is known; 400 with every problem. */
export function campaignSpecOf(body: unknown): Omit<CampaignSpec, 'version'> & {
  version?: string;
} {
  if (!checkCampaign(body)) throw invalid(describe(checkCampaign.errors));
  const b = body as CampaignBody;
  const spec = {
    name: b.name,
    fileName: b.file,
    ...(b.version !== undefined ? { version: b.version } : {}),
    target: b.target,
    stages: b.stages.map((s) => ({ percent: s.percent, soakSeconds: s.soakSeconds ?? 0 })),
    maxInFlight: b.maxInFlight ?? 50,
    ...(b.window !== undefined ? { window: b.window } : {}),
    stopRules: b.stopRules ?? {},
  };
  const problems = specProblems({ ...spec, version: spec.version ?? '' });
  if (problems.length > 0) throw invalid(problems);
  return spec;
}

export function resumeOf(body: unknown): { stopRules?: StopRules } {
  const given = body ?? {};
  if (!checkResume(given)) throw invalid(describe(checkResume.errors));
  return given as ResumeBody;
}
