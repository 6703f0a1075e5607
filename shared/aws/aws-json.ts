// A call in the AWS JSON 1.0 protocol (Step Functions, SQS): a signed POST of the input as JSON to the
// service's regional endpoint, the operation named in X-Amz-Target, the output as JSON. What the SDK clients
// of these services send, without their ~22 KB each in the stream dispatcher's bundle (bench section 1).
import { type AwsSigning, origin, regionOf, SignedHttp } from './signed-http.ts';

export interface AwsJsonService {
  /** The signing name and the endpoint prefix: states, sqs. */
  service: string;
  /** The X-Amz-Target prefix: AWSStepFunctions, AmazonSQS. */
  targetPrefix: string;
  /** Another endpoint than https://<service>.<region>.amazonaws.com (the tests' server). */
  endpoint?: string;
}

export class AwsJsonClient {
  private readonly http: SignedHttp;

  constructor(
    private readonly api: AwsJsonService,
    signing: AwsSigning,
  ) {
    this.http = new SignedHttp(api.service, signing);
  }

  async call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>): Promise<T> {
    const body = JSON.stringify(input);
    const res = await this.http.send(`${this.api.targetPrefix}.${operation}`, async () => {
      const host = `${this.api.service}.${await regionOf(this.http.signing)}.amazonaws.com`;
      const { host: hostHeader, base, ...at } = origin(this.api.endpoint, host);
      return {
        method: 'POST',
        ...at,
        path: `${base}/`,
        query: {},
        headers: {
          host: hostHeader,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `${this.api.targetPrefix}.${operation}`,
        },
        body,
      };
    }, [200]);
    const text = await res.text();
    return (text ? JSON.parse(text) : {}) as T;
  }
}
