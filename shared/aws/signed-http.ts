// One signed HTTP call to an AWS service, for the adapters that do without the service's SDK client (S3, and
// the JSON-protocol calls of Step Functions and SQS): signed with SigV4 by the SDK's own signer (the one every
// AWS client already carries) using the region, credentials and hash of the process's DynamoDB client, sent
// with fetch, each attempt signed afresh. What the SDK's retry strategy would try again is tried again here:
// 5xx answers, throttling, and network failures, three attempts with jittered backoff.
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  ChecksumConstructor,
  HashConstructor,
  HttpRequest,
  Provider,
} from '@smithy/types';

/** What signs: an AWS client's resolved config has exactly these (`documentClient().config`). */
export interface AwsSigning {
  region: string | Provider<string>;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  sha256: ChecksumConstructor | HashConstructor;
}

/** Those three of an AWS client's resolved config (more is there: credentials must not be copied around). */
export const signingOf = ({ region, credentials, sha256 }: AwsSigning): AwsSigning => ({ region, credentials, sha256 });

/**
 * The service answered with an error: its status and, when it said one, its code. The name is the code
 * (AccessDenied, SlowDown, ExecutionLimitExceeded…), as an SDK error's is, so a log line that keeps only an
 * error's name still tells a permissions fault from throttling.
 */
export class AwsRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    operation: string,
  ) {
    super(`${operation} failed: ${status}${code ? ` ${code}` : ''}`);
    this.name = code ?? `Http${status}`;
  }
}

/** RFC 3986 escaping, as SigV4 canonicalises (encodeURIComponent leaves !'()* alone). */
export const uriEscape = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function urlOf(req: HttpRequest): string {
  const query = Object.entries(req.query ?? {})
    .flatMap(([k, v]) => (v === null ? [] : (Array.isArray(v) ? v : [v]).map((x) => `${uriEscape(k)}=${uriEscape(x)}`)))
    .join('&');
  return `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ''}${req.path}${query ? `?${query}` : ''}`;
}

export const regionOf = async (signing: AwsSigning) =>
  typeof signing.region === 'string' ? signing.region : signing.region();

/** The request's origin: an endpoint given (a local stand-in, a test), else the service's regional host. */
export function origin(
  endpoint: string | undefined,
  host: string,
): Pick<HttpRequest, 'protocol' | 'hostname' | 'port'> & { host: string; base: string } {
  if (!endpoint) return { protocol: 'https:', hostname: host, host, base: '' };
  const url = new URL(endpoint);
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    host: url.host,
    base: url.pathname.replace(/\/$/, ''),
  };
}

/** Codes worth another attempt (throttling and timeouts), as the SDK's retry strategy has them. */
const RETRYABLE = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'RequestLimitExceeded',
  'RequestTimeout',
  'RequestTimeoutException',
  'PriorRequestNotComplete',
]);
/** 5xx but 501 (not implemented: asking again changes nothing), 429, and the codes above. */
const retryable = (status: number, code: string | undefined) =>
  (status >= 500 && status !== 501) || status === 429 || (code !== undefined && RETRYABLE.has(code));

/** The error code an AWS service gives: its header, a JSON `__type`, or an XML `<Code>`. */
export function errorCode(res: Response, body: string): string | undefined {
  const raw =
    res.headers.get('x-amzn-errortype') ??
    /"__type"\s*:\s*"([^"]+)"/.exec(body)?.[1] ??
    /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  // "com.amazonaws.states#ExecutionAlreadyExists", "ThrottlingException:http://…": the name alone.
  return raw?.split(':')[0].split('#').pop();
}

const ATTEMPTS = 3;
/** Per attempt: three attempts and their pauses fit an API handler's 10 s. */
const TIMEOUT_MS = 2_500;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, 100 * 2 ** attempt * (0.5 + Math.random())));

/** How a signed request goes out: fetch, or (tests) something that records it. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

export class SignedHttp {
  private readonly signer: SignatureV4;

  constructor(
    /** The signing name: s3, states, sqs. */
    service: string,
    readonly signing: AwsSigning,
    private readonly transport: Transport = (url, init) => fetch(url, init),
  ) {
    // S3 keys are escaped once, by the adapter; every other service's path is escaped again by the signer.
    this.signer = new SignatureV4({ ...signing, service, uriEscapePath: service !== 's3', applyChecksum: true });
  }

  /**
   * Sends `build()`'s request, signed; an answer whose status is not in `ok` is an AwsRequestError. Tried
   * again: retryable answers, and the network failing or timing out (the timeout covers the wait for the
   * answer's headers; its body is read by the caller). Anything else (signing, credentials) fails at once.
   */
  async send(operation: string, build: () => Promise<HttpRequest>, ok: number[]): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const signed = await this.signer.sign(await build());
      const { host: _host, ...headers } = signed.headers;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new Error(`${operation} timed out`)), TIMEOUT_MS);
      let failure: unknown;
      try {
        const res = await this.transport(urlOf(signed), {
          method: signed.method,
          headers,
          body: signed.body,
          // An AWS endpoint never redirects a signed call: a redirect is an answer, not somewhere to go.
          redirect: 'manual',
          signal: abort.signal,
        });
        clearTimeout(timer);
        if (ok.includes(res.status)) return res;
        const code = errorCode(res, signed.method === 'HEAD' ? '' : await res.text());
        failure = new AwsRequestError(res.status, code, operation);
        if (!retryable(res.status, code)) throw failure;
      } catch (err) {
        clearTimeout(timer);
        if (err instanceof AwsRequestError && !retryable(err.status, err.code)) throw err;
        failure = err;
      }
      if (attempt >= ATTEMPTS) throw failure;
      await pause(attempt);
    }
  }
}
