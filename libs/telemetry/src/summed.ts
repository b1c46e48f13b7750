import {
  ValueType,
  type Attributes,
  type Counter,
  type Histogram,
  type Meter,
} from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import {
  AggregationTemporality,
  DataPointType,
  type HistogramMetricData,
} from '@opentelemetry/sdk-metrics';
import type { MetricDefinition } from './metrics';

/*
 * Instruments summed in the process, one cell per label set, read by the exporter on each scrape:
 * the same Prometheus counters and histograms as the SDK's synchronous instruments. The SDK's
 * `add`/`record` hash their attributes on every call (keys sorted, the pairs turned into JSON
 * text) to find the label set's cell, and an Inform-only session makes about fifteen such calls;
 * here the cell is found by the label values in the definition's order, and a label set seen
 * before costs no text of its own beyond that key.
 */

/** The label values in the definition's order, joined by NUL (no label value contains one). */
function cellKey(definition: MetricDefinition, attributes: Attributes): string {
  let key = '';
  for (const label of definition.labels) key += `${String(attributes[label])}\0`;
  return key;
}

/** A counter: an observable counter of the SDK reads the sums. */
export class SummedCounter implements Pick<Counter, 'add'> {
  private readonly sums = new Map<string, { attributes: Attributes; value: number }>();

  constructor(
    meter: Meter,
    private readonly definition: MetricDefinition,
  ) {
    meter
      .createObservableCounter(definition.name, { description: definition.help })
      .addCallback((result) => {
        for (const { attributes, value } of this.sums.values()) result.observe(value, attributes);
      });
  }

  /** Adds `value` (a negative or non-finite one is ignored, as the SDK's counter does). */
  add(value: number, attributes: Attributes = {}): void {
    if (!Number.isFinite(value) || value < 0) return;
    const key = cellKey(this.definition, attributes);
    const sum = this.sums.get(key);
    if (sum !== undefined) sum.value += value;
    // The label set is copied: the caller may reuse or change its object.
    else this.sums.set(key, { attributes: { ...attributes }, value });
  }
}

interface HistogramCell {
  attributes: Attributes;
  /** counts[i]: values ≤ boundaries[i] and above the boundary before; the last, above all. */
  counts: number[];
  sum: number;
  count: number;
  min: number;
  max: number;
}

/** A cumulative explicit-bucket histogram, handed to the exporter as metric data (`data`). */
export class SummedHistogram implements Pick<Histogram, 'record'> {
  private readonly cells = new Map<string, HistogramCell>();
  private readonly startTime = hrTime();

  constructor(
    private readonly definition: MetricDefinition,
    private readonly boundaries: readonly number[],
    private readonly unit: string,
  ) {}

  /** Records `value` (a negative or non-finite one is ignored, as the SDK's histogram does). */
  record(value: number, attributes: Attributes = {}): void {
    if (!Number.isFinite(value) || value < 0) return;
    const key = cellKey(this.definition, attributes);
    let cell = this.cells.get(key);
    if (cell === undefined) {
      cell = {
        attributes: { ...attributes },
        counts: new Array<number>(this.boundaries.length + 1).fill(0),
        sum: 0,
        count: 0,
        min: Infinity,
        max: -Infinity,
      };
      this.cells.set(key, cell);
    }
    let bucket = 0;
    while (bucket < this.boundaries.length && value > (this.boundaries[bucket] as number)) bucket++;
    cell.counts[bucket] = (cell.counts[bucket] as number) + 1;
    cell.sum += value;
    cell.count += 1;
    if (value < cell.min) cell.min = value;
    if (value > cell.max) cell.max = value;
  }

  /** What was recorded since the start, as the SDK's metric data; null before any record. */
  data(): HistogramMetricData | null {
    if (this.cells.size === 0) return null;
    const endTime = hrTime();
    return {
      descriptor: {
        name: this.definition.name,
        description: this.definition.help,
        unit: this.unit,
        valueType: ValueType.DOUBLE,
      },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: [...this.cells.values()].map((cell) => ({
        attributes: cell.attributes,
        startTime: this.startTime,
        endTime,
        value: {
          buckets: { boundaries: [...this.boundaries], counts: [...cell.counts] },
          sum: cell.sum,
          count: cell.count,
          min: cell.min,
          max: cell.max,
        },
      })),
    };
  }
}
