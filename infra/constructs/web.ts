// The staff form in AWS: web/dist in a private S3 bucket behind CloudFront (origin access control, HTTPS
// only, security headers with a strict CSP), and the API served from the same origin: the API's path
// prefixes, taken from the route table, go to the REST API origin uncached with every viewer header (the
// Authorization header included) and the query string. Same origin, so the form needs no CORS.
//
// /config.json is written at deploy time with the sign-in settings the form reads (web/src/config.ts).
//
// No custom error responses: they would apply to the whole distribution and turn the API's 403 and 404
// (problem+json, which the form shows) into the index page. The SPA fallback is a viewer-request function
// on the form's behaviour only: any path without a file extension gets /index.html.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  Annotations,
  type CfnElement,
  DefaultStackSynthesizer,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { Route } from '#shared/core/routes.ts';
import { ORIGIN_SECRET_HEADER, VIEWER_IP_HEADER } from './firewall.ts';

/**
 * The CloudFront path patterns of the API: the first segment of every route, `/cases*` for a collection
 * (itself and everything under it), the exact path for a file such as `/openapi.json`.
 */
export function apiPathPatterns(routes: readonly Route[]): string[] {
  const segments = [...new Set(routes.map((r) => r.path.split('/')[1]))];
  return segments.map((seg) => (seg.includes('.') ? `/${seg}` : `/${seg}*`));
}

/**
 * The Content-Security-Policy of the form: its own files, sign-in at the Cognito domain, and the origins it
 * also connects to (the documents bucket, which it PUTs and GETs with presigned URLs).
 */
