// The AWS prices the cost model uses: ap-south-1 (Mumbai), on-demand list prices in USD, dated, each with
// where it comes from and how sure it is. Compiled 2026-12-02 from the price research of this round
// (prices-research.md: stored copies of public pages; AWS renders most regional price cells with
// JavaScript, so few Mumbai figures could be read) plus the rows marked "bench" found the same way.
//
// confidence:
//   ap-south-1  a Mumbai figure was read in the source
//   global      the source says the price is the same in every region (or is a destination price)
//   us-east-1   a us-east-1 figure: no Mumbai figure was found; Mumbai is often 5–15% higher
//   unverified  no source says it for Mumbai (a derived or remembered figure): confirm before relying on it
//   assumption  no published price was found at all: an explicit input, its reasoning in `note`
//
// Free tiers are not deducted anywhere: the model prices every unit, so the cost per case can be compared
// across volumes (a free tier would make small volumes look cheaper per case than they are).
//
// Rerun with other prices: edit this table, or give a JSON file of overrides (any subset; a number or
// { "usd": … } per price) and run `BENCH_PRICES=my-prices.json BENCH_SECTIONS=6,7 npm run bench`, e.g.
//   { "sms": { "indiaDltPerPart": 0.0025 }, "dynamodb": { "writeUnitsPerMillion": { "usd": 0.7116 } } }
import { readFileSync } from 'node:fs';

export type Confidence = 'ap-south-1' | 'global' | 'us-east-1' | 'unverified' | 'assumption';

export interface Price {
  usd: number;
  unit: string;
  source: string;
  /** The date printed on the source, or the day it was read. */
  asOf: string;
  confidence: Confidence;
  note?: string;
}

const p = (usd: number, unit: string, confidence: Confidence, source: string, asOf: string, note?: string): Price => ({
  usd,
  unit,
  confidence,
  source,
  asOf,
  ...(note ? { note } : {}),
});

const AIRBYTE = 'https://airbyte.com/data-engineering-resources/dynamodb-pricing';
const GIST = 'https://gist.github.com/allenheltondev?page=3';
const C3X_LOGS = 'https://c3x.dev/blog/cloudwatch-logs-cost-optimization';
const C3X_WAF = 'https://c3x.dev/blog/aws-waf-cost-explained/';
const EVANGELIST = 'https://raw.githubusercontent.com/api-evangelist';
const COGNITO = `${EVANGELIST}/amazon-cognito/refs/heads/main/plans/amazon-cognito-plans-pricing.yml`;
const SECRETS = `${EVANGELIST}/amazon-secrets-manager/refs/heads/main/plans/amazon-secrets-manager-plans-pricing.yml`;
const APIGW =
  'https://docs.aws.amazon.com/pt_br/whitepapers/latest/' +
  'best-practices-api-gateway-private-apis-integration/cost-optimization.html';

