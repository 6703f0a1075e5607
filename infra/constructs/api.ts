// The REST API, built from the route table (shared/routes.ts): one resource path, one method and one Lambda
// per route, so a route added there is deployed with no edit here. Every route with roles sits behind the
// Cognito authorizer; a route with no roles (the OpenAPI document) is public and gets no table access.
//
// API Gateway answers some requests itself (no token, throttled, unknown path, WAF block...): those answers
// are shaped as application/problem+json too, as the contract asks of every error.
import { RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { jsonSchemaOf } from '#shared/core/openapi.ts';
import type { Route } from '#shared/core/routes.ts';
import type { RequestSchemaName } from '#shared/schemas.ts';
import { Firewall } from './firewall.ts';
import type { HandlerFunction, TableAccess } from './handler-function.ts';

/**
 * Least privilege by route: a public route never touches data, a read route reads and writes only the record
 * of its read (every read is audited), everything else reads and writes.
 */
export function tableAccessFor(route: Route): TableAccess {
  if (route.roles.length === 0) return 'none';
  if (route.method !== 'GET') return 'readWrite';
  return UNAUDITED_READS.has(route.id) ? 'read' : 'readAudited';
}

/**
 * Reads of the directories (centres, staff, partners) and of the report list hold nothing of a case: they are
 * not recorded, so they may not write a read record either (nor forge one).
 */
export const UNAUDITED_READS: ReadonlySet<string> = new Set([
  'list-centres',
  'list-staff',
  'list-partners',
  'list-reports',
]);

export const isPublic = (route: Route) => route.roles.length === 0;

/** Machine-to-machine routes: an access token with one of these OAuth scopes, not a staff ID token. */
export const isScoped = (route: Route) => (route.scopes?.length ?? 0) > 0;

export interface ApiProps {
  routes: readonly Route[];
  userPool: cognito.IUserPool;
  /** Makes (or returns) the Lambda of a route; called once per route. */
  handlerFor: (route: Route) => HandlerFunction;
  stageName: string;
  /** The API's name in the console and in its metrics' ApiName dimension. */
  name?: string;
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * Each scoped (machine) route's own limit, below the stage's, so a control room's retry storm cannot take
   * the staff's share of the API. Default 5 requests/s, burst 10.
   */
  scopedRouteThrottle?: { rateLimit: number; burstLimit: number };
  wafRateLimitPer5Minutes: number;
  /** The origin secret values the firewall accepts (requests must come through CloudFront). */
  originSecrets: string[];
  /** What the firewall does without the origin secret (stage config originCheck). */
  originCheck?: 'block' | 'count';
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
  /**
   * Also reject invalid bodies at the gateway, against the models. Off by default: API Gateway's own 400
   * carries one opaque message, while the contract's 400 names every bad field (`errors[].path`), which the
   * handlers' zod validation gives. The models are attached either way (documentation, SDKs, and this switch).
   */
  validateRequestBodies?: boolean;
}

/** [gateway answer, status, title]: what API Gateway says itself, in the contract's error shape. */
const GATEWAY_PROBLEMS: Array<[apigw.ResponseType, number, string]> = [
  [apigw.ResponseType.BAD_REQUEST_BODY, 400, 'Invalid input'],
  [apigw.ResponseType.BAD_REQUEST_PARAMETERS, 400, 'Invalid input'],
  [apigw.ResponseType.UNAUTHORIZED, 401, 'Unauthorized'],
  [apigw.ResponseType.ACCESS_DENIED, 403, 'Forbidden'],
  [apigw.ResponseType.WAF_FILTERED, 403, 'Forbidden'],
  // What API Gateway answers for a path or method it does not know.
  [apigw.ResponseType.MISSING_AUTHENTICATION_TOKEN, 404, 'Not found'],
  [apigw.ResponseType.RESOURCE_NOT_FOUND, 404, 'Not found'],
  [apigw.ResponseType.REQUEST_TOO_LARGE, 413, 'Payload too large'],
  [apigw.ResponseType.UNSUPPORTED_MEDIA_TYPE, 415, 'Unsupported media type'],
  [apigw.ResponseType.THROTTLED, 429, 'Too many requests'],
  [apigw.ResponseType.QUOTA_EXCEEDED, 429, 'Too many requests'],
  [apigw.ResponseType.INTEGRATION_TIMEOUT, 504, 'Gateway timeout'],
  [apigw.ResponseType.DEFAULT_4XX, 400, 'Bad request'],
  [apigw.ResponseType.DEFAULT_5XX, 500, 'Internal error'],
];

export class Api extends Construct {
  readonly restApi: apigw.RestApi;
  readonly authorizer: apigw.CognitoUserPoolsAuthorizer;
  readonly accessLogs: logs.LogGroup;
  readonly firewall: Firewall;
  /** By route id. */
  readonly methods = new Map<string, apigw.Method>();
  readonly handlers = new Map<string, HandlerFunction>();
  private readonly models = new Map<RequestSchemaName, apigw.Model>();

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    const scopedThrottle = props.scopedRouteThrottle ?? { rateLimit: 5, burstLimit: 10 };
    this.restApi = new apigw.RestApi(this, 'RestApi', {
      restApiName: props.name,
      description: 'Sakhi One-Stop Centre case API',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      // Answers of 1 KB or more go gzipped to a client that accepts it (a page of the case list shrinks about
      // fivefold on a centre's slow link). CloudFront does not compress the API behaviour: with caching
      // disabled it compresses nothing, so the compression has to happen here.
      minCompressionSize: Size.kibibytes(1),
      // The account-wide role that lets API Gateway write logs. Retained: stages sharing an account share it.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: props.stageName,
        tracingEnabled: true,
        metricsEnabled: true,
        // Errors only, and never request or response bodies: those carry survivors' details.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttle.rateLimit,
        throttlingBurstLimit: props.throttle.burstLimit,
        methodOptions: Object.fromEntries(
          props.routes
            .filter(isScoped)
            .map((r) => [
              `${r.path}/${r.method}`,
              { throttlingRateLimit: scopedThrottle.rateLimit, throttlingBurstLimit: scopedThrottle.burstLimit },
            ]),
        ),
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        // Ids and outcomes only: the resource path is the template (/cases/{caseId}), the caller is a Cognito sub.
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            traceId: apigw.AccessLogField.contextXrayTraceId(),
            time: apigw.AccessLogField.contextRequestTime(),
            ip: apigw.AccessLogField.contextIdentitySourceIp(),
            method: apigw.AccessLogField.contextHttpMethod(),
            resource: apigw.AccessLogField.contextResourcePath(),
            protocol: apigw.AccessLogField.contextProtocol(),
            status: apigw.AccessLogField.contextStatus(),
            responseLength: apigw.AccessLogField.contextResponseLength(),
            latency: apigw.AccessLogField.contextResponseLatency(),
            integrationLatency: apigw.AccessLogField.contextIntegrationLatency(),
            sub: apigw.AccessLogField.contextAuthorizerClaims('sub'),
            error: apigw.AccessLogField.contextErrorResponseType(),
            waf: apigw.AccessLogField.contextWafResponseCode(),
          }),
        ),
      },
    });

    this.authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
    });

    const validateBodies = props.validateRequestBodies ?? false;
    const validator = this.restApi.addRequestValidator('Validator', {
      validateRequestParameters: true,
      validateRequestBody: validateBodies,
    });
    if (!validateBodies) {
      Validations.of(this.restApi).acknowledge({
        id: 'AwsSolutions-APIG2',
        reason:
          'Request parameters are validated at the gateway; bodies are validated in every handler with the zod ' +
          'schemas the models are generated from, because the contract requires a 400 naming each bad field ' +
          '(errors[].path), which API Gateway validation cannot produce. Set validateRequestBodies to validate at ' +
          'the gateway too.',
      });
    }

    for (const route of props.routes) this.addRoute(route, props.handlerFor(route), validator);

    for (const [type, status, title] of GATEWAY_PROBLEMS) {
      this.restApi.addGatewayResponse(`Problem${type.responseType}`, {
        type,
        statusCode: String(status),
        responseHeaders: {
          'Content-Type': "'application/problem+json'",
          'Cache-Control': "'no-store'",
          'X-Content-Type-Options': "'nosniff'",
        },
        templates: {
          'application/json':
            `{"type":"about:blank","title":"${title}",` + `"status":${status},"detail":$context.error.messageString}`,
        },
      });
    }

    this.firewall = new Firewall(this, 'Firewall', {
      resourceArn: this.restApi.deploymentStage.stageArn,
      rateLimitPer5Minutes: props.wafRateLimitPer5Minutes,
      originSecrets: props.originSecrets,
      originCheck: props.originCheck,
      machinePaths: [...new Set(props.routes.filter(isScoped).map((r) => r.path))],
    });

    // The account-level CloudWatch role: AWS's own managed policy is the documented way to grant it.
    const cwRole = this.restApi.node.tryFindChild('CloudWatchRole');
    if (cwRole) {
      Validations.of(cwRole).acknowledge({
        id:
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/' +
          'service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The API Gateway account role that writes execution and access logs; ' +
          'AmazonAPIGatewayPushToCloudWatchLogs is the AWS-maintained policy made for exactly this role.',
      });
    }
  }

  /** The URL of the deployed stage. */
  get url(): string {
    return this.restApi.url;
  }

  private addRoute(route: Route, handler: HandlerFunction, validator: apigw.RequestValidator): void {
    const resource = this.restApi.root.resourceForPath(route.path);
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const requestParameters = Object.fromEntries(pathParams.map((p) => [`method.request.path.${p}`, true]));
    const integration = new apigw.LambdaIntegration(handler.fn, { allowTestInvoke: false });

    const method = resource.addMethod(route.method, integration, {
      operationName: route.id,
      requestValidator: validator,
      requestParameters,
      ...(route.body ? { requestModels: { 'application/json': this.model(route.body) } } : {}),
      ...(isPublic(route)
        ? { authorizationType: apigw.AuthorizationType.NONE }
        : {
            authorizationType: apigw.AuthorizationType.COGNITO,
            authorizer: this.authorizer,
            // With scopes, the same authorizer accepts only access tokens that carry one of them.
            ...(isScoped(route) ? { authorizationScopes: [...(route.scopes ?? [])] } : {}),
          }),
    });

    if (isPublic(route)) {
      const reason =
        `${route.method} ${route.path} is public by design (no roles in shared/routes.ts): ` +
        'it serves no case data and its Lambda has no table access.';
      Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
      Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
    }
    this.methods.set(route.id, method);
    this.handlers.set(route.id, handler);
  }

  /** One model per request schema, generated from the zod schema (draft-04, what API Gateway validates). */
  private model(name: RequestSchemaName): apigw.Model {
    let model = this.models.get(name);
    if (!model) {
      model = this.restApi.addModel(`Model${name}`, {
        contentType: 'application/json',
        description: `${name} request body, generated from shared/schemas.ts`,
        schema: jsonSchemaOf(name, 'draft-4') as apigw.JsonSchema,
      });
      this.models.set(name, model);
    }
    return model;
  }
}
