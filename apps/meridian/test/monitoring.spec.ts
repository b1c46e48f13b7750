import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse } from 'yaml';
import { METRIC_DEFINITIONS } from '@meridian/telemetry';

/*
 * The alerting rules and the Grafana dashboard the Helm chart ships (helm/meridian/files): valid
 * PromQL (Prometheus's own grammar, @prometheus-io/lezer-promql), only metrics and labels the
 * services export, and texts (annotations, legends) that name only labels the query keeps.
 */

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

const FILES = join(__dirname, '../../../helm/meridian/files');
const rules: Rule[] = (
  parse(readFileSync(join(FILES, 'prometheus-rules.yaml'), 'utf8')) as {
    groups: { rules: Rule[] }[];
  }
).groups.flatMap((group) => group.rules);

interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; legendFormat: string; datasource: { uid: string } }[];
}
const dashboard = JSON.parse(readFileSync(join(FILES, 'grafana-dashboard.json'), 'utf8')) as {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: { name: string }[] };
};
/** Grafana's variables as Prometheus would get them. */
const asSent = (expr: string): string => expr.replaceAll('$__rate_interval', '5m');

/** Labels of every series name a query may select: histograms by their _bucket, _count and _sum. */
const SERIES = new Map<string, readonly string[]>(
  Object.values(METRIC_DEFINITIONS).flatMap(
    ({ name, type, labels }): [string, readonly string[]][] =>
      type === 'histogram'
        ? [
            [`${name}_bucket`, [...labels, 'le']],
            [`${name}_count`, labels],
            [`${name}_sum`, labels],
          ]
        : [[name, labels]],
  ),
);
/** What Prometheus adds to every series it scrapes from a ServiceMonitor. */
const TARGET_LABELS = ['namespace', 'job', 'instance'];

interface Query {
  errors: string[];
  metrics: string[];
  /** Label names in selectors' matchers, with their metric. */
  matched: { metric: string; label: string }[];
  /** Label names of every `by (…)`. */
  grouping: string[];
}

function expectExported(query: Query): void {
  expect(query.metrics.length).toBeGreaterThan(0);
  for (const metric of query.metrics) expect([...SERIES.keys()]).toContain(metric);
  for (const { metric, label } of query.matched)
    expect([...(SERIES.get(metric) ?? []), ...TARGET_LABELS]).toContain(label);
  const known = [...new Set(query.metrics.flatMap((m) => SERIES.get(m) ?? []))];
  for (const label of query.grouping) expect([...known, ...TARGET_LABELS]).toContain(label);
}

function readQuery(expr: string): Query {
  const query: Query = { errors: [], metrics: [], matched: [], grouping: [] };
  const text = (node: SyntaxNode): string => expr.slice(node.from, node.to);
  parser.parse(expr).iterate({
    enter: (ref) => {
      const node = ref.node;
      if (ref.type.isError)
        query.errors.push(`at ${ref.from}: "${expr.slice(ref.from, ref.from + 20)}"`);
      if (ref.name === 'VectorSelector') {
        const metric = node.getChild('Identifier');
        if (metric === null) return;
        query.metrics.push(text(metric));
        for (const name of node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ??
          [])
          query.matched.push({ metric: text(metric), label: text(name.getChild('LabelName')!) });
      }
      if (ref.name === 'GroupingLabels') {
        for (const name of node.getChildren('LabelName')) query.grouping.push(text(name));
      }
    },
  });
  return query;
}

describe('the alerting rules of the Helm chart', () => {
  it('are there, each named once', () => {
    const names = rules.map((rule) => rule.alert);
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^Meridian[A-Z][A-Za-z]+$/);
  });

  describe.each(rules.map((rule) => [rule.alert, rule] as const))('%s', (_name, rule) => {
    const query = readQuery(rule.expr);

    it('is PromQL', () => {
      expect(query.errors).toEqual([]);
    });

    it('reads only metrics and labels the services export', () => expectExported(query));

    it('says how bad, for how long, and names only labels its expression keeps', () => {
      expect(['critical', 'warning', 'info']).toContain(rule.labels?.severity);
      expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
      const named = Object.values(rule.annotations ?? {}).flatMap((text) =>
        [...text.matchAll(/\$labels\.(\w+)/g)].map((m) => m[1]),
      );
      for (const label of named) expect(query.grouping).toContain(label);
    });
  });

  it('finds a wrong metric, label or syntax (the checks above can fail)', () => {
    const wrong = readQuery('sum by (nope) (rate(meridian_cwmp_sessions_total{bad="x"}[5m])) >');
    expect(wrong.errors).not.toEqual([]);
    expect(SERIES.has(wrong.metrics[0]!)).toBe(false);
    expect(wrong.grouping).toEqual(['nope']);
  });
});

describe('the Grafana dashboard of the Helm chart', () => {
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');

  it('has its panels, each with a query, on the chosen data source', () => {
    expect(dashboard.uid).toBe('meridian-acs');
    expect(panels.length).toBeGreaterThanOrEqual(15);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    expect(dashboard.templating.list.map((variable) => variable.name)).toEqual([
      'datasource',
      'namespace',
    ]);
    for (const panel of panels) {
      expect(panel.datasource?.uid).toBe('${datasource}');
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  describe.each(panels.map((panel) => [panel.title, panel] as const))('%s', (_title, panel) => {
    const queries = (panel.targets ?? []).map((target) => ({
      target,
      query: readQuery(asSent(target.expr)),
    }));

    it('queries metrics and labels the services export, in PromQL', () => {
      for (const { query } of queries) {
        expect(query.errors).toEqual([]);
        expectExported(query);
      }
    });

    it('names in its legend only labels its query keeps', () => {
      for (const { target, query } of queries) {
        const named = [...target.legendFormat.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
        for (const label of named) expect(query.grouping).toContain(label);
      }
    });
  });
});