export const PRICES = {
  region: 'ap-south-1',
  compiled: '2026-12-02',
  dynamodb: {
    writeUnitsPerMillion: p(
      0.625,
      'per 1M write request units',
      'us-east-1',
      AIRBYTE,
      '2025-07-21',
      'After the Nov-2024 cut. Mumbai ≈ 0.7116 (unverified: pre-cut Mumbai rate × 0.5).',
    ),
    readUnitsPerMillion: p(
      0.125,
      'per 1M read request units',
      'us-east-1',
      AIRBYTE,
      '2025-07-21',
      'Mumbai ≈ 0.1423 (unverified).',
    ),
    storageGbMonth: p(
      0.25,
      'per GB-month',
      'us-east-1',
      'https://aws.amazon.com/dynamodb/pricing/',
      'n/a',
      'Mumbai ≈ 0.285 (unverified). First 25 GB free in every region (not deducted).',
    ),
    pitrGbMonth: p(0.2, 'per GB-month of table size', 'us-east-1', GIST, 'n/a', 'Mumbai ≈ 0.228 (unverified).'),
    streamReadsPer100k: p(
      0,
      'per 100,000 GetRecords by Lambda triggers',
      'global',
      'https://docs.amazonaws.cn/en_us/amazondynamodb/latest/developerguide/CostOptimization_StreamsUsage.html',
      'n/a',
      'Reads by Lambda consumers of a stream are free; the table has no other consumer.',
    ),
  },
  lambda: {
    gbSecond: p(
      0.0000133334,
      'per GB-second (arm64, first tier)',
      'ap-south-1',
      'https://app.unpkg.com/artillery@2.0.28/files/lib/platform/aws-lambda/prices.js',
      'n/a',
      "Artillery's table: arm64 base price, no ap-south-1 override.",
    ),
    requestsPerMillion: p(
      0.2,
      'per 1M requests',
      'ap-south-1',
      'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html',
      'n/a',
    ),
    provisionedGbSecond: p(
      0.0000033334,
      'per GB-second provisioned (arm64)',
      'unverified',
      'none found',
      'n/a',
      'bench: remembered us-east-1 arm64 figure; no source in the corpus. Only the cold-start remedy uses it.',
    ),
    provisionedDurationGbSecond: p(
      0.0000087504,
      'per GB-second of duration on provisioned (arm64)',
      'unverified',
      'none found',
      'n/a',
      'bench: remembered us-east-1 arm64 figure; no source in the corpus.',
    ),
  },
  apiGateway: {
    restRequestsPerMillion: p(
      3.5,
      'per 1M REST requests (first 333M)',
      'ap-south-1',
      APIGW,
      'n/a',
      'Mumbai is in the $3.50 group (https://aws.eu/api-gateway/pricing).',
    ),
  },
  stepFunctions: {
    transitionsPerThousand: p(
      0.0285,
      'per 1,000 state transitions (Standard)',
      'ap-south-1',
      'https://aws.amazon.com/step-functions/pricing/',
      'n/a',
    ),
  },
  scheduler: {
    invocationsPerMillion: p(
      1,
      'per 1M scheduled invocations',
      'us-east-1',
      'https://cloudburn.io/blog/amazon-eventbridge-pricing',
      '2026-03-13',
      'Tokyo is $1.25/M; no Mumbai row found. First 14M a month free (not deducted).',
    ),
  },
  sms: {
    indiaDltPerPart: p(
      0.0011,
      'per SMS part to India, DLT local route (Transactional)',
      'assumption',
      'derived: https://docs.aws.amazon.com/ja_jp/sns/latest/dg/channels-sms-senderid-india.html and ' +
        'https://priyankt.com/posts/sending-sms-aws-sns',
      '2026-12-02',
      'bench: no published AWS per-message price for the local route was found. AWS gives the ILDO price ' +
        '(0.02171 USD a message) and a practitioner reports ILDO costs about 20× the local route: ' +
        '0.02171 ÷ 20 ≈ 0.0011. Indian vendors quote ₹0.13–0.35 (≈ 0.0015–0.004 USD) a transactional SMS. ' +
        'Set your contracted rate (BENCH_PRICES).',
    ),
    indiaIldoPerPart: p(
      0.02171,
      'per SMS part to India over international routes (no DLT)',
      'global',
      'https://docs.aws.amazon.com/ja_jp/sns/latest/dg/channels-sms-senderid-india.html',
      'n/a',
      'bench: what every SMS would cost before the DLT registration is done.',
    ),
  },
  kms: {
    keyMonth: p(1, 'per customer-managed key-month', 'global', 'https://aws.amazon.com/kms/pricing/', 'n/a'),
    requestsPer10k: p(0.03, 'per 10,000 requests', 'global', 'https://www.wring.co/blog/aws-kms-pricing-guide', 'n/a'),
  },
  cloudwatch: {
    logIngestGb: p(
      0.5,
      'per GB ingested (Standard)',
      'us-east-1',
      C3X_LOGS,
      '2026-06',
      'Tokyo is $0.76/GB; no Mumbai figure found.',
    ),
    logStorageGbMonth: p(0.03, 'per GB-month archived', 'us-east-1', C3X_LOGS, '2026-06'),
    alarmMonth: p(
      0.1,
      'per standard alarm metric-month',
      'us-east-1',
      'https://github.com/vreutova/infracost-idem-support/pull/2',
      'n/a',
    ),
    metricMonth: p(
      0.3,
      'per custom metric-month (first 10,000)',
      'us-east-1',
      'https://signoz.io/guides/cloudwatch-pricing',
      '2026-02-15',
    ),
    dashboardMonth: p(
      3,
      'per dashboard-month',
      'us-east-1',
      'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/',
      '2026-06-13',
    ),
  },
  waf: {
    webAclMonth: p(5, 'per web ACL-month', 'global', C3X_WAF, 'n/a'),
    ruleMonth: p(1, 'per rule or managed rule group-month', 'global', C3X_WAF, 'n/a'),
    requestsPerMillion: p(0.6, 'per 1M requests inspected', 'global', C3X_WAF, 'n/a'),
  },
  cognito: {
    mauPlus: p(
      0.02,
      'per monthly active user, Plus tier (the user pool is Plus: threat protection)',
      'unverified',
      COGNITO,
      '2026-09-20',
      'No region stated by the source; Plus has no free tier.',
    ),
    m2mClientMonth: p(
      6,
      'per machine-to-machine app client-month',
      'us-east-1',
      'https://www.rhythmictech.com/blog/the-aws-cognito-m2m-bill-has-come-due-what-you-need-to-know/',
      '2025-05',
    ),
    m2mTokensPer1000: p(
      2.25,
      'per 1,000 client-credentials token requests',
      'us-east-1',
      'https://cur.vantage-api.com/aws/amazoncognito/user-pools-m2m/cupm2mtokenrequestsfull',
      '2025-04-27',
    ),
  },
  cloudfront: {
    dataOutGbIndia: p(
      0.109,
      'per GB to the internet, India, first 10 TB',
      'ap-south-1',
      'http://aws.amazon.com/cloudfront/pricing',
      'n/a',
    ),
    httpsRequestsPer10k: p(
      0.012,
      'per 10,000 HTTPS requests, India',
      'unverified',
      'none found',
      'n/a',
      'Remembered figure, not in the stored pages.',
    ),
  },
  s3: {
    storageGbMonth: p(
      0.023,
      'per GB-month, Standard',
      'us-east-1',
      'https://cloudburn.io/blog/amazon-s3-pricing',
      '2026-03-13',
      'Mumbai ≈ 0.025 (unverified).',
    ),
    putPer1000: p(
      0.005,
      'per 1,000 PUT/COPY/POST/LIST',
      'us-east-1',
      'https://c3x.dev/blog/s3-request-fees-explained',
      'n/a',
    ),
    getPer1000: p(0.0004, 'per 1,000 GET/HEAD', 'us-east-1', 'https://c3x.dev/blog/s3-request-fees-explained', 'n/a'),
  },
  sqs: {
    requestsPerMillion: p(
      0.4,
      'per 1M requests (standard; FIFO 0.50)',
      'us-east-1',
      'https://cloudburn.io/blog/amazon-sqs-pricing',
      '2026-03',
    ),
  },
  xray: {
    tracesPerMillion: p(
      5,
      'per 1M traces recorded',
      'us-east-1',
      'https://aws.amazon.com/de/xray/pricing/',
      'n/a',
      'Region not stated by the source. The stack traces every function and the API (active tracing).',
    ),
  },
  secretsManager: {
    secretMonth: p(
      0.4,
      'per secret-month',
      'unverified',
      SECRETS,
      '2026-09-20',
      'bench: not in prices-research.md; transcribed from aws.amazon.com/secrets-manager/pricing, region not stated.',
    ),
    apiCallsPer10k: p(
      0.05,
      'per 10,000 API calls',
      'unverified',
      SECRETS,
      '2026-09-20',
      'The stack resolves its secrets at deploy time (dynamic references): no calls at run time.',
    ),
  },
} as const satisfies { region: string; compiled: string } & Record<string, unknown>;