export function contentSecurityPolicy(signInUrl: string, connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ['connect-src', "'self'", signInUrl, ...connectSources].join(' '),
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action 'self' ${signInUrl}`,
  ].join('; ');
}

/** What goes up when web/dist has not been built (tests, or a synth before `npm run build:web`). */
const PLACEHOLDER_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Sakhi OSC</title>\n' +
  '<p>The staff form has not been built into this deployment. ' +
  'Run <code>npm run build:web</code> and deploy again.</p></html>\n';

/**
 * On every API request: the address CloudFront saw the viewer at, in x-viewer-ip, over anything the caller
 * sent under that name. The API's firewall limits the rate per viewer by it (firewall.ts).
 */
export const VIEWER_IP_FUNCTION = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_IP_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;

/** Paths without a file extension are the single-page app: serve its page. */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

export interface WebProps {
  restApi: apigw.RestApi;
  /** The route table: its first path segments are the API behaviours. */
  routes: readonly Route[];
  /** https://<prefix>.auth.<region>.amazoncognito.com: the CSP allows it, config.json names it. */
  signInUrl: string;
  /** The web app client of the user pool. */
  clientId: string;
  /** Exact origins the form connects to besides its own and sign-in's (the documents bucket). */
  connectSources?: string[];
  /** Shared computers: the form locks after this long without input, and signs out this long after. */
  idle?: { lockAfterSeconds: number; signOutAfterSeconds: number };
  /** The origin secret CloudFront adds to every API request (the API's firewall refuses requests without it). */
  originSecret: string;
  /** web/dist; absent or not built: a placeholder page (and a warning) instead. */
  distDir?: string;
  removalPolicy: RemovalPolicy;
  /** Days CloudFront and S3 access logs are kept. */
  accessLogDays: number;
  logRetention: logs.RetentionDays;
}

export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly securityHeaders: cloudfront.ResponseHeadersPolicy;
  readonly spaFallback: cloudfront.Function;
  readonly viewerIp: cloudfront.Function;
  /** The path patterns sent to the API. */
  readonly apiPaths: string[];
  /** What /config.json says. */
  readonly config: Record<string, string | number>;
  /** True when web/dist was deployed, false for the placeholder page. */
  readonly builtForm: boolean;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const destroy = props.removalPolicy === RemovalPolicy.DESTROY;

    // Access logs of the bucket and the distribution (ids, paths and IPs: no survivor data is ever in a URL).
    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // CloudFront's standard logs are written with an ACL: the bucket must accept them.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogDays) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroy,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroy,
    });

    this.securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Sakhi OSC: strict CSP, HSTS, no referrer, no sniffing, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.signInUrl, props.connectSources),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
            override: true,
          },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    this.spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      code: cloudfront.FunctionCode.fromInline(SPA_FALLBACK),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serves /index.html for paths without a file extension',
    });

    this.viewerIp = new cloudfront.Function(this, 'ViewerIp', {
      code: cloudfront.FunctionCode.fromInline(VIEWER_IP_FUNCTION),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Writes the viewer address CloudFront saw into x-viewer-ip (the API rate limit key)',
    });

    this.apiPaths = apiPathPatterns(props.routes);
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: new origins.RestApiOrigin(props.restApi, {
        readTimeout: Duration.seconds(30),
        // CloudFront replaces a viewer's header of the same name: a caller cannot supply it.
        customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret },
      }),
      // No redirect for the API: a redirected POST would lose its body. Plain HTTP is refused.
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Every viewer header but Host (API Gateway needs its own), Authorization included, and the query string.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.securityHeaders,
      functionAssociations: [{ function: this.viewerIp, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Sakhi OSC staff form and API (${Stack.of(this).stackName})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders,
        functionAssociations: [{ function: this.spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(this.apiPaths.map((p) => [p, apiBehavior])),
      // Class 200 includes the edge locations in India (class 100 does not).
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    this.acknowledgeDistribution();

    const url = this.url;
    this.config = {
      mode: 'cognito',
      // The form's own origin: the API paths are served here too. (An empty apiUrl would make the form
      // fall back to its local sign-in: web/src/config.ts requires every field.)
      apiUrl: url.replace(/\/$/, ''),
      cognitoDomain: props.signInUrl,
      clientId: props.clientId,
      redirectUri: url,
      ...props.idle,
    };

    this.builtForm = !!props.distDir && existsSync(join(props.distDir, 'index.html'));
    if (!this.builtForm) {
      Annotations.of(this).addWarningV2(
        'sakhi:web-not-built',
        'web/dist is not built (or bundling is skipped): a placeholder page is deployed. ' +
          'Run `npm run build:web` first (npm run deploy does).',
      );
    }
    this.deploy(props);
  }

  /** https://<distribution domain>/: the form, and the sign-in redirect. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }

  /**
   * Two uploads sharing one deploy-time Lambda: the hashed assets first, cached for a year (index.html names
   * them with a content hash); then index.html and config.json, which browsers revalidate every time, and a
   * CloudFront invalidation so the edge serves the new page at once.
   */
  private deploy(props: WebProps): void {
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const common = {
      destinationBucket: this.bucket,
      prune: false,
      memoryLimit: 256,
      logGroup,
    };
    let assets: s3deploy.BucketDeployment | undefined;
    const distDir = this.builtForm ? props.distDir : undefined;
    if (distDir) {
      assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
        ...common,
        sources: [s3deploy.Source.asset(distDir)],
        exclude: ['index.html', 'config.json'],
        cacheControl: [
          s3deploy.CacheControl.setPublic(),
          s3deploy.CacheControl.maxAge(Duration.days(365)),
          s3deploy.CacheControl.immutable(),
        ],
      });
    }
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [
        distDir
          ? s3deploy.Source.asset(distDir, { exclude: ['*', '!index.html'] })
          : s3deploy.Source.data('index.html', PLACEHOLDER_PAGE),
        s3deploy.Source.jsonData('config.json', this.config),
      ],
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    if (assets) pages.node.addDependency(assets);
    this.acknowledgeDeployment();
  }

  private acknowledgeDistribution(): void {
    const d = Validations.of(this.distribution);
    d.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: staff sign in with MFA from Bihar, but officials travel and Indian mobile data roams; ' +
        'blocking by IP country would lock them out. The API behind it has a regional WAF with IP reputation and ' +
        'rate rules.',
    });
    d.acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'A WAF web ACL for CloudFront must live in us-east-1, outside this regional (ap-south-1) stack. The API ' +
        'origin keeps its own regional WAF (only requests carrying the origin secret CloudFront adds, managed rule ' +
        'groups, a per-viewer rate limit on the address CloudFront saw); the S3 origin serves only the static form.',
    });
    d.acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The distribution uses the default *.cloudfront.net certificate, whose security policy CloudFront fixes at ' +
        'TLSv1 (browsers negotiate TLS 1.2/1.3 anyway). A custom domain (webDomain) needs an ACM certificate in ' +
        'us-east-1; with it, set minimumProtocolVersion TLSv1.2_2021.',
    });
  }

  /** cdk-nag findings on CDK's BucketDeployment Lambda (it runs only during deploys). */
  private acknowledgeDeployment(): void {
    const stack = Stack.of(this);
    const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!provider) return;
    const v = Validations.of(provider);
    // cdk-nag names resources as synthesized: pseudo parameters where the stack is environment-agnostic.
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const assetBucket =
      `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-` +
      `<AWS::AccountId>-${region}/*`;
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    v.acknowledge({
      id: `AwsSolutions-IAM5[Resource::${assetBucket}]`,
      reason:
        "CDK's BucketDeployment reads the zipped form from the CDK asset bucket of this account and region; " +
        "the wildcard covers that bucket's objects only.",
    });
    v.acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`,
      reason:
        "CDK's BucketDeployment writes the form's files into the form bucket; " +
        "the wildcard covers that bucket's objects only.",
    });
    v.acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudfront:CreateInvalidation and GetInvalidation (to refresh the edge after a deploy) support no ' +
        "resource-level permissions in this grant of CDK's BucketDeployment.",
    });
    v.acknowledge({
      id:
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/' + 'service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's BucketDeployment Lambda (runs only during deploys): " +
        'CDK attaches AWSLambdaBasicExecutionRole for its logs.',
    });
    v.acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "CDK's BucketDeployment Lambda runs the Python runtime CDK ships it with (the AWS CLI layer needs it); " +
        'it is not ours to upgrade and runs only during deploys.',
    });
    for (const id of [
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
    ]) {
      v.acknowledge({
        id,
        reason:
          "CDK's BucketDeployment copies the form from the CDK asset bucket into the form bucket: " +
          "these are CDK's read and write grants on those two buckets only.",
      });
    }
  }
}