export type PriceTable = typeof PRICES;
type Group = Record<string, Price>;

/** Every price, flattened: `service.item` → price (for the printed table and bench.json). */
export function priceRows(table: PriceTable): Array<{ key: string } & Price> {
  return Object.entries(table).flatMap(([service, group]) =>
    typeof group === 'object'
      ? Object.entries(group as Group).map(([item, price]) => ({ key: `${service}.${item}`, ...price }))
      : [],
  );
}

/**
 * The table with overrides applied: `{ service: { item: number | { usd, … } } }`. An override's
 * confidence becomes "override" unless it says otherwise; unknown keys are an error (a typo would silently
 * keep the old price).
 */
export function withOverrides(table: PriceTable, overrides: unknown): PriceTable {
  const out = structuredClone(table) as unknown as Record<string, Group>;
  if (!overrides || typeof overrides !== 'object') throw new Error('price overrides must be a JSON object');
  for (const [service, items] of Object.entries(overrides as Record<string, unknown>)) {
    const group = out[service];
    if (!group || typeof group !== 'object' || !items || typeof items !== 'object')
      throw new Error(`no price group "${service}"`);
    for (const [item, value] of Object.entries(items as Record<string, unknown>)) {
      const price = group[item];
      if (!price) throw new Error(`no price "${service}.${item}"`);
      const given = typeof value === 'number' ? { usd: value } : (value as Partial<Price>);
      if (typeof given.usd !== 'number' || !(given.usd >= 0))
        throw new Error(`${service}.${item}: usd must be a number ≥ 0`);
      group[item] = {
        ...price,
        source: 'override (BENCH_PRICES)',
        confidence: 'assumption',
        note: `was ${price.usd} (${price.confidence})`,
        ...given,
      };
    }
  }
  return out as unknown as PriceTable;
}

/** The table the bench uses: PRICES, with the JSON file named by BENCH_PRICES applied over it. */
export function loadPrices(env: NodeJS.ProcessEnv = process.env): { table: PriceTable; overridden?: string } {
  const file = env.BENCH_PRICES;
  if (!file) return { table: PRICES };
  return { table: withOverrides(PRICES, JSON.parse(readFileSync(file, 'utf8'))), overridden: file };
}
